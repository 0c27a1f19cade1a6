"""The languages Jobvej speaks: codes, names in their own script, writing direction.

Read from content/languages.yaml, the one list the portal and the assistant share.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Language:
    """A supported language."""

    code: str
    native_name: str
    english_name: str
    direction: str  # "ltr" or "rtl"
    ui_reviewed: bool = False  # UI texts checked by a fluent human translator


#: The single source of the language list, shared with the assistant
#: (bot/scripts/generate_lists.py generates the bot's copies from the same file).
LANGUAGES_FILE = Path(__file__).resolve().parents[2] / "content" / "languages.yaml"


def load_languages(path: Path = LANGUAGES_FILE) -> tuple[dict[str, Language], str]:
    """The languages of `path` in their order, and the source (default) language's code."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    languages: dict[str, Language] = {}
    sources: list[str] = []
    for entry in data.get("languages", []):
        code = str(entry["code"])
        direction = str(entry["direction"])
        if code in languages or direction not in ("ltr", "rtl"):
            raise ValueError(f"{path.name}: {code}: repeated code or direction not ltr/rtl")
        languages[code] = Language(
            code,
            str(entry["native_name"]),
            str(entry["english_name"]),
            direction,
            ui_reviewed=bool(entry.get("ui_reviewed", False)),
        )
        if entry.get("source"):
            sources.append(code)
    if len(sources) != 1:
        raise ValueError(f"{path.name}: exactly one language must have source: true")
    return languages, sources[0]


LANGUAGES, SOURCE_LANGUAGE = load_languages()
LANGUAGE_CODES: tuple[str, ...] = tuple(LANGUAGES)


def is_supported(code: str | None) -> bool:
    """True when `code` is one of Jobvej's language codes."""
    return code in LANGUAGES


def direction_of(code: str) -> str:
    """Writing direction ("ltr"/"rtl") of a supported language; Danish's for unknown codes."""
    return LANGUAGES.get(code, LANGUAGES[SOURCE_LANGUAGE]).direction
