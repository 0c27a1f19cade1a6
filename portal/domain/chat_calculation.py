"""Calculations asked for in the chat, computed with the portal's rules engine.

The assistant (Rasa) reads the facts of a personal amount question and sends them in a
custom payload: ``{"calculation": {"calculator": "dagpenge", "facts": {"insurance":
"full_time", "monthly_income": "25000"}}}``. Here the facts become the calculator's own
field values, and :func:`compute` runs ``CALCULATORS[name].run`` - the same call as the
calculator pages and ``/api/v1/calculators`` - so the chat can never show another figure
than the calculator page for the same facts. The same values are the page's query string
(the link "see the whole calculation with your figures").

Pure Python, no Flask: texts are Danish msgids (``N_``) the web layer translates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from portal.domain.calculators import (
    CALCULATORS,
    CalculatorValidationError,
    FieldError,
    MainAmount,
    Result,
    Step,
)
from portal.domain.rates import RateBook
from portal.domain.texts import N_

#: ``custom.topic_id`` of the assistant's calculation messages.
CALCULATION_TOPIC = "calculation"
#: Keys of ``custom`` that mark a message the portal writes itself.
PORTAL_RENDERED_KEYS: tuple[str, ...] = (
    "calculation",
    "calculation_question",
    "calculation_error",
    "calculation_cancelled",
    "calculation_explain",
)

#: The amount the chat answers with, per calculator (a key of its ``main_amounts``).
PRIMARY_AMOUNT: Mapping[str, str] = {
    "dagpenge": "monthly_amount",
    "sygedagpenge": "weekly_amount",
    "kontanthjaelp": "monthly_amount",
    "fleksjob": "subsidy",
    "work_more_hours": "gain_after_tax_0_to_37",
    "loentilskud": "subsidy_total",
}

#: Facts the assistant may send, and what kind of value each is.
FACT_KINDS: Mapping[str, str] = {
    "benefit": "choice",
    "insurance": "choice",
    "civil_status": "choice",
    "employer_type": "choice",
    "monthly_income": "number",
    "hourly_wage": "number",
    "hours_per_week": "number",
    "age": "integer",
    "children": "integer",
    "weeks": "integer",
    "employees": "integer",
    "year": "integer",
    "graduate": "boolean",
}

#: The assistant's questions, per fact; a calculator may ask a fact its own way.
QUESTIONS: Mapping[str, str] = {
    "calculator": N_("Hvad vil du have regnet ud?"),
    "benefit": N_("Hvilken ydelse får du nu?"),
    "insurance": N_("Er du fuldtidsforsikret eller deltidsforsikret i din a-kasse?"),
    "monthly_income": N_(
        "Hvor meget tjente du om måneden før skat? Skriv beløbet i kroner med tal, fx 25000."
    ),
    "hourly_wage": N_("Hvad er din timeløn før skat? Skriv beløbet med tal, fx 150."),
    "hours_per_week": N_("Hvor mange timer om ugen skulle du have arbejdet?"),
    "age": N_("Hvor gammel er du?"),
    "children": N_("Hvor mange børn under 18 år forsørger du?"),
    "civil_status": N_("Er du enlig, gift eller samlevende?"),
    "employer_type": N_("Er I en privat eller en offentlig arbejdsgiver?"),
    "weeks": N_("Hvor mange uger skal løntilskuddet vare?"),
    "employees": N_("Hvor mange ordinært ansatte (fuldtidspersoner) har I?"),
}
CALCULATOR_QUESTIONS: Mapping[tuple[str, str], str] = {
    ("fleksjob", "monthly_income"): N_(
        "Hvad er din månedsløn for de timer, du arbejder, inkl. pension? Skriv beløbet med tal, "
        "fx 12000."
    ),
    ("work_more_hours", "monthly_income"): N_(
        "Hvor meget tjente du om måneden før skat, før du blev ledig? Skriv beløbet med tal, "
        "fx 25000."
    ),
    ("work_more_hours", "hourly_wage"): N_(
        "Hvilken timeløn før skat kan du få i jobbet? Skriv beløbet med tal, fx 140."
    ),
    ("loentilskud", "hourly_wage"): N_(
        "Hvad er personens timeløn før skat? Skriv beløbet med tal, fx 160."
    ),
    ("loentilskud", "hours_per_week"): N_("Hvor mange timer om ugen skal personen arbejde?"),
}

#: Why a value was not taken (the assistant's error codes), said kindly.
ERRORS: Mapping[str, str] = {
    "number_in_words": N_(
        "Skriv venligst tallet med cifre, fx 30000 i stedet for „tredive tusind“."
    ),
    "negative": N_("Et beløb kan ikke være negativt. Skriv venligst et tal på 0 eller mere."),
    "out_of_range": N_("Det tal ser ikke ud til at passe her. Prøv venligst igen."),
    "not_whole": N_("Skriv venligst et helt tal."),
    "not_understood": N_("Det forstod jeg ikke helt."),
}

#: Which calculator field a choice question's buttons come from.
CHOICE_FIELDS: Mapping[str, tuple[str, str]] = {
    "benefit": ("work_more_hours", "benefit"),
    "insurance": ("dagpenge", "insurance"),
    "civil_status": ("kontanthjaelp", "civil_status"),
    "employer_type": ("loentilskud", "employer_type"),
}
#: Buttons for the number of children (the value; 0 is shown as "none").
CHILDREN_CHOICES: tuple[int, ...] = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class CalculationRequest:
    """A checked calculation payload from the assistant."""

    calculator: str
    facts: Mapping[str, str | int | bool]
    explain: bool = False


def read_request(custom: Mapping[str, Any]) -> CalculationRequest | None:
    """The calculation in a bot message's ``custom``, checked; None if there is none or it
    is malformed (unknown calculator, unknown fact, a value of the wrong kind)."""
    raw = custom.get("calculation")
    if not isinstance(raw, Mapping):
        return None
    calculator = raw.get("calculator")
    facts = raw.get("facts") or {}
    if calculator not in CALCULATORS or not isinstance(facts, Mapping):
        return None
    clean: dict[str, str | int | bool] = {}
    for name, value in facts.items():
        kind = FACT_KINDS.get(str(name))
        if kind is None or value is None:
            continue
        if kind == "boolean":
            if not isinstance(value, bool):
                return None
            clean[str(name)] = value
        elif kind == "choice":
            if not isinstance(value, str) or len(value) > 40:
                return None
            clean[str(name)] = value
        elif isinstance(value, bool) or not isinstance(value, int | str):
            return None
        else:
            text = str(value).strip()
            if len(text) > 20 or not text.replace(".", "", 1).lstrip("-").isdigit():
                return None
            clean[str(name)] = (
                int(text) if kind == "integer" and text.lstrip("-").isdigit() else text
            )
    return CalculationRequest(str(calculator), clean, explain=custom.get("explain") is True)


def _yes_no(value: bool) -> str:
    return "true" if value else "false"


def calculator_values(calculator: str, facts: Mapping[str, str | int | bool]) -> dict[str, str]:
    """The calculator's field values (as a form would send them) for the chat's facts."""
    out: dict[str, str] = {}

    def put(field_name: str, fact: str) -> None:
        if fact in facts:
            value = facts[fact]
            out[field_name] = _yes_no(value) if isinstance(value, bool) else str(value)

    def children_fields(provider_field: str | None, count_field: str | None) -> None:
        if "children" not in facts:
            return
        count = int(facts["children"])
        if provider_field:
            out[provider_field] = _yes_no(count > 0)
        if count_field and count > 0:
            out[count_field] = str(count)

    put("year", "year")
    if calculator in ("dagpenge", "work_more_hours"):
        put("insurance", "insurance")
        put("monthly_income", "monthly_income")
        put("graduate", "graduate")
    if calculator == "dagpenge":
        put("age", "age")
        children_fields("provider", None)
    if calculator == "sygedagpenge":
        put("hourly_wage", "hourly_wage")
        put("hours_per_week", "hours_per_week")
    if calculator == "kontanthjaelp" or (
        calculator == "work_more_hours" and facts.get("benefit") == "kontanthjaelp"
    ):
        put("age", "age")
        put("civil_status", "civil_status")
        children_fields("has_children", "children_count")
    if calculator == "work_more_hours":
        put("benefit", "benefit")
        put("hourly_wage", "hourly_wage")
    if calculator == "fleksjob":
        put("monthly_wage", "monthly_income")
    if calculator == "loentilskud":
        put("employer_type", "employer_type")
        if facts.get("employer_type") != "public":
            put("hourly_wage", "hourly_wage")
        put("hours_per_week", "hours_per_week")
        put("weeks", "weeks")
        put("ordinary_employees", "employees")
    return out


@dataclass(frozen=True)
class ChatCalculation:
    """A calculation for the chat: the values used, and the result or the field errors."""

    calculator: str
    values: Mapping[str, str]
    result: Result | None = None
    errors: Mapping[str, FieldError] = field(default_factory=dict)

    @property
    def main(self) -> MainAmount:
        """The amount the chat answers with."""
        spec = CALCULATORS[self.calculator]
        key = PRIMARY_AMOUNT[self.calculator]
        return next(a for a in spec.main_amounts if a.key == key)

    @property
    def amount(self) -> Decimal | None:
        """The main amount, or None when the calculation failed."""
        if self.result is None:
            return None
        return self.result.amounts.get(self.main.key)

    @property
    def why(self) -> Step | None:
        """The step the main amount comes from: the first step with the same value under
        another name (dagpenge: 90 % of the income after AM-bidrag), else the step just
        before the main amount's own step."""
        if self.result is None:
            return None
        steps = list(self.result.steps)
        amount = self.amount
        for step in steps:
            if step.code != self.main.key and _same(step.value, amount):
                return step
        for index, step in enumerate(steps):
            if step.code == self.main.key and index > 0:
                return steps[index - 1]
        return None


def _same(value: object, amount: Decimal | None) -> bool:
    if amount is None or isinstance(value, bool) or not isinstance(value, Decimal | int):
        return False
    return Decimal(value) == amount


def compute(
    calculator: str, facts: Mapping[str, str | int | bool], book: RateBook, today: date
) -> ChatCalculation:
    """Run the portal's calculator on the chat's facts (the page's and the API's call)."""
    spec = CALCULATORS[calculator]
    values = calculator_values(calculator, facts)
    try:
        result = spec.run(values, book, today=today)
    except CalculatorValidationError as exc:
        return ChatCalculation(calculator, values, errors=dict(exc.errors))
    return ChatCalculation(calculator, values, result=result)


def question_text(fact: str, calculator: str | None) -> str | None:
    """The msgid of the question for ``fact`` (None for an unknown fact)."""
    if calculator and (calculator, fact) in CALCULATOR_QUESTIONS:
        return CALCULATOR_QUESTIONS[(calculator, fact)]
    return QUESTIONS.get(fact)
