"""Fixtures for the citizen self-service tests: a second citizen, assignments, meetings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from portal.journal.operations import create_journal_entry, set_sharing
from portal.meetings.operations import book_meeting
from portal.models.journal import JournalEntry
from portal.models.meetings import Meeting
from portal.models.user import Role, User, utcnow
from portal.privacy.operations import assign_citizen
from tests.conftest import create_test_user


@pytest.fixture
def other_citizen(app: Flask) -> User:
    return create_test_user(Role.CITIZEN)


def make_meeting(
    citizen: User, caseworker: User | None, days: float = 3, kind: str = "first"
) -> Meeting:
    """A booked meeting `days` from now (negative: in the past)."""
    return book_meeting(
        citizen,
        caseworker,
        utcnow() + timedelta(days=days),
        "Jobservice, Rådhuspladsen 1",
        "in_person",
        kind,
    )


def make_entry(citizen: User, section: str = "goal", **values: object) -> JournalEntry:
    base: dict[str, object] = {"goal_area": "job", "body": "Arbejde på et lager", "language": "da"}
    base.update(values)
    return create_journal_entry(citizen, section, base)


@pytest.fixture
def served(app: Flask, citizen: User, caseworker: User) -> tuple[User, User]:
    """The citizen assigned to the caseworker, sharing journal and progress."""
    assign_citizen(citizen, caseworker)
    set_sharing(citizen, journal=True, progress=True)
    return citizen, caseworker
