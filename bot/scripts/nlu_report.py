"""Held-out NLU evaluation of the trained Jobvej assistant, per language.

Run with the bot's venv:  bash scripts/bot.sh report   (or
bot/.venv/bin/python bot/scripts/nlu_report.py --model bot/models/<fp>.tar.gz).

Loads the current trained model (Rasa 3.6 ``Agent``) once and evaluates two held-out
sets (Rasa NLU YAML, never used in training), side by side:

* ``clean``: ``bot/tests/nlu_heldout/<lang>.yml``, well-formed questions;
* ``hard``: ``bot/tests/nlu_heldout_hard/<lang>.yml``, messages as people type them in a
  chat box (typos, Danish without æ/ø/å, very short or long rambling messages, Danish
  terms inside other languages, Levantine/Iraqi Arabic and Arabizi, Ukrainian with
  Russian words, Dari, out-of-scope public matters like MitID or CVR numbers).

For each set it prints per language:

* topic accuracy: share of in-scope examples whose predicted intent equals the
  expected one. A prediction of ``nlu_fallback``, or with a confidence below the
  FallbackClassifier threshold of config.yml, counts as ``out_of_scope``;
* out-of-scope recall: share of out-of-scope examples predicted as out_of_scope
  (or falling below the threshold);
* ``calculate`` for an amount topic: an amount question without figures ("how much is
  dagpenge per month?") that the model reads as ``calculate`` counts as correct for the
  expected topic when the calculator the calculation flow picks from the message is the
  one whose answer belongs to that topic (``CALCULATOR_TOPIC``): the flow then answers on
  that topic (its ``topic_id``) with that calculator's questions. How many were counted
  this way is printed per set. A personal question WITH figures is labelled ``calculate``;
* n, and a confusion summary of the worst intents.

Exit status 1 when, in either set, a language is below its minimum topic accuracy or
the out-of-scope recall over all languages is below the set's minimum (``MINIMUMS``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BOT = Path(__file__).resolve().parents[1]
if str(BOT) not in sys.path:
    sys.path.insert(0, str(BOT))  # actions.calculation_facts, jobvej_nlu

from actions.calculation_facts import CALCULATOR_TOPIC, extract_facts  # noqa: E402

HELDOUT_DIR = BOT / "tests" / "nlu_heldout"
HARD_HELDOUT_DIR = BOT / "tests" / "nlu_heldout_hard"
SETS = {"clean": HELDOUT_DIR, "hard": HARD_HELDOUT_DIR}
LANGUAGES = ("da", "en", "ar", "uk", "fa", "so", "ti")


@dataclass(frozen=True)
class Minimums:
    """The accuracies a held-out set must reach (exit status 1 below them)."""

    topic_accuracy: dict[str, float]
    out_of_scope_recall: float


MINIMUMS = {
    "clean": Minimums(
        {"da": 0.90, "en": 0.85, "ar": 0.85, "uk": 0.85, "fa": 0.70, "so": 0.70, "ti": 0.70}, 0.80
    ),
    # The targets of issue 11 for messages as people really type them.
    "hard": Minimums(
        {"da": 0.95, "en": 0.90, "ar": 0.90, "uk": 0.90, "fa": 0.85, "so": 0.85, "ti": 0.85}, 0.90
    ),
}
OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"
CALCULATE = "calculate"


@dataclass
class LanguageResult:
    """Counts of one language's held-out set."""

    language: str
    topic_n: int = 0
    topic_correct: int = 0
    oos_n: int = 0
    oos_correct: int = 0
    # in-scope examples counted correct because ``calculate`` answers on their topic
    via_calculation: int = 0
    # (expected, got, text, confidence)
    errors: list[tuple[str, str, str, float]] = field(default_factory=list)

    @property
    def topic_accuracy(self) -> float:
        """Share of in-scope examples classified correctly."""
        return self.topic_correct / self.topic_n if self.topic_n else 0.0

    @property
    def oos_recall(self) -> float:
        """Share of out-of-scope examples recognised as such."""
        return self.oos_correct / self.oos_n if self.oos_n else 0.0


