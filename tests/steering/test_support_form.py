"""The caseworker's form for a citizen's target group, benefit and spell start (the data
effect steering groups by): who may use it, what is stored and audited, validation in the
reader's language, and that the steering pages show a group once it holds 5 people."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.domain.support import Problem, SupportInput, check_support
from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.support import CitizenSupport
from portal.models.user import Role, User, utcnow
from portal.privacy.operations import assign_citizen
from portal.progress.operations import record_progress
from tests.conftest import create_test_user, login

TODAY = dt.date(2026, 12, 6)


def form_data(**values: str) -> dict[str, str]:
    return {"target_group": "", "benefit": "", "support_since": "", **values}


# --- the rules (portal.domain.support) ---------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "problems"),
    [
        (SupportInput(None, None, None), []),
        (SupportInput("jobparat", "kontanthjaelp", TODAY), []),
        (SupportInput("other", "dagpenge", dt.date(2016, 12, 6)), []),
        (SupportInput("integration", None, None), []),
        (SupportInput("nobody", None, None), [Problem("target_group", "unknown_group")]),
        (SupportInput(None, "pension", None), [Problem("benefit", "unknown_benefit")]),
        (
            SupportInput("dagpenge", "kontanthjaelp", None),
            [Problem("benefit", "benefit_does_not_fit_group")],
        ),
        (
            SupportInput("aktivitetsparat", "sygedagpenge", None),
            [Problem("benefit", "benefit_does_not_fit_group")],
        ),
        (
            SupportInput(None, "kontanthjaelp", TODAY + dt.timedelta(days=1)),
            [Problem("support_since", "start_in_future")],
        ),
        (
            SupportInput(None, "kontanthjaelp", dt.date(2016, 12, 5)),
            [Problem("support_since", "start_too_early")],
        ),
        (
            SupportInput("jobparat", None, TODAY),
            [Problem("benefit", "start_needs_benefit")],
        ),
    ],
)
def test_support_rules(entry: SupportInput, problems: list[Problem]) -> None:
    assert check_support(entry, TODAY) == problems


def test_ten_years_back_from_29_february() -> None:
    leap = dt.date(2028, 2, 29)
    assert check_support(SupportInput(None, "dagpenge", dt.date(2018, 2, 28)), leap) == []
    assert check_support(SupportInput(None, "dagpenge", dt.date(2018, 2, 27)), leap) == [
        Problem("support_since", "start_too_early")
    ]


# --- the form on the citizen's page ------------------------------------------------------


def test_serving_caseworker_records_support_and_the_citizen_sees_it_in_the_log(
    app: Flask, client: FlaskClient, caseworker: User, citizen: User
) -> None:
    assign_citizen(citizen, caseworker, caseworker.team)
    login(client, caseworker)
    page = client.get(f"/da/caseworker/citizens/{citizen.id}").get_data(as_text=True)
    assert 'id="support-form"' in page and "Ikke registreret" in page
    start = utcnow().date() - dt.timedelta(weeks=3)
    response = client.post(
        f"/da/caseworker/citizens/{citizen.id}/support",
        data=form_data(
            target_group="jobparat", benefit="kontanthjaelp", support_since=start.isoformat()
        ),
    )
    assert response.status_code == 302 and response.location.endswith("#support")
    row = db.session.get(CitizenSupport, citizen.id)
    assert row is not None
    stored = (row.target_group, row.benefit, row.support_since)
    assert stored == ("jobparat", "kontanthjaelp", start)
    entries = list(db.session.scalars(select(AuditEntry).where(AuditEntry.what == "support")))
    assert [(e.citizen_id, e.actor_id, e.purpose) for e in entries] == [
        (citizen.id, caseworker.id, "case_work")
    ]
    page = client.get(f"/da/caseworker/citizens/{citizen.id}").get_data(as_text=True)
    now = re.search(r'<dl[^>]*id="support-now".*?</dl>', page, re.S)
    assert now and "Jobparate kontanthjælpsmodtagere" in now.group(0)
    assert "Kontanthjælp" in now.group(0) and str(start.year) in now.group(0)
    # clearing the fields records "not registered" again
    client.post(f"/da/caseworker/citizens/{citizen.id}/support", data=form_data())
    db.session.expire_all()
    row = db.session.get(CitizenSupport, citizen.id)
    assert (row.target_group, row.benefit, row.support_since) == (None, None, None)
    # the citizen reads the change in "who has seen my data"
    citizen_client = client.application.test_client()
    login(citizen_client, citizen)
    log = citizen_client.get("/da/privacy/access-log").get_data(as_text=True)
    assert "Din målgruppe, ydelse og hvornår din periode på ydelse begyndte" in log
    assert caseworker.display_name in log


@pytest.mark.parametrize("who", ["other_caseworker", "admin", "citizen", "employer"])
def test_only_a_caseworker_serving_the_citizen_may_record(
    app: Flask, client: FlaskClient, caseworker: User, citizen: User, who: str
) -> None:
    assign_citizen(citizen, caseworker, caseworker.team)
    users = {
        "other_caseworker": create_test_user(Role.CASEWORKER, team="sickness"),
        "admin": create_test_user(Role.ADMIN),
        "citizen": citizen,
        "employer": create_test_user(Role.EMPLOYER, organisation="X ApS"),
    }
    login(client, users[who])
    response = client.post(
        f"/da/caseworker/citizens/{citizen.id}/support",
        data=form_data(target_group="jobparat", benefit="kontanthjaelp"),
    )
    assert response.status_code == (403 if who in ("citizen", "employer") else 404)
    assert db.session.get(CitizenSupport, citizen.id) is None
    assert not db.session.scalars(select(AuditEntry).where(AuditEntry.what == "support")).all()


@pytest.mark.parametrize(
    ("lang", "future", "mismatch"),
    [
        ("da", "Startdatoen kan ikke ligge i fremtiden.", "Ydelsen passer ikke til målgruppen."),
        ("en", "The start date cannot be in the future.", "The benefit does not fit the target"),
        ("ar", "لا يمكن أن يكون تاريخ البدء في المستقبل.", "لا تتناسب الإعانة مع الفئة المستهدفة."),
    ],
)
def test_refusals_in_the_readers_language_and_nothing_stored(
    app: Flask,
    client: FlaskClient,
    caseworker: User,
    citizen: User,
    lang: str,
    future: str,
    mismatch: str,
) -> None:
    assign_citizen(citizen, caseworker, caseworker.team)
    login(client, caseworker, lang)
    tomorrow = utcnow().date() + dt.timedelta(days=2)
    response = client.post(
        f"/{lang}/caseworker/citizens/{citizen.id}/support",
        data=form_data(
            target_group="dagpenge", benefit="kontanthjaelp", support_since=tomorrow.isoformat()
        ),
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="error-summary"' in html
    assert future in html and mismatch in html
    assert 'aria-invalid="true"' in html
    response = client.post(
        f"/{lang}/caseworker/citizens/{citizen.id}/support",
        data=form_data(target_group="no-such-group"),
    )
    assert response.status_code == 422
    assert db.session.get(CitizenSupport, citizen.id) is None


def _spell_rows(html: str) -> list[str]:
    table = re.search(r'<table[^>]*id="spell-table".*?</table>', html, re.S)
    if table is None:
        return []
    return [r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), re.S) if "<td>" in r]


def test_steering_shows_the_recorded_group_and_spells_once_five_people(
    app: Flask, client: FlaskClient, caseworker: User, admin: User
) -> None:
    people = []
    for _ in range(5):
        person = create_test_user(Role.CITIZEN)
        assign_citizen(person, caseworker, caseworker.team)
        record_progress(person, {"job": 6, "danish": 4})
        people.append(person)
    manager = client.application.test_client()
    login(manager, admin)
    login(client, caseworker)
    start = (utcnow().date() - dt.timedelta(weeks=2)).isoformat()
    for count, person in enumerate(people, start=1):
        response = client.post(
            f"/da/caseworker/citizens/{person.id}/support",
            data=form_data(target_group="jobparat", benefit="kontanthjaelp", support_since=start),
        )
        assert response.status_code == 302
        steering = manager.get("/da/steering/?days=30").get_data(as_text=True)
        refund = manager.get("/da/steering/refund?benefit=kontanthjaelp").get_data(as_text=True)
        shown = "Jobparate kontanthjælpsmodtagere" in steering
        if count < 5:
            assert not shown, count
            # the one week band with people is hidden; only empty bands (0) may show
            assert not any("1-4" in r for r in _spell_rows(refund)), count
            assert all("<td>0</td>" in r for r in _spell_rows(refund)), count
        else:
            table = re.search(r'<table[^>]*id="progress-table".*?</table>', steering, re.S)
            assert table and "Jobparate kontanthjælpsmodtagere" in table.group(0)
            assert "<td>5</td>" in table.group(0)
            rows = _spell_rows(refund)
            assert "1-4" in rows[0] and "<td>5</td>" in rows[0]
            assert all("<td>0</td>" in r for r in rows[1:])
