"""Held-out NLU evaluation of the trained Jobvej assistant, per language.

Run with the bot's venv:  bash scripts/bot.sh report   (or
bot/.venv/bin/python bot/scripts/nlu_report.py --model bot/models/<fp>.tar.gz).

Loads the current trained model (Rasa 3.6 ``Agent``), parses every example of every
held-out file ``bot/tests/nlu_heldout/<lang>.yml`` (Rasa NLU YAML; never used in
training) and prints per language:

* topic accuracy: share of in-scope examples whose predicted intent equals the
  expected one. A prediction of ``nlu_fallback``, or with a confidence below the
  FallbackClassifier threshold of config.yml, counts as ``out_of_scope``;
* out-of-scope recall: share of out-of-scope examples predicted as out_of_scope
  (or falling below the threshold);
* n, and a confusion summary of the worst intents.

Exit status 1 when a language is below its minimum topic accuracy (da 90 %, en/ar/uk
85 %, fa/so/ti 70 %) or the out-of-scope recall over all languages is below 80 %.
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
HELDOUT_DIR = BOT / "tests" / "nlu_heldout"
LANGUAGES = ("da", "en", "ar", "uk", "fa", "so", "ti")
MIN_TOPIC_ACCURACY = {
    "da": 0.90,
    "en": 0.85,
    "ar": 0.85,
    "uk": 0.85,
    "fa": 0.70,
    "so": 0.70,
    "ti": 0.70,
}
MIN_OUT_OF_SCOPE_RECALL = 0.80
OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"


@dataclass
class LanguageResult:
    """Counts of one language's held-out set."""

    language: str
    topic_n: int = 0
    topic_correct: int = 0
    oos_n: int = 0
    oos_correct: int = 0
    errors: list[tuple[str, str, str, float]] = field(
        default_factory=list
    )  # expected, got, text, conf

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


async def evaluate(
    model: Path, files: dict[str, Path], threshold: float, what_if: bool = False
) -> list[LanguageResult]:
    """Parse every held-out example with the model."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
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
                result.topic_correct += got == expected
            if got != expected:
                result.errors.append((expected, got, text, confidence))
        results.append(result)
    return results


def print_report(results: list[LanguageResult], worst: int) -> bool:
    """Print the per-language table and confusions; return True when all minimums hold."""
    ok = True
    print(f"{'lang':<5}{'topic acc':>10}{'n':>6}{'min':>6}{'oos recall':>12}{'n':>5}  status")
    for r in results:
        minimum = MIN_TOPIC_ACCURACY.get(r.language, 0.85)
        passed = r.topic_n > 0 and r.topic_accuracy >= minimum
        ok &= passed
        print(
            f"{r.language:<5}{r.topic_accuracy:>10.1%}{r.topic_n:>6}{minimum:>6.0%}"
            f"{r.oos_recall:>12.1%}{r.oos_n:>5}  {'OK' if passed else 'BELOW MINIMUM'}"
        )
    oos_n = sum(r.oos_n for r in results)
    oos_correct = sum(r.oos_correct for r in results)
    oos_recall = oos_correct / oos_n if oos_n else 0.0
    oos_ok = oos_n > 0 and oos_recall >= MIN_OUT_OF_SCOPE_RECALL
    ok &= oos_ok
    print(
        f"out-of-scope recall, all languages: {oos_recall:.1%} ({oos_correct}/{oos_n}, "
        f"min {MIN_OUT_OF_SCOPE_RECALL:.0%}) {'OK' if oos_ok else 'BELOW MINIMUM'}"
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
    """Evaluate, print, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, type=Path, help="trained model (.tar.gz)")
    parser.add_argument("--heldout", type=Path, default=HELDOUT_DIR)
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
    files = {
        lang: args.heldout / f"{lang}.yml"
        for lang in LANGUAGES
        if (args.heldout / f"{lang}.yml").is_file()
    }
    missing = [lang for lang in LANGUAGES if lang not in files]
    if not files:
        print(f"no held-out files in {args.heldout}", file=sys.stderr)
        return 1
    what_if = args.threshold is not None
    threshold = args.threshold if what_if else fallback_threshold(args.config)
    started = time.monotonic()
    results = asyncio.run(evaluate(args.model, files, threshold, what_if))
    print(
        f"model {args.model.name}, fallback threshold {threshold}"
        f"{' (what-if)' if what_if else ''}, "
        f"{sum(r.topic_n + r.oos_n for r in results)} examples in "
        f"{time.monotonic() - started:.1f} s (incl. model load)"
    )
    if missing:
        print(f"no held-out set for: {', '.join(missing)}")
    ok = print_report(results, args.worst)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    r.language: {
                        "topic_accuracy": r.topic_accuracy,
                        "topic_n": r.topic_n,
                        "oos_recall": r.oos_recall,
                        "oos_n": r.oos_n,
                    }
                    for r in results
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    print("\nreport: " + ("OK" if ok else "FAILED (see minimums above)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