def load_examples(path: Path) -> list[tuple[str, str]]:
    """(expected intent, text) pairs of a Rasa NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for block in data.get("nlu", []):
        intent = block.get("intent")
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if intent and line.startswith("- ") and line[2:].strip():
                pairs.append((intent, line[2:].strip()))
    return pairs


def fallback_threshold(config_path: Path) -> float:
    """The FallbackClassifier threshold of config.yml (0 when there is none)."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    for component in config.get("pipeline", []):
        if component.get("name") == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    return 0.0


def effective_intent(
    parse: dict[str, Any], threshold: float, what_if: bool = False
) -> tuple[str, float]:
    """The intent as the dialogue sees it: fallback and low confidence = out_of_scope.

    With ``what_if`` (option --threshold), the model's own fallback decision is replaced
    by ``threshold`` applied to the top real intent, to see the effect of another
    threshold without retraining (the ambiguity rule is then not applied).
    """
    intent = parse.get("intent") or {}
    name = intent.get("name") or OUT_OF_SCOPE
    confidence = float(intent.get("confidence") or 0.0)
    if name == FALLBACK:
        # The FallbackClassifier keeps the original ranking: report the top real intent.
        ranking = parse.get("intent_ranking") or []
        real = next((r for r in ranking if r.get("name") != FALLBACK), None)
        real_name = str(real.get("name")) if real else OUT_OF_SCOPE
        real_confidence = float(real.get("confidence", 0.0)) if real else 0.0
        if what_if and real_confidence >= threshold:
            return real_name, real_confidence
        return OUT_OF_SCOPE, real_confidence
    if confidence < threshold:
        return OUT_OF_SCOPE, confidence
    return name, confidence


def calculation_answers(expected: str, got: str, text: str) -> bool:
    """True when ``calculate`` answers an amount question on the expected topic: the
    calculation flow picks, from the message, the calculator whose topic is ``expected``.
    """
    if got != CALCULATE or expected not in CALCULATOR_TOPIC.values():
        return False
    calculator = extract_facts(text).facts.get("calculator")
    return isinstance(calculator, str) and CALCULATOR_TOPIC.get(calculator) == expected


def load_agent(model: Path) -> Any:
    """The trained model, loaded once for all sets."""
    from rasa.core.agent import Agent

    return Agent.load(str(model))


async def evaluate(
    agent: Any, files: dict[str, Path], threshold: float, what_if: bool = False
) -> list[LanguageResult]:
    """Parse every held-out example with the model."""
    results = []
    for language, path in files.items():
        result = LanguageResult(language)
        for expected, text in load_examples(path):
            parse = await agent.parse_message(text)
            got, confidence = effective_intent(parse, threshold, what_if)
            if expected == OUT_OF_SCOPE:
                result.oos_n += 1
                result.oos_correct += got == OUT_OF_SCOPE
            else:
                result.topic_n += 1
                if got == expected:
                    result.topic_correct += 1
                elif calculation_answers(expected, got, text):
                    result.topic_correct += 1
                    result.via_calculation += 1
                    continue
            if got != expected:
                result.errors.append((expected, got, text, confidence))
        results.append(result)
    return results


