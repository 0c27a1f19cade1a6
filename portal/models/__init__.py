"""Database models. Import every model module here so Alembic sees all tables."""

from portal.models.user import Role, User

__all__ = ["Role", "User"]
