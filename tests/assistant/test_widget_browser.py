"""The chat widget in a real browser: keyboard, focus, live region, right-to-left, phone
width, and the leave-a-message fallback with the assistant stopped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from portal.extensions import db
from portal.models.handoff import HandoffCase
from tests.assistant.conftest import free_port
from tests.conftest import make_app, serving

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Flask]]:
    # The assistant URL points at a port where nothing listens: Rasa is "stopped".
    app = make_app(
        f"sqlite:///{tmp_path / 'widget.sqlite3'}",
        tmp_path,
        ASSISTANT_URL=f"http://127.0.0.1:{free_port()}",
    )
    with serving(app) as url:
        yield url, app


def active_id(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_keyboard_rtl_and_leave_message(served, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    base, app = served
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/ar/help/")
    toggle = page.locator("#jobvej-chat-toggle")
    box = toggle.bounding_box()
    assert box is not None and box["x"] < 640  # right-to-left: the widget sits on the left
    assert toggle.get_attribute("aria-expanded") == "false"

    toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator("#jobvej-chat-panel").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert active_id(page) == "jobvej-chat-input"

    page.keyboard.type("مرحبا، أحتاج مساعدة")
    page.keyboard.press("Enter")
    log = page.locator("#jobvej-chat-log")
    assert log.get_attribute("aria-live") == "polite"
    expect(page.locator("#jobvej-chat-log")).to_contain_text("المساعد غير متاح")
    leave = page.locator("#jobvej-chat-leave")
    assert leave.is_visible()  # offered because the assistant is down

    page.fill("#jobvej-chat-leave-name", "أمل")
    page.fill("#jobvej-chat-leave-contact", "20304050")
    page.fill("#jobvej-chat-leave-message", "أرجو الاتصال بي")
    page.click("#jobvej-chat-leave button[type=submit]")
    expect(page.locator("#jobvej-chat-leave-consent-error")).to_be_visible()
    assert active_id(page) == "jobvej-chat-leave-consent"
    assert "ضع علامة" in page.locator("#jobvej-chat-leave-consent-error").inner_text()

    page.check("#jobvej-chat-leave-consent")
    page.click("#jobvej-chat-leave button[type=submit]")
    expect(page.locator("#jobvej-chat-log")).to_contain_text("تم إرسال رسالتك")
    with app.app_context():
        case = db.session.scalars(select(HandoffCase)).one()
        assert case.team == "general" and case.language == "ar" and case.name == "أمل"

    page.keyboard.press("Escape")
    assert page.locator("#jobvej-chat-panel").is_hidden()
    assert active_id(page) == "jobvej-chat-toggle"

    # The conversation survives a page change in the same tab.
    page.goto(f"{base}/ar/")
    page.locator("#jobvej-chat-toggle").click()
    assert "أرجو الاتصال بي" in page.locator("#jobvej-chat-log").inner_text()
    page.close()


def test_phone_width_full_screen(served, browser) -> None:  # type: ignore[no-untyped-def]
    base, _ = served
    page = browser.new_page(viewport={"width": 360, "height": 640})
    page.goto(f"{base}/da/")
    page.locator("#jobvej-chat-toggle").click()
    panel = page.locator("#jobvej-chat-panel").bounding_box()
    assert panel is not None and panel["width"] >= 355 and panel["height"] >= 600
    assert page.locator("label[for=jobvej-chat-input]").is_visible()
    assert "CPR" in page.locator("#jobvej-chat-cpr").inner_text()
    page.close()


@pytest.fixture
def served_with_bot(tmp_path: Path) -> Iterator[tuple[str, Flask, object]]:
    """The portal with a fake Rasa that asks a calculation question, then answers it."""
    import threading
    from http.server import ThreadingHTTPServer

    from tests.assistant.conftest import FakeRasa, _handler

    fake = FakeRasa()

    def reply(payload: dict) -> list[dict]:  # type: ignore[type-arg]
        custom: dict = {"topic_id": "calculation", "understood": True}  # type: ignore[type-arg]
        if payload["message"].startswith("/inform_facts"):
            facts = {"insurance": "part_time", "monthly_income": "25000"}
            custom["calculation"] = {"calculator": "dagpenge", "facts": facts}
        else:
            custom.update(calculation_question="insurance", calculator="dagpenge")
        return [{"recipient_id": payload["sender"], "custom": custom}]

    fake.reply = reply
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app = make_app(
        f"sqlite:///{tmp_path / 'widget-bot.sqlite3'}",
        tmp_path,
        ASSISTANT_URL=f"http://127.0.0.1:{server.server_port}",
    )
    try:
        with serving(app) as url:
            yield url, app, fake
    finally:
        server.shutdown()


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_calculation_buttons_focus_scroll_and_titled_link(served_with_bot, browser, lang) -> None:  # type: ignore[no-untyped-def]
    """Issue 8 item 4 and issue 11: a 420 px panel with 16 px input; pressing a choice button
    sends its payload, keeps its title in the transcript, disables the answered buttons and
    moves focus on; the answer is scrolled to its first line; links are titled."""
    from flask_babel import force_locale
    from flask_babel import gettext as _
    from playwright.sync_api import expect

    from portal.models.handoff import Conversation

    base, app, fake = served_with_bot
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        part_time = _("Deltidsforsikret")
        link_start = _("Se hele beregningen med dine tal: %(title)s", title=_("Dagpenge"))
        label = _("Dagpenge pr. måned før skat")
    shots = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "chat" / lang
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/{lang}/")
    page.locator("#jobvej-chat-toggle").click()
    panel = page.locator("#jobvej-chat-panel").bounding_box()
    assert panel is not None and panel["width"] >= 360
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.getElementById('jobvej-chat-input')).fontSize)"
    )
    assert size >= 16
    page.fill("#jobvej-chat-input", "hvor mange dagpenge får jeg, jeg tjente 25.000 om måneden")
    page.keyboard.press("Enter")
    button = page.get_by_role("button", name=part_time)
    expect(button).to_be_visible()
    page.screenshot(path=str(shots / "01-question-with-buttons.png"))
    button.click()
    link = page.locator(".jobvej-chat-link")
    expect(link).to_contain_text(link_start)
    assert "http" not in link.inner_text() and f"/{lang}/calculators/dagpenge?" in str(
        link.get_attribute("href")
    )
    assert button.is_disabled()
    assert page.evaluate("document.activeElement.id") == "jobvej-chat-input"
    # the answer's first line is inside the visible part of the log (once layout settles:
    # the page's web fonts may still be loading)
    page.wait_for_function(
        """() => {
            const log = document.getElementById("jobvej-chat-log").getBoundingClientRect();
            const answers = document.querySelectorAll(".jobvej-chat-msg-bot");
            const top = answers[answers.length - 1].getBoundingClientRect().top;
            return log.top <= top && top <= log.bottom - 20;
        }""",
        timeout=5000,
    )
    expect(page.locator("#jobvej-chat-log")).to_contain_text(label)
    page.screenshot(path=str(shots / "02-answer-with-titled-link.png"))
    assert fake.webhook_calls[-1]["message"] == '/inform_facts{"insurance": "part_time"}'
    with app.app_context():
        stored = db.session.scalars(select(Conversation)).one()
        assert [e["text"] for e in stored.transcript if e["sender"] == "user"][-1] == part_time
    page.close()
