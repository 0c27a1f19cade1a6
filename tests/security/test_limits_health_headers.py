"""Rate limits (per person and per address, shared through the real Redis), 429 answers,
/healthz for outsiders and insiders, no-store on personal pages, production start-up."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.config import ConfigurationError, check_production, secret_key_problem
from portal.models.user import User
from tests.conftest import login, make_app

CHAT = "/api/v1/assistant/messages"


def _limited_app(tmp_path: Path, storage: str, prefix: str = "jobvej", **extra: object) -> Flask:
    app = make_app(
        f"sqlite:///{tmp_path / 'limits.sqlite3'}",
        tmp_path,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=storage,
        RATELIMIT_KEY_PREFIX=prefix,
        CHAT_RATE_LIMIT="3/minute",
        CHAT_ADDRESS_RATE_LIMIT="8/minute",
        **extra,
    )
    with app.app_context():
        from portal.extensions import db, limiter

        db.create_all()
    # The limiter is one object per process (as in production); forget whether an earlier
    # test's storage was unreachable.
    limiter._storage_dead = False  # noqa: SLF001
    return app


def _chat(client: FlaskClient, session_id: str | None, addr: str = "10.1.1.1", lang: str = "da"):  # type: ignore[no-untyped-def]
    return client.post(
        CHAT,
        json={"text": "Hej", "language": lang, "session_id": session_id},
        environ_base={"REMOTE_ADDR": addr},
    )


def _check_person_and_address_limits(app: Flask, tag: str) -> None:
    """`tag` makes session ids and addresses unique to this test run: other test runs on the
    machine share the Redis (and Flask-Limiter keeps the first key prefix of a process)."""
    client = app.test_client()
    here, elsewhere = f"10.{int(tag[:2], 16)}.{int(tag[2:4], 16)}.1", f"10.{int(tag[:2], 16)}.9.2"

    def sid(name: str) -> str:
        return f"{name}-{tag}-sessionid"

    # One person (one chat session) is limited to 3 a minute…
    statuses = [_chat(client, sid("a"), here).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # …while others behind the same address go on: a shared address is not blocked…
    assert _chat(client, sid("b"), here).status_code == 200
    assert _chat(client, sid("c"), here).status_code == 200
    # …until the address as a whole reaches its (larger) limit.
    results = [_chat(client, sid(f"d{i}"), here).status_code for i in range(6)]
    assert 429 in results and results.count(200) == 2
    # Another address is not affected at all.
    assert _chat(client, sid("e"), elsewhere).status_code == 200


def test_limits_are_per_person_and_per_address_in_memory(tmp_path: Path) -> None:
    _check_person_and_address_limits(_limited_app(tmp_path, "memory://"), uuid.uuid4().hex)


def test_limits_are_shared_between_workers_through_redis(
    tmp_path: Path, redis_prefix: tuple[str, str]
) -> None:
    url, prefix = redis_prefix
    tag = prefix.rsplit("-", 1)[1]
    worker_a = _limited_app(tmp_path / "a", url, prefix)
    worker_b = _limited_app(tmp_path / "b", url, prefix)
    _check_person_and_address_limits(worker_a, tag)
    # The second worker (another process in production) sees the same counters.
    assert _chat(worker_b.test_client(), f"a-{tag}-sessionid").status_code == 429
    keys = list(redis.Redis.from_url(url).scan_iter(match=f"*{tag}*"))
    assert keys, "the counters are not in Redis"


def test_redis_down_keeps_the_portal_serving(tmp_path: Path) -> None:
    """Documented behaviour: with the counter store unreachable, requests are served and
    limits fall back to each worker's memory (still enforced, per worker)."""
    app = _limited_app(tmp_path, "redis://127.0.0.1:9/0")
    client = app.test_client()
    sid = f"f-{uuid.uuid4().hex}"
    statuses = [_chat(client, sid).status_code for _ in range(4)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429
    assert client.get("/da/help/").status_code == 200


def test_429_carries_retry_after_and_a_message_in_the_users_language(tmp_path: Path) -> None:
    app = _limited_app(tmp_path, "memory://")
    client = app.test_client()
    sid = f"g-{uuid.uuid4().hex}"
    for _ in range(3):
        _chat(client, sid, lang="ar")
    refused = _chat(client, sid, lang="ar")
    assert refused.status_code == 429
    seconds = int(refused.headers["Retry-After"])
    assert 1 <= seconds <= 61
    body = refused.get_json()
    assert body["error"] == "rate_limited" and body["retry_after"] == seconds
    assert body["language"] == "ar"
    assert str(seconds) in body["message"]
    assert "Vent" not in body["message"]  # Arabic, not the Danish source text
    assert any("\u0600" <= ch <= "\u06ff" for ch in body["message"])


def test_login_page_429_has_retry_after(tmp_path: Path) -> None:
    app = _limited_app(tmp_path, "memory://", LOGIN_ADDRESS_RATE_LIMIT="2/minute")
    client = app.test_client()
    for _ in range(2):
        client.post("/da/login", data={"email": "a@b.dk", "password": "x"})
    refused = client.post("/da/login", data={"email": "a@b.dk", "password": "x"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "For mange forsøg" in refused.text


def test_healthz_tells_outsiders_only_ok_or_degraded(app: Flask) -> None:
    app.config["HEALTH_TOKEN"] = "monitoring-token-123"
    client = app.test_client()
    outsider = client.get("/healthz", environ_base={"REMOTE_ADDR": "203.0.113.9"}).get_json()
    assert outsider == {"status": "degraded"}  # the test assistant is down
    proxied = client.get("/healthz", headers={"X-Forwarded-For": "203.0.113.9"}).get_json()
    assert proxied == {"status": "degraded"}
    wrong = client.get(
        "/healthz",
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
        headers={"Authorization": "Bearer nope"},
    ).get_json()
    assert set(wrong) == {"status"}
    monitoring = client.get(
        "/healthz",
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
        headers={"Authorization": "Bearer monitoring-token-123"},
    ).get_json()
    assert monitoring["database"]["status"] == "ok" and "url" in monitoring["assistant"]
    local = client.get("/healthz").get_json()  # the test client comes from 127.0.0.1
    assert local["assistant"]["status"] == "error"


PERSONAL_PAGES = [
    "/da/citizen/",
    "/da/journal/",
    "/da/meetings/",
    "/da/progress/",
    "/da/privacy/",
    "/da/privacy/export.json",
    "/da/privacy/access-log",
    "/da/inbox/",
    "/da/account",
    "/da/help/",  # a public page, but seen while logged in (name in the header)
]


def test_personal_pages_are_not_stored_by_caches(
    app: Flask, client: FlaskClient, citizen: User
) -> None:
    login(client, citizen)
    for url in PERSONAL_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers.get("Cache-Control") == "no-store", url
    chat = client.post(CHAT, json={"text": "Hej", "language": "da"})
    assert chat.headers.get("Cache-Control") == "no-store"


def test_public_pages_and_static_files_stay_cacheable(app: Flask) -> None:
    client = app.test_client()
    assert "no-store" not in client.get("/da/help/").headers.get("Cache-Control", "")
    assert "no-store" not in client.get("/static/js/chat.js").headers.get("Cache-Control", "")


STRONG = "f3b1c2d4e5a6978877665544332211aabbccddeeff00112233445566778899aa"


@pytest.mark.parametrize("key", ["", "secret", "short-key-123", "a" * 64, "changeme" * 8])
def test_production_refuses_weak_or_missing_secret_keys(tmp_path: Path, key: str) -> None:
    environment = {
        "PRODUCTION": True,
        "SECRET_KEY": key,
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1/x",
        "ASSISTANT_API_TOKEN": "token",
        "INSTANCE_PATH": str(tmp_path),
    }
    if key == "":
        environment["SECRET_KEY_FROM_INSTANCE"] = True
    with pytest.raises(ConfigurationError, match="JOBVEJ_SECRET_KEY"):
        create_app(environment)


def test_production_starts_with_a_strong_key_and_refuses_sqlite_and_demo() -> None:
    base = {
        "PRODUCTION": True,
        "SECRET_KEY": STRONG,
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1/x",
        "ASSISTANT_API_TOKEN": "token",
        "DEMO_MODE": False,
    }
    check_production(base)
    assert secret_key_problem(STRONG) is None
    with pytest.raises(ConfigurationError, match="SQLite"):
        check_production({**base, "SQLALCHEMY_DATABASE_URI": "sqlite:///x"})
    with pytest.raises(ConfigurationError, match="DEMO_MODE"):
        check_production({**base, "DEMO_MODE": True})
    with pytest.raises(ConfigurationError, match="ASSISTANT_API_TOKEN"):
        check_production({**base, "ASSISTANT_API_TOKEN": ""})
    check_production({**base, "PRODUCTION": False, "SECRET_KEY": "x"})  # laptop: allowed
