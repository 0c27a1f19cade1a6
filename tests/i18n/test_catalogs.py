"""Every UI text is in every catalog: extracting the code and templates afresh finds no msgid
that a language lacks, leaves untranslated or marks fuzzy, and placeholders survive
translation. Fails the moment someone adds a text and forgets a language."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from portal.domain.languages import LANGUAGES, SOURCE_LANGUAGE
from tests.conftest import REPO

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")


@lru_cache(maxsize=1)
def extracted(tmp_dir: str) -> Catalog:
    """The msgids the code and templates hold right now (as scripts/i18n.sh extract finds them)."""
    pot = Path(tmp_dir) / "fresh.pot"
    subprocess.run(
        [
            sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
            "-k", "_l", "-k", "lazy_gettext", "-k", "N_", "--no-location", "-o", str(pot), ".",
        ],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as fh:
        return read_po(fh)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return extracted(str(tmp_path_factory.mktemp("pot")))


def load(code: str) -> Catalog:
    with (REPO / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=code)


def ids(catalog: Catalog) -> set[object]:
    return {m.id for m in catalog if m.id}


def test_extraction_finds_the_texts(fresh: Catalog) -> None:
    found = ids(fresh)
    assert len(found) > 500
    assert "Tilgængelighedserklæring" in found  # a template text
    assert "Vælg en af mulighederne." in found  # a Python N_() text


def test_template_pot_is_up_to_date(fresh: Catalog) -> None:
    with (REPO / "translations" / "messages.pot").open("rb") as fh:
        pot = read_po(fh)
    missing = sorted(map(str, ids(fresh) - ids(pot)))
    assert missing == [], f"run scripts/i18n.sh update; not in messages.pot: {missing[:20]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_msgid_is_translated(fresh: Catalog, code: str) -> None:
    catalog = load(code)
    problems = []
    for message in fresh:
        if not message.id:
            continue
        have = catalog.get(message.id)
        if have is None:
            problems.append(f"missing: {message.id!r}")
        elif have.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not have.string or (isinstance(have.string, tuple) and not all(have.string)):
            problems.append(f"untranslated: {message.id!r}")
    assert problems == [], f"{code}: {len(problems)} problems, e.g. {problems[:15]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_survive_translation(code: str) -> None:
    wrong = []
    for message in load(code):
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        want = sorted(PLACEHOLDER.findall(source))
        for target in targets:
            if sorted(PLACEHOLDER.findall(target)) != want and "%(num)d" not in source:
                wrong.append((source, target))
    assert wrong == [], f"{code}: placeholders differ in {wrong[:10]}"
