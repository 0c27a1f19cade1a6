"""Benefit rates as data: load, validate and look up the yearly rate files.

Every figure in ``content/rates/<year>.yaml`` carries its value, unit, the date
it is valid from, the law reference, the source URL, what kind of source that
is, and a status:

``confirmed``
    read on an official source (state, municipality) or in the law text;
``derived``
    computed by a statutory formula from confirmed or derived figures (the
    ``formula`` is mandatory and is re-computed at load time);
``unconfirmed``
    third-party source, placeholder, or derived from an unconfirmed figure; the
    optional ``reason`` says why in one code (:class:`UnconfirmedReason`), so the
    pages can explain it in the reader's language.

A figure may carry a ``formula`` whatever its status: the loader evaluates it
and refuses the file if the result differs from the stated value, so a
published figure can be checked against the rule that produced it.

No Flask, no database: :func:`load_rates` is called by the web app at start-up
and by the tests.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

__all__ = [
    "RateBook",
    "RateFigure",
    "RateNotAvailableError",
    "RateSet",
    "RatesDataError",
    "RatesError",
    "SourceKind",
    "Status",
    "UnconfirmedReason",
    "UnknownPeriodError",
    "evaluate_formula",
    "load_rates",
]

YEAR_FILE = re.compile(r"^(\d{4})\.ya?ml$")
# libyaml's safe loader when PyYAML was built with it (several times faster at startup)
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_CACHED_SETS = 64  # dates; far more than a day of requests asks for

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
CROSS_YEAR = re.compile(r"^y(\d{4})$")

UNITS: frozenset[str] = frozenset(
    {
        "kr_per_month",
        "kr_per_week",
        "kr_per_hour",
        "kr_per_year",
        "kr",
        "percent",
        "hours_per_month",
        "hours_per_week",
        "hours",
        "weeks_per_month",
        "months",
        "persons",
        "children",
        "weeks",
        "index",
    }
)


class Status(StrEnum):
    """How sure we are of a figure."""

    CONFIRMED = "confirmed"
    DERIVED = "derived"
    UNCONFIRMED = "unconfirmed"


class SourceKind(StrEnum):
    """What kind of source a figure was read on."""

    OFFICIAL = "official"  # bm.dk, star.dk, skm.dk, borger.dk, ft.dk, retsinformation.dk
    MUNICIPAL = "municipal"  # a kommune's own website
    LAW_TEXT = "law_text"  # the law's own wording, read on a law site
    DERIVED = "derived"  # computed by us with the formula given
    THIRD_PARTY = "third_party"  # a-kasse, union, law firm, calculator
    NONE = "none"  # placeholder: no source found


class UnconfirmedReason(StrEnum):
    """Why a figure is not confirmed (shown to citizens in plain words)."""

    THIRD_PARTY = "third_party"  # only a non-official source (a-kasse, union, law firm)
    FROM_UNCONFIRMED = "from_unconfirmed"  # computed from a figure that is not confirmed
    NOT_PUBLISHED = "not_published"  # the year's figure is not published yet: an estimate
    STALE = "stale"  # only an earlier year's figure was found; the real one is higher
    PLACEHOLDER = "placeholder"  # no source at all: a rough estimate
    RULE_NOT_READ = "rule_not_read"  # the amount is official, but the rule itself was not read
    NEXT_YEAR = "next_year"  # carried over from the year before, not yet confirmed for this year


class RatesError(Exception):
    """Base class for every error about rate data."""


class RatesDataError(RatesError):
    """The rate files are invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        summary = "; ".join(self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"invalid rate data: {summary}{more}")


class UnknownPeriodError(RatesError, LookupError):
    """No rate file covers the requested year or date."""

    def __init__(self, requested: int | date, available: Iterable[int]) -> None:
        self.requested = requested
        self.available: tuple[int, ...] = tuple(sorted(available))
        years = ", ".join(str(y) for y in self.available) or "none"
        super().__init__(f"no rates for {requested}; rates are available for: {years}")


class RateNotAvailableError(RatesError, LookupError):
    """The period is known, but this figure has no value valid on that date."""

    def __init__(self, key: str, on: date) -> None:
        self.key = key
        self.on = on
        super().__init__(f"rate {key!r} has no value valid on {on.isoformat()}")


