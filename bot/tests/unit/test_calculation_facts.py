"""Reading the facts of a personal calculation from chat messages, in every script."""

from __future__ import annotations

from decimal import Decimal

import pytest
from actions.calculation_facts import (
    FACTS,
    extract_facts,
    find_numbers,
    merge_facts,
    missing_facts,
    normalise,
    parse_number,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("25.000", "25000"),
        ("25,000", "25000"),
        ("25 000", "25000"),
        ("25'000", "25000"),
        ("1.234.567", "1234567"),
        ("131,55", "131.55"),
        ("131.55", "131.55"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("37,5", "37.5"),
    ],
)
def test_numbers_with_any_separator(raw, expected):
    assert parse_number(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["12.34.5", "abc", "", "1,2,3"])
def test_what_is_not_a_number(raw):
    assert parse_number(raw) is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("٢٥٬٠٠٠", Decimal(25000)),  # Arabic-Indic digits, Arabic thousands separator
        ("۲۵۰۰۰", Decimal(25000)),  # Persian digits
        ("۱۳۱٫۵", Decimal("131.5")),  # Persian digits, Arabic decimal separator
        ("２５０００", Decimal(25000)),  # full-width
        ("25k", Decimal(25000)),
        ("25 tusind", Decimal(25000)),
        ("25 thousand", Decimal(25000)),
        ("25 ألف", Decimal(25000)),
        ("25 тисяч", Decimal(25000)),
        ("۲۵ هزار", Decimal(25000)),
        ("25 kun", Decimal(25000)),
        ("25 ሽሕ", Decimal(25000)),
    ],
)
def test_digits_of_every_script_and_thousand_words(text, value):
    numbers = find_numbers(normalise(text))
    assert [n.value for n in numbers] == [value]


def facts(text, expected=None):
    return extract_facts(text, expected).facts


def test_danish_all_at_once():
    assert facts("hvor mange dagpenge får jeg, jeg tjente 25.000 om måneden") == {
        "calculator": "dagpenge",
        "monthly_income": "25000",
    }
    assert facts(
        "hvor mange dagpenge faar jeg, jeg er fuldtidsforsikret og tjener 32.500 kr/md"
    ) == {
        "calculator": "dagpenge",
        "insurance": "full_time",
        "monthly_income": "32500",
    }


def test_english_sick_hourly_wage_and_hours():
    assert facts("I'm sick, I earn 150 an hour, 37 hours a week") == {
        "calculator": "sygedagpenge",
        "hourly_wage": "150",
        "hours_per_week": "37",
    }


def test_arabic_age_and_dual_children():
    assert facts("كم أحصل من kontanthjælp، عمري 27 وعندي طفلان") == {
        "calculator": "kontanthjaelp",
        "age": 27,
        "children": 2,
    }


def test_arabic_digits_and_month():
    assert facts("أتقاضى ٢٥٬٠٠٠ كرونة في الشهر") == {"monthly_income": "25000"}


def test_ukrainian():
    assert facts("мені 45 років, двоє дітей, одружений, соціальна допомога") == {
        "calculator": "kontanthjaelp",
        "civil_status": "married",
        "age": 45,
        "children": 2,
    }
    assert facts("30 000 на місяць, повна страховка")["insurance"] == "full_time"
    assert facts("заробляю 30 000 на місяць, безробіття") == {
        "calculator": "dagpenge",
        "monthly_income": "30000",
    }


def test_persian_digits_and_words():
    assert facts("من ۳۵ سال دارم و دو فرزند دارم، کمک نقدی") == {
        "calculator": "kontanthjaelp",
        "age": 35,
        "children": 2,
    }
    assert facts("۲۵ هزار در ماه درآمد دارم، پاره وقت") == {
        "insurance": "part_time",
        "monthly_income": "25000",
    }


def test_somali_and_tigrinya():
    assert facts("Waxaan ahay 30 sano jir, laba carruur, kontanthjælp") == {
        "calculator": "kontanthjaelp",
        "age": 30,
        "children": 2,
    }
    assert facts("ዕድመይ 30 ዓመት፣ ክልተ ቆልዑ") == {"age": 30, "children": 2}


