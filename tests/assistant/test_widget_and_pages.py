"""The widget on every page, the no-JavaScript assistant page, insight, the transcript
purge command, and the OpenAPI paths."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.assistant.openapi_paths import PATHS, SCHEMAS, SECURITY_SCHEMES
from portal.assistant.operations import create_handoff_case, purge_transcripts
from portal.extensions import db
from portal.models.handoff import CaseSource, CaseStatus, Conversation, HandoffCase
from portal.models.user import Role, utcnow
from portal.queues.operations import close_case, reply_to_case
from tests.conftest import create_test_user, login

STATIC = Path(__file__).resolve().parents[2] / "portal" / "static"


@pytest.mark.parametrize(
    ("lang", "direction"), [("da", "ltr"), ("ar", "rtl"), ("fa", "rtl"), ("so", "ltr")]
)
def test_widget_on_pages_in_page_language(client: FlaskClient, lang: str, direction: str) -> None:
    for path in (f"/{lang}/", f"/{lang}/help/", f"/{lang}/login"):
        html = client.get(path).get_data(as_text=True)
        widget = html[html.index('id="jobvej-chat"') :]
        assert f'lang="{lang}" dir="{direction}"' in widget
        assert f'data-lang="{lang}"' in widget
        assert 'aria-live="polite"' in widget
        assert '<label for="jobvej-chat-input"' in widget
        assert 'aria-describedby="jobvej-chat-cpr"' in widget
        assert "CPR" in widget  # the warning not to write one
        assert f'href="/{lang}/assistant/"' in widget  # works without JavaScript


def test_widget_uses_no_external_resources(client: FlaskClient) -> None:
    html = client.get("/ar/").get_data(as_text=True)
    widget = html[html.index('<link rel="stylesheet" href="/static/css/chat.css">') :]
    assert not re.search(r'(src|href)="(https?:)?//', widget)
    for asset in ("js/chat.js", "css/chat.css"):
        text = (STATIC / asset).read_text()
        assert "http://" not in text and "https://" not in text and "@import" not in text
    script = (STATIC / "js/chat.js").read_text()
    assert "Escape" in script and ".focus()" in script and "innerHTML" not in script


def test_widget_not_duplicated_on_assistant_page(client: FlaskClient) -> None:
    html = client.get("/da/assistant/").get_data(as_text=True)
    assert 'id="jobvej-chat"' not in html


def test_no_js_page_chat_and_leave_message(client: FlaskClient, fake_rasa) -> None:
    fake_rasa.reply = lambda p: [
        {
            "recipient_id": p["sender"],
            "text": "Her er svaret",
            "buttons": [{"title": "Tal med en medarbejder", "payload": "/talk_to_caseworker"}],
        }
    ]
    response = client.post("/en/assistant/", data={"text": "help 010190-1234"})
    assert response.status_code == 303
    page = client.get("/en/assistant/").get_data(as_text=True)
    assert "help [CPR fjernet]" in page and "Her er svaret" in page
    assert 'value="/talk_to_caseworker"' in page
    # pressing the button sends its payload to Rasa; the transcript keeps its title
    client.post("/en/assistant/", data={"text": "/talk_to_caseworker"})
    assert fake_rasa.webhook_calls[-1]["message"] == "/talk_to_caseworker"
    page = client.get("/en/assistant/").get_data(as_text=True)
    assert ">Tal med en medarbejder</" in page.replace("\n", "")
    users = [
        e["text"]
        for e in db.session.scalars(select(Conversation)).one().transcript
        if e["sender"] == "user"
    ]
    assert users == ["help [CPR fjernet]", "Tal med en medarbejder"]
    missing = client.post(
        "/en/assistant/leave-message", data={"name": "Ann", "contact": "", "message": "x"}
    )
    assert missing.status_code == 422
    text = missing.get_data(as_text=True)
    assert "Fill in this field." in text and "Tick the box if you agree." in text
    assert 'value="Ann"' in text
    ok = client.post(
        "/en/assistant/leave-message",
        data={"name": "Ann", "contact": "12345678", "message": "call me", "consent": "y"},
    )
    assert ok.status_code == 200 and "Thank you. Your message has been sent." in ok.get_data(
        as_text=True
    )
    case = db.session.scalars(select(HandoffCase)).one()
    assert case.team == "general" and [e["text"] for e in case.transcript][:2] == [
        "help [CPR fjernet]",
        "Her er svaret",
    ]


def test_no_js_page_shows_titled_links_never_raw_urls(client: FlaskClient, fake_rasa) -> None:
    fake_rasa.reply = lambda p: [
        {
            "recipient_id": p["sender"],
            "text": "Svar",
            "custom": {"topic_id": "cv", "link": "/da/help/cv"},
        }
    ]
    client.post("/da/assistant/", data={"text": "cv"})
    page = client.get("/da/assistant/").get_data(as_text=True)
    assert 'href="/da/help/cv"' in page and ">/da/help/cv<" not in page
    assert "Læs mere: Dit CV på Jobnet" in page


def test_no_js_page_when_rasa_is_down(client: FlaskClient) -> None:
    response = client.post("/fa/assistant/", data={"text": "سلام"})
    assert response.status_code == 200
    assert "دستیار در حال حاضر در دسترس نیست" in response.get_data(as_text=True)


def test_insight_page(client: FlaskClient, fake_rasa) -> None:
    fake_rasa.intents = {"dagpenge": ("dagpenge_amount", 0.9)}
    sid = None
    for text in ("dagpenge?", "hvor parkerer jeg?"):
        sid = client.post(
            "/api/v1/assistant/messages", json={"text": text, "language": "da", "session_id": sid}
        ).get_json()["session_id"]
    case = create_handoff_case(
        source=CaseSource.ASSISTANT,
        language="ar",
        topic_id="dagpenge_amount",
        name="A",
        contact="1",
        consent_to_share=False,
    )
    reply_to_case(create_test_user(Role.CASEWORKER, team="benefits"), case, "svar")
    login(client, create_test_user(Role.CITIZEN))
    assert client.get("/da/insight/").status_code == 403
    login(client, create_test_user(Role.ADMIN))
    page = client.get("/en/insight/").get_data(as_text=True)
    assert "100 %" in page  # 1 of 1 conversation answered (the second message was not understood)
    assert "hvor parkerer jeg?" in page
    assert "العربية" in page
    login(client, create_test_user(Role.CASEWORKER, team="general"))
    assert client.get("/da/insight/?days=7").status_code == 200


def test_purge_transcripts(app: Flask, client: FlaskClient, citizen) -> None:
    old, new = utcnow() - dt.timedelta(days=100), utcnow() - dt.timedelta(days=10)
    db.session.add_all(
        [
            Conversation(
                session_id="o" * 20,
                language="da",
                user_id=citizen.id,
                started_at=old,
                last_message_at=old,
                transcript=[{"sender": "user", "text": "gammel"}],
                topic_ids=["cv"],
                user_messages=1,
                understood_messages=1,
            ),
            Conversation(
                session_id="n" * 20,
                language="da",
                started_at=new,
                last_message_at=new,
                transcript=[{"sender": "user", "text": "ny"}],
                topic_ids=[],
            ),
        ]
    )
    db.session.commit()
    worker = create_test_user(Role.CASEWORKER, team="general")
    closed = create_handoff_case(
        source=CaseSource.LEFT_MESSAGE,
        language="da",
        topic_id=None,
        name="A",
        contact="c",
        message="m",
        consent_to_share=True,
        transcript=[{"sender": "user", "text": "t"}],
        user_id=citizen.id,
    )
    reply_to_case(worker, closed, "svar bliver")
    close_case(worker, closed)
    closed.closed_at = old
    still_open = create_handoff_case(
        source=CaseSource.LEFT_MESSAGE,
        language="da",
        topic_id=None,
        name="B",
        contact="c",
        message="m",
        consent_to_share=True,
        transcript=[{"sender": "user", "text": "t"}],
    )
    still_open.created_at = old
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["jobvej", "purge-transcripts"])
    assert result.exit_code == 0, result.output
    assert "1 conversation(s), 1 closed case(s)" in result.output
    db.session.expire_all()
    conversations = {c.session_id[0]: c for c in db.session.scalars(select(Conversation))}
    assert conversations["o"].transcript == [] and conversations["o"].user_id is None
    assert conversations["o"].topic_ids == ["cv"] and conversations["o"].user_messages == 1
    assert conversations["n"].transcript[0]["text"] == "ny"
    purged = db.session.get(HandoffCase, closed.id)
    assert (
        purged.transcript == [] and purged.message == "" and purged.transcript_purged_at is not None
    )
    assert [r.body for r in purged.replies] == ["svar bliver"]  # the answer stays in the inbox
    assert db.session.get(HandoffCase, still_open.id).transcript != []
    again = app.test_cli_runner().invoke(args=["jobvej", "purge-transcripts"])
    assert "0 conversation(s), 0 closed case(s)" in again.output
    assert purge_transcripts(0)[0] == 1  # --days 0 purges the rest
    assert db.session.get(HandoffCase, still_open.id).status is CaseStatus.OPEN


def test_retention_days_from_environment(monkeypatch) -> None:
    from portal.config import load_config

    assert load_config({})["TRANSCRIPT_RETENTION_DAYS"] == 90
    config = load_config(
        {"JOBVEJ_TRANSCRIPT_RETENTION_DAYS": "30", "JOBVEJ_ASSISTANT_TIMEOUT_SECONDS": "2.5"}
    )
    assert config["TRANSCRIPT_RETENTION_DAYS"] == 30
    assert config["ASSISTANT_TIMEOUT_SECONDS"] == 2.5
    assert config["ASSISTANT_WEBHOOK_PATH"] == "/webhooks/rest/webhook"


def test_openapi_paths_are_complete() -> None:
    assert {
        "/api/v1/assistant/parse",
        "/api/v1/assistant/messages",
        "/api/v1/handoff-cases",
        "/api/v1/handoff-cases/{case_id}/replies",
        "/api/v1/assistant/leave-message",
    } <= set(PATHS)
    refs = set(re.findall(r"#/components/schemas/(\w+)", repr(PATHS) + repr(SCHEMAS)))
    assert refs <= set(SCHEMAS)
    assert PATHS["/api/v1/handoff-cases"]["post"]["security"] == [{"assistantToken": []}]
    assert "assistantToken" in SECURITY_SCHEMES
    assert SCHEMAS["Language"]["enum"] == ["da", "en", "ar", "uk", "fa", "so", "ti"]
