"""The handoff API the action server calls: auth, validation, routing, redaction, replies."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.models.handoff import CaseAccessLog, CaseSource, CaseStatus, HandoffCase
from portal.models.user import Role
from portal.queues.operations import reply_to_case
from tests.assistant.conftest import TOKEN
from tests.conftest import create_test_user

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def payload(**changes):
    data = {
        "session_id": "sess-handoff-0001",
        "language": "ar",
        "topic_id": "dagpenge_amount",
        "name": "أمل",
        "contact": "12345678",
        "preferred_time": "صباحا",
        "consent_to_share": True,
        "transcript": [
            {"sender": "user", "text": "كم أحصل؟ رقمي 010190-1234", "timestamp": 1764000000},
            {"sender": "bot", "text": "...", "timestamp": "2026-11-24T10:00:00Z"},
        ],
    }
    data.update(changes)
    return data


def test_no_token_is_401(client: FlaskClient) -> None:
    response = client.post("/api/v1/handoff-cases", json=payload())
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert db.session.scalars(select(HandoffCase)).first() is None


def test_wrong_token_is_401(client: FlaskClient) -> None:
    for header in ("Bearer wrong", "Basic " + TOKEN, TOKEN, "Bearer " + TOKEN + "x"):
        response = client.post(
            "/api/v1/handoff-cases", json=payload(), headers={"Authorization": header}
        )
        assert response.status_code == 401, header
    assert db.session.scalars(select(HandoffCase)).first() is None


def test_unconfigured_token_refuses(client: FlaskClient, app: Flask) -> None:
    app.config["ASSISTANT_API_TOKEN"] = ""
    response = client.post(
        "/api/v1/handoff-cases", json=payload(), headers={"Authorization": "Bearer "}
    )
    assert response.status_code == 503
    assert db.session.scalars(select(HandoffCase)).first() is None


def test_case_lands_in_topic_team_with_redaction(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/handoff-cases", json=payload(name="أمل 0101901234"), headers=AUTH
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["team"] == {"id": "benefits", "name": "فريق الإعانات"}
    assert body["reply_expected"].startswith("سيرد عليك فريق الإعانات")
    case = db.session.get(HandoffCase, body["case_id"])
    assert case.team == "benefits" and case.source is CaseSource.ASSISTANT
    assert case.status is CaseStatus.OPEN
    assert case.name == "أمل [CPR fjernet]"
    assert case.transcript[0]["text"] == "كم أحصل؟ رقمي [CPR fjernet]"
    assert "010190" not in str(case.transcript)
    assert response.headers["Location"].endswith(
        f"/api/v1/handoff-cases/{case.id}/replies?session_id=sess-handoff-0001"
    )


def test_no_consent_means_no_transcript(client: FlaskClient) -> None:
    body = client.post(
        "/api/v1/handoff-cases", json=payload(consent_to_share=False), headers=AUTH
    ).get_json()
    case = db.session.get(HandoffCase, body["case_id"])
    assert case.transcript == [] and case.consent_to_share is False
    assert case.contact == "12345678"


def test_unknown_topic_goes_to_general_and_errors_are_per_field(client: FlaskClient) -> None:
    out = client.post("/api/v1/handoff-cases", json=payload(topic_id=None), headers=AUTH).get_json()
    assert out["team"]["id"] == "general"
    response = client.post(
        "/api/v1/handoff-cases",
        json=payload(topic_id="ghost", language="xx", name=""),
        headers=AUTH,
    )
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"topic_id", "language", "name"}


def test_replies_only_for_the_same_session(client: FlaskClient, app: Flask) -> None:
    body = client.post("/api/v1/handoff-cases", json=payload(), headers=AUTH).get_json()
    case = db.session.get(HandoffCase, body["case_id"])
    worker = create_test_user(Role.CASEWORKER, team="benefits")
    reply_to_case(worker, case, "Vi ringer i morgen. Skriv ikke 010190-1234")
    url = f"/api/v1/handoff-cases/{case.id}/replies"
    own = client.get(url, query_string={"session_id": "sess-handoff-0001"})
    assert own.status_code == 200
    data = own.get_json()
    assert data["status"] == "claimed"
    assert [r["text"] for r in data["replies"]] == ["Vi ringer i morgen. Skriv ikke [CPR fjernet]"]
    assert client.get(url, query_string={"session_id": "sess-handoff-0002"}).status_code == 404
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/handoff-cases/999/replies?session_id=x").status_code == 404


def test_session_owner_becomes_case_owner(client: FlaskClient, fake_rasa, citizen) -> None:
    from tests.conftest import login

    login(client, citizen)
    sid = client.post(
        "/api/v1/assistant/messages", json={"text": "hej", "language": "da"}
    ).get_json()["session_id"]
    other = create_test_user()
    body = client.post(
        "/api/v1/handoff-cases", json=payload(session_id=sid, user_id=other.id), headers=AUTH
    ).get_json()
    case = db.session.get(HandoffCase, body["case_id"])
    assert case.user_id == citizen.id  # the session's user, not what the payload claims
    assert db.session.scalars(select(CaseAccessLog)).first() is None