@dataclass(frozen=True)
class RateFigure:
    """One figure with its provenance."""

    key: str
    value: Decimal
    unit: str
    valid_from: date
    valid_to: date | None
    law_reference: str
    source_url: str
    source_kind: SourceKind
    status: Status
    year: int
    formula: str | None = None
    note: str | None = None
    reference: bool = False
    reason: UnconfirmedReason | None = None

    @property
    def unconfirmed_reason(self) -> UnconfirmedReason | None:
        """Why the figure is not confirmed (``None`` if it is confirmed or derived): the
        file's ``reason``, else what the source kind and formula imply."""
        if self.status is not Status.UNCONFIRMED:
            return None
        if self.reason is not None:
            return self.reason
        if self.source_kind is SourceKind.NONE:
            return UnconfirmedReason.PLACEHOLDER
        if self.formula:
            return UnconfirmedReason.FROM_UNCONFIRMED
        if self.source_kind is SourceKind.THIRD_PARTY:
            return UnconfirmedReason.THIRD_PARTY
        return UnconfirmedReason.RULE_NOT_READ

    def valid_on(self, day: date) -> bool:
        """True if the figure is in force on ``day``."""
        if day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to

    def to_dict(self) -> dict[str, str | None]:
        """JSON-safe form (the value as a decimal string)."""
        return {
            "key": self.key,
            "value": _decimal_str(self.value),
            "unit": self.unit,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "law_reference": self.law_reference,
            "source_url": self.source_url,
            "source_kind": self.source_kind.value,
            "status": self.status.value,
            "reason": reason.value if (reason := self.unconfirmed_reason) else None,
            "formula": self.formula,
            "note": self.note,
        }


@dataclass(frozen=True)
class RateSet:
    """The figures in force on one date (what a calculator receives)."""

    year: int
    on: date
    figures: Mapping[str, RateFigure] = field(repr=False)

    def get(self, key: str) -> RateFigure:
        """The figure ``key``; :class:`RateNotAvailableError` if none is in force."""
        try:
            return self.figures[key]
        except KeyError:
            raise RateNotAvailableError(key, self.on) from None

    def value(self, key: str) -> Decimal:
        """The value of figure ``key``."""
        return self.get(key).value

    def __contains__(self, key: object) -> bool:
        return key in self.figures

    def __iter__(self) -> Iterator[str]:
        return iter(self.figures)

    def statuses(self) -> dict[str, Status]:
        """Status of every figure in the set, by key."""
        return {k: f.status for k, f in self.figures.items()}


@dataclass(frozen=True)
class RateBook:
    """All loaded years. Use :meth:`for_year` or :meth:`for_date`."""

    by_year: Mapping[int, Mapping[str, RateFigure]] = field(repr=False)
    directory: Path | None = None
    # RateSets already built, by date (a calculation asks for the same few dates all day).
    _sets: dict[date, RateSet] = field(default_factory=dict, repr=False, compare=False)

    @property
    def years(self) -> tuple[int, ...]:
        """Years with a rate file, ascending."""
        return tuple(sorted(self.by_year))

    def for_date(self, day: date) -> RateSet:
        """Figures in force on ``day``. A year without a file is an error."""
        cached = self._sets.get(day)
        if cached is not None:
            return cached
        figures = self.by_year.get(day.year)
        if figures is None:
            raise UnknownPeriodError(day, self.by_year)
        in_force = {k: f for k, f in figures.items() if not f.reference and f.valid_on(day)}
        rate_set = RateSet(year=day.year, on=day, figures=MappingProxyType(in_force))
        if len(self._sets) >= _MAX_CACHED_SETS:
            self._sets.clear()
        self._sets[day] = rate_set
        return rate_set

    def for_year(self, year: int) -> RateSet:
        """Figures in force at the end of ``year`` (the latest values that year)."""
        if year not in self.by_year:
            raise UnknownPeriodError(year, self.by_year)
        return self.for_date(date(year, 12, 31))

    def year_for(self, day: date) -> int:
        """The year whose rates apply on ``day``: that year if it has a file, otherwise
        (just after New Year, before the new file exists) the latest year before it."""
        if day.year in self.by_year:
            return day.year
        earlier = [y for y in self.by_year if y < day.year]
        if not earlier:
            raise UnknownPeriodError(day.year, self.by_year)
        return max(earlier)

    def rates_for(self, year: int, today: date) -> RateSet:
        """The rates for ``year`` as asked about on ``today``: today's figures for the
        current year, the first day's for a future year, the last day's for a past year."""
        if year not in self.by_year:
            raise UnknownPeriodError(year, self.by_year)
        if year == today.year:
            return self.for_date(today)
        if year > today.year:
            return self.for_date(date(year, 1, 1))
        return self.for_year(year)

    def figure(self, year: int, key: str) -> RateFigure:
        """One figure of a year's file, reference figures included."""
        if year not in self.by_year:
            raise UnknownPeriodError(year, self.by_year)
        try:
            return self.by_year[year][key]
        except KeyError:
            raise RateNotAvailableError(key, date(year, 12, 31)) from None


