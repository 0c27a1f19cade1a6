"""HTTP client for the Rasa server (the portal never imports Rasa).

Chat: `POST {ASSISTANT_URL}{ASSISTANT_WEBHOOK_PATH}` (Rasa's REST channel) with
{"sender", "message", "metadata": {"language", "user_id"}} → a list of
{"recipient_id", "text"?, "buttons"?, "custom"?}. Parse: `POST {ASSISTANT_URL}/model/parse`
(Rasa's HTTP API, `--enable-api`). Any connection error, timeout (ASSISTANT_TIMEOUT_SECONDS)
or non-2xx answer raises AssistantUnavailable.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import requests

from portal.domain.chat_calculation import PORTAL_RENDERED_KEYS

_local = threading.local()


class AssistantUnavailable(Exception):
    """Rasa (or its action server) did not answer usefully."""


@dataclass(frozen=True)
class BotMessage:
    """One message from the bot, reduced to what the widget shows."""

    text: str
    buttons: list[dict[str, str]]
    link: str | None
    custom: dict[str, Any]
    link_text: str | None = None


@dataclass(frozen=True)
class ParseResult:
    """Rasa's NLU result for one text."""

    intent: str | None
    confidence: float


def _session() -> requests.Session:
    session: requests.Session | None = getattr(_local, "session", None)
    if session is None:
        session = requests.Session()
        _local.session = session
    return session


def _post(url: str, payload: dict[str, Any], timeout: float) -> Any:
    try:
        response = _session().post(url, json=payload, timeout=timeout)
    except requests.RequestException as exc:
        raise AssistantUnavailable(exc.__class__.__name__) from None
    if response.status_code >= 300:
        raise AssistantUnavailable(f"HTTP {response.status_code}")
    try:
        return response.json()
    except ValueError:
        raise AssistantUnavailable("invalid JSON") from None


def _safe_link(value: Any) -> str | None:
    """Only same-site paths and http(s) URLs may become links in the widget."""
    if not isinstance(value, str):
        return None
    if value.startswith("/") and not value.startswith("//"):
        return value
    if value.startswith(("https://", "http://")):
        return value
    return None


def to_bot_message(item: Any) -> BotMessage | None:
    """Reduce one Rasa REST response item; None when it carries nothing to show."""
    if not isinstance(item, dict):
        return None
    raw_text = item.get("text")
    text = raw_text if isinstance(raw_text, str) else ""
    buttons = []
    for button in item.get("buttons") or []:
        if isinstance(button, dict) and isinstance(button.get("title"), str):
            payload = button.get("payload")
            buttons.append(
                {
                    "title": button["title"],
                    "payload": payload if isinstance(payload, str) else button["title"],
                }
            )
    raw_custom = item.get("custom")
    custom: dict[str, Any] = raw_custom if isinstance(raw_custom, dict) else {}
    link = _safe_link(custom.get("link") or custom.get("url"))
    # Payloads the portal turns into text itself: calculations, handoff requests, topics.
    portal_rendered = any(
        key in custom for key in (*PORTAL_RENDERED_KEYS, "handoff_request", "topic_answer")
    )
    if not text and not buttons and not link and not portal_rendered:
        return None
    return BotMessage(text=text, buttons=buttons, link=link, custom=custom)


def send_message(
    base_url: str,
    path: str,
    session_id: str,
    text: str,
    language: str,
    user_id: int | None,
    timeout: float,
) -> list[BotMessage]:
    """Forward one (already redacted) user message; return the bot's answers."""
    url = base_url.rstrip("/") + "/" + path.lstrip("/")
    payload = {
        "sender": session_id,
        "message": text,
        "metadata": {"language": language, "user_id": user_id},
    }
    data = _post(url, payload, timeout)
    if not isinstance(data, list):
        raise AssistantUnavailable("unexpected answer")
    return [m for m in (to_bot_message(item) for item in data) if m is not None]


def parse(base_url: str, text: str, timeout: float) -> ParseResult:
    """Rasa's NLU classification of an (already redacted) text."""
    data = _post(base_url.rstrip("/") + "/model/parse", {"text": text}, timeout)
    intent = data.get("intent") if isinstance(data, dict) else None
    if not isinstance(intent, dict):
        return ParseResult(None, 0.0)
    name = intent.get("name") if isinstance(intent.get("name"), str) else None
    try:
        confidence = float(intent.get("confidence") or 0.0)
    except (TypeError, ValueError):
        confidence = 0.0
    return ParseResult(name, confidence)
