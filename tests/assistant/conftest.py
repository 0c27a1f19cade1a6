"""Fixtures for the assistant tests: a fake Rasa server that really listens on 127.0.0.1,
and the portal served by a real HTTP server in a thread (so the fake action server can
call the portal's handoff API while the portal waits for Rasa)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
from flask import Flask
from werkzeug.serving import make_server

TOKEN = "test-assistant-token"  # tests/conftest.py configures the app with this token


@dataclass
class FakeRasa:
    """A stand-in for `rasa run --enable-api` + the action server, over real HTTP."""

    url: str = ""
    portal_url: str = ""
    webhook_calls: list[dict[str, Any]] = field(default_factory=list)
    parse_calls: list[dict[str, Any]] = field(default_factory=list)
    handoff_responses: list[requests.Response] = field(default_factory=list)
    # intent name per keyword for /model/parse; first match wins.
    intents: dict[str, tuple[str, float]] = field(default_factory=dict)
    reply: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None

    def parse(self, text: str) -> dict[str, Any]:
        for keyword, (intent, confidence) in self.intents.items():
            if keyword in text:
                return {"text": text, "intent": {"name": intent, "confidence": confidence}}
        return {"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.3}}

    def webhook(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        if self.reply is not None:
            return self.reply(payload)
        return [{"recipient_id": payload["sender"], "text": "echo: " + payload["message"]}]

    def hand_off(self, payload: dict[str, Any], **fields: Any) -> dict[str, Any]:
        """Do what the action server does: create a case through the portal's API."""
        body = {
            "session_id": payload["sender"],
            "language": payload["metadata"]["language"],
            "transcript": [{"sender": "user", "text": payload["message"], "timestamp": 1764000000}],
            **fields,
        }
        response = requests.post(
            self.portal_url + "/api/v1/handoff-cases",
            json=body,
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=5,
        )
        self.handoff_responses.append(response)
        return response.json()


def _handler(fake: FakeRasa) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def _send(self, data: Any, status: int = 200) -> None:
            body = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._send({"version": "fake"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            payload = json.loads(self.rfile.read(length) or b"{}")
            if self.path == "/webhooks/rest/webhook":
                fake.webhook_calls.append(payload)
                self._send(fake.webhook(payload))
            elif self.path == "/model/parse":
                fake.parse_calls.append(payload)
                self._send(fake.parse(payload["text"]))
            else:
                self._send({"error": "not found"}, 404)

    return Handler


@pytest.fixture
def live_portal(app: Flask) -> Iterator[str]:
    """The test app served over real HTTP on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def fake_rasa(app: Flask) -> Iterator[FakeRasa]:
    """A fake Rasa listening on 127.0.0.1; the app is pointed at it."""
    fake = FakeRasa()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_port}"
    previous = app.config["ASSISTANT_URL"]
    app.config["ASSISTANT_URL"] = fake.url
    try:
        yield fake
    finally:
        app.config["ASSISTANT_URL"] = previous
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (right now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
