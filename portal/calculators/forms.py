"""Rendering helpers for the calculator pages and API: forms generated from the domain's
FieldSpecs, error messages in the user's language, amounts formatted for the locale.

The domain (`portal.domain.calculators`) knows nothing about Flask; everything that depends
on the request's language lives here. Error codes are mapped to Danish msgids (English in the
catalog; other languages fall back to Danish). Labels, help texts, steps and warnings come from
the domain's `Text(en, da)`: English on English pages, Danish otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal
from flask_babel import LazyString, format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.domain.calculators import (
    CalculatorSpec,
    ChartLabels,
    FieldError,
    FieldSpec,
    Result,
    Text,
)
from portal.domain.calculators.work_more_hours import LOW_GAIN_SHARE_PCT
from portal.domain.rates import RateBook, RateFigure, Status
from portal.i18n import current_lang

# ---------------------------------------------------------------------------
# Which calculators, for whom, and what they link to
# ---------------------------------------------------------------------------

CITIZEN_CALCULATORS = ("dagpenge", "kontanthjaelp", "work_more_hours", "sygedagpenge", "fleksjob")
EMPLOYER_CALCULATORS = ("loentilskud", "fleksjob")

HELP_TOPICS: dict[str, str] = {
    "dagpenge": "dagpenge_amount",
    "kontanthjaelp": "kontanthjaelp_amount",
    "work_more_hours": "work_more_hours",
    "sygedagpenge": "sickness_benefit",
    "loentilskud": "wage_subsidy",
    "fleksjob": "hire_flexjob",
}

# The amounts shown prominently at the top of a result: (amount key, label, unit).
MAIN_AMOUNTS: dict[str, tuple[tuple[str, LazyString, str], ...]] = {
    "dagpenge": (
        ("monthly_amount", _l("Dagpenge pr. måned før skat"), "kr_per_month"),
        ("monthly_rate", _l("Din sats for en hel måned uden arbejde"), "kr_per_month"),
        ("hourly_rate", _l("Sats pr. time"), "kr_per_hour"),
    ),
    "kontanthjaelp": (
        ("monthly_amount", _l("Kontanthjælp pr. måned før skat"), "kr_per_month"),
        ("gross_entitlement", _l("Sats med tillæg før fradrag"), "kr_per_month"),
        ("total_income", _l("Samlet indkomst pr. måned med dine egne indtægter"), "kr_per_month"),
    ),
    "work_more_hours": (
        ("total_after_tax_at_0_hours", _l("Indkomst efter skat uden arbejde"), "kr_per_month"),
        (
            "total_after_tax_at_37_hours",
            _l("Indkomst efter skat ved 37 timer om ugen"),
            "kr_per_month",
        ),
        ("gain_after_tax_0_to_37", _l("Forskel efter skat ved 37 timer om ugen"), "kr_per_month"),
        (
            "low_gain_hour_count",
            _l("Antal timetal, hvor en ekstra time næsten ikke kan betale sig"),
            "count",
        ),
    ),
    "sygedagpenge": (
        ("weekly_amount", _l("Sygedagpenge pr. uge før skat"), "kr_per_week"),
        ("hourly_amount", _l("Sygedagpenge pr. time"), "kr_per_hour"),
    ),
    "loentilskud": (
        ("subsidy_per_hour", _l("Tilskud pr. time"), "kr_per_hour"),
        ("subsidy_total", _l("Tilskud i alt"), "kr"),
        ("net_cost_total", _l("Jeres nettoudgift i alt"), "kr"),
        ("allowed_subsidised", _l("Personer I højst kan have ansat med løntilskud"), "persons"),
    ),
    "fleksjob": (
        ("subsidy", _l("Fleksløntilskud pr. måned før skat"), "kr_per_month"),
        ("total_income", _l("Løn og tilskud i alt pr. måned"), "kr_per_month"),
        ("employer_cost", _l("Arbejdsgiverens lønudgift pr. måned"), "kr_per_month"),
    ),
}

NOT_INCLUDED: dict[str, tuple[LazyString, ...]] = {
    "dagpenge": (
        _l("Skat: beløbet er før skat."),
        _l("Hvordan a-kassen opgør din indtægt ud fra dine faktiske lønoplysninger."),
        _l("Om du opfylder betingelserne for dagpenge. Det vurderer a-kassen."),
        _l("Feriedagpenge og fradrag for fx ferie, sygdom eller anden indtægt."),
    ),
    "kontanthjaelp": (
        _l("Skat: beløbet er før skat."),
        _l("Boligstøtte, særlig støtte og fritidstillæg."),
        _l("Hjælp til enkeltudgifter, fx tandbehandling eller medicin."),
        _l("Kommunens individuelle vurdering af din situation. Kommunen træffer afgørelsen."),
    ),
    "work_more_hours": (
        _l(
            "Skatten er kun et cirkatal: gennemsnitlig kommuneskat, ingen kirkeskat og ingen "
            "topskat."
        ),
        _l("Boligstøtte, børne- og ungeydelse og andre ydelser, der ændrer sig med din indkomst."),
        _l("Udgifter ved at arbejde, fx transport og børnepasning."),
        _l("Kommunen eller a-kassen afgør, hvad du får udbetalt."),
    ),
    "sygedagpenge": (
        _l("Skat: beløbet er før skat."),
        _l("Om du opfylder beskæftigelseskravet. Det vurderer kommunen."),
        _l("Løn under sygdom fra din arbejdsgiver efter overenskomst eller kontrakt."),
        _l("Særlige regler for selvstændige."),
    ),
    "loentilskud": (
        _l("Pension, ATP og andre lønomkostninger ud over timelønnen."),
        _l("Om personen er i målgruppen for løntilskud. Det vurderer kommunen."),
        _l("Om kravet om merbeskæftigelse er opfyldt. Det vurderer kommunen."),
        _l("Tilskud efter andre ordninger, fx fleksjob eller voksenlærling."),
    ),
    "fleksjob": (
        _l("Skat: beløbene er før skat."),
        _l("Det ekstra ATP-bidrag, feriepenge og fradrag for anden indtægt."),
        _l("Om du er visiteret til fleksjob. Det afgør kommunen."),
        _l("Regulering bagefter, når kommunen kender den faktiske løn."),
    ),
}

# ---------------------------------------------------------------------------
# Error messages: domain code -> Danish msgid (English in the catalog)
# ---------------------------------------------------------------------------

ERROR_MESSAGES: dict[str, LazyString] = {
    "required": _l("Feltet skal udfyldes."),
    "not_a_number": _l("Skriv et tal."),
    "not_an_integer": _l("Skriv et helt tal."),
    "not_a_boolean": _l("Vælg ja eller nej."),
    "invalid_choice": _l("Vælg en af mulighederne."),
    "below_min": _l("Værdien skal være mindst %(min)s."),
    "above_max": _l("Værdien må højst være %(max)s."),
    "year_not_available": _l("Der er ingen satser for %(year)s. Vælg et af årene %(available)s."),
    "rate_not_available": _l(
        "En sats, som beregningen skal bruge, mangler for %(year)s (%(key)s)."
    ),
    "single_provider_needs_single_with_children": _l(
        "Som enlig forsørger skal du være enlig og have børn."
    ),
    "must_not_be_below_field": _l("Værdien må ikke være lavere end „%(other)s“."),
    "required_for_choice": _l("Feltet skal udfyldes, når „%(other)s“ er „%(value)s“."),
}


def pick(text: Text | Mapping[str, str] | None) -> str:
    """The domain text in the page's language: English on English pages, Danish otherwise."""
    if text is None:
        return ""
    if isinstance(text, Text):
        return text.en if current_lang() == "en" else text.da
    return str(text.get("en") if current_lang() == "en" else text.get("da")) or ""


