"""Issue 9, second "Done when": with the demo data only (no command, no test-made staff), a
chat about dagpenge ends in a handoff; the demo caseworker of the team it routes to finds it
in the queue through the link on their home page, replies; the citizen reads the reply in
the inbox. In Danish and Arabic, screenshots in var/screenshots/staff-loop/<lang>/."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from portal.assistant.operations import get_routing
from portal.cli import DEMO_PASSWORD, DEMO_STAFF, DEMO_USERS, seed_demo
from portal.domain import routing
from portal.extensions import db
from portal.models.handoff import CaseSource, HandoffCase
from tests.assistant.conftest import FakeRasa, _handler
from tests.browser.test_journeys import Shots, expect_confirmation_focus
from tests.conftest import make_app, serving

pytestmark = pytest.mark.browser

TEXT = {
    "da": {
        "chat": "Jeg vil tale med en sagsbehandler om mine dagpenge",
        "reply": "Du har ret til dagpenge fra den første ledige dag. Vi ringer i morgen.",
    },
    "ar": {
        "chat": "أريد التحدث مع موظف عن إعانة البطالة",
        "reply": "يحق لك الحصول على إعانة البطالة من أول يوم. سنتصل بك غداً.",
    },
}


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The portal with the run command's demo data (CSRF on) and a fake Rasa that, like the
    action server, hands a dagpenge conversation over to a person."""
    app = make_app(f"sqlite:///{tmp_path / 'demo.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        seed_demo()
    fake = FakeRasa()
    rasa = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    threading.Thread(target=rasa.serve_forever, daemon=True).start()
    fake.url = f"http://127.0.0.1:{rasa.server_port}"
    app.config["ASSISTANT_URL"] = fake.url

    def reply(payload: dict[str, Any]) -> list[dict[str, Any]]:
        created = fake.hand_off(
            payload, topic_id="dagpenge_eligibility", name="Demo Borger", contact="20304050",
            consent_to_share=True,
        )  # fmt: skip
        return [{"recipient_id": payload["sender"], "text": created["reply_expected"]}]

    fake.reply = reply
    with serving(app) as base:
        fake.portal_url = base
        yield {"base": base, "app": app}
    rasa.shutdown()
    rasa.server_close()


def log_in(page, base: str, lang: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/{lang}/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def demo_caseworker_of(team_id: str) -> str:
    """The demo caseworker on `team_id` (the demo has one on every routed team)."""
    staff = [(e, t) for e, role, _, _, t in DEMO_USERS if role.value == "caseworker"]
    staff += [(e, t) for e, _, t in DEMO_STAFF]
    return next(email for email, team in staff if team == team_id)


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_dagpenge_handoff_reaches_the_demo_caseworker_and_back(demo, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    base, app, t = demo["base"], demo["app"], TEXT[lang]
    shots = Shots("staff-loop", lang)
    with app.app_context():
        team = routing.team_for_topic(get_routing(), "dagpenge_eligibility")
        before = {c.id for c in db.session.scalars(select(HandoffCase))}

    # the demo citizen asks the assistant for a person about dagpenge
    citizen = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(citizen, base, lang, DEMO_USERS[0][0])
    citizen.goto(f"{base}/{lang}/help/")
    citizen.locator("#jobvej-chat-toggle").click()
    citizen.fill("#jobvej-chat-input", t["chat"])
    citizen.keyboard.press("Enter")
    citizen.wait_for_function(
        "() => document.querySelector('#jobvej-chat-log').innerText.includes('"
        + team.name(lang).replace("'", "\\'")
        + "')"
    )
    shots(citizen, "chat-handoff", full_page=False)
    with app.app_context():
        case = db.session.scalars(select(HandoffCase).where(HandoffCase.id.not_in(before))).one()
        assert case.source is CaseSource.ASSISTANT and case.team == team.id == "benefits"
        assert case.language == lang and case.user_id is not None
        case_id = case.id

    # the demo caseworker of that team: home -> queue link -> the case -> reply
    cw = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(cw, base, lang, demo_caseworker_of(team.id))
    cw.wait_for_url(f"**/{lang}/caseworker/")
    queue_box = cw.locator("#handoff-queue")
    assert team.name(lang) in cw.locator("main").inner_text()
    shots(cw, "caseworker-home")
    queue_box.locator("a#queue-link").click()
    cw.wait_for_url(f"**/{lang}/queues/")
    row = cw.locator(f"tr:has(a[href$='/queues/cases/{case_id}'])")
    assert row.count() == 1
    # subject: the topic the handoff was about, and the language it was asked in
    from portal.domain.languages import LANGUAGES

    assert LANGUAGES[lang].native_name in row.inner_text()
    shots(cw, "queue")
    row.locator("a").first.click()
    cw.wait_for_load_state()
    assert t["chat"] in cw.locator(".jobvej-transcript").inner_text()
    cw.fill("#body", t["reply"])
    cw.locator(f"form[action$='/queues/cases/{case_id}/reply'] button[type=submit]").click()
    cw.wait_for_load_state()
    expect_confirmation_focus(cw)
    shots(cw, "replied")
    cw.context.close()

    # the citizen reads the reply in the inbox
    citizen.goto(f"{base}/{lang}/inbox/{case_id}")
    assert t["reply"] in citizen.locator("main").inner_text()
    shots(citizen, "inbox-reply")
    citizen.context.close()
