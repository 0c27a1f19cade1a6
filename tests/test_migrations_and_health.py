"""Migrations from an empty database on SQLite and PostgreSQL; /healthz."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from flask_migrate import check, downgrade, upgrade
from sqlalchemy import inspect

from portal.extensions import db
from tests.conftest import (
    create_postgres_database,
    drop_postgres_database,
    make_app,
    service_missing,
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind (PostgreSQL: a fresh database of its own)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
        return
    if os.environ.get("JOBVEJ_SKIP_POSTGRES") == "1":
        service_missing("PostgreSQL skipped (JOBVEJ_SKIP_POSTGRES=1)")
    url = create_postgres_database("migrations")
    if url is None:
        service_missing("PostgreSQL not reachable")
    yield url
    drop_postgres_database(url)


def test_migrations_upgrade_from_empty_match_models_and_downgrade(
    empty_db_url: str, tmp_path: Path
) -> None:
    app = make_app(empty_db_url, tmp_path)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        check()  # raises if models and migrations differ ("flask db check")
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"Hello from Rasa: 3.6.21")

    def log_message(self, *args: object) -> None:
        pass


def test_healthz_reports_database_and_assistant(tmp_path: Path) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        up = make_app(
            f"sqlite:///{tmp_path / 'h.db'}", tmp_path, ASSISTANT_URL=url, ACTIONS_URL=url
        )
        data = up.test_client().get("/healthz").get_json()
        assert data["database"]["status"] == "ok"
        assert data["assistant"]["status"] == "ok" and data["action_server"]["status"] == "ok"
        assert data["status"] == "ok"
    finally:
        server.shutdown()
    down = make_app(f"sqlite:///{tmp_path / 'h.db'}", tmp_path)
    response = down.test_client().get("/healthz")
    data = response.get_json()
    assert response.status_code == 200
    assert data["assistant"]["status"] == "error" and data["status"] == "degraded"
    broken = make_app("sqlite:////nonexistent-dir/x.db", tmp_path)
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"]["status"] == "error"
