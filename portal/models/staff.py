"""Teams of caseworkers and invitations for new staff accounts.

Teams that `content/routing.yaml` routes to are defined there (names, opening hours); a row
here only holds their settings (automatic assignment). Teams an admin creates in the portal
live only here, with their display name per language."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.user import utcnow


class StaffTeam(db.Model):  # type: ignore[name-defined,misc]
    """A team's settings, and the names of a team created in the portal."""

    __tablename__ = "staff_teams"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    # {language code: display name}; empty for routed teams (their names are in routing.yaml)
    names: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Round robin: citizens assigned to the team (and new registrations) get the member who
    # has waited longest for a new citizen.
    auto_assign: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StaffInvitation(db.Model):  # type: ignore[name-defined,misc]
    """A one-time link to set the password of a new staff account. Only the SHA-256 of
    the token is stored; the link expires and works once."""

    __tablename__ = "staff_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
