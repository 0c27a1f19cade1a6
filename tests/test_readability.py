"""Plain Danish: the LIX function counts as documented, and every Danish article scores < 40.

Run with ``-s`` to see the table of scores (it is printed on every run).
"""

from __future__ import annotations

import pytest

from portal.domain.content import Article, load_library
from portal.domain.readability import Lix, lix, lix_of_blocks, markdown_blocks
from tests.conftest import REPO

LIX_LIMIT = 40.0


def article_lix(article: Article) -> Lix:
    """LIX of what a reader sees: title, short answer and body."""
    return lix_of_blocks(
        [article.title, *markdown_blocks(article.short_answer), *markdown_blocks(article.body)]
    )


# --- the function -------------------------------------------------------------------------


def test_lix_of_short_sentences_without_long_words_is_the_sentence_length() -> None:
    result = lix("Du får penge. Det er godt.")
    assert (result.words, result.sentences, result.long_words) == (6, 2, 0)
    assert result.score == pytest.approx(3.0)


def test_a_long_word_has_more_than_six_letters() -> None:
    # "arbejde" has 7 letters (long), "kommune" 7 (long), "samtale" 7 (long), "penge" 5, "a-kasse" 6
    result = lix("Din a-kasse giver penge. Kommunen holder samtale om arbejde.")
    assert result.words == 9
    assert result.sentences == 2
    assert result.long_words == 3
    assert result.score == pytest.approx(9 / 2 + 100 * 3 / 9)


def test_numbers_are_words_without_letters() -> None:
    result = lix("Du får 12.000 kr. om måneden fra 1.1.2026.")
    assert result.words == 8
    assert result.sentences == 1
    assert result.long_words == 1  # "måneden"


def test_abbreviations_do_not_end_sentences_but_full_stops_before_capitals_do() -> None:
    assert lix("Du får ca. 4 uger. Det er kort.").sentences == 2
    assert lix("Det står bl.a. på Jobnet. Læs det.").sentences == 2
    assert lix("Det koster 100 kr. Du betaler selv.").sentences == 2
    assert lix("Hvad nu? Ring til os! Vi hjælper.").sentences == 3


def test_markdown_blocks_end_sentences_and_markup_is_not_text() -> None:
    text = (
        "## Sådan gør du\n\n"
        "- Log ind på **Jobnet**\n"
        "- Læs [vejledningen om dagpenge](https://www.borger.dk/arbejde-dagpenge-ferie)\n"
        "    fra din a-kasse\n\n"
        "| Sats | Beløb |\n|---|---|\n| Høj | 100 kr. |\n"
    )
    blocks = markdown_blocks(text)
    assert blocks == [
        "Sådan gør du",
        "Log ind på Jobnet",
        "Læs vejledningen om dagpenge fra din a-kasse",
        "Sats",
        "Beløb",
        "Høj",
        "100 kr.",
    ]
    result = lix(text)
    assert result.sentences == 7
    assert "borger" not in " ".join(blocks)


def test_longer_sentences_and_longer_words_raise_the_score() -> None:
    plain = lix("Du skal søge job. Du skal skrive det i din log. Det tager ikke lang tid.")
    heavy = lix(
        "Som ledig dagpengemodtager er du forpligtet til løbende at dokumentere dine "
        "jobsøgningsaktiviteter i joblogen på Jobnet, således at kommunen kan vurdere "
        "din rådighed."
    )
    assert plain.score < 20
    assert heavy.score > 60


def test_empty_text_scores_zero() -> None:
    assert lix("").score == 0.0
    assert lix("## \n\n").words == 0


# --- the content library ------------------------------------------------------------------


def test_every_danish_article_scores_under_40() -> None:
    library = load_library(REPO / "content")
    rows = []
    for (topic_id, language), article in sorted(library.articles.items()):
        if language != "da":
            continue
        result = article_lix(article)
        rows.append((result.score, topic_id, library.topics[topic_id].audience, result))
    assert len(rows) == len(library.topics)
    print("\nLIX of the Danish articles (limit < 40):")
    print(f"{'LIX':>5}  {'topic':<28}{'audience':<10}{'words':>6}{'sent.':>6}{'long %':>8}")
    for score, topic_id, audience, result in sorted(rows, reverse=True):
        print(
            f"{score:5.1f}  {topic_id:<28}{audience:<10}{result.words:>6}{result.sentences:>6}"
            f"{result.long_word_percentage:>8.1f}"
        )
    too_hard = [
        (topic_id, round(score, 1))
        for score, topic_id, audience, _ in rows
        if audience != "employer" and score >= LIX_LIMIT
    ]
    assert not too_hard, f"citizen-facing articles with LIX >= {LIX_LIMIT}: {too_hard}"
