"""Shared machinery for the benefit calculators: texts, inputs, rules, results.

Rules as OpenFisca writes them: every calculation is a chain of small named
formulas (:class:`Rule`), each with its legal reference and exactly one line in
the trace. A calculator asks the :class:`Calc` for the value of a rule
(``c(monthly_rate, inputs)``); the Calc computes it once, records the trace line
and every rate figure it read, so the result reads as a trace a caseworker can
follow line by line.

Each input is declared once, as a field of the calculator's frozen inputs
dataclass (:func:`decimal_input`, :func:`choice_input`, ...); the form, the
OpenAPI schema and the parser are derived from that declaration.

No user-visible English or Danish sentence is built here: texts are Danish
msgids marked with ``N_()`` plus parameters (:class:`Msg`); the web layer
translates them with gettext for the reader's language.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from typing import Any, Generic, Literal, Protocol, TypeAlias, TypeVar

from portal.domain.rates import (
    RateBook,
    RateFigure,
    RateNotAvailableError,
    RateSet,
    Status,
    UnknownPeriodError,
    round_half_up,
)
from portal.domain.texts import N_

__all__ = [
    "Calc",
    "CalcWarning",
    "CalculatorSpec",
    "CalculatorValidationError",
    "FieldError",
    "FieldSpec",
    "JSONValue",
    "MainAmount",
    "Msg",
    "Quantity",
    "Result",
    "Rule",
    "Step",
    "Traced",
    "money",
    "result_json_schema",
    "rule",
    "whole_kroner",
]

JSONValue: TypeAlias = (
    str | int | bool | None | Decimal | list["JSONValue"] | dict[str, "JSONValue"]
)
StepValue: TypeAlias = Decimal | int | str | bool

ZERO = Decimal(0)
HUNDRED = Decimal(100)


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


def money(x: Decimal) -> Decimal:
    """Kroner and øre (2 decimals), halves rounded up."""
    return round_half_up(x, 2)


def whole_kroner(x: Decimal) -> Decimal:
    """Whole kroner, halves rounded up (the rule for derived benefit rates)."""
    return round_half_up(x, 0)


def floor_kroner(x: Decimal) -> Decimal:
    """Whole kroner, rounded down."""
    return x.quantize(Decimal(1), rounding=ROUND_FLOOR)


def ceil_to(x: Decimal, step: Decimal) -> Decimal:
    """Round up to a multiple of ``step`` (e.g. whole hours)."""
    return (x / step).quantize(Decimal(1), rounding=ROUND_CEILING) * step


def pct(x: Decimal) -> Decimal:
    """A percentage figure as a fraction (82 -> 0.82)."""
    return x / HUNDRED


def fmt(x: Decimal | int) -> str:
    """A plain decimal string for the experts' calculation lines (no exponent)."""
    d = Decimal(x)
    return format(d.normalize() if d == d.to_integral_value() else d.normalize(), "f")


def to_json(value: object) -> JSONValue:
    """Decimals become strings (always); texts become their dict; containers are copied."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (Msg, Quantity)):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise TypeError(f"not JSON-safe: {value!r}")


# ---------------------------------------------------------------------------
# Texts: Danish msgids with parameters, translated by the web layer
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, as a text parameter (``21.092 kr. pr. måned``)."""

    value: Decimal
    unit: str

    def to_dict(self) -> dict[str, JSONValue]:
        """``{"value": "21092", "unit": "kr_per_month"}``."""
        return {"value": format(self.value, "f"), "unit": self.unit}


MsgParam: TypeAlias = "str | int | Decimal | Quantity | Msg"


@dataclass(frozen=True)
class Msg:
    """A user-visible text: a Danish msgid (``%(name)s`` placeholders) and its parameters.

    Parameters that are numbers or :class:`Quantity` are formatted for the reader's
    locale by the web layer; a :class:`Msg` parameter is translated too (e.g. a
    choice label inside a sentence); strings are inserted as they are.
    """

    msgid: str
    params: Mapping[str, MsgParam] = field(default_factory=dict)

    def to_dict(self) -> dict[str, JSONValue]:
        """``{"msgid": ..., "params": {...}}`` (language-neutral)."""
        return {"msgid": self.msgid, "params": {k: to_json(v) for k, v in self.params.items()}}

    def render(self, translate: Callable[[str], str], param: Callable[[object], str]) -> str:
        """The text through ``translate`` with every parameter formatted by ``param`` (a
        :class:`Msg` parameter is rendered recursively). Strict: a text that does not fit its
        parameters raises, so a test can find it."""
        text = translate(self.msgid)
        if not self.params:
            return text
        values = {
            k: v.render(translate, param) if isinstance(v, Msg) else param(v)
            for k, v in self.params.items()
        }
        return text % values

    def plain(self) -> str:
        """The Danish text with plain parameters (logs, tests; pages use the web layer)."""
        values = {
            k: (
                v.plain()
                if isinstance(v, Msg)
                else fmt(v.value)
                if isinstance(v, Quantity)
                else fmt(v)
                if isinstance(v, (Decimal, int)) and not isinstance(v, bool)
                else str(v)
            )
            for k, v in self.params.items()
        }
        try:
            return self.msgid % values if values else self.msgid
        except (KeyError, ValueError, TypeError):
            return self.msgid


