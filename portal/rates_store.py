"""The app's benefit rates (`content/rates/<year>.yaml`), loaded and validated once at start-up."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from portal.domain.rates import RateBook, load_rates

EXTENSION_KEY = "jobvej_rates"


def init_app(app: Flask) -> None:
    """Load the rate files; start-up fails with every problem listed if a file is invalid."""
    directory = app.config.get("RATES_DIR") or Path(app.config["CONTENT_DIR"]) / "rates"
    app.extensions[EXTENSION_KEY] = load_rates(Path(directory))


def get_rate_book(app: Flask) -> RateBook:
    """The rate book loaded at start-up."""
    book: RateBook = app.extensions[EXTENSION_KEY]
    return book
