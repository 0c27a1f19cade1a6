"""Booking the first meeting from caseworkers' open slots, the caseworkers' weekly
availability and days off, and citizens' requests to be called (each write commits)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal.domain.meetings import as_utc
from portal.domain.slots import (
    BOOKING_WEEKS,
    OpenSlot,
    WeeklyOpening,
    find_slot,
    open_slots,
    opening_problems,
)
from portal.extensions import db
from portal.meetings.operations import MeetingError, book_meeting
from portal.models.meetings import Availability, AvailabilityException, CallRequest, Meeting
from portal.models.user import Role, User, utcnow
from portal.privacy.operations import assign_citizen


def openings_of(caseworker_id: int | None = None) -> list[Availability]:
    """Weekly openings of one caseworker (or of every active caseworker), by weekday."""
    query = (
        select(Availability)
        .join(User, User.id == Availability.caseworker_id)
        .where(User.role == Role.CASEWORKER, User.is_active_account.is_(True))
        .order_by(Availability.weekday, Availability.start_time)
    )
    if caseworker_id is not None:
        query = query.where(Availability.caseworker_id == caseworker_id)
    return list(db.session.scalars(query))


def exceptions_of(caseworker_id: int, from_day: date | None = None) -> list[AvailabilityException]:
    """A caseworker's days off, soonest first (from `from_day` on when given)."""
    query = select(AvailabilityException).where(
        AvailabilityException.caseworker_id == caseworker_id
    )
    if from_day is not None:
        query = query.where(AvailabilityException.day >= from_day)
    return list(db.session.scalars(query.order_by(AvailabilityException.day)))


def available_slots(now: datetime | None = None, weeks: int = BOOKING_WEEKS) -> list[OpenSlot]:
    """Every slot a citizen can book now, soonest first."""
    now = now or utcnow()
    openings = [
        WeeklyOpening(
            caseworker_id=a.caseworker_id,
            weekday=a.weekday,
            start=a.start_time,
            end=a.end_time,
            slot_minutes=a.slot_minutes,
            channel=a.channel,
            place=a.place,
        )
        for a in openings_of()
    ]
    if not openings:
        return []
    caseworker_ids = {o.caseworker_id for o in openings}
    horizon = as_utc(now) + timedelta(weeks=weeks, days=2)
    closed = [
        (e.caseworker_id, e.day)
        for e in db.session.scalars(
            select(AvailabilityException).where(
                AvailabilityException.caseworker_id.in_(caseworker_ids)
            )
        )
    ]
    busy: dict[int, list[tuple[datetime, datetime]]] = {}
    meetings = db.session.scalars(
        select(Meeting).where(
            Meeting.caseworker_id.in_(caseworker_ids),
            Meeting.status == "booked",
            Meeting.starts_at >= as_utc(now) - timedelta(days=1),
            Meeting.starts_at <= horizon,
        )
    )
    for m in meetings:
        start = as_utc(m.starts_at)
        busy.setdefault(m.caseworker_id or 0, []).append(
            (start, start + timedelta(minutes=m.duration_minutes))
        )
    return open_slots(openings, closed, busy, now, weeks)


def upcoming_first_meeting(citizen_id: int, now: datetime | None = None) -> Meeting | None:
    """The citizen's booked first meeting that has not started yet, if any."""
    now = now or utcnow()
    for meeting in db.session.scalars(
        select(Meeting)
        .where(
            Meeting.citizen_id == citizen_id,
            Meeting.kind == "first",
            Meeting.status == "booked",
        )
        .order_by(Meeting.starts_at)
    ):
        if as_utc(meeting.starts_at) > as_utc(now):
            return meeting
    return None


def book_slot(citizen: User, caseworker_id: int, starts_at: datetime) -> Meeting:
    """The citizen books their first meeting in an open slot. The citizen is then served
    by the slot's caseworker (and their team), and their early preparation goes with the
    meeting. Refused with `MeetingError`: "already_booked" (a first meeting is booked),
    "slot_taken" (no longer open, also when another request got it a moment earlier)."""
    if citizen.role is not Role.CITIZEN:
        raise MeetingError("not_a_citizen")
    if upcoming_first_meeting(citizen.id) is not None:
        raise MeetingError("already_booked")
    slot = find_slot(available_slots(), caseworker_id, starts_at)
    caseworker = db.session.get(User, caseworker_id)
    if slot is None or caseworker is None:
        raise MeetingError("slot_taken")
    meeting = book_meeting(
        citizen,
        caseworker,
        slot.starts_at,
        slot.place,
        slot.channel,
        "first",
        slot.duration_minutes,
    )
    assign_citizen(citizen, caseworker, caseworker.team)
    close_call_requests(citizen, caseworker)
    return meeting


