"""The chat API: forwarding to Rasa, redaction, storage, unavailability, rate limits."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.content_store import get_library
from portal.extensions import db
from portal.models.handoff import CaseSource, Conversation, HandoffCase
from tests.conftest import create_test_user, login, make_app


def conversation(session_id: str) -> Conversation:
    db.session.expire_all()
    return db.session.scalars(
        select(Conversation).where(Conversation.session_id == session_id)
    ).one()


def test_message_is_redacted_before_forwarding_and_storing(client: FlaskClient, fake_rasa) -> None:
    response = client.post(
        "/api/v1/assistant/messages",
        json={"text": "Mit CPR er 010190-1234, hvad får jeg?", "language": "da"},
    )
    assert response.status_code == 200
    body = response.get_json()
    sent = fake_rasa.webhook_calls[0]
    assert sent["message"] == "Mit CPR er [CPR fjernet], hvad får jeg?"
    assert sent["sender"] == body["session_id"]
    assert sent["metadata"] == {"language": "da", "user_id": None}
    assert body["messages"] == [
        {
            "text": "echo: Mit CPR er [CPR fjernet], hvad får jeg?",
            "buttons": [],
            "link": None,
            "link_text": None,
        }
    ]
    assert body["handoff_case_id"] is None and body["assistant_available"] is True
    stored = conversation(body["session_id"])
    assert "010190" not in str(stored.transcript)
    assert [e["sender"] for e in stored.transcript] == ["user", "bot"]
    assert fake_rasa.parse_calls[0]["text"] == "Mit CPR er [CPR fjernet], hvad får jeg?"


def test_topics_and_understanding_are_recorded(client: FlaskClient, fake_rasa) -> None:
    fake_rasa.intents = {"dagpenge": ("dagpenge_amount", 0.93), "hej": ("greet", 0.99)}
    first = client.post("/api/v1/assistant/messages", json={"text": "hej", "language": "uk"})
    sid = first.get_json()["session_id"]
    client.post(
        "/api/v1/assistant/messages",
        json={"text": "dagpenge?", "language": "uk", "session_id": sid},
    )
    client.post(
        "/api/v1/assistant/messages",
        json={"text": "parkering", "language": "uk", "session_id": sid},
    )
    stored = conversation(sid)
    assert stored.user_messages == 3
    assert stored.understood_messages == 1
    assert stored.topic_ids == ["dagpenge_amount"]
    users = [e for e in stored.transcript if e["sender"] == "user"]
    assert [e["understood"] for e in users] == [None, True, False]


def test_bot_custom_topic_avoids_parse_call(app: Flask, client: FlaskClient, fake_rasa) -> None:
    fake_rasa.reply = lambda p: [
        {
            "recipient_id": p["sender"],
            "text": "Svar",
            "buttons": [{"title": "Mere", "payload": "/more"}],
            "custom": {"topic_id": "cv", "link": "/da/help/cv"},
        }
    ]
    body = client.post(
        "/api/v1/assistant/messages", json={"text": "cv", "language": "da"}
    ).get_json()
    assert body["messages"] == [
        {
            "text": "Svar",
            "buttons": [{"title": "Mere", "payload": "/more"}],
            "link": "/da/help/cv",
            # a titled link, never the raw URL (issue 8): "Læs mere: <article title>"
            "link_text": "Læs mere: " + get_library(app).resolve("cv", "da").article.title,
        }
    ]
    assert fake_rasa.parse_calls == []
    assert conversation(body["session_id"]).topic_ids == ["cv"]


def test_unsafe_links_are_dropped(client: FlaskClient, fake_rasa) -> None:
    fake_rasa.reply = lambda p: [
        {"recipient_id": p["sender"], "text": "x", "custom": {"link": "javascript:alert(1)"}}
    ]
    body = client.post(
        "/api/v1/assistant/messages", json={"text": "x", "language": "da"}
    ).get_json()
    assert body["messages"][0]["link"] is None


def test_logged_in_user_id_is_forwarded(client: FlaskClient, citizen, fake_rasa) -> None:
    login(client, citizen)
    body = client.post(
        "/api/v1/assistant/messages", json={"text": "hej", "language": "fa"}
    ).get_json()
    assert fake_rasa.webhook_calls[0]["metadata"] == {"language": "fa", "user_id": citizen.id}
    assert conversation(body["session_id"]).user_id == citizen.id


def test_someone_elses_session_is_not_continued(app: Flask, fake_rasa) -> None:
    owner, other = create_test_user(), create_test_user()
    first, second = app.test_client(), app.test_client()
    login(first, owner)
    login(second, other)
    sid = first.post("/api/v1/assistant/messages", json={"text": "a", "language": "da"}).get_json()[
        "session_id"
    ]
    body = second.post(
        "/api/v1/assistant/messages", json={"text": "b", "language": "da", "session_id": sid}
    ).get_json()
    assert body["session_id"] != sid
    assert [e["text"] for e in conversation(sid).transcript if e["sender"] == "user"] == ["a"]


def test_rasa_down_gives_notice_in_users_language(client: FlaskClient) -> None:
    # tests/conftest.py points ASSISTANT_URL at port 9, where nothing listens.
    response = client.post("/api/v1/assistant/messages", json={"text": "مرحبا", "language": "ar"})
    body = response.get_json()
    assert response.status_code == 200
    assert body["assistant_available"] is False and body["offer_leave_message"] is True
    assert body["messages"][0]["text"].startswith("المساعد غير متاح")
    stored = conversation(body["session_id"])
    assert stored.assistant_failures == 1
    assert stored.transcript[0]["text"] == "مرحبا"  # the question is kept, not lost


def test_rasa_error_status_counts_as_unavailable(
    client: FlaskClient, app: Flask, fake_rasa
) -> None:
    app.config["ASSISTANT_WEBHOOK_PATH"] = "/webhooks/missing/webhook"  # fake answers 404
    body = client.post(
        "/api/v1/assistant/messages", json={"text": "x", "language": "so"}
    ).get_json()
    assert body["assistant_available"] is False
    assert body["messages"][0]["text"].startswith("Caawiyaha hadda lama heli karo")


def test_webhook_path_is_configurable(client: FlaskClient, app: Flask, fake_rasa) -> None:
    app.config["ASSISTANT_WEBHOOK_PATH"] = "/webhooks/rest/webhook"
    client.post("/api/v1/assistant/messages", json={"text": "x", "language": "da"})
    assert len(fake_rasa.webhook_calls) == 1


def test_validation_errors(client: FlaskClient) -> None:
    response = client.post("/api/v1/assistant/messages", json={"text": "", "language": "de"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"text", "language"}
    form = client.post("/api/v1/assistant/messages", data={"text": "x", "language": "da"})
    assert form.status_code == 415


def test_leave_message_when_rasa_is_down(client: FlaskClient) -> None:
    sid = client.post(
        "/api/v1/assistant/messages", json={"text": "hjælp", "language": "ti"}
    ).get_json()["session_id"]
    response = client.post(
        "/api/v1/assistant/leave-message",
        json={
            "language": "ti",
            "name": "Selam",
            "contact": "12345678",
            "message": "ring 010190-1234",
            "consent": True,
            "session_id": sid,
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["team"]["id"] == "general"
    assert body["team"]["name"] == "ኣገልግሎት ስራሕ – ሓፈሻዊ ሕቶታት"
    assert "ኣገልግሎት ስራሕ" in body["reply_expected"]
    case = db.session.get(HandoffCase, body["case_id"])
    assert case.source is CaseSource.LEFT_MESSAGE
    assert case.message == "ring [CPR fjernet]"
    assert [e["text"] for e in case.transcript][:1] == ["hjælp"]
    assert conversation(sid).handed_off is True


def test_leave_message_errors_in_users_language(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/assistant/leave-message",
        json={"language": "uk", "name": "", "contact": "x", "message": "y", "consent": False},
    )
    assert response.status_code == 422
    body = response.get_json()
    assert body["errors"] == {"name": "error_required", "consent": "error_consent"}
    assert body["messages"]["name"] == "Заповніть це поле."
    assert db.session.scalars(select(HandoffCase)).first() is None


def test_parse_endpoint(client: FlaskClient, fake_rasa) -> None:
    fake_rasa.intents = {"sick": ("sickness_benefit", 0.87654), "hi": ("greet", 0.99)}
    ok = client.post(
        "/api/v1/assistant/parse", json={"text": "I am sick 010190-1234", "language": "en"}
    )
    assert ok.get_json() == {"topic_id": "sickness_benefit", "confidence": 0.8765}
    assert fake_rasa.parse_calls[-1]["text"] == "I am sick [CPR fjernet]"
    assert (
        client.post("/api/v1/assistant/parse", json={"text": "hi"}).get_json()["topic_id"]
        == "out_of_scope"
    )
    assert (
        client.post("/api/v1/assistant/parse", json={"text": "zzz"}).get_json()["topic_id"]
        == "out_of_scope"
    )
    assert client.post("/api/v1/assistant/parse", json={"text": ""}).status_code == 422


def test_parse_when_rasa_is_down(client: FlaskClient) -> None:
    response = client.post("/api/v1/assistant/parse", json={"text": "x", "language": "da"})
    assert response.status_code == 503


def test_chat_api_is_rate_limited(tmp_path: Path) -> None:
    app = make_app(
        f"sqlite:///{tmp_path / 'rate.sqlite3'}",
        tmp_path,
        RATELIMIT_ENABLED=True,
        CHAT_RATE_LIMIT="3/minute",
    )
    with app.app_context():
        db.create_all()
        client = app.test_client()
        codes = [
            client.post(
                "/api/v1/assistant/messages", json={"text": "x", "language": "da"}
            ).status_code
            for _ in range(4)
        ]
        assert codes == [200, 200, 200, 429]
        assert client.post("/api/v1/assistant/parse", json={"text": "x"}).status_code == 429
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_answer_from_machine_translated_article_says_so(client: FlaskClient, fake_rasa) -> None:
    from flask import current_app

    from portal.content_store import get_library

    library = get_library(current_app)
    fake_rasa.reply = lambda p: [
        {
            "recipient_id": p["sender"],
            "text": "Svar",
            "custom": {"topic_id": "cv", "link": f"/{p['metadata']['language']}/help/cv"},
        }
    ]
    for language in ("en", "ar"):
        body = client.post(
            "/api/v1/assistant/messages", json={"text": "cv", "language": language}
        ).get_json()
        text = body["messages"][0]["text"]
        machine = library.resolve("cv", language).article.machine_translated
        assert ("\n\n" in text) is machine, language
    assert (
        client.post("/api/v1/assistant/messages", json={"text": "cv", "language": "ar"})
        .get_json()["messages"][0]["text"]
        .endswith("النص الدنماركي هو المعتمد.")
    )


def test_handoff_request_from_the_bot_becomes_a_case_in_the_same_request(
    client: FlaskClient, fake_rasa
) -> None:
    """The action server does not call the portal: its payload carries the contact form's
    answers and the portal creates the case while answering the chat turn."""
    fake_rasa.reply = lambda p: [
        {
            "recipient_id": p["sender"],
            "custom": {
                "topic_id": "talk_to_caseworker",
                "understood": True,
                "handoff_request": {
                    "topic_id": "dagpenge_amount",
                    "name": "Amal",
                    "contact": "20304050",
                    "preferred_time": "i morgen",
                    "consent_to_share": True,
                },
            },
        }
    ]
    body = client.post(
        "/api/v1/assistant/messages", json={"text": "ja tak, 010190-1234", "language": "ar"}
    ).get_json()
    case = db.session.scalars(select(HandoffCase)).one()
    assert body["handoff_case_id"] == case.id
    assert case.team == "benefits" and case.language == "ar"
    assert (case.name, case.contact, case.preferred_time) == ("Amal", "20304050", "i morgen")
    assert case.session_id == body["session_id"] and case.consent_to_share is True
    assert [e["text"] for e in case.transcript] == ["ja tak, [CPR fjernet]"]
    [message] = body["messages"]
    assert f"({case.id})" in message["text"] or f" {case.id})" in message["text"]
    assert message["text"].startswith("شكرًا") and case.reply_expected in message["text"]
    stored = conversation(body["session_id"])
    assert stored.handed_off is True and stored.transcript[-1]["text"] == message["text"]


def test_invalid_handoff_request_creates_nothing_and_says_so(
    client: FlaskClient, fake_rasa
) -> None:
    fake_rasa.reply = lambda p: [
        {
            "recipient_id": p["sender"],
            "custom": {"handoff_request": {"name": "", "contact": "x", "consent_to_share": "yes"}},
        }
    ]
    body = client.post(
        "/api/v1/assistant/messages", json={"text": "ja", "language": "da"}
    ).get_json()
    assert db.session.scalars(select(HandoffCase)).all() == []
    assert body["handoff_case_id"] is None
    assert body["messages"][0]["text"].startswith("Beklager, jeg kunne ikke sende din henvendelse")


def test_topic_answer_payload_is_written_from_the_content_library(
    app: Flask, client: FlaskClient, fake_rasa, monkeypatch
) -> None:
    """`{"topic_answer": "cv"}`: the portal writes the article's short answer in the
    user's language with a titled link; nothing is fetched from the portal by the bot."""
    fake_rasa.reply = lambda p: [
        {"recipient_id": p["sender"], "custom": {"topic_answer": "cv", "understood": True}}
    ]
    library = get_library(app)
    article = library.resolve("cv", "ar").article
    body = client.post("/api/v1/assistant/messages", json={"text": "cv", "language": "ar"})
    [message] = body.get_json()["messages"]
    assert message["text"].startswith(f"{article.title}\n{article.short_answer}")
    assert message["link"] == "/ar/help/cv" or message["link"].endswith("/ar/help/cv")
    assert message["link_text"] == f"اقرأ المزيد: {article.title}"
    assert conversation(body.get_json()["session_id"]).topic_ids == ["cv"]

    # only the Danish article: the user is told so first, in their language
    monkeypatch.delitem(library.articles, ("cv", "so"))
    body = client.post("/api/v1/assistant/messages", json={"text": "cv", "language": "so"})
    first, answer = body.get_json()["messages"]
    assert first["text"].startswith("Boggan weli laguma heli karo af-Soomaali")
    assert answer["text"].startswith(library.resolve("cv", "da").article.title)

    fake_rasa.reply = lambda p: [{"recipient_id": p["sender"], "custom": {"topic_answer": "nope"}}]
    body = client.post("/api/v1/assistant/messages", json={"text": "x", "language": "en"})
    assert body.get_json()["messages"][0]["text"].startswith("Sorry, I cannot fetch the answer")
