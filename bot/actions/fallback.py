"""Skill: what the assistant says when it does not understand.

``action_misunderstood`` answers both ``out_of_scope`` and ``nlu_fallback`` (rules in
data/rules.yml). The first misunderstanding gets "I cannot answer that" /
"I did not understand" (each with a button to contact a member of staff). When
understanding fails twice in a row, i.e. this action already answered the user's
previous message, the assistant offers a member of staff with yes/no buttons and opens
the offer (slot ``handoff_offered``), so "yes" starts the contact form.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.responses import UTTER_DEFAULT, UTTER_OFFER_HANDOFF_NOT_UNDERSTOOD, UTTER_OUT_OF_SCOPE
from actions.topics import OFFER_SLOT

ACTION_NAME = "action_misunderstood"
#: Misunderstandings in a row after which a member of staff is offered.
OFFER_AFTER = 2
#: Actions that run around every user message and say nothing about understanding.
_BOOKKEEPING = frozenset(
    {"action_listen", "action_extract_slots", "action_set_language", "action_session_start"}
)


def misunderstood_in_a_row(events: Iterable[dict[str, Any]]) -> int:
    """How many user messages in a row, up to the latest, this action has answered.

    Walks back over the tracker events and counts runs of this action; any other
    action (a topic answer, small talk, the form) or a new session ends the run.
    The count does not include the message being answered now.
    """
    count = 0
    for event in reversed(list(events)):
        kind = event.get("event")
        if kind == "session_started":
            break
        if kind != "action":
            continue
        name = event.get("name")
        if name == ACTION_NAME:
            count += 1
        elif name not in _BOOKKEEPING:
            break
    return count


class ActionMisunderstood(Action):
    """Apologise; on the second misunderstanding in a row offer a member of staff."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return ACTION_NAME

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Send the apology or the offer; set ``handoff_offered`` accordingly."""
        if misunderstood_in_a_row(tracker.events) + 1 >= OFFER_AFTER:
            dispatcher.utter_message(response=UTTER_OFFER_HANDOFF_NOT_UNDERSTOOD)
            return [SlotSet(OFFER_SLOT, True)]
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        dispatcher.utter_message(
            response=UTTER_OUT_OF_SCOPE if intent == "out_of_scope" else UTTER_DEFAULT
        )
        return [SlotSet(OFFER_SLOT, False)]
