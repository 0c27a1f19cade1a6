"""Booking meetings and handling requests to move them (each function commits)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal.domain.meetings import (
    CANCEL_REASONS,
    CHANNELS,
    KINDS,
    as_utc,
    can_cancel,
    can_request_reschedule,
)
from portal.extensions import db
from portal.models.meetings import Meeting, Preparation, RescheduleRequest
from portal.models.user import User, utcnow


class MeetingError(ValueError):
    """A meeting operation was refused (`code` says why)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def book_meeting(
    citizen: User,
    caseworker: User | None,
    starts_at: datetime,
    place: str,
    channel: str,
    kind: str,
    duration_minutes: int = 60,
) -> Meeting:
    """Book a meeting for a citizen. A first meeting takes over the preparation the
    citizen wrote before any meeting existed. `MeetingError("slot_taken")` when the
    caseworker already has a meeting (not cancelled) starting then (the database's partial
    unique index decides, so two requests at the same moment cannot both win)."""
    if channel not in CHANNELS or kind not in KINDS:
        raise MeetingError("invalid_choice")
    meeting = Meeting(
        citizen_id=citizen.id,
        caseworker_id=caseworker.id if caseworker else None,
        starts_at=as_utc(starts_at),
        place=place.strip(),
        channel=channel,
        kind=kind,
        duration_minutes=duration_minutes,
        status="booked",
    )
    db.session.add(meeting)
    try:
        db.session.flush()
        if kind == "first":
            _attach_unattached_preparation(citizen.id, meeting)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise MeetingError("slot_taken") from None
    return meeting


def unattached_preparation(citizen_id: int) -> Preparation | None:
    """The preparation the citizen wrote before any meeting was booked, if any."""
    return db.session.scalars(
        select(Preparation).where(
            Preparation.citizen_id == citizen_id, Preparation.meeting_id.is_(None)
        )
    ).first()


def _attach_unattached_preparation(citizen_id: int, meeting: Meeting) -> None:
    """Move the citizen's early preparation onto `meeting` (no commit), unless the meeting
    has one already."""
    prep = unattached_preparation(citizen_id)
    if prep is not None and preparation_for(meeting) is None:
        prep.meeting_id = meeting.id


def cancel_meeting(
    meeting: Meeting, by: User, reason: str, note: str = "", note_language: str = ""
) -> Meeting:
    """Cancel a booked meeting that has not started (the citizen, or staff who serve them).

    The slot is free again at once. A first meeting's preparation goes back to the citizen
    (unattached, still theirs to edit), so the next first meeting they book carries it.
    Open requests to move the meeting are withdrawn. `reason` is a code of CANCEL_REASONS;
    `note` is the canceller's own words. `MeetingError`: "too_late" (started or already
    cancelled, also when a concurrent cancel was quicker), "invalid_choice"."""
    if reason not in CANCEL_REASONS:
        raise MeetingError("invalid_choice")
    now = utcnow()
    if not can_cancel(meeting.starts_at, meeting.status, now):
        raise MeetingError("too_late")
    by_citizen = by.id == meeting.citizen_id
    cancelled = db.session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id, Meeting.status == "booked")
        .values(
            status="cancelled",
            cancelled_at=now,
            cancelled_by_id=by.id,
            cancel_reason=reason,
            cancel_note=note.strip(),
            cancel_note_language=note_language if note.strip() else "",
            # The citizen needs no notice of their own cancellation.
            cancel_seen_at=now if by_citizen else None,
        )
        .execution_options(synchronize_session=False)
    )
    if cancelled.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        raise MeetingError("too_late")
    for req in db.session.scalars(
        select(RescheduleRequest).where(
            RescheduleRequest.meeting_id == meeting.id, RescheduleRequest.status == "pending"
        )
    ):
        req.status = "withdrawn"
        req.decided_at = now
        req.decided_by_id = by.id
    if meeting.kind == "first":
        prep = preparation_for(meeting)
        if prep is not None and unattached_preparation(meeting.citizen_id) is None:
            prep.meeting_id = None
    db.session.commit()
    db.session.refresh(meeting)
    return meeting


def mark_cancellations_seen(citizen_id: int) -> int:
    """The citizen has read the notices of meetings staff cancelled; return how many."""
    result = db.session.execute(
        update(Meeting)
        .where(
            Meeting.citizen_id == citizen_id,
            Meeting.status == "cancelled",
            Meeting.cancel_seen_at.is_(None),
        )
        .values(cancel_seen_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def cancellations_by_staff(citizen_id: int) -> list[Meeting]:
    """The citizen's meetings that staff cancelled, most recently cancelled first."""
    return list(
        db.session.scalars(
            select(Meeting)
            .where(
                Meeting.citizen_id == citizen_id,
                Meeting.status == "cancelled",
                Meeting.cancel_reason != "citizen",
            )
            .order_by(Meeting.cancelled_at.desc(), Meeting.id.desc())
        )
    )


def pending_request(meeting: Meeting) -> RescheduleRequest | None:
    """The open request to move this meeting, if any."""
    return db.session.scalars(
        select(RescheduleRequest).where(
            RescheduleRequest.meeting_id == meeting.id, RescheduleRequest.status == "pending"
        )
    ).first()


def request_reschedule(meeting: Meeting, reason: str, language: str) -> RescheduleRequest:
    """The citizen asks to move a meeting (one open request at a time)."""
    if not can_request_reschedule(meeting.starts_at, meeting.status, utcnow()):
        raise MeetingError("too_late")
    if pending_request(meeting) is not None:
        raise MeetingError("already_requested")
    req = RescheduleRequest(
        meeting_id=meeting.id, citizen_id=meeting.citizen_id, reason=reason, language=language
    )
    db.session.add(req)
    db.session.commit()
    return req


def accept_reschedule(req: RescheduleRequest, staff: User, new_start: datetime) -> Meeting:
    """Accept a request: the meeting moves to `new_start`."""
    if req.status != "pending":
        raise MeetingError("already_decided")
    req.status = "accepted"
    req.decided_at = utcnow()
    req.decided_by_id = staff.id
    req.meeting.starts_at = as_utc(new_start)
    db.session.commit()
    return req.meeting


def decline_reschedule(req: RescheduleRequest, staff: User) -> None:
    """Decline a request: the meeting stays as booked."""
    if req.status != "pending":
        raise MeetingError("already_decided")
    req.status = "declined"
    req.decided_at = utcnow()
    req.decided_by_id = staff.id
    db.session.commit()


def citizen_meetings(citizen_id: int) -> list[Meeting]:
    """The citizen's meetings, soonest first."""
    return list(
        db.session.scalars(
            select(Meeting).where(Meeting.citizen_id == citizen_id).order_by(Meeting.starts_at)
        )
    )


def preparation_for(meeting: Meeting) -> Preparation | None:
    """The citizen's preparation for a meeting, draft or submitted."""
    return db.session.scalars(
        select(Preparation).where(Preparation.meeting_id == meeting.id)
    ).first()


def requests_for(meeting: Meeting) -> list[RescheduleRequest]:
    """All requests to move a meeting, newest first."""
    return list(
        db.session.scalars(
            select(RescheduleRequest)
            .where(RescheduleRequest.meeting_id == meeting.id)
            .order_by(RescheduleRequest.created_at.desc())
        )
    )
