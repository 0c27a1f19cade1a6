"""Scoring of the held-out NLU report (bot/scripts/nlu_report.py): when `calculate` counts
for an amount topic, and how fallback becomes out_of_scope."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("nlu_report", BOT / "scripts" / "nlu_report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while loading
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("dagpenge_amount", "how many kroner is dagpenge a month"),
        ("kontanthjaelp_amount", "kontanthjalp how much for single mom 2 kids"),
        ("sickness_benefit", "hvor mange sygedagpenge får jeg"),
    ],
)
def test_calculate_counts_when_the_flow_picks_the_topics_calculator(
    report: ModuleType, expected: str, text: str
) -> None:
    assert report.calculation_answers(expected, "calculate", text)


@pytest.mark.parametrize(
    ("expected", "got", "text"),
    [
        # the message names another calculator: the flow would answer on another topic
        ("dagpenge_amount", "calculate", "hvor meget kontanthjælp får man"),
        # no calculator named: the flow asks which one, it does not answer the topic
        ("dagpenge_amount", "calculate", "how much will I get"),
        # not an amount topic
        ("holiday", "calculate", "kan jeg holde ferie på dagpenge"),
        # another wrong intent is never rescued
        ("dagpenge_amount", "work_more_hours", "how many kroner is dagpenge a month"),
    ],
)
def test_calculate_does_not_count_otherwise(
    report: ModuleType, expected: str, got: str, text: str
) -> None:
    assert not report.calculation_answers(expected, got, text)


def test_low_confidence_and_fallback_are_out_of_scope(report: ModuleType) -> None:
    low = {"intent": {"name": "holiday", "confidence": 0.2}}
    assert report.effective_intent(low, 0.25) == ("out_of_scope", 0.2)
    fallback = {
        "intent": {"name": "nlu_fallback", "confidence": 0.25},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.25},
            {"name": "holiday", "confidence": 0.4},
        ],
    }
    assert report.effective_intent(fallback, 0.25) == ("out_of_scope", 0.4)
    assert report.effective_intent(fallback, 0.25, what_if=True) == ("holiday", 0.4)
