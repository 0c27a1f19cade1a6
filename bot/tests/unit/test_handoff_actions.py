"""Fallback counting, the contact form and the handoff case, run through rasa_sdk's
ActionExecutor (as the action server runs them) against a real local portal server."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import ActionExecutor

from actions.fallback import misunderstood_in_a_row
from tests.unit.test_actions import call, responses, slot_events

TOKEN = "s3cret-token"
FORM_DOMAIN = {
    "forms": {
        "handoff_form": {
            "required_slots": ["handoff_name", "handoff_contact", "handoff_time", "handoff_consent"]
        }
    },
    "slots": {},
}


@pytest.fixture(scope="module")
def executor() -> ActionExecutor:
    ex = ActionExecutor()
    ex.register_package("actions")
    return ex


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def user(text: str, intent: str, ts: float = 1_790_000_000.0, **metadata: Any) -> dict[str, Any]:
    return {"event": "user", "text": text, "timestamp": ts,
            "parse_data": {"intent": {"name": intent}}, "metadata": metadata}


def bot(text: str | None, ts: float = 1_790_000_001.0) -> dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": ts}


# ----------------------------------------------------------------- misunderstandings


def test_first_misunderstanding_apologises_without_offer(executor):
    events = [action("action_listen"), user("hvad er klokken", "out_of_scope")]
    result = call(executor, "action_misunderstood", intent="out_of_scope", events=events)
    assert responses(result) == ["utter_out_of_scope"]
    assert slot_events(result) == [("handoff_offered", False)]


def test_low_confidence_gets_did_not_understand(executor):
    result = call(executor, "action_misunderstood", intent="nlu_fallback")
    assert responses(result) == ["utter_default"]


def test_second_misunderstanding_in_a_row_offers_a_person(executor):
    events = [
        action("action_listen"), user("xx", "nlu_fallback"), action("action_extract_slots"),
        action("action_misunderstood"), bot("Jeg forstod ikke"), action("action_listen"),
        user("hvad med vejret", "out_of_scope"), action("action_extract_slots"),
        action("action_set_language"),
    ]
    result = call(executor, "action_misunderstood", intent="out_of_scope", events=events)
    assert responses(result) == ["utter_offer_handoff_not_understood"]
    assert slot_events(result) == [("handoff_offered", True)]


def test_an_understood_message_in_between_resets_the_count(executor):
    events = [
        action("action_misunderstood"), action("action_listen"), user("cv", "cv"),
        action("action_answer_topic"), action("action_listen"), user("vejret", "out_of_scope"),
    ]
    assert misunderstood_in_a_row(events) == 0
    result = call(executor, "action_misunderstood", intent="out_of_scope", events=events)
    assert responses(result) == ["utter_out_of_scope"]


def test_a_new_session_resets_the_count():
    events = [action("action_misunderstood"), {"event": "session_started"}, action("action_listen")]
    assert misunderstood_in_a_row(events) == 0
    assert misunderstood_in_a_row([action("action_misunderstood")] * 3) == 3


# ----------------------------------------------------------------- the form


def validate(executor, slot: str, value: Any, text: str, intent: str = "out_of_scope",
             **slots: Any) -> dict[str, Any]:
    """Run validate_handoff_form as Rasa does after `slot` was extracted from `text`."""
    events = [action("handoff_form"), {"event": "active_loop", "name": "handoff_form"},
              {"event": "slot", "name": "requested_slot", "value": slot},
              action("action_listen"), user(text, intent),
              {"event": "slot", "name": slot, "value": value}]
    return call(executor, "validate_handoff_form", intent=intent, text=text, events=events,
                slots={"requested_slot": slot, slot: value, **slots}, domain=FORM_DOMAIN,
                active_loop="handoff_form")


def test_name_is_cleaned_and_cpr_redacted(executor):
    result = validate(executor, "handoff_name", "  Amal   Hassan 010190-1234 ", "Amal")
    assert ("handoff_name", "Amal Hassan [CPR fjernet]") in slot_events(result)
    assert responses(result) == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("20 30 40 50", "20304050"), ("+45 20 30 40 50", "+45 20304050"),
     ("amal@example.dk", "amal@example.dk"), ("٢٠٣٠٤٠٥٠", "20304050")],
)
def test_valid_contact_is_kept(executor, typed, stored):
    result = validate(executor, "handoff_contact", typed, typed)
    assert ("handoff_contact", stored) in slot_events(result)
    assert responses(result) == []


@pytest.mark.parametrize("typed", ["ring til mig", "1234", "amal@", "0101901234"])
def test_invalid_contact_is_asked_again(executor, typed):
    result = validate(executor, "handoff_contact", typed, typed)
    assert ("handoff_contact", None) in slot_events(result)
    assert responses(result) == ["utter_invalid_contact"]


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [("/affirm", "affirm", True), ("/deny", "deny", False), ("ja tak", "affirm", True),
     ("نعم", "out_of_scope", True), ("ні", "out_of_scope", False), ("okay", "affirm", True),
     ("det må du godt", "affirm", True), ("nope not that", "deny", False)],
)
def test_consent_yes_and_no(executor, text, intent, expected):
    result = validate(executor, "handoff_consent", text, text, intent=intent)
    assert ("handoff_consent", expected) in slot_events(result)
    assert ("handoff_cancelled", True) not in slot_events(result)


def test_unclear_consent_is_asked_again(executor):
    result = validate(executor, "handoff_consent", "måske", "måske", intent="out_of_scope")
    assert ("handoff_consent", None) in slot_events(result)
    assert responses(result) == ["utter_invalid_consent"]


@pytest.mark.parametrize(
    ("slot", "text"),
    [("handoff_name", "stop"), ("handoff_name", "nej"), ("handoff_contact", "Annuller!"),
     ("handoff_time", "cancel"), ("handoff_consent", "stop"), ("handoff_name", "إلغاء"),
     ("handoff_contact", "стоп"), ("handoff_time", "لغو"), ("handoff_name", "jooji")],
)
def test_stop_cancels_and_ends_the_form(executor, slot, text):
    result = validate(executor, slot, text, text, intent="deny")
    events = slot_events(result)
    assert (slot, None) in events
    assert ("handoff_cancelled", True) in events
    assert ("requested_slot", None) in events  # the form ends


def test_no_at_the_consent_question_is_not_a_cancel(executor):
    result = validate(executor, "handoff_consent", "nej", "nej", intent="deny")
    assert ("handoff_consent", False) in slot_events(result)
    assert ("handoff_cancelled", True) not in slot_events(result)


# ----------------------------------------------------------------- submit


FILLED = {"handoff_name": "Amal", "handoff_contact": "20304050",
          "handoff_time": "i morgen", "handoff_consent": True, "topic": "dagpenge_amount"}

SESSION_EVENTS = [
    {"event": "session_started"},
    action("action_listen"),
    user("hvor meget er dagpenge? mit cpr er 0101901234", "dagpenge_amount",
         ts=1_790_000_000.0, language="da", user_id=7),
    bot("Dagpenge\nDu kan få op til 90 % ...", ts=1_790_000_001.5),
    bot(None, ts=1_790_000_001.6),
    user("/affirm", "affirm", ts=1_790_000_010.0, language="da", user_id=7),
    bot("Hvad hedder du?", ts=1_790_000_010.5),
]


def test_submit_hands_the_answers_to_the_portal_without_calling_it(executor, fake_portal, monkeypatch):
    monkeypatch.setenv("PORTAL_URL", fake_portal.base_url)
    monkeypatch.setenv("JOBVEJ_ASSISTANT_API_TOKEN", TOKEN)
    slots = {**FILLED, "handoff_contact": "20304050 cpr 010190-1234"}
    result = call(executor, "action_submit_handoff", slots=slots, events=SESSION_EVENTS,
                  sender_id="abcDEF123_-xyz")
    assert fake_portal.posts == []  # the portal creates the case from the payload
    [sent] = result["responses"]
    assert sent["custom"] == {
        "topic_id": "talk_to_caseworker",
        "understood": True,
        "handoff_request": {
            "topic_id": "dagpenge_amount",
            "name": "Amal",
            "contact": "20304050 cpr [CPR fjernet]",
            "preferred_time": "i morgen",
            "consent_to_share": True,
        },
    }
    events = slot_events(result)
    assert ("handoff_offered", False) in events
    assert ("handoff_name", None) in events and ("handoff_consent", None) in events


def test_submit_without_topic_or_consent(executor):
    slots = {**FILLED, "topic": "not-a-topic", "handoff_consent": False}
    request = call(executor, "action_submit_handoff", slots=slots, language_slot="ar")[
        "responses"][0]["custom"]["handoff_request"]
    assert (request["topic_id"], request["consent_to_share"]) == (None, False)


def test_cancelled_form_sends_nothing(executor):
    slots = {**FILLED, "handoff_name": None, "handoff_cancelled": True}
    result = call(executor, "action_submit_handoff", slots=slots)
    assert responses(result) == ["utter_handoff_cancelled"]
    assert all("handoff_request" not in (r.get("custom") or {}) for r in result["responses"])
    assert ("handoff_cancelled", None) in slot_events(result)


def test_decline_closes_the_offer(executor):
    result = call(executor, "action_decline_handoff", slots={"handoff_offered": True})
    assert responses(result) == ["utter_handoff_declined"]
    assert slot_events(result) == [("handoff_offered", False)]
