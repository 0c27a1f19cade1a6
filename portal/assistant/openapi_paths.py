"""OpenAPI 3 path items and component schemas of the chat and handoff APIs, for the lead
to merge into `/api/v1/openapi.json` (portal/api/openapi.py):

    from portal.assistant.openapi_paths import PATHS, SCHEMAS, SECURITY_SCHEMES
    document["paths"].update(PATHS)
    document["components"]["schemas"].update(SCHEMAS)
    document["components"].setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)

Paths are relative to the server root (they include /api/v1)."""

from __future__ import annotations

from typing import Any

from portal.domain.languages import LANGUAGE_CODES

_REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_VALIDATION = _json(_ref("ValidationErrors"), "Invalid input; `errors` maps field → problem.")
_RATE_LIMITED = _json(_ref("Error"), "Too many requests from this address (CHAT_RATE_LIMIT).")

SECURITY_SCHEMES: dict[str, Any] = {
    "assistantToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "The shared secret ASSISTANT_API_TOKEN (env JOBVEJ_ASSISTANT_API_TOKEN) "
        "that the assistant's action server sends.",
    }
}

SCHEMAS: dict[str, Any] = {
    "Language": {"type": "string", "enum": list(LANGUAGE_CODES)},
    "Error": {
        "type": "object",
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
    },
    "ValidationErrors": {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {"type": "object", "additionalProperties": {"type": "string"}},
            "messages": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "Leave-a-message only: the errors as texts in the user's language.",
            },
        },
    },
    "ParseRequest": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "minLength": 1, "maxLength": 1000},
            "language": _ref("Language"),
        },
    },
    "ParseResponse": {
        "type": "object",
        "required": ["topic_id", "confidence"],
        "properties": {
            "topic_id": {
                "type": "string",
                "description": "A topic id of content/topics.yaml, or `out_of_scope`.",
            },
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        },
    },
    "ChatRequest": {
        "type": "object",
        "required": ["text", "language"],
        "properties": {
            "text": {
                "type": "string",
                "minLength": 1,
                "maxLength": 1000,
                "description": "CPR numbers are removed before the text is stored or forwarded.",
            },
            "language": _ref("Language"),
            "session_id": {
                "type": ["string", "null"],
                "pattern": "^[A-Za-z0-9_-]{16,64}$",
                "description": "Omit to start a conversation; then send the returned id.",
            },
            "shown": {
                "type": "string",
                "maxLength": 200,
                "description": "The title of the button pressed (stored in the transcript "
                "instead of the payload sent as `text`).",
            },
        },
    },
    "ChatButton": {
        "type": "object",
        "required": ["title", "payload"],
        "properties": {"title": {"type": "string"}, "payload": {"type": "string"}},
    },
    "ChatMessage": {
        "type": "object",
        "required": ["text", "buttons", "link"],
        "properties": {
            "text": {"type": "string"},
            "buttons": {"type": "array", "items": _ref("ChatButton")},
            "link": {"type": ["string", "null"]},
            "link_text": {
                "type": ["string", "null"],
                "description": 'The link\'s title ("Læs mere: <article title>"); show it, '
                "never the raw URL.",
            },
        },
    },
    "ChatResponse": {
        "type": "object",
        "required": ["session_id", "messages", "handoff_case_id"],
        "properties": {
            "session_id": {"type": "string"},
            "messages": {"type": "array", "items": _ref("ChatMessage")},
            "handoff_case_id": {
                "type": ["integer", "null"],
                "description": "Set when this turn handed the conversation to a person.",
            },
            "assistant_available": {"type": "boolean"},
            "offer_leave_message": {
                "type": "boolean",
                "description": "True when the assistant is down: show the leave-a-message form.",
            },
        },
    },
    "LeaveMessageRequest": {
        "type": "object",
        "required": ["language", "name", "contact", "message", "consent"],
        "properties": {
            "language": _ref("Language"),
            "name": {"type": "string", "maxLength": 200},
            "contact": {"type": "string", "maxLength": 200},
            "message": {"type": "string", "maxLength": 4000},
            "consent": {"type": "boolean", "const": True},
            "session_id": {"type": ["string", "null"]},
        },
    },
    "TranscriptEntry": {
        "type": "object",
        "required": ["sender", "text"],
        "properties": {
            "sender": {"type": "string", "enum": ["user", "bot"]},
            "text": {"type": "string", "maxLength": 5000},
            "timestamp": {
                "oneOf": [{"type": "number"}, {"type": "string", "format": "date-time"}],
                "description": "Epoch seconds or ISO 8601.",
            },
        },
    },
    "HandoffRequest": {
        "type": "object",
        "required": ["session_id", "language", "name", "contact", "consent_to_share"],
        "properties": {
            "session_id": {"type": "string", "maxLength": 64},
            "language": _ref("Language"),
            "topic_id": {"type": ["string", "null"]},
            "name": {"type": "string", "minLength": 1, "maxLength": 200},
            "contact": {"type": "string", "minLength": 1, "maxLength": 200},
            "preferred_time": {"type": "string", "maxLength": 200},
            "consent_to_share": {
                "type": "boolean",
                "description": "False: the transcript is not kept with the case.",
            },
            "transcript": {"type": "array", "maxItems": 500, "items": _ref("TranscriptEntry")},
            "user_id": {"type": ["integer", "null"]},
        },
    },
    "Team": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    },
    "HandoffCreated": {
        "type": "object",
        "required": ["case_id", "team", "reply_expected"],
        "properties": {
            "case_id": {"type": "integer"},
            "session_id": {"type": ["string", "null"]},
            "team": _ref("Team"),
            "reply_expected": {
                "type": "string",
                "description": "Who answers and when, in the case's language.",
            },
        },
    },
    "CaseReplies": {
        "type": "object",
        "required": ["case_id", "status", "replies"],
        "properties": {
            "case_id": {"type": "integer"},
            "status": {"type": "string", "enum": ["open", "claimed", "closed"]},
            "replies": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "text": {"type": "string"},
                        "created_at": {"type": "string", "format": "date-time"},
                    },
                },
            },
        },
    },
}

