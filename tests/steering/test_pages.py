"""Effect steering pages: only admins (managers) see them; a team of 4 never appears in
the page or the CSV; the refund page shows the staircase from the rate files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models.meetings import Meeting, Preparation
from portal.models.sharing import Assignment
from portal.models.support import CitizenSupport
from portal.models.user import Role, User, utcnow
from tests.conftest import create_test_user, login

# benefits (4) and integration (1) are hidden; together 5, so no other team has to go
TEAM_SIZES = {"general": 6, "sickness": 5, "benefits": 4, "integration": 1}


def seed_citizens() -> None:
    """Citizens with a first meeting in the last 30 days, per team; the benefits team has 4."""
    now = utcnow()
    for team, size in TEAM_SIZES.items():
        for i in range(size):
            citizen = create_test_user(Role.CITIZEN)
            citizen.created_at = now - dt.timedelta(days=20)
            meeting = Meeting(citizen_id=citizen.id, starts_at=now - dt.timedelta(days=20 - 4 - i))
            db.session.add_all([meeting, Assignment(citizen_id=citizen.id, team=team)])
            db.session.flush()
            db.session.add(
                Preparation(
                    citizen_id=citizen.id,
                    meeting_id=meeting.id,
                    status="submitted",
                    submitted_at=now - dt.timedelta(days=19),
                )
            )
    db.session.commit()


def table_rows(html: str, table_id: str) -> list[str]:
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert match, f"no table {table_id}"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", match.group(0), re.S)
    return [r for r in rows if 'scope="col"' not in r]


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.EMPLOYER, Role.CASEWORKER])
def test_only_managers_see_effect_steering(app: Flask, client: FlaskClient, role: Role) -> None:
    for path in ("/da/steering/", "/da/steering/key-figures.csv", "/da/steering/refund"):
        assert client.get(path).status_code == 302  # anonymous: to the login page
    user = create_test_user(role, team="general" if role is Role.CASEWORKER else None)
    login(client, user)
    for path in ("/da/steering/", "/da/steering/key-figures.csv", "/da/steering/refund"):
        assert client.get(path).status_code == 403, (role, path)


def test_admin_sees_teams_of_five_or_more_and_never_a_team_of_four(
    app: Flask, client: FlaskClient, admin: User
) -> None:
    seed_citizens()
    login(client, admin)
    html = client.get("/da/steering/?days=30").get_data(as_text=True)
    rows = table_rows(html, "prepared-table")
    assert any("Jobservice – generelle henvendelser" in r and "<td>6</td>" in r for r in rows)
    assert any("Sygedagpengeteamet" in r and "<td>5</td>" in r for r in rows)
    assert any("Alle" in r and "<td>16</td>" in r for r in rows)
    assert not any("Ydelsesteamet" in r or "Integrationsteamet" in r for r in rows)
    assert not any("<td>4</td>" in r for r in rows)
    assert not any("Ydelsesteamet" in r for r in table_rows(html, "days-table"))
    assert 'id="suppression-note"' in html
    assert 'role="img"' in html  # the charts, with the tables as their alternative
    # filtered to the team of 4 alone: nothing about it is shown
    html = client.get("/da/steering/?days=30&team=benefits").get_data(as_text=True)
    assert 'id="prepared-table"' not in html and 'id="days-table"' not in html
    assert 'id="no-matches"' in html  # no contact request was sent in the period


def test_csv_has_descriptions_and_never_the_team_of_four(
    app: Flask, client: FlaskClient, admin: User
) -> None:
    seed_citizens()
    login(client, admin)
    response = client.get("/da/steering/key-figures.csv?days=30")
    assert response.mimetype == "text/csv"
    rows = list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    header, body = rows[0], rows[1:]
    assert header[:5] == ["Nøgletal", "Beskrivelse", "Gruppe", "Personer", "Værdi"]
    prepared = {r[2]: r for r in body if r[0] == "prepared_before_first_meeting"}
    assert set(prepared) == {"Jobservice – generelle henvendelser", "Sygedagpengeteamet", "Alle"}
    assert prepared["Alle"][3] == "16" and prepared["Alle"][4] == "1.000"
    assert all(r[1] for r in body), "every figure has a description"
    assert not any("Ydelsesteamet" in cell for r in body for cell in r)
    assert not any(r[3] in {"1", "2", "3", "4"} for r in body)
    only_small = client.get("/da/steering/key-figures.csv?days=30&team=benefits")
    assert len(list(csv.reader(io.StringIO(only_small.get_data(as_text=True))))) == 1  # header


def test_refund_page_staircase_from_rates_and_spell_distribution(
    app: Flask, client: FlaskClient, admin: User
) -> None:
    login(client, admin)
    html = client.get("/da/steering/refund?benefit=kontanthjaelp&amount=1000&weeks=30").get_data(
        as_text=True
    )
    rows = table_rows(html, "refund-table")
    assert len(rows) == 3
    assert "80 %" in rows[0] and "200 kr." in rows[0] and "800 kr." in rows[0]
    assert "13.200 kr." in rows[1] and "14.000 kr." in rows[1]
    assert "16.800 kr." in rows[2]
    assert "elov.dk" in html and "Bekræftet" in html  # source and status of each step
    assert 'id="no-spells"' in html  # no spell starts recorded: said plainly
    today = utcnow().date()
    for weeks_ago in [1] * 5 + [10] * 6 + [30] * 2 + [60] * 3:
        citizen = create_test_user(Role.CITIZEN)
        db.session.add(
            CitizenSupport(
                citizen_id=citizen.id,
                benefit="kontanthjaelp",
                support_since=today - dt.timedelta(weeks=weeks_ago),
            )
        )
    db.session.commit()
    html = client.get("/da/steering/refund?benefit=kontanthjaelp&amount=1000&weeks=30").get_data(
        as_text=True
    )
    spell_rows = table_rows(html, "spell-table")
    assert len(spell_rows) == 2 and "<td>5</td>" in spell_rows[0] and "<td>6</td>" in spell_rows[1]
    assert not any("27-52" in r or "53+" in r for r in spell_rows)  # 2 and 3 people: hidden
