"""Effect steering for managers: anonymised figures about whether the help works.

Pure computations over plain facts (no database, no Flask): the web layer turns rows into
`CitizenFacts` and calls `build_steering`. Every figure that counts people obeys one rule:

**Small-cell suppression.** No group of fewer than `MIN_GROUP` (5) people is shown, neither
its count nor any figure computed from it (`suppressed_groups`). When a breakdown also shows a
total, one hidden group could be found by subtraction, so while the hidden groups together
hold 1-4 people the next smallest group is hidden as well (secondary suppression). A
suppressed group is left out of the page and the CSV; the page says that groups under 5 are
not shown. Zero is shown (it describes nobody).

Definitions (the CSV carries them as descriptions, see the web layer):
- Progression: per target group and band of months since registration, the mean of each of
  the six self-rating dimensions (portal.domain.progress_chart.DIMENSIONS) over the citizens
  who rated in that band (each citizen's latest rating in the band counts once).
- Prepared before the first meeting: among citizens whose first meeting starts in the period,
  the share who had sent a preparation before the meeting started.
- Time to first meeting: median days from registration to the first meeting, same citizens.
- Assistant figures come from portal.domain.insight (conversations, not people; handoffs per
  language are suppressed like people, since a rare language can point at a person).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from portal.domain.progress_chart import DIMENSIONS
from portal.domain.texts import N_

MIN_GROUP = 5
UNKNOWN = "unknown"
ALL = "all"
# Target groups (målgrupper) staff can record for a citizen (portal.models.support).
TARGET_GROUPS: dict[str, str] = {
    "dagpenge": N_("Dagpengemodtagere"),
    "jobparat": N_("Jobparate kontanthjælpsmodtagere"),
    "aktivitetsparat": N_("Aktivitetsparate kontanthjælpsmodtagere"),
    "sygedagpenge": N_("Sygedagpengemodtagere"),
    "integration": N_("Selvforsørgelses- og hjemrejseydelse"),
    "other": N_("Anden målgruppe"),
}
GROUP_NAMES: dict[str, str] = {**TARGET_GROUPS, UNKNOWN: N_("Ikke registreret"), ALL: N_("Alle")}
# Bands of whole months since registration: (code, first month, last month or None).
MONTH_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-2", 0, 2),
    ("3-5", 3, 5),
    ("6-11", 6, 11),
    ("12+", 12, None),
)


@dataclass(frozen=True)
class Rating:
    """One self-assessment: when, and a score (1-10) or None per dimension."""

    recorded_at: dt.datetime
    scores: Mapping[str, int | None]


@dataclass(frozen=True)
class CitizenFacts:
    """What steering needs about one citizen; no name, no id that leaves this module."""

    registered_at: dt.datetime
    team: str | None = None
    target_group: str | None = None
    first_meeting_at: dt.datetime | None = None
    prepared_at: dt.datetime | None = None  # when the preparation was sent (None: never)
    ratings: tuple[Rating, ...] = ()


@dataclass(frozen=True)
class ProgressCell:
    """Mean score per dimension of `people` citizens in one target group and month band."""

    target_group: str
    band: str
    people: int
    means: Mapping[str, float | None]


@dataclass(frozen=True)
class GroupFigure:
    """A figure for one group (a team, or ALL): `value` is a share (0-1) or days."""

    group: str
    people: int
    value: float | None


@dataclass(frozen=True)
class SteeringReport:
    """Everything the steering page shows, already suppressed."""

    progress: list[ProgressCell]
    progress_overall: list[ProgressCell]
    prepared: list[GroupFigure]
    days_to_first_meeting: list[GroupFigure]
    suppressed_any: bool = False
    hidden: dict[str, int] = field(default_factory=dict)  # how many groups each figure hid


def suppressed_groups(counts: Mapping[str, int], total_shown: bool = True) -> set[str]:
    """Groups to hide: every group of 1-4 people, and, when a total is shown and the hidden
    groups together hold 1-4 people, also the smallest shown group(s) until they do not."""
    hidden = {g for g, n in counts.items() if 0 < n < MIN_GROUP}
    if not total_shown:
        return hidden
    while 0 < sum(counts[g] for g in hidden) < MIN_GROUP:
        rest = sorted((n, g) for g, n in counts.items() if g not in hidden and n > 0)
        if not rest:
            break
        hidden.add(rest[0][1])
    return hidden


def months_between(start: dt.datetime, end: dt.datetime) -> int:
    """Whole calendar months from `start` to `end` (0 in the first month)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(0, months)


def band_of(months: int) -> str:
    """The MONTH_BANDS code for a number of months since registration."""
    for code, first, last in MONTH_BANDS:
        if months >= first and (last is None or months <= last):
            return code
    raise ValueError(f"negative months: {months}")


def _latest_per_band(citizen: CitizenFacts, since: dt.datetime) -> dict[str, Rating]:
    latest: dict[str, Rating] = {}
    for rating in sorted(citizen.ratings, key=lambda r: r.recorded_at):
        if rating.recorded_at < since:
            continue
        latest[band_of(months_between(citizen.registered_at, rating.recorded_at))] = rating
    return latest


