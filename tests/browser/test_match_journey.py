"""Issue 13, "Done when" (digital match): a citizen publishes a profile; an unverified
employer cannot search; the business service verifies the employer; the verified employer
finds the profile by skill and region and sends a request; the citizen accepts in Arabic; both
see the conversation; the citizen's access log shows the employer's view. Demo data, CSRF on,
screenshots in var/screenshots/match/<lang>/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from portal.auth.service import find_user_by_email
from portal.cli import DEMO_PASSWORD, DEMO_STAFF, DEMO_USERS, seed_demo
from portal.extensions import db
from portal.journal.operations import create_journal_entry
from portal.models.match import ContactRequest, EmployerVerification, MatchProfile
from tests.browser.test_journeys import Shots
from tests.conftest import make_app, serving

pytestmark = pytest.mark.browser

CITIZEN = DEMO_USERS[0][0]
EMPLOYER = DEMO_USERS[2][0]
BUSINESS = next(email for email, _, team in DEMO_STAFF if team == "business_service")
VALID_CVR = "10150817"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[dict[str, Any]]:
    app = make_app(f"sqlite:///{tmp_path / 'demo.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        seed_demo()
        citizen = find_user_by_email(CITIZEN)
        assert citizen is not None
        create_journal_entry(citizen, "skill", {"title": "Truckcertifikat B", "language": "da"})
    with serving(app) as base:
        yield {"base": base, "app": app}


def log_in(page, base: str, lang: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/{lang}/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_match_from_profile_to_conversation(demo, browser) -> None:  # type: ignore[no-untyped-def]
    base, app = demo["base"], demo["app"]
    da, ar = Shots("match", "da"), Shots("match", "ar")
    new_page = lambda: browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # noqa: E731

    # 1. the citizen builds the profile from the journal, previews it and publishes it
    citizen = new_page()
    log_in(citizen, base, "da", CITIZEN)
    citizen.goto(f"{base}/da/citizen/")
    citizen.locator("#home-match").click()
    citizen.wait_for_url("**/da/match/")
    assert "Du har ingen profil" in citizen.locator("#profile-status").inner_text()
    citizen.get_by_label("Lager og logistik").check()
    citizen.get_by_label("Fuld tid").check()
    citizen.select_option("#region", "syddanmark")
    citizen.get_by_label("Kan starte nu").check()
    da(citizen, "citizen-profile-form")
    citizen.get_by_role("button", name="Gem og se forhåndsvisning").click()
    citizen.wait_for_url("**/da/match/preview")
    preview = citizen.locator("#profile-preview").inner_text()
    assert "Truckcertifikat B" in preview and "Lagermedarbejder" in preview
    assert "Byens Grossist" not in preview and "Demo Borger" not in preview
    da(citizen, "citizen-preview")
    citizen.locator("#publish").click()
    citizen.wait_for_url("**/da/match/")
    assert "Offentliggjort" in citizen.locator("#profile-status").inner_text()
    with app.app_context():
        citizen_id = find_user_by_email(CITIZEN).id
        employer_id = find_user_by_email(EMPLOYER).id
        # the demo also has published profiles of other job seekers: take this citizen's
        profile_id = db.session.scalars(
            select(MatchProfile.id).where(MatchProfile.citizen_id == citizen_id)
        ).one()

    # 2. the employer is not verified: search leads to verification; they ask with a CVR
    employer = new_page()
    log_in(employer, base, "da", EMPLOYER)
    employer.goto(f"{base}/da/employer/")
    employer.locator("#employer-match").click()
    employer.wait_for_url("**/da/employer/match/verification")
    employer.goto(f"{base}/da/employer/match/?skill=truck&region=syddanmark")
    employer.wait_for_url("**/da/employer/match/verification")
    assert "Truckcertifikat" not in employer.content()
    employer.fill("#cvr", "10150818")
    employer.get_by_role("button", name="Bed om godkendelse").click()
    assert "ikke et gyldigt CVR-nummer" in employer.locator("#error-summary").inner_text()
    employer.fill("#cvr", VALID_CVR)
    employer.get_by_role("button", name="Bed om godkendelse").click()
    employer.wait_for_url("**/da/employer/match/verification")
    assert "Venter på godkendelse" in employer.locator("#verification-status").inner_text()
    da(employer, "employer-waiting-for-verification")
    employer.goto(f"{base}/da/employer/match/?skill=truck")
    employer.wait_for_url("**/da/employer/match/verification")

    # 3. the business service's caseworker approves the employer from their home page
    business = new_page()
    log_in(business, base, "da", BUSINESS)
    business.wait_for_url("**/da/caseworker/")
    business.locator("#business-match-link").click()
    business.wait_for_url("**/da/business/match/")
    pending = business.locator("#pending-verifications")
    assert VALID_CVR in pending.inner_text()
    da(business, "business-service-pending")
    pending.get_by_role("button", name="Godkend").click()
    business.wait_for_url("**/da/business/match/")
    assert "Ingen virksomheder venter" in business.locator("main").inner_text()
    with app.app_context():
        employer_user = find_user_by_email(EMPLOYER)
        assert db.session.get(EmployerVerification, employer_user.id).status == "approved"

    # 4. the verified employer finds the profile by skill and region and sends a request
    employer.goto(f"{base}/da/employer/match/")
    employer.fill("#skill", "truck")
    employer.select_option("#region", "hovedstaden")
    employer.get_by_role("button", name="Søg", exact=True).click()
    assert "Ingen profiler passer" in employer.locator("main").inner_text()
    employer.select_option("#region", "syddanmark")
    employer.get_by_role("button", name="Søg", exact=True).click()
    result = employer.locator("#results")
    assert "Truckcertifikat B" in result.inner_text()
    da(employer, "employer-search-results")
    result.get_by_role("link", name=f"Profil nr. {profile_id}").click()
    employer.wait_for_url(f"**/da/employer/match/profiles/{profile_id}")
    assert "Demo Borger" not in employer.locator("main").inner_text()
    employer.get_by_label("Løntilskud").check()
    employer.fill("#job_title", "Lagermedarbejder")
    employer.fill("#message", "Vi søger en lagermedarbejder med truckcertifikat i Odense.")
    da(employer, "employer-profile-and-request")
    employer.get_by_role("button", name="Send anmodning").click()
    employer.wait_for_url("**/da/employer/match/requests/*")
    assert "Venter på svar" in employer.locator("#request-status").inner_text()
    with app.app_context():
        request_id = db.session.scalars(
            select(ContactRequest.id).where(ContactRequest.employer_id == employer_id)
        ).one()

    # 5. the citizen reads it in the inbox in Arabic and accepts, sharing a chosen contact
    citizen.goto(f"{base}/ar/inbox/")
    assert citizen.locator("html").get_attribute("dir") == "rtl"
    citizen.locator(f"#inbox-match-requests a[href$='/ar/match/requests/{request_id}']").click()
    citizen.wait_for_url(f"**/ar/match/requests/{request_id}")
    assert "Odense" in citizen.locator("main").inner_text()
    assert "دعم الأجور" in citizen.locator("main").inner_text()  # the kind, in Arabic
    citizen.fill("#name", "Amina")
    citizen.fill("#contact", "20304050")
    ar(citizen, "citizen-request")
    citizen.locator("#accept").click()
    citizen.wait_for_url(f"**/ar/match/requests/{request_id}")
    assert "مقبول" in citizen.locator("#request-status").inner_text()
    citizen.fill("#body", "مرحبا، يمكنني أن أبدأ يوم الاثنين.")
    citizen.get_by_role("button", name="إرسال الرسالة").click()
    citizen.wait_for_url(f"**/ar/match/requests/{request_id}*")

    # 6. the employer now sees the chosen name and contact, and the conversation; replies
    employer.goto(f"{base}/da/employer/match/requests/{request_id}")
    assert "Amina" in employer.locator("#shared-contact").inner_text()
    assert "20304050" in employer.locator("#shared-contact").inner_text()
    assert "يمكنني أن أبدأ" in employer.locator("#thread ~ ol").inner_text()
    employer.fill("#body", "Fint, vi ses mandag kl. 9.")
    employer.get_by_role("button", name="Send besked").click()
    employer.wait_for_url(f"**/da/employer/match/requests/{request_id}*")
    da(employer, "employer-conversation")
    citizen.goto(f"{base}/ar/match/requests/{request_id}")
    thread = citizen.locator("#thread ~ ol").inner_text()
    assert "vi ses mandag" in thread and "يمكنني أن أبدأ" in thread
    ar(citizen, "citizen-conversation")

    # 7. the citizen's access log shows the employer's view of the profile, and the request
    citizen.goto(f"{base}/ar/privacy/access-log")
    log = citizen.locator("#access-log").inner_text()
    assert "Demo ApS" in log
    assert log.count("Demo ApS") >= 2  # the profile view and the request
    assert "ملفك الوظيفي مجهول الهوية" in log
    ar(citizen, "citizen-access-log")
