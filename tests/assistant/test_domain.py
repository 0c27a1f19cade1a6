"""Pure chat rules: intents, validation of API input, insight figures, widget texts."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.domain.assistant import (
    classify_intent,
    clean_transcript,
    is_valid_session_id,
    new_session_id,
    validate_chat_message,
    validate_handoff,
    validate_left_message,
)
from portal.domain.chat_texts import (
    REVIEW_STATUS,
    TEXTS,
    chat_text,
    chat_texts,
    missing_translations,
)
from portal.domain.insight import (
    CaseFacts,
    ConversationFacts,
    build_report,
    containment,
    median_first_reply,
    not_understood,
)
from portal.domain.languages import LANGUAGE_CODES

TOPICS = {"dagpenge_amount", "recruitment_help"}
T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def test_session_ids() -> None:
    sid = new_session_id()
    assert is_valid_session_id(sid)
    assert new_session_id() != sid
    assert not is_valid_session_id("short")
    assert not is_valid_session_id("x" * 16 + "/")
    assert not is_valid_session_id(None)


@pytest.mark.parametrize(
    ("intent", "topic", "understood"),
    [
        ("dagpenge_amount", "dagpenge_amount", True),
        ("greet", "out_of_scope", None),
        ("thanks", "out_of_scope", None),
        ("goodbye", "out_of_scope", None),
        ("out_of_scope", "out_of_scope", False),
        ("nlu_fallback", "out_of_scope", False),
        ("something_new", "out_of_scope", False),
        (None, "out_of_scope", False),
    ],
)
def test_classify_intent(intent, topic, understood) -> None:
    result = classify_intent(intent, 0.8, TOPICS)
    assert (result.topic_id, result.understood) == (topic, understood)


def test_confidence_is_clamped() -> None:
    assert classify_intent("greet", 1.7, TOPICS).confidence == 1.0
    assert classify_intent("greet", -1, TOPICS).confidence == 0.0


def valid_handoff(**changes):
    data = {
        "session_id": "abc123",
        "language": "ar",
        "topic_id": "dagpenge_amount",
        "name": "Amal",
        "contact": "12345678",
        "preferred_time": "formiddag",
        "consent_to_share": True,
        "transcript": [{"sender": "user", "text": "hej 010190-1234", "timestamp": 1764000000}],
    }
    data.update(changes)
    return data


def test_handoff_is_validated_and_redacted() -> None:
    result = validate_handoff(valid_handoff(name="Amal 0101901234"), TOPICS)
    assert result.ok, result.errors
    assert result.values["name"] == "Amal [CPR fjernet]"
    assert result.values["transcript"][0]["text"] == "hej [CPR fjernet]"
    assert result.values["transcript"][0]["timestamp"].startswith("2025-11-24T")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"topic_id": "nope"}, "topic_id"),
        ({"name": ""}, "name"),
        ({"contact": None}, "contact"),
        ({"name": "x" * 201}, "name"),
        ({"consent_to_share": "yes"}, "consent_to_share"),
        ({"session_id": ""}, "session_id"),
        ({"session_id": "a b"}, "session_id"),
        ({"transcript": "text"}, "transcript"),
        ({"transcript": [{"sender": "system", "text": "x"}]}, "transcript"),
        ({"transcript": [{"sender": "user", "text": "x", "timestamp": "yesterday"}]}, "transcript"),
        ({"user_id": "7"}, "user_id"),
    ],
)
def test_handoff_field_errors(changes, field) -> None:
    result = validate_handoff(valid_handoff(**changes), TOPICS)
    assert field in result.errors


def test_handoff_out_of_scope_means_no_topic() -> None:
    result = validate_handoff(valid_handoff(topic_id="out_of_scope"), TOPICS)
    assert result.ok and result.values["topic_id"] is None


def test_handoff_needs_an_object() -> None:
    assert validate_handoff([], TOPICS).errors == {"body": "must be a JSON object"}


def test_transcript_iso_timestamps() -> None:
    entries, error = clean_transcript(
        [{"sender": "bot", "text": "x", "timestamp": "2026-11-24T10:00:00Z"}]
    )
    assert error is None
    assert entries[0]["timestamp"] == "2026-11-24T10:00:00+00:00"


def test_chat_message_validation() -> None:
    ok = validate_chat_message({"text": " hej 010190-1234 ", "language": "da"})
    assert ok.ok and ok.values == {
        "text": "hej [CPR fjernet]",
        "shown": "",
        "language": "da",
        "session_id": None,
    }
    pressed = validate_chat_message(
        {"text": "/affirm", "shown": "Ja 010190-1234", "language": "da"}
    )
    assert pressed.ok and pressed.values["shown"] == "Ja [CPR fjernet]"
    assert validate_chat_message({"text": "x", "shown": 5, "language": "da"}).errors == {
        "shown": "must be a string"
    }
    bad = validate_chat_message({"text": "", "language": "de", "session_id": "bad"})
    assert set(bad.errors) == {"text", "language", "session_id"}
    assert "text" in validate_chat_message({"text": "x" * 1001, "language": "da"}).errors


def test_left_message_validation_uses_text_keys() -> None:
    result = validate_left_message({"language": "so", "name": " ", "contact": "x", "message": "y"})
    assert result.errors == {"name": "error_required", "consent": "error_consent"}
    for code in result.errors.values():
        assert code in TEXTS
    good = validate_left_message(
        {"language": "so", "name": "A", "contact": "x", "message": "0101901234", "consent": True}
    )
    assert good.ok and good.values["message"] == "[CPR fjernet]"


def test_widget_texts_complete_in_every_language() -> None:
    assert missing_translations() == []
    assert set(REVIEW_STATUS) == set(LANGUAGE_CODES)
    for code in LANGUAGE_CODES:
        texts = chat_texts(code)
        assert "CPR" in texts["cpr_warning"]
    assert chat_text("unavailable", "ar") != chat_text("unavailable", "da")
    assert chat_text("send", "xx") == "Send"  # unknown language: Danish


def conv(messages=1, understood=1, handed_off=False, language="da"):
    return ConversationFacts(language, T0, messages, understood, handed_off)


def case(topic="dagpenge_amount", language="ar", source="assistant", reply_after=None):
    reply = T0 + dt.timedelta(minutes=reply_after) if reply_after is not None else None
    return CaseFacts(topic, language, source, T0, reply)


def test_containment_definition() -> None:
    conversations = [
        conv(),  # answered
        conv(understood=0),  # nothing understood: not contained
        conv(handed_off=True),  # went to a person
        conv(messages=0, understood=0),  # opened, never wrote: ignored
        conv(messages=3, understood=2),  # answered
    ]
    assert containment(conversations) == (4, 2, 0.5)
    assert containment([]) == (0, 0, None)


def test_median_first_reply() -> None:
    cases = [case(reply_after=10), case(reply_after=30), case(reply_after=120), case()]
    assert median_first_reply(cases) == dt.timedelta(minutes=30)
    assert median_first_reply([case()]) is None


def test_not_understood_groups_spellings() -> None:
    result = not_understood(["Hvad er kl?", "hvad  er KL", "Parkering", "   "])
    assert result == [("Hvad er kl?", 2), ("Parkering", 1)]


def test_report() -> None:
    report = build_report(
        [conv(), conv(handed_off=True)],
        [
            case(topic="dagpenge_amount", language="ar", reply_after=60),
            case(topic=None, language="ar", source="left_message"),
            case(topic="dagpenge_amount", language="uk", reply_after=20),
            case(topic="recruitment_help", language="da", source="recruitment", reply_after=1),
        ],
        ["hvad med parkering?"],
    )
    assert report.containment == 0.5
    assert report.handoffs_by_topic == [("dagpenge_amount", 2), ("out_of_scope", 1)]
    assert report.handoffs_by_language == [("ar", 2), ("uk", 1)]
    assert report.chat_handoffs == 3
    assert report.recruitment_requests == 1
    assert report.median_first_reply == dt.timedelta(minutes=40)
    assert (report.replied_cases, report.waiting_cases) == (2, 1)
    assert report.not_understood == [("hvad med parkering?", 1)]