def _means(ratings: Sequence[Rating]) -> dict[str, float | None]:
    means: dict[str, float | None] = {}
    for dim in DIMENSIONS:
        values = [r.scores[dim] for r in ratings if r.scores.get(dim) is not None]
        means[dim] = statistics.fmean(v for v in values if v is not None) if values else None
    return means


def progression(
    citizens: Iterable[CitizenFacts], since: dt.datetime, by_group: bool = True
) -> list[ProgressCell]:
    """Mean scores per (target group, month band), suppressed, in band order per group.
    With `by_group=False` every citizen is in one group, ALL."""
    cells: dict[tuple[str, str], list[Rating]] = {}
    for citizen in citizens:
        group = (citizen.target_group or UNKNOWN) if by_group else ALL
        for band, rating in _latest_per_band(citizen, since).items():
            cells.setdefault((group, band), []).append(rating)
    # Each band is its own breakdown by group (people are counted once per band); the page
    # shows no per-band total, so only primary suppression applies.
    hidden = suppressed_groups({f"{g}|{b}": len(r) for (g, b), r in cells.items()}, False)
    order = {code: i for i, (code, *_) in enumerate(MONTH_BANDS)}
    return [
        ProgressCell(group, band, len(ratings), _means(ratings))
        for (group, band), ratings in sorted(cells.items(), key=lambda i: (i[0][0], order[i[0][1]]))
        if f"{group}|{band}" not in hidden
    ]


def _first_meeting_citizens(
    citizens: Iterable[CitizenFacts], since: dt.datetime, until: dt.datetime
) -> list[CitizenFacts]:
    return [
        c
        for c in citizens
        if c.first_meeting_at is not None and since <= c.first_meeting_at <= until
    ]


def _by_team(citizens: Sequence[CitizenFacts]) -> dict[str, list[CitizenFacts]]:
    groups: dict[str, list[CitizenFacts]] = {}
    for c in citizens:
        groups.setdefault(c.team or UNKNOWN, []).append(c)
    return groups


Measure = Callable[[Sequence[CitizenFacts]], float | None]


def _per_team(citizens: Sequence[CitizenFacts], measure: Measure) -> tuple[list[GroupFigure], int]:
    groups = _by_team(citizens)
    hidden = suppressed_groups({g: len(members) for g, members in groups.items()})
    figures = [
        GroupFigure(g, len(members), measure(members))
        for g, members in sorted(groups.items())
        if g not in hidden
    ]
    if len(citizens) >= MIN_GROUP:
        figures.append(GroupFigure(ALL, len(citizens), measure(citizens)))
    return figures, len(hidden)


def prepared_share(citizens: Sequence[CitizenFacts]) -> float | None:
    """Share who sent a preparation before their first meeting started."""
    met = [c for c in citizens if c.first_meeting_at is not None]
    if not met:
        return None
    prepared = sum(
        1
        for c in met
        if c.prepared_at is not None
        and c.first_meeting_at is not None
        and c.prepared_at <= c.first_meeting_at
    )
    return prepared / len(met)


def median_days_to_first_meeting(citizens: Sequence[CitizenFacts]) -> float | None:
    """Median days (with fractions) from registration to the first meeting."""
    days = [
        (c.first_meeting_at - c.registered_at).total_seconds() / 86400
        for c in citizens
        if c.first_meeting_at is not None
    ]
    return statistics.median(days) if days else None


def build_steering(
    citizens: Iterable[CitizenFacts], since: dt.datetime, until: dt.datetime
) -> SteeringReport:
    """All people-based steering figures for a period (team filtering is done by the caller:
    pass only that team's citizens)."""
    everyone = list(citizens)
    met = _first_meeting_citizens(everyone, since, until)
    prepared, hidden_prepared = _per_team(met, prepared_share)
    days, hidden_days = _per_team(met, median_days_to_first_meeting)
    progress = progression(everyone, since)
    overall = progression(everyone, since, by_group=False)
    all_progress_cells = {
        (c.target_group or UNKNOWN, band) for c in everyone for band in _latest_per_band(c, since)
    }
    hidden = {
        "progress": len(all_progress_cells) - len(progress),
        "prepared": hidden_prepared,
        "days_to_first_meeting": hidden_days,
    }
    return SteeringReport(
        progress=progress,
        progress_overall=overall,
        prepared=prepared,
        days_to_first_meeting=days,
        suppressed_any=any(hidden.values()) or (0 < len(met) < MIN_GROUP),
        hidden=hidden,
    )


def suppress_counts(counts: Iterable[tuple[str, int]]) -> tuple[list[tuple[str, int]], int]:
    """(label, count) rows without the groups of 1-4 (and the secondary ones, since the
    page shows the total); returns the rows kept and how many were hidden."""
    rows = list(counts)
    hidden = suppressed_groups(dict(rows))
    return [(label, n) for label, n in rows if label not in hidden], len(hidden)


# --- Matches (issue 13, items 1-2, built on another branch) -------------------------------


@dataclass(frozen=True)
class MatchFigures:
    """Contact requests employers sent to citizens' anonymous profiles, and accepted ones."""

    requested: int
    accepted: int


def match_figures(requested: int, accepted: int) -> MatchFigures | None:
    """Contact requests sent in the period and how many citizens accepted; None when no
    request was sent (the page then says there is no match data yet)."""
    if requested <= 0:
        return None
    return MatchFigures(requested=requested, accepted=min(accepted, requested))
