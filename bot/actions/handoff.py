"""Skill: hand the conversation to a person.

* ``validate_handoff_form`` checks each answer of ``handoff_form`` (domain/handoff.yml):
  name (free text), contact (phone or e-mail), preferred time (free text) and consent
  to share the conversation (yes/no). "stop" cancels at any question, "no" at every
  question except the consent one (where it means "do not share").
* ``action_submit_handoff`` runs when the form ends (rule in data/rules.yml). If the
  user cancelled, it says nothing was sent. Otherwise it sends the answers and the last
  recognised topic to the portal in a custom payload (``handoff_request``); the portal
  creates the case in the same request, with its own redacted record of the session,
  and tells the user the case number and who answers when (or, if the case could not
  be created, that nothing was sent and how to reach the municipality). The action
  server never calls the portal during a turn.
* ``action_decline_handoff``: "no" to the offer.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.cpr import redact_cpr
from actions.handoff_fields import (
    clean_contact,
    clean_text,
    consent_answer,
    is_no,
    is_stop,
)
from actions.responses import (
    UTTER_HANDOFF_CANCELLED,
    UTTER_HANDOFF_DECLINED,
    UTTER_INVALID_CONSENT,
    UTTER_INVALID_CONTACT,
)
from actions.topics import CASEWORKER_TOPIC, OFFER_SLOT, TOPIC_IDS, TOPIC_SLOT

logger = logging.getLogger(__name__)

FORM_SLOTS = ("handoff_name", "handoff_contact", "handoff_time", "handoff_consent")
CANCELLED_SLOT = "handoff_cancelled"


def _latest_text(tracker: Tracker) -> str:
    text = (tracker.latest_message or {}).get("text")
    return text if isinstance(text, str) else ""


def _latest_intent(tracker: Tracker) -> Optional[str]:
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    return intent if isinstance(intent, str) else None


def _cancel() -> Dict[Text, Any]:
    return {CANCELLED_SLOT: True}


class ValidateHandoffForm(FormValidationAction):
    """Check and clean the answers of ``handoff_form``; handle "stop"."""

    def name(self) -> Text:
        """Return the action name used in the domain."""
        return "validate_handoff_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        """No more questions once the user has cancelled (the form then ends)."""
        if tracker.get_slot(CANCELLED_SLOT):
            return []
        return domain_slots

    def _cancels(self, tracker: Tracker, *, no_cancels: bool) -> bool:
        text = _latest_text(tracker)
        return is_stop(text) or (no_cancels and is_no(text))

    def validate_handoff_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Any non-empty text is a name (CPR numbers redacted, at most 200 chars)."""
        if self._cancels(tracker, no_cancels=True):
            return {"handoff_name": None, **_cancel()}
        return {"handoff_name": clean_text(value)}

    def validate_handoff_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """A phone number or an e-mail address; otherwise explain and ask again."""
        if self._cancels(tracker, no_cancels=True):
            return {"handoff_contact": None, **_cancel()}
        contact = clean_contact(value)
        if contact is None:
            dispatcher.utter_message(response=UTTER_INVALID_CONTACT)
        return {"handoff_contact": contact}

    def validate_handoff_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Free text ("tomorrow morning", "after 12")."""
        if self._cancels(tracker, no_cancels=True):
            return {"handoff_time": None, **_cancel()}
        return {"handoff_time": clean_text(value)}

    def validate_handoff_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Yes/no (buttons, typed, or the NLU's affirm/deny); otherwise ask again."""
        if self._cancels(tracker, no_cancels=False):
            return {"handoff_consent": None, **_cancel()}
        answer = consent_answer(value if isinstance(value, str) else "", _latest_intent(tracker))
        if answer is None:
            dispatcher.utter_message(response=UTTER_INVALID_CONSENT)
        return {"handoff_consent": answer}


def _reset() -> List[Dict[Text, Any]]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [
        SlotSet(CANCELLED_SLOT, None),
        SlotSet(OFFER_SLOT, False),
    ]


class ActionSubmitHandoff(Action):
    """Hand the finished contact form to the portal (or confirm the cancel).

    The action does not call the portal: it sends the answers as a custom payload,
    ``{"handoff_request": {"topic_id", "name", "contact", "preferred_time",
    "consent_to_share"}}``, and the portal creates the case in the same request (with its
    own, already redacted record of the conversation, the user and the language of the
    session), then tells the user the case number and who answers when, in their language.
    """

    def name(self) -> Text:
        """Return the action name used in the domain."""
        return "action_submit_handoff"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[Dict[Text, Any]]:
        """The form's answers for the portal, which creates the case."""
        values = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS}
        if tracker.get_slot(CANCELLED_SLOT) or any(
            values[slot] is None for slot in FORM_SLOTS
        ):
            dispatcher.utter_message(response=UTTER_HANDOFF_CANCELLED)
            return _reset()
        topic = tracker.get_slot(TOPIC_SLOT)
        dispatcher.utter_message(
            json_message={
                "topic_id": CASEWORKER_TOPIC,
                "understood": True,
                "handoff_request": {
                    "topic_id": topic if topic in TOPIC_IDS else None,
                    "name": redact_cpr(str(values["handoff_name"])),
                    "contact": redact_cpr(str(values["handoff_contact"])),
                    "preferred_time": redact_cpr(str(values["handoff_time"])),
                    "consent_to_share": values["handoff_consent"] is True,
                },
            }
        )
        return _reset()


class ActionDeclineHandoff(Action):
    """The user said no to the offer of a member of staff."""

    def name(self) -> Text:
        """Return the action name used in the domain."""
        return "action_decline_handoff"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[Dict[Text, Any]]:
        """Acknowledge and close the offer."""
        dispatcher.utter_message(response=UTTER_HANDOFF_DECLINED)
        return [SlotSet(OFFER_SLOT, False)]
