"""The app factory and configuration from environment variables."""

from __future__ import annotations

from pathlib import Path

from portal import create_app
from portal.config import SETTINGS, load_config


def test_defaults_use_sqlite_in_instance_folder(tmp_path: Path) -> None:
    config = load_config({}, instance_path=tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'jobvej.sqlite3'}"
    assert config["DEMO_MODE"] is False
    assert config["ASSISTANT_URL"] == "http://127.0.0.1:5005"


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = load_config({}, instance_path=tmp_path)["SECRET_KEY"]
    second = load_config({}, instance_path=tmp_path)["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_environment_overrides_defaults(tmp_path: Path) -> None:
    env = {
        "JOBVEJ_DATABASE_URL": "postgresql+psycopg://u@db/jobvej",
        "JOBVEJ_SECRET_KEY": "s3cret",
        "JOBVEJ_DEMO_MODE": "yes",
        "JOBVEJ_ASSISTANT_URL": "http://rasa:5005",
    }
    config = load_config(env, instance_path=tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/jobvej"
    assert config["SECRET_KEY"] == "s3cret"
    assert config["DEMO_MODE"] is True
    assert config["ASSISTANT_URL"] == "http://rasa:5005"
    assert not (tmp_path / "secret_key").exists()


def test_every_setting_is_documented_in_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    missing = [s.env for s in SETTINGS if s.env not in readme]
    assert missing == []


def test_create_app_applies_overrides(tmp_path: Path) -> None:
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": "sqlite://", "INSTANCE_PATH": str(tmp_path), "TESTING": True}
    )
    assert app.config["TESTING"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"
    assert {"auth", "help", "citizen", "caseworker", "employer", "admin"} <= set(app.blueprints)


def test_domain_package_imports_without_flask() -> None:
    import subprocess
    import sys

    code = (
        "import importlib, pkgutil, sys, portal.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'portal.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "web = ('flask', 'flask_sqlalchemy', 'sqlalchemy', 'werkzeug')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in web]\n"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_send_security_headers(tmp_path: Path) -> None:
    from tests.conftest import make_app

    app = make_app(f"sqlite:///{tmp_path / 'h.db'}", tmp_path)
    response = app.test_client().get("/da/help/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
