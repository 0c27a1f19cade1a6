"""Rules for the citizen's journal that need no web framework: sections, which fields each
section uses and requires, the codes of choice lists, and which links are safe to show."""

from __future__ import annotations

from urllib.parse import urlsplit

SECTIONS: tuple[str, ...] = (
    "experience",
    "education",
    "skill",
    "certificate",
    "language",
    "goal",
    "application",
    "note",
)

# Fields of JournalEntry a section shows, in form order (the text language is always shown).
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "experience": ("title", "organisation", "period", "body"),
    "education": ("title", "organisation", "period", "body"),
    "skill": ("title", "body"),
    "certificate": ("title", "organisation", "period", "body"),
    "language": ("title", "level", "body"),
    "goal": ("goal_area", "body"),
    "application": ("organisation", "title", "applied_on", "status", "next_step", "link", "body"),
    "note": ("title", "body"),
}

# Every journal field, in form order (each section uses a subset, see SECTION_FIELDS).
ALL_FIELDS: tuple[str, ...] = (
    "title",
    "organisation",
    "period",
    "level",
    "goal_area",
    "applied_on",
    "status",
    "next_step",
    "link",
    "body",
)

SECTION_REQUIRED: dict[str, tuple[str, ...]] = {
    "experience": ("title",),
    "education": ("title",),
    "skill": ("title",),
    "certificate": ("title",),
    "language": ("title", "level"),
    "goal": ("goal_area", "body"),
    "application": ("organisation", "title", "applied_on", "status"),
    "note": ("body",),
}

LANGUAGE_LEVELS: tuple[str, ...] = ("native", "fluent", "good", "some", "beginner")
GOAL_AREAS: tuple[str, ...] = ("job", "health", "daily")
APPLICATION_STATUSES: tuple[str, ...] = (
    "planned",
    "sent",
    "interview",
    "offer",
    "rejected",
)

# Languages a citizen may tag their own text with: Jobvej's UI languages first, then other
# languages common among newcomers, then "und" (BCP 47: undetermined) for anything else.
TEXT_LANGUAGES: dict[str, str] = {
    "da": "Dansk",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "fa": "فارسی",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "ps": "پښتو",
    "ku": "Kurdî",
    "tr": "Türkçe",
    "ru": "Русский",
    "pl": "Polski",
    "ro": "Română",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "und": "…",
}


def fields_for(section: str) -> tuple[str, ...]:
    """The entry fields a section uses; KeyError for an unknown section."""
    return SECTION_FIELDS[section]


def missing_required(section: str, values: dict[str, object]) -> list[str]:
    """Names of required fields of `section` that are empty (None or blank) in `values`."""
    missing = []
    for name in SECTION_REQUIRED[section]:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    return missing


def is_safe_link(url: str) -> bool:
    """True for absolute http(s) links with a host; False for javascript:, data:, relative
    and malformed addresses (so a link the citizen saved can never run script)."""
    text = url.strip()
    if not text or any(ch.isspace() for ch in text) or len(text) > 500:
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def is_text_language(code: str | None) -> bool:
    """True when `code` is one of the languages text may be tagged with."""
    return code in TEXT_LANGUAGES


def text_direction_hint(code: str) -> str:
    """'rtl' for right-to-left languages among TEXT_LANGUAGES, 'ltr' for the rest ('auto'
    for undetermined). Pages still render free text with dir="auto"."""
    if code in {"ar", "fa", "ps"}:
        return "rtl"
    return "auto" if code == "und" else "ltr"
