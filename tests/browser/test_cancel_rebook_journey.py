"""Cancel and rebook the first meeting in a real browser, on a 320 px wide phone, in Danish
and Arabic: the citizen picks a slot in a later week with the keyboard only (weeks are
<details>, the first one open), cancels after a confirmation and books again with the same
preparation; the caseworker sees the cancellation, then cancels the new meeting with a reason
the citizen reads in the inbox in their own language.
Screenshots: var/screenshots/cancel-rebook/<lang>/NN-step.png."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models.meetings import Meeting, Preparation
from portal.models.user import Role
from tests.browser.test_journeys import Shots, expect_confirmation_focus
from tests.conftest import PASSWORD, create_test_user, make_app, serving

pytestmark = pytest.mark.browser

NAME = {"da": "Amina Yusuf", "ar": "أمينة يوسف"}
GOAL = {"da": "Arbejde i en børnehave", "ar": "أريد أن أعمل في روضة أطفال"}
# The staff reason "caseworker_absent" as the citizen reads it.
REASON = {
    "da": "Din sagsbehandler er fraværende på det tidspunkt.",
    "ar": "الموظف المسؤول عن ملفك غائب في ذلك الوقت.",
}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The portal (CSRF on), a caseworker with open slots every day, and per language a
    citizen who has sent an early preparation."""
    from portal.meetings.booking import add_opening
    from portal.preparation.operations import save_early_preparation

    app = make_app(f"sqlite:///{tmp_path / 'cancel.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    with serving(app) as base:
        with app.app_context():
            caseworker = create_test_user(Role.CASEWORKER, team="general")
            caseworker.display_name = "Karen Sagsbehandler"
            db.session.commit()
            for weekday in range(7):
                add_opening(caseworker, weekday, time(9), time(11), 60, "in_person", "Jobcentret")
            citizens = {}
            for lang in ("da", "ar"):
                person = create_test_user(Role.CITIZEN)
                person.display_name = NAME[lang]
                db.session.commit()
                save_early_preparation(
                    person,
                    {"goals": GOAL[lang], "wishes": "-", "language": lang},
                    submit=True,
                )
                citizens[lang] = {"id": person.id, "email": person.email}
            cw = {"id": caseworker.id, "email": caseworker.email}
        yield {"base": base, "app": app, "caseworker": cw, "citizens": citizens}


def _login(browser, base: str, lang: str, email: str, width: int):  # type: ignore[no-untyped-def]
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(f"{base}/{lang}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def _no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width} px wide"


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_keyboard_booking_cancel_rebook_and_staff_cancellation(world, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    base, app, cw = world["base"], world["app"], world["caseworker"]
    person = world["citizens"][lang]
    shots = Shots("cancel-rebook", lang)
    page = _login(browser, base, lang, person["email"], 320)

    # 1. the booking page: weeks as <details>, only the first open; pick a slot in week 2
    #    with the keyboard alone (Tab to the week's summary, Enter opens it, Tab, Space).
    page.goto(f"{base}/{lang}/meetings/book")
    weeks = page.locator("details.jobvej-week")
    assert weeks.count() >= 4
    assert weeks.nth(0).get_attribute("open") is not None
    assert weeks.nth(1).get_attribute("open") is None
    assert page.locator("details.jobvej-week:not([open]) input[type=radio]").first.is_hidden()
    if lang == "ar":
        direction = page.evaluate(
            "getComputedStyle(document.querySelector('details.jobvej-week summary')).direction"
        )
        assert direction == "rtl"
    _no_sideways_scroll(page)
    shots(page, "slots-by-week")
    summary = weeks.nth(1).locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert weeks.nth(1).get_attribute("open") is not None
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    chosen = page.evaluate("document.activeElement.value")
    assert page.locator(f"input[value='{chosen}']").is_checked()
    assert weeks.nth(1).locator(f"input[value='{chosen}']").count() == 1
    shots(page, "week-2-chosen")
    page.locator("#book-slot button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect_confirmation_focus(page)
    with app.app_context():
        first = db.session.scalars(select(Meeting).where(Meeting.citizen_id == person["id"])).one()
        first_id, first_start = first.id, first.starts_at
        assert f"{cw['id']}-{int(first.starts_at.timestamp())}" == chosen

    # 2. cancel it from "Mine samtaler", after a confirmation page
    page.locator(f"#cancel-{first_id}").click()
    page.wait_for_url(f"**/{lang}/meetings/{first_id}/cancel")
    _no_sideways_scroll(page)
    shots(page, "cancel-confirm")
    page.locator("#cancel-meeting button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/meetings/book")
    expect_confirmation_focus(page)
    shots(page, "cancelled-book-again")
    with app.app_context():
        assert db.session.get(Meeting, first_id).status == "cancelled"  # type: ignore[union-attr]
        prep = db.session.scalars(
            select(Preparation).where(Preparation.citizen_id == person["id"])
        ).one()
        assert prep.meeting_id is None and prep.goals == GOAL[lang]

    # 3. book again: the freed slot is offered again; take the first one
    assert page.locator(f"input[value='{chosen}']").count() == 1
    page.check("#slot-0")
    page.locator("#book-slot button[type=submit]").click()
    page.wait_for_load_state()
    expect_confirmation_focus(page)
    with app.app_context():
        second = db.session.scalars(
            select(Meeting).where(Meeting.citizen_id == person["id"], Meeting.status == "booked")
        ).one()
        second_id = second.id
        prep = db.session.scalars(
            select(Preparation).where(Preparation.citizen_id == person["id"])
        ).one()
        assert prep.meeting_id == second_id, "the preparation goes with the new meeting"
    shots(page, "rebooked")

    # 4. the caseworker sees the cancellation, then cancels the new meeting with a reason
    staff = _login(browser, base, lang, cw["email"], 1280)
    staff.goto(f"{base}/{lang}/caseworker/")
    cancelled = staff.locator("#cancelled-meetings li").filter(has_text=NAME[lang])
    assert cancelled.count() == 1
    shots(staff, "caseworker-sees-cancellation")
    staff.goto(f"{base}/{lang}/caseworker/citizens/{person['id']}")
    staff.locator(f"#meeting-{second_id} a[href$='/meetings/{second_id}/cancel']").click()
    staff.wait_for_url(f"**/caseworker/meetings/{second_id}/cancel")
    staff.check("#reason-0")  # caseworker_absent
    staff.fill("#note", "Jeg er på kursus den dag.")
    shots(staff, "staff-cancel-form")
    staff.locator("#staff-cancel-meeting button[type=submit]").click()
    staff.wait_for_load_state()
    expect_confirmation_focus(staff)

    # 5. the citizen reads it in the inbox, in their language, and can book again
    page.goto(f"{base}/{lang}/citizen/")
    assert page.locator("#home-cancelled").is_visible()
    page.locator("#home-cancelled a").click()
    page.wait_for_url(f"**/{lang}/inbox/")
    notice = page.locator(f"#cancellation-{second_id}")
    assert REASON[lang] in notice.inner_text()
    assert notice.locator("[lang=da]").inner_text() == "Jeg er på kursus den dag."
    assert notice.locator(f"a[href$='/{lang}/meetings/book']").count() == 1
    _no_sideways_scroll(page)
    shots(page, "inbox-cancellation")
    with app.app_context():
        assert db.session.get(Meeting, second_id).status == "cancelled"  # type: ignore[union-attr]
        assert first_start is not None
