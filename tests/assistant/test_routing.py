"""Routing to people: topic → team, opening hours in Danish time, the answer sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from portal.domain.languages import LANGUAGE_CODES
from portal.domain.routing import (
    RoutingError,
    answer_time,
    danish_public_holidays,
    easter_sunday,
    is_closed_day,
    load_routing,
    parse_routing,
    reply_expected,
    team_for_topic,
)

REPO = Path(__file__).resolve().parents[2]
CPH = ZoneInfo("Europe/Copenhagen")
TOPIC_IDS = {t["id"] for t in yaml.safe_load((REPO / "content/topics.yaml").read_text())["topics"]}


@pytest.fixture(scope="module")
def table():
    return load_routing(REPO / "content" / "routing.yaml", TOPIC_IDS)


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CPH)


def test_every_topic_is_routed_to_a_named_team(table) -> None:
    assert set(table.topic_teams) == TOPIC_IDS
    assert set(table.teams) == {
        "benefits",
        "sickness",
        "integration",
        "business_service",
        "general",
    }
    for team in table.teams.values():
        for code in LANGUAGE_CODES:
            assert team.name(code).strip()


@pytest.mark.parametrize(
    ("topic", "team"),
    [
        ("dagpenge_amount", "benefits"),
        ("kontanthjaelp_eligibility", "benefits"),
        ("sickness_benefit", "sickness"),
        ("integration_programme", "integration"),
        ("recruitment_help", "business_service"),
        ("wage_subsidy", "business_service"),
        ("talk_to_caseworker", "general"),
        ("out_of_scope", "general"),
        (None, "general"),
        ("no_such_topic", "general"),
    ],
)
def test_team_for_topic(table, topic, team) -> None:
    assert team_for_topic(table, topic).id == team


def test_open_now_until_closing(table) -> None:
    general = table.team("general")
    when = answer_time(table, general, local(2026, 11, 24, 10, 0))  # Tuesday
    assert when.open_now
    assert when.until == local(2026, 11, 24, 15, 0)


def test_evening_answers_next_morning(table) -> None:
    general = table.team("general")
    when = answer_time(table, general, local(2026, 11, 24, 19, 0))
    assert not when.open_now
    assert when.starts == local(2026, 11, 25, 9, 0)


def test_last_half_hour_counts_as_closed(table) -> None:
    general = table.team("general")
    when = answer_time(table, general, local(2026, 11, 24, 14, 45))
    assert not when.open_now
    assert when.starts == local(2026, 11, 25, 9, 0)


def test_friday_afternoon_answers_monday(table) -> None:
    when = answer_time(table, table.team("general"), local(2026, 11, 27, 13, 30))
    assert when.starts == local(2026, 11, 30, 9, 0)


def test_utc_input_is_converted_to_danish_time(table) -> None:
    # 07:30 UTC in winter is 08:30 in Copenhagen: sickness opens at 08:30.
    when = answer_time(
        table, table.team("sickness"), dt.datetime(2026, 11, 24, 7, 30, tzinfo=dt.UTC)
    )
    assert when.open_now
    # In summer (UTC+2) 06:45 UTC is 08:45 local.
    summer = answer_time(
        table, table.team("sickness"), dt.datetime(2026, 6, 16, 6, 45, tzinfo=dt.UTC)
    )
    assert summer.open_now


def test_split_day_hours(table) -> None:
    sickness = table.team("sickness")
    lunch = answer_time(table, sickness, local(2026, 11, 26, 12, 15))  # Thursday lunch
    assert lunch.starts == local(2026, 11, 26, 13, 0)


def test_christmas_and_easter_are_closed(table) -> None:
    general = table.team("general")
    when = answer_time(table, general, local(2026, 12, 23, 16, 0))
    assert when.starts == local(2026, 12, 28, 9, 0)  # 24th, 25th, 26th, weekend closed
    easter = answer_time(table, general, local(2026, 4, 1, 16, 0))  # before skærtorsdag
    assert easter.starts == local(2026, 4, 7, 9, 0)


def test_easter_dates() -> None:
    assert easter_sunday(2026) == dt.date(2026, 4, 5)
    assert easter_sunday(2027) == dt.date(2027, 3, 28)
    assert easter_sunday(2024) == dt.date(2024, 3, 31)
    holidays = danish_public_holidays(2026)
    assert dt.date(2026, 5, 14) in holidays  # Kristi himmelfartsdag
    assert dt.date(2026, 5, 25) in holidays  # 2. pinsedag
    assert dt.date(2026, 5, 1) not in holidays  # store bededag abolished from 2024


def test_configured_closed_days(table) -> None:
    assert is_closed_day(table, dt.date(2026, 6, 5))  # grundlovsdag (closed_annually)
    assert not is_closed_day(table, dt.date(2026, 6, 4))


def test_naive_datetime_is_refused(table) -> None:
    with pytest.raises(ValueError):
        answer_time(table, table.team("general"), dt.datetime(2026, 11, 24, 10))


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_reply_sentence_in_every_language(table, language) -> None:
    team = table.team("benefits")
    closed = reply_expected(table, team, language, local(2026, 11, 24, 20, 0))
    assert team.name(language) in closed
    assert "09:00" in closed
    open_now = reply_expected(table, team, language, local(2026, 11, 24, 10, 0))
    assert team.name(language) in open_now
    assert "14:00" in open_now
    assert closed != open_now


def test_danish_and_english_sentences(table) -> None:
    at = local(2026, 11, 24, 20, 0)
    da = reply_expected(table, table.team("benefits"), "da", at)
    assert da == (
        "Ydelsesteamet svarer dig, når de har åbent igen: onsdag den 25. november kl. 09:00 "
        "(dansk tid)."
    )
    en = reply_expected(table, table.team("benefits"), "en", at)
    assert en.startswith("The benefits team will answer you when they open again: Wednesday")


def minimal(**changes):
    data = {
        "timezone": "Europe/Copenhagen",
        "default_team": "general",
        "teams": {
            "general": {
                "names": {code: f"G-{code}" for code in LANGUAGE_CODES},
                "hours": {"mon": ["09:00-15:00"]},
            }
        },
        "topics": {"a": "general"},
        "messages": {
            code: {"open_now": "{team} {until}", "closed": "{team} {when}", "when_pattern": "HH:mm"}
            for code in LANGUAGE_CODES
        },
    }
    data.update(changes)
    return data


def test_minimal_rules_parse() -> None:
    table = parse_routing(minimal(), {"a"})
    assert team_for_topic(table, "a").id == "general"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"default_team": "nobody"}, "default_team"),
        ({"topics": {"a": "ghost"}}, "unknown team"),
        ({"topics": {}}, "'a' is not routed"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"closed_dates": ["2026-13-01"]}, "closed_dates"),
    ],
)
def test_invalid_rules_are_reported(changes, problem) -> None:
    with pytest.raises(RoutingError) as err:
        parse_routing(minimal(**changes), {"a"})
    assert any(problem in p for p in err.value.problems)


def test_bad_hours_and_missing_names_are_reported() -> None:
    data = minimal()
    data["teams"]["general"]["hours"] = {"mon": ["15:00-09:00"], "xyz": ["09:00-10:00"]}
    del data["teams"]["general"]["names"]["ti"]
    data["messages"]["fa"]["closed"] = "no placeholder"
    with pytest.raises(RoutingError) as err:
        parse_routing(data, {"a"})
    text = "\n".join(err.value.problems)
    assert "ends before it starts" in text
    assert "unknown weekday 'xyz'" in text
    assert "missing name in 'ti'" in text
    assert "messages.fa.closed: lacks {team}" in text
