"""Writes to the citizen's journal (each commits)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from portal.domain.journal import ALL_FIELDS, SECTION_FIELDS, SECTIONS
from portal.extensions import db
from portal.models.journal import JournalEntry
from portal.models.sharing import Sharing
from portal.models.user import User


def _apply(entry: JournalEntry, values: Mapping[str, Any]) -> None:
    used = SECTION_FIELDS[entry.section]
    for name in ALL_FIELDS:
        value = values.get(name) if name in used else None
        if name == "applied_on":
            entry.applied_on = value
        else:
            setattr(entry, name, value if isinstance(value, str) else "")
    entry.language = str(values.get("language") or entry.language or "da")


def create_journal_entry(citizen: User, section: str, values: Mapping[str, Any]) -> JournalEntry:
    """Add an entry to a section of the citizen's journal."""
    if section not in SECTIONS:
        raise ValueError(section)
    entry = JournalEntry(citizen_id=citizen.id, section=section)
    _apply(entry, values)
    db.session.add(entry)
    db.session.commit()
    return entry


def update_journal_entry(entry: JournalEntry, values: Mapping[str, Any]) -> JournalEntry:
    """Change an entry (fields the section does not use are cleared)."""
    _apply(entry, values)
    db.session.commit()
    return entry


def delete_journal_entry(entry: JournalEntry) -> None:
    """Remove an entry."""
    db.session.delete(entry)
    db.session.commit()


def journal_entries(citizen_id: int) -> list[JournalEntry]:
    """All the citizen's entries, newest first within each section."""
    stmt = (
        select(JournalEntry)
        .where(JournalEntry.citizen_id == citizen_id)
        .order_by(JournalEntry.section, JournalEntry.created_at.desc(), JournalEntry.id.desc())
    )
    return list(db.session.scalars(stmt))


def entries_by_section(citizen_id: int) -> dict[str, list[JournalEntry]]:
    """Entries grouped per section, in SECTIONS order (applications by date, newest first)."""
    groups: dict[str, list[JournalEntry]] = {s: [] for s in SECTIONS}
    for entry in journal_entries(citizen_id):
        groups.setdefault(entry.section, []).append(entry)
    groups["application"].sort(key=lambda e: (e.applied_on is not None, e.applied_on), reverse=True)
    return groups


def set_sharing(
    citizen: User, journal: bool | None = None, progress: bool | None = None
) -> Sharing:
    """Share or withdraw sharing of the journal and/or progress with the job service."""
    sharing = db.session.get(Sharing, citizen.id)
    if sharing is None:
        sharing = Sharing(citizen_id=citizen.id, journal=False, progress=False)
        db.session.add(sharing)
    if journal is not None:
        sharing.journal = journal
    if progress is not None:
        sharing.progress = progress
    db.session.commit()
    return sharing