def msg(msgid: str, **params: MsgParam) -> Msg:
    """Shorthand: ``msg(N_("Fra %(hours)s timer ..."), hours=Decimal(20))``."""
    return Msg(msgid, dict(params))


# ---------------------------------------------------------------------------
# Trace, warnings, result
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One line of the trace: what (a text), value with unit, legal reference.

    ``calculation`` is the line with the numbers put in (``40000 × (1 − 8 %)``) for the
    experts' view and the API; citizens see ``what`` and the value.
    """

    code: str
    what: Msg
    value: StepValue
    unit: str
    legal_reference: str
    calculation: str | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        """JSON-safe form."""
        return {
            "code": self.code,
            "what": self.what.to_dict(),
            "value": to_json(self.value),
            "unit": self.unit,
            "legal_reference": self.legal_reference,
            "calculation": self.calculation,
        }


@dataclass(frozen=True)
class CalcWarning:
    """Something the user or caseworker must know about the result."""

    code: str
    text: Msg

    @functools.cached_property
    def params(self) -> dict[str, str]:
        """The text's parameters as plain strings (stable for machines and tests)."""
        out: dict[str, str] = {}
        for k, v in self.text.params.items():
            if isinstance(v, Quantity):
                out[k] = format(v.value, "f")
            elif isinstance(v, Decimal):
                out[k] = format(v, "f")
            elif isinstance(v, Msg):
                out[k] = v.msgid
            else:
                out[k] = str(v)
        return out

    def to_dict(self) -> dict[str, JSONValue]:
        """JSON-safe form."""
        params: dict[str, JSONValue] = dict(self.params)
        return {"code": self.code, "text": self.text.to_dict(), "params": params}


@dataclass(frozen=True)
class Result:
    """What a calculator returns."""

    calculator: str
    year: int
    rates_date: date
    amounts: Mapping[str, Decimal]
    steps: Sequence[Step]
    rates_used: Sequence[RateFigure]
    warnings: Sequence[CalcWarning]
    details: Mapping[str, JSONValue] = field(default_factory=dict)
    inputs: Mapping[str, JSONValue] = field(default_factory=dict)

    @property
    def unconfirmed_rates(self) -> list[str]:
        """Keys of the figures used that are not confirmed or derived."""
        return [f.key for f in self.rates_used if f.status is Status.UNCONFIRMED]

    def warning_codes(self) -> list[str]:
        """Codes of the warnings, in order."""
        return [w.code for w in self.warnings]

    def to_dict(self) -> dict[str, JSONValue]:
        """JSON-safe form. Every Decimal is a string, e.g. ``"21092"`` or ``"131.55"``."""
        rates: list[JSONValue] = [dict(fig.to_dict()) for fig in self.rates_used]
        return {
            "calculator": self.calculator,
            "year": self.year,
            "rates_date": self.rates_date.isoformat(),
            "inputs": {k: to_json(v) for k, v in self.inputs.items()},
            "amounts": {k: format(v, "f") for k, v in self.amounts.items()},
            "steps": [s.to_dict() for s in self.steps],
            "rates_used": rates,
            "warnings": [w.to_dict() for w in self.warnings],
            "details": {k: to_json(v) for k, v in self.details.items()},
        }


_DECIMAL_STRING: dict[str, JSONValue] = {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}


def text_json_schema() -> dict[str, JSONValue]:
    """JSON Schema of a text (:meth:`Msg.to_dict`, plus ``text`` where the API renders it)."""
    return {
        "type": "object",
        "required": ["msgid", "params"],
        "properties": {
            "msgid": {"type": "string", "description": "The Danish source text (gettext msgid)."},
            "params": {"type": "object"},
            "text": {"type": "string", "description": "Rendered in the response's language."},
        },
    }