def error_message(spec: CalculatorSpec[Any], error: FieldError) -> str:
    """A field error as a sentence in the current locale (numbers and field names localised)."""
    template = ERROR_MESSAGES.get(error.code)
    if template is None:  # a code the web layer does not know yet: the domain's own text
        return pick(error.text)
    params: dict[str, str] = {}
    for key, value in error.params.items():
        if key in {"min", "max"}:
            params[key] = format_number(Decimal(value))
        elif key == "other":
            params[key] = _field_label(spec, value)
        else:
            params[key] = value
    if error.code == "required_for_choice" and "other" in error.params:
        params["value"] = _choice_label(spec, error.params["other"], error.params.get("value", ""))
    try:
        return str(template) % params
    except (KeyError, ValueError):
        return pick(error.text)


def _field_label(spec: CalculatorSpec[Any], name: str) -> str:
    try:
        return pick(spec.field(name).label)
    except KeyError:
        return name


def _choice_label(spec: CalculatorSpec[Any], name: str, value: str) -> str:
    try:
        labels = spec.field(name).choice_labels
    except KeyError:
        return value
    return pick(labels[value]) if value in labels else value


def field_errors(spec: CalculatorSpec[Any], errors: Mapping[str, FieldError]) -> dict[str, str]:
    """Every field error as a message in the current locale."""
    return {name: error_message(spec, err) for name, err in errors.items()}


