"""actions.languages: the language codes the portal may send."""

from __future__ import annotations

import pytest
from actions.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalize_language


def test_portal_languages_with_danish_default():
    assert SUPPORTED_LANGUAGES == ("da", "en", "ar", "uk", "fa", "so", "ti")
    assert DEFAULT_LANGUAGE == "da"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("da", "da"),
        ("EN", "en"),
        (" ar ", "ar"),
        ("uk-UA", "uk"),
        ("fa_IR", "fa"),
        ("so", "so"),
        ("ti-ER", "ti"),
        ("en-Latn-GB", "en"),
        ("de", None),
        ("", None),
        ("  ", None),
        ("english", None),
        ("-en", None),
        (None, None),
        (3, None),
        (["en"], None),
    ],
)
def test_normalize_language(value, expected):
    assert normalize_language(value) == expected
