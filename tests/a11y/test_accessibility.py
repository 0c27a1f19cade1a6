"""Accessibility of the public pages in a real browser: axe-core finds no serious violations,
the skip link works from the keyboard, and right-to-left pages render right-to-left."""

from __future__ import annotations

import pytest

from portal.cli import DEMO_PASSWORD

pytestmark = pytest.mark.browser

PAGES = [
    "/da/",
    "/en/help/",
    "/da/help/first_meeting",
    "/ar/help/wage_subsidy",
    "/da/login",
    "/en/register",
    "/da/calculators/",
    "/da/calculators/dagpenge?year=2025&monthly_income=30000&insurance=full_time&age=40",
    "/ar/calculators/work_more_hours",
]


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violations(page, live_server: str, path: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    page.goto(live_server + path)
    results = Axe().run(page)
    serious = [
        v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
    assert serious == [], [(v["id"], v["help"], len(v["nodes"])) for v in serious]


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
