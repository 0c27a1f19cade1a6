"""Skill: personal calculations ("hvor mange dagpenge får jeg, jeg tjente 25.000 om måneden").

The assistant reads facts and asks for what is missing; the PORTAL computes. Nothing here
calls the portal: the answer is a custom payload that the portal turns into the figure,
the one-line why, the "not confirmed" notice and the link to the calculator, in the same
request (bot/README.md, "Calculations").

* ``validate_calculation_form`` (form ``calculation_form``, domain/calculation.yml) reads
  every fact of each message (``actions.calculation_facts``), keeps the facts of earlier
  messages, picks the calculator (named in the message, else the one of the last answer,
  else the topic asked about, else it asks), and asks for the next missing fact, one at a
  time. A wrong value ("tredive tusind", a negative amount) is reported to the portal,
  which explains it kindly before the question is asked again. "stop" ends the form.
* ``action_calculation_result`` sends ``{"calculation": {"calculator", "facts"}}``.
* ``action_explain_calculation`` sends the same with ``"explain": true`` (the portal shows
  the steps of the last answer), or ``{"calculation_explain": "none"}``.

Follow-ups ("og hvis jeg er deltidsforsikret?", "what about 2027?") are ``inform_facts``
messages: the form starts again with all facts kept, the new fact replaces the old one, and
if nothing is missing it ends at once with the recomputed result.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.calculation_facts import (
    FACTS,
    TOPIC_CALCULATOR,
    extract_facts,
    merge_facts,
    missing_facts,
)
from actions.handoff_fields import is_stop
from actions.topics import TOPIC_SLOT

logger = logging.getLogger(__name__)

SLOT_PREFIX = "calc_"
CANCELLED_SLOT = "calc_cancelled"
REQUESTED_SLOT = "requested_slot"
#: `topic_id` of every calculation message (the portal maps it to the calculator's topic).
CALCULATION_TOPIC = "calculation"


def slot_of(fact: str) -> str:
    """The slot that holds a fact."""
    return SLOT_PREFIX + fact


def known_facts(tracker: Tracker, skip: str | None = None) -> dict[str, Any]:
    """The facts in the slots (``skip``: the slot that holds a raw answer right now)."""
    facts = {}
    for fact in FACTS:
        if fact == skip:
            continue
        value = tracker.get_slot(slot_of(fact))
        if value is not None:
            facts[fact] = value
    return facts


def _text(tracker: Tracker) -> str:
    text = (tracker.latest_message or {}).get("text")
    return text if isinstance(text, str) else ""


def previous_user_text(tracker: Tracker) -> str:
    """The user's message before the latest one (this session), or ""."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            break
        if event.get("event") != "user":
            continue
        if not seen_latest:
            seen_latest = True
            continue
        text = event.get("text")
        return text if isinstance(text, str) else ""
    return ""


def _payload(**data: Any) -> dict[str, Any]:
    return {"topic_id": CALCULATION_TOPIC, "understood": True, **data}


class ValidateCalculationForm(FormValidationAction):
    """Read the facts of every message of ``calculation_form`` and ask for the next one."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return "validate_calculation_form"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[dict[str, Any]]:
        """Facts in, next question (``requested_slot``) out; ``None`` ends the form."""
        requested = tracker.get_slot(REQUESTED_SLOT)
        expected = (
            requested[len(SLOT_PREFIX) :]
            if isinstance(requested, str) and requested.startswith(SLOT_PREFIX)
            else None
        )
        text = _text(tracker)
        events: list[dict[str, Any]] = []
        if is_stop(text):
            dispatcher.utter_message(json_message=_payload(calculation_cancelled=True))
            if requested:
                events.append(SlotSet(requested, None))
            return events + [SlotSet(CANCELLED_SLOT, True), SlotSet(REQUESTED_SLOT, None)]

        known = known_facts(tracker, skip=expected)
        read = extract_facts(text, expected)
        new = dict(read.facts)
        if "calculator" not in new and "calculator" not in known:
            topic_calculator = TOPIC_CALCULATOR.get(tracker.get_slot(TOPIC_SLOT) or "")
            if topic_calculator:
                new["calculator"] = topic_calculator
                # "beregn mine dagpenge, jeg er deltidsforsikret" got the article; its facts
                # count when the next message starts the calculation.
                earlier = extract_facts(previous_user_text(tracker)).facts
                new = {**{k: v for k, v in earlier.items() if k not in known}, **new}
        facts = merge_facts(known, new)

        for fact, code in read.errors.items():
            dispatcher.utter_message(
                json_message=_payload(
                    calculation_error=code,
                    fact=expected if fact == "number" else fact,
                    calculator=facts.get("calculator"),
                )
            )
        if expected and expected not in new and not read.errors and not new:
            # Nothing usable in the answer: say so; the question comes again.
            dispatcher.utter_message(
                json_message=_payload(
                    calculation_error="not_understood",
                    fact=expected,
                    calculator=facts.get("calculator"),
                )
            )
        if expected and expected not in facts:
            events.append(SlotSet(requested, None))
        for fact, value in new.items():
            events.append(SlotSet(slot_of(fact), value))
        missing = missing_facts(facts)
        events.append(SlotSet(CANCELLED_SLOT, False))
        events.append(SlotSet(REQUESTED_SLOT, slot_of(missing[0]) if missing else None))
        return events


class ActionCalculationResult(Action):
    """The form is finished: hand the facts to the portal, which computes and answers."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return "action_calculation_result"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """``{"calculation": {"calculator", "facts"}}``; nothing when the user stopped."""
        if tracker.get_slot(CANCELLED_SLOT):
            return [SlotSet(CANCELLED_SLOT, False)]
        facts = known_facts(tracker)
        if missing_facts(facts):
            # Should not happen (the form asks until nothing is missing); say so kindly.
            logger.error("calculation finished with missing facts %s", missing_facts(facts))
            dispatcher.utter_message(json_message=_payload(calculation_explain="none"))
            return []
        calculator = facts.pop("calculator")
        dispatcher.utter_message(
            json_message=_payload(calculation={"calculator": calculator, "facts": facts})
        )
        return []


class ActionExplainCalculation(Action):
    """ "hvad betyder det?": the portal explains the last answer step by step."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return "action_explain_calculation"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """The last calculation with ``explain``, or ``calculation_explain: none``."""
        facts = known_facts(tracker)
        if facts.get("calculator") is None or missing_facts(facts):
            dispatcher.utter_message(json_message=_payload(calculation_explain="none"))
            return []
        calculator = facts.pop("calculator")
        dispatcher.utter_message(
            json_message=_payload(
                calculation={"calculator": calculator, "facts": facts}, explain=True
            )
        )
        return []
