"""The OpenAPI 3.1 document of every /api/v1 endpoint, served at ``/api/v1/openapi.json``.

Calculator paths and schemas are generated from the domain's specs (one path per
calculator), the topics API is described here, and the assistant and handoff paths come
from ``portal.assistant.openapi_paths`` when that module is present.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify
from flask.typing import ResponseReturnValue

from portal.domain.calculators import CALCULATORS, CalculatorSpec, result_json_schema
from portal.domain.calculators.base import text_json_schema
from portal.domain.languages import LANGUAGE_CODES
from portal.rates_store import get_rate_book

bp = Blueprint("api_openapi", __name__, url_prefix="/api/v1")

OPENAPI_VERSION = "3.1.0"
_REF = "#/components/schemas/"
_CACHE_KEY = "jobvej_openapi"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _schema_name(calculator: str) -> str:
    return "".join(part.capitalize() for part in calculator.split("_"))


ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "Language of every `text` and validation message: one of the portal's "
    "languages (da, en, ar, uk, fa, so, ti); Danish by default.",
    "schema": {"type": "string"},
}

BASE_SCHEMAS: dict[str, Any] = {
    "ApiError": {
        "type": "object",
        "required": ["error", "status"],
        "properties": {
            "error": {"type": "string"},
            "status": {"type": "integer"},
            "message": {"type": "string", "description": "A readable explanation, if any."},
        },
    },
    "CalculatorFieldError": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {
                "type": "string",
                "description": "Stable error code, e.g. required, not_a_number, below_min, "
                "above_max, invalid_choice, year_not_available, invalid_json, not_an_object.",
            },
            "message": {"type": "string", "description": "In the Accept-Language language."},
            "params": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    },
    "CalculatorValidationErrors": {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "object",
                "description": "Field name (or `body`) → problem.",
                "additionalProperties": _ref("CalculatorFieldError"),
            }
        },
    },
    "CalculatorResult": result_json_schema(),
    "CalculatorDescription": {
        "type": "object",
        "required": ["name", "title", "description", "url", "fields", "input_schema"],
        "properties": {
            "name": {"type": "string"},
            "title": text_json_schema(),
            "description": text_json_schema(),
            "legal_basis": {"type": "string"},
            "help_topic": {"type": ["string", "null"]},
            "audiences": {"type": "array", "items": {"type": "string"}},
            "main_amounts": {"type": "array", "items": {"type": "object"}},
            "url": {"type": "string", "description": "Where to POST the inputs."},
            "page": {"type": "string", "description": "The calculator's page (Danish)."},
            "fields": {"type": "array", "items": {"type": "object"}},
            "input_schema": {"type": "object", "description": "JSON Schema of the body."},
        },
    },
    "CalculatorList": {
        "type": "object",
        "required": ["calculators"],
        "properties": {"calculators": {"type": "array", "items": _ref("CalculatorDescription")}},
    },
    "TopicSummary": {
        "type": "object",
        "required": ["id", "audience", "handoff"],
        "properties": {
            "id": {"type": "string"},
            "audience": {"type": "string", "description": "citizen, refugee, employer or any."},
            "handoff": {"type": "boolean"},
        },
    },
    "TopicList": {
        "type": "object",
        "required": ["topics"],
        "properties": {"topics": {"type": "array", "items": _ref("TopicSummary")}},
    },
    "Topic": {
        "type": "object",
        "required": ["topic_id", "language", "title", "short_answer", "url", "sources"],
        "properties": {
            "topic_id": {"type": "string"},
            "language": {"type": "string"},
            "requested_language": {"type": "string"},
            "title": {"type": "string"},
            "short_answer": {"type": "string"},
            "url": {"type": "string"},
            "fallback_language": {"type": ["string", "null"]},
            "stale": {"type": "boolean"},
            "handoff": {"type": "boolean"},
            "audience": {"type": "string", "description": "citizen, refugee, employer or any."},
            "reviewed": {"type": "string", "format": "date"},
            "sources": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
                },
            },
        },
    },
    "TopicLanguageError": {
        "type": "object",
        "required": ["errors"],
        "properties": {"errors": {"type": "object", "additionalProperties": {"type": "string"}}},
    },
    "Health": {
        "type": "object",
        "required": ["status"],
        "properties": {
            "status": {"type": "string", "enum": ["ok", "degraded"]},
            "database": {"type": "object"},
            "assistant": {"type": "object"},
            "action_server": {"type": "object"},
        },
    },
}


def input_schema(spec: CalculatorSpec[Any], years: Sequence[int]) -> dict[str, Any]:
    """The spec's JSON Schema, with ``year`` limited to the years that have a rate file
    (any other year is answered with 422 ``year_not_available``)."""
    schema: dict[str, Any] = copy.deepcopy(dict(spec.json_schema()))
    year = schema.get("properties", {}).get("year")
    if isinstance(year, dict) and years:
        year["enum"] = list(years)
        year["description"] = (
            f"{year.get('description', '')} Rates are available for: "
            f"{', '.join(str(y) for y in years)}."
        ).strip()
    return schema


def calculator_paths(years: Sequence[int] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """One POST path per calculator and its input schema, plus the list endpoint."""
    paths: dict[str, Any] = {
        "/api/v1/calculators": {
            "get": {
                "tags": ["calculators"],
                "summary": "List the benefit calculators with their input schemas",
                "operationId": "listCalculators",
                "responses": {"200": _json(_ref("CalculatorList"), "Every calculator.")},
            }
        }
    }
    schemas: dict[str, Any] = {}
    for name, spec in CALCULATORS.items():
        input_name = f"{_schema_name(name)}Input"
        schemas[input_name] = input_schema(spec, years)
        paths[f"/api/v1/calculators/{name}"] = {
            "post": {
                "tags": ["calculators"],
                "summary": spec.english_title or spec.title,
                "description": f"{spec.description} Legal basis: {spec.legal_basis}. "
                'Numbers may be sent as JSON numbers or strings (`"131.55"`, '
                '`"21.092,50"`). Without `year` the rates of today\'s year are used. '
                "Every text is returned as msgid (Danish), params and `text` in the "
                "Accept-Language language. The result is a guide, not a decision.",
                "operationId": f"calculate_{name}",
                "parameters": [ACCEPT_LANGUAGE],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(input_name)}},
                },
                "responses": {
                    "200": _json(
                        _ref("CalculatorResult"),
                        "The amounts, every step with its legal reference, the rates used "
                        "(source, valid_from, status) and warnings. Amounts are decimal strings.",
                    ),
                    "415": _json(_ref("ApiError"), "The body is not application/json."),
                    "422": _json(
                        _ref("CalculatorValidationErrors"),
                        "Invalid input, or no rates for the year; one problem per field.",
                    ),
                },
            }
        }
    return paths, schemas


def topic_paths() -> dict[str, Any]:
    """The public content API (portal/api/topics.py)."""
    return {
        "/api/v1/topics": {
            "get": {
                "tags": ["topics"],
                "summary": "All topic ids with audience and handoff flag",
                "operationId": "listTopics",
                "responses": {"200": _json(_ref("TopicList"), "Every topic.")},
            }
        },
        "/api/v1/topics/{topic_id}": {
            "get": {
                "tags": ["topics"],
                "summary": "The short answer of a topic in a language (Danish when not translated)",
                "operationId": "getTopic",
                "parameters": [
                    {
                        "name": "topic_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "language",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "string",
                            "enum": list(LANGUAGE_CODES),
                            "default": "da",
                        },
                    },
                ],
                "responses": {
                    "200": _json(_ref("Topic"), "The topic's short answer."),
                    "404": _json(_ref("ApiError"), "No such topic."),
                    "422": _json(_ref("TopicLanguageError"), "Unsupported language."),
                },
            }
        },
    }


def service_paths() -> dict[str, Any]:
    """Health check and this document."""
    return {
        "/healthz": {
            "get": {
                "tags": ["service"],
                "summary": "Health of the database, assistant and action server",
                "operationId": "health",
                "responses": {
                    "200": _json(
                        _ref("Health"),
                        "The database is up (status degraded if the assistant is not).",
                    ),
                    "503": _json(_ref("Health"), "The database is down."),
                },
            }
        },
        "/api/v1/openapi.json": {
            "get": {
                "tags": ["service"],
                "summary": "This OpenAPI document",
                "operationId": "openapi",
                "responses": {"200": _json({"type": "object"}, "The OpenAPI document.")},
            }
        },
    }


def assistant_parts() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Paths, schemas and security schemes of the chat and handoff APIs, from
    ``portal.assistant.openapi_paths`` (written by the assistant feature); empty if absent."""
    try:
        from portal.assistant import openapi_paths
    except ImportError:
        return {}, {}, {}
    return (
        copy.deepcopy(getattr(openapi_paths, "PATHS", {})),
        copy.deepcopy(getattr(openapi_paths, "SCHEMAS", {})),
        copy.deepcopy(getattr(openapi_paths, "SECURITY_SCHEMES", {})),
    )


