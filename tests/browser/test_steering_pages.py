"""Effect steering with the demo data, in a real browser: the caseworker records a citizen's
target group through the form (refused in Arabic first), the manager's steering and refund
pages in Danish and Arabic show charts whose bars and labels stay inside the chart and are
mirrored in Arabic. Screenshots in var/screenshots/steering/<lang>/ (look at them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from portal.cli import DEMO_PASSWORD, DEMO_STAFF, DEMO_USERS, seed_demo
from portal.extensions import db
from portal.models.support import CitizenSupport
from portal.models.user import User
from tests.browser.test_journeys import Shots
from tests.conftest import make_app, serving

pytestmark = pytest.mark.browser

ADMIN = next(email for email, role, *_ in DEMO_USERS if role.value == "admin")
CASEWORKER = DEMO_USERS[1][0]
JOBSERVICE = next(email for email, _, team in DEMO_STAFF if team == "general")

# Where each chart's bars and texts are, relative to the chart box (in the page).
CHART_GEOMETRY = """
(id) => {
  const svg = document.getElementById(id + '-title').closest('svg');
  const box = svg.getBoundingClientRect();
  const rel = (el) => { const r = el.getBoundingClientRect();
    return {l: r.left - box.left, r: r.right - box.left, w: r.width}; };
  return {
    width: box.width,
    bars: [...svg.querySelectorAll('rect[data-value]')].map(rel),
    texts: [...svg.querySelectorAll('text')].map(rel),
  };
}
"""


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[dict[str, Any]]:
    app = make_app(f"sqlite:///{tmp_path / 'demo.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        seed_demo()
        citizen_id = db.session.scalars(select(User.id).where(User.email == DEMO_USERS[0][0])).one()
    with serving(app) as base:
        yield {"base": base, "app": app, "citizen_id": citizen_id}


def log_in(page, base: str, email: str, lang: str = "da") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/{lang}/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def check_chart(page, chart_id: str, rtl: bool) -> None:  # type: ignore[no-untyped-def]
    found = page.evaluate(CHART_GEOMETRY, chart_id)
    assert found["bars"], chart_id
    width = found["width"]
    for item in found["bars"] + found["texts"]:
        assert item["l"] >= -1 and item["r"] <= width + 1, (chart_id, item, width)
    # bars grow from the start side: the left edge in Danish, the right edge in Arabic
    starts = [b["r"] if rtl else b["l"] for b in found["bars"] if b["w"] > 0]
    edge = max(starts) if rtl else min(starts)
    assert all(abs(s - edge) < 2 for s in starts), (chart_id, starts)
    assert (edge > width / 2) == rtl, (chart_id, edge, width)


def test_support_form_and_steering_pages_in_danish_and_arabic(demo, browser) -> None:  # type: ignore[no-untyped-def]
    base, app = demo["base"], demo["app"]
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

    # the demo citizen's caseworker records target group and benefit, in Arabic
    ar = Shots("steering", "ar")
    log_in(page, base, CASEWORKER, "ar")
    page.goto(f"{base}/ar/caseworker/citizens/{demo['citizen_id']}")
    page.select_option("#target_group", "dagpenge")
    page.select_option("#benefit", "kontanthjaelp")
    page.fill("#support_since", "2099-01-01")
    page.locator("#support-form button[type=submit]").click()
    summary = page.locator("#error-summary").inner_text()
    assert "لا يمكن أن يكون تاريخ البدء في المستقبل." in summary
    assert "لا تتناسب الإعانة مع الفئة المستهدفة." in summary
    ar(page, "support-form-refused")
    page.select_option("#benefit", "dagpenge")
    page.fill("#support_since", "2026-09-01")
    page.locator("#support-form button[type=submit]").click()
    page.wait_for_url("**/ar/caseworker/citizens/*")
    assert "إعانة البطالة (dagpenge)" in page.locator("#support-now").inner_text()
    ar(page, "support-form-saved")
    with app.app_context():
        row = db.session.get(CitizenSupport, demo["citizen_id"])
        assert (row.target_group, row.benefit) == ("dagpenge", "dagpenge")
    page.context.clear_cookies()

    log_in(page, base, ADMIN)
    for lang in ("da", "ar"):
        shots = Shots("steering", lang) if lang == "da" else ar
        rtl = lang == "ar"
        page.goto(f"{base}/{lang}/steering/")
        assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr")
        for chart in ("chart-prepared", "chart-days"):
            check_chart(page, chart, rtl)
        assert page.locator("#progress-table tbody tr").count() >= 9
        shots(page, "steering")
        page.goto(f"{base}/{lang}/steering/refund?benefit=kontanthjaelp")
        check_chart(page, "chart-refund", rtl)
        assert page.locator("#spell-table tbody tr").count() >= 2
        # week ranges and amounts keep their order in Arabic: each is an LTR isolate
        steps = page.locator("#refund-table tbody tr")
        assert steps.count() == page.locator("#refund-table tbody th span[dir=ltr]").count()
        assert page.locator("#refund-table tbody td span[dir=ltr]").count() == 3 * steps.count()
        shots(page, "refund")
