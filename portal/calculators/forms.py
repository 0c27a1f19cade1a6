"""The web side of the calculators: texts translated, numbers formatted, forms generated.

The domain (`portal.domain.calculators`) knows nothing about Flask or languages: every
user-visible text it returns is a :class:`Msg` (a Danish msgid and parameters). Here those
texts go through gettext and the Babel catalogs for the reader's language, numbers are
formatted by Babel for the locale, and amounts on HTML pages are bidi-isolated so
"10.004 kr." stays readable inside Arabic and Persian sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal
from flask import current_app, has_app_context
from flask_babel import format_decimal, get_locale, get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from portal.domain.calculators import (
    CalculatorSpec,
    ChartLabels,
    FieldError,
    FieldSpec,
    Msg,
    Quantity,
    Result,
)
from portal.domain.calculators.figures import figure_name, status_text
from portal.domain.calculators.work_more_hours import LOW_GAIN_SHARE_PCT
from portal.domain.languages import direction_of
from portal.domain.rates import RateBook, RateFigure, Status
from portal.i18n import current_lang

# ---------------------------------------------------------------------------
# The clock: the date asked about (tests and demos fix it with JOBVEJ_TODAY)
# ---------------------------------------------------------------------------


def today() -> date:
    """Today, or ``JOBVEJ_TODAY`` (ISO date) from the app config."""
    if has_app_context():
        fixed = current_app.config.get("JOBVEJ_TODAY")
        if fixed:
            return fixed if isinstance(fixed, date) else date.fromisoformat(str(fixed))
    return date.today()


# ---------------------------------------------------------------------------
# Numbers and units
# ---------------------------------------------------------------------------

UNIT_FORMATS: dict[str, Any] = {
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
    "children": _l("%(amount)s børn"),
    "years": _l("%(amount)s år"),
}

UNIT_NAMES: dict[str, Any] = {
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
    "children": _l("børn"),
    "years": _l("år"),
}


def format_number(value: Decimal | int) -> str:
    """A number the locale's way: 21.092 and 131,55 in Danish, 21,092 and 131.55 in English;
    never trailing zeros ("12,01", not "12,0100")."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return str(format_decimal(number, format="#,##0"))
    return str(format_decimal(number.normalize(), format="#,##0.00##"))


def format_value(value: object, unit: str | None, *, html: bool = False) -> str:
    """A step or amount value with its unit (``21.092 kr. pr. måned``); yes/no for booleans.

    With ``html`` the result is Markup with the number (and its "kr.") in a ``<bdi>``.
    """
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
    if not html:
        return str(template) % {"amount": amount} if template is not None else amount
    return _isolated(str(template) if template is not None else "%(amount)s", amount)


_AMOUNT = "%(amount)s"
_WITH_CURRENCY = "%(amount)s kr."


def _isolated(template: str, amount: str) -> str:
    """The unit text as Markup with the number (and "kr." right after it) in one ``<bdi>``;
    the rest of the unit ("pr. måned", "شهريًا") flows in the page's direction, so on an RTL
    page the amount comes first and the period stays with "kr."."""
    marked = escape(template)
    if _WITH_CURRENCY in marked:
        marked = marked.replace(_WITH_CURRENCY, Markup("<bdi>%(amount)s kr.</bdi>"), 1)
    else:
        marked = marked.replace(_AMOUNT, Markup("<bdi>%(amount)s</bdi>"), 1)
    return marked % {"amount": amount}


# ---------------------------------------------------------------------------
# Texts: the domain's Msg through gettext
# ---------------------------------------------------------------------------


def _param(value: object, html: bool) -> str:
    if isinstance(value, Quantity):
        return format_value(value.value, value.unit, html=html)
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        text = format_number(value)
        return Markup("<bdi>%s</bdi>") % text if html else text
    return str(escape(value)) if html else str(value)


def render(
    text: Msg | Mapping[str, Any] | str | None,
    *,
    html: bool = False,
    translate: Callable[[str], str] | None = None,
) -> str:
    """A domain text in the page's language, numbers formatted for the locale.

    ``text`` is a :class:`Msg`, its JSON form (``{"msgid", "params"}``, as texts in a
    result's ``details`` are stored) or a plain msgid.

    A number or amount at the end of a sentence never gets a second period
    ("16.354 kr." + "." is written once). With ``html`` the result is Markup and numbers
    and amounts are bidi-isolated.
    """
    if text is None:
        return ""
    if isinstance(text, Mapping):
        msg = _msg_from_json(text)
    else:
        msg = text if isinstance(text, Msg) else Msg(str(text))
    template = (translate or _)(msg.msgid) if msg.msgid else ""
    if not msg.params:
        return escape(template) if html else template
    values: dict[str, str] = {}
    for key, value in msg.params.items():
        values[key] = (
            render(value, html=html, translate=translate)
            if isinstance(value, Msg)
            else _param(value, html)
        )
        if re.sub(r"<[^>]+>", "", str(values[key])).endswith("."):
            template = template.replace(f"%({key})s.", f"%({key})s")
    if html:
        # values are Markup already (numbers in <bdi>); escape() leaves them as they are
        return escape(template) % {k: escape(v) for k, v in values.items()}
    return template % values