def result_json_schema() -> dict[str, JSONValue]:
    """JSON Schema of :meth:`Result.to_dict` (for the OpenAPI response body)."""
    text_schema: JSONValue = text_json_schema()
    decimal: JSONValue = dict(_DECIMAL_STRING)
    nullable_string: JSONValue = {"type": ["string", "null"]}
    return {
        "type": "object",
        "required": [
            "calculator",
            "year",
            "rates_date",
            "amounts",
            "steps",
            "rates_used",
            "warnings",
        ],
        "properties": {
            "calculator": {"type": "string"},
            "year": {"type": "integer"},
            "rates_date": {"type": "string", "format": "date"},
            "inputs": {"type": "object", "description": "The inputs as parsed."},
            "amounts": {"type": "object", "additionalProperties": decimal},
            "steps": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "what": text_schema,
                        "value": {"type": ["string", "integer", "boolean"]},
                        "unit": {"type": "string"},
                        "legal_reference": {"type": "string"},
                        "calculation": nullable_string,
                    },
                },
            },
            "rates_used": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "key": {"type": "string"},
                        "value": decimal,
                        "unit": {"type": "string"},
                        "valid_from": {"type": "string", "format": "date"},
                        "valid_to": nullable_string,
                        "law_reference": {"type": "string"},
                        "source_url": {"type": "string"},
                        "source_kind": {"type": "string"},
                        "status": {
                            "type": "string",
                            "enum": ["confirmed", "derived", "unconfirmed"],
                        },
                        "reason": nullable_string,
                        "formula": nullable_string,
                        "note": nullable_string,
                    },
                },
            },
            "warnings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "text": text_schema,
                        "params": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                },
            },
            "details": {"type": "object"},
        },
    }


# ---------------------------------------------------------------------------
# Rules and the calculation context
# ---------------------------------------------------------------------------

InputsT = TypeVar("InputsT")
RuleInputs = TypeVar("RuleInputs", contravariant=True)


@dataclass(frozen=True)
class Traced:
    """What a rule function returns: the value and what its trace line should say.

    ``params`` fill the rule's text; ``what`` and ``law`` replace the rule's text or
    legal reference for this case (e.g. the part-time paragraph).
    """

    value: Decimal
    calculation: str | None = None
    params: Mapping[str, MsgParam] = field(default_factory=dict)
    what: str | None = None
    law: str | None = None


class RuleFunction(Protocol[RuleInputs]):
    """The body of a :class:`Rule`."""

    def __call__(self, c: Calc, i: RuleInputs, /) -> Traced | None: ...


@dataclass(frozen=True, eq=False)
class Rule(Generic[InputsT]):
    """A named formula with its legal reference and its one trace line.

    The function returns :class:`Traced`, or ``None`` when the rule does not apply
    (then there is no trace line and the rule's value is ``None``).
    """

    code: str
    what: str
    unit: str
    law: str
    fn: RuleFunction[InputsT]

    def __call__(self, c: Calc, inputs: InputsT) -> Decimal | None:
        return c.value(self, inputs)


def rule(
    code: str, what: str, unit: str, law: str
) -> Callable[[RuleFunction[InputsT]], Rule[InputsT]]:
    """Decorator: ``@rule("hourly_rate", N_("Dagpenge pr. time"), "kr_per_hour", "AFL § 47")``."""

    def wrap(fn: RuleFunction[InputsT]) -> Rule[InputsT]:
        return Rule(code, what, unit, law, fn)

    return wrap


