"""Shared fixtures: a real HTTP server standing in for the portal API.

Run with the bot venv: ``scripts/bot.sh unit`` (or
``bot/.venv/bin/python -m pytest bot/tests/unit``).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

BOT_DIR = Path(__file__).resolve().parents[2]
if str(BOT_DIR) not in sys.path:
    sys.path.insert(0, str(BOT_DIR))


@dataclass
class CannedResponse:
    """What the fake portal answers for one path."""

    status: int = 200
    body: Any = None  # dict/list -> JSON; str/bytes -> sent as is
    delay: float = 0.0
    content_type: str = "application/json"


@dataclass
class FakePortal:
    """Routes, recorded requests and base URL of the running fake portal."""

    base_url: str
    routes: dict[str, CannedResponse] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, list[str]], dict[str, str]]] = field(default_factory=list)
    #: POSTed JSON bodies (path, body, headers), in order.
    posts: list[tuple[str, Any, dict[str, str]]] = field(default_factory=list)

    def answer(self, path: str, **kwargs: Any) -> None:
        """Register the canned response for ``path``."""
        self.routes[path] = CannedResponse(**kwargs)

    def topic(
        self,
        topic_id: str,
        language: str = "da",
        *,
        served: str | None = None,
        fallback_language: str | None = None,
        handoff: bool = False,
        url: str | None = None,
    ) -> dict[str, Any]:
        """Register and return a well-formed topic answer."""
        body = {
            "topic_id": topic_id,
            "language": served or language,
            "title": f"Title of {topic_id} ({served or language})",
            "short_answer": f"Short answer of {topic_id} in {served or language}.",
            "url": url or f"/{served or language}/topics/{topic_id}",
            "fallback_language": fallback_language,
            "handoff": handoff,
        }
        self.answer(f"/api/v1/topics/{topic_id}", body=body)
        return body

    def handoff_created(
        self, case_id: int = 41, reply_expected: str = "Ydelsesteamet svarer dig."
    ) -> dict[str, Any]:
        """Register a 201 answer of the handoff API (as portal/assistant/api.py)."""
        body = {
            "case_id": case_id,
            "session_id": "from-request",
            "team": {"id": "benefits", "name": "Ydelsesteamet"},
            "reply_expected": reply_expected,
        }
        self.answer("/api/v1/handoff-cases", status=201, body=body)
        return body


@pytest.fixture
def fake_portal() -> Iterator[FakePortal]:
    """Start a threaded HTTP server on a free port; stop it after the test."""
    portal: FakePortal

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            parts = urlsplit(self.path)
            portal.requests.append((parts.path, parse_qs(parts.query), dict(self.headers.items())))
            self._reply(portal.routes.get(parts.path, CannedResponse(404, {"error": "not found"})))

        def do_POST(self) -> None:  # noqa: N802 (http.server API)
            length = int(self.headers.get("Content-Length") or 0)
            raw_body = self.rfile.read(length)
            try:
                parsed: Any = json.loads(raw_body or b"null")
            except ValueError:
                parsed = raw_body
            path = urlsplit(self.path).path
            portal.posts.append((path, parsed, dict(self.headers.items())))
            self._reply(portal.routes.get(path, CannedResponse(404, {"error": "not found"})))

        def _reply(self, canned: CannedResponse) -> None:
            if canned.delay:
                time.sleep(canned.delay)
            body = canned.body
            if isinstance(body, (dict, list)):
                raw = json.dumps(body).encode()
            elif isinstance(body, str):
                raw = body.encode()
            else:
                raw = body or b""
            try:
                self.send_response(canned.status)
                self.send_header("Content-Type", canned.content_type)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
            except (BrokenPipeError, ConnectionResetError):
                pass  # client gave up (timeout tests)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    portal = FakePortal(base_url=f"http://{host}:{port}")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield portal
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """URL of a local port nobody listens on (connection refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
