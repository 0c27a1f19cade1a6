"""Open slots for the first meeting, computed from caseworkers' weekly availability,
their days off and the meetings already booked. Plain Python: no web framework, no database.

All wall-clock times are Danish (Europe/Copenhagen); the slots come out as aware UTC
datetimes, so a slot at 09:00 stays at 09:00 across the change to and from summer time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from portal.domain.meetings import CHANNELS, LOCAL_TIMEZONE, as_utc, local_to_utc, to_local

# How far ahead a citizen can book, and how soon the earliest slot may start.
BOOKING_WEEKS = 4
MIN_NOTICE = timedelta(hours=2)
SLOT_MINUTES: tuple[int, ...] = (30, 45, 60, 90)
WEEKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)


@dataclass(frozen=True)
class WeeklyOpening:
    """A caseworker is open every `weekday` (0 Monday) from `start` to `end`, local time."""

    caseworker_id: int
    weekday: int
    start: time
    end: time
    slot_minutes: int
    channel: str
    place: str


@dataclass(frozen=True)
class OpenSlot:
    """A time a citizen can book: with whom, when (UTC), how long, how and where."""

    caseworker_id: int
    starts_at: datetime
    duration_minutes: int
    channel: str
    place: str


def opening_problems(
    weekday: int, start: time, end: time, slot_minutes: int, channel: str
) -> list[str]:
    """Why a weekly opening cannot be saved (codes; empty when it can)."""
    problems = []
    if weekday not in WEEKDAYS:
        problems.append("weekday")
    if slot_minutes not in SLOT_MINUTES:
        problems.append("slot_minutes")
    if channel not in CHANNELS:
        problems.append("channel")
    start_minutes = start.hour * 60 + start.minute
    end_minutes = end.hour * 60 + end.minute
    if end_minutes - start_minutes < slot_minutes:
        problems.append("too_short")
    return problems


def _overlaps(start: datetime, end: datetime, busy: Iterable[tuple[datetime, datetime]]) -> bool:
    return any(start < as_utc(b_end) and as_utc(b_start) < end for b_start, b_end in busy)


def open_slots(
    openings: Iterable[WeeklyOpening],
    closed_days: Iterable[tuple[int, date]],
    busy: Mapping[int, list[tuple[datetime, datetime]]],
    now: datetime,
    weeks: int = BOOKING_WEEKS,
    min_notice: timedelta = MIN_NOTICE,
    zone: str = LOCAL_TIMEZONE,
) -> list[OpenSlot]:
    """Every bookable slot from `now + min_notice` to the end of `weeks` weeks: each
    opening cut into whole slots on its weekday, except on the caseworker's closed days
    and where the caseworker already has a meeting (`busy`: caseworker id -> (start, end)
    in UTC). Soonest first."""
    closed = set(closed_days)
    earliest = as_utc(now) + min_notice
    first_day = to_local(now, zone).date()
    by_weekday: dict[int, list[WeeklyOpening]] = {}
    for opening in openings:
        by_weekday.setdefault(opening.weekday, []).append(opening)
    slots: list[OpenSlot] = []
    for offset in range(weeks * 7 + 1):
        day = first_day + timedelta(days=offset)
        for opening in by_weekday.get(day.weekday(), []):
            if (opening.caseworker_id, day) in closed:
                continue
            step = timedelta(minutes=opening.slot_minutes)
            clock = datetime.combine(day, opening.start)
            end = datetime.combine(day, opening.end)
            while clock + step <= end:
                starts_at = local_to_utc(day, clock.time(), zone)
                ends_at = starts_at + step
                if starts_at >= earliest and not _overlaps(
                    starts_at, ends_at, busy.get(opening.caseworker_id, [])
                ):
                    slots.append(
                        OpenSlot(
                            caseworker_id=opening.caseworker_id,
                            starts_at=starts_at,
                            duration_minutes=opening.slot_minutes,
                            channel=opening.channel,
                            place=opening.place,
                        )
                    )
                clock += step
    unique = {(s.caseworker_id, s.starts_at): s for s in slots}  # overlapping openings
    return sorted(unique.values(), key=lambda s: (s.starts_at, s.caseworker_id))


def find_slot(
    slots: Iterable[OpenSlot], caseworker_id: int, starts_at: datetime
) -> OpenSlot | None:
    """The open slot with this caseworker at this moment, if it is open."""
    moment = as_utc(starts_at)
    for slot in slots:
        if slot.caseworker_id == caseworker_id and slot.starts_at == moment:
            return slot
    return None


def slots_by_local_day(
    slots: Iterable[OpenSlot], zone: str = LOCAL_TIMEZONE
) -> list[tuple[date, list[OpenSlot]]]:
    """Slots grouped by their Danish calendar day, in order."""
    days: dict[date, list[OpenSlot]] = {}
    for slot in slots:
        days.setdefault(to_local(slot.starts_at, zone).date(), []).append(slot)
    return sorted(days.items())


def slots_by_local_week(
    slots: Iterable[OpenSlot], zone: str = LOCAL_TIMEZONE
) -> list[tuple[date, list[tuple[date, list[OpenSlot]]]]]:
    """Slots grouped by Danish week (keyed by its Monday), then by day, in order."""
    weeks: dict[date, list[tuple[date, list[OpenSlot]]]] = {}
    for day, day_slots in slots_by_local_day(slots, zone):
        monday = day - timedelta(days=day.weekday())
        weeks.setdefault(monday, []).append((day, day_slots))
    return sorted(weeks.items())
