"""Data rights: export everything about a user, delete an account with all personal data,
and assign citizens to caseworkers/teams (each write commits)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Column, Table, delete, select, update

from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.sharing import Assignment
from portal.models.user import Role, User, utcnow

# Columns never exported (secrets, not data about the person).
SECRET_COLUMNS = {"password_hash"}


def _user_columns(table: Table) -> list[Column[Any]]:
    """Columns of `table` that point at users.id."""
    columns = []
    for column in table.columns:
        for fk in column.foreign_keys:
            if fk.column.table.name == "users" and fk.column.name == "id":
                columns.append(column)
    return columns


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def export_user_data(user: User) -> dict[str, Any]:
    """Every row in every table that belongs to the user, as plain JSON-ready values.

    Tables are found through their foreign keys to users, so tables added later are
    included without changing this function."""
    users = db.metadata.tables["users"]
    account = db.session.execute(select(users).where(users.c.id == user.id)).mappings().one()
    data: dict[str, Any] = {
        "format": "jobvej-export-1",
        "account": {k: _plain(v) for k, v in account.items() if k not in SECRET_COLUMNS},
        "tables": {},
    }
    for table in db.metadata.sorted_tables:
        if table.name == "users":
            continue
        columns = _user_columns(table)
        if not columns:
            continue
        condition = columns[0] == user.id
        for column in columns[1:]:
            condition = condition | (column == user.id)
        rows = db.session.execute(select(table).where(condition)).mappings().all()
        if rows:
            data["tables"][table.name] = [
                {k: _plain(v) for k, v in row.items() if k not in SECRET_COLUMNS} for row in rows
            ]
    return data


def delete_account(user: User) -> None:
    """Delete the account and every personal row: rows whose user foreign key cascades are
    deleted, references that are SET NULL are cleared (on every database, even SQLite
    without foreign-key enforcement). Audit entries about the citizen are kept,
    pseudonymised, until the retention command removes them (portal/models/audit.py)."""
    user_id = user.id
    audit = AuditEntry.__table__
    db.session.execute(
        update(audit)
        .where(audit.c.citizen_id == user_id)
        .values(former_citizen_id=user_id, citizen_deleted_at=utcnow())
    )
    for table in reversed(db.metadata.sorted_tables):
        if table.name == "users":
            continue
        for column in _user_columns(table):
            fk = next(iter(column.foreign_keys))
            if (fk.ondelete or "").upper() == "SET NULL":
                db.session.execute(
                    update(table).where(column == user_id).values({column.name: None})
                )
            else:
                db.session.execute(delete(table).where(column == user_id))
    db.session.expunge_all()
    db.session.execute(
        delete(db.metadata.tables["users"]).where(db.metadata.tables["users"].c.id == user_id)
    )
    db.session.commit()


def assign_citizen(
    citizen: User, caseworker: User | None = None, team: str | None = None
) -> Assignment:
    """Assign a citizen to a caseworker and/or a team (replaces an earlier assignment)."""
    if citizen.role is not Role.CITIZEN:
        raise ValueError("not a citizen")
    if caseworker is not None and caseworker.role is not Role.CASEWORKER:
        raise ValueError("not a caseworker")
    if caseworker is None and not team:
        raise ValueError("caseworker or team required")
    assignment = db.session.scalars(
        select(Assignment).where(Assignment.citizen_id == citizen.id)
    ).first()
    if assignment is None:
        assignment = Assignment(citizen_id=citizen.id)
        db.session.add(assignment)
    assignment.caseworker_id = caseworker.id if caseworker else None
    assignment.team = team or None
    db.session.commit()
    return assignment


def access_log(citizen_id: int) -> list[AuditEntry]:
    """Staff reads of the citizen's data, newest first."""
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.citizen_id == citizen_id)
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        )
    )