PATHS: dict[str, Any] = {
    "/api/v1/assistant/parse": {
        "post": {
            "tags": ["assistant"],
            "summary": "Classify a question into a topic id",
            "operationId": "assistantParse",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("ParseRequest")}},
            },
            "responses": {
                "200": _json(_ref("ParseResponse"), "The topic and the assistant's confidence."),
                "415": _json(_ref("Error"), "The body is not application/json."),
                "422": _VALIDATION,
                "429": _RATE_LIMITED,
                "503": _json(_ref("Error"), "The assistant is unavailable."),
            },
        }
    },
    "/api/v1/assistant/messages": {
        "post": {
            "tags": ["assistant"],
            "summary": "Send a chat message to the assistant (through the portal)",
            "description": "The text is CPR-redacted, stored and forwarded to the assistant. "
            "When the assistant does not answer within 5 s the reply is a notice in the user's "
            "language with offer_leave_message=true.",
            "operationId": "assistantMessage",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("ChatRequest")}},
            },
            "responses": {
                "200": _json(_ref("ChatResponse"), "The assistant's answers."),
                "415": _json(_ref("Error"), "The body is not application/json."),
                "422": _VALIDATION,
                "429": _RATE_LIMITED,
            },
        }
    },
    "/api/v1/assistant/leave-message": {
        "post": {
            "tags": ["assistant"],
            "summary": "Leave a message for a member of staff (general queue)",
            "operationId": "assistantLeaveMessage",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("LeaveMessageRequest")}},
            },
            "responses": {
                "201": _json(_ref("HandoffCreated"), "The case was created."),
                "415": _json(_ref("Error"), "The body is not application/json."),
                "422": _VALIDATION,
                "429": _RATE_LIMITED,
            },
        }
    },
    "/api/v1/handoff-cases": {
        "post": {
            "tags": ["handoff"],
            "summary": "Create a handoff case (the assistant's action server)",
            "operationId": "createHandoffCase",
            "security": [{"assistantToken": []}],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("HandoffRequest")}},
            },
            "responses": {
                "201": _json(_ref("HandoffCreated"), "The case is in its team's queue."),
                "401": _json(_ref("Error"), "Missing or wrong bearer token."),
                "422": _VALIDATION,
                "503": _json(_ref("Error"), "ASSISTANT_API_TOKEN is not configured."),
            },
        }
    },
    "/api/v1/handoff-cases/{case_id}/replies": {
        "get": {
            "tags": ["handoff"],
            "summary": "Caseworker replies to a case, for the chat session that created it",
            "operationId": "handoffCaseReplies",
            "parameters": [
                {"name": "case_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                {
                    "name": "session_id",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string"},
                    "description": "The chat session id that created the case.",
                },
            ],
            "responses": {
                "200": _json(_ref("CaseReplies"), "Replies so far."),
                "404": _json(_ref("Error"), "No such case for this session."),
                "429": _RATE_LIMITED,
            },
        }
    },
}