def test_only_facts_and_follow_ups():
    assert facts("jeg tjente 25000 om måneden og er fuldtidsforsikret") == {
        "insurance": "full_time",
        "monthly_income": "25000",
    }
    assert facts("og hvis jeg er deltidsforsikret?") == {"insurance": "part_time"}
    assert facts("and with two children?") == {"children": 2}
    assert facts("what about 2027?") == {"year": 2027}
    assert facts("og hvis jeg er dimittend?") == {"graduate": True}
    assert facts("ingen børn") == {"children": 0}


def test_a_bare_answer_fills_the_question_asked():
    assert facts("27", "age") == {"age": 27}
    assert facts("٢٧", "age") == {"age": 27}
    assert facts("to", "children") == {"children": 2}
    assert facts("ingen", "children") == {"children": 0}
    assert facts("25k", "monthly_income") == {"monthly_income": "25000"}
    assert facts("150", "hourly_wage") == {"hourly_wage": "150"}
    # without a question, a bare large amount is read as a monthly income
    assert facts("25.000 kr") == {"monthly_income": "25000"}


def test_button_payloads():
    assert facts('/inform_facts{"insurance": "part_time"}', "insurance") == {
        "insurance": "part_time"
    }
    assert facts('/inform_facts{"calculator": "fleksjob"}') == {"calculator": "fleksjob"}
    assert facts('/inform_facts{"insurance": "everything"}') == {}


def test_employer_and_work_more_hours():
    assert facts(
        "løntilskud privat virksomhed 160 kr i timen 37 timer om ugen i 26 uger, 10 ansatte"
    ) == {
        "calculator": "loentilskud",
        "employer_type": "private",
        "hourly_wage": "160",
        "hours_per_week": "37",
        "weeks": 26,
        "employees": 10,
    }
    assert facts("kan det betale sig at arbejde flere timer på kontanthjælp, timeløn 140") == {
        "calculator": "work_more_hours",
        "benefit": "kontanthjaelp",
        "hourly_wage": "140",
    }


def test_mistakes_are_reported_not_guessed():
    result = extract_facts("tredive tusind", "monthly_income")
    assert result.facts == {} and result.errors == {"number": "number_in_words"}
    assert extract_facts("thirty thousand a month").errors == {"number": "number_in_words"}
    result = extract_facts("-5000 kr om måneden")
    assert result.facts == {} and result.errors == {"monthly_income": "negative"}
    assert extract_facts("-27", "age").errors == {"age": "negative"}
    assert extract_facts("200", "age").errors == {"age": "out_of_range"}
    assert extract_facts("2,5", "children").errors == {"children": "not_whole"}


def test_missing_facts_are_asked_one_by_one_in_order():
    assert missing_facts({}) == ["calculator"]
    assert missing_facts({"calculator": "dagpenge"}) == ["insurance", "monthly_income"]
    assert missing_facts({"calculator": "dagpenge", "graduate": True}) == ["insurance"]
    assert missing_facts({"calculator": "kontanthjaelp", "age": 27, "children": 2}) == [
        "civil_status"
    ]
    assert missing_facts({"calculator": "work_more_hours", "benefit": "dagpenge"}) == [
        "hourly_wage",
        "insurance",
        "monthly_income",
    ]
    assert missing_facts({"calculator": "loentilskud", "employer_type": "public"}) == [
        "hours_per_week",
        "weeks",
        "employees",
    ]
    assert (
        missing_facts({"calculator": "sygedagpenge", "hourly_wage": "150", "hours_per_week": "37"})
        == []
    )


def test_merge_keeps_old_facts_and_takes_new_ones():
    old = {"calculator": "dagpenge", "insurance": "full_time", "monthly_income": "25000"}
    assert merge_facts(old, {"insurance": "part_time"}) == {**old, "insurance": "part_time"}
    assert set(FACTS) >= set(old)


@pytest.mark.parametrize(
    "text", ["how much will I get", "how much money will the a-kasse pay me each month"]
)
def test_will_is_not_ill(text: str) -> None:
    """ "will" does not name sygedagpenge (the English "ill" is a whole word)."""
    assert extract_facts(text).facts.get("calculator") != "sygedagpenge"


def test_ill_names_sygedagpenge() -> None:
    assert extract_facts("I'm ill, how much do I get").facts.get("calculator") == "sygedagpenge"
