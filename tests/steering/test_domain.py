"""Effect steering and the refund staircase, domain only: figures computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from portal.domain import spell_cost, steering
from portal.domain.rates import RateSet, load_rates
from portal.domain.spell_cost import Model
from portal.domain.steering import CitizenFacts, Rating

REPO = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
SINCE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
UNTIL = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def rates() -> RateSet:
    return load_rates(REPO / "content" / "rates").for_date(dt.date(2026, 6, 1))


def scores(value: int) -> dict[str, int | None]:
    return {
        "job": value,
        "health": None,
        "skills": value,
        "network": 5,
        "danish": 5,
        "structure": 5,
    }


# --- suppression ---------------------------------------------------------------------------


def test_a_group_of_four_is_hidden_and_five_is_shown() -> None:
    assert steering.suppressed_groups({"a": 4, "b": 5, "c": 9, "d": 0}, total_shown=False) == {"a"}
    # with a total shown, the smallest other group goes too (10 + 9 - 5 - 9 would be 4)
    assert steering.suppressed_groups({"a": 4, "b": 5, "c": 9, "d": 0}) == {"a", "b"}


def test_secondary_suppression_when_the_total_would_reveal_the_hidden_group() -> None:
    # a (4) hidden; the total 10 minus b (6) would give 4: b is hidden as well
    assert steering.suppressed_groups({"a": 4, "b": 6}) == {"a", "b"}
    # two small groups that together reach 5 need no more hiding
    assert steering.suppressed_groups({"a": 2, "b": 3, "c": 7}) == {"a", "b"}
    # without a shown total only the small group goes
    assert steering.suppressed_groups({"a": 4, "b": 6}, total_shown=False) == {"a"}


def test_suppress_counts_leaves_out_small_language_groups() -> None:
    rows, hidden = steering.suppress_counts([("da", 12), ("ti", 1), ("ar", 6), ("so", 4)])
    assert rows == [("da", 12), ("ar", 6)] and hidden == 2  # ti + so = 5: no more hiding


# --- figures -------------------------------------------------------------------------------


def met(team: str, days: float, prepared: bool, target: str | None = None) -> CitizenFacts:
    first = T0 + dt.timedelta(days=days)
    return CitizenFacts(
        registered_at=T0,
        team=team,
        target_group=target,
        first_meeting_at=first,
        prepared_at=first - dt.timedelta(hours=1) if prepared else None,
    )


def test_prepared_share_and_median_days_per_team_hide_a_team_of_four() -> None:
    citizens = (
        [
            met("general", d, p)
            for d, p in ((2, True), (4, True), (6, False), (8, True), (10, False), (12, True))
        ]
        + [met("sickness", 3, True) for _ in range(5)]
        + [met("benefits", 1, False) for _ in range(4)]
    )
    report = steering.build_steering(citizens, SINCE, UNTIL)
    prepared = {f.group: (f.people, f.value) for f in report.prepared}
    # benefits (4) hidden; 4 < 5 so the next smallest (sickness, 5) is hidden as well
    assert "benefits" not in prepared and "sickness" not in prepared
    assert prepared["general"] == (6, pytest.approx(4 / 6))
    assert prepared[steering.ALL] == (15, pytest.approx((4 + 5) / 15))
    days = {f.group: f.value for f in report.days_to_first_meeting}
    assert days["general"] == pytest.approx(7.0)  # median of 2, 4, 6, 8, 10, 12
    assert days[steering.ALL] == pytest.approx(3.0)  # 4×1, 5×3, 2, 4, … → the 8th of 15 is 3
    assert report.suppressed_any and report.hidden["prepared"] == 2


def test_a_preparation_sent_after_the_meeting_does_not_count() -> None:
    late = CitizenFacts(T0, "general", None, T0 + dt.timedelta(days=3), T0 + dt.timedelta(days=4))
    early = CitizenFacts(T0, "general", None, T0 + dt.timedelta(days=3), T0 + dt.timedelta(days=1))
    assert steering.prepared_share([late, early]) == 0.5


def test_fewer_than_five_people_in_all_shows_nothing() -> None:
    report = steering.build_steering([met("general", 2, True) for _ in range(4)], SINCE, UNTIL)
    assert report.prepared == [] and report.days_to_first_meeting == []
    assert report.suppressed_any


def rated(target: str | None, *points: tuple[int, int]) -> CitizenFacts:
    """A citizen registered at T0 who rated (days after registration, score)."""
    return CitizenFacts(
        registered_at=T0,
        target_group=target,
        ratings=tuple(Rating(T0 + dt.timedelta(days=d), scores(v)) for d, v in points),
    )


def test_progression_means_per_target_group_and_month_band() -> None:
    jobparat = [rated("jobparat", (10, v), (40, v + 1), (100, v + 2)) for v in (2, 3, 4, 5, 6)]
    few = [rated("aktivitetsparat", (10, 7)) for _ in range(4)]
    cells = steering.progression(jobparat + few, SINCE)
    by_key = {(c.target_group, c.band): c for c in cells}
    # months 0-2: each citizen's latest rating in the band is the one at day 40: v+1 = 3..7
    first = by_key[("jobparat", "0-2")]
    assert first.people == 5 and first.means["job"] == pytest.approx(5.0)
    assert first.means["health"] is None and first.means["network"] == pytest.approx(5.0)
    # months 3-5 (day 100): v+2 = 4..8
    assert by_key[("jobparat", "3-5")].means["skills"] == pytest.approx(6.0)
    assert ("aktivitetsparat", "0-2") not in by_key  # 4 people: never shown
    overall = steering.progression(jobparat + few, SINCE, by_group=False)
    # all 9 in 0-2: (3+4+5+6+7 + 4×7) / 9
    assert overall[0].people == 9 and overall[0].means["job"] == pytest.approx(53 / 9)


def test_months_between_and_bands() -> None:
    assert steering.months_between(T0, T0 + dt.timedelta(days=26)) == 0
    assert (
        steering.months_between(
            dt.datetime(2026, 1, 31, tzinfo=dt.UTC), dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        )
        == 1
    )
    assert [steering.band_of(m) for m in (0, 2, 3, 5, 6, 11, 12, 40)] == [
        "0-2",
        "0-2",
        "3-5",
        "3-5",
        "6-11",
        "6-11",
        "12+",
        "12+",
    ]


def test_match_figures_say_no_data_without_requests() -> None:
    assert steering.match_figures(0, 0) is None
    figures = steering.match_figures(7, 3)
    assert figures is not None and (figures.requested, figures.accepted) == (7, 3)


# --- the refund staircase ------------------------------------------------------------------


def test_staircase_comes_from_the_rate_files(rates: RateSet) -> None:
    refund = spell_cost.staircase_figures(Model.REFUND, rates)
    assert [f.value for f in refund] == [80, 40, 30, 20]
    assert all(f.source_url and f.status.value == "confirmed" for f in refund)
    cofin = spell_cost.staircase_figures(Model.COFINANCING, rates)
    assert [f.value for f in cofin] == [20, 60, 70, 80]


def test_kontanthjaelp_30_weeks_at_1000_kr(rates: RateSet) -> None:
    # weeks 1-4: 20 % of 1000 = 200 × 4 = 800; 5-26: 600 × 22 = 13,200 (14,000);
    # 27-30: 700 × 4 = 2,800 → 16,800
    cumulative = spell_cost.cumulative_cost(Decimal(1000), 30, Model.REFUND, rates)
    assert cumulative[3] == 800 and cumulative[25] == 14000 and cumulative[-1] == 16800
    steps = spell_cost.steps(Decimal(1000), 30, Model.REFUND, rates)
    assert [(s.first_week, s.last_week) for s in steps] == [(1, 4), (5, 26), (27, 30)]
    assert [s.state_pct for s in steps] == [80, 40, 30]
    assert [s.weekly_cost for s in steps] == [200, 600, 700]
    assert [s.step_cost for s in steps] == [800, 13200, 2800]
    assert [s.cumulative for s in steps] == [800, 14000, 16800]


def test_dagpenge_60_weeks_at_1000_kr_is_cofinanced(rates: RateSet) -> None:
    # 1-4: 20 % → 800; 5-26: 60 % → 13,200; 27-52: 70 % × 26 = 18,200; 53-60: 80 % × 8 = 6,400
    steps = spell_cost.steps(Decimal(1000), 60, Model.COFINANCING, rates)
    assert [s.step_cost for s in steps] == [800, 13200, 18200, 6400]
    assert steps[-1].cumulative == 38600 and steps[-1].municipal_pct == 80


def test_suggested_amounts_come_from_the_rates(rates: RateSet) -> None:
    amount, figure = spell_cost.suggested_weekly_amount("kontanthjaelp", rates)
    assert figure.key == "kontanthjaelp.grundsats"
    assert amount == (figure.value * 12 / 52).quantize(Decimal("0.01"))
    amount, figure = spell_cost.suggested_weekly_amount("sygedagpenge", rates)
    assert amount == figure.value


def test_spell_distribution_per_step_hides_small_steps(rates: RateSet) -> None:
    spells = [2] * 6 + [10] * 4 + [30] * 5 + [60] * 7
    bands, hidden = spell_cost.spell_distribution(spells, Decimal(1000), Model.REFUND, rates)
    # 5-26 has 4: hidden; 4 < 5 so the smallest other (27-52, 5) goes too
    assert [(b.step, b.people, b.weekly_cost_each) for b in bands] == [
        ("1-4", 6, 200),
        ("53+", 7, 800),
    ]
    assert hidden == 2
