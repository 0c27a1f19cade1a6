"""A citizen cannot read or change another citizen's records by guessing ids: walk every
citizen route that takes an id, with the ids of another citizen's records."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.extensions import db
from portal.journal.operations import set_sharing
from portal.meetings.operations import request_reschedule
from portal.models.journal import JournalEntry
from portal.models.meetings import Meeting, Preparation, RescheduleRequest
from portal.models.user import User
from portal.preparation.operations import save_preparation
from tests.citizen.conftest import make_entry, make_meeting
from tests.conftest import login

CITIZEN_BLUEPRINTS = {"citizen", "journal", "meetings", "preparation", "progress", "privacy"}


def _snapshot() -> tuple[object, ...]:
    entry = db.session.scalars(select(JournalEntry)).all()
    return (
        [(e.id, e.body, e.title, e.citizen_id) for e in entry],
        db.session.scalar(select(func.count()).select_from(Meeting)),
        [(m.id, m.starts_at, m.status) for m in db.session.scalars(select(Meeting))],
        [(p.id, p.wishes, p.status) for p in db.session.scalars(select(Preparation))],
        db.session.scalar(select(func.count()).select_from(RescheduleRequest)),
    )


def test_every_citizen_route_with_another_citizens_ids(
    app: Flask, client: FlaskClient, citizen: User, other_citizen: User, caseworker: User
) -> None:
    victim_entry = make_entry(other_citizen, body="Hemmeligt mål")
    victim_meeting = make_meeting(other_citizen, caseworker)
    save_preparation(victim_meeting, {"wishes": "Hemmelig forberedelse"}, submit=False)
    request_reschedule(victim_meeting, "Hemmelig grund", "da")
    set_sharing(other_citizen, journal=True)
    ids = {"entry_id": victim_entry.id, "meeting_id": victim_meeting.id}
    db.session.expire_all()
    before = _snapshot()

    login(client, citizen)
    walked = []
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.split(".")[0]
        if blueprint not in CITIZEN_BLUEPRINTS:
            continue
        id_args = [
            a
            for a in rule.arguments
            if a != "lang_code" and rule._converters[a].__class__.__name__ == "IntegerConverter"
        ]  # noqa: SLF001
        if not id_args:
            continue
        unknown = set(id_args) - set(ids)
        assert not unknown, f"route {rule.rule} takes ids this test does not know: {unknown}"
        url = rule.rule.replace("<lang_code>", "da")
        for arg in id_args:
            url = re.sub(rf"<int:{arg}>", str(ids[arg]), url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = {
                "body": "overtaget",
                "title": "overtaget",
                "reason": "overtaget",
                "wishes": "overtaget",
                "goals": "overtaget",
                "interpreter_needed": "no",
                "language": "da",
                "goal_area": "job",
                "submit": "1",
            }
            response = client.open(url, method=method, data=data if method == "POST" else None)
            assert response.status_code in (403, 404), (method, url, response.status_code)
            text = response.get_data(as_text=True)
            assert "Hemmelig" not in text
            walked.append((method, rule.endpoint))
        db.session.expire_all()
    # The routes that matter are really walked (a renamed route must not drop out silently).
    endpoints = {e for _, e in walked}
    assert {
        "journal.edit",
        "journal.delete",
        "meetings.calendar",
        "meetings.reschedule",
        "preparation.edit",
    } <= endpoints
    assert ("POST", "journal.edit") in walked and ("POST", "preparation.edit") in walked
    assert _snapshot() == before


def test_lists_and_exports_show_only_own_records(
    client: FlaskClient, citizen: User, other_citizen: User, caseworker: User
) -> None:
    make_entry(other_citizen, body="Andens mål")
    make_meeting(other_citizen, caseworker)
    make_entry(citizen, body="Mit mål")
    login(client, citizen)
    for url in (
        "/da/journal/",
        "/da/meetings/",
        "/da/citizen/",
        "/da/progress/",
        "/da/privacy/access-log",
        "/da/privacy/export.html",
    ):
        assert "Andens mål" not in client.get(url).get_data(as_text=True), url
    assert "Mit mål" in client.get("/da/journal/").get_data(as_text=True)
    assert "Rådhuspladsen" not in client.get("/da/meetings/").get_data(as_text=True)
    export = client.get("/da/privacy/export.json").get_json()
    bodies = [row["body"] for row in export["tables"]["journal_entries"]]
    assert bodies == ["Mit mål"]
    assert "meetings" not in export["tables"]


def test_anonymous_visitors_are_sent_to_login(app: Flask, client: FlaskClient) -> None:
    for url in (
        "/da/journal/",
        "/da/meetings/",
        "/da/progress/",
        "/da/privacy/",
        "/da/preparation/1",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
