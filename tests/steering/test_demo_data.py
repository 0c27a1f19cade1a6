"""The demo (`seed_demo`, run by scripts/run.sh) fills digital match and effect steering:
a verified employer who can search, published anonymous profiles, and citizens with target
group, benefit and ratings so that the steering and refund pages show figures. Every printed
login works, and seeding twice adds nothing."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.cli import (
    DEMO_PASSWORD,
    DEMO_PROFILE_CITIZENS,
    DEMO_STEERING_GROUPS,
    DEMO_USERS,
    DEMO_VERIFIED_EMPLOYER,
    seed_demo,
)
from portal.extensions import db
from portal.models.match import ContactRequest, EmployerVerification, MatchProfile
from portal.models.support import CitizenSupport
from portal.models.user import User

ADMIN = next(email for email, role, *_ in DEMO_USERS if role.value == "admin")


def log_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/da/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    return client


def rows(html: str, table_id: str) -> list[str]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert table, f"no table {table_id}"
    return [r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), re.S) if "<td>" in r]


def test_demo_seeds_match_and_steering_data_and_prints_working_logins(app: Flask) -> None:
    lines = seed_demo()
    counts = [
        db.session.scalar(select(func.count()).select_from(t))
        for t in (User, MatchProfile, ContactRequest, CitizenSupport)
    ]
    assert seed_demo() == lines  # idempotent, same logins
    assert counts == [
        db.session.scalar(select(func.count()).select_from(t))
        for t in (User, MatchProfile, ContactRequest, CitizenSupport)
    ]
    printed = set(re.findall(r"[\w.]+@demo\.jobvej\.dk", "\n".join(lines)))
    assert {DEMO_VERIFIED_EMPLOYER[0], *(e for e, _ in DEMO_PROFILE_CITIZENS)} <= printed
    for email in printed:
        log_in(app, email)  # every printed login works with the printed password

    # digital match: the employer is verified and finds the published profiles
    employer = db.session.scalars(select(User).where(User.email == DEMO_VERIFIED_EMPLOYER[0])).one()
    assert db.session.get(EmployerVerification, employer.id).status == "approved"
    published = db.session.scalars(select(MatchProfile).where(MatchProfile.status == "published"))
    assert len(list(published)) == len(DEMO_PROFILE_CITIZENS)
    client = log_in(app, employer.email)
    page = client.get("/da/employer/match/?region=hovedstaden")
    assert page.status_code == 200
    assert "Hygiejnebevis" in page.get_data(as_text=True)
    assert "Hotel Nordlys" not in page.get_data(as_text=True)  # employer names stay hidden
    assert page.get_data(as_text=True).count("Profil nr.") == 1
    other = client.get("/da/employer/match/?region=midtjylland").get_data(as_text=True)
    assert other.count("Profil nr.") == 1 and "Hygiejnebevis" not in other

    # effect steering: every target group of the demo is shown (>= 5 people), with figures
    manager = log_in(app, ADMIN)
    html = manager.get("/da/steering/").get_data(as_text=True)
    progress = rows(html, "progress-table")
    for name in (
        "Jobparate kontanthjælpsmodtagere",
        "Aktivitetsparate kontanthjælpsmodtagere",
        "Sygedagpengemodtagere",
    ):
        shown = [r for r in progress if name in r]
        assert len(shown) == 3, name  # the three month bands the ratings fall in
    assert all(int(n) >= 5 for r in progress for n in re.findall(r"<td>(\d+)</td>", r)[1:2])
    prepared = rows(html, "prepared-table")
    assert any("Jobservice – generelle henvendelser" in r for r in prepared)
    assert rows(html, "days-table")
    assert 'id="no-matches"' not in html
    # the refund page: the spell distribution of each benefit, no band under 5
    for benefit in {b for _, b, _ in DEMO_STEERING_GROUPS}:
        page = manager.get(f"/da/steering/refund?benefit={benefit}").get_data(as_text=True)
        assert 'id="no-spells"' not in page, benefit
        people = [int(re.findall(r"<td>(\d+)</td>", r)[0]) for r in rows(page, "spell-table")]
        assert sum(people) >= 5 and all(n == 0 or n >= 5 for n in people), benefit
