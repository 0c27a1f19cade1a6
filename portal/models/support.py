"""What the job service records about a citizen's public support, for effect steering:
the target group (målgruppe), the benefit and since when the current spell has lasted.
Staff set it; steering shows it only aggregated (portal.domain.steering)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.user import utcnow


class CitizenSupport(db.Model):  # type: ignore[name-defined,misc]
    """One row per citizen; every field may be unknown (None). Target groups and benefits:
    see portal.domain.steering.TARGET_GROUPS and portal.domain.spell_cost.BENEFITS."""

    __tablename__ = "citizen_support"

    citizen_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    target_group: Mapped[str | None] = mapped_column(String(40), index=True)
    benefit: Mapped[str | None] = mapped_column(String(40))
    support_since: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
