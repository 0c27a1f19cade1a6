"""Keyboard and direction basics in a real browser: the skip link works from the keyboard,
right-to-left pages render right-to-left, the demo login works. (axe-core over every page
type is in test_every_page.py.)"""

from __future__ import annotations

import pytest

from portal.cli import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_skip_link_is_first_tab_stop_and_moves_focus(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/da/help/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main-content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_arabic_page_is_right_to_left(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/ar/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"


def test_demo_citizen_logs_in_through_the_form(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/da/login")
    page.get_by_label("E-mail", exact=True).fill("borger@demo.jobvej.dk")
    page.get_by_label("Adgangskode", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/da/citizen/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hej")