def print_report(results: list[LanguageResult], worst: int, minimums: Minimums) -> bool:
    """Print the per-language table and confusions; return True when all minimums hold."""
    ok = True
    print(f"{'lang':<5}{'topic acc':>10}{'n':>6}{'min':>6}{'oos recall':>12}{'n':>5}  status")
    for r in results:
        minimum = minimums.topic_accuracy.get(r.language, 0.85)
        passed = r.topic_n > 0 and r.topic_accuracy >= minimum
        ok &= passed
        print(
            f"{r.language:<5}{r.topic_accuracy:>10.1%}{r.topic_n:>6}{minimum:>6.0%}"
            f"{r.oos_recall:>12.1%}{r.oos_n:>5}  {'OK' if passed else 'BELOW MINIMUM'}"
        )
    oos_n = sum(r.oos_n for r in results)
    oos_correct = sum(r.oos_correct for r in results)
    oos_recall = oos_correct / oos_n if oos_n else 0.0
    oos_ok = oos_n > 0 and oos_recall >= minimums.out_of_scope_recall
    ok &= oos_ok
    print(
        f"out-of-scope recall, all languages: {oos_recall:.1%} ({oos_correct}/{oos_n}, "
        f"min {minimums.out_of_scope_recall:.0%}) {'OK' if oos_ok else 'BELOW MINIMUM'}"
    )
    via = {r.language: r.via_calculation for r in results if r.via_calculation}
    print(
        "amount questions answered by the calculation flow on their topic (counted correct): "
        + (", ".join(f"{lang} {n}" for lang, n in via.items()) if via else "none")
    )
    for r in results:
        if not r.errors:
            continue
        by_expected = Counter(e[0] for e in r.errors)
        pairs = Counter((e[0], e[1]) for e in r.errors)
        print(
            f"\n[{r.language}] worst intents (misses by expected intent): "
            + ", ".join(f"{i} {n}" for i, n in by_expected.most_common(worst))
        )
        print(
            f"[{r.language}] most frequent confusions: "
            + ", ".join(f"{a}->{b} {n}" for (a, b), n in pairs.most_common(worst))
        )
        for expected, got, text, confidence in r.errors:
            print(f"    {expected:>26} -> {got:<26} {confidence:.2f}  {text}")
    return ok


def main(argv: list[str] | None = None) -> int:
    """Evaluate every set, print, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, type=Path, help="trained model (.tar.gz)")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        action="append",
        dest="sets",
        help="evaluate only this set (repeatable; default: all)",
    )
    parser.add_argument(
        "--heldout",
        type=Path,
        help="evaluate this directory instead (with the clean set's minimums)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=BOT / "config.yml",
        help="config whose FallbackClassifier threshold applies",
    )
    parser.add_argument(
        "--threshold", type=float, help="what-if fallback threshold instead of the model's own"
    )
    parser.add_argument("--worst", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)

    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    logging.getLogger("rasa").setLevel(logging.ERROR)
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # no per-message parse logs
    if args.heldout:
        sets = {"clean": args.heldout}
    else:
        sets = {name: SETS[name] for name in (args.sets or list(SETS))}
    what_if = args.threshold is not None
    threshold = args.threshold if what_if else fallback_threshold(args.config)
    started = time.monotonic()
    agent = load_agent(args.model)
    ok = True
    figures: dict[str, Any] = {}
    for name, directory in sets.items():
        files = {
            lang: directory / f"{lang}.yml"
            for lang in LANGUAGES
            if (directory / f"{lang}.yml").is_file()
        }
        missing = [lang for lang in LANGUAGES if lang not in files]
        shown = directory.relative_to(BOT) if directory.is_relative_to(BOT) else directory
        print(f"\n===== {name} held-out set ({shown})")
        if not files:
            print(f"no held-out files in {directory}")
            ok = False
            continue
        results = asyncio.run(evaluate(agent, files, threshold, what_if))
        print(
            f"model {args.model.name}, fallback threshold {threshold}"
            f"{' (what-if)' if what_if else ''}, "
            f"{sum(r.topic_n + r.oos_n for r in results)} examples, "
            f"{time.monotonic() - started:.1f} s so far (incl. model load)"
        )
        if missing:
            print(f"no held-out set for: {', '.join(missing)}")
            ok = False
        ok &= print_report(results, args.worst, MINIMUMS[name])
        figures[name] = {
            r.language: {
                "topic_accuracy": r.topic_accuracy,
                "topic_n": r.topic_n,
                "oos_recall": r.oos_recall,
                "oos_n": r.oos_n,
                "via_calculation": r.via_calculation,
            }
            for r in results
        }
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print("\nreport: " + ("OK" if ok else "FAILED (see minimums above)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
