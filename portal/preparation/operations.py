"""Saving the citizen's preparation: before any meeting exists (for the first meeting) and
for a booked meeting (commits)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select

from portal.domain.meetings import CHANNELS, preparation_editable
from portal.extensions import db
from portal.meetings.operations import preparation_for, unattached_preparation
from portal.models.meetings import Meeting, Preparation
from portal.models.user import User, utcnow

TEXT_FIELDS = (
    "wishes",
    "goals",
    "helps",
    "obstacles",
    "interpreter_language",
    "accessibility",
    "questions",
    "matters_now",
    "help_wanted",
    "situation",
    "language",
)


class PreparationLocked(Exception):
    """The meeting has started: the preparation can no longer change."""


def _apply(prep: Preparation, values: Mapping[str, object], submit: bool) -> None:
    for name in TEXT_FIELDS:
        setattr(prep, name, str(values.get(name) or ""))
    prep.interpreter_needed = bool(values.get("interpreter_needed"))
    channel = str(values.get("preferred_channel") or "")
    prep.preferred_channel = channel if channel in CHANNELS else ""
    if submit:
        prep.status = "submitted"
        prep.submitted_at = utcnow()
    elif prep.status != "submitted":
        prep.status = "draft"


def save_preparation(meeting: Meeting, values: Mapping[str, object], submit: bool) -> Preparation:
    """Save as draft (`submit` False) or send to the caseworker (`submit` True).

    A sent preparation stays sent when edited again before the meeting."""
    if not preparation_editable(meeting.starts_at, utcnow()):
        raise PreparationLocked()
    prep = preparation_for(meeting)
    if prep is None:
        prep = Preparation(meeting_id=meeting.id, citizen_id=meeting.citizen_id)
        db.session.add(prep)
    _apply(prep, values, submit)
    db.session.commit()
    return prep


def save_early_preparation(
    citizen: User, values: Mapping[str, object], submit: bool
) -> Preparation:
    """Save the preparation a citizen writes before any meeting is booked. Sent, it is
    ready for the job service; the caseworker reads it once the first meeting is booked
    (it is attached to that meeting then)."""
    prep = unattached_preparation(citizen.id)
    if prep is None:
        prep = Preparation(meeting_id=None, citizen_id=citizen.id)
        db.session.add(prep)
    _apply(prep, values, submit)
    db.session.commit()
    return prep


def prepared_citizen_ids(citizen_ids: Iterable[int]) -> set[int]:
    """Which of these citizens have sent a preparation (before or for a meeting)."""
    ids = list(citizen_ids)
    if not ids:
        return set()
    return set(
        db.session.scalars(
            select(Preparation.citizen_id).where(
                Preparation.citizen_id.in_(ids), Preparation.status == "submitted"
            )
        )
    )
