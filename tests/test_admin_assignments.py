"""The admin page that assigns citizens to caseworkers and teams (least access starts here)."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.models.sharing import Assignment
from portal.models.user import Role, User
from tests.conftest import create_test_user, login


def assignment_of(citizen: User) -> Assignment | None:
    db.session.expire_all()
    return db.session.scalars(select(Assignment).where(Assignment.citizen_id == citizen.id)).first()


def test_admin_assigns_citizen_to_caseworker_and_team(
    client: FlaskClient, admin: User, citizen: User, caseworker: User
) -> None:
    login(client, admin)
    page = client.get("/da/admin/assignments").get_data(as_text=True)
    assert caseworker.email in page and 'value="benefits"' in page
    response = client.post(
        "/da/admin/assignments",
        data={
            "citizen_email": citizen.email.upper(),
            "caseworker_id": str(caseworker.id),
            "team": "benefits",
        },
    )
    assert response.status_code == 302
    assignment = assignment_of(citizen)
    assert assignment is not None
    assert (assignment.caseworker_id, assignment.team) == (caseworker.id, "benefits")
    listing = client.get("/da/admin/assignments").get_data(as_text=True)
    assert citizen.email in listing and caseworker.display_name in listing


def test_reassigning_replaces_the_earlier_assignment(
    client: FlaskClient, admin: User, citizen: User, caseworker: User
) -> None:
    login(client, admin)
    client.post(
        "/da/admin/assignments",
        data={"citizen_email": citizen.email, "caseworker_id": str(caseworker.id), "team": ""},
    )
    client.post(
        "/da/admin/assignments",
        data={"citizen_email": citizen.email, "caseworker_id": "", "team": "general"},
    )
    assignment = assignment_of(citizen)
    assert assignment is not None and (assignment.caseworker_id, assignment.team) == (
        None,
        "general",
    )
    assert len(db.session.scalars(select(Assignment)).all()) == 1


def test_bad_input_gets_field_messages_and_keeps_what_was_typed(
    client: FlaskClient, admin: User, caseworker: User
) -> None:
    login(client, admin, lang="en")
    employer = create_test_user(Role.EMPLOYER)
    unknown = client.post(
        "/en/admin/assignments",
        data={"citizen_email": employer.email, "caseworker_id": str(caseworker.id), "team": ""},
    )
    assert unknown.status_code == 422
    page = unknown.get_data(as_text=True)
    assert 'id="citizen_email-error"' in page and f'value="{employer.email}"' in page
    citizen = create_test_user(Role.CITIZEN)
    nobody = client.post(
        "/en/admin/assignments",
        data={"citizen_email": citizen.email, "caseworker_id": "", "team": ""},
    )
    assert nobody.status_code == 422 and 'id="team-error"' in nobody.get_data(as_text=True)
    forged = client.post(
        "/en/admin/assignments",
        data={"citizen_email": citizen.email, "caseworker_id": str(citizen.id), "team": ""},
    )
    assert forged.status_code == 422  # not one of the offered caseworkers
    assert assignment_of(citizen) is None


def test_only_admins_assign(client: FlaskClient, caseworker: User, citizen: User) -> None:
    login(client, caseworker)
    assert client.get("/da/admin/assignments").status_code == 403
    response = client.post(
        "/da/admin/assignments",
        data={"citizen_email": citizen.email, "caseworker_id": str(caseworker.id), "team": ""},
    )
    assert response.status_code == 403
    assert assignment_of(citizen) is None
