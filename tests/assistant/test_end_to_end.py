"""End to end at the portal level, over real HTTP: an Arabic chat with a personal amount
question and a handoff by a fake Rasa (whose payloads the portal computes and turns into a
case in the same request), a caseworker's reply, the
citizen reading it in the inbox and in the open chat; and, with Rasa stopped, a message
left in the widget still becoming a case."""

from __future__ import annotations

from typing import Any

import requests
from flask import Flask
from flask_babel import force_locale, gettext
from sqlalchemy import select

from portal.extensions import db
from portal.models.handoff import CaseSource, Conversation, HandoffCase
from portal.models.user import Role
from tests.assistant.conftest import FakeRasa, free_port
from tests.conftest import PASSWORD, create_test_user

HANDOFF_WORDS = "أريد التحدث مع موظف"  # "I want to talk to an employee"


def browser_login(base: str, email: str, lang: str) -> requests.Session:
    session = requests.Session()
    response = session.post(
        f"{base}/{lang}/login",
        data={"email": email, "password": PASSWORD},
        allow_redirects=False,
        timeout=5,
    )
    assert response.status_code == 302
    return session


CALCULATION_WORDS = "كم أحصل من kontanthjælp، عمري 27 وعندي طفلان وأنا أعزب"


def arabic_bot(fake: FakeRasa) -> None:
    def reply(payload: dict[str, Any]) -> list[dict[str, Any]]:
        if payload["message"] == CALCULATION_WORDS:
            # what action_calculation_result sends: the facts, no text (the portal computes)
            facts = {"age": 27, "children": 2, "civil_status": "single"}
            return [
                {
                    "recipient_id": payload["sender"],
                    "custom": {
                        "topic_id": "calculation",
                        "understood": True,
                        "calculation": {"calculator": "kontanthjaelp", "facts": facts},
                    },
                }
            ]
        if HANDOFF_WORDS in payload["message"]:
            # what action_submit_handoff sends: the contact form's answers; the portal
            # creates the case in this same request (no call back into the portal)
            return [
                {
                    "recipient_id": payload["sender"],
                    "custom": {
                        "topic_id": "talk_to_caseworker",
                        "understood": True,
                        "handoff_request": {
                            "topic_id": "dagpenge_amount",
                            "name": "أمل",
                            "contact": "20304050",
                            "preferred_time": "صباحا",
                            "consent_to_share": True,
                        },
                    },
                }
            ]
        return [
            {
                "recipient_id": payload["sender"],
                "text": "يعتمد مبلغ إعانة البطالة على دخلك السابق.",
                "buttons": [{"title": "تحدث مع موظف", "payload": "/talk_to_caseworker"}],
                "custom": {"topic_id": "dagpenge_amount"},
            }
        ]

    fake.reply = reply


