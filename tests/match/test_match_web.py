"""Digital match through the web layer, on SQLite and PostgreSQL: profile default off,
preview, publish, pause, delete; employer verification by the business service; search,
view and request in the citizen's access log; accept shares the name; threads; limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.journal.operations import create_journal_entry
from portal.models.audit import AuditEntry
from portal.models.match import ContactRequest, EmployerVerification, MatchProfile
from portal.models.user import Role, User, utcnow
from tests.conftest import create_test_user, login, make_app

VALID_CVR = "10150817"


def _journal(citizen: User) -> dict[str, int]:
    ids = {}
    for section, values in (
        ("skill", {"title": "Truckcertifikat"}),
        (
            "experience",
            {"title": "Lagermedarbejder", "organisation": "Salling A/S", "period": "2019–2023"},
        ),
        ("language", {"title": "Arabisk", "level": "native"}),
        ("goal", {"goal_area": "health", "body": "Ondt i ryggen"}),
    ):
        ids[section] = create_journal_entry(citizen, section, values).id
    return ids


def _profile_form(ids: dict[str, int], **extra: object) -> dict[str, object]:
    form: dict[str, object] = {
        "chosen": [ids["skill"], ids["experience"], ids["language"]],
        "job_types": ["warehouse"],
        "hours": ["full_time", "part_time"],
        "region": "syddanmark",
        "availability": "now",
    }
    form.update(extra)
    return form


def _publish(client: FlaskClient, ids: dict[str, int]) -> MatchProfile:
    assert client.post("/da/match/", data=_profile_form(ids)).status_code == 303
    assert client.post("/da/match/publish").status_code == 303
    profile = db.session.scalars(select(MatchProfile)).one()
    db.session.refresh(profile)
    return profile


def _verified_employer(app: Flask) -> tuple[User, FlaskClient]:
    employer = create_test_user(Role.EMPLOYER, organisation="Lager ApS")
    db.session.add(EmployerVerification(employer_id=employer.id, cvr=VALID_CVR, status="approved"))
    db.session.commit()
    client = app.test_client()
    login(client, employer)
    return employer, client


def test_profile_is_off_until_published_and_preview_shows_exactly_what_employers_see(
    app: Flask, client: FlaskClient, citizen: User
) -> None:
    ids = _journal(citizen)
    login(client, citizen)
    page = client.get("/da/match/").get_data(as_text=True)
    assert "Du har ingen profil" in page
    response = client.post("/da/match/", data=_profile_form(ids))
    assert response.status_code == 303 and response.headers["Location"].endswith(
        "/da/match/preview"
    )
    profile = db.session.scalars(select(MatchProfile)).one()
    assert profile.status == "draft"
    employer, employer_client = _verified_employer(app)
    assert (
        employer_client.get("/da/employer/match/?skill=truck")
        .get_data(as_text=True)
        .count("Profil nr.")
        == 0
    )  # a draft is never found
    preview = client.get("/da/match/preview").get_data(as_text=True)
    employer_view = employer_client.get(f"/da/employer/match/profiles/{profile.id}")
    assert employer_view.status_code == 404  # not published yet
    assert "Truckcertifikat" in preview and "Lagermedarbejder" in preview
    assert "Salling" not in preview  # employer name only when chosen
    assert "Ondt i ryggen" not in preview and citizen.display_name not in preview
    assert client.post("/da/match/publish").status_code == 303
    shown = employer_client.get(f"/da/employer/match/profiles/{profile.id}").get_data(as_text=True)
    for part in ("Truckcertifikat", "Lagermedarbejder", "Arabisk", "Region Syddanmark"):
        assert part in shown
    assert citizen.display_name not in shown and citizen.email not in shown
    assert "Salling" not in shown


def test_editing_makes_a_draft_and_pause_and_delete_hide_the_profile(
    app: Flask, client: FlaskClient, citizen: User
) -> None:
    ids = _journal(citizen)
    login(client, citizen)
    profile = _publish(client, ids)
    _, employer_client = _verified_employer(app)
    assert f"Profil nr. {profile.id}" in employer_client.get("/da/employer/match/").get_data(
        as_text=True
    )
    client.post("/da/match/", data=_profile_form(ids, show_organisation=[ids["experience"]]))
    db.session.refresh(profile)
    assert profile.status == "draft"  # nothing changes for employers before a new preview
    assert "Salling A/S" in client.get("/da/match/preview").get_data(as_text=True)
    client.post("/da/match/publish")
    assert "Salling A/S" in employer_client.get(
        f"/da/employer/match/profiles/{profile.id}"
    ).get_data(as_text=True)
    client.post("/da/match/pause")
    assert employer_client.get(f"/da/employer/match/profiles/{profile.id}").status_code == 404
    assert f"Profil nr. {profile.id}" not in employer_client.get("/da/employer/match/").get_data(
        as_text=True
    )
    client.post("/da/match/delete")
    assert db.session.scalars(select(MatchProfile)).all() == []


def test_search_filters_by_skill_region_language_hours_and_job_type(
    app: Flask, client: FlaskClient, citizen: User
) -> None:
    ids = _journal(citizen)
    login(client, citizen)
    profile = _publish(client, ids)
    _, employer_client = _verified_employer(app)
    label = f"Profil nr. {profile.id}"

    def found(query: str) -> bool:
        return label in employer_client.get(f"/da/employer/match/?{query}").get_data(as_text=True)

    assert found("skill=truck&region=syddanmark")
    assert found("language=arab&hours=part_time&job_type=warehouse")
    assert not found("skill=truck&region=hovedstaden")
    assert not found("skill=svejser")
    assert not found("hours=few_hours")
    assert not found("job_type=care")


def test_unverified_employer_cannot_search_or_view_and_business_service_verifies(
    app: Flask, client: FlaskClient, citizen: User, employer: User, admin: User
) -> None:
    ids = _journal(citizen)
    login(client, citizen)
    profile = _publish(client, ids)
    employer_client = app.test_client()
    login(employer_client, employer)
    for url in ("/da/employer/match/?skill=truck", f"/da/employer/match/profiles/{profile.id}"):
        response = employer_client.get(url)
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/da/employer/match/verification")
    refused = employer_client.post(
        f"/da/employer/match/profiles/{profile.id}/request",
        data={"kind": "internship", "job_title": "Lager", "message": "Hej"},
    )
    assert refused.status_code == 303 and db.session.scalars(select(ContactRequest)).all() == []
    bad = employer_client.post(
        "/da/employer/match/verification", data={"company": "Test ApS", "cvr": "10150818"}
    )
    assert bad.status_code == 422 and "ikke et gyldigt CVR-nummer" in bad.get_data(as_text=True)
    assert (
        employer_client.post(
            "/da/employer/match/verification", data={"company": "Test ApS", "cvr": VALID_CVR}
        ).status_code
        == 303
    )
    assert db.session.get(EmployerVerification, employer.id).status == "pending"

    # a caseworker of another team may not decide; the business-service caseworker may
    other = create_test_user(Role.CASEWORKER, team="general")
    other_client = app.test_client()
    login(other_client, other)
    assert other_client.get("/da/business/match/").status_code == 403
    assert (
        other_client.post(
            f"/da/business/match/verifications/{employer.id}", data={"decision": "approve"}
        ).status_code
        == 403
    )
    business = create_test_user(Role.CASEWORKER, team="business_service")
    business_client = app.test_client()
    login(business_client, business)
    page = business_client.get("/da/business/match/").get_data(as_text=True)
    assert VALID_CVR in page and "Test ApS" in page
    assert "/business/match/" in business_client.get("/da/caseworker/").get_data(as_text=True)
    assert (
        business_client.post(
            f"/da/business/match/verifications/{employer.id}", data={"decision": "approve"}
        ).status_code
        == 303
    )
    db.session.expire_all()
    verification = db.session.get(EmployerVerification, employer.id)
    assert verification.status == "approved" and verification.decided_by_id == business.id
    assert employer_client.get("/da/employer/match/?skill=truck").status_code == 200


def test_request_accept_shares_name_opens_thread_and_is_logged(
    app: Flask, client: FlaskClient, citizen: User
) -> None:
    ids = _journal(citizen)
    login(client, citizen, "ar")
    profile = _publish(client, ids)
    employer, employer_client = _verified_employer(app)
    employer_client.get(f"/da/employer/match/profiles/{profile.id}")
    sent = employer_client.post(
        f"/da/employer/match/profiles/{profile.id}/request",
        data={"kind": "wage_subsidy", "job_title": "Lagermedarbejder", "message": "Vi har et job."},
    )
    assert sent.status_code == 303
    item = db.session.scalars(select(ContactRequest)).one()
    again = employer_client.post(
        f"/da/employer/match/profiles/{profile.id}/request",
        data={"kind": "wage_subsidy", "job_title": "Igen", "message": "Igen"},
    )
    assert again.status_code == 409  # one open request per employer and profile
    # before the answer the employer has no name, and cannot write
    pending = employer_client.get(f"/da/employer/match/requests/{item.id}").get_data(as_text=True)
    assert citizen.display_name not in pending
    assert (
        employer_client.post(
            f"/da/employer/match/requests/{item.id}/messages", data={"body": "Hej"}
        ).status_code
        == 422
    )

    # the citizen sees it in the inbox, in Arabic, and accepts with a chosen name and contact
    inbox = client.get("/ar/inbox/").get_data(as_text=True)
    assert f"/ar/match/requests/{item.id}" in inbox and "Lagermedarbejder" in inbox
    detail = client.get(f"/ar/match/requests/{item.id}").get_data(as_text=True)
    assert 'lang="ar"' in detail and "Vi har et job." in detail
    accepted = client.post(
        f"/ar/match/requests/{item.id}/answer",
        data={"answer": "accept", "name": "Amina", "contact": "amina@example.dk"},
    )
    assert accepted.status_code == 303
    shared = employer_client.get(f"/da/employer/match/requests/{item.id}").get_data(as_text=True)
    assert "Amina" in shared and "amina@example.dk" in shared
    assert citizen.email not in shared  # only what the citizen typed
    assert (
        client.post(f"/ar/match/requests/{item.id}/messages", data={"body": "مرحبا"}).status_code
        == 303
    )
    assert (
        employer_client.post(
            f"/da/employer/match/requests/{item.id}/messages", data={"body": "Velkommen"}
        ).status_code
        == 303
    )
    thread_citizen = client.get(f"/ar/match/requests/{item.id}").get_data(as_text=True)
    thread_employer = employer_client.get(f"/da/employer/match/requests/{item.id}").get_data(
        as_text=True
    )
    for page in (thread_citizen, thread_employer):
        assert "مرحبا" in page and "Velkommen" in page
    # a second answer is refused
    assert (
        client.post(
            f"/ar/match/requests/{item.id}/answer", data={"answer": "decline", "name": "x"}
        ).status_code
        == 422
    )

    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.citizen_id == citizen.id).order_by(AuditEntry.id)
    ).all()
    # the view, the request, and the profile shown again with the refused second request
    assert [(e.what, e.actor_id, e.actor_role, e.purpose) for e in entries] == [
        ("match_profile", employer.id, "employer", "match"),
        ("match_request", employer.id, "employer", "match"),
        ("match_profile", employer.id, "employer", "match"),
    ]
    log = client.get("/da/privacy/access-log").get_data(as_text=True)
    assert "Lager ApS" in log and "Din anonyme jobprofil" in log
    # the managers' effect steering counts the request and the acceptance in its period
    from datetime import timedelta

    from portal.match.operations import count_contact_requests

    now = utcnow()
    assert count_contact_requests(now - timedelta(days=1), now + timedelta(minutes=1)) == (1, 1)
    assert count_contact_requests(now - timedelta(days=30), now - timedelta(days=1)) == (0, 0)


def test_decline_gives_the_employer_nothing_and_report_reaches_business_service(
    app: Flask, client: FlaskClient, citizen: User, admin: User
) -> None:
    ids = _journal(citizen)
    login(client, citizen)
    profile = _publish(client, ids)
    _, employer_client = _verified_employer(app)
    employer_client.post(
        f"/da/employer/match/profiles/{profile.id}/request",
        data={"kind": "ordinary_job", "job_title": "Chauffør", "message": "Send dit CPR-nummer"},
    )
    item = db.session.scalars(select(ContactRequest)).one()
    assert (
        client.post(f"/da/match/requests/{item.id}/answer", data={"answer": "decline"}).status_code
        == 303
    )
    assert (
        client.post(
            f"/da/match/requests/{item.id}/report", data={"reason": "Beder om CPR"}
        ).status_code
        == 303
    )
    db.session.expire_all()
    item = db.session.get(ContactRequest, item.id)
    assert item.status == "declined" and item.shared_name == "" and item.reported_at is not None
    page = employer_client.get(f"/da/employer/match/requests/{item.id}").get_data(as_text=True)
    assert citizen.display_name not in page and "sagt nej tak" in page
    admin_client = app.test_client()
    login(admin_client, admin)
    overview = admin_client.get("/da/business/match/").get_data(as_text=True)
    assert "Beder om CPR" in overview and "Chauffør" in overview
    assert citizen.display_name not in overview  # the overview names no citizen


def test_other_citizens_and_employers_cannot_open_a_request(
    app: Flask, client: FlaskClient, citizen: User
) -> None:
    ids = _journal(citizen)
    login(client, citizen)
    profile = _publish(client, ids)
    _, employer_client = _verified_employer(app)
    employer_client.post(
        f"/da/employer/match/profiles/{profile.id}/request",
        data={"kind": "flex_job", "job_title": "Lager", "message": "Hej"},
    )
    item = db.session.scalars(select(ContactRequest)).one()
    stranger = app.test_client()
    login(stranger, create_test_user(Role.CITIZEN))
    assert stranger.get(f"/da/match/requests/{item.id}").status_code == 404
    assert (
        stranger.post(
            f"/da/match/requests/{item.id}/answer", data={"answer": "accept", "name": "X"}
        ).status_code
        == 404
    )
    _, other_employer = _verified_employer(app)
    assert other_employer.get(f"/da/employer/match/requests/{item.id}").status_code == 404


def test_contact_requests_are_rate_limited(tmp_path: Path, sqlite_template: Path) -> None:
    import shutil

    target = tmp_path / "limits.sqlite3"
    shutil.copyfile(sqlite_template, target)
    app = make_app(
        f"sqlite:///{target}", tmp_path, RATELIMIT_ENABLED=True, MATCH_REQUEST_RATE_LIMIT="2/day"
    )
    with app.app_context():
        citizens = []
        for _ in range(3):
            citizen = create_test_user(Role.CITIZEN)
            ids = _journal(citizen)
            client = app.test_client()
            login(client, citizen)
            citizens.append(_publish_any(client, ids, citizen))
        _, employer_client = _verified_employer(app)
        statuses = [
            employer_client.post(
                f"/da/employer/match/profiles/{pid}/request",
                data={"kind": "internship", "job_title": "Lager", "message": "Hej"},
            ).status_code
            for pid in citizens
        ]
        assert statuses == [303, 303, 429]


def _publish_any(client: FlaskClient, ids: dict[str, int], citizen: User) -> int:
    client.post("/da/match/", data=_profile_form(ids))
    client.post("/da/match/publish")
    return db.session.scalars(
        select(MatchProfile.id).where(MatchProfile.citizen_id == citizen.id)
    ).one()


@pytest.mark.parametrize("lang", ["da", "ar", "ti"])
def test_pages_render_in_languages(
    app: Flask, client: FlaskClient, citizen: User, lang: str
) -> None:
    ids = _journal(citizen)
    login(client, citizen, lang)
    assert client.get(f"/{lang}/match/").status_code == 200
    client.post(f"/{lang}/match/", data=_profile_form(ids))
    assert client.get(f"/{lang}/match/preview").status_code == 200
