"""Configuration from environment variables.

Every setting Jobvej reads is listed in `SETTINGS` with its environment variable,
default and meaning; the README table is generated from the same list
(`flask --app portal jobvej config-doc`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = REPO_ROOT / "instance"


@dataclass(frozen=True)
class Setting:
    """One configuration value: Flask config key, environment variable, default, description."""

    key: str
    env: str
    default: Any
    help: str
    kind: type = str


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SQLALCHEMY_DATABASE_URI",
        "JOBVEJ_DATABASE_URL",
        None,
        "Database URL. Default: an SQLite file instance/jobvej.sqlite3. "
        "A PostgreSQL URL (postgresql+psycopg://user@host/db) works unchanged.",
    ),
    Setting(
        "SECRET_KEY",
        "JOBVEJ_SECRET_KEY",
        None,
        "Key that signs sessions and CSRF tokens. Default: a random key kept in "
        "instance/secret_key (set it explicitly in production).",
    ),
    Setting(
        "ASSISTANT_URL",
        "JOBVEJ_ASSISTANT_URL",
        "http://127.0.0.1:5005",
        "Base URL of the Rasa server the portal forwards chat messages to.",
    ),
    Setting(
        "ACTIONS_URL",
        "JOBVEJ_ACTIONS_URL",
        "http://127.0.0.1:5055",
        "Base URL of the Rasa action server (checked by /healthz).",
    ),
    Setting(
        "ASSISTANT_API_TOKEN",
        "JOBVEJ_ASSISTANT_API_TOKEN",
        "",
        "Shared secret the assistant's action server sends when it creates handoff cases.",
    ),
    Setting(
        "ASSISTANT_WEBHOOK_PATH",
        "JOBVEJ_ASSISTANT_WEBHOOK_PATH",
        "/webhooks/rest/webhook",
        "Path of the Rasa channel webhook the portal posts chat messages to.",
    ),
    Setting(
        "ASSISTANT_TIMEOUT_SECONDS",
        "JOBVEJ_ASSISTANT_TIMEOUT_SECONDS",
        5.0,
        "Seconds to wait for the assistant before telling the user it is unavailable.",
        float,
    ),
    Setting(
        "CHAT_RATE_LIMIT",
        "JOBVEJ_CHAT_RATE_LIMIT",
        "30/minute",
        "Flask-Limiter limit per IP address for the chat API (messages, parse, leave a message).",
    ),
    Setting(
        "TRANSCRIPT_RETENTION_DAYS",
        "JOBVEJ_TRANSCRIPT_RETENTION_DAYS",
        90,
        "Days chat transcripts are kept; `flask --app portal jobvej purge-transcripts` "
        "deletes older ones (run it daily).",
        int,
    ),
    Setting(
        "DEMO_MODE",
        "JOBVEJ_DEMO_MODE",
        False,
        "Seed demo users (citizen, caseworker, employer, admin) and print their logins. "
        "On by default in the run command; never in production.",
        bool,
    ),
    Setting(
        "CONTENT_DIR",
        "JOBVEJ_CONTENT_DIR",
        str(REPO_ROOT / "content"),
        "Folder with the content library (topics, rates, routing).",
    ),
    Setting(
        "RATELIMIT_STORAGE_URI",
        "JOBVEJ_RATELIMIT_STORAGE_URL",
        "memory://",
        "Where Flask-Limiter keeps counters, e.g. redis://127.0.0.1:6379/0 with several workers.",
    ),
    Setting(
        "SESSION_COOKIE_SECURE",
        "JOBVEJ_SECURE_COOKIES",
        False,
        "Send cookies only over HTTPS (turn on behind TLS).",
        bool,
    ),
)


def _secret_key(instance: Path) -> str:
    """Return the development secret key stored in the instance folder, creating it once."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_config(
    environ: Mapping[str, str] | None = None, instance_path: Path | None = None
) -> dict[str, Any]:
    """Build the Flask configuration from environment variables and defaults."""
    env = os.environ if environ is None else environ
    instance = instance_path or DEFAULT_INSTANCE
    config: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.env)
        if raw is None or raw == "":
            value = setting.default
        elif setting.kind is bool:
            value = _bool(raw)
        elif setting.kind in (int, float):
            value = setting.kind(raw)
        else:
            value = raw
        config[setting.key] = value
    if not config["SQLALCHEMY_DATABASE_URI"]:
        instance.mkdir(parents=True, exist_ok=True)
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'jobvej.sqlite3'}"
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _secret_key(instance)
    config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        BABEL_DEFAULT_LOCALE="da",
        BABEL_TRANSLATION_DIRECTORIES=str(REPO_ROOT / "translations"),
        WTF_CSRF_TIME_LIMIT=None,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )
    return config