class Calc:
    """The calculation context: rates in force, rule values (computed once), trace, warnings."""

    def __init__(self, calculator: str, rates: RateSet) -> None:
        self.calculator = calculator
        self.rates = rates
        self._used: dict[str, RateFigure] = {}
        self._values: dict[str, Decimal | None] = {}
        self.steps: list[Step] = []
        self.warnings: list[CalcWarning] = []
        self._warning_keys: set[tuple[str, tuple[tuple[str, str], ...]]] = set()

    # -- rates -------------------------------------------------------------
    def rate(self, key: str) -> Decimal:
        """The value of a rate figure; the figure is listed in ``rates_used``."""
        fig = self.rates.get(key)
        self._used.setdefault(key, fig)
        return fig.value

    def figure(self, key: str) -> RateFigure:
        """The whole figure (and record it as used)."""
        fig = self.rates.get(key)
        self._used.setdefault(key, fig)
        return fig

    def has_rate(self, key: str) -> bool:
        """True if the figure is in force on the rates date (nothing is recorded)."""
        return key in self.rates

    def use_figures(self, figures: Sequence[RateFigure]) -> None:
        """Record figures used by a sub-calculation."""
        for fig in figures:
            self._used.setdefault(fig.key, fig)

    # -- rules -------------------------------------------------------------
    def value(self, r: Rule[InputsT], inputs: InputsT) -> Decimal | None:
        """The value of rule ``r`` (computed and traced the first time it is asked for)."""
        if r.code in self._values:
            return self._values[r.code]
        out = r.fn(self, inputs)
        if out is not None and out.params and "%(" not in (out.what or r.what):
            raise ValueError(f"rule {r.code}: parameters for a text without placeholders")
        value = None if out is None else out.value
        self._values[r.code] = value
        if out is not None:
            self.steps.append(
                Step(
                    r.code,
                    Msg(out.what or r.what, dict(out.params)),
                    out.value,
                    r.unit,
                    out.law or r.law,
                    out.calculation,
                )
            )
        return value

    def __call__(self, r: Rule[InputsT], inputs: InputsT) -> Decimal:
        """The value of a rule that always applies."""
        value = self.value(r, inputs)
        if value is None:
            raise ValueError(f"rule {r.code} did not apply")
        return value

    def step(
        self,
        code: str,
        what: Msg,
        value: StepValue,
        unit: str,
        legal_reference: str,
        calculation: str | None = None,
    ) -> None:
        """Add a trace line that is not a rule (e.g. a summary of a sub-calculation)."""
        self.steps.append(Step(code, what, value, unit, legal_reference, calculation))

    # -- warnings ----------------------------------------------------------
    def warn(self, code: str, text: str, **params: MsgParam) -> None:
        """Add a warning (once per code and parameters)."""
        self.add_warnings([CalcWarning(code, Msg(text, dict(params)))])

    def add_warnings(self, warnings: Sequence[CalcWarning]) -> None:
        """Copy warnings (deduplicated by code and parameters)."""
        for w in warnings:
            key = (w.code, tuple(sorted(w.params.items())))
            if key not in self._warning_keys:
                self._warning_keys.add(key)
                self.warnings.append(w)

    def result(
        self,
        amounts: Mapping[str, Decimal],
        details: Mapping[str, JSONValue] | None = None,
    ) -> Result:
        """Finish: one ``unconfirmed_rate`` warning per unconfirmed figure used."""
        for fig in self._used.values():
            if fig.status is Status.UNCONFIRMED:
                self.warn(
                    "unconfirmed_rate",
                    N_("Tallet „%(name)s“ (%(value)s) er ikke bekræftet af en officiel kilde."),
                    name=Msg(figure_name_msgid(fig.key)),
                    value=Quantity(fig.value, fig.unit),
                    key=fig.key,
                )
        return Result(
            calculator=self.calculator,
            year=self.rates.year,
            rates_date=self.rates.on,
            amounts=dict(amounts),
            steps=list(self.steps),
            rates_used=list(self._used.values()),
            warnings=list(self.warnings),
            details=dict(details or {}),
        )


def figure_name_msgid(key: str) -> str:
    """The translatable name of a rate figure (see :mod:`.figures`)."""
    from portal.domain.calculators.figures import figure_name

    return figure_name(key)


# ---------------------------------------------------------------------------
# Validation errors
# ---------------------------------------------------------------------------

ERROR_TEXTS: dict[str, str] = {
    "required": N_("Feltet skal udfyldes."),
    "not_a_number": N_("Skriv et tal."),
    "not_an_integer": N_("Skriv et helt tal."),
    "not_a_boolean": N_("Vælg ja eller nej."),
    "invalid_choice": N_("Vælg en af mulighederne."),
    "below_min": N_("Værdien skal være mindst %(min)s."),
    "above_max": N_("Værdien må højst være %(max)s."),
    "year_not_available": N_("Der er ingen satser for %(year)s. Vælg et af årene %(available)s."),
    "rate_not_available": N_("En sats, som beregningen skal bruge, mangler for %(year)s."),
    "single_provider_needs_single_with_children": N_(
        "Som enlig forsørger skal du være enlig og have børn."
    ),
    "must_not_be_below_field": N_("Værdien må ikke være lavere end „%(other)s“."),
    "required_for_choice": N_("Feltet skal udfyldes, når „%(other)s“ er „%(value)s“."),
}