# ---------------------------------------------------------------------------
# Numbers and units
# ---------------------------------------------------------------------------

UNIT_FORMATS: dict[str, LazyString] = {
    "kr": _l("%(amount)s kr."),
    "kr_per_month": _l("%(amount)s kr. pr. måned"),
    "kr_per_week": _l("%(amount)s kr. pr. uge"),
    "kr_per_hour": _l("%(amount)s kr. pr. time"),
    "kr_per_year": _l("%(amount)s kr. pr. år"),
    "percent": _l("%(amount)s %%"),
    "hours": _l("%(amount)s timer"),
    "hours_per_month": _l("%(amount)s timer pr. måned"),
    "hours_per_week": _l("%(amount)s timer pr. uge"),
    "weeks": _l("%(amount)s uger"),
    "weeks_per_month": _l("%(amount)s uger pr. måned"),
    "months": _l("%(amount)s måneder"),
    "persons": _l("%(amount)s personer"),
    "years": _l("%(amount)s år"),
}

UNIT_NAMES: dict[str, LazyString] = {
    "kr": _l("kr."),
    "kr_per_month": _l("kr. pr. måned"),
    "kr_per_week": _l("kr. pr. uge"),
    "kr_per_hour": _l("kr. pr. time"),
    "kr_per_year": _l("kr. pr. år"),
    "percent": _l("procent"),
    "hours": _l("timer"),
    "hours_per_month": _l("timer pr. måned"),
    "hours_per_week": _l("timer pr. uge"),
    "weeks": _l("uger"),
    "weeks_per_month": _l("uger pr. måned"),
    "months": _l("måneder"),
    "persons": _l("personer"),
    "years": _l("år"),
}


def format_number(value: Decimal | int) -> str:
    """A number the locale's way: 21.092 and 131,55 in Danish, 21,092 and 131.55 in English."""
    number = Decimal(value)
    pattern = "#,##0" if number == number.to_integral_value() else "#,##0.00##"
    return str(format_decimal(number, format=pattern))


def format_value(value: object, unit: str | None) -> str:
    """A step or amount value with its unit (``21.092 kr. pr. måned``); yes/no for booleans."""
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, (Decimal, int)):
        amount = format_number(value)
    elif isinstance(value, str):
        try:
            amount = format_number(Decimal(value))
        except ArithmeticError:
            return value
    elif value is None:
        return "—"
    else:
        return str(value)
    template = UNIT_FORMATS.get(unit or "")
    return str(template) % {"amount": amount} if template is not None else amount


_GROUPED = {
    ".": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$"),
    ",": re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"),
    "\u00a0": re.compile(r"^[+-]?\d{1,3}(\u00a0\d{3})+([.,]\d+)?$"),
}


