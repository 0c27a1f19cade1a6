"""Calculations in the chat: the assistant sends facts, the portal computes them with the
calculators' own code and answers in the user's language. The figure in the chat is the
figure on the calculator page the answer links to (same facts, same rules engine)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal.calculators import forms
from portal.domain.calculators import CALCULATORS
from portal.domain.chat_texts import chat_text
from portal.extensions import db
from portal.models.handoff import Conversation
from portal.rates_store import get_rate_book


def bot_says(fake_rasa, *customs: dict[str, Any]) -> None:
    fake_rasa.reply = lambda p: [
        {
            "recipient_id": p["sender"],
            "custom": {"topic_id": "calculation", "understood": True, **c},
        }
        for c in customs
    ]


def chat(client: FlaskClient, text: str, language: str, **extra: Any) -> dict[str, Any]:
    response = client.post(
        "/api/v1/assistant/messages", json={"text": text, "language": language, **extra}
    )
    assert response.status_code == 200
    return response.get_json()


CASES = [
    ("da", "dagpenge", {"insurance": "full_time", "monthly_income": "25000"}),
    ("en", "sygedagpenge", {"hourly_wage": "150", "hours_per_week": "37"}),
    ("ar", "kontanthjaelp", {"age": 27, "children": 2, "civil_status": "single"}),
    ("uk", "fleksjob", {"monthly_income": "12000"}),
    (
        "fa",
        "work_more_hours",
        {
            "benefit": "kontanthjaelp",
            "hourly_wage": "140",
            "age": 30,
            "civil_status": "single",
            "children": 0,
        },
    ),
    (
        "da",
        "loentilskud",
        {
            "employer_type": "private",
            "hourly_wage": "160",
            "hours_per_week": "37",
            "weeks": 26,
            "employees": 10,
        },
    ),
    ("en", "dagpenge", {"insurance": "part_time", "monthly_income": "18000", "year": 2027}),
]


@pytest.mark.parametrize(("language", "calculator", "facts"), CASES)
def test_chat_figure_is_the_calculator_pages_figure(
    app: Flask, client: FlaskClient, fake_rasa, language, calculator, facts
) -> None:
    bot_says(fake_rasa, {"calculation": {"calculator": calculator, "facts": facts}})
    body = chat(client, "hvad får jeg", language)
    [message] = body["messages"]
    # the link opens the calculator page with the values filled in; the page computes on GET
    link = urlsplit(message["link"])
    assert link.path == f"/{language}/calculators/{calculator}"
    page = client.get(message["link"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)

    from portal.domain.chat_calculation import PRIMARY_AMOUNT

    values = {k: v[0] for k, v in parse_qs(link.query).items()}
    with app.test_request_context(f"/{language}/"), force_locale(language):
        expected = CALCULATORS[calculator].run(values, get_rate_book(app), today=forms.today())
        amount = expected.amounts[PRIMARY_AMOUNT[calculator]]
        shown = forms.format_number(amount)
        spec = CALCULATORS[calculator]
        title = _(spec.title)
    assert amount > 0
    first_line = message["text"].splitlines()[0]
    assert shown in first_line, (first_line, shown)
    assert f"<bdi>{shown}" in html  # the same figure on the page
    assert title in message["link_text"] and "http" not in message["link_text"]
    if expected.unconfirmed_rates:
        with app.test_request_context(f"/{language}/"), force_locale(language):
            notice = _("Nogle tal i beregningen er ikke bekræftet af en officiel kilde")
        assert notice in message["text"]
    # the "machine translated article" notice belongs to articles, not to calculations
    assert chat_text("machine_translated", language) not in message["text"]
    if "year" in facts:
        assert expected.year == facts["year"] and str(facts["year"]) in message["text"]


def test_danish_answer_has_amount_why_and_facts(client: FlaskClient, fake_rasa) -> None:
    bot_says(
        fake_rasa,
        {
            "calculation": {
                "calculator": "dagpenge",
                "facts": {"insurance": "full_time", "monthly_income": "25000"},
            }
        },
    )
    text = chat(client, "hvor mange dagpenge får jeg, jeg tjente 25.000 om måneden", "da")[
        "messages"
    ][0]["text"]
    lines = text.splitlines()
    assert lines[0] == "Dagpenge pr. måned før skat: 20.700 kr. pr. måned"
    assert lines[1] == "Det bygger på: 90 % af indkomsten efter AM-bidrag = 20.700 kr. pr. måned."
    assert "Forsikring: Fuldtidsforsikret" in lines[2]
    assert "Månedsindkomst før AM-bidrag: 25.000 kr. pr. måned" in lines[2]


def test_follow_up_with_other_facts_gives_the_recomputed_figure(
    client: FlaskClient, fake_rasa
) -> None:
    facts = {"insurance": "full_time", "monthly_income": "30000"}
    bot_says(fake_rasa, {"calculation": {"calculator": "dagpenge", "facts": facts}})
    full = chat(client, "x", "da")
    bot_says(
        fake_rasa,
        {"calculation": {"calculator": "dagpenge", "facts": {**facts, "insurance": "part_time"}}},
    )
    part = chat(client, "og hvis jeg er deltidsforsikret?", "da", session_id=full["session_id"])
    assert (
        full["messages"][0]["text"].splitlines()[0] != part["messages"][0]["text"].splitlines()[0]
    )
    assert "Deltidsforsikret" in part["messages"][0]["text"]
    assert "insurance=part_time" in part["messages"][0]["link"]


def test_explain_lists_the_steps(client: FlaskClient, fake_rasa) -> None:
    bot_says(
        fake_rasa,
        {
            "calculation": {
                "calculator": "sygedagpenge",
                "facts": {"hourly_wage": "150", "hours_per_week": "37"},
            },
            "explain": True,
        },
    )
    text = chat(client, "hvad betyder det?", "da")["messages"][0]["text"]
    assert "Timeløn efter 8 % AM-bidrag: 138 kr. pr. time" in text
    assert "Sygedagpenge pr. uge: 5.084,91 kr. pr. uge" in text


@pytest.mark.parametrize("language", ["da", "en", "ar", "uk", "fa", "so", "ti"])
def test_questions_in_the_users_language_with_choice_buttons(
    app: Flask, client: FlaskClient, fake_rasa, language
) -> None:
    bot_says(fake_rasa, {"calculation_question": "insurance", "calculator": "dagpenge"})
    [message] = chat(client, "beregn mine dagpenge", language)["messages"]
    with app.test_request_context(f"/{language}/"), force_locale(language):
        question = _("Er du fuldtidsforsikret eller deltidsforsikret i din a-kasse?")
        titles = [_("Fuldtidsforsikret"), _("Deltidsforsikret")]
    assert message["text"] == question
    if language != "da":
        assert question != "Er du fuldtidsforsikret eller deltidsforsikret i din a-kasse?"
    assert [b["title"] for b in message["buttons"]] == titles
    assert [b["payload"] for b in message["buttons"]] == [
        '/inform_facts{"insurance": "full_time"}',
        '/inform_facts{"insurance": "part_time"}',
    ]


def test_pressed_button_title_is_what_the_transcript_keeps(client: FlaskClient, fake_rasa) -> None:
    bot_says(fake_rasa, {"calculation_question": "monthly_income", "calculator": "dagpenge"})
    body = chat(client, '/inform_facts{"insurance": "part_time"}', "da", shown="Deltidsforsikret")
    assert fake_rasa.webhook_calls[0]["message"] == '/inform_facts{"insurance": "part_time"}'
    db.session.expire_all()
    stored = db.session.scalars(
        select(Conversation).where(Conversation.session_id == body["session_id"])
    ).one()
    assert stored.transcript[0]["text"] == "Deltidsforsikret"
    assert stored.transcript[1]["text"].startswith("Hvor meget tjente du om måneden")
    assert stored.topic_ids == ["dagpenge_amount"]


def test_wrong_values_are_explained_kindly(client: FlaskClient, fake_rasa) -> None:
    bot_says(
        fake_rasa,
        {
            "calculation_error": "number_in_words",
            "fact": "monthly_income",
            "calculator": "dagpenge",
        },
        {"calculation_error": "negative", "fact": "monthly_income", "calculator": "dagpenge"},
        {"calculation_question": "monthly_income", "calculator": "dagpenge"},
    )
    texts = [m["text"] for m in chat(client, "tredive tusind", "da")["messages"]]
    assert texts[0].startswith("Skriv venligst tallet med cifre")
    assert texts[1].startswith("Et beløb kan ikke være negativt")
    assert texts[2].startswith("Hvor meget tjente du")


def test_facts_the_calculator_rejects_are_explained(client: FlaskClient, fake_rasa) -> None:
    bot_says(
        fake_rasa,
        {
            "calculation": {
                "calculator": "kontanthjaelp",
                "facts": {"age": 16, "civil_status": "single", "children": 0},
            }
        },
    )
    [message] = chat(client, "jeg er 16", "da")["messages"]
    assert message["text"].startswith("Jeg kunne ikke regne det ud")
    assert "18" in message["text"]


@pytest.mark.parametrize(
    "payload",
    [
        {"calculator": "nope", "facts": {}},
        {"calculator": "dagpenge", "facts": {"monthly_income": "25000; drop"}},
        {"calculator": "dagpenge", "facts": {"insurance": ["x"]}},
        {"calculator": "dagpenge", "facts": "x"},
    ],
)
def test_malformed_payloads_never_reach_the_rules_engine(
    client: FlaskClient, fake_rasa, payload
) -> None:
    bot_says(fake_rasa, {"calculation": payload})
    [message] = chat(client, "x", "da")["messages"]
    assert message["link"] is None
    assert message["text"].startswith("Jeg har ikke regnet noget ud for dig endnu")


def test_amounts_are_isolated_in_right_to_left_answers(client: FlaskClient, fake_rasa) -> None:
    facts = {"insurance": "part_time", "monthly_income": "25000"}
    bot_says(fake_rasa, {"calculation": {"calculator": "dagpenge", "facts": facts}})
    arabic = chat(client, "x", "ar")["messages"][0]["text"]
    assert "\u206814,694 kr.\u2069" in arabic
    danish = chat(client, "x", "da")["messages"][0]["text"]
    assert "\u2068" not in danish and "14.694 kr." in danish


def test_bot_calculator_topics_are_the_calculators_help_topics() -> None:
    """The bot's calculator -> topic map (which topic a calculation answer belongs to, used
    by the held-out NLU report to count `calculate` for an amount question) is the
    portal's: every calculator's ``help_topic``."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bot" / "actions" / "calculation_facts.py"
    spec = importlib.util.spec_from_file_location("jobvej_bot_calculation_facts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while loading
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    assert set(module.CALCULATORS) <= set(CALCULATORS)
    assert {
        name: CALCULATORS[name].help_topic for name in module.CALCULATORS
    } == module.CALCULATOR_TOPIC
