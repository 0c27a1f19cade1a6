"""REST channel for the Jobvej portal: Rasa's stock REST channel, one item per bot message.

Rasa's stock ``RestInput`` (rasa/core/channels/rest.py) collects the answer with
``CollectingOutputChannel``, which splits ONE bot message into several REST items:
the text (cut at every blank line) in one item and its ``custom`` payload in another.
The portal (portal/assistant/rasa.py ``to_bot_message``) reads text, buttons and
``custom`` (``topic_id``, ``understood``, ``link``, ``handoff_case_id``) from the SAME
item, and drops items without text, buttons or link. This channel therefore keeps each
bot message whole::

    {"recipient_id": "<sender>", "text": "...", "buttons": [...],
     "custom": {"topic_id": "dagpenge_amount", "understood": true, "link": "/da/..."}}

Everything else is as in the stock channel: the webhook is still
``POST /webhooks/rest/webhook`` (``name()`` is ``rest``), the request is
``{"sender", "message", "metadata"}`` and ``metadata`` (language, user_id) is stored
with the user message. Configured in bot/credentials.yml as
``jobvej_channel.rest.JobvejRestInput`` (bot/ is on PYTHONPATH via scripts/bot.sh).
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

#: Keys of a bot message that reach the portal; anything else Rasa attaches to a
#: message (e.g. template variables an action passed) is never sent out.
OUTPUT_KEYS = ("text", "buttons", "image", "attachment", "custom")


def whole_message(recipient_id: str, message: dict[str, Any]) -> dict[str, Any]:
    """Return one REST item for one bot message (empty values left out)."""
    item: dict[str, Any] = {"recipient_id": recipient_id}
    for key in OUTPUT_KEYS:
        value = message.get(key)
        if value not in (None, "", [], {}):
            item[key] = value
    quick_replies = message.get("quick_replies")
    if quick_replies and "buttons" not in item:
        item["buttons"] = quick_replies
    return item


class WholeMessageOutputChannel(CollectingOutputChannel):
    """Collects bot messages, one item per message (text, buttons and custom together)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Store the message as a single item."""
        item = whole_message(recipient_id, message)
        if len(item) > 1:
            await self._persist_message(item)


class JobvejRestInput(RestInput):
    """``POST /webhooks/rest/webhook`` answering with whole messages."""

    @classmethod
    def name(cls) -> str:
        """Keep the stock URL prefix ``/webhooks/rest``."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Health check and webhook (no streaming: the portal waits for the whole answer)."""
        webhook = Blueprint("jobvej_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not isinstance(request.json, dict):
                return response.json({"error": "expected a JSON object"}, status=400)
            sender_id = await self._extract_sender(request)
            text = self._extract_message(request)
            if not isinstance(sender_id, str) or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, status=400)
            metadata: dict[str, Any] | None = self.get_metadata(request)
            collector = WholeMessageOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        collector,
                        sender_id,
                        input_channel=self._extract_input_channel(request),
                        metadata=metadata,
                    )
                )
            except CancelledError:
                logger.error("Message handling timed out for sender %s", sender_id)
            except Exception:  # noqa: BLE001 - same as the stock channel: answer what we have
                logger.exception("Message handling failed for sender %s", sender_id)
            messages: list[dict[str, Any]] = collector.messages
            return response.json(messages)

        return webhook
