"""Routing to people: which team answers a topic, and when they will answer.

The rules are data (`content/routing.yaml`): topic → team, each team's weekly opening
hours in Danish local time, closed days, team names and the "who answers and when"
sentence in every portal language. This module loads and validates that file and
answers two questions without any web framework: `team_for_topic` and `answer_time` /
`reply_expected`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from babel.dates import format_datetime

from portal.domain.languages import LANGUAGE_CODES, SOURCE_LANGUAGE

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
OUT_OF_SCOPE = "out_of_scope"
_MAX_SEARCH_DAYS = 60


class RoutingError(Exception):
    """The routing file is invalid; `problems` lists what is wrong."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid routing rules:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Team:
    """A caseworker team with a queue: id, names per language, weekly opening hours."""

    id: str
    names: Mapping[str, str]
    hours: Mapping[int, tuple[tuple[dt.time, dt.time], ...]]  # weekday (Mon=0) → intervals

    def name(self, language: str) -> str:
        """The team's name in `language` (Danish when missing)."""
        return self.names.get(language) or self.names[SOURCE_LANGUAGE]


@dataclass(frozen=True)
class AnswerTime:
    """When a team will answer: now (until `until`) or from `starts` (local Danish time)."""

    open_now: bool
    starts: dt.datetime
    until: dt.datetime


@dataclass(frozen=True)
class RoutingTable:
    """Validated routing rules."""

    timezone: ZoneInfo
    teams: Mapping[str, Team]
    topic_teams: Mapping[str, str]
    default_team: str
    last_intake: dt.timedelta
    public_holidays: bool
    closed_annually: frozenset[tuple[int, int]]
    closed_dates: frozenset[dt.date]
    messages: Mapping[str, Mapping[str, str]]

    def team(self, team_id: str) -> Team:
        """The team with this id (KeyError when unknown)."""
        return self.teams[team_id]


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar), by the anonymous Gregorian algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def danish_public_holidays(year: int) -> frozenset[dt.date]:
    """Danish public holidays of a year (store bededag is not one from 2024 on)."""
    easter = easter_sunday(year)
    offsets = [-3, -2, 0, 1, 39, 49, 50]  # skærtorsdag … 2. pinsedag
    if year < 2024:
        offsets.append(26)  # store bededag, abolished from 2024
    days = {easter + dt.timedelta(days=o) for o in offsets}
    days |= {dt.date(year, 1, 1), dt.date(year, 12, 25), dt.date(year, 12, 26)}
    return frozenset(days)


def _parse_interval(text: str, where: str, problems: list[str]) -> tuple[dt.time, dt.time] | None:
    try:
        start_s, end_s = (part.strip() for part in str(text).split("-"))
        start, end = dt.time.fromisoformat(start_s), dt.time.fromisoformat(end_s)
    except ValueError:
        problems.append(f"{where}: '{text}' is not HH:MM-HH:MM")
        return None
    if start >= end:
        problems.append(f"{where}: '{text}' ends before it starts")
        return None
    return start, end


def _parse_team(team_id: str, raw: Any, problems: list[str]) -> Team | None:
    if not isinstance(raw, dict):
        problems.append(f"teams.{team_id}: must be a mapping")
        return None
    names = raw.get("names") or {}
    for code in LANGUAGE_CODES:
        if not isinstance(names.get(code), str) or not names[code].strip():
            problems.append(f"teams.{team_id}.names: missing name in '{code}'")
    hours_raw = raw.get("hours") or {}
    hours: dict[int, tuple[tuple[dt.time, dt.time], ...]] = {}
    for day, intervals in hours_raw.items():
        if day not in WEEKDAYS:
            problems.append(f"teams.{team_id}.hours: unknown weekday '{day}'")
            continue
        parsed = [
            _parse_interval(i, f"teams.{team_id}.hours.{day}", problems) for i in intervals or []
        ]
        good = sorted(p for p in parsed if p is not None)
        for (_, end), (start, _) in zip(good, good[1:], strict=False):
            if start < end:
                problems.append(f"teams.{team_id}.hours.{day}: intervals overlap")
        hours[WEEKDAYS.index(day)] = tuple(good)
    if not any(hours.values()):
        problems.append(f"teams.{team_id}: no opening hours")
    return Team(team_id, {k: str(v) for k, v in names.items()}, hours)


