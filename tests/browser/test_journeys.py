"""The three journeys of the people Jobvej is for, in a real browser, in Danish and Arabic,
with a screenshot of every step in var/screenshots/<journey>/<lang>/NN-step.png for review:

- citizen: register -> journal -> preparation -> calculator -> chat -> handoff, and later
  the caseworker's answer read in the inbox;
- caseworker: queue -> the handed-over case -> reply -> meeting brief;
- employer: register -> wage-subsidy calculator -> recruitment request.

The assistant is a fake Rasa server in the test (over real HTTP) that does what the action
server does on a handoff: it creates the case through the portal's API. Failed submits must
put the focus on the error summary; successful ones on the confirmation.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models.handoff import CaseSource, HandoffCase
from portal.models.user import Role, User, utcnow
from tests.a11y.pages import example_inputs, screenshot_dir
from tests.assistant.conftest import FakeRasa, _handler
from tests.conftest import PASSWORD, create_test_user, make_app, serving

pytestmark = pytest.mark.browser

TEXT = {
    "da": {
        "name": "Amal Hassan",
        "goal": "Jeg vil gerne arbejde som kok",
        "wish": "Hjælp til at finde et køkkenjob",
        "chat": "Jeg vil tale med en sagsbehandler om mine dagpenge",
        "reply": "Vi ringer til dig i morgen om dine dagpenge.",
        "company": "Byens Bageri ApS",
        "job": "Bagerlærling",
    },
    "ar": {
        "name": "أمل حسن",
        "goal": "أريد أن أعمل طباخاً",
        "wish": "أحتاج مساعدة في إيجاد عمل في مطبخ",
        "chat": "أريد التحدث مع موظف عن إعانة البطالة",
        "reply": "سنتصل بك غداً بخصوص إعانة البطالة.",
        "company": "مخبز المدينة",
        "job": "متدرب خباز",
    },
}


class Shots:
    """Numbered full-page screenshots of one journey in one language."""

    def __init__(self, journey: str, lang: str) -> None:
        self.folder = screenshot_dir(journey, lang)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.n = 0

    def __call__(self, page, step: str, full_page: bool = True) -> Path:  # type: ignore[no-untyped-def]
        self.n += 1
        path = self.folder / f"{self.n:02d}-{step}.png"
        page.evaluate("document.fonts.ready.then(() => true)")
        page.screenshot(path=str(path), full_page=full_page)
        return path


def focused(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "({id: document.activeElement.id, text: document.activeElement.innerText || '',"
        " tag: document.activeElement.tagName})"
    )


def expect_error_summary_focus(page) -> None:  # type: ignore[no-untyped-def]
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    # the page's script moves focus once it has run; on a busy machine that can trail the load
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'error-summary'",
        timeout=5000,
    )
    assert focused(page)["id"] == "error-summary"
    # every line links to a field that exists on the page
    for href in summary.locator("a").evaluate_all("links => links.map(a => a.hash.slice(1))"):
        assert page.locator(f"[id='{href}']").count() == 1, href


def expect_confirmation_focus(page) -> str:  # type: ignore[no-untyped-def]
    state = page.evaluate(
        "(() => { const a = document.activeElement; return {ok: a.matches('[data-jobvej-focus]'),"
        " text: a.innerText}; })()"
    )
    assert state["ok"], state
    return str(state["text"])


def fill_calculator(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Fill a calculator form with the first example case of its rule tests."""
    for field, value in example_inputs(name).items():
        radio = page.locator(f"input[type=radio][name='{field}'][value='{value}']")
        select = page.locator(f"select[name='{field}']")
        if radio.count():
            radio.check()
        elif select.count():
            select.select_option(str(value))
        else:
            page.fill(f"input[name='{field}']", str(value))