@dataclass(frozen=True)
class FieldError:
    """One field's problem: a stable code and its parameters (field names, numbers)."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        """The Danish msgid of the message (translated by the web layer)."""
        return ERROR_TEXTS.get(self.code, ERROR_TEXTS["invalid_choice"])

    def to_dict(self) -> dict[str, JSONValue]:
        """``{"code", "params", "message": {"msgid", "params"}}``."""
        params: dict[str, JSONValue] = dict(self.params)
        return {
            "code": self.code,
            "params": params,
            "message": {"msgid": self.msgid, "params": dict(params)},
        }


class CalculatorValidationError(ValueError):
    """Bad input. ``errors`` maps field name to :class:`FieldError` (HTTP 422)."""

    def __init__(self, errors: Mapping[str, FieldError]) -> None:
        self.errors: dict[str, FieldError] = dict(errors)
        super().__init__("; ".join(f"{k}: {v.code}" for k, v in self.errors.items()))

    def to_dict(self) -> dict[str, JSONValue]:
        """``{"errors": {field: {...}}}``."""
        return {"errors": {k: v.to_dict() for k, v in self.errors.items()}}


# ---------------------------------------------------------------------------
# Inputs: declared once on the inputs dataclass
# ---------------------------------------------------------------------------

FieldKind = Literal["decimal", "integer", "boolean", "choice"]
FieldValue: TypeAlias = Decimal | int | bool | str | None

TRUE_WORDS = frozenset({"true", "1", "on", "yes", "ja", "y"})
FALSE_WORDS = frozenset({"false", "0", "off", "no", "nej", "n"})


def parse_decimal_text(text: str) -> Decimal:
    """Parse ``"21092"``, ``"21092.5"``, ``"21.092,50"``, ``"21 092,5"``, ``"131,55"``."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".")
    if not s or s.lower() in {"nan", "inf", "-inf", "+inf", "infinity"}:
        raise ValueError(text)
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class FieldSpec:
    """An input field: enough to render a form and an OpenAPI schema generically.

    ``label``, ``help`` and ``choice_labels`` are Danish msgids. ``required_when``
    (field, value) makes the field required only for that choice; ``required_unless``
    (field, value) makes it required except for that choice; both are explained next
    to the field. ``shown_when`` says the field only matters for that choice.
    """

    name: str
    kind: FieldKind
    label: str
    required: bool = False
    default: FieldValue = None
    choices: tuple[str, ...] = ()
    choice_labels: Mapping[str, str] = field(default_factory=dict)
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    unit: str | None = None
    help: str | None = None
    shown_when: tuple[str, str] | None = None
    required_when: tuple[str, str] | None = None
    required_unless: tuple[str, str] | None = None
    english_title: str = ""

    @property
    def optional(self) -> bool:
        """True if leaving it empty is always fine (it has no requirement of any kind)."""
        return not (self.required or self.required_when or self.required_unless)

    def parse(self, raw: object) -> FieldValue:
        """Coerce one raw value; raise :class:`_FieldProblem` on bad input."""
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            if self.kind == "boolean" and not self.required:
                return self.default if self.default is not None else False
            if self.required:
                raise _FieldProblem(FieldError("required"))
            return self.default
        if self.kind == "boolean":
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.strip().lower() in TRUE_WORDS:
                return True
            if isinstance(raw, str) and raw.strip().lower() in FALSE_WORDS:
                return False
            if isinstance(raw, int) and raw in (0, 1):
                return bool(raw)
            raise _FieldProblem(FieldError("not_a_boolean"))
        if self.kind == "choice":
            value = str(raw).strip()
            if value not in self.choices:
                raise _FieldProblem(
                    FieldError("invalid_choice", {"choices": ", ".join(self.choices)})
                )
            return value
        number = self._number(raw)
        if self.minimum is not None and number < self.minimum:
            raise _FieldProblem(FieldError("below_min", {"min": format(self.minimum, "f")}))
        if self.maximum is not None and number > self.maximum:
            raise _FieldProblem(FieldError("above_max", {"max": format(self.maximum, "f")}))
        if self.kind == "integer":
            return int(number)
        return number

    def _number(self, raw: object) -> Decimal:
        if isinstance(raw, bool):
            raise _FieldProblem(FieldError("not_a_number"))
        try:
            if isinstance(raw, Decimal):
                number = raw
            elif isinstance(raw, int):
                number = Decimal(raw)
            elif isinstance(raw, float):
                number = Decimal(str(raw))
            elif isinstance(raw, str):
                number = parse_decimal_text(raw)
            else:
                raise ValueError(raw)
        except ValueError:
            raise _FieldProblem(
                FieldError("not_an_integer" if self.kind == "integer" else "not_a_number")
            ) from None
        if not number.is_finite():
            raise _FieldProblem(FieldError("not_a_number"))
        if self.kind == "integer" and number != number.to_integral_value():
            raise _FieldProblem(FieldError("not_an_integer"))
        return number

    def to_dict(self) -> dict[str, JSONValue]:
        """Everything a form renderer needs (JSON-safe; texts as msgids)."""
        default: JSONValue = to_json(self.default)
        return {
            "name": self.name,
            "type": self.kind,
            "required": self.required,
            "default": default,
            "choices": list(self.choices),
            "choice_labels": {k: {"msgid": v, "params": {}} for k, v in self.choice_labels.items()},
            "min": format(self.minimum, "f") if self.minimum is not None else None,
            "max": format(self.maximum, "f") if self.maximum is not None else None,
            "unit": self.unit,
            "label": {"msgid": self.label, "params": {}},
            "help": {"msgid": self.help, "params": {}} if self.help else None,
            "shown_when": {"field": self.shown_when[0], "equals": self.shown_when[1]}
            if self.shown_when
            else None,
            "required_when": {"field": self.required_when[0], "equals": self.required_when[1]}
            if self.required_when
            else None,
            "required_unless": {
                "field": self.required_unless[0],
                "equals": self.required_unless[1],
            }
            if self.required_unless
            else None,
        }

    def json_schema(self) -> dict[str, JSONValue]:
        """JSON Schema (OpenAPI 3.1) for this field; titles are the Danish labels."""
        schema: dict[str, JSONValue] = {"title": self.label}
        if self.help:
            schema["description"] = self.help
        if self.kind == "decimal":
            schema["type"] = "number"
        elif self.kind == "integer":
            schema["type"] = "integer"
        elif self.kind == "boolean":
            schema["type"] = "boolean"
        else:
            schema["type"] = "string"
            enum: list[JSONValue] = list(self.choices)
            schema["enum"] = enum
        if self.minimum is not None:
            schema["minimum"] = _json_number(self.minimum)
        if self.maximum is not None:
            schema["maximum"] = _json_number(self.maximum)
        if self.default is not None:
            schema["default"] = (
                _json_number(self.default) if isinstance(self.default, Decimal) else self.default
            )
        if self.unit:
            schema["x-unit"] = self.unit
        return schema


