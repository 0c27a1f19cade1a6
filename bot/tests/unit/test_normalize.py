"""jobvej_nlu: spelling normalisation and Danish terms in every script (the NLU tokenizer)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from jobvej_nlu.normalize import (
    canonical_term,
    fold,
    normalize_text,
    split_scripts,
    term_table,
)
from jobvej_nlu.tokenizer import JobvejTokenizer


@pytest.mark.parametrize("variants", [
    ("første møde", "forste mode", "foerste moede", "FØRSTE MØDE"),
    ("kontanthjælp", "kontanthjaelp", "kontanthjalp"),
    ("får jeg", "faar jeg", "far jeg"),
    ("løntilskud", "loentilskud", "lontilskud"),
])
def test_danish_with_and_without_ae_oe_aa_is_one_spelling(variants):
    assert len({normalize_text(v) for v in variants}) == 1, [normalize_text(v) for v in variants]


def test_arabic_and_persian_letter_forms_meet():
    assert fold("إعانة") == fold("اعانه")
    assert fold("كيف") == fold("کیف")  # Arabic kaf/yeh and Persian keheh/farsi yeh
    assert fold("مُساعَدة") == fold("مساعده")  # vowel marks dropped
    assert fold("ـــكم") == fold("كم")  # tatweel


def test_ukrainian_and_russian_spellings_meet():
    assert fold("скільки") == fold("скильки")  # surzhyk spelling
    assert fold("безробітний") == fold("безробитный")
    assert fold("Ґанок") == fold("ганок")


def test_digits_of_every_script_become_ascii():
    assert normalize_text("٢٥٠٠٠ kr") == "25000 kr"
    assert normalize_text("۳۷ ساعت") == "37 ساعت"


def test_words_are_split_where_the_script_changes():
    assert split_scripts("بالjobcenter") == ["بال", "jobcenter"]
    assert split_scripts("الdagpenge") == ["ال", "dagpenge"]
    assert split_scripts("cv-ga") == ["cv-ga"]  # Somali suffix on a Latin word stays
    assert split_scripts("jobnet") == ["jobnet"]


@pytest.mark.parametrize("text, term", [
    ("الدباغنة", "dagpenge"),
    ("للداغبنغه", "dagpenge"),
    ("بالكومونه", "kommune"),
    ("дагпенге", "dagpenge"),
    ("داگپنگه", "dagpenge"),
    ("контантхельп", "kontanthjalp"),
    ("kontanthjælp", "kontanthjalp"),
    ("sagsbehandler-kayga", "sagsbehandler"),
    ("ጆብሰንተር", "jobcenter"),
    ("flexjob", "fleksjob"),
])
def test_danish_terms_in_any_script_become_the_danish_term(text, term):
    assert normalize_text(text) == term


def test_ordinary_words_are_not_terms():
    table = term_table()
    assert canonical_term("وال", table) == "وال"  # a bare prefix is not a term
    assert canonical_term("بيت", table) == "بيت"
    assert normalize_text("hvor meget") == "hvor meget"


def test_every_term_variant_means_one_term():
    table = term_table()
    assert len(set(table.values())) >= 15
    assert all(value == fold(value) for value in table.values())


def test_tokenizer_normalises_the_users_text_only():
    tokenizer = JobvejTokenizer(JobvejTokenizer.get_default_config())
    message = Message(data={TEXT: "كم الدباغنة بالشهر؟ 2026", INTENT: "dagpenge_amount"})
    tokens = tokenizer.tokenize(message, TEXT)
    assert [t.text for t in tokens] == ["كم", "dagpenge", "بالشهر", "2026"]
    assert all(0 <= t.start <= t.end <= len(message.get(TEXT)) for t in tokens)
    intent_tokens = tokenizer.tokenize(message, INTENT)
    assert [t.text for t in intent_tokens] == ["dagpenge_amount"]


def test_tokenizer_splits_a_glued_term_into_two_tokens():
    tokenizer = JobvejTokenizer(JobvejTokenizer.get_default_config())
    tokens = tokenizer.tokenize(Message(data={TEXT: "موعد بالjobcenter"}), TEXT)
    assert [t.text for t in tokens] == ["موعد", "بال", "jobcenter"]
