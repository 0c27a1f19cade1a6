"""Chat API for the widget, and the handoff API for the assistant's action server.

- POST /api/v1/assistant/messages       widget → portal → Rasa (rate-limited per IP)
- POST /api/v1/assistant/parse          topic classification (rate-limited per IP)
- POST /api/v1/assistant/leave-message  leave a message for a person (rate-limited per IP)
- POST /api/v1/handoff-cases            action server creates a case (Bearer token)
- GET  /api/v1/handoff-cases/<id>/replies?session_id=...  replies for the open chat
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from portal.assistant import operations, rasa
from portal.content_store import get_library
from portal.domain.assistant import (
    validate_chat_message,
    validate_handoff,
    validate_left_message,
)
from portal.domain.chat_texts import chat_text
from portal.domain.cpr import redact_cpr
from portal.domain.languages import LANGUAGES, SOURCE_LANGUAGE
from portal.extensions import db, limiter
from portal.models.handoff import CaseSource, HandoffCase
from portal.models.user import User
from portal.ratelimits import address_key, client_key, setting

bp = Blueprint("api_assistant", __name__, url_prefix="/api/v1")


# Per person (user, chat session or address) and, sized for a shared address, per address.
chat_limit = limiter.shared_limit(setting("CHAT_RATE_LIMIT"), scope="chat", key_func=client_key)
chat_address_limit = limiter.shared_limit(
    setting("CHAT_ADDRESS_RATE_LIMIT"), scope="chat-address", key_func=address_key
)


def _json_body() -> Any:
    """The JSON body; 415 for anything that is not application/json (no cross-site forms)."""
    if not request.is_json:
        abort(415)
    return request.get_json(silent=True)


def _current_user() -> User | None:
    return current_user if current_user and current_user.is_authenticated else None


def _message_json(message: rasa.BotMessage, language: str) -> dict[str, Any]:
    """A bot message for the widget; an answer taken from a machine-translated article
    says so (the Danish text is authoritative)."""
    text = message.text
    topic_id = message.custom.get("topic_id")
    # An article's short answer may be machine translated; a calculation's text is not.
    if isinstance(topic_id, str) and message.link and text and "calculation" not in message.custom:
        resolved = get_library(current_app).resolve(topic_id, language)
        if resolved is not None and resolved.article.machine_translated:
            text = f"{text}\n\n{chat_text('machine_translated', language)}"
    link_text = message.link_text
    return {"text": text, "buttons": message.buttons, "link": message.link, "link_text": link_text}


@bp.post("/assistant/messages")
@chat_limit
@chat_address_limit
def messages() -> ResponseReturnValue:
    """One chat turn: redact, store, forward to Rasa; unavailable notice when Rasa is down."""
    checked = validate_chat_message(_json_body())
    if not checked.ok:
        return jsonify({"errors": checked.errors}), 422
    language = checked.values["language"]
    result = operations.chat_turn(
        checked.values["session_id"],
        checked.values["text"],
        language,
        _current_user(),
        shown=checked.values.get("shown") or None,
    )
    if result.available:
        out = [_message_json(m, language) for m in result.messages]
    else:
        out = [{"text": chat_text("unavailable", language), "buttons": [], "link": None}]
    return jsonify(
        {
            "session_id": result.conversation.session_id,
            "messages": out,
            "handoff_case_id": result.handoff_case_id,
            "assistant_available": result.available,
            "offer_leave_message": not result.available,
        }
    )


@bp.post("/assistant/parse")
@chat_limit
@chat_address_limit
def parse() -> ResponseReturnValue:
    """The topic a text is about (intent names are topic ids) and Rasa's confidence."""
    data = _json_body()
    if not isinstance(data, dict):
        return jsonify({"errors": {"body": "must be a JSON object"}}), 422
    errors = {}
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        errors["text"] = "required"
    elif len(text) > 1000:
        errors["text"] = "at most 1000 characters"
    language = data.get("language", SOURCE_LANGUAGE)
    if not isinstance(language, str) or language not in LANGUAGES:
        errors["language"] = "must be one of " + ", ".join(LANGUAGES)
    if errors:
        return jsonify({"errors": errors}), 422
    try:
        topic_id, confidence = operations.classify_text(str(text))
    except rasa.AssistantUnavailable:
        return jsonify({"error": "assistant unavailable", "status": 503}), 503
    return jsonify({"topic_id": topic_id, "confidence": round(confidence, 4)})


