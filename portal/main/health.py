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
    """State of database, Rasa server(s) and action server, and an overall status. With
    several Rasa servers (comma-separated URLs) each is reported; the assistant is ok
    while at least one of them answers."""
    from concurrent.futures import ThreadPoolExecutor

    servers = [u.strip() for u in assistant_url.split(",") if u.strip()]
    # All HTTP checks at once: a slow server costs its timeout once, not once per server.
    with ThreadPoolExecutor(max_workers=len(servers) + 1) as pool:
        pending = [pool.submit(check_http, url.rstrip("/") + "/") for url in servers]
        actions = pool.submit(check_http, actions_url.rstrip("/") + "/health")
        checks = [future.result() for future in pending]
    assistant: dict[str, Any] = (
        dict(checks[0])
        if len(checks) == 1
        else {
            "status": "ok" if any(c["status"] == "ok" for c in checks) else "error",
            "servers": checks,
        }
    )
    report: dict[str, Any] = {
        "database": check_database(),
        "assistant": assistant,
        "action_server": actions.result(),
    }
    degraded = any(r["status"] != "ok" for r in report.values()) or any(
        c["status"] != "ok" for c in checks
    )
    report["status"] = "degraded" if degraded else "ok"
    return report


def may_see_details(remote_addr: str | None, headers: Any, token: str) -> bool:
    """Health details name internal URLs and error classes: only for monitoring that shows
    the health token, or for a request made on this machine and not forwarded by a proxy."""
    import hmac
    import ipaddress

    authorization = str(headers.get("Authorization", ""))
    scheme, _, given = authorization.partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token):
        return True
    if headers.get("X-Forwarded-For") or headers.get("Forwarded"):
        return False
    try:
        return ipaddress.ip_address(remote_addr or "").is_loopback
    except ValueError:
        return False