def render_html(text: Msg | Mapping[str, Any] | str | None) -> str:
    """:func:`render` for templates (Markup, amounts in ``<bdi>``)."""
    return render(text, html=True)


def localize_payload(payload: Any, translate: Callable[[str], str] | None = None) -> Any:
    """A copy of a JSON payload where every text object ``{"msgid", "params"}`` also has
    ``"text"`` in the current language (the API's response language).

    The catalog is looked up once per payload, not once per text (a listing has hundreds).
    """
    if translate is None:
        translate = get_translations().gettext
    if isinstance(payload, list):
        return [localize_payload(v, translate) for v in payload]
    if isinstance(payload, dict):
        out = {k: localize_payload(v, translate) for k, v in payload.items()}
        if isinstance(payload.get("msgid"), str) and isinstance(payload.get("params"), dict):
            out["text"] = render(_msg_from_json(payload), translate=translate)
        return out
    return payload


def _msg_from_json(data: Mapping[str, Any]) -> Msg:
    params: dict[str, Any] = {}
    for key, value in (data.get("params") or {}).items():
        if isinstance(value, dict) and "msgid" in value:
            params[key] = _msg_from_json(value)
        elif isinstance(value, dict) and {"value", "unit"} <= set(value):
            params[key] = Quantity(Decimal(str(value["value"])), str(value["unit"]))
        elif isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
            params[key] = Decimal(value)
        else:
            params[key] = value
    return Msg(str(data["msgid"]), params)


# ---------------------------------------------------------------------------
# Error messages
# ---------------------------------------------------------------------------


def error_message(spec: CalculatorSpec[Any], error: FieldError) -> str:
    """A field error as a sentence in the current locale (numbers and field names localised)."""
    params: dict[str, Any] = {}
    for key, value in error.params.items():
        if key in {"min", "max"}:
            params[key] = Decimal(value)
        elif key == "other":
            params[key] = field_label(spec, value)
        elif key == "year":
            params[key] = value
        else:
            params[key] = value
    if error.code == "required_for_choice" and "other" in error.params:
        params["value"] = choice_label(spec, error.params["other"], error.params.get("value", ""))
    if error.code == "year_not_available":
        params["available"] = error.params.get("available", "")
    try:
        return render(Msg(error.msgid, params))
    except (KeyError, ValueError, TypeError):
        return str(_(error.msgid))


def field_label(spec: CalculatorSpec[Any], name: str) -> str:
    """A field's label in the page's language (the name itself if unknown)."""
    try:
        return str(_(spec.field(name).label))
    except KeyError:
        return name


def choice_label(spec: CalculatorSpec[Any], name: str, value: str) -> str:
    """The label of a choice (or Ja/Nej for a yes/no field) in the page's language."""
    try:
        f = spec.field(name)
    except KeyError:
        return value
    if f.kind == "boolean":
        return str(_("Ja") if value == "true" else _("Nej"))
    return str(_(f.choice_labels[value])) if value in f.choice_labels else value


def field_errors(spec: CalculatorSpec[Any], errors: Mapping[str, FieldError]) -> dict[str, str]:
    """Every field error as a message in the current locale."""
    return {name: error_message(spec, err) for name, err in errors.items()}


# ---------------------------------------------------------------------------
# Reading numbers typed the locale's way
# ---------------------------------------------------------------------------

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
    optional: bool = False
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

    @property
    def anchor(self) -> str:
        """The element an error-summary link jumps to (the first radio of a group)."""
        if self.widget in ("radios", "yesno") and self.choices:
            return f"{self.id}-{self.choices[0][0]}"
        return self.id


def default_year(book: RateBook, day: date | None = None) -> int:
    """This year's rates if there is a file for it, otherwise the latest year before it;
    on a date before every rates file (a demo clock set far back) the first year, so the
    page still opens with a year the user can change."""
    day = day or today()
    if day.year < min(book.years):
        return min(book.years)
    return book.year_for(day)


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
    return [
        _form_field(spec, f, values.get(f.name, ""), errors.get(f.name), book) for f in spec.fields
    ]


def _condition_hints(spec: CalculatorSpec[Any], f: FieldSpec) -> list[str]:
    hints: list[str] = []
    if f.required_when is not None:
        other, equals = f.required_when
        hints.append(
            _(
                "Skal udfyldes, når „%(field)s“ er „%(value)s“.",
                field=field_label(spec, other),
                value=choice_label(spec, other, equals),
            )
        )
    if f.required_unless is not None:
        other, equals = f.required_unless
        hints.append(
            _(
                "Skal udfyldes, medmindre „%(field)s“ er „%(value)s“.",
                field=field_label(spec, other),
                value=choice_label(spec, other, equals),
            )
        )
    if f.shown_when is not None and f.required_when != f.shown_when:
        other, equals = f.shown_when
        hints.append(
            _(
                "Udfyld kun, hvis „%(field)s“ er „%(value)s“.",
                field=field_label(spec, other),
                value=choice_label(spec, other, equals),
            )
        )
    return hints