def build_document(years: Sequence[int] = ()) -> dict[str, Any]:
    """The whole OpenAPI document (paths relative to the server root); ``years`` are the
    years with rate files."""
    calc_paths, calc_schemas = calculator_paths(years)
    a_paths, a_schemas, a_security = assistant_parts()
    clash = set(a_schemas) & (set(BASE_SCHEMAS) | set(calc_schemas))
    if clash:
        raise RuntimeError(f"OpenAPI schema names defined twice: {sorted(clash)}")
    components: dict[str, Any] = {
        "schemas": {**copy.deepcopy(BASE_SCHEMAS), **calc_schemas, **a_schemas}
    }
    if a_security:
        components["securitySchemes"] = a_security
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Jobvej API",
            "version": "1.0.0",
            "description": "Public API of the Jobvej portal: benefit calculators, help topics "
            "and the assistant. Calculator results are a guide, not a decision; every rate "
            "carries its source, valid_from and status (confirmed, derived, unconfirmed).",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "calculators", "description": "Benefit and subsidy calculators"},
            {"name": "topics", "description": "Help content"},
            {"name": "assistant", "description": "Chat with the assistant"},
            {"name": "handoff", "description": "Hand a conversation to a person"},
            {"name": "service", "description": "Health and description"},
        ],
        "paths": {**service_paths(), **calc_paths, **topic_paths(), **a_paths},
        "components": components,
    }


def get_document(app: Flask) -> dict[str, Any]:
    """The document, built once per app."""
    document: dict[str, Any] | None = app.extensions.get(_CACHE_KEY)
    if document is None:
        document = build_document(get_rate_book(app).years)
        app.extensions[_CACHE_KEY] = document
    return document


@bp.route("/openapi.json")
def openapi() -> ResponseReturnValue:
    """The OpenAPI 3.1 document."""
    return jsonify(get_document(current_app))
