"""Languages of the Jobvej portal and how the assistant normalises them.

Pure Python (no Rasa imports) so it can be used by actions and tests alike.
"""

from __future__ import annotations

from typing import Any

#: Languages the portal offers, in the portal's order. Danish is the default
#: and the authoritative source language of all content. ar and fa are
#: right-to-left (the portal handles direction; the bot only sends text).
SUPPORTED_LANGUAGES: tuple[str, ...] = ("da", "en", "ar", "uk", "fa", "so", "ti")

#: Language used when the portal sends none or one the assistant does not know.
DEFAULT_LANGUAGE = "da"


def normalize_language(value: Any) -> str | None:
    """Return the supported language code for ``value``, or None.

    Accepts codes in any case, with surrounding blanks and with a region or
    script subtag ("EN", " en-GB ", "uk_UA" -> "en", "en", "uk"). Anything
    else (unsupported language, non-string, empty) gives None so the caller can
    keep the current language.
    """
    if not isinstance(value, str):
        return None
    primary = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return primary if primary in SUPPORTED_LANGUAGES else None
