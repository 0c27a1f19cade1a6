"""The languages Jobvej speaks: codes, names in their own script, writing direction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A supported language."""

    code: str
    native_name: str
    english_name: str
    direction: str  # "ltr" or "rtl"
    ui_reviewed: bool = False  # UI texts checked by a fluent human translator


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("da", "Dansk", "Danish", "ltr", ui_reviewed=True),
        Language("en", "English", "English", "ltr", ui_reviewed=True),
        Language("ar", "العربية", "Arabic", "rtl"),
        Language("uk", "Українська", "Ukrainian", "ltr"),
        Language("fa", "فارسی", "Persian", "rtl"),
        Language("so", "Soomaali", "Somali", "ltr"),
        Language("ti", "ትግርኛ", "Tigrinya", "ltr"),
    )
}
SOURCE_LANGUAGE = "da"
LANGUAGE_CODES: tuple[str, ...] = tuple(LANGUAGES)


def is_supported(code: str | None) -> bool:
    """True when `code` is one of Jobvej's language codes."""
    return code in LANGUAGES


def direction_of(code: str) -> str:
    """Writing direction ("ltr"/"rtl") of a supported language; Danish's for unknown codes."""
    return LANGUAGES.get(code, LANGUAGES[SOURCE_LANGUAGE]).direction
