"""Chat conversations, handoff cases in team queues, caseworker replies, and the audit
of staff reads. All free text here is CPR-redacted before it is stored."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.user import User, utcnow


class CaseStatus(enum.StrEnum):
    """Where a case is in its team's queue."""

    OPEN = "open"
    CLAIMED = "claimed"
    CLOSED = "closed"


class CaseSource(enum.StrEnum):
    """How a case came in."""

    ASSISTANT = "assistant"  # the bot's action server handed the conversation over
    LEFT_MESSAGE = "left_message"  # the widget's leave-a-message form (e.g. bot down)
    RECRUITMENT = "recruitment"  # an employer's recruitment request form


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, values_callable=lambda e: [m.value for m in e])


class Conversation(db.Model):  # type: ignore[name-defined,misc]
    """One chat session. `transcript` is a list of {sender, text, timestamp, topic_id?,
    understood?}; purged after TRANSCRIPT_RETENTION_DAYS, counts kept for insight."""

    __tablename__ = "chat_conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    language: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    transcript: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    topic_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    user_messages: Mapped[int] = mapped_column(Integer, default=0)
    understood_messages: Mapped[int] = mapped_column(Integer, default=0)
    assistant_failures: Mapped[int] = mapped_column(Integer, default=0)
    handed_off: Mapped[bool] = mapped_column(default=False)
    transcript_purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HandoffCase(db.Model):  # type: ignore[name-defined,misc]
    """A question for a person, waiting in a team's queue."""

    __tablename__ = "handoff_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    team: Mapped[str] = mapped_column(String(40), index=True)
    source: Mapped[CaseSource] = mapped_column(_enum(CaseSource, "handoff_case_source"))
    status: Mapped[CaseStatus] = mapped_column(
        _enum(CaseStatus, "handoff_case_status"), default=CaseStatus.OPEN, index=True
    )
    session_id: Mapped[str | None] = mapped_column(String(64), index=True)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_conversations.id", ondelete="SET NULL")
    )
    language: Mapped[str] = mapped_column(String(8))
    topic_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    preferred_time: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(200), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    consent_to_share: Mapped[bool] = mapped_column(default=False)
    transcript: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    reply_expected: Mapped[str] = mapped_column(Text, default="")
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    first_reply_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    transcript_purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])
    replies: Mapped[list[CaseReply]] = relationship(
        back_populates="case",
        order_by="CaseReply.created_at",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class CaseReply(db.Model):  # type: ignore[name-defined,misc]
    """A caseworker's answer to a case; shown in the citizen's inbox and the open chat."""

    __tablename__ = "handoff_case_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("handoff_cases.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    case: Mapped[HandoffCase] = relationship(back_populates="replies")
    author: Mapped[User | None] = relationship()


class CaseAccessLog(db.Model):  # type: ignore[name-defined,misc]
    """Audit trail: which staff member read or changed which case, and when."""

    __tablename__ = "handoff_case_access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("handoff_cases.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
