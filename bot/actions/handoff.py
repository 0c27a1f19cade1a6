"""Skill: hand the conversation to a person.

* ``validate_handoff_form`` checks each answer of ``handoff_form`` (domain/handoff.yml):
  name (free text), contact (phone or e-mail), preferred time (free text) and consent
  to share the conversation (yes/no). "stop" cancels at any question, "no" at every
  question except the consent one (where it means "do not share").
* ``action_submit_handoff`` runs when the form ends (rule in data/rules.yml). If the
  user cancelled, it says nothing was sent. Otherwise it creates the case through the
  portal API (``actions.portal_client``, the only module that talks to the portal)
  with the transcript of this session (CPR numbers redacted), the last recognised
  topic, the language, the session id (Rasa's sender id) and ``user_id`` from the
  message metadata, then tells the user, in their language, who will answer and when
  (the portal's ``reply_expected``) and sends ``custom.handoff_case_id``. If the portal
  does not create the case, the user is told so and how to reach the municipality.
* ``action_decline_handoff``: "no" to the offer.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

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
from actions.portal_client import HandoffRequest, PortalClient, PortalError
from actions.responses import (
    UTTER_HANDOFF_CANCELLED,
    UTTER_HANDOFF_CREATED,
    UTTER_HANDOFF_DECLINED,
    UTTER_HANDOFF_FAILED,
    UTTER_INVALID_CONSENT,
    UTTER_INVALID_CONTACT,
)
from actions.topics import CASEWORKER_TOPIC, OFFER_SLOT, TOPIC_IDS, TOPIC_SLOT, language_of

logger = logging.getLogger(__name__)

FORM_SLOTS = ("handoff_name", "handoff_contact", "handoff_time", "handoff_consent")
CANCELLED_SLOT = "handoff_cancelled"
MAX_TRANSCRIPT_ENTRIES = 500  # the portal's limits
MAX_TRANSCRIPT_TEXT = 5000


def _latest_text(tracker: Tracker) -> str:
    text = (tracker.latest_message or {}).get("text")
    return text if isinstance(text, str) else ""


def _latest_intent(tracker: Tracker) -> str | None:
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    return intent if isinstance(intent, str) else None


def _cancel() -> dict[str, Any]:
    return {CANCELLED_SLOT: True}


class ValidateHandoffForm(FormValidationAction):
    """Check and clean the answers of ``handoff_form``; handle "stop"."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return "validate_handoff_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """No more questions once the user has cancelled (the form then ends)."""
        if tracker.get_slot(CANCELLED_SLOT):
            return []
        return domain_slots

    def _cancels(self, tracker: Tracker, *, no_cancels: bool) -> bool:
        text = _latest_text(tracker)
        return is_stop(text) or (no_cancels and is_no(text))

    def validate_handoff_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Any non-empty text is a name (CPR numbers redacted, at most 200 chars)."""
        if self._cancels(tracker, no_cancels=True):
            return {"handoff_name": None, **_cancel()}
        return {"handoff_name": clean_text(value)}

    def validate_handoff_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A phone number or an e-mail address; otherwise explain and ask again."""
        if self._cancels(tracker, no_cancels=True):
            return {"handoff_contact": None, **_cancel()}
        contact = clean_contact(value)
        if contact is None:
            dispatcher.utter_message(response=UTTER_INVALID_CONTACT)
        return {"handoff_contact": contact}

    def validate_handoff_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Free text ("tomorrow morning", "after 12")."""
        if self._cancels(tracker, no_cancels=True):
            return {"handoff_time": None, **_cancel()}
        return {"handoff_time": clean_text(value)}

    def validate_handoff_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes/no (buttons, typed, or the NLU's affirm/deny); otherwise ask again."""
        if self._cancels(tracker, no_cancels=False):
            return {"handoff_consent": None, **_cancel()}
        answer = consent_answer(value if isinstance(value, str) else "", _latest_intent(tracker))
        if answer is None:
            dispatcher.utter_message(response=UTTER_INVALID_CONSENT)
        return {"handoff_consent": answer}