def _json_number(value: Decimal) -> JSONValue:
    if value == value.to_integral_value():
        return int(value)
    return format(value, "f")


class _FieldProblem(Exception):
    def __init__(self, error: FieldError) -> None:
        self.error = error
        super().__init__(error.code)


_SPEC_KEY = "jobvej_input"


def _input(spec: FieldSpec, default: FieldValue) -> Any:
    return dataclasses.field(default=default, metadata={_SPEC_KEY: spec})


def decimal_input(
    label: str,
    *,
    unit: str,
    minimum: Decimal | int = 0,
    maximum: Decimal | int,
    default: Decimal | None = None,
    required: bool = False,
    help: str | None = None,  # noqa: A002 - the field's help text
    shown_when: tuple[str, str] | None = None,
    required_when: tuple[str, str] | None = None,
    required_unless: tuple[str, str] | None = None,
) -> Any:
    """Declare a decimal input on an inputs dataclass (name = the attribute)."""
    spec = FieldSpec(
        "",
        "decimal",
        label,
        required=required,
        default=default,
        minimum=Decimal(minimum),
        maximum=Decimal(maximum),
        unit=unit,
        help=help,
        shown_when=shown_when,
        required_when=required_when,
        required_unless=required_unless,
    )
    return _input(spec, default)


def integer_input(
    label: str,
    *,
    unit: str,
    minimum: int,
    maximum: int,
    default: int | None = None,
    required: bool = False,
    help: str | None = None,  # noqa: A002
    shown_when: tuple[str, str] | None = None,
    required_when: tuple[str, str] | None = None,
) -> Any:
    """Declare an integer input."""
    spec = FieldSpec(
        "",
        "integer",
        label,
        required=required,
        default=default,
        minimum=Decimal(minimum),
        maximum=Decimal(maximum),
        unit=unit,
        help=help,
        shown_when=shown_when,
        required_when=required_when,
    )
    return _input(spec, default)


def boolean_input(
    label: str,
    *,
    default: bool = False,
    help: str | None = None,  # noqa: A002
    shown_when: tuple[str, str] | None = None,
) -> Any:
    """Declare a yes/no input (never required: no answer means the default)."""
    spec = FieldSpec("", "boolean", label, default=default, help=help, shown_when=shown_when)
    return _input(spec, default)


def choice_input(
    label: str,
    choices: Mapping[str, str],
    *,
    default: str,
    required: bool = False,
    help: str | None = None,  # noqa: A002
    shown_when: tuple[str, str] | None = None,
) -> Any:
    """Declare a choice input; ``choices`` maps each value to its label msgid."""
    spec = FieldSpec(
        "",
        "choice",
        label,
        required=required,
        default=default,
        choices=tuple(choices),
        choice_labels=dict(choices),
        help=help,
        shown_when=shown_when,
    )
    return _input(spec, default)


def year_input() -> Any:
    """The ``year`` every calculator has: empty means the year of the date asked about."""
    spec = FieldSpec(
        "",
        "integer",
        N_("År"),
        minimum=Decimal(2000),
        maximum=Decimal(2100),
        help=N_("Året, hvis satser bruges. Tomt felt: året for i dag."),
    )
    return _input(spec, None)


