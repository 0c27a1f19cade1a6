"""Meeting rules without a web framework: when preparation may be edited, and the
calendar (.ics) file for a meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from portal.domain.texts import N_

CHANNELS: tuple[str, ...] = ("in_person", "phone", "video")
KINDS: tuple[str, ...] = ("first", "follow_up")
STATUSES: tuple[str, ...] = ("booked", "cancelled")

# Why a meeting was cancelled: a code the citizen reads in their own language (the web layer
# translates the msgid), whatever language the person who cancelled writes in.
CANCEL_REASONS: dict[str, str] = {
    "citizen": N_("Du har selv aflyst samtalen."),
    "caseworker_absent": N_("Din sagsbehandler er fraværende på det tidspunkt."),
    "meeting_not_needed": N_("Samtalen er ikke længere nødvendig."),
    "new_time_needed": N_("Samtalen skal holdes på et andet tidspunkt."),
    "other": N_("Jobservice har aflyst samtalen."),
}
STAFF_CANCEL_REASONS: tuple[str, ...] = (
    "caseworker_absent",
    "new_time_needed",
    "meeting_not_needed",
    "other",
)


def as_utc(moment: datetime) -> datetime:
    """A datetime in UTC; naive values (as SQLite returns them) are taken to be UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def preparation_editable(starts_at: datetime, now: datetime) -> bool:
    """Preparation can be changed until the meeting starts; from then on it is read-only."""
    return as_utc(now) < as_utc(starts_at)


def can_request_reschedule(starts_at: datetime, status: str, now: datetime) -> bool:
    """A citizen may ask to move a booked meeting that has not started yet."""
    return status == "booked" and as_utc(now) < as_utc(starts_at)


def can_cancel(starts_at: datetime, status: str, now: datetime) -> bool:
    """A booked meeting can be cancelled (by the citizen or staff) until it starts."""
    return status == "booked" and as_utc(now) < as_utc(starts_at)


@dataclass(frozen=True)
class CalendarMeeting:
    """What goes into a meeting's calendar file (texts already in the citizen's language)."""

    uid: str
    starts_at: datetime
    duration_minutes: int
    summary: str
    location: str
    description: str
    created_at: datetime
    cancelled: bool = False


def meeting_ics(meeting: CalendarMeeting, stamp: datetime) -> bytes:
    """An iCalendar (RFC 5545) file with one event for the meeting, times in UTC. For a
    cancelled meeting: the same UID with METHOD:CANCEL, STATUS:CANCELLED and a higher
    SEQUENCE, so opening the file takes the meeting out of the calendar it was added to."""
    cal = Calendar()
    cal.add("prodid", "-//Jobvej//Jobvej portal//DA")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if meeting.cancelled else "PUBLISH")
    event = Event()
    event.add("uid", meeting.uid)
    if meeting.cancelled:
        event.add("status", "CANCELLED")
        event.add("sequence", 1)
    event.add("dtstamp", as_utc(stamp))
    event.add("created", as_utc(meeting.created_at))
    start = as_utc(meeting.starts_at)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
    event.add("summary", meeting.summary)
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.description:
        event.add("description", meeting.description)
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


LOCAL_TIMEZONE = "Europe/Copenhagen"


def local_to_utc(day: date, clock: time, zone: str = LOCAL_TIMEZONE) -> datetime:
    """A wall-clock time in Denmark (or `zone`) as an aware UTC datetime."""
    return datetime.combine(day, clock, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def to_local(moment: datetime, zone: str = LOCAL_TIMEZONE) -> datetime:
    """An aware or naive-UTC datetime shown as Danish (or `zone`) wall-clock time."""
    return as_utc(moment).astimezone(ZoneInfo(zone))
