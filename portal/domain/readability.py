"""LIX, the Scandinavian readability index (Björnsson 1968), for the content library's Danish.

    LIX = words / sentences + 100 * long words / words

A long word has more than six letters. Under 30 is very easy text, 30-40 easy (everyday
prose, the target for citizen-facing articles), 40-50 medium (newspapers), above that hard
(official and academic prose).

Counting rules, chosen to be predictable for Markdown articles:

- Markdown is reduced to the text a reader sees: link text stays, URLs, emphasis marks, list
  markers and heading marks go.
- A sentence ends at ``.``, ``!`` or ``?`` followed by white space and an upper-case letter, and
  at the end of every block (paragraph, heading, list item, table row cell). An abbreviation
  followed by a lower-case word or a number ("kr. om måneden", "ca. 4 uger") does not end a
  sentence, nor does one of the abbreviations in ``ABBREVIATIONS`` before a capital
  ("jf. Ankestyrelsen"). Where in doubt the count errs towards fewer sentences (a higher,
  stricter LIX).
- A word is a run of letters, possibly joined by hyphens or apostrophes ("a-kasse" is one
  word of six letters); a number ("4", "12.000", "1.1.2026") is a word without letters, so
  never long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LONG_WORD_LETTERS = 6  # a long word has MORE than this many letters

_LETTERS = r"[^\W\d_]"
_WORD = re.compile(rf"{_LETTERS}+(?:[-'’]{_LETTERS}+)*|\d+(?:[.,:/-]\d+)*")
_SENTENCE_END = re.compile(r"(\S*?)([.!?]+)[\"'”»)]*\s+(?=[A-ZÆØÅÀ-ÖØ-Þ])")
ABBREVIATIONS = frozenset(
    [
        "bl.a.",
        "f.eks.",
        "jf.",
        "ca.",
        "nr.",
        "kl.",
        "stk.",
        "pkt.",
        "evt.",
        "inkl.",
        "ekskl.",
        "dvs.",
        "mht.",
        "ifm.",
        "iht.",
        "ang.",
        "vedr.",
        "hhv.",
        "pga.",
        "s.",
        "tlf.",
    ]
)

_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<https?://[^>]+>|https?://\S+")
_HTML_TAG = re.compile(r"<[^>]+>")
_BLOCK_PREFIX = re.compile(r"^\s{0,12}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


@dataclass(frozen=True)
class Lix:
    """A LIX score with the counts it was computed from."""

    words: int
    sentences: int
    long_words: int

    @property
    def score(self) -> float:
        """The LIX value; 0 for a text without words."""
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    @property
    def average_sentence_length(self) -> float:
        """Words per sentence."""
        return self.words / max(self.sentences, 1)

    @property
    def long_word_percentage(self) -> float:
        """Share of long words, in per cent."""
        return 100 * self.long_words / self.words if self.words else 0.0


def markdown_blocks(text: str) -> list[str]:
    """The reader-visible text of each Markdown block (heading, paragraph, list item, table row)."""
    text = _FENCE.sub("", text)
    blocks: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or _TABLE_RULE.match(line):
            close()
            continue
        starts_block = bool(_BLOCK_PREFIX.match(line)) or line.lstrip().startswith("|")
        is_heading = line.lstrip().startswith("#")
        if starts_block:
            close()
        line = _BLOCK_PREFIX.sub("", line)
        line = _IMAGE.sub(r"\1", line)
        line = _LINK.sub(r"\1", line)
        line = _AUTOLINK.sub("", line)
        line = _HTML_TAG.sub("", line)
        line = _EMPHASIS.sub("", line)
        if line.lstrip().startswith("|") or line.rstrip().endswith("|"):
            # a table row: every cell is a block of its own
            close()
            blocks.extend(
                cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip()
            )
            continue
        current.append(line.strip())
        if is_heading:
            close()
    close()
    return [block for block in blocks if block]


def count_sentences(block: str) -> int:
    """Sentences in one block of running text: inner sentence ends plus the block's own end."""
    if not _WORD.search(block):
        return 0
    inner = sum(
        1
        for match in _SENTENCE_END.finditer(block.strip())
        if (match.group(1) + match.group(2)).lower().lstrip("(\"'«“") not in ABBREVIATIONS
    )
    return inner + 1


def words_of(text: str) -> list[str]:
    """The words of a text (numbers included)."""
    return _WORD.findall(text)


def is_long(word: str) -> bool:
    """More than six letters (hyphens, apostrophes and digits are not letters)."""
    return sum(1 for char in word if char.isalpha()) > LONG_WORD_LETTERS


def lix_of_blocks(blocks: list[str]) -> Lix:
    """LIX over blocks of plain text; each block ends at least one sentence."""
    words = [w for block in blocks for w in words_of(block)]
    sentences = sum(count_sentences(block) for block in blocks)
    return Lix(len(words), sentences, sum(1 for w in words if is_long(w)))


def lix(text: str) -> Lix:
    """LIX of plain text or Markdown."""
    return lix_of_blocks(markdown_blocks(text))
