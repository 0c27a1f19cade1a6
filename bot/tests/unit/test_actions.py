"""Custom actions, called the way Rasa calls them: through the rasa_sdk
ActionExecutor with a webhook payload, against a real local portal server."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from actions.language import language_from_metadata
from actions.topics import TOPIC_IDS
from rasa_sdk.executor import ActionExecutor


@pytest.fixture(scope="module")
def executor() -> ActionExecutor:
    """Executor with the `actions` package registered, as `rasa run actions` does."""
    ex = ActionExecutor()
    ex.register_package("actions")
    return ex


def call(
    executor: ActionExecutor,
    action: str,
    *,
    intent: str | None = None,
    language_slot: str | None = "da",
    metadata: dict[str, Any] | None = None,
    text: str = "some text",
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    domain: dict[str, Any] | None = None,
    active_loop: str | None = None,
    sender_id: str = "test-session",
) -> dict[str, Any]:
    """Run ``action`` with a minimal tracker; return {"events", "responses"}."""
    latest_message: dict[str, Any] = {"text": text, "intent": {}, "entities": []}
    if intent is not None:
        latest_message["intent"] = {"name": intent, "confidence": 0.93}
    if metadata is not None:
        latest_message["metadata"] = metadata
    payload = {
        "next_action": action,
        "sender_id": sender_id,
        "tracker": {
            "sender_id": sender_id,
            "slots": {"language": language_slot, **(slots or {})},
            "latest_message": latest_message,
            "events": events or [],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen",
        },
        "domain": domain or {},
        "version": "3.6.21",
    }
    result = asyncio.run(executor.run(payload))
    assert result is not None
    return result


def responses(result: dict[str, Any]) -> list[str]:
    return [r["response"] for r in result["responses"]]


def slot_events(result: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(e["name"], e["value"]) for e in result["events"] if e["event"] == "slot"]


# ----------------------------------------------------------- action_set_language


def test_all_actions_are_registered(executor):
    assert {
        "action_set_language",
        "action_answer_topic",
        "action_misunderstood",
        "validate_handoff_form",
        "action_submit_handoff",
        "action_decline_handoff",
    } <= set(executor.actions)


@pytest.mark.parametrize(
    ("metadata", "slot", "expected"),
    [
        ({"language": "en"}, "da", [("language", "en")]),
        ({"language": "AR"}, "da", [("language", "ar")]),
        ({"language": "uk-UA"}, "en", [("language", "uk")]),
        ({"language": "da"}, "en", [("language", "da")]),
        ({"language": "en"}, "en", []),  # unchanged: no event
        ({"language": "de"}, "en", []),  # unsupported: keep current
        ({"language": None}, "fa", []),
        ({}, "so", []),
        (None, "ti", []),
    ],
)
def test_set_language_from_metadata(executor, metadata, slot, expected):
    result = call(executor, "action_set_language", metadata=metadata, language_slot=slot)
    assert slot_events(result) == expected
    assert result["responses"] == []


def test_language_from_metadata_rejects_non_dicts():
    assert language_from_metadata(["en"]) is None
    assert language_from_metadata("en") is None
    assert language_from_metadata({"language": 7}) is None
    assert language_from_metadata({"language": " fa "}) == "fa"


# ----------------------------------------------------------- action_answer_topic


@pytest.fixture
def portal_env(fake_portal, monkeypatch):
    monkeypatch.setenv("PORTAL_URL", fake_portal.base_url)
    return fake_portal


def test_answer_topic_sends_article_in_user_language(executor, portal_env):
    portal_env.topic("first_meeting", "en")
    result = call(executor, "action_answer_topic", intent="first_meeting", language_slot="en")

    assert portal_env.requests[-1][0] == "/api/v1/topics/first_meeting"
    assert portal_env.requests[-1][1] == {"language": ["en"]}
    assert responses(result) == ["utter_topic_answer"]
    answer = result["responses"][0]
    assert answer["title"] == "Title of first_meeting (en)"
    assert answer["short_answer"] == "Short answer of first_meeting in en."
    assert answer["url"] == "/en/topics/first_meeting"
    assert answer["topic_id"] == "first_meeting"
    assert slot_events(result) == [("topic", "first_meeting"), ("handoff_offered", False)]


def test_unset_or_unknown_language_slot_asks_for_danish(executor, portal_env):
    portal_env.topic("dagpenge_amount", "da")
    call(executor, "action_answer_topic", intent="dagpenge_amount", language_slot=None)
    assert portal_env.requests[-1][1] == {"language": ["da"]}
    call(executor, "action_answer_topic", intent="dagpenge_amount", language_slot="xx")
    assert portal_env.requests[-1][1] == {"language": ["da"]}


def test_handoff_topic_offers_a_person_after_answer(executor, portal_env):
    portal_env.topic("dagpenge_amount", "da", handoff=True)
    result = call(executor, "action_answer_topic", intent="dagpenge_amount")
    assert responses(result) == ["utter_topic_answer", "utter_offer_handoff"]
    assert result["responses"][1]["topic_id"] == "dagpenge_amount"
    assert ("handoff_offered", True) in slot_events(result)


@pytest.mark.parametrize("handoff", [True, False])
def test_caseworker_topic_always_offers_the_form(executor, portal_env, handoff):
    portal_env.topic("talk_to_caseworker", "da", handoff=handoff)
    result = call(executor, "action_answer_topic", intent="talk_to_caseworker")
    assert responses(result) == ["utter_topic_answer", "utter_offer_handoff"]
    assert slot_events(result) == [("topic", "talk_to_caseworker"), ("handoff_offered", True)]


def test_caseworker_topic_keeps_the_topic_asked_before(executor, portal_env):
    portal_env.topic("talk_to_caseworker", "da")
    result = call(
        executor,
        "action_answer_topic",
        intent="talk_to_caseworker",
        slots={"topic": "sickness_benefit"},
    )
    assert slot_events(result) == [("handoff_offered", True)]


def test_danish_fallback_is_announced(executor, portal_env):
    portal_env.topic("first_meeting", "so", served="da", fallback_language="da")
    result = call(executor, "action_answer_topic", intent="first_meeting", language_slot="so")
    assert portal_env.requests[-1][1] == {"language": ["so"]}
    assert responses(result) == ["utter_topic_in_danish", "utter_topic_answer"]
    assert result["responses"][1]["url"] == "/da/topics/first_meeting"


@pytest.mark.parametrize("status", [500, 404])
def test_portal_error_apologises_and_offers_caseworker(executor, portal_env, status):
    portal_env.answer("/api/v1/topics/first_meeting", status=status, body={"error": "x"})
    result = call(executor, "action_answer_topic", intent="first_meeting", language_slot="en")
    assert responses(result) == ["utter_portal_unavailable", "utter_offer_handoff"]
    assert ("handoff_offered", True) in slot_events(result)


def test_portal_down_on_caseworker_topic_points_to_municipality(
    executor, monkeypatch, closed_port_url
):
    monkeypatch.setenv("PORTAL_URL", closed_port_url)
    result = call(executor, "action_answer_topic", intent="talk_to_caseworker")
    assert responses(result) == ["utter_portal_unavailable", "utter_contact_municipality"]
    assert ("handoff_offered", False) in slot_events(result)


def test_malformed_portal_answer_is_not_shown(executor, portal_env):
    body = portal_env.topic("first_meeting", "da")
    body["url"] = "javascript:alert(1)"
    portal_env.answer("/api/v1/topics/first_meeting", body=body)
    result = call(executor, "action_answer_topic", intent="first_meeting")
    assert responses(result) == ["utter_portal_unavailable", "utter_offer_handoff"]


@pytest.mark.parametrize("intent", ["greet", "nlu_fallback", None])
def test_non_topic_intent_gets_fallback_without_portal_call(executor, portal_env, intent):
    result = call(executor, "action_answer_topic", intent=intent)
    assert responses(result) == ["utter_default"]
    assert portal_env.requests == []


def test_every_contract_topic_is_fetched_by_its_own_id(executor, portal_env):
    for topic_id in TOPIC_IDS:
        portal_env.topic(topic_id, "en")
    for topic_id in TOPIC_IDS:
        result = call(executor, "action_answer_topic", intent=topic_id, language_slot="en")
        assert responses(result)[0] == "utter_topic_answer"
    assert [p for p, _, _ in portal_env.requests] == [f"/api/v1/topics/{t}" for t in TOPIC_IDS]
