"""Skill: keep the slot ``language`` in step with the portal's UI language.

The portal posts every message as
``{"sender": ..., "message": ..., "metadata": {"language": "en"}}`` to Rasa's
REST channel, which stores ``metadata`` on the user message. The slot
``language`` has a custom mapping with ``action: action_set_language``
(domain/core.yml), so Rasa's ``action_extract_slots`` calls this action after
EVERY user message, before the next response is chosen. Responses then pick
their language with conditional variations on the slot.

If the action server is down, Rasa logs a warning and the slot keeps its value
(initially Danish).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.languages import normalize_language

logger = logging.getLogger(__name__)

LANGUAGE_SLOT = "language"


def language_from_metadata(metadata: Any) -> str | None:
    """Return the supported language in a user message's metadata, or None."""
    if not isinstance(metadata, dict):
        return None
    return normalize_language(metadata.get("language"))


class ActionSetLanguage(Action):
    """Copy ``metadata.language`` of the latest user message into the slot."""

    def name(self) -> str:
        """Return the action name used in the domain."""
        return "action_set_language"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Set the slot when the message carries a new, supported language.

        Returns no event when the language is missing, unsupported or
        unchanged, so the slot keeps its current value.
        """
        metadata = (tracker.latest_message or {}).get("metadata")
        language = language_from_metadata(metadata)
        if language is None:
            if isinstance(metadata, dict) and metadata.get("language") is not None:
                logger.info(
                    "Ignoring unsupported language %r from sender %s",
                    metadata.get("language"),
                    tracker.sender_id,
                )
            return []
        if language == tracker.get_slot(LANGUAGE_SLOT):
            return []
        return [SlotSet(LANGUAGE_SLOT, language)]
