"""Rules for the chat: session ids, what an intent means, and validation of the JSON the
chat API and the handoff API receive. Every text that passes here is CPR-redacted."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from portal.domain.cpr import redact_cpr
from portal.domain.languages import LANGUAGES

OUT_OF_SCOPE = "out_of_scope"
# Intents that are conversation management, not a question: not a topic, not a failure.
SMALL_TALK_INTENTS = frozenset(
    {"greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge", "restart", "stop"}
)
# Intents that mean "the assistant did not understand".
FALLBACK_INTENTS = frozenset({OUT_OF_SCOPE, "nlu_fallback"})

MAX_MESSAGE_LENGTH = 1000
MAX_FIELD_LENGTH = 200
MAX_LEFT_MESSAGE_LENGTH = 4000
MAX_TRANSCRIPT_ENTRIES = 500
MAX_TRANSCRIPT_TEXT = 5000
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_BOT_SENDER_ID = re.compile(r"^[A-Za-z0-9_.:@-]{1,64}$")


def new_session_id() -> str:
    """A fresh, unguessable chat session id (it is also the key to the chat's replies)."""
    return secrets.token_urlsafe(24)


def is_valid_session_id(value: object) -> bool:
    """True for a session id the portal could have issued."""
    return isinstance(value, str) and bool(_SESSION_ID.match(value))


@dataclass(frozen=True)
class Classification:
    """What a user message was about. `understood` is None for small talk."""

    topic_id: str
    understood: bool | None
    confidence: float


def classify_intent(
    intent: str | None, confidence: float, topic_ids: Iterable[str]
) -> Classification:
    """Map a Rasa intent name to a topic id (intent names are topic ids) or out_of_scope."""
    confidence = min(1.0, max(0.0, float(confidence)))
    if intent and intent in set(topic_ids):
        return Classification(intent, True, confidence)
    if intent in SMALL_TALK_INTENTS:
        return Classification(OUT_OF_SCOPE, None, confidence)
    return Classification(OUT_OF_SCOPE, False, confidence)


@dataclass
class Validated:
    """Cleaned values and per-field error codes (empty when valid)."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there were no errors."""
        return not self.errors


# C0 control characters other than tab and line breaks: invisible, and NUL cannot be stored
# in PostgreSQL text at all.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(
    data: Mapping[str, Any],
    name: str,
    result: Validated,
    *,
    required: bool,
    max_length: int = MAX_FIELD_LENGTH,
) -> None:
    value = data.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        result.errors[name] = "must be a string"
        return
    value = _CONTROL_CHARACTERS.sub("", value).strip()
    if required and not value:
        result.errors[name] = "required"
    elif len(value) > max_length:
        result.errors[name] = f"at most {max_length} characters"
    else:
        result.values[name] = redact_cpr(value)


def _language(data: Mapping[str, Any], result: Validated) -> None:
    language = data.get("language")
    if not isinstance(language, str) or language not in LANGUAGES:
        result.errors["language"] = "must be one of " + ", ".join(LANGUAGES)
    else:
        result.values["language"] = language