def test_arabic_chat_to_caseworker_reply_in_inbox(
    app: Flask, live_portal: str, fake_rasa: FakeRasa
) -> None:
    fake_rasa.portal_url = live_portal
    arabic_bot(fake_rasa)
    citizen = create_test_user(Role.CITIZEN, preferred_language="ar")
    worker = create_test_user(Role.CASEWORKER, team="benefits")
    other_team = create_test_user(Role.CASEWORKER, team="integration")
    browser = browser_login(live_portal, citizen.email, "ar")

    page = browser.get(f"{live_portal}/ar/help/", timeout=5).text
    assert 'dir="rtl"' in page and 'aria-live="polite"' in page

    first = browser.post(
        f"{live_portal}/api/v1/assistant/messages",
        json={"text": "كم إعانة البطالة؟ رقمي 010190-1234", "language": "ar"},
        timeout=10,
    ).json()
    assert first["messages"][0]["buttons"][0]["payload"] == "/talk_to_caseworker"
    assert first["handoff_case_id"] is None
    session_id = first["session_id"]

    # A personal amount question: computed by the portal in the same request, the figure
    # is the calculator page's figure, in Arabic, with a titled link to that page.
    calculated = browser.post(
        f"{live_portal}/api/v1/assistant/messages",
        json={"text": CALCULATION_WORDS, "language": "ar", "session_id": session_id},
        timeout=10,
    ).json()
    [answer_message] = calculated["messages"]
    assert answer_message["link"].startswith("/ar/calculators/kontanthjaelp?")
    assert "http" not in answer_message["link_text"]
    page = browser.get(f"{live_portal}{answer_message['link']}", timeout=10).text
    # the amount is isolated (FSI ... PDI) inside the Arabic sentence
    figure = answer_message["text"].splitlines()[0].split(":")[-1].split()[0].lstrip("\u2068")
    assert any(ch.isdigit() for ch in figure) and f"<bdi>{figure}" in page
    with app.test_request_context("/ar/"), force_locale("ar"):
        label = gettext("Kontanthjælp pr. måned før skat")
    assert label != "Kontanthjælp pr. måned før skat"
    assert answer_message["text"].startswith(label + ":")

    second = browser.post(
        f"{live_portal}/api/v1/assistant/messages",
        json={"text": HANDOFF_WORDS, "language": "ar", "session_id": session_id},
        timeout=10,
    ).json()
    case_id = second["handoff_case_id"]
    assert case_id is not None
    assert fake_rasa.handoff_responses == []  # the bot never called the portal
    assert "فريق الإعانات" in second["messages"][0]["text"]  # who answers, in Arabic

    db.session.expire_all()
    case = db.session.get(HandoffCase, case_id)
    assert case.team == "benefits" and case.language == "ar" and case.source is CaseSource.ASSISTANT
    assert case.user_id == citizen.id
    assert case.session_id == session_id
    conversation = db.session.scalars(
        select(Conversation).where(Conversation.session_id == session_id)
    ).one()
    assert conversation.handed_off is True
    assert "010190" not in str(conversation.transcript) + str(case.transcript)
    assert all("010190" not in call["message"] for call in fake_rasa.webhook_calls)

    # A caseworker of another team can neither read nor claim it.
    outsider = browser_login(live_portal, other_team.email, "da")
    assert outsider.get(f"{live_portal}/da/queues/cases/{case_id}", timeout=5).status_code == 404
    assert (
        outsider.post(f"{live_portal}/da/queues/cases/{case_id}/claim", timeout=5).status_code
        == 404
    )

    staff = browser_login(live_portal, worker.email, "da")
    queue = staff.get(f"{live_portal}/da/queues/", timeout=5).text
    assert f"/da/queues/cases/{case_id}" in queue
    detail = staff.get(f"{live_portal}/da/queues/cases/{case_id}", timeout=5).text
    assert "[CPR fjernet]" in detail
    assert (
        staff.post(f"{live_portal}/da/queues/cases/{case_id}/claim", timeout=5).status_code == 200
    )
    answer = "مرحبا أمل، سنتصل بك غدا صباحا."
    assert staff.post(
        f"{live_portal}/da/queues/cases/{case_id}/reply", data={"body": answer}, timeout=5
    ).ok

    # The open chat (widget polling) sees the reply for its own session only.
    polled = browser.get(
        f"{live_portal}/api/v1/handoff-cases/{case_id}/replies",
        params={"session_id": session_id},
        timeout=5,
    ).json()
    assert [r["text"] for r in polled["replies"]] == [answer]
    assert (
        requests.get(
            f"{live_portal}/api/v1/handoff-cases/{case_id}/replies",
            params={"session_id": "x" * 32},
            timeout=5,
        ).status_code
        == 404
    )

    inbox = browser.get(f"{live_portal}/ar/inbox/", timeout=5).text
    assert f"/ar/inbox/{case_id}" in inbox
    message = browser.get(f"{live_portal}/ar/inbox/{case_id}", timeout=5).text
    assert answer in message

    # Another citizen cannot read it.
    stranger = create_test_user(Role.CITIZEN)
    other_browser = browser_login(live_portal, stranger.email, "ar")
    assert other_browser.get(f"{live_portal}/ar/inbox/{case_id}", timeout=5).status_code == 404


def test_rasa_stopped_message_left_in_widget_becomes_case(app: Flask, live_portal: str) -> None:
    app.config["ASSISTANT_URL"] = f"http://127.0.0.1:{free_port()}"  # nothing listens
    browser = requests.Session()
    chat = browser.post(
        f"{live_portal}/api/v1/assistant/messages",
        json={"text": "Допоможіть, будь ласка", "language": "uk"},
        timeout=10,
    ).json()
    assert chat["assistant_available"] is False and chat["offer_leave_message"] is True
    assert chat["messages"][0]["text"].startswith("Помічник зараз недоступний")
    left = browser.post(
        f"{live_portal}/api/v1/assistant/leave-message",
        json={
            "language": "uk",
            "name": "Олена",
            "contact": "olena@example.dk",
            "message": "Мені потрібна допомога з роботою",
            "consent": True,
            "session_id": chat["session_id"],
        },
        timeout=10,
    )
    assert left.status_code == 201
    body = left.json()
    assert body["team"]["id"] == "general"
    assert body["reply_expected"].startswith("Служба зайнятості – загальні питання відповість вам")
    db.session.expire_all()
    case = db.session.get(HandoffCase, body["case_id"])
    assert case.source is CaseSource.LEFT_MESSAGE and case.team == "general"
    assert case.message == "Мені потрібна допомога з роботою"
    assert [e["text"] for e in case.transcript][0] == "Допоможіть, будь ласка"
    worker = create_test_user(Role.CASEWORKER, team="general")
    staff = browser_login(live_portal, worker.email, "da")
    assert "Олена" in staff.get(f"{live_portal}/da/queues/", timeout=5).text
