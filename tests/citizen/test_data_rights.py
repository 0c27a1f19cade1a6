"""Export contains every record; deletion leaves no personal row; CLI assignment and demo seed."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import String, Text, select

from portal.cli import DEMO_USERS, seed_demo
from portal.extensions import db
from portal.journal.operations import set_sharing
from portal.meetings.operations import request_reschedule
from portal.models.audit import AuditEntry
from portal.models.journal import JournalEntry
from portal.models.meetings import Meeting
from portal.models.sharing import Assignment
from portal.models.user import User
from portal.preparation.operations import save_preparation
from portal.privacy.operations import assign_citizen
from portal.progress.operations import record_progress
from tests.citizen.conftest import make_entry, make_meeting
from tests.conftest import PASSWORD, login

ARABIC = "أريد أن أعمل"


def populate(citizen: User, caseworker: User, app: Flask) -> None:
    """One row in every table the citizen can have data in, plus an audited staff read."""
    assign_citizen(citizen, caseworker)
    set_sharing(citizen, journal=True, progress=True)
    make_entry(citizen, body=ARABIC, language="ar")
    make_entry(citizen, "note", body=f"Min e-mail er {citizen.email}")
    meeting = make_meeting(citizen, caseworker)
    save_preparation(meeting, {"wishes": "x", "goals": "y", "language": "da"}, submit=True)
    request_reschedule(meeting, "Syg", "da")
    record_progress(citizen, {"job": 3, "network": 5})
    staff = app.test_client()
    login(staff, caseworker)
    assert staff.get(f"/da/caseworker/meetings/{meeting.id}/brief").status_code == 200


def personal_tables() -> list[str]:
    return sorted(
        t.name
        for t in db.metadata.sorted_tables
        if any(fk.column.table.name == "users" for c in t.columns for fk in c.foreign_keys)
    )


def test_export_contains_every_record(
    app: Flask, client: FlaskClient, citizen: User, caseworker: User
) -> None:
    populate(citizen, caseworker, app)
    login(client, citizen)
    response = client.get("/da/privacy/export.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.get_json()
    assert data["account"]["email"] == citizen.email
    assert "password_hash" not in data["account"]
    for table_name in personal_tables():
        table = db.metadata.tables[table_name]
        mine = [
            row
            for row in db.session.execute(select(table)).mappings()
            if citizen.id in {row[c.name] for c in table.columns if c.foreign_keys}
        ]
        exported = data["tables"].get(table_name, [])
        assert sorted(r["id"] if "id" in r else r["citizen_id"] for r in exported) == sorted(
            r["id"] if "id" in r else r["citizen_id"] for r in mine
        ), table_name
        if mine:
            assert exported, table_name
    assert {
        "journal_entries",
        "meetings",
        "meeting_preparations",
        "reschedule_requests",
        "progress_ratings",
        "sharing",
        "citizen_assignments",
        "audit_entries",
    } <= set(data["tables"])
    assert any(r["body"] == ARABIC for r in data["tables"]["journal_entries"])
    html = client.get("/da/privacy/export.html").get_data(as_text=True)
    assert ARABIC in html and "Syg" in html and "Hvem har set mine oplysninger" in html
    assert caseworker.display_name in html


def test_delete_account_needs_confirmation(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    response = client.post("/da/privacy/delete", data={"password": PASSWORD})
    assert response.status_code == 422
    assert "Sæt kryds" in response.get_data(as_text=True)
    response = client.post(
        "/da/privacy/delete", data={"understood": "y", "password": "forkert-kode"}
    )
    assert response.status_code == 422
    assert "Adgangskoden er forkert." in response.get_data(as_text=True)
    assert db.session.get(User, citizen.id) is not None


def test_deletion_leaves_no_personal_row(
    app: Flask, client: FlaskClient, citizen: User, caseworker: User
) -> None:
    populate(citizen, caseworker, app)
    user_id, email = citizen.id, citizen.email
    login(client, citizen)
    response = client.post("/da/privacy/delete", data={"understood": "y", "password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    for table in db.metadata.sorted_tables:
        fk_columns = [
            c
            for c in table.columns
            if any(fk.column.table.name == "users" for fk in c.foreign_keys)
        ]
        text_columns = [c for c in table.columns if isinstance(c.type, String | Text)]
        for row in db.session.execute(select(table)).mappings():
            for column in fk_columns:
                assert row[column.name] != user_id, (table.name, column.name)
            if table.name == "users":
                assert row["id"] != user_id
            for column in text_columns:
                value = row[column.name]
                assert not (isinstance(value, str) and email in value), (table.name, column.name)
    # orphans of the citizen's meetings are gone too
    assert db.session.scalars(select(Meeting)).all() == []
    # the caseworker is untouched
    assert db.session.get(User, caseworker.id) is not None
    # logged out
    assert client.get("/da/journal/").status_code == 302


def test_cli_assign_citizen(app: Flask, citizen: User, caseworker: User) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "jobvej",
            "assign-citizen",
            "--citizen",
            citizen.email,
            "--caseworker",
            caseworker.email,
        ]
    )
    assert result.exit_code == 0, result.output
    assignment = db.session.scalars(select(Assignment)).one()
    assert (assignment.citizen_id, assignment.caseworker_id) == (citizen.id, caseworker.id)
    result = runner.invoke(
        args=["jobvej", "assign-citizen", "--citizen", citizen.email, "--team", "benefits"]
    )
    assert result.exit_code == 0
    db.session.expire_all()
    assignment = db.session.scalars(select(Assignment)).one()
    assert (assignment.caseworker_id, assignment.team) == (None, "benefits")
    bad = runner.invoke(
        args=["jobvej", "assign-citizen", "--citizen", caseworker.email, "--team", "x"]
    )
    assert bad.exit_code != 0 and "no citizen" in bad.output


def test_seed_demo_creates_casework_once(app: Flask) -> None:
    seed_demo()
    seed_demo()
    citizen = db.session.scalars(select(User).where(User.email == DEMO_USERS[0][0])).one()
    caseworker = db.session.scalars(select(User).where(User.email == DEMO_USERS[1][0])).one()
    # (the demo has other citizens too: match profiles and effect steering data)
    assignment = db.session.scalars(
        select(Assignment).where(Assignment.citizen_id == citizen.id)
    ).one()
    assert assignment.caseworker_id == caseworker.id
    meetings = db.session.scalars(select(Meeting).where(Meeting.citizen_id == citizen.id)).all()
    assert len(meetings) == 1
    entries = db.session.scalars(
        select(JournalEntry).where(JournalEntry.citizen_id == citizen.id)
    ).all()
    assert {e.section for e in entries} >= {"goal", "application", "language"}
    assert meetings[0].starts_at.replace(tzinfo=dt.UTC) > dt.datetime.now(dt.UTC)
    assert (
        db.session.scalars(select(AuditEntry).where(AuditEntry.citizen_id == citizen.id)).all()
        == []
    )
