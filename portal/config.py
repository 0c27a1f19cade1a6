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
        "Base URL of the Rasa server the portal forwards chat messages to; several "
        "comma-separated URLs spread conversations over several Rasa servers that share a "
        "tracker store and a lock store (a conversation goes to the same server while it is "
        "up, to the next one when it is not).",
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
        "Chat API limit (messages, parse, leave a message) per person: the logged-in user, "
        "else the chat session, else the address.",
    ),
    Setting(
        "CHAT_ADDRESS_RATE_LIMIT",
        "JOBVEJ_CHAT_ADDRESS_RATE_LIMIT",
        "600/minute",
        "Chat API limit per IP address, sized for many honest people behind one address "
        "(asylum centre, library, municipal office).",
    ),
    Setting(
        "API_RATE_LIMIT",
        "JOBVEJ_API_RATE_LIMIT",
        "300/minute",
        "Limit per person for the other JSON APIs (calculators, topics, chat replies).",
    ),
    Setting(
        "API_ADDRESS_RATE_LIMIT",
        "JOBVEJ_API_ADDRESS_RATE_LIMIT",
        "3000/minute",
        "Limit per IP address for the other JSON APIs.",
    ),
    Setting(
        "MATCH_SEARCH_RATE_LIMIT",
        "JOBVEJ_MATCH_SEARCH_RATE_LIMIT",
        "120/hour",
        "Digital match: profile searches and profile views per employer account (against "
        "harvesting profiles).",
    ),
    Setting(
        "MATCH_REQUEST_RATE_LIMIT",
        "JOBVEJ_MATCH_REQUEST_RATE_LIMIT",
        "20/day",
        "Digital match: contact requests per employer account.",
    ),
    Setting(
        "MATCH_MESSAGE_RATE_LIMIT",
        "JOBVEJ_MATCH_MESSAGE_RATE_LIMIT",
        "60/hour",
        "Digital match: messages per account in employer-citizen threads.",
    ),
    Setting(
        "LOGIN_ADDRESS_RATE_LIMIT",
        "JOBVEJ_LOGIN_ADDRESS_RATE_LIMIT",
        "60/minute",
        "Login and registration attempts per IP address (each account also backs off "
        "exponentially after 5 wrong passwords).",
    ),
    Setting(
        "PROXY_COUNT",
        "JOBVEJ_PROXY_COUNT",
        0,
        "Number of trusted reverse proxies / load balancers in front of the portal; their "
        "X-Forwarded-For/-Proto headers are then used for the client's address (rate limits).",
        int,
    ),
    Setting(
        "TRANSCRIPT_RETENTION_DAYS",
        "JOBVEJ_TRANSCRIPT_RETENTION_DAYS",
        90,
        "Days chat transcripts are kept after the last message; `flask --app portal jobvej "
        "purge` deletes older ones (run it daily from cron).",
        int,
    ),
    Setting(
        "CASE_RETENTION_DAYS",
        "JOBVEJ_CASE_RETENTION_DAYS",
        365,
        "Days a closed handoff case (with its replies) is kept after it was closed; "
        "`jobvej purge` deletes it then.",
        int,
    ),
    Setting(
        "AUDIT_RETENTION_DAYS",
        "JOBVEJ_AUDIT_RETENTION_DAYS",
        1825,
        "Days an audit-log entry (who read a citizen's data) is kept while the account exists.",
        int,
    ),
    Setting(
        "AUDIT_RETENTION_AFTER_DELETION_DAYS",
        "JOBVEJ_AUDIT_RETENTION_AFTER_DELETION_DAYS",
        183,
        "Days the pseudonymised audit-log entries of a deleted account are kept (access logs "
        "must outlive the account for at least six months).",
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
        "PRODUCTION",
        "JOBVEJ_PRODUCTION",
        False,
        "Production mode: refuse to start without a strong JOBVEJ_SECRET_KEY, a JOBVEJ_"
        "DATABASE_URL (PostgreSQL) and JOBVEJ_ASSISTANT_API_TOKEN, or with demo mode on.",
        bool,
    ),
    Setting(
        "HEALTH_TOKEN",
        "JOBVEJ_HEALTH_TOKEN",
        "",
        "Bearer token that shows /healthz details (dependencies, errors) to monitoring; "
        "without it only requests from this machine see them, others get ok/degraded.",
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
        config["SECRET_KEY_FROM_INSTANCE"] = True
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


class ConfigurationError(RuntimeError):
    """The configuration is not safe to run with (production mode)."""


MIN_SECRET_KEY_LENGTH = 32
KNOWN_WEAK_SECRETS = frozenset(
    {"changeme", "change-me", "secret", "dev", "development", "test", "test-secret", "jobvej"}
)


def secret_key_problem(key: str) -> str | None:
    """Why a secret key is too weak for production, or None when it is strong enough."""
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"at least {MIN_SECRET_KEY_LENGTH} characters are needed"
    if key.lower() in KNOWN_WEAK_SECRETS or len(set(key)) < 10:
        return "it is a known or repetitive value"
    return None


def check_production(config: Mapping[str, Any]) -> None:
    """Refuse to start in production mode with settings that are only fit for a laptop."""
    if not config.get("PRODUCTION"):
        return
    problems = []
    if config.get("SECRET_KEY_FROM_INSTANCE"):
        problems.append("JOBVEJ_SECRET_KEY is not set (generate one: flask jobvej new-secret)")
    else:
        weak = secret_key_problem(str(config.get("SECRET_KEY") or ""))
        if weak:
            problems.append(f"JOBVEJ_SECRET_KEY is too weak: {weak}")
    if str(config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
        problems.append("JOBVEJ_DATABASE_URL must point to PostgreSQL, not SQLite")
    if not config.get("ASSISTANT_API_TOKEN"):
        problems.append("JOBVEJ_ASSISTANT_API_TOKEN is not set")
    if config.get("DEMO_MODE"):
        problems.append("JOBVEJ_DEMO_MODE must be off")
    if problems:
        raise ConfigurationError("Refusing to start in production mode: " + "; ".join(problems))
