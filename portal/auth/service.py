"""Who is this person? Local passwords (argon2) today; the seam for MitID later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select

from portal.extensions import db
from portal.models.user import Role, User, utcnow

_hasher = PasswordHasher()
# A hash to verify against when the e-mail is unknown, so both cases take as long.
_DUMMY_HASH = _hasher.hash("jobvej-timing-equaliser")

MIN_PASSWORD_LENGTH = 10
# Per-account backoff: after FREE_ATTEMPTS wrong passwords in a row the account waits
# BACKOFF_BASE, then twice as long after every further wrong password, at most BACKOFF_MAX.
FREE_ATTEMPTS = 5
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=15)
SELF_SERVICE_ROLES = (Role.CITIZEN, Role.EMPLOYER)


class AccountError(ValueError):
    """An account operation was refused; `field` names the form field, `code` the reason."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


def normalise_email(email: str) -> str:
    """E-mail addresses are compared trimmed and lower-cased."""
    return email.strip().lower()


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def find_user_by_email(email: str) -> User | None:
    """The account with this e-mail, or None."""
    stmt = select(User).where(func.lower(User.email) == normalise_email(email))
    return db.session.scalars(stmt).first()


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login attempt: the user, or why not (`retry_after` in seconds when
    the account is in backoff)."""

    user: User | None
    retry_after: int = 0


def _as_aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def backoff_delay(failed_logins: int) -> timedelta:
    """How long an account waits after `failed_logins` wrong passwords in a row."""
    if failed_logins < FREE_ATTEMPTS:
        return timedelta(0)
    factor = 2 ** min(failed_logins - FREE_ATTEMPTS, 16)
    return min(BACKOFF_BASE * factor, BACKOFF_MAX)


def seconds_blocked(user: User, now: datetime | None = None) -> int:
    """Seconds before the account accepts another password (0: now)."""
    if user.login_blocked_until is None:
        return 0
    left = _as_aware(user.login_blocked_until) - (now or utcnow())
    return max(0, int(left.total_seconds() + 0.999))


def attempt_login(email: str, password: str, now: datetime | None = None) -> LoginResult:
    """Check a password with per-account exponential backoff. While an account waits, no
    password is checked at all (not even the right one), so guessing gains nothing."""
    moment = now or utcnow()
    user = find_user_by_email(email)
    if user is not None:
        wait = seconds_blocked(user, moment)
        if wait:
            return LoginResult(None, wait)
    stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        if user is not None:
            _record_failed_login(user, moment)
        return LoginResult(None, seconds_blocked(user, moment) if user is not None else 0)
    if user is None or not user.is_active:
        return LoginResult(None)
    if _hasher.check_needs_rehash(stored):
        user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.login_blocked_until = None
    user.last_login_at = moment
    db.session.commit()
    return LoginResult(user)


def _record_failed_login(user: User, moment: datetime) -> None:
    user.failed_logins = (user.failed_logins or 0) + 1
    delay = backoff_delay(user.failed_logins)
    user.login_blocked_until = moment + delay if delay else None
    db.session.commit()


def authenticate(email: str, password: str) -> User | None:
    """Return the active user whose password matches, else None (same timing either way)."""
    return attempt_login(email, password).user


def end_all_sessions(user: User) -> None:
    """Log the user out everywhere: every session issued before now stops working."""
    user.session_generation = (user.session_generation or 0) + 1
    db.session.commit()


def load_session_user(token: str) -> User | None:
    """The user of a session token from `User.get_id()` ("<id>:<generation>"), or None when
    the session was ended (logout, password change) or the account is gone or inactive."""
    user_id, _, generation = token.partition(":")
    if not user_id.isdigit() or not generation.isdigit() or int(user_id) > 2**63 - 1:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or (user.session_generation or 0) != int(generation):
        return None
    return user


def check_password_strength(password: str) -> None:
    """Raise AccountError when a new password is too short."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password", "too_short")


def create_user(
    email: str,
    password: str,
    role: Role,
    display_name: str = "",
    preferred_language: str | None = None,
    organisation: str | None = None,
    team: str | None = None,
) -> User:
    """Create an account with a hashed password. Raises AccountError if the e-mail is taken."""
    check_password_strength(password)
    if find_user_by_email(email) is not None:
        raise AccountError("email", "taken")
    user = User(
        email=normalise_email(email),
        password_hash=hash_password(password),
        role=role,
        display_name=display_name.strip(),
        preferred_language=preferred_language,
        organisation=organisation,
        team=team,
    )
    db.session.add(user)
    db.session.commit()
    return user


def register_user(
    email: str, password: str, role: Role, display_name: str = "", **extra: str | None
) -> User:
    """Self-registration: only citizens and employers may register themselves."""
    if role not in SELF_SERVICE_ROLES:
        raise AccountError("role", "not_allowed")
    return create_user(email, password, role, display_name, **extra)  # type: ignore[arg-type]


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change a password after checking the current one."""
    try:
        _hasher.verify(user.password_hash or _DUMMY_HASH, current_password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise AccountError("current_password", "wrong") from None
    check_password_strength(new_password)
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    # Every other session ends; the caller logs the current one in again.
    user.session_generation = (user.session_generation or 0) + 1
    db.session.commit()


def set_preferred_language(user: User, language: str) -> None:
    """Save the language the user wants the portal in."""
    user.preferred_language = language
    db.session.commit()
