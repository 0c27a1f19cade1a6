"""Who is this person? Local passwords (argon2) today; the seam for MitID later."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select

from portal.extensions import db
from portal.models.user import Role, User, utcnow

_hasher = PasswordHasher()
# A hash to verify against when the e-mail is unknown, so both cases take as long.
_DUMMY_HASH = _hasher.hash("jobvej-timing-equaliser")

MIN_PASSWORD_LENGTH = 10
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


def authenticate(email: str, password: str) -> User | None:
    """Return the active user whose password matches, else None (same timing either way)."""
    user = find_user_by_email(email)
    stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is None or not user.is_active:
        return None
    if _hasher.check_needs_rehash(stored):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.commit()
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
    db.session.commit()


def set_preferred_language(user: User, language: str) -> None:
    """Save the language the user wants the portal in."""
    user.preferred_language = language
    db.session.commit()