def normalise_number(raw: str) -> str:
    """Read a number typed on a page the locale's way (``32.500`` is 32500 on a Danish page,
    ``32,500`` on an English one) and return it in the plain form the domain parses.

    Text that is not a well-formed number in the locale is returned unchanged, so the domain
    decides (it accepts ``131.55``, ``131,55`` and ``21.092,50``) and reports a field error.
    """
    text = raw.strip()
    locale = get_locale()
    if not text or locale is None:
        return raw
    group = get_group_symbol(locale)
    pattern = _GROUPED.get(group)
    if pattern is None or not pattern.match(text):
        return raw
    try:
        number = parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError:
        return raw
    return format(number, "f") if number.is_finite() else raw


# ---------------------------------------------------------------------------
# Form fields generated from the spec
# ---------------------------------------------------------------------------


@dataclass
class FormField:
    """What the template needs to draw one input."""

    name: str
    id: str
    widget: str  # "text" | "radios" | "select" | "yesno"
    label: str
    value: str
    required: bool
    help: str = ""
    hints: list[str] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)
    unit: str = ""
    inputmode: str = "decimal"
    error: str | None = None

    @property
    def described_by(self) -> str:
        """Ids of the help, hint and error texts, for aria-describedby."""
        ids = [
            f"{self.id}-{part}"
            for part, present in (("help", self.help), ("hints", self.hints), ("error", self.error))
            if present
        ]
        return " ".join(ids)


def default_year(book: RateBook, today: date | None = None) -> int:
    """This year's rates if there is a file for it, otherwise the latest year before it."""
    year = (today or date.today()).year
    if year in book.years:
        return year
    earlier = [y for y in book.years if y < year]
    return max(earlier) if earlier else min(book.years)


def initial_values(spec: CalculatorSpec[Any], book: RateBook) -> dict[str, str]:
    """Form values before the user typed anything: the spec's defaults and this year."""
    values: dict[str, str] = {}
    for f in spec.fields:
        if f.name == "year":
            values["year"] = str(default_year(book))
        elif f.kind == "boolean":
            values[f.name] = "true" if f.default else "false"
        elif f.default is not None:
            values[f.name] = (
                format(f.default, "f") if isinstance(f.default, Decimal) else str(f.default)
            )
        else:
            values[f.name] = ""
    return values


def raw_from_request(spec: CalculatorSpec[Any], source: Mapping[str, str]) -> dict[str, str]:
    """The values of the spec's fields as typed (kept as they are for re-display)."""
    return {f.name: source.get(f.name, "") for f in spec.fields if f.name in source}


def parse_ready(spec: CalculatorSpec[Any], typed: Mapping[str, str]) -> dict[str, object]:
    """The typed values with numbers read the locale's way, ready for ``spec.run``."""
    ready: dict[str, object] = {}
    for f in spec.fields:
        if f.name not in typed:
            continue
        value = typed[f.name]
        ready[f.name] = normalise_number(value) if f.kind in ("decimal", "integer") else value
    return ready


def form_fields(
    spec: CalculatorSpec[Any],
    values: Mapping[str, str],
    errors: Mapping[str, str],
    book: RateBook,
) -> list[FormField]:
    """One :class:`FormField` per spec field, with the value kept and the error beside it."""
    out: list[FormField] = []
    for f in spec.fields:
        out.append(_form_field(spec, f, values.get(f.name, ""), errors.get(f.name), book))
    return out


