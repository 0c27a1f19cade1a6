"""Team queues: who sees what, claim / reply / close, audit, and the citizen's inbox."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.assistant.operations import create_handoff_case
from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.handoff import CaseAccessLog, CaseSource, CaseStatus, HandoffCase
from portal.models.user import Role, User
from tests.conftest import create_test_user, login, make_app


def new_case(
    topic: str | None = "dagpenge_amount", user: User | None = None, **extra
) -> HandoffCase:
    return create_handoff_case(
        source=CaseSource.ASSISTANT,
        language=extra.pop("language", "ar"),
        topic_id=topic,
        name=extra.pop("name", "Amal"),
        contact="12345678",
        consent_to_share=extra.pop("consent_to_share", True),
        transcript=[{"sender": "user", "text": "Hvor meget får jeg?", "timestamp": None}],
        session_id=extra.pop("session_id", None),
        user_id=user.id if user else None,
        **extra,
    )


def test_citizen_and_employer_cannot_see_queues(client: FlaskClient, citizen, employer) -> None:
    case = new_case()
    login(client, citizen)
    assert client.get("/da/queues/").status_code == 403
    assert client.get(f"/da/queues/cases/{case.id}").status_code == 403
    assert client.post(f"/da/queues/cases/{case.id}/claim").status_code == 403
    client.post("/da/logout")
    login(client, employer)
    assert client.get("/da/queues/").status_code == 403


def test_anonymous_is_sent_to_login(client: FlaskClient) -> None:
    response = client.get("/da/queues/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_caseworker_sees_only_own_team(client: FlaskClient) -> None:
    benefits_case = new_case("dagpenge_amount", name="Benefits Person")
    general_case = new_case(None, name="General Person")
    worker = create_test_user(Role.CASEWORKER, team="benefits")
    login(client, worker)
    page = client.get("/da/queues/").get_data(as_text=True)
    assert "Benefits Person" in page and "General Person" not in page
    assert client.get(f"/da/queues/cases/{general_case.id}").status_code == 404
    assert client.post(f"/da/queues/cases/{general_case.id}/claim").status_code == 404
    assert (
        client.post(f"/da/queues/cases/{general_case.id}/reply", data={"body": "x"}).status_code
        == 404
    )
    assert client.get(f"/da/queues/cases/{benefits_case.id}").status_code == 200
    db.session.expire_all()
    assert db.session.get(HandoffCase, general_case.id).status is CaseStatus.OPEN


def test_caseworker_without_team_has_empty_queue(client: FlaskClient) -> None:
    new_case(None, name="Someone")
    login(client, create_test_user(Role.CASEWORKER))
    page = client.get("/da/queues/").get_data(as_text=True)
    assert "Someone" not in page and "ikke tilknyttet et team" in page


def test_admin_sees_all_and_can_filter(client: FlaskClient, admin) -> None:
    new_case("dagpenge_amount", name="Benefits Person")
    new_case("recruitment_help", name="Business Person")
    login(client, admin)
    page = client.get("/da/queues/").get_data(as_text=True)
    assert "Benefits Person" in page and "Business Person" in page
    filtered = client.get("/da/queues/?team=business_service").get_data(as_text=True)
    assert "Business Person" in filtered and "Benefits Person" not in filtered
    assert client.get("/da/queues/?team=ghost").status_code == 404


def test_reading_a_case_is_audited(client: FlaskClient, citizen) -> None:
    case = new_case(None, user=citizen)
    worker = create_test_user(Role.CASEWORKER, team="general")
    login(client, worker)
    page = client.get(f"/da/queues/cases/{case.id}").get_data(as_text=True)
    assert "Hvor meget får jeg?" in page
    logs = db.session.scalars(select(CaseAccessLog).where(CaseAccessLog.case_id == case.id)).all()
    assert [(entry.staff_id, entry.action) for entry in logs] == [(worker.id, "read")]
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.citizen_id == citizen.id)).all()
    assert [(a.actor_id, a.what) for a in audit] == [(worker.id, "handoff_case")]


def test_transcript_hidden_without_consent(client: FlaskClient, caseworker) -> None:
    case = new_case(None, consent_to_share=False)
    login(client, caseworker)
    page = client.get(f"/da/queues/cases/{case.id}").get_data(as_text=True)
    assert "Hvor meget får jeg?" not in page
    assert "ikke givet lov" in page


def test_claim_reply_close(client: FlaskClient, app: Flask) -> None:
    case = new_case("sickness_benefit")
    worker = create_test_user(Role.CASEWORKER, team="sickness")
    colleague = create_test_user(Role.CASEWORKER, team="sickness")
    login(client, worker)
    assert client.post(f"/da/queues/cases/{case.id}/claim").status_code == 303
    db.session.expire_all()
    assert case.status is CaseStatus.CLAIMED and case.claimed_by_id == worker.id
    other = app.test_client()
    login(other, colleague)
    refused = other.post(f"/da/queues/cases/{case.id}/reply", data={"body": "Mit svar"})
    assert refused.status_code == 409
    other.post(f"/da/queues/cases/{case.id}/claim")
    db.session.expire_all()
    assert case.claimed_by_id == worker.id
    empty = client.post(f"/da/queues/cases/{case.id}/reply", data={"body": "  "})
    assert empty.status_code == 422
    assert (
        client.post(
            f"/da/queues/cases/{case.id}/reply", data={"body": "Ring til os 010190-1234"}
        ).status_code
        == 303
    )
    db.session.expire_all()
    assert [r.body for r in case.replies] == ["Ring til os [CPR fjernet]"]
    assert case.first_reply_at is not None
    assert client.post(f"/da/queues/cases/{case.id}/close").status_code == 303
    db.session.expire_all()
    assert case.status is CaseStatus.CLOSED and case.closed_at is not None
    late = client.post(f"/da/queues/cases/{case.id}/reply", data={"body": "for sent"})
    assert late.status_code == 422
    actions = [
        e.action for e in db.session.scalars(select(CaseAccessLog).order_by(CaseAccessLog.id))
    ]
    assert actions == ["claim", "reply", "close"]


def test_release_puts_case_back(client: FlaskClient, caseworker) -> None:
    case = new_case(None)
    login(client, caseworker)
    client.post(f"/da/queues/cases/{case.id}/claim")
    client.post(f"/da/queues/cases/{case.id}/release")
    db.session.expire_all()
    assert case.status is CaseStatus.OPEN and case.claimed_by_id is None


def test_inbox_shows_only_own_cases(app: Flask, client: FlaskClient, citizen) -> None:
    mine = new_case(None, user=citizen)
    stranger = create_test_user()
    theirs = new_case(None, user=stranger)
    worker = create_test_user(Role.CASEWORKER, team="general")
    staff = app.test_client()
    login(staff, worker)
    staff.post(f"/da/queues/cases/{mine.id}/reply", data={"body": "Svar til dig"})
    staff.post(f"/da/queues/cases/{theirs.id}/reply", data={"body": "Svar til en anden"})
    login(client, citizen)
    index = client.get("/en/inbox/").get_data(as_text=True)
    assert f"/en/inbox/{mine.id}" in index and f"/en/inbox/{theirs.id}" not in index
    assert "1 new reply" in index
    page = client.get(f"/en/inbox/{mine.id}").get_data(as_text=True)
    assert "Svar til dig" in page and "Svar til en anden" not in page
    assert client.get(f"/en/inbox/{theirs.id}").status_code == 404
    db.session.expire_all()
    assert all(r.read_at is not None for r in db.session.get(HandoffCase, mine.id).replies)
    assert all(r.read_at is None for r in db.session.get(HandoffCase, theirs.id).replies)
    assert "new reply" not in client.get("/en/inbox/").get_data(as_text=True)


def test_inbox_needs_login(client: FlaskClient) -> None:
    assert client.get("/da/inbox/").status_code == 302


def test_recruitment_request_goes_to_business_service(client: FlaskClient, employer) -> None:
    login(client, employer)
    form = client.get("/da/recruitment/").get_data(as_text=True)
    assert 'value="Test ApS"' in form
    response = client.post(
        "/da/recruitment/",
        data={
            "company": "Test ApS",
            "cvr": "12345678",
            "contact_name": "Eva",
            "contact": "eva@test.dk",
            "job_title": "Lagermedarbejder",
            "positions": "3",
            "hours": "37",
            "start": "1. februar",
            "description": "Vi søger tre. Kandidat 010190-1234 kender vi.",
        },
    )
    assert response.status_code == 303
    case = db.session.scalars(select(HandoffCase)).one()
    assert case.team == "business_service" and case.source is CaseSource.RECRUITMENT
    assert case.user_id == employer.id
    assert case.subject == "Lagermedarbejder – Test ApS"
    assert case.details["positions"] == 3
    assert "[CPR fjernet]" in case.message and "010190" not in case.message
    assert response.headers["Location"].endswith(f"/da/inbox/{case.id}")
    followed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Virksomhedsservice" in followed


def test_recruitment_form_errors_keep_values(client: FlaskClient, employer) -> None:
    login(client, employer)
    response = client.post(
        "/da/recruitment/",
        data={
            "company": "Test ApS",
            "cvr": "123",
            "contact_name": "",
            "contact": "x",
            "job_title": "Kok",
            "positions": "0",
            "description": "Tekst jeg skrev",
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Et CVR-nummer har 8 cifre." in page and "Tekst jeg skrev" in page
    assert 'id="error-summary"' in page
    assert db.session.scalars(select(HandoffCase)).first() is None


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.CASEWORKER])
def test_recruitment_is_for_employers(client: FlaskClient, role) -> None:
    login(client, create_test_user(role, team="general"))
    assert client.get("/da/recruitment/").status_code == 403


def test_employer_home_links_to_recruitment(client: FlaskClient, employer) -> None:
    login(client, employer)
    page = client.get("/da/employer/").get_data(as_text=True)
    assert "/da/recruitment/" in page and "/da/inbox/" in page


def test_forms_keep_csrf_protection(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'csrf.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        worker = create_test_user(Role.CASEWORKER, team="general")
        case = new_case(None)
        client = app.test_client()
        page = client.get("/da/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        logged_in = client.post(
            "/da/login",
            data={"email": worker.email, "password": "correct horse battery", "csrf_token": token},
        )
        assert logged_in.status_code == 302
        assert client.get(f"/da/queues/cases/{case.id}").status_code == 200
        assert (
            client.post(f"/da/queues/cases/{case.id}/reply", data={"body": "x"}).status_code == 400
        )
        assert client.post(f"/da/queues/cases/{case.id}/claim").status_code == 400
        db.session.expire_all()
        assert db.session.get(HandoffCase, case.id).replies == []
        # The JSON chat API is CSRF-exempt but refuses form posts (415).
        assert client.post("/api/v1/assistant/messages", data={"text": "x"}).status_code == 415
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
