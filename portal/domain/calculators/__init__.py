"""Benefit calculators: rules as plain Python, no Flask, no database.

Use :data:`CALCULATORS` (name → :class:`CalculatorSpec`)::

    spec = CALCULATORS["dagpenge"]
    inputs = spec.parse_inputs(request_values)      # CalculatorValidationError → 422
    result = spec.calculate(inputs, book.for_year(inputs.year))
    payload = result.to_dict()

or ``spec.run(request_values, book)`` which does the three steps and turns an
unknown year into a field error on ``year``.
"""

from __future__ import annotations

from typing import Any

from portal.domain.calculators import (
    dagpenge,
    fleksjob,
    kontanthjaelp,
    loentilskud,
    sygedagpenge,
    work_more_hours,
)
from portal.domain.calculators.base import (
    CalculatorSpec,
    CalculatorValidationError,
    CalcWarning,
    FieldError,
    FieldSpec,
    Result,
    Step,
    Text,
    result_json_schema,
)
from portal.domain.calculators.chart import (
    ChartLabels,
    chart_text_alternative,
    render_work_more_hours_chart,
)

__all__ = [
    "CALCULATORS",
    "CalcWarning",
    "CalculatorSpec",
    "CalculatorValidationError",
    "ChartLabels",
    "FieldError",
    "FieldSpec",
    "Result",
    "Step",
    "Text",
    "chart_text_alternative",
    "get_calculator",
    "render_work_more_hours_chart",
    "result_json_schema",
]

CALCULATORS: dict[str, CalculatorSpec[Any]] = {
    spec.name: spec
    for spec in (
        dagpenge.SPEC,
        kontanthjaelp.SPEC,
        work_more_hours.SPEC,
        sygedagpenge.SPEC,
        loentilskud.SPEC,
        fleksjob.SPEC,
    )
}


def get_calculator(name: str) -> CalculatorSpec[Any]:
    """The calculator called ``name``; ``KeyError`` if there is none (→ 404)."""
    return CALCULATORS[name]
