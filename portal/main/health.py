"""Health of the portal's dependencies: database and assistant."""

from __future__ import annotations

from typing import Any

import requests
from sqlalchemy import text

from portal.extensions import db


def check_database() -> dict[str, Any]:
    """Run a trivial query; report ok or the error class."""
    try:
        db.session.execute(text("SELECT 1"))
        return {"status": "ok", "dialect": db.engine.dialect.name}
    except Exception as exc:  # any driver error means "down"
        db.session.rollback()
        return {"status": "error", "error": exc.__class__.__name__}


def check_http(url: str, timeout: float = 1.5) -> dict[str, Any]:
    """GET a URL on the assistant side; ok on HTTP 200."""
    try:
        response = requests.get(url, timeout=timeout)
    except requests.RequestException as exc:
        return {"status": "error", "error": exc.__class__.__name__, "url": url}
    if response.status_code != 200:
        return {"status": "error", "error": f"HTTP {response.status_code}", "url": url}
    return {"status": "ok", "url": url}


def health_report(assistant_url: str, actions_url: str) -> dict[str, Any]:
    """State of database, Rasa server and action server, and an overall status."""
    report = {
        "database": check_database(),
        "assistant": check_http(assistant_url.rstrip("/") + "/"),
        "action_server": check_http(actions_url.rstrip("/") + "/health"),
    }
    report["status"] = "ok" if all(r["status"] == "ok" for r in report.values()) else "degraded"
    return report