def _form_field(
    spec: CalculatorSpec[Any], f: FieldSpec, value: str, error: str | None, book: RateBook
) -> FormField:
    hints: list[str] = []
    if f.shown_when is not None:
        other, equals = f.shown_when
        hints.append(
            _(
                "Udfyld kun, hvis „%(field)s“ er „%(value)s“.",
                field=_field_label(spec, other),
                value=_choice_label(spec, other, equals),
            )
        )
    ff = FormField(
        name=f.name,
        id=f"field-{f.name}",
        widget="text",
        label=pick(f.label),
        value=value,
        required=f.required,
        help=pick(f.help),
        hints=hints,
        error=error,
    )
    if f.name == "year":
        ff.widget = "select"
        years = [str(y) for y in book.years]
        if value and value not in years:
            years.append(value)  # keep what was sent, so the error makes sense
        ff.choices = [(y, y) for y in years]
    elif f.kind == "boolean":
        ff.widget = "yesno"
        ff.value = _boolean_value(value, f)
        ff.choices = [("true", _("Ja")), ("false", _("Nej"))]
    elif f.kind == "choice":
        ff.widget = "radios" if len(f.choices) <= 4 else "select"
        ff.choices = [
            (c, pick(f.choice_labels[c]) if c in f.choice_labels else c) for c in f.choices
        ]
    else:
        ff.inputmode = "numeric" if f.kind == "integer" else "decimal"
        ff.unit = str(UNIT_NAMES[f.unit]) if f.unit in UNIT_NAMES else ""
        if f.minimum is not None and f.maximum is not None:
            hints.append(
                _(
                    "Mellem %(min)s og %(max)s.",
                    min=format_number(f.minimum),
                    max=format_number(f.maximum),
                )
            )
        elif f.minimum is not None:
            hints.append(_("Mindst %(min)s.", min=format_number(f.minimum)))
    return ff


def _boolean_value(value: str, f: FieldSpec) -> str:
    text = value.strip().lower()
    if text in {"true", "1", "on", "yes", "ja", "y"}:
        return "true"
    if text in {"false", "0", "off", "no", "nej", "n"}:
        return "false"
    if text == "":
        return "true" if f.default else "false"
    return value


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class Amount:
    """A main amount of the result."""

    key: str
    label: str
    text: str


def main_amounts(result: Result) -> list[Amount]:
    """The calculator's headline amounts, formatted."""
    out: list[Amount] = []
    for key, label, unit in MAIN_AMOUNTS.get(result.calculator, ()):
        if key in result.amounts:
            out.append(Amount(key, str(label), format_value(result.amounts[key], unit)))
    return out


STATUS_LABELS: dict[Status, LazyString] = {
    Status.CONFIRMED: _l("Bekræftet"),
    Status.DERIVED: _l("Beregnet"),
    Status.UNCONFIRMED: _l("Ikke bekræftet"),
}


def status_label(figure: RateFigure) -> str:
    """The figure's status in words."""
    return str(STATUS_LABELS[figure.status])


LOW_GAIN_PCT = format(LOW_GAIN_SHARE_PCT.normalize(), "f")  # the threshold the chart marks


def chart_labels() -> ChartLabels:
    """The chart's texts in the current language, numbers grouped the locale's way."""
    locale = get_locale()
    group = get_group_symbol(locale) if locale else "."
    decimal = get_decimal_symbol(locale) if locale else ","
    return ChartLabels(
        title=_("Indkomst efter skat efter antal timer om ugen"),
        x_axis=_("Arbejdstimer pr. uge"),
        y_axis=_("Indkomst pr. måned efter skat"),
        legend_pays=_("En ekstra time kan betale sig"),
        legend_low=_(
            "En ekstra time kan næsten ikke betale sig (under %(pct)s %% af lønnen beholdes)",
            pct=LOW_GAIN_PCT,
        ),
        bar=_(
            "{hours} timer om ugen: {total} efter skat; den sidste time gav {gain} "
            "({share} %% af lønnen)",
            pct=LOW_GAIN_PCT,
        ),
        bar_first=_("{hours} timer om ugen: {total} efter skat"),
        summary=_(
            "Uden arbejde: {start} om måneden efter skat. Ved {max_hours} timer om ugen: {end}."
        ),
        summary_low=_("En ekstra time kan næsten ikke betale sig ved {ranges} timer om ugen."),
        summary_no_low=_(
            "Hver ekstra time beholder mindst %(pct)s %% af lønnen.", pct=LOW_GAIN_PCT
        ),
        currency=_("{amount} kr."),
        thousands_sep=group,
        decimal_sep=decimal,
        range_joiner=", ",
        range_dash="–",
    )
