"""The calculation skill's actions, run through rasa_sdk's ActionExecutor: facts read,
questions asked one at a time, mistakes reported, follow-ups recomputed, and the payload
the portal computes from (the assistant never calls the portal itself)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import ActionExecutor
from tests.unit.test_actions import call, slot_events

FORM_DOMAIN = {
    "forms": {
        "calculation_form": {
            "required_slots": [
                "calc_calculator",
                "calc_benefit",
                "calc_insurance",
                "calc_monthly_income",
                "calc_hourly_wage",
                "calc_hours_per_week",
                "calc_age",
                "calc_children",
                "calc_civil_status",
                "calc_employer_type",
                "calc_weeks",
                "calc_employees",
            ]
        }
    },
    "slots": {},
}


@pytest.fixture(scope="module")
def executor() -> ActionExecutor:
    ex = ActionExecutor()
    ex.register_package("actions")
    return ex


def validate(executor, text: str, slots: dict[str, Any] | None = None, requested=None, events=None):
    all_slots = {"requested_slot": requested, **(slots or {})}
    return call(
        executor,
        "validate_calculation_form",
        intent="inform_facts",
        text=text,
        slots=all_slots,
        domain=FORM_DOMAIN,
        active_loop="calculation_form",
        events=events,
    )


def customs(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [r.get("custom") or r.get("json_message") for r in result["responses"]]


def test_every_fact_at_once_ends_the_form(executor):
    result = validate(
        executor,
        "hvor mange dagpenge får jeg, jeg er fuldtidsforsikret og tjente 25.000 om måneden",
    )
    assert dict(slot_events(result)) == {
        "calc_calculator": "dagpenge",
        "calc_insurance": "full_time",
        "calc_monthly_income": "25000",
        "calc_cancelled": False,
        "requested_slot": None,
    }
    assert customs(result) == []


def test_only_the_missing_fact_is_asked(executor):
    result = validate(executor, "hvor mange dagpenge får jeg, jeg tjente 25.000 om måneden")
    assert slot_events(result)[-1] == ("requested_slot", "calc_insurance")


def test_answer_to_the_question_and_extra_facts_in_one_message(executor):
    # asked for age; the user gives age, status and children at once
    result = validate(
        executor,
        "jeg er 27, enlig med to børn",
        slots={"calc_calculator": "kontanthjaelp", "calc_age": "jeg er 27, enlig med to børn"},
        requested="calc_age",
    )
    events = dict(slot_events(result))
    assert events["calc_age"] == 27 and events["calc_children"] == 2
    assert events["calc_civil_status"] == "single" and events["requested_slot"] is None


def test_the_topic_asked_about_picks_the_calculator(executor):
    result = validate(
        executor,
        "jeg tjente 25000 om måneden og er fuldtidsforsikret",
        slots={"topic": "dagpenge_amount"},
    )
    assert dict(slot_events(result))["calc_calculator"] == "dagpenge"
    assert slot_events(result)[-1] == ("requested_slot", None)


def test_follow_up_changes_one_fact(executor):
    known = {
        "calc_calculator": "dagpenge",
        "calc_insurance": "full_time",
        "calc_monthly_income": "25000",
    }
    result = validate(executor, "og hvis jeg er deltidsforsikret?", slots=known)
    assert slot_events(result) == [
        ("calc_insurance", "part_time"),
        ("calc_cancelled", False),
        ("requested_slot", None),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [("tredive tusind", "number_in_words"), ("-5000", "negative"), ("blabla", "not_understood")],
)
def test_a_wrong_answer_is_reported_and_asked_again(executor, text, code):
    result = validate(
        executor,
        text,
        slots={
            "calc_calculator": "dagpenge",
            "calc_insurance": "part_time",
            "calc_monthly_income": text,
        },
        requested="calc_monthly_income",
    )
    assert customs(result) == [
        {
            "topic_id": "calculation",
            "understood": True,
            "calculation_error": code,
            "fact": "monthly_income",
            "calculator": "dagpenge",
        }
    ]
    events = slot_events(result)
    assert ("calc_monthly_income", None) in events
    assert events[-1] == ("requested_slot", "calc_monthly_income")


def test_stop_ends_the_form_without_a_result(executor):
    result = validate(
        executor,
        "stop",
        slots={"calc_calculator": "kontanthjaelp", "calc_age": "stop"},
        requested="calc_age",
    )
    assert ("calc_cancelled", True) in slot_events(result)
    assert slot_events(result)[-1] == ("requested_slot", None)
    after = call(executor, "action_calculation_result", slots={"calc_cancelled": True})
    assert after["responses"] == []


def test_result_is_a_payload_for_the_portal(executor):
    result = call(
        executor,
        "action_calculation_result",
        slots={
            "calc_calculator": "sygedagpenge",
            "calc_hourly_wage": "150",
            "calc_hours_per_week": "37",
        },
    )
    assert customs(result) == [
        {
            "topic_id": "calculation",
            "understood": True,
            "calculation": {
                "calculator": "sygedagpenge",
                "facts": {"hourly_wage": "150", "hours_per_week": "37"},
            },
        }
    ]


def test_explain_the_last_answer_or_say_there_is_none(executor):
    slots = {"calc_calculator": "fleksjob", "calc_monthly_income": "12000"}
    explained = customs(call(executor, "action_explain_calculation", slots=slots))[0]
    assert explained["explain"] is True and explained["calculation"]["calculator"] == "fleksjob"
    nothing = customs(call(executor, "action_explain_calculation", slots={}))[0]
    assert nothing["calculation_explain"] == "none"


def test_conversation_tests_write_the_slot_events_the_form_really_sets(executor):
    """Custom actions do not run in `rasa test`, so the stories spell out their slot events;
    replay every user message of tests/test_calculation_conversations.yml through the real
    validate_calculation_form and compare."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[1] / "test_calculation_conversations.yml"
    stories = yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]
    checked = 0
    for story in stories:
        slots: dict[str, Any] = {}
        requested = None
        said: list[dict[str, Any]] = []
        steps = story["steps"]
        for index, step in enumerate(steps):
            if "user" in step:
                said.append({"event": "user", "text": step["user"]})
            if "slot_was_set" in step and steps[index - 1].get("action") == "action_answer_topic":
                for item in step["slot_was_set"]:
                    slots.update(item)
            if "user" not in step or step["intent"] not in ("calculate", "inform_facts"):
                continue
            if requested:
                slots[requested] = step["user"]  # from_text: the raw answer
            result = validate(
                executor, step["user"], slots=slots, requested=requested, events=list(said)
            )
            expected = []
            for later in steps[index + 1 :]:
                if "user" in later or "intent" in later:
                    break
                for item in later.get("slot_was_set", []):
                    expected += list(item.items())
            got = slot_events(result)
            # same slots and values (the order within one action does not matter); the
            # stories end a finished form with one more `requested_slot: null`
            assert dict(got) == dict(expected), (story["story"], step["user"], got, expected)
            for name, value in got:
                slots[name] = value
            requested = slots.get("requested_slot")
            checked += 1
    assert checked >= 25


def test_facts_of_the_question_that_got_the_article_are_kept(executor):
    events = [
        {"event": "user", "text": "beregn hvad jeg kan få i dagpenge, jeg er deltidsforsikret",
         "parse_data": {"intent": {"name": "dagpenge_amount"}}},
        {"event": "action", "name": "action_answer_topic"},
        {"event": "user", "text": "30.000 kr om måneden", "parse_data": {"intent": {"name": "inform_facts"}}},
    ]
    result = call(
        executor,
        "validate_calculation_form",
        intent="inform_facts",
        text="30.000 kr om måneden",
        slots={"requested_slot": None, "topic": "dagpenge_amount"},
        events=events,
        domain=FORM_DOMAIN,
        active_loop="calculation_form",
    )
    assert dict(slot_events(result)) == {
        "calc_calculator": "dagpenge",
        "calc_insurance": "part_time",
        "calc_monthly_income": "30000",
        "calc_cancelled": False,
        "requested_slot": None,
    }
