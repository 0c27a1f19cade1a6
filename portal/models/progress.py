"""The citizen's own ratings (1-10) of how far they have come, over time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.user import utcnow


class ProgressRating(db.Model):  # type: ignore[name-defined,misc]
    """One self-assessment; a dimension left out is None. Dimensions: see
    portal.domain.progress_chart.DIMENSIONS."""

    __tablename__ = "progress_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    job: Mapped[int | None] = mapped_column(SmallInteger)
    health: Mapped[int | None] = mapped_column(SmallInteger)
    skills: Mapped[int | None] = mapped_column(SmallInteger)
    network: Mapped[int | None] = mapped_column(SmallInteger)
    danish: Mapped[int | None] = mapped_column(SmallInteger)
    structure: Mapped[int | None] = mapped_column(SmallInteger)