# ---------------------------------------------------------------------------
# Formula evaluation (a tiny, safe expression language over Decimal)
# ---------------------------------------------------------------------------


def _round_half_up(x: Decimal, places: int = 0) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return x.quantize(quantum, rounding=ROUND_HALF_UP)


def _round_to(x: Decimal, step: Decimal) -> Decimal:
    return (x / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _round_up_to(x: Decimal, step: Decimal) -> Decimal:
    return (x / step).quantize(Decimal(1), rounding=ROUND_CEILING) * step


def _fn_round(*args: Decimal) -> Decimal:
    if len(args) == 1:
        return _round_half_up(args[0])
    if len(args) == 2:
        return _round_half_up(args[0], int(args[1]))
    raise ValueError("round() takes 1 or 2 arguments")


def _fn_round_to(*args: Decimal) -> Decimal:
    if len(args) != 2:
        raise ValueError("round_to() takes 2 arguments")
    return _round_to(args[0], args[1])


def _fn_round_up_to(*args: Decimal) -> Decimal:
    if len(args) != 2:
        raise ValueError("round_up_to() takes 2 arguments")
    return _round_up_to(args[0], args[1])


def _fn_min(*args: Decimal) -> Decimal:
    return min(args)


def _fn_max(*args: Decimal) -> Decimal:
    return max(args)


FUNCTIONS: dict[str, Callable[..., Decimal]] = {
    "round": _fn_round,
    "round_to": _fn_round_to,
    "round_up_to": _fn_round_up_to,
    "min": _fn_min,
    "max": _fn_max,
}


def _dotted_name(node: ast.expr) -> str | None:
    parts: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        current = current.value
    if isinstance(current, ast.Name):
        parts.append(current.id)
        return ".".join(reversed(parts))
    return None


def formula_names(formula: str) -> list[str]:
    """The dotted figure names a formula refers to, in order of appearance."""
    tree = ast.parse(formula, mode="eval")
    names: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.Attribute, ast.Name)):
            name = _dotted_name(node)
            if name is not None:
                names.append(name)
                return
        if isinstance(node, ast.Call):
            for arg in node.args:
                visit(arg)
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def evaluate_formula(formula: str, resolve: Callable[[str], Decimal]) -> Decimal:
    """Evaluate ``formula`` with Decimal arithmetic.

    Allowed: numbers, dotted figure names (looked up with ``resolve``), ``+ - * /``,
    unary minus, parentheses and the functions ``round(x[, places])`` (half up),
    ``round_to(x, step)``, ``round_up_to(x, step)``, ``min`` and ``max``.
    """
    tree = ast.parse(formula, mode="eval")

    def ev(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            if isinstance(node.value, bool):
                raise ValueError("booleans are not allowed in formulas")
            return Decimal(str(node.value))
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = _dotted_name(node)
            if name is None:
                raise ValueError("unsupported name expression")
            return resolve(name)
        if isinstance(node, ast.BinOp):
            left, right = ev(node.left), ev(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if isinstance(node.op, ast.Div):
                return left / right
            raise ValueError(f"operator {type(node.op).__name__} is not allowed")
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = ev(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            fn = FUNCTIONS.get(node.func.id)
            if fn is None or node.keywords:
                raise ValueError(f"function {node.func.id!r} is not allowed")
            return fn(*(ev(a) for a in node.args))
        raise ValueError(f"{type(node).__name__} is not allowed in formulas")

    return ev(tree)


# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------

_REQUIRED_FIELDS = (
    "value",
    "unit",
    "valid_from",
    "law_reference",
    "source_url",
    "source_kind",
    "status",
)
_OPTIONAL_FIELDS = ("valid_to", "formula", "note", "reason")


def _decimal_str(value: Decimal) -> str:
    text = format(value, "f")
    return text


def _to_decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(raw, (int, float, str)):
        try:
            result = Decimal(str(raw).strip())
        except InvalidOperation:
            raise ValueError(f"{raw!r} is not a number") from None
        if not result.is_finite():
            raise ValueError(f"{raw!r} is not a finite number")
        return result
    raise ValueError(f"{raw!r} is not a number")


def _to_date(raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        return date.fromisoformat(raw)
    raise ValueError(f"{raw!r} is not a date (YYYY-MM-DD)")


def _parse_figure(
    year: int, key: str, raw: Any, *, reference: bool, problems: list[str]
) -> RateFigure | None:
    where = f"{year}.yaml: {key}"
    if not KEY_PATTERN.match(key):
        problems.append(
            f"{where}: key must be dotted lower_snake_case (e.g. dagpenge.max_full_time)"
        )
        return None
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: must be a mapping")
        return None
    missing = [f for f in _REQUIRED_FIELDS if f not in raw]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    unknown = sorted(set(raw) - set(_REQUIRED_FIELDS) - set(_OPTIONAL_FIELDS))
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(str(u) for u in unknown)}")
    start = len(problems)
    try:
        value = _to_decimal(raw["value"])
    except ValueError as exc:
        problems.append(f"{where}: value: {exc}")
        value = Decimal(0)
    unit = str(raw["unit"])
    if unit not in UNITS:
        problems.append(f"{where}: unknown unit {unit!r} (allowed: {', '.join(sorted(UNITS))})")
    try:
        valid_from = _to_date(raw["valid_from"])
    except ValueError as exc:
        problems.append(f"{where}: valid_from: {exc}")
        valid_from = date(year, 1, 1)
    valid_to: date | None = None
    if raw.get("valid_to") is not None:
        try:
            valid_to = _to_date(raw["valid_to"])
        except ValueError as exc:
            problems.append(f"{where}: valid_to: {exc}")
    if not reference and valid_from.year != year:
        problems.append(f"{where}: valid_from {valid_from} is not in {year}")
    if valid_to is not None and valid_to < valid_from:
        problems.append(f"{where}: valid_to is before valid_from")
    try:
        status = Status(str(raw["status"]))
    except ValueError:
        problems.append(f"{where}: status must be one of confirmed, derived, unconfirmed")
        status = Status.UNCONFIRMED
    try:
        kind = SourceKind(str(raw["source_kind"]))
    except ValueError:
        problems.append(
            f"{where}: source_kind must be one of {', '.join(k.value for k in SourceKind)}"
        )
        kind = SourceKind.NONE
    source_url = str(raw["source_url"] or "")
    law_reference = str(raw["law_reference"] or "").strip()
    formula = raw.get("formula")
    formula_text = str(formula).strip() if formula is not None else None
    note = raw.get("note")
    reason: UnconfirmedReason | None = None
    if raw.get("reason") is not None:
        try:
            reason = UnconfirmedReason(str(raw["reason"]))
        except ValueError:
            problems.append(
                f"{where}: reason must be one of {', '.join(r.value for r in UnconfirmedReason)}"
            )
        if status is not Status.UNCONFIRMED:
            problems.append(f"{where}: only an unconfirmed figure has a reason")
    if kind is SourceKind.NONE:
        if status is not Status.UNCONFIRMED:
            problems.append(f"{where}: a figure without a source must be unconfirmed")
    elif not source_url.startswith(("https://", "http://")):
        problems.append(f"{where}: source_url must be an http(s) URL")
    if not law_reference:
        problems.append(f"{where}: law_reference must not be empty")
    if status is Status.CONFIRMED and kind in (
        SourceKind.THIRD_PARTY,
        SourceKind.NONE,
        SourceKind.DERIVED,
    ):
        problems.append(f"{where}: a {kind.value} source cannot make a figure confirmed")
    if status is Status.DERIVED and not formula_text:
        problems.append(f"{where}: a derived figure needs a formula")
    if kind is SourceKind.DERIVED and not formula_text:
        problems.append(f"{where}: source_kind derived needs a formula")
    if formula_text:
        try:
            formula_names(formula_text)
        except SyntaxError:
            problems.append(f"{where}: formula is not a valid expression: {formula_text!r}")
    if len(problems) > start:
        return None
    return RateFigure(
        key=key,
        value=value,
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
        law_reference=law_reference,
        source_url=source_url,
        source_kind=kind,
        status=status,
        year=year,
        formula=formula_text,
        note=str(note).strip() if note is not None else None,
        reference=reference,
        reason=reason,
    )


def _load_file(path: Path, year: int, problems: list[str]) -> dict[str, RateFigure]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
        return {}
    if not isinstance(data, Mapping):
        problems.append(f"{path.name}: top level must be a mapping")
        return {}
    if data.get("year") != year:
        problems.append(f"{path.name}: 'year' must be {year}")
    unknown = sorted(set(data) - {"year", "description", "figures", "reference"})
    if unknown:
        problems.append(
            f"{path.name}: unknown top-level key(s) {', '.join(str(u) for u in unknown)}"
        )
    figures: dict[str, RateFigure] = {}
    for section, is_reference in (("figures", False), ("reference", True)):
        raw_section = data.get(section) or {}
        if not isinstance(raw_section, Mapping):
            problems.append(f"{path.name}: '{section}' must be a mapping")
            continue
        for key, raw in raw_section.items():
            key_str = str(key)
            if key_str in figures:
                problems.append(f"{path.name}: {key_str} is defined twice")
                continue
            fig = _parse_figure(year, key_str, raw, reference=is_reference, problems=problems)
            if fig is not None:
                figures[key_str] = fig
    if not any(not f.reference for f in figures.values()):
        problems.append(f"{path.name}: no figures")
    return figures


def _check_formulas(by_year: Mapping[int, Mapping[str, RateFigure]], problems: list[str]) -> None:
    """Re-compute every formula; check derived figures rest on sure figures."""

    def locate(year: int, name: str) -> RateFigure:
        head, _, rest = name.partition(".")
        match = CROSS_YEAR.match(head)
        if match and rest:
            other = int(match.group(1))
            if other not in by_year:
                raise KeyError(f"{name} (no rate file for {other})")
            return by_year[other][rest]
        return by_year[year][name]

    for year, figures in sorted(by_year.items()):
        for key, fig in figures.items():
            if not fig.formula:
                continue
            where = f"{year}.yaml: {key}"
            try:
                refs = [locate(year, n) for n in formula_names(fig.formula)]
            except KeyError as exc:
                problems.append(f"{where}: formula refers to unknown figure {exc.args[0]}")
                continue

            def resolve(name: str, y: int = year) -> Decimal:
                return locate(y, name).value

            try:
                result = evaluate_formula(fig.formula, resolve)
            except (ValueError, ArithmeticError) as exc:
                problems.append(f"{where}: formula cannot be evaluated: {exc}")
                continue
            if result != fig.value:
                problems.append(
                    f"{where}: formula {fig.formula!r} gives {_decimal_str(result)}, "
                    f"but the value is {_decimal_str(fig.value)}"
                )
            if fig.status is Status.DERIVED:
                shaky = [r.key for r in refs if r.status is Status.UNCONFIRMED]
                if shaky:
                    problems.append(
                        f"{where}: derived from unconfirmed figure(s) {', '.join(shaky)}; mark "
                        "it unconfirmed"
                    )


def load_rates(directory: str | Path) -> RateBook:
    """Load and validate every ``<year>.yaml`` in ``directory``.

    Raises :class:`RatesDataError` listing every problem if anything is wrong,
    so a bad rate file stops the application at start-up instead of giving
    wrong amounts later.
    """
    root = Path(directory)
    if not root.is_dir():
        raise RatesDataError([f"{root}: rate directory not found"])
    problems: list[str] = []
    by_year: dict[int, dict[str, RateFigure]] = {}
    for path in sorted(root.iterdir()):
        match = YEAR_FILE.match(path.name)
        if not match or not path.is_file():
            continue
        year = int(match.group(1))
        if year in by_year:
            problems.append(f"{path.name}: a second file for {year}")
            continue
        by_year[year] = _load_file(path, year, problems)
    if not by_year:
        problems.append(f"{root}: no <year>.yaml rate files")
    if not problems:
        _check_formulas(by_year, problems)
    if problems:
        raise RatesDataError(problems)
    return RateBook(by_year=by_year, directory=root)


def round_half_up(x: Decimal, places: int = 0) -> Decimal:
    """Round to ``places`` decimals, halves away from zero (Danish practice)."""
    return _round_half_up(x, places)


def round_to_step(x: Decimal, step: Decimal) -> Decimal:
    """Round to the nearest multiple of ``step``, halves up."""
    return _round_to(x, step)
