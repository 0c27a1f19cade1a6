"""Where the rules tests find the rate files and the YAML cases."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RATES_DIR = REPO / "content" / "rates"
CASES_DIR = Path(__file__).resolve().parent / "cases"
