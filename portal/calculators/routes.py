"""Benefit calculator pages: one form per calculator, generated from the domain's spec.

GET shows the form (or computes, when the query string carries the calculator's fields, so a
result can be linked); POST computes (CSRF-protected like every page form). Invalid input is
shown again with the errors next to the fields and status 422.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from portal.calculators import forms
from portal.domain.calculators import (
    CALCULATORS,
    CalculatorSpec,
    CalculatorValidationError,
    Result,
    chart_text_alternative,
    render_work_more_hours_chart,
)
from portal.rates_store import get_rate_book

bp = Blueprint("calculators", __name__, url_prefix="/<lang_code>/calculators")


@bp.context_processor
def calculator_helpers() -> dict[str, Any]:
    return {
        "pick": forms.pick,
        "format_value": forms.format_value,
        "format_number": forms.format_number,
        "status_label": forms.status_label,
        "unit_name": lambda unit: str(forms.UNIT_NAMES.get(unit, unit or "")),
    }


@bp.route("/")
def index() -> ResponseReturnValue:
    groups = [
        ("citizen", [CALCULATORS[n] for n in forms.CITIZEN_CALCULATORS]),
        ("employer", [CALCULATORS[n] for n in forms.EMPLOYER_CALCULATORS]),
    ]
    return render_template("calculators/index.html", groups=groups)


@bp.route("/<name>", methods=["GET", "POST"])
def calculator(name: str) -> ResponseReturnValue:
    spec = CALCULATORS.get(name)
    if spec is None:
        abort(404)
    book = get_rate_book(current_app)
    initial = forms.initial_values(spec, book)
    source: Mapping[str, str]
    if request.method == "POST":
        source = request.form
    elif any(f.name in request.args for f in spec.fields):
        source = request.args
    else:
        return _render(spec, initial, {}, None)

    typed = forms.raw_from_request(spec, source)
    try:
        result = spec.run(forms.parse_ready(spec, typed), book)
    except CalculatorValidationError as exc:
        errors = forms.field_errors(spec, exc.errors)
        shown = {**initial, **typed}
        for field_name in errors:
            shown.setdefault(field_name, "")
            if field_name not in typed:
                shown[field_name] = ""
        return _render(spec, shown, errors, None), 422
    return _render(spec, {**initial, **typed}, {}, result)


def _render(
    spec: CalculatorSpec[Any],
    values: dict[str, str],
    errors: dict[str, str],
    result: Result | None,
) -> str:
    book = get_rate_book(current_app)
    fields = forms.form_fields(spec, values, errors, book)
    context: dict[str, Any] = {
        "spec": spec,
        "fields": fields,
        "error_list": [(_anchor(f), f.label, f.error) for f in fields if f.error],
        "result": result,
        "help_topic": forms.HELP_TOPICS.get(spec.name),
        "not_included": [str(item) for item in forms.NOT_INCLUDED.get(spec.name, ())],
        "available_years": book.years,
    }
    if result is not None:
        unconfirmed = [w for w in result.warnings if w.code == "unconfirmed_rate"]
        context.update(
            amounts=forms.main_amounts(result),
            unconfirmed_warnings=unconfirmed,
            other_warnings=[w for w in result.warnings if w.code != "unconfirmed_rate"],
            has_unconfirmed=bool(result.unconfirmed_rates),
        )
        if result.calculator == "work_more_hours":
            labels = forms.chart_labels()
            # The SVG is built by the domain from numbers and our own labels, every text
            # escaped there; no user-typed text reaches it.
            context["chart_svg"] = Markup(  # noqa: S704
                render_work_more_hours_chart(result, labels, id_prefix="wmh")
            )
            context["chart_text"] = chart_text_alternative(result, labels)
            context["hour_rows"] = result.details.get("rows", [])
        if result.calculator == "loentilskud":
            context["checklist"] = result.details.get("checklist", [])
    return render_template("calculators/calculator.html", **context)


def _anchor(f: forms.FormField) -> str:
    """The element an error-summary link jumps to (the first radio of a group)."""
    if f.widget in ("radios", "yesno") and f.choices:
        return f"{f.id}-{f.choices[0][0]}"
    return f.id