def _iso(timestamp: Any) -> str | None:
    if isinstance(timestamp, bool) or not isinstance(timestamp, (int, float)):
        return None
    try:
        return dt.datetime.fromtimestamp(timestamp, dt.UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def transcript_from_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """User and bot texts of the current session, oldest first, CPR-redacted.

    Each entry is ``{"sender": "user"|"bot", "text", "timestamp"}`` (ISO 8601 UTC).
    Button clicks ("/affirm") are kept as the user's answer; messages without text
    (e.g. only a link) are left out. At most the last 500 entries of 5000 characters.
    """
    entries: list[dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        if kind == "session_started":
            entries = []
            continue
        if kind not in ("user", "bot"):
            continue
        text = event.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        entries.append(
            {
                "sender": kind,
                "text": redact_cpr(text)[:MAX_TRANSCRIPT_TEXT],
                "timestamp": _iso(event.get("timestamp")),
            }
        )
    return entries[-MAX_TRANSCRIPT_ENTRIES:]


def user_id_from_events(events: Iterable[dict[str, Any]]) -> int | None:
    """The portal's ``metadata.user_id`` of the latest user message that has one."""
    for event in reversed(list(events)):
        if event.get("event") != "user":
            continue
        metadata = event.get("metadata")
        if isinstance(metadata, dict):
            user_id = metadata.get("user_id")
            if isinstance(user_id, int) and not isinstance(user_id, bool):
                return user_id
    return None


def _reset() -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [
        SlotSet(CANCELLED_SLOT, None),
        SlotSet(OFFER_SLOT, False),
    ]


class ActionSubmitHandoff(Action):
    """Create the handoff case when the form is complete (or confirm the cancel)."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return "action_submit_handoff"

    def client(self) -> PortalClient:
        """Return the portal client (configured from the environment)."""
        return PortalClient()

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Send the case to the portal and tell the user who answers when."""
        values = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS}
        if tracker.get_slot(CANCELLED_SLOT) or any(values[slot] is None for slot in FORM_SLOTS):
            dispatcher.utter_message(response=UTTER_HANDOFF_CANCELLED)
            return _reset()

        language = language_of(tracker)
        topic = tracker.get_slot(TOPIC_SLOT)
        request = HandoffRequest(
            session_id=tracker.sender_id,
            language=language,
            topic_id=topic if topic in TOPIC_IDS else None,
            name=str(values["handoff_name"]),
            contact=str(values["handoff_contact"]),
            preferred_time=str(values["handoff_time"]),
            consent_to_share=values["handoff_consent"] is True,
            transcript=transcript_from_events(tracker.events),
            user_id=user_id_from_events(tracker.events),
        )
        try:
            receipt = await self.client().create_handoff_case(request)
        except PortalError as exc:
            # Never lose a request silently: the user is told and given another way.
            logger.error("Handoff case for session %s not created: %s", tracker.sender_id, exc)
            dispatcher.utter_message(response=UTTER_HANDOFF_FAILED)
            return _reset()
        logger.info("Handoff case %s created for session %s", receipt.case_id, tracker.sender_id)
        dispatcher.utter_message(
            response=UTTER_HANDOFF_CREATED,
            case_id=receipt.case_id,
            reply_expected=receipt.reply_expected,
            json_message={
                "topic_id": CASEWORKER_TOPIC,
                "understood": True,
                "handoff_case_id": receipt.case_id,
            },
        )
        return _reset()


class ActionDeclineHandoff(Action):
    """The user said no to the offer of a member of staff."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return "action_decline_handoff"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Acknowledge and close the offer."""
        dispatcher.utter_message(response=UTTER_HANDOFF_DECLINED)
        return [SlotSet(OFFER_SLOT, False)]
