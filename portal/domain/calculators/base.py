"""Shared machinery for the benefit calculators.

Every calculator is a pure function ``(inputs, rates) -> Result``. A
:class:`Calc` records each step (what, value, unit, legal reference), every
rate figure used (with its source and status) and every warning, so the result
reads as a trace a caseworker can follow line by line.

Inputs are described by :class:`FieldSpec` objects. :class:`CalculatorSpec`
turns a raw mapping (form fields or JSON) into a typed inputs object, or raises
:class:`CalculatorValidationError` with one stable code per field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from typing import Generic, Literal, Protocol, TypeAlias, TypeVar

from portal.domain.rates import (
    RateBook,
    RateFigure,
    RateNotAvailableError,
    RateSet,
    Status,
    UnknownPeriodError,
    round_half_up,
)

__all__ = [
    "Calc",
    "CalculatorSpec",
    "CalculatorValidationError",
    "FieldError",
    "FieldSpec",
    "JSONValue",
    "Result",
    "Step",
    "Text",
    "CalcWarning",
    "money",
    "result_json_schema",
    "whole_kroner",
]

JSONValue: TypeAlias = (
    str | int | bool | None | Decimal | list["JSONValue"] | dict[str, "JSONValue"]
)
StepValue: TypeAlias = Decimal | int | str | bool

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def money(x: Decimal) -> Decimal:
    """Kroner and øre (2 decimals), halves rounded up."""
    return round_half_up(x, 2)


def whole_kroner(x: Decimal) -> Decimal:
    """Whole kroner, halves rounded up (the rule for derived benefit rates)."""
    return round_half_up(x, 0)


def floor_kroner(x: Decimal) -> Decimal:
    """Whole kroner, rounded down."""
    return x.quantize(Decimal(1), rounding=ROUND_FLOOR)


def pct(x: Decimal) -> Decimal:
    """A percentage figure as a fraction (82 -> 0.82)."""
    return x / HUNDRED


def fmt(x: Decimal) -> str:
    """A plain decimal string for calculation texts (no exponent)."""
    return format(x.normalize() if x == x.to_integral_value() else x, "f")


def to_json(value: JSONValue) -> JSONValue:
    """Decimals become strings (always); containers are copied recursively."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Text:
    """A text with an English and a Danish default; the web layer may translate by code."""

    en: str
    da: str

    def format(self, **params: object) -> Text:
        """Fill ``{name}`` placeholders in both languages."""
        return Text(self.en.format(**params), self.da.format(**params))

    def to_dict(self) -> dict[str, str]:
        """``{"en": ..., "da": ...}``."""
        return {"en": self.en, "da": self.da}


@dataclass(frozen=True)
class Step:
    """One line of the trace."""

    code: str
    what: Text
    value: StepValue
    unit: str
    legal_reference: str
    calculation: str | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        """JSON-safe form."""
        value: JSONValue = self.value
        return {
            "code": self.code,
            "what": dict(self.what.to_dict()),
            "value": to_json(value),
            "unit": self.unit,
            "legal_reference": self.legal_reference,
            "calculation": self.calculation,
        }


@dataclass(frozen=True)
class CalcWarning:
    """Something the user or caseworker must know about the result."""

    code: str
    text: Text
    params: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, JSONValue]:
        """JSON-safe form."""
        return {"code": self.code, "text": dict(self.text.to_dict()), "params": dict(self.params)}


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

    @property
    def unconfirmed_rates(self) -> list[str]:
        """Keys of the figures used that are not confirmed or derived."""
        return [f.key for f in self.rates_used if f.status is Status.UNCONFIRMED]

    def warning_codes(self) -> list[str]:
        """Codes of the warnings, in order."""
        return [w.code for w in self.warnings]

    def to_dict(self) -> dict[str, JSONValue]:
        """JSON-safe form. Every Decimal is a string, e.g. ``"21092"`` or ``"131.55"``."""
        rates: list[JSONValue] = []
        for fig in self.rates_used:
            rates.append(dict(fig.to_dict()))
        return {
            "calculator": self.calculator,
            "year": self.year,
            "rates_date": self.rates_date.isoformat(),
            "amounts": {k: format(v, "f") for k, v in self.amounts.items()},
            "steps": [s.to_dict() for s in self.steps],
            "rates_used": rates,
            "warnings": [w.to_dict() for w in self.warnings],
            "details": {k: to_json(v) for k, v in self.details.items()},
        }


