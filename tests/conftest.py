"""Shared fixtures: the app on SQLite and (when reachable) on PostgreSQL, clients, users."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.extensions import db
from portal.models.user import Role, User

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PASSWORD = "correct horse battery"
PG_ADMIN_URL = os.environ.get(
    "JOBVEJ_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


REDIS_TEST_URL = os.environ.get("JOBVEJ_TEST_REDIS_URL", "redis://127.0.0.1:6379")
# Set by scripts/test.sh (and so by CI): a missing PostgreSQL, Redis or Chromium fails the
# run instead of skipping the tests that need it.
REQUIRE_SERVICES = os.environ.get("JOBVEJ_REQUIRE_SERVICES") == "1"


def service_missing(reason: str) -> None:
    """Skip a test whose service is absent, or fail it when services are required (CI)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (JOBVEJ_REQUIRE_SERVICES=1: CI needs it)", pytrace=False)
    pytest.skip(reason)


def _admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    plain = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    return psycopg.connect(plain, autocommit=True, connect_timeout=2)


def _cannot_connect(error: Exception) -> bool:
    """True only for "the server is not there" (refused, unreachable, timed out), not for
    a wrong user, password or database name, which are configuration errors to report."""
    text = str(error).lower()
    return any(
        marker in text
        for marker in ("connection refused", "could not connect", "timeout expired", "no route")
    ) and not any(marker in text for marker in ("authentication", "does not exist", "role "))


def create_postgres_database(label: str) -> str | None:
    """Create a fresh, uniquely named database; its URL, or None if PostgreSQL is not
    running. Any other error (wrong URL, credentials, permissions) is raised."""
    import psycopg

    name = f"jobvej_test_{re.sub(r'[^a-z0-9]', '', label.lower())}_{os.getpid()}"
    try:
        conn = _admin_connection()
    except psycopg.OperationalError as error:
        if _cannot_connect(error):
            return None
        raise
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(url: str) -> None:
    """Drop a database made by create_postgres_database."""
    name = url.rsplit("/", 1)[1]
    with _admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str | None]:
    """One PostgreSQL database per test process (schema made once, emptied after each test)."""
    if os.environ.get("JOBVEJ_SKIP_POSTGRES") == "1":
        yield None
        return
    url = create_postgres_database(worker_id)
    yield url
    if url:
        drop_postgres_database(url)


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


class FreshContextClient(FlaskClient):
    """A test client whose every request gets its own app context (fresh `g`, own DB session),
    as in production, even while a test holds an app context open around it."""

    def open(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def,override]
        with self.application.app_context():
            return super().open(*args, **kwargs)  # type: ignore[arg-type]


def make_app(database_url: str, tmp_path: Path, **overrides: object) -> Flask:
    """A portal app for tests: CSRF off unless asked, rate limits off, tables created."""
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "ASSISTANT_URL": "http://127.0.0.1:9",  # nothing listens: assistant reported down
        "ACTIONS_URL": "http://127.0.0.1:9",
        "ASSISTANT_API_TOKEN": "test-assistant-token",
    }
    config.update(overrides)
    application = create_app(config)
    application.test_client_class = FreshContextClient
    return application


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file with the schema, copied for each test (faster than creating tables)."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    template_app = make_app(f"sqlite:///{path}", folder)
    with template_app.app_context():
        db.create_all()
        db.engine.dispose()
    return path


_POSTGRES_SCHEMA_READY: set[str] = set()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def app(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_url: str | None,
    sqlite_template: Path,
) -> Iterator[Flask]:
    """The portal with an empty schema, once on SQLite and once on PostgreSQL; every test
    starts from empty tables."""
    import shutil

    on_postgres = request.param == "postgres"
    if on_postgres:
        if postgres_url is None:
            service_missing(f"PostgreSQL not reachable at {PG_ADMIN_URL}")
        url = postgres_url
    else:
        target = tmp_path / "test.sqlite3"
        shutil.copyfile(sqlite_template, target)
        url = f"sqlite:///{target}"
    application = make_app(url, tmp_path)
    with application.app_context():
        if on_postgres and url not in _POSTGRES_SCHEMA_READY:
            db.drop_all()
            db.create_all()
            _POSTGRES_SCHEMA_READY.add(url)
        yield application
        db.session.remove()
        if on_postgres:
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def create_test_user(role: Role = Role.CITIZEN, email: str | None = None, **extra: object) -> User:
    """Insert a user with the test password."""
    from portal.auth.service import create_user

    email = email or f"{role.value}-{uuid.uuid4().hex[:8]}@example.dk"
    return create_user(email, PASSWORD, role, display_name=f"Test {role.value}", **extra)  # type: ignore[arg-type]


def login(client: FlaskClient, user: User, lang: str = "da") -> None:
    """Log a user in through the real login form."""
    response = client.post(f"/{lang}/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.data[:500]


@pytest.fixture
def citizen(app: Flask) -> User:
    return create_test_user(Role.CITIZEN)


@pytest.fixture
def caseworker(app: Flask) -> User:
    return create_test_user(Role.CASEWORKER, team="general")


@pytest.fixture
def employer(app: Flask) -> User:
    return create_test_user(Role.EMPLOYER, organisation="Test ApS")


@pytest.fixture
def admin(app: Flask) -> User:
    return create_test_user(Role.ADMIN)


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def serving(application: Flask) -> Iterator[str]:
    """Serve `application` on a free 127.0.0.1 port in a thread (tables created); yield its URL."""
    import threading

    from werkzeug.serving import make_server

    with application.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real portal server with its own SQLite database and demo users. CSRF stays on, as in
    production."""
    from portal.cli import seed_demo

    tmp = tmp_path_factory.mktemp("live")
    application = make_app(f"sqlite:///{tmp / 'live.sqlite3'}", tmp, WTF_CSRF_ENABLED=True)
    with application.app_context():
        db.create_all()
        seed_demo()
    with serving(application) as url:
        yield url


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright (no browser download)."""
    try:
        from playwright import sync_api as playwright_api
    except ImportError:
        service_missing("Playwright is not installed (scripts/setup.sh --with-browser)")
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        service_missing("Debian chromium is not installed (scripts/setup.sh --with-browser)")
    with playwright_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, headless=True, args=BROWSER_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def redis_prefix() -> Iterator[tuple[str, str]]:
    """(URL of the Redis on this machine, a key prefix of this test's own). Keys with the
    prefix are deleted afterwards; nothing else in Redis is touched (never FLUSHALL)."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        service_missing(f"Redis not reachable at {REDIS_TEST_URL}")
    tag = uuid.uuid4().hex[:12]
    prefix = f"jobvej-test-{tag}"
    yield REDIS_TEST_URL, prefix
    # Keys carry the prefix, or the tag where a test puts it in its own keys.
    for key in client.scan_iter(match=f"*{tag}*", count=500):
        client.delete(key)
    client.close()
