"""The portal's half of a chat calculation: the assistant's payloads become texts.

Rasa sends no text for a calculation, only what to say (bot/README.md, "Calculations"):

* ``{"calculation_question": "insurance", "calculator": "dagpenge"}`` → the question in the
  user's language, with buttons for a choice (payload ``/inform_facts{"insurance": ...}``);
* ``{"calculation_error": "negative", "fact": "monthly_income"}`` → why the value was not
  taken (the question follows);
* ``{"calculation": {"calculator", "facts"}}`` → computed here with the rules engine
  (:mod:`portal.domain.chat_calculation`, the calculator pages' own call) and answered with
  the main amount, one line of why, the facts used, the "not confirmed" notice where a figure
  is unconfirmed and a link to the calculator page with the values filled in;
  with ``"explain": true`` the steps of that calculation;
* ``{"calculation_cancelled": true}``, ``{"calculation_explain": "none"}``.

Every text goes through gettext (Danish msgids) and numbers through Babel for the locale, in
the same request as the chat turn: the action server never calls the portal for this.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from flask import current_app, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from portal.assistant.rasa import BotMessage
from portal.calculators import forms
from portal.domain import chat_calculation as chat
from portal.domain.calculators import CALCULATORS
from portal.domain.languages import SOURCE_LANGUAGE, direction_of
from portal.rates_store import get_rate_book

INFORM_INTENT = "/inform_facts"


def is_calculation(message: BotMessage) -> bool:
    """True for a message the portal writes itself (a calculation payload)."""
    return any(key in message.custom for key in chat.PORTAL_RENDERED_KEYS)


def render_messages(messages: list[BotMessage], language: str) -> list[BotMessage]:
    """Every calculation payload replaced by its text in ``language``; others unchanged."""
    if not any(is_calculation(m) for m in messages):
        return messages
    with force_locale(language):
        return [_render(m, language) if is_calculation(m) else m for m in messages]


def _calculator(custom: Mapping[str, Any]) -> str | None:
    name = custom.get("calculator")
    return name if isinstance(name, str) and name in CALCULATORS else None


def _with_topic(custom: Mapping[str, Any], calculator: str | None) -> dict[str, Any]:
    """The payload with ``topic_id`` the calculator's help topic (for insight and routing)."""
    topic = CALCULATORS[calculator].help_topic if calculator else None
    return {**custom, "topic_id": topic or chat.CALCULATION_TOPIC, "understood": True}


def _render(message: BotMessage, language: str) -> BotMessage:
    custom = message.custom
    request = chat.read_request(custom)
    if request is not None:
        return _answer(request, custom, language)
    calculator = _calculator(custom)
    if isinstance(custom.get("calculation_question"), str):
        text, buttons = question(custom["calculation_question"], calculator)
        return BotMessage(text, buttons, None, _with_topic(custom, calculator))
    if isinstance(custom.get("calculation_error"), str):
        msgid = chat.ERRORS.get(custom["calculation_error"], chat.ERRORS["not_understood"])
        return BotMessage(_(msgid), [], None, _with_topic(custom, calculator))
    if custom.get("calculation_cancelled"):
        text = _("Okay, jeg stopper beregningen. Du kan altid bruge beregnerne her på siden.")
        return BotMessage(text, [], None, _with_topic(custom, None))
    text = _(
        "Jeg har ikke regnet noget ud for dig endnu. Skriv fx: „Hvor mange dagpenge får jeg? "
        "Jeg tjente 25.000 kr. om måneden.“"
    )
    return BotMessage(text, [], None, _with_topic(custom, None))


def _button(title: str, fact: str, value: str | int) -> dict[str, str]:
    payload = INFORM_INTENT + json.dumps({fact: value}, ensure_ascii=False)
    return {"title": title, "payload": payload}


def question(fact: str, calculator: str | None) -> tuple[str, list[dict[str, str]]]:
    """The question for a fact in the current language, with buttons for a choice."""
    msgid = chat.question_text(fact, calculator) or chat.QUESTIONS["calculator"]
    buttons: list[dict[str, str]] = []
    if fact == "calculator":
        buttons = [
            _button(str(_(spec.title)), "calculator", name) for name, spec in CALCULATORS.items()
        ]
    elif fact in chat.CHOICE_FIELDS:
        spec_name, field_name = chat.CHOICE_FIELDS[fact]
        spec_field = CALCULATORS[spec_name].field(field_name)
        buttons = [
            _button(str(_(label)), fact, value) for value, label in spec_field.choice_labels.items()
        ]
    elif fact == "children":
        buttons = [
            _button(_("Ingen") if n == 0 else forms.format_number(n), fact, n)
            for n in chat.CHILDREN_CHOICES
        ]
    return str(_(msgid)), buttons


