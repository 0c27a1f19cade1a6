"""Benefit calculator pages: one form per calculator, generated from the domain's spec.

GET shows the form, or - when the query string carries the calculator's fields - the form
filled in plus the result, so other parts of the product (the assistant, articles) can link
to "the calculator with your values". POST computes (CSRF-protected like every page form).
Invalid input is shown again with an error summary linking to each field and status 422.
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

AUDIENCES = ("citizen", "employer")


@bp.context_processor
def calculator_helpers() -> dict[str, Any]:
    return {
        "t": forms.render_html,
        "format_value": forms.format_value,
        "format_number": forms.format_number,
    }


@bp.route("/")
def index() -> ResponseReturnValue:
    groups = [
        (audience, [spec for spec in CALCULATORS.values() if audience in spec.audiences])
        for audience in AUDIENCES
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
        result = spec.run(forms.parse_ready(spec, typed), book, today=forms.today())
    except CalculatorValidationError as exc:
        errors = forms.field_errors(spec, exc.errors)
        shown = {**initial, **typed}
        for field_name in errors:
            if field_name not in typed:
                shown[field_name] = ""
        return _render(spec, shown, errors, None), 422
    return _render(spec, {**initial, **typed, "year": str(result.year)}, {}, result)


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
        "error_list": [(f.anchor, f.label, f.error) for f in fields if f.error],
        "result": result,
        "available_years": book.years,
    }
    if result is not None:
        unconfirmed = [w for w in result.warnings if w.code == "unconfirmed_rate"]
        context.update(
            amounts=forms.main_amounts(spec, result),
            unconfirmed_warnings=unconfirmed,
            other_warnings=[w for w in result.warnings if w.code != "unconfirmed_rate"],
            has_unconfirmed=bool(result.unconfirmed_rates),
            rate_rows=forms.rate_rows(result),
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
