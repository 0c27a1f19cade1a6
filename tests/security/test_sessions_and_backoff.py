"""Sessions end on the server (logout, password change) and accounts back off
exponentially after wrong passwords, with a clear message and Retry-After."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.auth import service
from portal.models.user import Role, User, utcnow
from tests.conftest import PASSWORD, create_test_user, login


def _copy_session(source: FlaskClient, target: FlaskClient) -> None:
    cookie = source.get_cookie("session")
    assert cookie is not None
    target.set_cookie("session", cookie.value)


def test_old_session_cookie_stops_working_after_logout(app: Flask, citizen: User) -> None:
    browser, thief = app.test_client(), app.test_client()
    login(browser, citizen)
    _copy_session(browser, thief)
    assert thief.get("/da/citizen/").status_code == 200  # the copy works while logged in
    browser.post("/da/logout")
    assert browser.get("/da/citizen/").status_code == 302
    response = thief.get("/da/citizen/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_password_change_ends_other_sessions_but_not_this_one(app: Flask, citizen: User) -> None:
    here, elsewhere = app.test_client(), app.test_client()
    login(here, citizen)
    login(elsewhere, citizen)
    changed = here.post(
        "/da/account",
        data={
            "pw-current_password": PASSWORD,
            "pw-new_password": "a whole new passphrase",
            "pw-confirm": "a whole new passphrase",
            "pw-submit": "1",
        },
    )
    assert changed.status_code == 302, changed.text[:300]
    assert here.get("/da/citizen/").status_code == 200
    assert elsewhere.get("/da/citizen/").status_code == 302


def test_a_forged_session_token_without_generation_is_refused(app: Flask, citizen: User) -> None:
    assert service.load_session_user(str(citizen.id)) is None
    assert service.load_session_user(f"{citizen.id}:{citizen.session_generation}") == citizen
    assert service.load_session_user(f"{citizen.id}:{citizen.session_generation + 1}") is None
    assert service.load_session_user(f"{2**70}:0") is None
    assert service.load_session_user("abc:0") is None


def test_backoff_is_exponential_and_capped() -> None:
    delays = [service.backoff_delay(n) for n in range(0, 20)]
    assert delays[: service.FREE_ATTEMPTS] == [timedelta(0)] * service.FREE_ATTEMPTS
    assert delays[service.FREE_ATTEMPTS] == service.BACKOFF_BASE
    assert delays[service.FREE_ATTEMPTS + 1] == 2 * service.BACKOFF_BASE
    assert delays[service.FREE_ATTEMPTS + 2] == 4 * service.BACKOFF_BASE
    assert max(delays) == service.BACKOFF_MAX


def _wrong(client: FlaskClient, user: User, lang: str = "da"):  # type: ignore[no-untyped-def]
    return client.post(f"/{lang}/login", data={"email": user.email, "password": "wrong guess!"})


def test_login_backs_off_per_account_with_message_and_retry_after(
    app: Flask, client: FlaskClient, citizen: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = utcnow()
    clock = {"now": start}
    monkeypatch.setattr(service, "utcnow", lambda: clock["now"])
    for _ in range(service.FREE_ATTEMPTS - 1):
        assert _wrong(client, citizen).status_code == 422
    blocked = _wrong(client, citizen)  # the 5th wrong password starts the backoff
    assert blocked.status_code == 429
    assert blocked.headers["Retry-After"] == "30"
    assert "Vent 30 sekunder" in blocked.text
    # While the account waits, even the right password is not checked.
    right = client.post("/da/login", data={"email": citizen.email, "password": PASSWORD})
    assert right.status_code == 429
    # Another address does not help: the backoff belongs to the account.
    other = app.test_client()
    assert (
        other.post(
            "/da/login",
            data={"email": citizen.email, "password": PASSWORD},
            environ_base={"REMOTE_ADDR": "10.9.8.7"},
        ).status_code
        == 429
    )
    clock["now"] = start + timedelta(seconds=31)
    doubled = _wrong(client, citizen)
    assert doubled.status_code == 429 and doubled.headers["Retry-After"] == "60"
    clock["now"] = start + timedelta(seconds=31 + 61)
    ok = client.post("/da/login", data={"email": citizen.email, "password": PASSWORD})
    assert ok.status_code == 302
    assert citizen.failed_logins == 0 and citizen.login_blocked_until is None


def test_backoff_message_is_in_the_users_language(
    client: FlaskClient, citizen: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = utcnow()
    monkeypatch.setattr(service, "utcnow", lambda: now)
    for _ in range(service.FREE_ATTEMPTS + 3):
        response = _wrong(client, citizen, "en")
    assert response.status_code == 429
    assert "Too many wrong attempts" in response.text
    assert "Vent" not in response.text


def test_other_accounts_are_not_slowed_down(app: Flask, client: FlaskClient) -> None:
    victim = create_test_user(Role.CITIZEN)
    bystander = create_test_user(Role.CITIZEN)
    for _ in range(service.FREE_ATTEMPTS + 1):
        _wrong(client, victim)
    login(app.test_client(), bystander)