_AMOUNT = re.compile(r"\d[\d.,\u00a0\u202f\u066b\u066c]*(?:\s?kr\.)?")
_FSI, _PDI = "\u2068", "\u2069"


def _value(value: object, unit: str | None) -> str:
    """A value with its unit for the chat's plain text. On a right-to-left page each number
    (with its "kr.") is isolated (FSI … PDI), so "14.694 kr." is not shown as ".kr 14,694"
    inside Arabic or Persian text (the pages use <bdi> for the same)."""
    text = forms.format_value(value, unit)
    if direction_of(current_lang_of_request()) != "rtl":
        return text
    return _AMOUNT.sub(lambda m: _FSI + m.group(0) + _PDI, text)


def current_lang_of_request() -> str:
    """The locale forced for this chat turn (flask_babel's), as a language code."""
    locale = get_locale()
    return str(locale.language) if locale is not None else SOURCE_LANGUAGE


def calculator_url(calculation: chat.ChatCalculation, language: str) -> str:
    """The calculator page with the chat's values filled in (it computes on GET)."""
    return url_for(
        "calculators.calculator",
        lang_code=language,
        name=calculation.calculator,
        **dict(calculation.values),
    )


def _answer(
    request: chat.CalculationRequest, custom: Mapping[str, Any], language: str
) -> BotMessage:
    spec = CALCULATORS[request.calculator]
    calculation = chat.compute(
        request.calculator, request.facts, get_rate_book(current_app), forms.today()
    )
    link = calculator_url(calculation, language)
    link_text = _("Se hele beregningen med dine tal: %(title)s", title=_(spec.title))
    payload = _with_topic(custom, request.calculator)
    result = calculation.result
    if result is None:
        problems = [forms.error_message(spec, error) for error in calculation.errors.values()]
        text = "\n".join([_("Jeg kunne ikke regne det ud med de oplysninger:"), *problems])
        return BotMessage(text, [], link, payload, link_text)
    lines: list[str] = []
    if request.explain:
        lines.append(_("Sådan er beløbet regnet ud (%(title)s):", title=_(spec.title)))
        lines += [
            _(
                "%(label)s: %(value)s",
                label=forms.render(step.what),
                value=_value(step.value, step.unit),
            )
            for step in result.steps
        ]
        lines += [forms.render(text) for text in spec.not_included[:2]]
    else:
        lines.append(
            _(
                "%(label)s: %(value)s",
                label=_(calculation.main.label),
                value=_value(calculation.amount, calculation.main.unit),
            )
        )
        why = calculation.why
        if why is not None:
            lines.append(
                _(
                    "Det bygger på: %(step)s = %(value)s.",
                    step=forms.render(why.what),
                    value=_value(why.value, why.unit),
                )
            )
    lines.append(
        _(
            "Beregnet med satserne for %(year)s ud fra: %(facts)s.",
            year=str(result.year),
            facts="; ".join(_facts_used(request.calculator, calculation.values)),
        )
    )
    if result.unconfirmed_rates:
        lines.append(_("Nogle tal i beregningen er ikke bekræftet af en officiel kilde"))
    return BotMessage("\n".join(lines), [], link, payload, link_text)


def _facts_used(calculator: str, values: Mapping[str, str]) -> list[str]:
    """ "Forsikring: Fuldtidsforsikret", "Månedsindkomst før AM-bidrag: 25.000 kr. pr. måned"."""
    spec = CALCULATORS[calculator]
    out = []
    for name, value in values.items():
        if name == "year":
            continue
        try:
            spec_field = spec.field(name)
        except KeyError:
            continue
        if spec_field.kind in ("choice", "boolean"):
            shown = forms.choice_label(spec, name, value)
        else:
            shown = _value(value, spec_field.unit)
        out.append(_("%(label)s: %(value)s", label=forms.field_label(spec, name), value=shown))
    return out
