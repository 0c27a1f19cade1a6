"""What a citizen shares with the job service, and which caseworker or team serves them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.user import utcnow


class Sharing(db.Model):  # type: ignore[name-defined,misc]
    """The citizen's choice: nothing is visible to staff until a flag is switched on."""

    __tablename__ = "sharing"

    citizen_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    journal: Mapped[bool] = mapped_column(default=False)
    progress: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Assignment(db.Model):  # type: ignore[name-defined,misc]
    """A citizen is served by one caseworker and/or a team (`User.team` of caseworkers)."""

    __tablename__ = "citizen_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True, index=True
    )
    caseworker_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    team: Mapped[str | None] = mapped_column(String(40), index=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