def _timestamp(value: Any) -> str | None:
    """A transcript timestamp (epoch seconds or ISO 8601) as ISO 8601 UTC, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return dt.datetime.fromtimestamp(value, dt.UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC).isoformat()
    return None


def clean_transcript(raw: Any) -> tuple[list[dict[str, Any]], str | None]:
    """Validate and redact a transcript list; returns (entries, error or None)."""
    if raw is None:
        return [], None
    if not isinstance(raw, list):
        return [], "must be a list"
    if len(raw) > MAX_TRANSCRIPT_ENTRIES:
        return [], f"at most {MAX_TRANSCRIPT_ENTRIES} entries"
    entries: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            return [], f"entry {index}: must be an object"
        sender, text = item.get("sender"), item.get("text")
        if sender not in ("user", "bot"):
            return [], f"entry {index}: sender must be 'user' or 'bot'"
        if text is None:
            text = ""
        if not isinstance(text, str) or len(text) > MAX_TRANSCRIPT_TEXT:
            return [], f"entry {index}: text must be a string of at most {MAX_TRANSCRIPT_TEXT}"
        timestamp = _timestamp(item.get("timestamp"))
        if item.get("timestamp") is not None and timestamp is None:
            return [], f"entry {index}: timestamp must be epoch seconds or ISO 8601"
        entries.append({"sender": sender, "text": redact_cpr(text), "timestamp": timestamp})
    return entries, None


def validate_handoff(data: Any, topic_ids: Iterable[str]) -> Validated:
    """Validate the action server's `POST /api/v1/handoff-cases` body (texts redacted)."""
    result = Validated()
    if not isinstance(data, dict):
        result.errors["body"] = "must be a JSON object"
        return result
    session_id = data.get("session_id")
    if not isinstance(session_id, str) or not _BOT_SENDER_ID.match(session_id):
        result.errors["session_id"] = "required: 1-64 letters, digits or _.:@-"
    else:
        result.values["session_id"] = session_id
    _language(data, result)
    topic_id = data.get("topic_id")
    known = set(topic_ids) | {OUT_OF_SCOPE}
    if topic_id is not None and (not isinstance(topic_id, str) or topic_id not in known):
        result.errors["topic_id"] = "unknown topic id"
    else:
        result.values["topic_id"] = None if topic_id == OUT_OF_SCOPE else topic_id
    _text(data, "name", result, required=True)
    _text(data, "contact", result, required=True)
    _text(data, "preferred_time", result, required=False)
    consent = data.get("consent_to_share")
    if not isinstance(consent, bool):
        result.errors["consent_to_share"] = "required: true or false"
    else:
        result.values["consent_to_share"] = consent
    transcript, error = clean_transcript(data.get("transcript"))
    if error:
        result.errors["transcript"] = error
    else:
        result.values["transcript"] = transcript
    user_id = data.get("user_id")
    if user_id is not None and (
        isinstance(user_id, bool) or not isinstance(user_id, int) or not 0 < user_id < 2**63
    ):
        result.errors["user_id"] = "must be a positive integer or null"
    else:
        result.values["user_id"] = user_id
    return result


def validate_chat_message(data: Any) -> Validated:
    """Validate `POST /api/v1/assistant/messages` (text redacted, session id and the
    pressed button's title `shown` optional)."""
    result = Validated()
    if not isinstance(data, dict):
        result.errors["body"] = "must be a JSON object"
        return result
    _text(data, "text", result, required=True, max_length=MAX_MESSAGE_LENGTH)
    # The title of the button pressed ("Ja"), stored in the transcript instead of its
    # payload ("/affirm"); optional.
    _text(data, "shown", result, required=False)
    _language(data, result)
    session_id = data.get("session_id")
    if session_id is not None and not is_valid_session_id(session_id):
        result.errors["session_id"] = "invalid session id"
    else:
        result.values["session_id"] = session_id
    return result


def validate_left_message(data: Any) -> Validated:
    """Validate the leave-a-message form (name, contact, message, consent must be true).

    Error codes are keys of portal.domain.chat_texts so the widget can show them in the
    user's language: error_required, error_too_long, error_consent."""
    result = Validated()
    if not isinstance(data, dict):
        result.errors["body"] = "error_generic"
        return result
    _language(data, result)
    for name, limit in (
        ("name", MAX_FIELD_LENGTH),
        ("contact", MAX_FIELD_LENGTH),
        ("message", MAX_LEFT_MESSAGE_LENGTH),
    ):
        raw = data.get(name)
        value = _CONTROL_CHARACTERS.sub("", raw).strip() if isinstance(raw, str) else ""
        if not value:
            result.errors[name] = "error_required"
        elif len(value) > limit:
            result.errors[name] = "error_too_long"
        else:
            result.values[name] = redact_cpr(value)
    if data.get("consent") is not True:
        result.errors["consent"] = "error_consent"
    session_id = data.get("session_id")
    result.values["session_id"] = session_id if is_valid_session_id(session_id) else None
    return result