def parse_routing(data: Any, known_topics: set[str] | None = None) -> RoutingTable:
    """Validate routing rules given as parsed YAML; raise RoutingError listing every problem.

    With `known_topics`, every topic must be routed and no unknown topic may appear."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise RoutingError(["the file must be a mapping"])
    try:
        zone = ZoneInfo(str(data.get("timezone", "Europe/Copenhagen")))
    except Exception:
        raise RoutingError([f"unknown timezone {data.get('timezone')!r}"]) from None
    teams: dict[str, Team] = {}
    for team_id, raw in (data.get("teams") or {}).items():
        team = _parse_team(str(team_id), raw, problems)
        if team is not None:
            teams[team.id] = team
    default_team = str(data.get("default_team", ""))
    if default_team not in teams:
        problems.append(f"default_team '{default_team}' is not a team")
    topic_teams = {str(k): str(v) for k, v in (data.get("topics") or {}).items()}
    for topic, team_id in topic_teams.items():
        if team_id not in teams:
            problems.append(f"topics.{topic}: unknown team '{team_id}'")
    if known_topics is not None:
        for topic in sorted(known_topics - set(topic_teams)):
            problems.append(f"topics: '{topic}' is not routed to a team")
        for topic in sorted(set(topic_teams) - known_topics):
            problems.append(f"topics: '{topic}' is not a known topic")
    messages: dict[str, dict[str, str]] = {}
    for code in LANGUAGE_CODES:
        entry = (data.get("messages") or {}).get(code) or {}
        for key in ("open_now", "closed", "when_pattern"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                problems.append(f"messages.{code}.{key}: missing")
        for key, fields in (("open_now", ("{team}", "{until}")), ("closed", ("{team}", "{when}"))):
            for placeholder in fields:
                if isinstance(entry.get(key), str) and placeholder not in entry[key]:
                    problems.append(f"messages.{code}.{key}: lacks {placeholder}")
        messages[code] = {k: str(v) for k, v in entry.items()}
    closed_annually: set[tuple[int, int]] = set()
    for item in data.get("closed_annually") or []:
        try:
            month_s, day_s = str(item).split("-")
            dt.date(2024, int(month_s), int(day_s))  # leap year: 02-29 allowed
            closed_annually.add((int(month_s), int(day_s)))
        except ValueError:
            problems.append(f"closed_annually: '{item}' is not MM-DD")
    closed_dates: set[dt.date] = set()
    for item in data.get("closed_dates") or []:
        try:
            closed_dates.add(dt.date.fromisoformat(str(item)))
        except ValueError:
            problems.append(f"closed_dates: '{item}' is not YYYY-MM-DD")
    holidays = data.get("public_holidays", "denmark")
    if holidays not in ("denmark", None, False):
        problems.append("public_holidays: must be 'denmark' or empty")
    if problems:
        raise RoutingError(problems)
    return RoutingTable(
        timezone=zone,
        teams=teams,
        topic_teams=topic_teams,
        default_team=default_team,
        last_intake=dt.timedelta(minutes=int(data.get("last_intake_minutes", 0))),
        public_holidays=holidays == "denmark",
        closed_annually=frozenset(closed_annually),
        closed_dates=frozenset(closed_dates),
        messages=messages,
    )


def load_routing(path: Path, known_topics: set[str] | None = None) -> RoutingTable:
    """Read and validate `content/routing.yaml`."""
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    try:
        return parse_routing(data, known_topics)
    except RoutingError as err:
        raise RoutingError([f"{path}: {p}" for p in err.problems]) from None


def team_for_topic(table: RoutingTable, topic_id: str | None) -> Team:
    """The team that answers a topic; the default team for None, out_of_scope or unknown ids."""
    team_id = table.topic_teams.get(topic_id or OUT_OF_SCOPE, table.default_team)
    return table.teams[team_id]


def is_closed_day(table: RoutingTable, day: dt.date) -> bool:
    """True on a public holiday or another configured closed day."""
    if day in table.closed_dates or (day.month, day.day) in table.closed_annually:
        return True
    return table.public_holidays and day in danish_public_holidays(day.year)


def _intervals_on(
    table: RoutingTable, team: Team, day: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    if is_closed_day(table, day):
        return []
    return [
        (
            dt.datetime.combine(day, start, tzinfo=table.timezone),
            dt.datetime.combine(day, end, tzinfo=table.timezone),
        )
        for start, end in team.hours.get(day.weekday(), ())
    ]


def answer_time(table: RoutingTable, team: Team, at: dt.datetime) -> AnswerTime:
    """When `team` will answer a message sent at `at` (timezone-aware).

    Open now (with more than `last_intake` left of the opening interval): open_now is True,
    `starts` is `at` in Danish time and `until` the interval's end. Otherwise the next
    opening interval. Raises ValueError for a naive datetime or a team never open."""
    if at.tzinfo is None:
        raise ValueError("answer_time needs a timezone-aware datetime")
    local = at.astimezone(table.timezone)
    for offset in range(_MAX_SEARCH_DAYS):
        day = local.date() + dt.timedelta(days=offset)
        for start, end in _intervals_on(table, team, day):
            if start <= local < end and end - local > table.last_intake:
                return AnswerTime(True, local, end)
            if start > local:
                return AnswerTime(False, start, end)
    raise ValueError(f"team {team.id} is not open within {_MAX_SEARCH_DAYS} days")


def reply_expected(table: RoutingTable, team: Team, language: str, at: dt.datetime) -> str:
    """The sentence telling the user, in `language`, who will answer and when."""
    messages = table.messages.get(language) or table.messages[SOURCE_LANGUAGE]
    when = answer_time(table, team, at)
    locale = language if language in LANGUAGE_CODES else SOURCE_LANGUAGE
    if when.open_now:
        return messages["open_now"].format(
            team=team.name(language), until=when.until.strftime("%H:%M")
        )
    formatted = format_datetime(
        when.starts, messages["when_pattern"], tzinfo=table.timezone, locale=locale
    )
    return messages["closed"].format(team=team.name(language), when=formatted)
