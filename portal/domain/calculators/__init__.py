"""Benefit calculators: rules as plain Python, no Flask, no database.

The one entry point (the pages, the JSON API and the assistant use it)::

    result = CALCULATORS["dagpenge"].run(values, book)            # today's year
    result = CALCULATORS["dagpenge"].run(values, book, today=day)  # a fixed clock
    result.amounts["monthly_amount"], result.rates_used, result.warnings, result.steps

``values`` is a mapping of field name to raw value (form strings, JSON numbers);
bad input raises :class:`CalculatorValidationError` with one stable code per
field. Texts in the result are :class:`Msg` (a Danish msgid and parameters) that
the web layer translates.
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
    MainAmount,
    Msg,
    Quantity,
    Result,
    Step,
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
    "MainAmount",
    "Msg",
    "Quantity",
    "Result",
    "Step",
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
