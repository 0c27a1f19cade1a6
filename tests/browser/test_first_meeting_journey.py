"""The first meeting without dead ends, in a real browser, in Danish and Arabic: a new
citizen registers, prepares with no staff action, books an open slot; the slot's caseworker
sees the citizen among the coming meetings and opens a brief that holds the preparation.
Screenshots: var/screenshots/first-meeting/<lang>/NN-step.png."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models.meetings import Meeting
from portal.models.sharing import Assignment
from portal.models.user import Role, User
from tests.browser.test_journeys import (
    Shots,
    expect_confirmation_focus,
    expect_error_summary_focus,
    register,
)
from tests.conftest import PASSWORD, create_test_user, make_app, serving

pytestmark = pytest.mark.browser

TEXT = {
    "da": {
        "name": "Samir Haddad",
        "wish": "Vide hvad jeg skal gøre for at få arbejde",
        "goal": "Arbejde som elektriker igen",
        "now": "At få styr på økonomien",
        "help": "Få mit svendebrev godkendt i Danmark",
        "situation": "Jeg har ondt i ryggen om morgenen",
    },
    "ar": {
        "name": "سمير حداد",
        "wish": "أن أعرف ما يجب أن أفعله لأجد عملاً",
        "goal": "أريد أن أعمل كهربائياً من جديد",
        "now": "ترتيب أموري المالية",
        "help": "الاعتراف بشهادتي المهنية في الدنمارك",
        "situation": "أعاني من ألم في الظهر في الصباح",
    },
}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The portal (CSRF on) with one caseworker who has published open slots every day."""
    from portal.meetings.booking import add_opening

    app = make_app(f"sqlite:///{tmp_path / 'first.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    with serving(app) as base:
        with app.app_context():
            caseworker = create_test_user(Role.CASEWORKER, team="general")
            caseworker.display_name = "Karen Sagsbehandler"
            db.session.commit()
            for weekday in range(7):
                add_opening(caseworker, weekday, time(9), time(12), 60, "in_person", "Jobcentret")
            cw = {"id": caseworker.id, "email": caseworker.email}
            admin = create_test_user(Role.ADMIN)
            admin_email = admin.email
        yield {"base": base, "app": app, "caseworker": cw, "admin": admin_email}


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_register_prepare_book_and_the_caseworker_reads_it(world, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    base, app, cw = world["base"], world["app"], world["caseworker"]
    t = TEXT[lang]
    shots = Shots("first-meeting", lang)
    email = f"samir-{lang}@example.dk"
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

    # 1. register; the home page offers the preparation and the booking at once
    register(page, base, lang, shots, "citizen", t["name"], email)
    page.wait_for_url(f"**/{lang}/citizen/")
    assert page.locator("#first-meeting").is_visible()
    shots(page, "home-new")

    # 2. prepare, before any meeting exists and with no staff action
    page.locator("#prepare-first").click()
    page.wait_for_url(f"**/{lang}/preparation/")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    expect_error_summary_focus(page)
    page.fill("#wishes", t["wish"])
    page.fill("#goals", t["goal"])
    page.fill("#matters_now", t["now"])
    page.fill("#help_wanted", t["help"])
    page.fill("#situation", t["situation"])
    page.check("#interpreter_needed-1")
    page.fill("#interpreter_language", "Arabisk" if lang == "da" else "العربية")
    page.check("#preferred_channel-2")  # video
    shots(page, "preparation-filled")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    expect_confirmation_focus(page)
    shots(page, "preparation-ready")
    with app.app_context():
        citizen = db.session.scalars(select(User).where(User.email == email)).one()
        citizen_id = citizen.id
        assert (
            db.session.scalars(
                select(Assignment).where(Assignment.citizen_id == citizen_id)
            ).first()
            is None
        )

    # the admin's waiting list shows the citizen, prepared
    admin = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    admin.goto(f"{base}/{lang}/login")
    admin.fill("#email", world["admin"])
    admin.fill("#password", PASSWORD)
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_load_state()
    admin.goto(f"{base}/{lang}/admin/waiting")
    waiting_row = admin.locator("#waiting-table tr").filter(has_text=email)
    assert waiting_row.count() == 1
    assert waiting_row.locator("strong").count() == 1  # "prepared: yes"
    shots(admin, "admin-waiting")

    # 3. book the first open slot
    page.goto(f"{base}/{lang}/citizen/")
    page.locator("#book-first").click()
    page.wait_for_url(f"**/{lang}/meetings/book")
    page.locator("#book-slot button[type=submit]").click()  # nothing chosen: an error
    page.wait_for_load_state()
    expect_error_summary_focus(page)
    chosen_label = page.locator("label[for='slot-0']").inner_text()
    assert "Karen Sagsbehandler" in chosen_label
    page.check("#slot-0")
    shots(page, "slots")
    page.locator("#book-slot button[type=submit]").click()
    page.wait_for_load_state()
    expect_confirmation_focus(page)
    assert "/meetings/" in page.url
    with app.app_context():
        meeting = db.session.scalars(select(Meeting).where(Meeting.citizen_id == citizen_id)).one()
        meeting_id = meeting.id
        assert meeting.caseworker_id == cw["id"]
        assignment = db.session.scalars(
            select(Assignment).where(Assignment.citizen_id == citizen_id)
        ).one()
        assert assignment.caseworker_id == cw["id"]
    assert page.locator(f"a[href$='/meetings/{meeting_id}/calendar.ics']").count() == 1
    shots(page, "booked")
    # the preparation went with the meeting and can still be edited
    page.goto(f"{base}/{lang}/preparation/")
    page.wait_for_url(f"**/{lang}/preparation/{meeting_id}")
    assert page.locator("#goals").input_value() == t["goal"]

    # 4. the slot's caseworker sees the citizen and reads the preparation in the brief
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff.goto(f"{base}/{lang}/login")
    staff.fill("#email", cw["email"])
    staff.fill("#password", PASSWORD)
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    staff.goto(f"{base}/{lang}/caseworker/")
    row = staff.locator("#meetings-today tr, #meetings-upcoming tr").filter(has_text=t["name"])
    assert row.count() == 1
    shots(staff, "caseworker-home")
    row.locator(f"a[href$='/meetings/{meeting_id}/brief']").click()
    staff.wait_for_load_state()
    brief = staff.locator("#brief-preparation").inner_text()
    for key in ("wish", "goal", "now", "help", "situation"):
        assert t[key] in brief, key
    assert ("Arabisk" if lang == "da" else "العربية") in staff.locator("#interpreter").inner_text()
    shots(staff, "brief")

    # 5. the admin's waiting list no longer shows the citizen
    admin.goto(f"{base}/{lang}/admin/waiting")
    assert admin.locator("#waiting-table tr").filter(has_text=email).count() == 0
