"""jobvej_channel.rest: one REST item per bot message (text, buttons and custom together),
as the portal reads it (portal/assistant/rasa.py to_bot_message)."""

from __future__ import annotations

import asyncio

from jobvej_channel.rest import JobvejRestInput, WholeMessageOutputChannel, whole_message
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.events import BotUttered


def collect(channel, message) -> list:
    asyncio.run(channel.send_response("s1", message))
    return channel.messages


def topic_answer() -> dict:
    """A bot message as Rasa's processor hands it to the channel (BotUttered.message())."""
    return BotUttered(
        text="Dagpenge\nDu kan få op til 90 %.\n\nLæs mere.",
        data={
            "buttons": [{"title": "Ja", "payload": "/affirm"}],
            "custom": {"topic_id": "dagpenge_amount", "understood": True, "link": "/da/emner/x"},
        },
        metadata={"utter_action": "utter_topic_answer", "title": "Dagpenge", "short_answer": "..."},
    ).message()


def test_text_buttons_and_custom_stay_in_one_item():
    items = collect(WholeMessageOutputChannel(), topic_answer())
    assert items == [
        {
            "recipient_id": "s1",
            "text": "Dagpenge\nDu kan få op til 90 %.\n\nLæs mere.",
            "buttons": [{"title": "Ja", "payload": "/affirm"}],
            "custom": {"topic_id": "dagpenge_amount", "understood": True, "link": "/da/emner/x"},
        }
    ]


def test_stock_collector_would_split_the_message():
    # Why the channel exists: the stock channel gives the portal 2 items for 1 message
    # (text+buttons, then custom alone, which the portal drops).
    assert len(collect(CollectingOutputChannel(), topic_answer())) == 2


def test_template_variables_never_leave_the_bot():
    item = whole_message("s1", topic_answer())
    assert set(item) == {"recipient_id", "text", "buttons", "custom"}


def test_custom_only_and_empty_messages():
    assert collect(WholeMessageOutputChannel(), {"custom": {"handoff_case_id": 4}}) == [
        {"recipient_id": "s1", "custom": {"handoff_case_id": 4}}
    ]
    assert collect(WholeMessageOutputChannel(), {"text": "", "timestamp": 1.0}) == []


def test_webhook_url_is_unchanged():
    assert JobvejRestInput.name() == "rest"
    assert JobvejRestInput().url_prefix() == "rest"
