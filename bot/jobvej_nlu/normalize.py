"""Spelling normalisation of chat messages for the NLU (pure Python, no Rasa imports).

People type the same word in many ways: Danish without æ/ø/å ("faa", "fa", "mode" for
"får", "møde"), Arabic with or without hamza and with Persian letters, Ukrainian mixed with
Russian spellings, Danish benefit terms transliterated into Arabic, Cyrillic or Ge'ez
script, or glued to an Arabic prefix ("بالjobcenter", "الداغبنغه"). ``normalize_tokens``
maps every variant to one spelling, identically at training and at run time, so the
classifier sees one feature where it would otherwise see many rare ones:

1. lower case, Unicode NFKC; digits of any script become ASCII digits;
2. a word switching script ("بالjobcenter", "cv-ga" stays) is split at the switch;
3. Latin: æ ø å and their typed-out forms ae oe aa fold to a o a; other accents dropped;
4. Arabic script: hamza forms of alef → ا, ى/ی/ي → ي, ك/ک → ك, ة → ه, tatweel and
   vowel marks removed (Arabic and Persian spellings meet);
5. Cyrillic: Ukrainian/Russian letter pairs folded (і ї ы → и, є э → е, ґ → г, ъ → ь);
6. Danish benefit terms (``terms.yml``: dagpenge, kontanthjælp, a-kasse, jobcenter,
   kommune, ...) written in any script, with or without an Arabic article or preposition,
   become the one Latin term.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

TERMS_FILE = Path(__file__).with_name("terms.yml")

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]")
_ARABIC_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي", "ۍ": "ي", "ې": "ي",
    "ک": "ك", "ة": "ه", "ۀ": "ه", "ؤ": "و",
})
_CYRILLIC_MAP = str.maketrans({
    "і": "и", "ї": "и", "ы": "и", "й": "и", "є": "е", "э": "е", "ё": "е", "ґ": "г", "ъ": "ь",
})
_LATIN_DANISH = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})
_LATIN_DIGRAPHS = re.compile("ae|oe|aa")
#: Prefixes Arabic and Persian glue to a word: the article and prepositions.
_ARABIC_PREFIXES = ("وبال", "بال", "وال", "فال", "كال", "لل", "ال", "ب", "و", "ل")
_SCRIPT_RUN = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+"   # Arabic script
    r"|[\u0400-\u04ff]+"                                        # Cyrillic
    r"|[\u1200-\u139f\u2d80-\u2ddf]+"                           # Ge'ez (Ethiopic)
    r"|[^\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff\u0400-\u04ff\u1200-\u139f\u2d80-\u2ddf]+"
)


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF:
        return "ethiopic"
    return "latin"


def _digits(text: str) -> str:
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch
        for ch in text
    )


def fold(word: str) -> str:
    """One spelling of a one-script word (steps 1 and 3-5 of the module docstring)."""
    word = _digits(unicodedata.normalize("NFKC", word).lower())
    script = _script(word[0]) if word else "latin"
    if script == "arabic":
        return _ARABIC_MARKS.sub("", word).translate(_ARABIC_MAP)
    if script == "cyrillic":
        return word.translate(_CYRILLIC_MAP)
    if script == "latin":
        word = _LATIN_DIGRAPHS.sub(lambda m: m.group(0)[0], word.translate(_LATIN_DANISH))
        decomposed = unicodedata.normalize("NFKD", word)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return word


def split_scripts(word: str) -> list[str]:
    """``word`` cut where the script changes ("بالjobcenter" → "بال", "jobcenter")."""
    parts = [m.group(0) for m in _SCRIPT_RUN.finditer(word)]
    return [p for p in (part.strip("-_") for part in parts) if p] or [word]


@lru_cache(maxsize=1)
def term_table(path: Path = TERMS_FILE) -> dict[str, str]:
    """Folded spelling variant → canonical Danish term (the canonical term folded too)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table: dict[str, str] = {}
    for canonical, variants in (data.get("terms") or {}).items():
        target = fold(str(canonical))
        for variant in [canonical, *(variants or [])]:
            key = fold(str(variant))
            if table.setdefault(key, target) != target:
                raise ValueError(f"terms.yml: {variant!r} means both {table[key]} and {target}")
    return table


def canonical_term(word: str, table: dict[str, str] | None = None) -> str:
    """The canonical term for a folded word, also behind an Arabic prefix; else the word."""
    table = term_table() if table is None else table
    if word in table:
        return table[word]
    if word and _script(word[0]) == "arabic":
        for prefix in _ARABIC_PREFIXES:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 3 and rest in table:
                return table[rest]
    return word


def normalize_tokens(words: list[str]) -> list[str]:
    """The normalised tokens of whitespace-separated ``words`` (may be more than given)."""
    out: list[str] = []
    for word in words:
        for part in split_scripts(word):
            folded = fold(part)
            if folded:
                out.append(canonical_term(folded))
    return out


def normalize_text(text: str) -> str:
    """A message as the classifier sees it (for tests and debugging)."""
    return " ".join(normalize_tokens(text.split()))