@bp.post("/assistant/leave-message")
@chat_limit
@chat_address_limit
def leave_message() -> ResponseReturnValue:
    """Leave a message for a person (e.g. while the assistant is down): a case in the
    general queue. Errors come as codes and as texts in the user's language."""
    data = _json_body()
    checked = validate_left_message(data)
    language = checked.values.get("language") or (
        data.get("language") if isinstance(data, dict) else None
    )
    language = language if isinstance(language, str) and language in LANGUAGES else SOURCE_LANGUAGE
    if not checked.ok:
        return jsonify(
            {
                "errors": checked.errors,
                "messages": {
                    field: chat_text(code, language) if code.startswith("error_") else code
                    for field, code in checked.errors.items()
                },
            }
        ), 422
    case = operations.leave_message(
        language=language,
        name=checked.values["name"],
        contact=checked.values["contact"],
        message=checked.values["message"],
        session_id=checked.values["session_id"],
        user=_current_user(),
    )
    return jsonify(_case_created(case)), 201


def _case_created(case: HandoffCase) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "session_id": case.session_id,
        "team": operations.team_json(case.team, case.language),
        "reply_expected": case.reply_expected,
    }


def _check_token() -> ResponseReturnValue | None:
    configured = str(current_app.config.get("ASSISTANT_API_TOKEN") or "")
    if not configured:
        return jsonify({"error": "handoff API disabled: ASSISTANT_API_TOKEN is not set"}), 503
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), configured.encode()
    ):
        response = jsonify({"error": "Unauthorized", "status": 401})
        response.headers["WWW-Authenticate"] = 'Bearer realm="jobvej"'
        return response, 401
    return None


@bp.post("/handoff-cases")
def create_handoff_case() -> ResponseReturnValue:
    """The action server hands a conversation to a person (texts redacted again here)."""
    refused = _check_token()
    if refused is not None:
        return refused
    checked = validate_handoff(request.get_json(silent=True), operations.topic_ids())
    if not checked.ok:
        return jsonify({"errors": checked.errors}), 422
    values = checked.values
    case = operations.create_handoff_case(
        source=CaseSource.ASSISTANT,
        language=values["language"],
        topic_id=values["topic_id"],
        name=values["name"],
        contact=values["contact"],
        preferred_time=values.get("preferred_time", ""),
        consent_to_share=values["consent_to_share"],
        transcript=values["transcript"],
        session_id=values["session_id"],
        user_id=values["user_id"],
    )
    response = jsonify(_case_created(case))
    response.headers["Location"] = url_for(
        "api_assistant.case_replies", case_id=case.id, session_id=case.session_id
    )
    return response, 201


@bp.get("/handoff-cases/<int:case_id>/replies")
@limiter.limit(setting("API_RATE_LIMIT"), key_func=client_key)
@limiter.limit(setting("API_ADDRESS_RATE_LIMIT"), key_func=address_key, scope="replies-address")
def case_replies(case_id: int) -> ResponseReturnValue:
    """Caseworker replies to a case, for the chat session that created it (404 otherwise)."""
    session_id = request.args.get("session_id", "")
    case = db.session.get(HandoffCase, case_id)
    if (
        case is None
        or not case.session_id
        or not session_id
        or not hmac.compare_digest(case.session_id.encode(), session_id.encode())
    ):
        abort(404)
    return jsonify(
        {
            "case_id": case.id,
            "status": case.status.value,
            "replies": [
                {
                    "id": reply.id,
                    "text": redact_cpr(reply.body),
                    "created_at": operations.as_utc(reply.created_at).isoformat(),
                }
                for reply in case.replies
            ],
        }
    )
