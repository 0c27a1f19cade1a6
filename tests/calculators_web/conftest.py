"""Shared helpers for the calculator page and API tests."""

from __future__ import annotations

import re
from typing import Any

import pytest

from portal.domain.rates import RateBook, load_rates
from tests.conftest import REPO

# A representative valid input per calculator, as a form would send it (Danish number style).
FORM_SAMPLES: dict[str, dict[str, str]] = {
    "dagpenge": {"year": "2025", "insurance": "full_time", "monthly_income": "40.000"},
    "kontanthjaelp": {
        "year": "2025",
        "age": "34",
        "has_children": "true",
        "civil_status": "married",
        "own_earnings": "6000",
        "partner_earnings": "9000",
    },
    "work_more_hours": {
        "year": "2025",
        "benefit": "kontanthjaelp",
        "hourly_wage": "150",
        "age": "35",
    },
    "sygedagpenge": {"year": "2025", "hourly_wage": "168,40", "hours_per_week": "37"},
    "loentilskud": {
        "year": "2025",
        "employer_type": "private",
        "hourly_wage": "185",
        "hours_per_week": "37",
        "weeks": "26",
        "ordinary_employees": "12",
        "subsidised_employees": "1",
    },
    "fleksjob": {"year": "2025", "monthly_wage": "10000"},
}

# The same inputs as a JSON client would send them.
JSON_SAMPLES: dict[str, dict[str, Any]] = {
    "dagpenge": {"year": 2025, "insurance": "full_time", "monthly_income": 40000},
    "kontanthjaelp": {
        "year": 2025,
        "age": 34,
        "has_children": True,
        "civil_status": "married",
        "own_earnings": 6000,
        "partner_earnings": 9000,
    },
    "work_more_hours": {"year": 2025, "benefit": "kontanthjaelp", "hourly_wage": 150, "age": 35},
    "sygedagpenge": {"year": 2025, "hourly_wage": 168.40, "hours_per_week": 37},
    "loentilskud": {
        "year": 2025,
        "employer_type": "private",
        "hourly_wage": 185,
        "hours_per_week": 37,
        "weeks": 26,
        "ordinary_employees": 12,
        "subsidised_employees": 1,
    },
    "fleksjob": {"year": 2025, "monthly_wage": "10000"},
}


@pytest.fixture(scope="session")
def book() -> RateBook:
    return load_rates(REPO / "content" / "rates")


def amounts_on_page(html: str) -> dict[str, str]:
    """The main amounts shown at the top of a result, by amount key (markup such as the
    ``<bdi>`` isolating each amount removed)."""
    found = re.findall(r'data-amount="([a-z0-9_]+)">(.*?)</dd>', html, re.S)
    return {key: re.sub(r"<[^>]+>", "", value).strip() for key, value in found}


def field_group(html: str, name: str) -> str:
    """The HTML of one generated form field's group."""
    match = re.search(
        rf'<div class="form-group[^"]*" id="group-{name}">(.*?)</div>\s*'
        r'(?=<div class="form-group|<button)',
        html,
        re.S,
    )
    assert match, f"no form group for {name}"
    return match.group(0)


def table_rows(html: str, table_id: str) -> list[str]:
    """The body rows of a table by id."""
    match = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S)
    assert match, f"no table {table_id}"
    return re.findall(r"<tr.*?</tr>", match.group(1), re.S)


# the date the pages are asked on in these tests (see portal.calculators.forms.today)
CLOCK = "2026-12-06"


@pytest.fixture(autouse=True)
def fixed_clock(request: pytest.FixtureRequest) -> None:
    """Fix the calculators' clock on the test app, so "this year" does not change with the
    calendar."""
    if "app" in request.fixturenames:
        request.getfixturevalue("app").config["JOBVEJ_TODAY"] = CLOCK
