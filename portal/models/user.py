"""Accounts: citizens, employers, caseworkers, admins."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, Enum, String, false
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


def utcnow() -> datetime:
    """Timezone-aware current time in UTC."""
    return datetime.now(UTC)


class Role(enum.StrEnum):
    """What a person may do in the portal."""

    CITIZEN = "citizen"
    EMPLOYER = "employer"
    CASEWORKER = "caseworker"
    ADMIN = "admin"


class User(UserMixin, db.Model):  # type: ignore[name-defined,misc]
    """A person with a login. Passwords are stored only as argon2 hashes."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[Role] = mapped_column(
        Enum(Role, name="user_role", values_callable=lambda e: [m.value for m in e]),
        default=Role.CITIZEN,
    )
    preferred_language: Mapped[str | None] = mapped_column(String(8))
    organisation: Mapped[str | None] = mapped_column(String(200))
    team: Mapped[str | None] = mapped_column(String(40))
    is_active_account: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Sessions: a session cookie names the generation it was issued for; logging out or
    # changing the password moves the generation on, which ends every older session.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # Per-account login backoff (portal/auth/service.py): consecutive failed logins and
    # the moment before which the account does not accept another password attempt.
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    login_blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A temporary password set by an admin must be changed at the first login.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive users cannot log in
        return self.is_active_account

    def get_id(self) -> str:
        """Flask-Login's session token: "<id>:<session generation>" (see load_session_user)."""
        return f"{self.id}:{self.session_generation or 0}"

    def has_role(self, *roles: Role) -> bool:
        """True if the user has one of `roles`."""
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role.value}>"
