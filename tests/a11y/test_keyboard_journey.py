"""The citizen flow with the keyboard only (no mouse, no clicks, no filling by script):
register, write a goal in the journal, prepare the meeting, use a calculator. Every control
is reached with Tab and operated with the keys a keyboard user has; a visible focus ring is
checked on the way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models.journal import JournalEntry
from portal.models.meetings import Preparation
from portal.models.user import Role, User, utcnow
from tests.a11y.pages import example_inputs
from tests.conftest import PASSWORD, create_test_user, make_app, serving

pytestmark = pytest.mark.browser
MAX_TABS = 120


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, object]]:
    app = make_app(f"sqlite:///{tmp_path / 'keys.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    with serving(app) as url:
        yield url, app


def tab_to(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the element matching `selector` has the focus (fails if never)."""
    for _ in range(MAX_TABS):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            outline = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
            )
            assert outline, f"no visible focus on {selector}"
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def activate(page, key: str = "Enter") -> None:  # type: ignore[no-untyped-def]
    """Press a key that follows a link or sends a form, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def type_into(page, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, selector: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an option of a <select> with the arrow keys (down first, then up)."""
    tab_to(page, selector)
    current = lambda: page.evaluate("s => document.querySelector(s).value", selector)  # noqa: E731
    for key in ("ArrowDown", "ArrowUp"):
        for _ in range(40):
            if current() == value:
                return
            before = current()
            page.keyboard.press(key)
            if current() == before:
                break
    raise AssertionError(f"{value} not reachable in {selector}")


def test_citizen_flow_with_the_keyboard_only(served, browser) -> None:  # type: ignore[no-untyped-def]
    base, app = served
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

    # register: from the front page, through the header link
    page.goto(f"{base}/da/")
    tab_to(page, "header a[href='/da/register']")
    activate(page)
    page.wait_for_url("**/da/register")
    tab_to(page, "#role-0")  # citizen is chosen already; the arrow keys would change it
    type_into(page, "#display_name", "Tastatur Borger")
    type_into(page, "#email", "tastatur@example.dk")
    type_into(page, "#password", PASSWORD)
    type_into(page, "#confirm", PASSWORD)
    activate(page)  # Enter in a field sends the form
    page.wait_for_url("**/da/citizen/")
    assert page.evaluate("document.activeElement.matches('[data-jobvej-focus]')")

    with app.app_context():
        citizen = db.session.scalars(select(User).where(User.email == "tastatur@example.dk")).one()
        caseworker = create_test_user(Role.CASEWORKER, team="general")
        from portal.meetings.operations import book_meeting

        meeting = book_meeting(
            citizen, caseworker, utcnow() + timedelta(days=3), "Jobcentret", "in_person", "first"
        )
        meeting_id, citizen_id = meeting.id, citizen.id

    # journal: home -> "Min journal" -> add a goal
    page.reload()
    tab_to(page, "main a[href='/da/journal/']")
    activate(page)
    page.wait_for_url("**/da/journal/")
    tab_to(page, "main a[href='/da/journal/new/goal']")
    activate(page)
    page.wait_for_url("**/journal/new/goal")
    choose(page, "#goal_area", "job")
    type_into(page, "#body", "Arbejde i et lager")
    tab_to(page, "main form button[type=submit]")
    activate(page)
    page.wait_for_url("**/da/journal/#goal")

    # preparation: submit with a missing answer, follow the error link, fix it, send
    page.goto(f"{base}/da/meetings/")
    tab_to(page, f"main a[href='/da/preparation/{meeting_id}']")
    activate(page)
    page.wait_for_url(f"**/preparation/{meeting_id}")
    type_into(page, "#wishes", "Hjælp til at finde job")
    tab_to(page, "#interpreter_needed-0")
    page.keyboard.press("Space")
    tab_to(page, "button[name=submit]")
    activate(page)
    assert page.evaluate("document.activeElement.id") == "error-summary"
    tab_to(page, "#error-summary a[href='#goals']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "goals"
    page.keyboard.type("Et fast job")
    tab_to(page, "button[name=submit]")
    activate(page)
    assert page.evaluate("document.activeElement.matches('[data-jobvej-focus]')")

    # calculator: header link -> kontanthjælp -> fill -> result
    tab_to(page, "header a[href='/da/calculators/']")
    activate(page)
    page.wait_for_url("**/da/calculators/")
    tab_to(page, "main a[href='/da/calculators/kontanthjaelp']")
    activate(page)
    page.wait_for_url("**/calculators/kontanthjaelp")
    for name, value in example_inputs("kontanthjaelp").items():
        selector = f"[name='{name}']"
        kind = page.evaluate(
            "s => { const e = document.querySelector(s); return e.tagName + ':' + e.type; }",
            selector,
        )
        if kind.startswith("SELECT"):
            choose(page, f"select{selector}", str(value))
        elif kind.endswith("radio"):
            target = f"input{selector}[value='{value}']"
            tab_to(page, f"input{selector}")
            for _ in range(10):
                if page.evaluate("s => document.querySelector(s).checked", target):
                    break
                page.keyboard.press("ArrowDown")
            assert page.evaluate("s => document.querySelector(s).checked", target), name
        else:
            tab_to(page, f"input{selector}")
            page.keyboard.press("Control+A")
            page.keyboard.type(str(value))
    tab_to(page, "main form[method=post] button[type=submit]")
    activate(page)
    assert page.locator("#result").count() == 1

    with app.app_context():
        goals = db.session.scalars(
            select(JournalEntry).where(JournalEntry.citizen_id == citizen_id)
        ).all()
        prep = db.session.scalars(
            select(Preparation).where(Preparation.meeting_id == meeting_id)
        ).one()
    assert [g.body for g in goals] == ["Arbejde i et lager"]
    assert prep.status == "submitted" and prep.goals == "Et fast job"
    page.context.close()
