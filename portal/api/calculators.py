"""Calculator JSON API: the same calculators as the pages, JSON in and out.

    GET  /api/v1/calculators          every calculator with its input schema
    POST /api/v1/calculators/<name>   run one (JSON object body) -> the result with steps,
                                      rates used (source, status) and warnings

Every text in a response is ``{"msgid", "params", "text"}``: the Danish source text, its
parameters and ``text`` rendered in the language of ``Accept-Language`` (any of the portal's
seven languages; Danish by default). Invalid input gives 422
``{"errors": {field: {"code", "message", "params"}}}`` with the message in that language.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.calculators.forms import error_message, localize_payload, today
from portal.domain.calculators import (
    CALCULATORS,
    CalculatorSpec,
    CalculatorValidationError,
    FieldError,
)
from portal.domain.languages import LANGUAGE_CODES
from portal.rates_store import get_rate_book

bp = Blueprint("api_calculators", __name__, url_prefix="/api/v1")

API_LANGUAGES = tuple(LANGUAGE_CODES)


def api_language() -> str:
    """The best of the portal's languages for Accept-Language; Danish by default."""
    return request.accept_languages.best_match(API_LANGUAGES) or "da"


def describe(spec: CalculatorSpec[Any]) -> dict[str, Any]:
    """A calculator as listed by ``GET /api/v1/calculators``."""
    return {
        **spec.to_dict(),
        "url": url_for("api_calculators.run", name=spec.name, _external=True),
        "page": url_for("calculators.calculator", lang_code="da", name=spec.name, _external=True),
        "input_schema": spec.json_schema(),
    }


# The listing only changes with the code: built once per language and host.
_LISTINGS: dict[tuple[str, str], dict[str, Any]] = {}
_MAX_LISTINGS = 32


@bp.route("/calculators")
def index() -> ResponseReturnValue:
    """All calculators with their input schema (texts in the Accept-Language language)."""
    lang = api_language()
    key = (lang, request.url_root)
    body = _LISTINGS.get(key)
    if body is None:
        with force_locale(lang):
            body = localize_payload({"calculators": [describe(s) for s in CALCULATORS.values()]})
        if len(_LISTINGS) >= _MAX_LISTINGS:
            _LISTINGS.clear()
        _LISTINGS[key] = body
    response = jsonify(body)
    response.headers["Content-Language"] = lang
    return response


@bp.route("/calculators/<name>", methods=["POST"])
def run(name: str) -> ResponseReturnValue:
    """Run a calculator on a JSON object body."""
    spec = CALCULATORS.get(name)
    if spec is None:
        abort(404)
    lang = api_language()
    if not request.is_json:
        with force_locale(lang):
            message = _("Send beregningens felter som JSON med Content-Type: application/json.")
        return jsonify({"error": "Unsupported Media Type", "status": 415, "message": message}), 415
    try:
        body = json.loads(request.get_data(cache=True) or b"")
        code = "" if isinstance(body, dict) else "not_an_object"
    except (ValueError, RecursionError):
        body, code = None, "invalid_json"
    if code:
        with force_locale(lang):
            message = (
                _("Kroppen skal være et JSON-objekt med beregningens felter.")
                if code == "not_an_object"
                else _("Kroppen er ikke gyldig JSON.")
            )
        return jsonify({"errors": {"body": {"code": code, "message": message, "params": {}}}}), 422
    try:
        result = spec.run(body, get_rate_book(current_app), today=today())
    except CalculatorValidationError as exc:
        return jsonify(validation_errors(spec, exc.errors, lang)), 422
    with force_locale(lang):
        payload = localize_payload(result.to_dict())
    response = jsonify(payload)
    response.headers["Content-Language"] = lang
    return response


def validation_errors(
    spec: CalculatorSpec[Any], errors: dict[str, FieldError], lang: str
) -> dict[str, Any]:
    """``{"errors": {field: {"code", "message", "params"}}}`` with messages in ``lang``."""
    with force_locale(lang):
        return {
            "errors": {
                field_name: {
                    "code": err.code,
                    "message": error_message(spec, err),
                    "params": dict(err.params),
                }
                for field_name, err in errors.items()
            }
        }
