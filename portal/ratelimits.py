"""Rate limits that protect the portal without locking out a shared address.

Every limited endpoint has two limits: one per client (the logged-in user, else the chat
session id the widget sends, else the address) sized for one honest person, and one per
address sized for the many honest people behind one asylum centre, library or municipal
office. Counters live where JOBVEJ_RATELIMIT_STORAGE_URL says (Redis in production, so all
workers share them). A refused request gets 429, `Retry-After` and, for the JSON API, a
message in the user's language.

If Redis is down, Flask-Limiter keeps counting in each worker's memory (limits stay, but
per worker) and the request is served: a broken counter store never takes the portal down.
"""

from __future__ import annotations

import math
import time
from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import force_locale, ngettext
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user

from portal.domain.assistant import is_valid_session_id
from portal.domain.languages import LANGUAGES


def address_key() -> str:
    """The client's address (the real one behind JOBVEJ_PROXY_COUNT trusted proxies)."""
    return f"ip:{request.remote_addr or 'unknown'}"


def client_key() -> str:
    """One person: the logged-in user, else the chat session in the request, else the address."""
    if current_user and current_user.is_authenticated:
        return f"user:{current_user.id}"
    session_id = _request_session_id()
    if session_id:
        return f"session:{session_id}"
    return address_key()


def _request_session_id() -> str | None:
    value: Any = request.args.get("session_id")
    if value is None and request.is_json:
        body = request.get_json(silent=True)
        value = body.get("session_id") if isinstance(body, dict) else None
    return value if is_valid_session_id(value) else None


def setting(name: str) -> Any:
    """A limit string read from the config at request time (tests and operators change it)."""

    def read() -> str:
        return str(current_app.config[name])

    read.__name__ = f"limit_{name.lower()}"
    return read


def _language() -> str:
    body = request.get_json(silent=True) if request.is_json else None
    candidate = body.get("language") if isinstance(body, dict) else None
    if isinstance(candidate, str) and candidate in LANGUAGES:
        return candidate
    from portal.i18n import select_locale

    return select_locale()


def _retry_after(error: RateLimitExceeded) -> int:
    """Seconds until the limit that was hit lets a request through again."""
    from portal.extensions import limiter

    current = limiter.current_limit
    if current is not None:
        return max(1, math.ceil(current.reset_at - time.time()))
    return max(1, int(error.limit.limit.get_expiry()))


def wait_message(seconds: int, language: str) -> str:
    """ "Too many requests, wait N seconds" in `language`."""
    with force_locale(language):
        return ngettext(
            "For mange forespørgsler på kort tid. Vent %(num)d sekund, og prøv igen.",
            "For mange forespørgsler på kort tid. Vent %(num)d sekunder, og prøv igen.",
            seconds,
        )


def too_many_requests(error: RateLimitExceeded) -> ResponseReturnValue:
    """429 with Retry-After; JSON with a translated message for the API, a page otherwise."""
    seconds = _retry_after(error)
    headers = {"Retry-After": str(seconds)}
    if request.path.startswith("/api/"):
        language = _language()
        body = {
            "error": "rate_limited",
            "status": 429,
            "retry_after": seconds,
            "message": wait_message(seconds, language),
            "language": language,
        }
        return jsonify(body), 429, headers
    return render_template("error.html", error=error, retry_after=seconds), 429, headers


def init_app(app: Flask) -> None:
    """Defaults for Flask-Limiter and the 429 handler."""
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "jobvej")
    app.register_error_handler(RateLimitExceeded, too_many_requests)