def _form_field(
    spec: CalculatorSpec[Any], f: FieldSpec, value: str, error: str | None, book: RateBook
) -> FormField:
    hints = _condition_hints(spec, f)
    ff = FormField(
        name=f.name,
        id=f"field-{f.name}",
        widget="text",
        label=str(_(f.label)),
        value=value,
        required=f.required,
        help=str(_(f.help)) if f.help else "",
        hints=hints,
        error=error,
    )
    if f.name == "year":
        ff.widget = "select"
        years = [str(y) for y in book.years]
        if value and value not in years:
            years.append(value)  # keep what was sent, so the error makes sense
        ff.choices = [(y, y) for y in years]
        ff.value = value or str(default_year(book))
    elif f.kind == "boolean":
        ff.widget = "yesno"
        ff.value = _boolean_value(value, f)
        ff.choices = [("true", _("Ja")), ("false", _("Nej"))]
    elif f.kind == "choice":
        ff.widget = "radios" if len(f.choices) <= 4 else "select"
        ff.choices = [(c, choice_label(spec, f.name, c)) for c in f.choices]
        ff.value = value or (str(f.default) if f.default is not None else "")
    else:
        ff.optional = f.optional
        ff.inputmode = "numeric" if f.kind == "integer" else "decimal"
        # "kr." isolated so its period stays with it in a right-to-left label
        ff.unit = (
            escape(str(UNIT_NAMES[f.unit])).replace("kr.", Markup("<bdi>kr.</bdi>"))
            if f.unit in UNIT_NAMES
            else ""
        )
        if f.minimum is not None and f.maximum is not None:
            hints.append(
                _(
                    "Mellem %(min)s og %(max)s.",
                    min=format_number(f.minimum),
                    max=format_number(f.maximum),
                )
            )
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


def main_amounts(spec: CalculatorSpec[Any], result: Result) -> list[Amount]:
    """The calculator's headline amounts, formatted (HTML: amounts bidi-isolated)."""
    out: list[Amount] = []
    for item in spec.main_amounts:
        if item.key in result.amounts:
            out.append(
                Amount(
                    item.key,
                    str(_(item.label)),
                    format_value(result.amounts[item.key], item.unit, html=True),
                )
            )
    return out


STATUS_CLASSES = {
    Status.CONFIRMED: "badge-success",
    Status.DERIVED: "badge-info",
    Status.UNCONFIRMED: "badge-warning",
}
STATUS_LABELS: dict[Status, Any] = {
    Status.CONFIRMED: _l("Bekræftet"),
    Status.DERIVED: _l("Beregnet"),
    Status.UNCONFIRMED: _l("Ikke bekræftet"),
}


@dataclass
class RateRow:
    """One figure as a citizen reads it, and the experts' details."""

    figure: RateFigure
    name: str
    amount: str
    valid_from: date
    status_label: str
    status_text: str
    status_class: str


def rate_rows(result: Result) -> list[RateRow]:
    """The figures used, explained in the page's language."""
    return [
        RateRow(
            figure=fig,
            name=str(_(figure_name(fig.key))),
            amount=format_value(fig.value, fig.unit, html=True),
            valid_from=fig.valid_from,
            status_label=str(STATUS_LABELS[fig.status]),
            status_text=render(status_text(fig), html=True),
            status_class=STATUS_CLASSES[fig.status],
        )
        for fig in result.rates_used
    ]


LOW_GAIN_PCT = format(LOW_GAIN_SHARE_PCT.normalize(), "f")  # the threshold the chart marks


def chart_labels() -> ChartLabels:
    """The chart's texts in the current language, numbers formatted the locale's way."""
    return ChartLabels(
        title=_("Indkomst efter skat efter antal timer om ugen"),
        x_axis=_("Arbejdstimer pr. uge"),
        y_axis=_("Indkomst pr. måned efter skat"),
        legend_pays=_("Ja: en ekstra time kan betale sig"),
        legend_low=_(
            "Næsten ikke: under %(pct)s %% af lønnen for den ekstra time beholdes",
            pct=LOW_GAIN_PCT,
        ),
        legend_loses=_("Nej: en ekstra time giver dig færre penge"),
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
        summary_loses=_("Du taber penge på en ekstra time ved {ranges} timer om ugen."),
        summary_no_low=_(
            "Hver ekstra time beholder mindst %(pct)s %% af lønnen.", pct=LOW_GAIN_PCT
        ),
        rtl=direction_of(current_lang()) == "rtl",
        format_amount=lambda amount: format_value(amount.quantize(Decimal(1)), "kr"),
        format_number=lambda number: format_number(number.quantize(Decimal("0.1"))),
    )