_TEXT_SCHEMA: dict[str, JSONValue] = {
    "type": "object",
    "properties": {"en": {"type": "string"}, "da": {"type": "string"}},
    "required": ["en", "da"],
}
_DECIMAL_STRING: dict[str, JSONValue] = {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}


def result_json_schema() -> dict[str, JSONValue]:
    """JSON Schema of :meth:`Result.to_dict` (for the OpenAPI response body)."""
    text_schema: JSONValue = dict(_TEXT_SCHEMA)
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


class Calc:
    """Builder for a :class:`Result`: records rates used, steps and warnings."""

    def __init__(self, calculator: str, rates: RateSet) -> None:
        self.calculator = calculator
        self.rates = rates
        self._used: dict[str, RateFigure] = {}
        self.steps: list[Step] = []
        self.warnings: list[CalcWarning] = []

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

    def use_figures(self, figures: Sequence[RateFigure]) -> None:
        """Record figures used by a sub-calculation."""
        for fig in figures:
            self._used.setdefault(fig.key, fig)

    def step(
        self,
        code: str,
        what: Text,
        value: StepValue,
        unit: str,
        legal_reference: str,
        calculation: str | None = None,
    ) -> None:
        """Add a line to the trace."""
        self.steps.append(Step(code, what, value, unit, legal_reference, calculation))

    def warn(self, code: str, text: Text, **params: str) -> None:
        """Add a warning (once per code and parameters)."""
        warning = CalcWarning(code, text.format(**params) if params else text, dict(params))
        if not any(w.code == code and dict(w.params) == dict(params) for w in self.warnings):
            self.warnings.append(warning)

    def add_warnings(self, warnings: Sequence[CalcWarning]) -> None:
        """Copy warnings from a sub-calculation (deduplicated)."""
        for w in warnings:
            if not any(
                x.code == w.code and dict(x.params) == dict(w.params) for x in self.warnings
            ):
                self.warnings.append(w)

    def result(
        self, amounts: Mapping[str, Decimal], details: Mapping[str, JSONValue] | None = None
    ) -> Result:
        """Finish: one ``unconfirmed_rate`` warning per unconfirmed figure used."""
        for fig in self._used.values():
            if fig.status is Status.UNCONFIRMED:
                self.warn(
                    "unconfirmed_rate",
                    Text(
                        "The figure {key} ({value}) is not confirmed by an official source: {note}",
                        "Tallet {key} ({value}) er ikke bekræftet af en officiel kilde: {note}",
                    ),
                    key=fig.key,
                    value=format(fig.value, "f"),
                    note=fig.note or fig.source_url,
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


# ---------------------------------------------------------------------------
# Validation errors
# ---------------------------------------------------------------------------

MESSAGES: dict[str, Text] = {
    "required": Text("This field is required.", "Feltet skal udfyldes."),
    "not_a_number": Text("Enter a number.", "Skriv et tal."),
    "not_an_integer": Text("Enter a whole number.", "Skriv et helt tal."),
    "not_a_boolean": Text("Choose yes or no.", "Vælg ja eller nej."),
    "invalid_choice": Text("Choose one of the options.", "Vælg en af mulighederne."),
    "below_min": Text("The value must be at least {min}.", "Værdien skal være mindst {min}."),
    "above_max": Text("The value must be at most {max}.", "Værdien må højst være {max}."),
    "year_not_available": Text(
        "There are no rates for {year}. Available years: {available}.",
        "Der er ingen satser for {year}. Tilgængelige år: {available}.",
    ),
    "rate_not_available": Text(
        "A rate needed for this calculation is missing for {year} ({key}).",
        "En sats, som beregningen skal bruge, mangler for {year} ({key}).",
    ),
    "single_provider_needs_single_with_children": Text(
        "A single provider must be single and have children.",
        "En enlig forsørger skal være enlig og have børn.",
    ),
    "must_not_be_below_field": Text(
        "The value must not be lower than {other}.", "Værdien må ikke være lavere end {other}."
    ),
    "required_for_choice": Text(
        "This field is required when {other} is {value}.",
        "Feltet skal udfyldes, når {other} er {value}.",
    ),
}


@dataclass(frozen=True)
class FieldError:
    """One field's problem: a stable code, its parameters and default texts."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> Text:
        """Default English/Danish message."""
        template = MESSAGES.get(self.code, Text(self.code, self.code))
        try:
            return template.format(**self.params)
        except KeyError:
            return template

    def to_dict(self) -> dict[str, JSONValue]:
        """``{"code", "params", "message": {"en", "da"}}``."""
        return {
            "code": self.code,
            "params": dict(self.params),
            "message": dict(self.text.to_dict()),
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
# Field specs and parsing
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
    """An input field: enough to render a form and an OpenAPI schema generically."""

    name: str
    kind: FieldKind
    label: Text
    required: bool = False
    default: FieldValue = None
    choices: tuple[str, ...] = ()
    choice_labels: Mapping[str, Text] = field(default_factory=dict)
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    unit: str | None = None
    help: Text | None = None
    shown_when: tuple[str, str] | None = None

    def label_code(self, calculator: str) -> str:
        """Stable translation key for the label."""
        return f"calculators.{calculator}.{self.name}.label"

    def help_code(self, calculator: str) -> str:
        """Stable translation key for the help text."""
        return f"calculators.{calculator}.{self.name}.help"

    def parse(self, raw: object) -> FieldValue:
        """Coerce one raw value; raise :class:`FieldError`-carrying ValueError."""
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

    def to_dict(self, calculator: str) -> dict[str, JSONValue]:
        """Everything a form renderer needs (JSON-safe)."""
        default: JSONValue = self.default
        return {
            "name": self.name,
            "type": self.kind,
            "required": self.required,
            "default": to_json(default),
            "choices": list(self.choices),
            "choice_labels": {k: dict(v.to_dict()) for k, v in self.choice_labels.items()},
            "min": format(self.minimum, "f") if self.minimum is not None else None,
            "max": format(self.maximum, "f") if self.maximum is not None else None,
            "unit": self.unit,
            "label": dict(self.label.to_dict()),
            "label_code": self.label_code(calculator),
            "help": dict(self.help.to_dict()) if self.help else None,
            "help_code": self.help_code(calculator),
            "shown_when": {"field": self.shown_when[0], "equals": self.shown_when[1]}
            if self.shown_when
            else None,
        }

    def json_schema(self) -> dict[str, JSONValue]:
        """JSON Schema (OpenAPI 3.1) for this field."""
        schema: dict[str, JSONValue] = {"title": self.label.en}
        if self.help:
            schema["description"] = self.help.en
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


def parse_fields(fields: Sequence[FieldSpec], raw: Mapping[str, object]) -> dict[str, FieldValue]:
    """Coerce every field; collect all errors; unknown keys are ignored."""
    values: dict[str, FieldValue] = {}
    errors: dict[str, FieldError] = {}
    for spec in fields:
        try:
            values[spec.name] = spec.parse(raw.get(spec.name))
        except _FieldProblem as problem:
            errors[spec.name] = problem.error
    if errors:
        raise CalculatorValidationError(errors)
    return values


class HasYear(Protocol):
    """Every calculator's inputs carry the rate year."""

    @property
    def year(self) -> int:
        """The year whose rates apply."""
        ...


InputsT = TypeVar("InputsT", bound=HasYear)


@dataclass(frozen=True)
class CalculatorSpec(Generic[InputsT]):
    """A calculator as the web layer sees it: fields, parsing and calculation."""

    name: str
    title: Text
    description: Text
    fields: tuple[FieldSpec, ...]
    build: Callable[[dict[str, FieldValue]], InputsT]
    compute: Callable[[InputsT, RateSet], Result]
    legal_basis: str = ""

    def field(self, name: str) -> FieldSpec:
        """The field named ``name``."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def parse_inputs(self, raw: Mapping[str, object]) -> InputsT:
        """Validate raw form/JSON values; :class:`CalculatorValidationError` on bad input."""
        return self.build(parse_fields(self.fields, raw))

    def calculate(self, inputs: InputsT, rates: RateSet) -> Result:
        """Run the calculation on parsed inputs and the rates in force."""
        return self.compute(inputs, rates)

    def rates_for(self, inputs: InputsT, book: RateBook) -> RateSet:
        """The rates for ``inputs.year``; an unknown year is a field error on ``year``."""
        try:
            return book.for_year(inputs.year)
        except UnknownPeriodError as exc:
            raise CalculatorValidationError(
                {
                    "year": FieldError(
                        "year_not_available",
                        {
                            "year": str(inputs.year),
                            "available": ", ".join(str(y) for y in exc.available),
                        },
                    )
                }
            ) from exc

    def run(self, raw: Mapping[str, object], book: RateBook) -> Result:
        """Parse, pick the year's rates and calculate (what the API endpoint does)."""
        inputs = self.parse_inputs(raw)
        rates = self.rates_for(inputs, book)
        try:
            return self.calculate(inputs, rates)
        except RateNotAvailableError as exc:
            raise CalculatorValidationError(
                {
                    "year": FieldError(
                        "rate_not_available", {"year": str(inputs.year), "key": exc.key}
                    )
                }
            ) from exc

    def to_dict(self) -> dict[str, JSONValue]:
        """Description for generic form rendering."""
        return {
            "name": self.name,
            "title": dict(self.title.to_dict()),
            "description": dict(self.description.to_dict()),
            "legal_basis": self.legal_basis,
            "fields": [f.to_dict(self.name) for f in self.fields],
        }

    def json_schema(self) -> dict[str, JSONValue]:
        """JSON Schema of the request body (for an OpenAPI document)."""
        properties: dict[str, JSONValue] = {f.name: f.json_schema() for f in self.fields}
        required: list[JSONValue] = [f.name for f in self.fields if f.required]
        return {
            "type": "object",
            "title": self.title.en,
            "description": self.description.en,
            "properties": properties,
            "required": required,
            "additionalProperties": True,
        }


def dec(values: Mapping[str, FieldValue], name: str) -> Decimal:
    """A parsed decimal (0 if absent)."""
    value = values.get(name)
    if value is None:
        return ZERO
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{name}: expected a number")
    return Decimal(value)


def opt_dec(values: Mapping[str, FieldValue], name: str) -> Decimal | None:
    """A parsed decimal or None."""
    value = values.get(name)
    if value is None:
        return None
    return dec(values, name)


def boolean(values: Mapping[str, FieldValue], name: str) -> bool:
    """A parsed boolean (False if absent)."""
    return bool(values.get(name) or False)


def integer(values: Mapping[str, FieldValue], name: str) -> int:
    """A parsed integer (must be present)."""
    value = values.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name}: expected an integer")
    return value


def opt_int(values: Mapping[str, FieldValue], name: str) -> int | None:
    """A parsed integer or None."""
    value = values.get(name)
    if value is None:
        return None
    return integer(values, name)


def text(values: Mapping[str, FieldValue], name: str) -> str:
    """A parsed choice."""
    value = values.get(name)
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected a choice")
    return value


def year_field() -> FieldSpec:
    """The ``year`` field every calculator has."""
    return FieldSpec(
        "year",
        "integer",
        Text("Year", "År"),
        required=True,
        minimum=Decimal(2000),
        maximum=Decimal(2100),
        help=Text("The year whose rates are used.", "Året, hvis satser bruges."),
    )
