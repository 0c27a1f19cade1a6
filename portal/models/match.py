"""Digital match: citizens' anonymous profiles, employers' verification by the business
service, contact requests and the message thread that opens when a citizen accepts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.user import utcnow


class MatchProfile(db.Model):  # type: ignore[name-defined,misc]
    """A citizen's anonymous profile (one per citizen). `data` is the snapshot employers see
    (portal.domain.match.ProfileData); `status` draft (never shown), published or paused."""

    __tablename__ = "match_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True, index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="draft")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the journal entries the citizen ticked, and those shown with employer/school name
    chosen: Mapped[list[int]] = mapped_column(JSON, default=list)
    show_organisation: Mapped[list[int]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class EmployerVerification(db.Model):  # type: ignore[name-defined,misc]
    """An employer account's verification: asked for with a CVR number, decided once by a
    caseworker of the business service (or an admin)."""

    __tablename__ = "employer_verifications"

    employer_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    cvr: Mapped[str] = mapped_column(String(8))
    company: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ContactRequest(db.Model):  # type: ignore[name-defined,misc]
    """An employer's request to get in touch with the citizen behind a profile. The citizen's
    name and chosen contact reach the employer only when the citizen accepts."""

    __tablename__ = "contact_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("match_profiles.id", ondelete="CASCADE"), index=True
    )
    citizen_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    shared_name: Mapped[str] = mapped_column(String(120), default="")
    shared_contact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # misuse reported by the citizen (the business service sees it)
    reported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    report_reason: Mapped[str] = mapped_column(String(1000), default="")

    messages: Mapped[list[MatchMessage]] = relationship(
        back_populates="request",
        cascade="all, delete-orphan",
        order_by="MatchMessage.created_at, MatchMessage.id",
    )


class MatchMessage(db.Model):  # type: ignore[name-defined,misc]
    """One message in the thread between employer and citizen of an accepted request."""

    __tablename__ = "match_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("contact_requests.id", ondelete="CASCADE"), index=True
    )
    # both parties, so that deleting either account deletes the thread on every database
    citizen_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    request: Mapped[ContactRequest] = relationship(back_populates="messages")
