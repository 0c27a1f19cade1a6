"""Reads for effect steering: database rows turned into the domain's plain facts.

Only aggregated figures leave portal.domain.steering; nothing here is shown per person."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from portal.assistant.operations import as_utc
from portal.domain.steering import CitizenFacts, Rating
from portal.extensions import db
from portal.models.meetings import Meeting, Preparation
from portal.models.progress import ProgressRating
from portal.models.sharing import Assignment
from portal.models.support import CitizenSupport
from portal.models.user import Role, User

DIMENSION_COLUMNS = ("job", "health", "skills", "network", "danish", "structure")


def citizen_facts(team: str | None = None) -> list[CitizenFacts]:
    """Facts for every active citizen (of one team when `team` is given)."""
    query = select(User).where(User.role == Role.CITIZEN, User.is_active_account.is_(True))
    citizens = list(db.session.scalars(query))
    ids = [c.id for c in citizens]
    if not ids:
        return []
    teams = dict(
        db.session.execute(
            select(Assignment.citizen_id, Assignment.team).where(Assignment.citizen_id.in_(ids))
        ).all()
    )
    groups = dict(
        db.session.execute(
            select(CitizenSupport.citizen_id, CitizenSupport.target_group).where(
                CitizenSupport.citizen_id.in_(ids)
            )
        ).all()
    )
    first_meetings: dict[int, dt.datetime] = {}
    for citizen_id, starts_at in db.session.execute(
        select(Meeting.citizen_id, Meeting.starts_at)
        .where(Meeting.citizen_id.in_(ids), Meeting.status != "cancelled")
        .order_by(Meeting.starts_at)
    ):
        first_meetings.setdefault(citizen_id, as_utc(starts_at))
    prepared: dict[int, dt.datetime] = {}
    for citizen_id, sent_at in db.session.execute(
        select(Preparation.citizen_id, Preparation.submitted_at)
        .where(
            Preparation.citizen_id.in_(ids),
            Preparation.status == "submitted",
            Preparation.submitted_at.is_not(None),
        )
        .order_by(Preparation.submitted_at)
    ):
        prepared.setdefault(citizen_id, as_utc(sent_at))
    ratings: dict[int, list[Rating]] = {}
    for row in db.session.scalars(select(ProgressRating).where(ProgressRating.citizen_id.in_(ids))):
        ratings.setdefault(row.citizen_id, []).append(
            Rating(as_utc(row.recorded_at), {d: getattr(row, d) for d in DIMENSION_COLUMNS})
        )
    return [
        CitizenFacts(
            registered_at=as_utc(c.created_at),
            team=teams.get(c.id),
            target_group=groups.get(c.id),
            first_meeting_at=first_meetings.get(c.id),
            prepared_at=prepared.get(c.id),
            ratings=tuple(ratings.get(c.id, ())),
        )
        for c in citizens
        if team is None or teams.get(c.id) == team
    ]


def current_spell_weeks(today: dt.date, benefit: str | None = None) -> list[int]:
    """Weeks on support so far (week 1 = the first week) of every citizen whose spell start
    is recorded (of one benefit when given)."""
    query = select(CitizenSupport.support_since).where(CitizenSupport.support_since.is_not(None))
    if benefit:
        query = query.where(CitizenSupport.benefit == benefit)
    return [
        (today - since).days // 7 + 1
        for since in db.session.scalars(query)
        if since is not None and since <= today
    ]
