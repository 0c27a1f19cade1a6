"""Locale choice and URL language prefixes.

Order of choice: the `/<lang>/` prefix of the URL, the logged-in user's saved
preference, the browser's Accept-Language header, Danish.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import read_mo
from flask import Flask, abort, g, request, url_for
from flask_login import current_user

from portal.domain.languages import (
    LANGUAGE_CODES,
    LANGUAGES,
    SOURCE_LANGUAGE,
    Language,
    direction_of,
)


def select_locale() -> str:
    """Return the locale for this request (Flask-Babel's locale selector)."""
    lang = g.get("lang_code")
    if lang in LANGUAGES:
        return str(lang)
    if current_user and current_user.is_authenticated:
        preferred = getattr(current_user, "preferred_language", None)
        if preferred in LANGUAGES:
            return str(preferred)
    best = request.accept_languages.best_match(LANGUAGE_CODES) if request else None
    return best or SOURCE_LANGUAGE


@lru_cache(maxsize=16)
def catalog_completeness(translations_dir: str, code: str) -> float:
    """Share (0..1) of UI messages translated in a compiled catalog; Danish is the source."""
    if code == SOURCE_LANGUAGE:
        return 1.0
    mo = Path(translations_dir) / code / "LC_MESSAGES" / "messages.mo"
    po = mo.with_suffix(".po")
    if not mo.exists() or not po.exists():
        return 0.0
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    total = sum(1 for m in catalog if m.id)
    with mo.open("rb") as fh:
        compiled = read_mo(fh)
    done = sum(1 for m in compiled if m.id and m.string and not m.fuzzy)
    return 1.0 if total == 0 else min(1.0, done / total)


def init_app(app: Flask) -> None:
    """Register URL helpers for the `<lang_code>` prefix and template globals."""

    @app.url_defaults
    def add_language_code(endpoint: str, values: dict[str, Any]) -> None:
        if "lang_code" in values or not app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
            return
        values["lang_code"] = current_lang()

    @app.url_value_preprocessor
    def pull_language_code(endpoint: str | None, values: dict[str, Any] | None) -> None:
        if values and "lang_code" in values:
            code = values.pop("lang_code")
            if code not in LANGUAGES:
                abort(404)
            g.lang_code = code

    @app.template_filter("format_date_long")
    def format_date_long(value: Any) -> str:
        from flask_babel import format_date

        return str(format_date(value, "long"))

    @app.context_processor
    def language_context() -> dict[str, Any]:
        lang = current_lang()
        completeness = catalog_completeness(app.config["BABEL_TRANSLATION_DIRECTORIES"], lang)
        return {
            "current_lang": lang,
            "text_direction": direction_of(lang),
            # Named so that no page's own variables (a page may well pass `languages`) can
            # hide the switcher's data; the links are computed here, not in the template.
            "language_switch_links": language_switch_links,
            "ui_incomplete": completeness < 1.0,
            "ui_unreviewed": not LANGUAGES[lang].ui_reviewed,
        }


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher: the same page in another language."""

    language: Language
    url: str
    current: bool


def same_page_in(code: str) -> str:
    """URL of the current page in language `code`.

    Pages under `/<lang_code>/` keep their endpoint, path arguments and query string (filters,
    calculator inputs); a page without a language prefix falls back to the front page."""
    endpoint = request.endpoint
    rule = request.url_rule
    if endpoint and rule is not None and "lang_code" in rule.arguments:
        args = dict(request.view_args or {})
        args["lang_code"] = code
        url = url_for(endpoint, **args)
        query = request.query_string.decode("latin-1")
        return f"{url}?{query}" if query else url
    return url_for("main.home", lang_code=code)


def language_switch_links() -> list[LanguageLink]:
    """The switcher's links: every language, the current one marked."""
    lang = current_lang()
    return [
        LanguageLink(language=language, url=same_page_in(code), current=code == lang)
        for code, language in LANGUAGES.items()
    ]


def current_lang() -> str:
    """The active language code for this request."""
    from flask_babel import get_locale

    locale = get_locale()
    code = str(locale.language) if locale else SOURCE_LANGUAGE
    return code if code in LANGUAGES else SOURCE_LANGUAGE
