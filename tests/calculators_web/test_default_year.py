"""Which year's rates a calculator starts with: this year's when there is a rates file for
it, else the latest earlier year (New Year before the new rates are loaded), with a fixed
clock so the test means the same on every day of the year."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.calculators.forms import default_year
from portal.domain.rates import RateBook, load_rates
from tests.conftest import REPO


@pytest.fixture(scope="module")
def book() -> RateBook:
    return load_rates(REPO / "content" / "rates")


def test_this_years_rates_when_there_is_a_file_for_the_year(book: RateBook) -> None:
    for year in book.years:
        assert default_year(book, date(year, 1, 1)) == year
        assert default_year(book, date(year, 12, 31)) == year


def test_new_year_before_the_new_rates_falls_back_to_the_latest_earlier_year(
    book: RateBook,
) -> None:
    latest = max(book.years)
    assert default_year(book, date(latest + 1, 1, 1)) == latest
    assert default_year(book, date(latest + 3, 6, 1)) == latest


def test_a_date_before_every_rates_file_uses_the_first_year(book: RateBook) -> None:
    assert default_year(book, date(min(book.years) - 1, 12, 31)) == min(book.years)


@pytest.mark.parametrize("which", ["first", "after_latest"])
def test_the_calculator_page_preselects_the_default_year(
    app: Flask, client: FlaskClient, book: RateBook, which: str
) -> None:
    expected = min(book.years) if which == "first" else max(book.years)
    day = date(expected, 6, 1) if which == "first" else date(expected + 1, 1, 2)
    app.config["JOBVEJ_TODAY"] = day.isoformat()
    page = client.get("/da/calculators/dagpenge").text
    selected = re.search(r'<option[^>]*value="(\d{4})"[^>]*selected', page) or re.search(
        r'name="year"[^>]*value="(\d{4})"', page
    )
    assert selected is not None, "no preselected year on the page"
    assert int(selected.group(1)) == expected
