"""Insight for managers: how well the assistant answers, and where people are needed.

Pure computations over plain facts (no database): the portal turns its rows into
`ConversationFacts` and `CaseFacts` and calls `build_report`.

Definitions:
- Containment: among conversations where the user wrote at least one message, the share
  that was NOT handed off to a person (assistant handoff or left message) AND in which
  the assistant understood at least one message. A conversation where nothing was
  understood and the user gave up is not counted as answered.
- Handoffs per topic / per language: cases that started in the chat (assistant handoff
  or a left message); employers' recruitment-form requests are counted apart.
- Time to first human reply: from case creation to the first caseworker reply; the
  median over the cases that have a reply (cases still waiting are counted apart).
- Not understood: user messages the assistant classified as out of scope or fell back
  on, already CPR-redacted, grouped case- and space-insensitively, most frequent first.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

CHAT_SOURCES = frozenset({"assistant", "left_message"})
NO_TOPIC = "out_of_scope"


@dataclass(frozen=True)
class ConversationFacts:
    """What insight needs to know about one chat conversation."""

    language: str
    started_at: dt.datetime
    user_messages: int
    understood_messages: int
    handed_off: bool


@dataclass(frozen=True)
class CaseFacts:
    """What insight needs to know about one handoff case."""

    topic_id: str | None
    language: str
    source: str
    created_at: dt.datetime
    first_reply_at: dt.datetime | None


@dataclass(frozen=True)
class InsightReport:
    """The figures shown on the insight page."""

    conversations: int
    contained: int
    containment: float | None
    handoffs_by_topic: list[tuple[str, int]]
    handoffs_by_language: list[tuple[str, int]]
    chat_handoffs: int
    recruitment_requests: int
    median_first_reply: dt.timedelta | None
    replied_cases: int
    waiting_cases: int
    not_understood: list[tuple[str, int]]


def is_contained(conversation: ConversationFacts) -> bool:
    """True when the assistant answered the conversation without a person (see module doc)."""
    return (
        conversation.user_messages > 0
        and not conversation.handed_off
        and conversation.understood_messages > 0
    )


def containment(conversations: Iterable[ConversationFacts]) -> tuple[int, int, float | None]:
    """(conversations with a user message, contained ones, share contained or None if none)."""
    active = [c for c in conversations if c.user_messages > 0]
    contained = sum(1 for c in active if is_contained(c))
    return len(active), contained, (contained / len(active) if active else None)


def _sorted_counts(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def handoffs_by_topic(cases: Iterable[CaseFacts]) -> list[tuple[str, int]]:
    """Chat handoff cases per topic id (no topic → "out_of_scope"), most first."""
    return _sorted_counts(
        Counter(c.topic_id or NO_TOPIC for c in cases if c.source in CHAT_SOURCES)
    )


def handoffs_by_language(cases: Iterable[CaseFacts]) -> list[tuple[str, int]]:
    """Chat handoff cases per language code, most first."""
    return _sorted_counts(Counter(c.language for c in cases if c.source in CHAT_SOURCES))


def median_first_reply(cases: Iterable[CaseFacts]) -> dt.timedelta | None:
    """Median time from case creation to the first human reply, over replied cases."""
    waits = [
        (c.first_reply_at - c.created_at).total_seconds()
        for c in cases
        if c.first_reply_at is not None
    ]
    return dt.timedelta(seconds=statistics.median(waits)) if waits else None


def normalise_question(text: str) -> str:
    """Question text for grouping: trimmed, inner whitespace collapsed, case-folded,
    trailing punctuation removed."""
    return " ".join(text.split()).casefold().rstrip(" ?!.،؟。")


def not_understood(questions: Iterable[str], limit: int = 20) -> list[tuple[str, int]]:
    """The most frequent not-understood questions (first spelling seen), with counts."""
    counts: Counter[str] = Counter()
    first_form: dict[str, str] = {}
    for question in questions:
        key = normalise_question(question)
        if not key:
            continue
        counts[key] += 1
        first_form.setdefault(key, " ".join(question.split()))
    return [(first_form[key], n) for key, n in _sorted_counts(counts)[:limit]]


def build_report(
    conversations: Iterable[ConversationFacts],
    cases: Iterable[CaseFacts],
    questions: Iterable[str],
    limit: int = 20,
) -> InsightReport:
    """All insight figures for one period."""
    conversation_list = list(conversations)
    case_list = list(cases)
    total, contained, share = containment(conversation_list)
    chat_cases = [c for c in case_list if c.source in CHAT_SOURCES]
    return InsightReport(
        conversations=total,
        contained=contained,
        containment=share,
        handoffs_by_topic=handoffs_by_topic(chat_cases),
        handoffs_by_language=handoffs_by_language(chat_cases),
        chat_handoffs=len(chat_cases),
        recruitment_requests=sum(1 for c in case_list if c.source == "recruitment"),
        median_first_reply=median_first_reply(chat_cases),
        replied_cases=sum(1 for c in chat_cases if c.first_reply_at is not None),
        waiting_cases=sum(1 for c in chat_cases if c.first_reply_at is None),
        not_understood=not_understood(questions, limit),
    )
