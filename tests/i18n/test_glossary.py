"""One term per concept per language, in the UI catalogs and the articles alike.

`translations/glossary/concepts.yaml` says how to find each concept in Danish;
`translations/glossary/<lang>.yaml` gives the language's term, the word forms that count as
using it, and wrong variants that must not appear. A fluent reviewer corrects the glossary in
one place; this test then lists every catalog message and article paragraph that disagrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pytest
import yaml
from babel.messages.pofile import read_po

from portal.domain.content import Article, load_library
from portal.domain.languages import LANGUAGES, SOURCE_LANGUAGE
from portal.domain.readability import markdown_blocks
from tests.conftest import REPO

GLOSSARY = REPO / "translations" / "glossary"
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


@dataclass(frozen=True)
class Concept:
    key: str
    languages: frozenset[str] | None
    match: re.Pattern[str]
    not_when: re.Pattern[str] | None
    not_msgids: frozenset[str]

    def in_danish(self, text: str, msgid: bool = False) -> bool:
        if msgid and text in self.not_msgids:
            return False
        if self.not_when is not None and self.not_when.search(text):
            return False
        return bool(self.match.search(text))


@dataclass(frozen=True)
class Entry:
    key: str
    term: str
    forms: tuple[str, ...]
    avoid: tuple[str, ...]
    label: str | None  # the exact translation of the bare Danish name, where one is fixed

    def used_in(self, text: str) -> bool:
        folded = text.casefold()
        return any(form.casefold() in folded for form in (self.term, *self.forms))

    def wrong_in(self, text: str) -> list[str]:
        folded = text.casefold()
        return [bad for bad in self.avoid if bad.casefold() in folded]


@cache
def concepts() -> dict[str, Concept]:
    data = yaml.safe_load((GLOSSARY / "concepts.yaml").read_text(encoding="utf-8"))
    return {
        key: Concept(
            key,
            frozenset(spec["languages"]) if spec.get("languages") else None,
            re.compile(spec["match"], re.IGNORECASE),
            re.compile(spec["not_when"], re.IGNORECASE) if spec.get("not_when") else None,
            frozenset(spec.get("not_msgids") or ()),
        )
        for key, spec in data["concepts"].items()
    }


@cache
def glossary(lang: str) -> dict[str, Entry]:
    data = yaml.safe_load((GLOSSARY / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == lang
    return {
        key: Entry(
            key,
            spec["term"],
            tuple(spec.get("forms") or ()),
            tuple(spec.get("avoid") or ()),
            spec.get("label"),
        )
        for key, spec in data["concepts"].items()
    }


def messages(lang: str) -> list[tuple[str, list[str]]]:
    """(Danish msgid, translations) for every translated message of a catalog."""
    with (REPO / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    rows = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = list(message.string) if isinstance(message.string, tuple) else [message.string]
        strings = [s for s in strings if s]
        if strings:
            rows.append((msgid, strings))
    return rows


@cache
def library():  # type: ignore[no-untyped-def]
    return load_library(REPO / "content")


def paragraphs(article: Article) -> list[str]:
    return [article.title, *markdown_blocks(article.short_answer), *markdown_blocks(article.body)]


def concepts_of(lang: str) -> dict[str, Concept]:
    return {k: c for k, c in concepts().items() if c.languages is None or lang in c.languages}


def test_every_language_has_a_glossary_of_the_same_concepts() -> None:
    assert set(concepts()) >= {"sagsbehandler", "samtale", "klage", "kommune", "dagpenge"}
    for lang in TRANSLATED:
        entries = glossary(lang)
        assert set(entries) == set(concepts_of(lang)), lang
        for entry in entries.values():
            assert entry.term.strip(), (lang, entry.key)
            assert not entry.used_in(" ".join(entry.avoid)), (lang, entry.key, "avoid ~ term")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_ui_catalog_uses_the_glossary_terms(lang: str) -> None:
    entries = glossary(lang)
    problems = []
    for msgid, strings in messages(lang):
        for key, concept in concepts_of(lang).items():
            entry = entries[key]
            for text in strings:
                problems += [f"{key}: {bad!r} in {msgid!r}" for bad in entry.wrong_in(text)]
            if not concept.in_danish(msgid, msgid=True):
                continue
            danish_name = concept_name(key).casefold()
            if entry.label is not None and entry.label.casefold().endswith(f"({danish_name})"):
                # own word first, the Danish name in brackets: not "dagpenge (explanation)"
                problems += [
                    f"{key}: {msgid!r} -> {text!r} puts the Danish name before its explanation"
                    for text in strings
                    if re.search(
                        rf"(?<![\w-]){re.escape(danish_name)} \((?![^)]*\.dk)", text.casefold()
                    )
                ]
            is_the_name = msgid.casefold() == concept_name(key).casefold()
            if entry.label is not None and is_the_name and strings[0] != entry.label:
                problems.append(f"{key}: {msgid!r} must read {entry.label!r}: {strings[0]!r}")
            missing = [text for text in strings if not entry.used_in(text)]
            if missing:
                problems.append(f"{key}: {msgid!r} -> {missing[0]!r} lacks {entry.term!r}")
    assert not problems, f"{lang}: {len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_articles_use_the_glossary_terms(lang: str) -> None:
    """No wrong variant anywhere in an article, and an article whose Danish text is about a
    concept uses the language's term for it (articles name a Danish benefit once with its
    explanation and may use the Danish name alone after that, so the check is per article)."""
    entries = glossary(lang)
    problems = []
    for (topic_id, code), article in sorted(library().articles.items()):
        if code != lang:
            continue
        text = "\n".join(paragraphs(article))
        danish = paragraphs(library().articles[(topic_id, SOURCE_LANGUAGE)])
        for key, concept in concepts_of(lang).items():
            entry = entries[key]
            problems += [f"{topic_id}: {key}: {bad!r}" for bad in entry.wrong_in(text)]
            if any(concept.in_danish(p) for p in danish) and not entry.used_in(text):
                problems.append(f"{topic_id}: {key}: the article never says {entry.term!r}")
    assert not problems, f"{lang}: {len(problems)} problems:\n" + "\n".join(problems)


@cache
def concept_name(key: str) -> str:
    data = yaml.safe_load((GLOSSARY / "concepts.yaml").read_text(encoding="utf-8"))
    return str(data["concepts"][key]["da"])
