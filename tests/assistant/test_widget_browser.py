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