def input_fields(inputs_type: type) -> tuple[FieldSpec, ...]:
    """The FieldSpecs declared on an inputs dataclass, in declaration order."""
    out: list[FieldSpec] = []
    for f in dataclasses.fields(inputs_type):
        spec = f.metadata.get(_SPEC_KEY)
        if isinstance(spec, FieldSpec):
            out.append(dataclasses.replace(spec, name=f.name))
    return tuple(out)


def _equals_schema(field: FieldSpec | None, name: str, equals: str) -> dict[str, JSONValue]:
    """JSON Schema for "``name`` equals ``equals``", counting a missing field as its default."""
    value: JSONValue = (
        (equals == "true") if field is not None and field.kind == "boolean" else equals
    )
    schema: dict[str, JSONValue] = {"properties": {name: {"const": value}}}
    default = field.default if field is not None else None
    if default is None or not _choice_matches(default, equals):
        schema["required"] = [name]
    return schema


def _choice_matches(actual: FieldValue, equals: str) -> bool:
    if isinstance(actual, bool):
        return (equals == "true") == actual
    return str(actual) == equals


def _check_conditional(fields: Sequence[FieldSpec], values: Mapping[str, FieldValue]) -> None:
    """Conditional requirements: the error is the plain ``required``; the condition is
    explained next to the field."""
    errors: dict[str, FieldError] = {}
    for f in fields:
        if values.get(f.name) is not None or not (f.required_when or f.required_unless):
            continue
        needed = True
        if f.required_when is not None:
            needed = _choice_matches(values.get(f.required_when[0]), f.required_when[1])
        if f.required_unless is not None:
            needed = needed and not _choice_matches(
                values.get(f.required_unless[0]), f.required_unless[1]
            )
        if needed:
            errors[f.name] = FieldError("required")
    if errors:
        raise CalculatorValidationError(errors)


def parse_fields(fields: Sequence[FieldSpec], raw: Mapping[str, object]) -> dict[str, FieldValue]:
    """Coerce every field; collect all errors; conditional requirements next; unknown keys
    are ignored."""
    values: dict[str, FieldValue] = {}
    errors: dict[str, FieldError] = {}
    for spec in fields:
        try:
            values[spec.name] = spec.parse(raw.get(spec.name))
        except _FieldProblem as problem:
            errors[spec.name] = problem.error
    if errors:
        raise CalculatorValidationError(errors)
    _check_conditional(fields, values)
    return values


class HasYear(Protocol):
    """Every calculator's inputs carry the rate year (``None``: the year of the date asked)."""

    @property
    def year(self) -> int | None:
        """The year whose rates apply."""
        ...


SpecInputs = TypeVar("SpecInputs", bound=HasYear)


@dataclass(frozen=True)
class MainAmount:
    """An amount shown prominently at the top of a result."""

    key: str
    label: str
    unit: str


def builder(
    inputs_type: Callable[..., SpecInputs],
    validate: Callable[[SpecInputs], None] | None = None,
) -> Callable[[dict[str, FieldValue]], SpecInputs]:
    """``build()`` for an inputs dataclass: construct it, then the cross-field checks."""

    def build(values: dict[str, FieldValue]) -> SpecInputs:
        inputs = inputs_type(**values)
        if validate is not None:
            validate(inputs)
        return inputs

    return build