def wait_for_case(app, seconds: float = 10.0) -> HandoffCase:  # type: ignore[no-untyped-def]
    """The handoff case the assistant creates (over HTTP, so it may take a moment)."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        with app.app_context():
            case = db.session.scalars(select(HandoffCase)).first()
            if case is not None:
                db.session.expunge(case)
                return case
        if time.monotonic() > deadline:
            raise AssertionError("the assistant created no handoff case")
        time.sleep(0.1)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The portal (CSRF on, as in production) and a fake Rasa that hands over to a person."""
    app = make_app(f"sqlite:///{tmp_path / 'journeys.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    fake = FakeRasa()
    rasa = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    threading.Thread(target=rasa.serve_forever, daemon=True).start()
    fake.url = f"http://127.0.0.1:{rasa.server_port}"
    app.config["ASSISTANT_URL"] = fake.url

    def reply(payload: dict[str, Any]) -> list[dict[str, Any]]:
        created = fake.hand_off(
            payload,
            topic_id="dagpenge_amount",
            name=payload["metadata"].get("name", "Borger"),
            contact="20304050",
            consent_to_share=True,
        )
        return [{"recipient_id": payload["sender"], "text": created["reply_expected"]}]

    fake.reply = reply
    with serving(app) as base:
        fake.portal_url = base
        yield {"base": base, "app": app, "fake": fake}
    rasa.shutdown()
    rasa.server_close()


def register(page, base: str, lang: str, shots: Shots, role: str, name: str, email: str,  # type: ignore[no-untyped-def]
             organisation: str = "") -> None:  # fmt: skip
    page.goto(f"{base}/{lang}/register")
    page.locator("main form button[type=submit]").click()  # empty: errors first
    expect_error_summary_focus(page)
    shots(page, "register-errors")
    page.check(f"#role-{0 if role == 'citizen' else 1}")
    page.fill("#display_name", name)
    if organisation:
        page.fill("#organisation", organisation)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    shots(page, "register-filled")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect_confirmation_focus(page)


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_citizen_and_caseworker_journeys(world, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    from portal.assistant.operations import get_routing
    from portal.domain import routing
    from portal.meetings.operations import book_meeting
    from portal.privacy.operations import assign_citizen

    base, app, fake = world["base"], world["app"], world["fake"]
    t = TEXT[lang]
    direction = "rtl" if lang == "ar" else "ltr"
    shots = Shots("citizen", lang)
    email = f"amal-{lang}@example.dk"
    citizen_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page = citizen_page

    # 1. register
    register(page, base, lang, shots, "citizen", t["name"], email)
    page.wait_for_url(f"**/{lang}/citizen/")
    assert page.locator("html").get_attribute("dir") == direction
    shots(page, "home")

    # the caseworker (of the team that answers benefit questions) books the first meeting
    with app.app_context():
        team = routing.team_for_topic(get_routing(), "dagpenge_amount").id
        caseworker = create_test_user(Role.CASEWORKER, team=team, preferred_language=lang)
        citizen = db.session.scalars(select(User).where(User.email == email)).one()
        assign_citizen(citizen, caseworker, team)
        meeting = book_meeting(
            citizen, caseworker, utcnow() + timedelta(days=2), "Jobcentret", "in_person", "first"
        )
        meeting_id, cw_email = meeting.id, caseworker.email

    # 2. journal: a goal in the citizen's own words, then share the journal
    page.goto(f"{base}/{lang}/journal/new/goal")
    page.locator("main form button[type=submit]").click()
    expect_error_summary_focus(page)
    page.select_option("#goal_area", "job")
    page.fill("#body", t["goal"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect_confirmation_focus(page)
    assert page.locator(f"p.jobvej-usertext[lang={lang}]").first.inner_text() == t["goal"]
    page.locator("#sharing button[type=submit]").click()
    page.wait_for_load_state()
    shots(page, "journal")

    # 3. preparation: sending without answers shows what is missing, then send
    page.goto(f"{base}/{lang}/citizen/")
    page.locator(f"a[href$='/preparation/{meeting_id}']").first.click()
    page.wait_for_load_state()
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    expect_error_summary_focus(page)
    shots(page, "preparation-errors")
    page.fill("#wishes", t["wish"])
    page.fill("#goals", t["goal"])
    page.check("#interpreter_needed-1")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    expect_error_summary_focus(page)  # interpreter language is needed once "yes" is chosen
    assert page.locator("#interpreter_language-error").is_visible()
    page.fill("#interpreter_language", "العربية" if lang == "ar" else "arabisk")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    expect_confirmation_focus(page)
    shots(page, "preparation-sent")

    # 4. calculator: what would I get in dagpenge?
    page.goto(f"{base}/{lang}/calculators/dagpenge")
    fill_calculator(page, "dagpenge")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#result").count() == 1
    shots(page, "calculator-result")

    # 5. chat: ask for a person; the assistant hands over
    page.goto(f"{base}/{lang}/help/")
    page.locator("#jobvej-chat-toggle").click()
    page.fill("#jobvej-chat-input", t["chat"])
    page.keyboard.press("Enter")
    case = wait_for_case(app)
    page.wait_for_function(
        "t => document.querySelector('#jobvej-chat-log').innerText.includes(t)",
        arg=case.reply_expected[:30],
    )
    shots(page, "chat-handoff", full_page=False)  # the widget floats over the page
    with app.app_context():
        case = db.session.scalars(select(HandoffCase)).one()
        assert case.source == CaseSource.ASSISTANT and case.team == team
        assert case.language == lang and case.user_id is not None
        case_id = case.id
    assert fake.webhook_calls and fake.webhook_calls[-1]["message"] == t["chat"]

    # caseworker: queue -> case -> reply -> brief
    cw = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    cw_shots = Shots("caseworker", lang)
    cw.goto(f"{base}/{lang}/login")
    cw.fill("#email", cw_email)
    cw.fill("#password", PASSWORD)
    cw.locator("main form button[type=submit]").click()
    cw.wait_for_url(f"**/{lang}/caseworker/")
    cw_shots(cw, "home")
    cw.goto(f"{base}/{lang}/queues/")
    cw_shots(cw, "queue")
    cw.locator(f"a[href$='/queues/cases/{case_id}']").click()
    cw.wait_for_load_state()
    assert t["chat"] in cw.locator(".jobvej-transcript").inner_text()
    cw.locator(f"form[action$='/queues/cases/{case_id}/reply'] button[type=submit]").click()
    cw.wait_for_load_state()
    expect_error_summary_focus(cw)
    cw.fill("#body", t["reply"])
    cw_shots(cw, "case-reply")
    cw.locator(f"form[action$='/queues/cases/{case_id}/reply'] button[type=submit]").click()
    cw.wait_for_load_state()
    expect_confirmation_focus(cw)
    cw.goto(f"{base}/{lang}/caseworker/")
    cw.locator(f"a[href$='/caseworker/meetings/{meeting_id}/brief']").first.click()
    cw.wait_for_load_state()
    brief = cw.locator("main").inner_text()
    assert t["wish"] in brief and t["goal"] in brief
    cw_shots(cw, "brief")
    cw.context.close()

    # 6. the citizen sees the answer waiting and reads it in the inbox
    page.goto(f"{base}/{lang}/citizen/")
    assert page.locator("#home-inbox .jobvej-badge").inner_text() == "1"
    shots(page, "home-unread")
    page.locator("#home-inbox a").click()
    page.wait_for_load_state()
    page.locator(f"a[href$='/inbox/{case_id}']").click()
    page.wait_for_load_state()
    assert t["reply"] in page.locator("main").inner_text()
    shots(page, "inbox-reply")
    page.context.close()


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_employer_journey(world, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    base, app = world["base"], world["app"]
    t = TEXT[lang]
    shots = Shots("employer", lang)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    register(page, base, lang, shots, "employer", t["name"], f"firma-{lang}@example.dk",
             organisation=t["company"])  # fmt: skip
    page.wait_for_url(f"**/{lang}/employer/")
    shots(page, "home")

    page.locator("a[href$='/calculators/loentilskud']").first.click()
    page.wait_for_load_state()
    fill_calculator(page, "loentilskud")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#result").count() == 1
    shots(page, "wage-subsidy-result")

    page.goto(f"{base}/{lang}/recruitment/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect_error_summary_focus(page)
    shots(page, "recruitment-errors")
    page.fill("#company", t["company"])
    page.fill("#contact_name", t["name"])
    page.fill("#contact", "20304050")
    page.fill("#job_title", t["job"])
    page.fill("#description", t["job"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect_confirmation_focus(page)
    shots(page, "recruitment-sent")
    with app.app_context():
        case = db.session.scalars(
            select(HandoffCase).where(HandoffCase.source == CaseSource.RECRUITMENT)
        ).one()
        assert case.language == lang and case.details["company"] == t["company"]
    page.context.close()
