"""Fixtures for the rules tests: the real rate files, loaded once."""

from __future__ import annotations

import pytest

from portal.domain.rates import RateBook, load_rates
from tests.rules.paths import RATES_DIR


@pytest.fixture(scope="session")
def book() -> RateBook:
    return load_rates(RATES_DIR)
