"""Meetings between a citizen and the job service, requests to move them, the citizen's
preparation (before any meeting exists, then attached to the first meeting), caseworkers'
weekly availability for booking, and citizens' requests to be called."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, Time, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.user import User, utcnow


class Meeting(db.Model):  # type: ignore[name-defined,misc]
    """A booked meeting. `channel`: in_person, phone or video; `kind`: first or follow_up.

    `status`: booked or cancelled. A caseworker cannot have two meetings that are not
    cancelled starting at the same moment: the partial unique index is what makes double
    booking of an open slot impossible, also under concurrent requests, while a cancelled
    meeting frees its slot. `cancel_reason` is a code (portal.domain.meetings.CANCEL_REASONS),
    `cancel_note` the canceller's own words in `cancel_note_language`; `cancel_seen_at` is when
    the citizen opened the notice of a cancellation made by staff."""

    __tablename__ = "meetings"
    __table_args__ = (
        Index(
            "uq_meetings_caseworker_starts_at_active",
            "caseworker_id",
            "starts_at",
            unique=True,
            sqlite_where=text("status != 'cancelled'"),
            postgresql_where=text("status != 'cancelled'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    caseworker_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    duration_minutes: Mapped[int] = mapped_column(default=60)
    place: Mapped[str] = mapped_column(String(300), default="")
    channel: Mapped[str] = mapped_column(String(20), default="in_person")
    kind: Mapped[str] = mapped_column(String(20), default="first")
    status: Mapped[str] = mapped_column(String(20), default="booked")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cancel_reason: Mapped[str] = mapped_column(String(40), default="", server_default="")
    cancel_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    cancel_note_language: Mapped[str] = mapped_column(String(8), default="", server_default="")
    cancel_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    citizen: Mapped[User] = relationship(foreign_keys=[citizen_id])
    caseworker: Mapped[User | None] = relationship(foreign_keys=[caseworker_id])
    cancelled_by: Mapped[User | None] = relationship(foreign_keys=[cancelled_by_id])


class RescheduleRequest(db.Model):  # type: ignore[name-defined,misc]
    """The citizen asks to move a meeting; the caseworker accepts (with a new time) or declines."""

    __tablename__ = "reschedule_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    citizen_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="da")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship()


class Preparation(db.Model):  # type: ignore[name-defined,misc]
    """The citizen's answers before a meeting. Staff see it only once submitted.

    `meeting_id` is empty for the preparation a citizen writes before any meeting exists
    (at most one per citizen); booking the first meeting attaches it to that meeting."""

    __tablename__ = "meeting_preparations"
    __table_args__ = (
        Index(
            "uq_meeting_preparations_unattached",
            "citizen_id",
            unique=True,
            sqlite_where=text("meeting_id IS NULL"),
            postgresql_where=text("meeting_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True, index=True
    )
    citizen_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8), default="da")
    wishes: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    helps: Mapped[str] = mapped_column(Text, default="")
    obstacles: Mapped[str] = mapped_column(Text, default="")
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    interpreter_language: Mapped[str] = mapped_column(String(100), default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[str] = mapped_column(Text, default="")
    matters_now: Mapped[str] = mapped_column(Text, default="", server_default="")
    help_wanted: Mapped[str] = mapped_column(Text, default="", server_default="")
    situation: Mapped[str] = mapped_column(Text, default="", server_default="")
    # How the citizen prefers to meet: in_person, phone, video, or "" (no preference).
    preferred_channel: Mapped[str] = mapped_column(String(20), default="", server_default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    meeting: Mapped[Meeting] = relationship()


class Availability(db.Model):  # type: ignore[name-defined,misc]
    """A caseworker's weekly opening for first meetings: every `weekday` (0 Monday) from
    `start_time` to `end_time`, Danish wall-clock time, cut into `slot_minutes` slots."""

    __tablename__ = "caseworker_availability"

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column()
    start_time: Mapped[time] = mapped_column(Time())
    end_time: Mapped[time] = mapped_column(Time())
    slot_minutes: Mapped[int] = mapped_column(default=60)
    channel: Mapped[str] = mapped_column(String(20), default="in_person")
    place: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AvailabilityException(db.Model):  # type: ignore[name-defined,misc]
    """A day on which a caseworker's weekly availability does not apply (leave, course)."""

    __tablename__ = "availability_exceptions"
    __table_args__ = (
        UniqueConstraint("caseworker_id", "day", name="uq_availability_exceptions_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date())
    note: Mapped[str] = mapped_column(String(200), default="")


class CallRequest(db.Model):  # type: ignore[name-defined,misc]
    """A registered citizen asks the job service to call and book the first meeting."""

    __tablename__ = "call_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    phone: Mapped[str] = mapped_column(String(40))
    best_time: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="da")
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    citizen: Mapped[User] = relationship(foreign_keys=[citizen_id])
