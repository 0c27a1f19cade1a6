"""Registration, login, logout, password change and role checks."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.models.user import Role, User
from tests.conftest import PASSWORD, create_test_user, login


def test_citizen_registers_and_password_is_argon2_hashed(client: FlaskClient) -> None:
    response = client.post(
        "/da/register",
        data={
            "role": "citizen",
            "display_name": "Amina",
            "email": "Amina@Example.dk ",
            "password": "lang nok kode",
            "confirm": "lang nok kode",
        },
    )
    assert response.status_code == 302
    user = db.session.scalars(select(User).where(User.email == "amina@example.dk")).one()
    assert user.role is Role.CITIZEN
    assert user.password_hash is not None and user.password_hash.startswith("$argon2id$")
    assert "lang nok kode" not in user.password_hash
    assert user.preferred_language == "da"
    assert client.get("/da/citizen/").status_code == 200


def test_employer_registration_needs_company_name_and_keeps_input(client: FlaskClient) -> None:
    response = client.post(
        "/en/register",
        data={
            "role": "employer",
            "display_name": "Ole",
            "email": "ole@firma.dk",
            "password": "lang nok kode",
            "confirm": "lang nok kode",
        },
    )
    assert response.status_code == 422
    page = response.data.decode()
    assert 'value="ole@firma.dk"' in page
    assert 'id="organisation-error"' in page
    assert db.session.scalars(select(User)).all() == []


def test_register_rejects_bad_input_with_field_messages_in_english(client: FlaskClient) -> None:
    response = client.post(
        "/en/register",
        data={
            "role": "citizen",
            "display_name": "",
            "email": "nope",
            "password": "short",
            "confirm": "x",
        },
    )
    assert response.status_code == 422
    page = response.data.decode()
    for field in ("display_name", "email", "password", "confirm"):
        assert f'id="{field}-error"' in page
    assert "valid e-mail" in page.lower()


def test_duplicate_email_is_refused(client: FlaskClient, citizen: User) -> None:
    response = client.post(
        "/da/register",
        data={
            "role": "citizen",
            "display_name": "X",
            "email": citizen.email.upper(),
            "password": "lang nok kode",
            "confirm": "lang nok kode",
        },
    )
    assert response.status_code == 422
    assert "findes allerede" in response.data.decode()


def test_caseworker_role_cannot_be_self_registered(client: FlaskClient) -> None:
    response = client.post(
        "/da/register",
        data={
            "role": "caseworker",
            "display_name": "X",
            "email": "x@example.dk",
            "password": "lang nok kode",
            "confirm": "lang nok kode",
        },
    )
    assert response.status_code == 422
    assert db.session.scalars(select(User)).all() == []


def test_wrong_password_is_refused_without_saying_which_part(
    client: FlaskClient, citizen: User
) -> None:
    wrong = client.post("/da/login", data={"email": citizen.email, "password": "forkert!!"})
    unknown = client.post("/da/login", data={"email": "nobody@example.dk", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 422
    assert "E-mail eller adgangskode er forkert." in wrong.data.decode()
    assert "E-mail eller adgangskode er forkert." in unknown.data.decode()
    assert client.get("/da/citizen/").status_code == 302


def test_login_redirects_home_and_logout_ends_session(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    assert client.get("/da/citizen/").status_code == 200
    response = client.post("/da/logout")
    assert response.status_code == 302
    assert client.get("/da/citizen/").status_code == 302


def test_login_ignores_offsite_next(client: FlaskClient, citizen: User) -> None:
    response = client.post(
        "/da/login?next=https://evil.example/x",
        data={"email": citizen.email, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/da/citizen/"


def test_inactive_user_cannot_log_in(client: FlaskClient, citizen: User) -> None:
    citizen.is_active_account = False
    db.session.commit()
    response = client.post("/da/login", data={"email": citizen.email, "password": PASSWORD})
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("role", "allowed", "forbidden"),
    [
        (Role.CITIZEN, ["citizen"], ["caseworker", "employer", "admin"]),
        (Role.EMPLOYER, ["employer"], ["caseworker", "citizen", "admin"]),
        (Role.CASEWORKER, ["caseworker"], ["citizen", "employer", "admin"]),
        (Role.ADMIN, ["admin", "caseworker"], ["citizen", "employer"]),
    ],
)
def test_role_protected_blueprints(
    app: Flask, client: FlaskClient, role: Role, allowed: list[str], forbidden: list[str]
) -> None:
    login(client, create_test_user(role))
    for area in allowed:
        assert client.get(f"/da/{area}/").status_code == 200, area
    for area in forbidden:
        assert client.get(f"/da/{area}/").status_code == 403, area


def test_anonymous_is_sent_to_login(client: FlaskClient) -> None:
    response = client.get("/en/caseworker/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/en/login")


def test_change_password(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    bad = client.post(
        "/da/account",
        data={
            "pw-current_password": "not it",
            "pw-new_password": "helt ny kode 123",
            "pw-confirm": "helt ny kode 123",
            "pw-submit": "1",
        },
    )
    assert bad.status_code == 422
    ok = client.post(
        "/da/account",
        data={
            "pw-current_password": PASSWORD,
            "pw-new_password": "helt ny kode 123",
            "pw-confirm": "helt ny kode 123",
            "pw-submit": "1",
        },
    )
    assert ok.status_code == 302
    client.post("/da/logout")
    old = client.post("/da/login", data={"email": citizen.email, "password": PASSWORD})
    assert old.status_code == 422
    new = client.post("/da/login", data={"email": citizen.email, "password": "helt ny kode 123"})
    assert new.status_code == 302


def test_csrf_is_enforced_on_forms(tmp_path, citizen: User) -> None:  # type: ignore[no-untyped-def]
    from flask import current_app

    from tests.conftest import make_app

    protected = make_app(
        current_app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, WTF_CSRF_ENABLED=True
    )
    with protected.app_context():
        response = protected.test_client().post(
            "/da/login", data={"email": citizen.email, "password": PASSWORD}
        )
        assert response.status_code == 400
        assert "Siden var udløbet" in response.data.decode()
        assert protected.test_client().get("/da/citizen/").status_code == 302


def test_create_user_cli_makes_caseworker(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "jobvej", "create-user", "--email", "cw@kommune.dk", "--role", "caseworker",
            "--team", "benefits", "--password", "sagsbehandler-kode",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User).where(User.email == "cw@kommune.dk")).one()
    assert user.role is Role.CASEWORKER and user.team == "benefits"
    again = runner.invoke(
        args=[
            "jobvej",
            "create-user",
            "--email",
            "cw@kommune.dk",
            "--role",
            "admin",
            "--password",
            "x" * 12,
        ]
    )
    assert again.exit_code != 0 and "taken" in again.output


def test_seed_demo_is_idempotent_and_logins_work(app: Flask, client: FlaskClient) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["jobvej", "seed-demo"])
    second = runner.invoke(args=["jobvej", "seed-demo"])
    assert first.exit_code == second.exit_code == 0
    assert "borger@demo.jobvej.dk" in first.output
    assert db.session.scalars(select(User)).all().__len__() >= 4
    from portal.cli import DEMO_PASSWORD

    response = client.post(
        "/da/login", data={"email": "borger@demo.jobvej.dk", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