def add_opening(
    caseworker: User,
    weekday: int,
    start: time,
    end: time,
    slot_minutes: int,
    channel: str,
    place: str,
) -> Availability:
    """Publish a weekly opening. `MeetingError(code)` with the first problem's code."""
    problems = opening_problems(weekday, start, end, slot_minutes, channel)
    if problems:
        raise MeetingError(problems[0])
    opening = Availability(
        caseworker_id=caseworker.id,
        weekday=weekday,
        start_time=start,
        end_time=end,
        slot_minutes=slot_minutes,
        channel=channel,
        place=place.strip(),
    )
    db.session.add(opening)
    db.session.commit()
    return opening


def remove_opening(caseworker: User, opening_id: int) -> bool:
    """Withdraw one of the caseworker's own weekly openings (booked meetings stay)."""
    opening = db.session.get(Availability, opening_id)
    if opening is None or opening.caseworker_id != caseworker.id:
        return False
    db.session.delete(opening)
    db.session.commit()
    return True


def add_day_off(caseworker: User, day: date, note: str) -> AvailabilityException:
    """No open slots for this caseworker on `day` ("already_closed" if it is already)."""
    exception = AvailabilityException(caseworker_id=caseworker.id, day=day, note=note.strip())
    db.session.add(exception)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise MeetingError("already_closed") from None
    return exception


def remove_day_off(caseworker: User, exception_id: int) -> bool:
    """Open a closed day again (only the caseworker's own)."""
    exception = db.session.get(AvailabilityException, exception_id)
    if exception is None or exception.caseworker_id != caseworker.id:
        return False
    db.session.delete(exception)
    db.session.commit()
    return True


def request_call(citizen: User, phone: str, best_time: str, language: str) -> CallRequest:
    """The citizen asks to be called to book the first meeting (one open request)."""
    existing = open_call_request_of(citizen.id)
    if existing is not None:
        existing.phone = phone.strip()
        existing.best_time = best_time.strip()
        existing.language = language
        db.session.commit()
        return existing
    req = CallRequest(
        citizen_id=citizen.id, phone=phone.strip(), best_time=best_time.strip(), language=language
    )
    db.session.add(req)
    db.session.commit()
    return req


def open_call_request_of(citizen_id: int) -> CallRequest | None:
    """The citizen's call request that nobody has taken yet."""
    return db.session.scalars(
        select(CallRequest).where(
            CallRequest.citizen_id == citizen_id, CallRequest.status == "open"
        )
    ).first()


def open_call_requests() -> list[CallRequest]:
    """Citizens waiting for a call, longest waiting first."""
    return list(
        db.session.scalars(
            select(CallRequest).where(CallRequest.status == "open").order_by(CallRequest.created_at)
        )
    )


def take_call_request(req: CallRequest, caseworker: User) -> CallRequest:
    """A caseworker takes a call request: the citizen is assigned to them, so they can
    call and book the meeting. `MeetingError("already_taken")` if someone was quicker."""
    taken = db.session.execute(
        update(CallRequest)
        .where(CallRequest.id == req.id, CallRequest.status == "open")
        .values(status="taken", handled_at=utcnow(), handled_by_id=caseworker.id)
    )
    db.session.commit()
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise MeetingError("already_taken")
    db.session.refresh(req)
    assign_citizen(req.citizen, caseworker, caseworker.team)
    return req


def close_call_requests(citizen: User, caseworker: User) -> None:
    """The citizen booked a meeting themselves: their open call request is done."""
    req = open_call_request_of(citizen.id)
    if req is not None:
        req.status = "booked"
        req.handled_at = utcnow()
        req.handled_by_id = caseworker.id
        db.session.commit()
