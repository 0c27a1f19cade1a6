"""Saving the citizen's preparation for a meeting (commits)."""

from __future__ import annotations

from collections.abc import Mapping

from portal.domain.meetings import preparation_editable
from portal.extensions import db
from portal.meetings.operations import preparation_for
from portal.models.meetings import Meeting, Preparation
from portal.models.user import utcnow

TEXT_FIELDS = (
    "wishes",
    "goals",
    "helps",
    "obstacles",
    "interpreter_language",
    "accessibility",
    "questions",
    "language",
)


class PreparationLocked(Exception):
    """The meeting has started: the preparation can no longer change."""


def save_preparation(meeting: Meeting, values: Mapping[str, object], submit: bool) -> Preparation:
    """Save as draft (`submit` False) or send to the caseworker (`submit` True).

    A sent preparation stays sent when edited again before the meeting."""
    if not preparation_editable(meeting.starts_at, utcnow()):
        raise PreparationLocked()
    prep = preparation_for(meeting)
    if prep is None:
        prep = Preparation(meeting_id=meeting.id, citizen_id=meeting.citizen_id)
        db.session.add(prep)
    for name in TEXT_FIELDS:
        setattr(prep, name, str(values.get(name) or ""))
    prep.interpreter_needed = bool(values.get("interpreter_needed"))
    if submit:
        prep.status = "submitted"
        prep.submitted_at = utcnow()
    elif prep.status != "submitted":
        prep.status = "draft"
    db.session.commit()
    return prep