@dataclass(frozen=True)
class CalculatorSpec(Generic[SpecInputs]):
    """A calculator: its inputs, its calculation and what the pages say around it.

    ``help_topic`` links the result to an article, ``main_amounts`` are shown at the
    top of a result, ``not_included`` is the "what the calculation does not include"
    box, ``audience`` groups calculators on the index page.
    """

    name: str
    title: str
    description: str
    fields: tuple[FieldSpec, ...]
    build: Callable[[dict[str, FieldValue]], SpecInputs]
    compute: Callable[[SpecInputs, RateSet], Result]
    legal_basis: str = ""
    help_topic: str | None = None
    audiences: tuple[str, ...] = ("citizen",)
    main_amounts: tuple[MainAmount, ...] = ()
    not_included: tuple[str, ...] = ()
    english_title: str = ""

    def field(self, name: str) -> FieldSpec:
        """The field named ``name``."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def parse_inputs(self, raw: Mapping[str, object]) -> SpecInputs:
        """Validate raw form/JSON values; :class:`CalculatorValidationError` on bad input."""
        return self.build(parse_fields(self.fields, raw))

    def calculate(self, inputs: SpecInputs, rates: RateSet) -> Result:
        """Run the calculation on parsed inputs and the rates in force."""
        return self.compute(inputs, rates)

    def rates_for(self, inputs: SpecInputs, book: RateBook, today: date | None = None) -> RateSet:
        """The rates for the inputs' year on the date asked about (see :meth:`RateBook.rates_for`);
        an unknown year is a field error on ``year``."""
        day = today or date.today()
        year = inputs.year if inputs.year is not None else book.year_for(day)
        try:
            return book.rates_for(year, day)
        except UnknownPeriodError as exc:
            raise CalculatorValidationError(
                {
                    "year": FieldError(
                        "year_not_available",
                        {
                            "year": str(year),
                            "available": ", ".join(str(y) for y in exc.available),
                        },
                    )
                }
            ) from exc

    def run(self, raw: Mapping[str, object], book: RateBook, today: date | None = None) -> Result:
        """Parse, pick the rates and calculate (what the page and the API do).

        ``today`` is the date asked about (the clock; tests fix it). Without a ``year``
        the calculation uses that date's year, or - just after New Year, before the new
        year's rates exist - the latest year before it, and says so in a warning.
        """
        day = today or date.today()
        inputs = self.parse_inputs(raw)
        rates = self.rates_for(inputs, book, day)
        if inputs.year != rates.year:
            inputs = dataclasses.replace(inputs, year=rates.year)  # type: ignore[type-var]
        try:
            result = self.calculate(inputs, rates)
        except RateNotAvailableError as exc:
            fallback = book.for_year(rates.year)
            if fallback.on == rates.on:
                raise self._missing(rates.year, exc) from exc
            try:
                result = self.calculate(inputs, fallback)
            except RateNotAvailableError as again:
                raise self._missing(rates.year, again) from again
        if rates.year != day.year and raw.get("year") in (None, ""):
            result = _with_warning(
                result,
                CalcWarning(
                    "rates_from_earlier_year",
                    msg(
                        N_(
                            "Satserne for %(asked)s er endnu ikke lagt ind. Beregningen bruger "
                            "satserne for %(used)s."
                        ),
                        asked=str(day.year),
                        used=str(rates.year),
                    ),
                ),
            )
        return dataclasses.replace(result, inputs=_inputs_json(inputs))

    @staticmethod
    def _missing(year: int, exc: RateNotAvailableError) -> CalculatorValidationError:
        return CalculatorValidationError(
            {"year": FieldError("rate_not_available", {"year": str(year), "key": exc.key})}
        )

    def to_dict(self) -> dict[str, JSONValue]:
        """Description for generic form rendering (texts as msgids)."""
        return {
            "name": self.name,
            "title": {"msgid": self.title, "params": {}},
            "description": {"msgid": self.description, "params": {}},
            "legal_basis": self.legal_basis,
            "help_topic": self.help_topic,
            "audiences": list(self.audiences),
            "main_amounts": [
                {"key": a.key, "label": {"msgid": a.label, "params": {}}, "unit": a.unit}
                for a in self.main_amounts
            ],
            "fields": [f.to_dict() for f in self.fields],
        }

    def json_schema(self) -> dict[str, JSONValue]:
        """JSON Schema of the request body (for an OpenAPI document)."""
        properties: dict[str, JSONValue] = {f.name: f.json_schema() for f in self.fields}
        required: list[JSONValue] = [f.name for f in self.fields if f.required]
        schema: dict[str, JSONValue] = {
            "type": "object",
            "title": self.english_title or self.title,
            "description": self.description,
            "properties": properties,
            "required": required,
            "additionalProperties": True,
        }
        conditions = self._conditional_schemas()
        if conditions:
            schema["allOf"] = conditions
        return schema

    def _conditional_schemas(self) -> list[JSONValue]:
        """``required_when``/``required_unless`` as JSON Schema ``if``/``then`` (a field left
        out counts as its default, as :meth:`parse_inputs` does)."""
        by_name = {f.name: f for f in self.fields}
        out: list[JSONValue] = []
        for f in self.fields:
            tests: list[JSONValue] = []
            if f.required_when is not None:
                name, equals = f.required_when
                tests.append(_equals_schema(by_name.get(name), name, equals))
            if f.required_unless is not None:
                name, equals = f.required_unless
                tests.append({"not": _equals_schema(by_name.get(name), name, equals)})
            if tests:
                test: JSONValue = tests[0] if len(tests) == 1 else {"allOf": tests}
                then: dict[str, JSONValue] = {"required": [f.name]}
                out.append({"if": test, "then": then})
        return out


def _with_warning(result: Result, warning: CalcWarning) -> Result:
    return dataclasses.replace(result, warnings=[warning, *result.warnings])


def _inputs_json(inputs: object) -> dict[str, JSONValue]:
    if not dataclasses.is_dataclass(inputs) or isinstance(inputs, type):
        return {}
    out: dict[str, JSONValue] = {}
    for f in dataclasses.fields(inputs):
        value = getattr(inputs, f.name)
        if dataclasses.is_dataclass(value):
            continue
        out[f.name] = to_json(value)
    return out
