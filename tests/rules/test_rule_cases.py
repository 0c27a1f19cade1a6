"""Runs every YAML case in tests/rules/cases (one test id per case)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.domain.calculators import CALCULATORS, CalculatorValidationError
from portal.domain.calculators.base import to_json
from portal.domain.rates import RateBook
from tests.rules.paths import CASES_DIR

MIN_CASES_PER_CALCULATOR = 10
# The date the cases are asked on (the clock is fixed so results do not change with the
# calendar); a case may set its own ``today``.
CASES_TODAY = date(2026, 12, 6)


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        calculator = data["calculator"]
        assert path.stem == calculator, f"{path.name} must be named after its calculator"
        for case in data["cases"]:
            cases.append((calculator, case))
    return cases


CASES = _load_cases()


def test_every_calculator_has_enough_cases() -> None:
    counts: dict[str, int] = {}
    for calculator, _ in CASES:
        counts[calculator] = counts.get(calculator, 0) + 1
    assert set(counts) == set(CALCULATORS), "every calculator needs a case file"
    for name, count in counts.items():
        assert count >= MIN_CASES_PER_CALCULATOR, f"{name} has only {count} cases"


def test_case_names_unique_and_sourced() -> None:
    seen: set[tuple[str, str]] = set()
    for calculator, case in CASES:
        key = (calculator, case["name"])
        assert key not in seen, f"duplicate case {key}"
        seen.add(key)
        assert str(case.get("source", "")).strip(), f"{key} has no source"
        assert ("expected" in case) != ("expected_errors" in case), (
            f"{key}: expected or expected_errors"
        )


def _same(actual: object, expected: object) -> bool:
    if isinstance(expected, bool) or expected is None:
        return actual == expected
    if (
        isinstance(actual, Decimal)
        or isinstance(expected, (int, float))
        and not isinstance(actual, str)
    ):
        return Decimal(str(actual)) == Decimal(str(expected))
    return to_json(actual) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("calculator", "case"), CASES, ids=[f"{c}:{case['name']}" for c, case in CASES]
)
def test_case(calculator: str, case: dict[str, Any], book: RateBook) -> None:
    spec = CALCULATORS[calculator]
    raw = {k: v for k, v in case["inputs"].items()}
    today = case.get("today", CASES_TODAY)
    today = today if isinstance(today, date) else date.fromisoformat(str(today))
    if "expected_errors" in case:
        with pytest.raises(CalculatorValidationError) as info:
            spec.run(raw, book, today=today)
        codes = {field: err.code for field, err in info.value.errors.items()}
        assert codes == case["expected_errors"]
        json.dumps(info.value.to_dict())
        return

    result = spec.run(raw, book, today=today)
    expected = case["expected"]
    for key, value in expected.get("amounts", {}).items():
        assert key in result.amounts, f"no amount {key}"
        assert result.amounts[key] == Decimal(str(value)), (
            f"{key}: {result.amounts[key]} != {value}"
        )
    for key, value in expected.get("details", {}).items():
        assert _same(result.details[key], value), (
            f"details.{key}: {result.details[key]!r} != {value!r}"
        )
    for code, value in expected.get("steps", {}).items():
        steps = [s for s in result.steps if s.code == code]
        assert steps, f"no step {code}"
        assert _same(steps[0].value, value), f"step {code}: {steps[0].value} != {value}"
    codes = result.warning_codes()
    for code in expected.get("warnings", []):
        assert code in codes, f"warning {code} missing from {codes}"
    statuses = {f.key: f.status.value for f in result.rates_used}
    for key, status in expected.get("rates_status", {}).items():
        assert statuses.get(key) == status, f"{key}: {statuses.get(key)} != {status}"
    if "checklist" in expected:
        items = result.details["checklist"]
        assert isinstance(items, list)
        got = {item["code"]: item["status"] for item in items if isinstance(item, dict)}
        for code, status in expected["checklist"].items():
            assert got.get(code) == status, f"checklist {code}: {got.get(code)} != {status}"
    if "rows" in expected:
        rows = result.details["rows"]
        assert isinstance(rows, list) and len(rows) == 38
        for hour, fields in expected["rows"].items():
            row = rows[int(hour)]
            assert isinstance(row, dict) and row["hours_per_week"] == int(hour)
            for key, value in fields.items():
                assert _same(row[key], value), f"row {hour} {key}: {row[key]!r} != {value!r}"

    # Every result is JSON-safe and lists the provenance of every figure it used.
    payload = result.to_dict()
    json.dumps(payload)
    assert result.rates_used, "a result must list the rates it used"
    for fig in payload["rates_used"]:  # type: ignore[union-attr]
        assert fig["status"] in {"confirmed", "derived", "unconfirmed"}  # type: ignore[index]
        assert fig["source_url"] and fig["law_reference"] and fig["valid_from"]  # type: ignore[index]
    unconfirmed = set(result.unconfirmed_rates)
    warned = {w.params.get("key") for w in result.warnings if w.code == "unconfirmed_rate"}
    assert unconfirmed == warned, "each unconfirmed figure used must have its own warning"
    assert all(s.legal_reference for s in result.steps), "every step needs a legal reference"


def test_bm_dk_2025_dagpenge_figures_are_all_covered() -> None:
    """Every confirmed 2025 dagpenge amount on bm.dk appears as a case result."""
    bm_dk = {21092, 14061, 25070, 16713, 17295, 11530, 15081, 10054, 10371, 6914, 13100}
    produced = set()
    for calculator, case in CASES:
        if calculator == "dagpenge" and "expected" in case and case["inputs"].get("year") == 2025:
            amount = case["expected"].get("amounts", {}).get("monthly_amount")
            if amount is not None and "bm.dk" in case["source"]:
                produced.add(int(Decimal(str(amount))))
    assert bm_dk <= produced, f"missing: {sorted(bm_dk - produced)}"


def test_cases_dir_exists() -> None:
    assert Path(CASES_DIR).is_dir()
