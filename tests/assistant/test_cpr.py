"""CPR numbers are removed in every common spelling; other numbers are left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.cpr import REDACTION, contains_cpr, find_cpr_numbers, redact_cpr


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "010190  1234",
        "010190 - 1234",
        "010190\u20131234",  # en dash
        "010190\u00a01234",  # no-break space
        "311299-9999",
        "290200-1234",  # 29 February: allowed, the century is unknown
        "٠١٠١٩٠-١٢٣٤",  # Arabic-Indic digits
        "۰۱۰۱۹۰۱۲۳۴",  # Persian digits
        "０１０１９０－１２３４",  # full-width digits and dash
        "01.01.90-1234",  # the date part written as a date
        "01-01-90-1234",
        "01/01/90-1234",
        "01.01.90 1234",
        "01.01.901234",
        "31.12.99–1234",
    ],
)
def test_cpr_forms_are_redacted(text: str) -> None:
    assert redact_cpr(text) == REDACTION
    assert contains_cpr(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mit cpr er 010190-1234 tak", f"mit cpr er {REDACTION} tak"),
        ("cpr:0101901234.", f"cpr:{REDACTION}."),
        ("رقمي 150385-4321 شكرا", f"رقمي {REDACTION} شكرا"),
        ("to: 010190-1234 og 020290 5678", f"to: {REDACTION} og {REDACTION}"),
        ("(010190-1234)", f"({REDACTION})"),
    ],
)
def test_cpr_inside_text(text: str, expected: str) -> None:
    assert redact_cpr(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12345678",  # Danish phone number: 8 digits
        "12 34 56 78",
        "+45 12345678",
        "+4512345678",  # 10 digits but 45 is not a day
        "3201901234",  # day 32
        "0013901234",  # month 00
        "0113901234",  # month 13
        "3102901234",  # 31 February
        "3104901234",  # 31 April
        "000190-1234",  # day 00
        "123456789012",  # 12 digits: part of a longer number
        "01019012345",  # 11 digits
        "24-11-2026",  # a date
        "kl. 10:30, 1.234.567 kr.",
        "010190-123",  # too short
        "Reg. 1234 konto 12345678",
        "+45 12 34 56 78",  # phone numbers in groups
        "+45 1234 5678",
        "Jeg får 15.234,50 kr. om måneden",  # amounts
        "1.234.567,89 kr",
        "10.000.000-1234",
        "mødet 01.01.2026 kl. 1000",  # a date with a four-digit year, then a time
        "01.01.2026 1234",
        "01.13.90-1234",  # month 13 in the dotted form
        "32.01.90-1234",
        "01.01-90-1234",  # mixed separators are not a date
        "konto 1234-5678901234",
    ],
)
def test_non_cpr_numbers_are_left_alone(text: str) -> None:
    assert redact_cpr(text) == text
    assert not contains_cpr(text)
    assert find_cpr_numbers(text) == []


def test_find_reports_each_number() -> None:
    assert find_cpr_numbers("a 010190-1234 b 0202901234") == ["010190-1234", "0202901234"]


def test_custom_replacement() -> None:
    assert redact_cpr("010190-1234", "[x]") == "[x]"


@st.composite
def cpr_numbers(draw: st.DrawFn) -> str:
    month = draw(st.integers(1, 12))
    days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    day = draw(st.integers(1, days))
    year = draw(st.integers(0, 99))
    serial = draw(st.integers(0, 9999))
    sep = draw(st.sampled_from(["", "-", " ", " - "]))
    return f"{day:02d}{month:02d}{year:02d}{sep}{serial:04d}"


@given(
    prefix=st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=20),
    cpr=cpr_numbers(),
    suffix=st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=20),
)
def test_any_valid_cpr_anywhere_is_removed(prefix: str, cpr: str, suffix: str) -> None:
    redacted = redact_cpr(prefix + cpr + suffix)
    assert cpr not in redacted
    assert REDACTION in redacted
    assert not contains_cpr(redacted)


@given(st.integers(10_000_000, 99_999_999))
def test_eight_digit_phone_numbers_never_change(number: int) -> None:
    for text in (str(number), f"+45 {number}", f"tlf. {number}"):
        assert redact_cpr(text) == text


@given(st.text(max_size=200))
def test_redaction_is_idempotent(text: str) -> None:
    once = redact_cpr(text)
    assert redact_cpr(once) == once
