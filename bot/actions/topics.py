"""Skill: answer a topic question with the portal's article.

Every topic intent (intent name = topic id) is answered by
``action_answer_topic``: it fetches the article's short answer in the user's
language through ``actions.portal_client`` and sends it with the responses
defined in domain/topics_responses.yml, so all fixed wording stays translatable in
the domain. The article text itself comes from content/ through the portal API on every
question: changing an article changes the answer without retraining.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import LANGUAGE_SLOT
from actions.languages import DEFAULT_LANGUAGE, normalize_language
from actions.portal_client import PortalClient, PortalError, TopicNotFound
from actions.responses import (  # noqa: F401 - RESPONSES_USED re-exported for scripts/bot.sh
    RESPONSES_USED,
    UTTER_CONTACT_MUNICIPALITY,
    UTTER_DEFAULT,
    UTTER_OFFER_HANDOFF,
    UTTER_PORTAL_UNAVAILABLE,
    UTTER_TOPIC_ANSWER,
    UTTER_TOPIC_IN_DANISH,
)

logger = logging.getLogger(__name__)

#: Topic ids of the shared contract (contract/topics.yaml), in its order.
#: The assistant answers only these; tests check the domain against this list.
TOPIC_IDS: tuple[str, ...] = (
    "first_meeting",
    "register_unemployed",
    "dagpenge_eligibility",
    "dagpenge_amount",
    "kontanthjaelp_eligibility",
    "kontanthjaelp_amount",
    "work_more_hours",
    "joblog",
    "cv",
    "sickness_benefit",
    "flexjob",
    "youth_education",
    "holiday",
    "missed_meeting",
    "reschedule_meeting",
    "interpreter",
    "complaint",
    "integration_programme",
    "danish_lessons",
    "foreign_qualifications",
    "work_permit_refugee",
    "wage_subsidy",
    "company_internship",
    "hire_flexjob",
    "recruitment_help",
    "sick_employee",
    "mentor",
    "talk_to_caseworker",
)

#: The topic that IS the hand-off: always followed by the offer of a member of staff.
CASEWORKER_TOPIC = "talk_to_caseworker"

#: Slots this skill sets (domain/core.yml).
TOPIC_SLOT = "topic"
OFFER_SLOT = "handoff_offered"


def topic_of(tracker: Tracker) -> str | None:
    """Return the topic id asked about in the latest message, or None."""
    intent = (tracker.latest_message or {}).get("intent") or {}
    name = intent.get("name")
    return name if name in TOPIC_IDS else None


def language_of(tracker: Tracker) -> str:
    """Return the user's language from the slot, Danish if unset or unknown."""
    return normalize_language(tracker.get_slot(LANGUAGE_SLOT)) or DEFAULT_LANGUAGE


class ActionAnswerTopic(Action):
    """Answer the latest topic intent with the article's short answer."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return "action_answer_topic"

    def client(self) -> PortalClient:
        """Return the portal client (configured from the environment)."""
        return PortalClient()

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Send title, short answer and link; offer a person where the topic needs one.

        The offer (yes/no buttons, slot ``handoff_offered``) follows an article marked
        ``handoff`` by the portal and always follows ``talk_to_caseworker``. When the
        portal fails, the user gets "cannot fetch right now", and the offer (a person
        can still be asked) or, if even that is the topic, how to reach the
        municipality. Every message carries ``custom.topic_id`` and ``understood``.
        """
        topic_id = topic_of(tracker)
        if topic_id is None:
            intent = (tracker.latest_message or {}).get("intent") or {}
            logger.error("action_answer_topic ran for non-topic intent %r", intent.get("name"))
            dispatcher.utter_message(response=UTTER_DEFAULT)
            return [SlotSet(OFFER_SLOT, False)]

        events: list[dict[str, Any]] = []
        if topic_id != CASEWORKER_TOPIC or not tracker.get_slot(TOPIC_SLOT):
            # "a person, please" keeps the topic asked about before (routing).
            events.append(SlotSet(TOPIC_SLOT, topic_id))
        language = language_of(tracker)
        try:
            summary = await self.client().fetch_topic(topic_id, language)
        except PortalError as exc:
            log = logger.error if isinstance(exc, TopicNotFound) else logger.warning
            log("Portal could not answer topic %s (%s): %s", topic_id, language, exc)
            dispatcher.utter_message(response=UTTER_PORTAL_UNAVAILABLE, topic_id=topic_id)
            if topic_id == CASEWORKER_TOPIC:
                # The case would go through the same unreachable portal.
                dispatcher.utter_message(response=UTTER_CONTACT_MUNICIPALITY)
                return events + [SlotSet(OFFER_SLOT, False)]
            dispatcher.utter_message(response=UTTER_OFFER_HANDOFF, topic_id=topic_id)
            return events + [SlotSet(OFFER_SLOT, True)]

        if summary.served_in_other_language and summary.served_language == "da":
            dispatcher.utter_message(response=UTTER_TOPIC_IN_DANISH, topic_id=topic_id)
        # The response (domain/topics_responses.yml) puts title and short answer in the
        # text and topic_id, understood and the link in `custom`.
        dispatcher.utter_message(
            response=UTTER_TOPIC_ANSWER,
            topic_id=topic_id,
            title=summary.title,
            short_answer=summary.short_answer,
            url=summary.url,
        )
        offer = summary.handoff or topic_id == CASEWORKER_TOPIC
        if offer:
            dispatcher.utter_message(response=UTTER_OFFER_HANDOFF, topic_id=topic_id)
        return events + [SlotSet(OFFER_SLOT, offer)]
