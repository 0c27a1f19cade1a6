"""A citizen walks from login through journal, preparation and progress; the caseworker then
opens the meeting brief. Once in Danish and once in Arabic (right-to-left)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from portal.extensions import db
from portal.meetings.operations import book_meeting
from portal.models.user import Role, utcnow
from portal.privacy.operations import assign_citizen
from tests.conftest import PASSWORD, create_test_user, make_app, serving

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, object]]:
    app = make_app(f"sqlite:///{tmp_path / 'browser.sqlite3'}", tmp_path)
    with serving(app) as url:
        yield url, app


@pytest.mark.parametrize(
    ("lang", "goal", "wish", "direction"),
    [
        ("da", "Jeg vil arbejde som kok", "Hjælp til at finde et køkkenjob", "ltr"),
        ("ar", "أريد أن أعمل طباخاً", "أحتاج مساعدة في إيجاد عمل في مطبخ", "rtl"),
    ],
)
def test_citizen_to_brief(server, browser, lang: str, goal: str, wish: str, direction: str) -> None:  # type: ignore[no-untyped-def]
    base, app = server
    with app.app_context():
        citizen = create_test_user(Role.CITIZEN, preferred_language=lang)
        caseworker = create_test_user(Role.CASEWORKER, team="general")
        assign_citizen(citizen, caseworker)
        meeting = book_meeting(
            citizen, caseworker, utcnow() + timedelta(days=2), "Rådhuset", "in_person", "first"
        )
        meeting_id, citizen_email, cw_email = meeting.id, citizen.email, caseworker.email

    page = browser.new_page()
    page.goto(f"{base}/{lang}/login")
    assert page.locator("html").get_attribute("dir") == direction
    page.fill("#email", citizen_email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/citizen/")

    # journal: add a goal, share the journal
    page.goto(f"{base}/{lang}/journal/new/goal")
    page.select_option("#goal_area", "job")
    page.fill("#body", goal)
    assert page.locator("#language").input_value() == lang
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/journal/**")
    assert page.locator(f"p.jobvej-usertext[lang={lang}]").first.inner_text() == goal
    page.locator("#sharing button[type=submit]").click()
    page.wait_for_load_state()

    # preparation: submit
    page.goto(f"{base}/{lang}/preparation/{meeting_id}")
    page.fill("#wishes", wish)
    page.fill("#goals", goal)
    page.check("#interpreter_needed-1")
    page.fill("#interpreter_language", "العربية" if lang == "ar" else "ingen")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").count() >= 1

    # progress: rate, share
    page.goto(f"{base}/{lang}/progress/")
    page.select_option("#job", "4")
    page.select_option("#danish", "6")
    page.locator("main form[novalidate] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("svg.jobvej-progress-chart").count() == 1
    assert page.locator("#progress-table tbody tr").count() == 1
    assert page.locator("html").get_attribute("dir") == direction
    page.locator("main form[action$='/progress/sharing'] button").click()
    page.wait_for_load_state()
    page.context.clear_cookies()

    # caseworker: home -> brief
    staff = browser.new_page()
    staff.goto(f"{base}/{lang}/login")
    staff.fill("#email", cw_email)
    staff.fill("#password", PASSWORD)
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(f"**/{lang}/caseworker/")
    staff.locator(f"a[href$='/caseworker/meetings/{meeting_id}/brief']").first.click()
    staff.wait_for_load_state()
    assert staff.locator("html").get_attribute("dir") == direction
    text = staff.locator("main").inner_text()
    assert wish in text
    assert goal in text
    assert staff.locator(f"#brief-preparation p[lang={lang}]").first.inner_text() == wish
    if lang == "ar":
        assert "[Skrevet på: العربية]" in text or "العربية" in text
    assert staff.locator("svg.jobvej-progress-chart").count() == 1

    # the citizen sees the read in "who has seen my data"
    with app.app_context():
        from sqlalchemy import select

        from portal.models.audit import AuditEntry

        whats = set(db.session.scalars(select(AuditEntry.what)))
    assert "meeting_brief" in whats
