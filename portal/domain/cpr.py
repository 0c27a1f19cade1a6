"""Removing Danish CPR numbers from free text before it is stored, logged or forwarded.

Decision (documented in the issue): a CPR number is ten digits, ``ddmmyy`` followed by
four digits, written with nothing, a dash (any Unicode dash) or whitespace between the
two parts. The date part may also be written as a date, ``dd.mm.yy``, ``dd-mm-yy`` or
``dd/mm/yy`` (the same separator twice), as people copy it from letters:
``01.01.90-1234`` and ``01-01-90-1234`` are redacted like ``010190-1234``. Danish
telephone numbers have eight digits, so they never match. To leave other ten-digit
numbers alone, the first six digits must form a plausible date:
day 01-31 that exists in that month (29 February is always allowed, because the
century is unknown) and month 01-12. The modulus-11 check is deliberately NOT used:
CPR numbers issued since 2007 need not satisfy it. Digits in other scripts
(Arabic-Indic ``٠١٢``, Persian ``۰۱۲``, full-width ``０１２``) are treated like ASCII
digits, because users of the Arabic and Persian keyboards type them.

The pattern must not be part of a longer run of digits (``12345678901234`` is left
alone), but letters may touch it (``cpr:0101901234`` is redacted). Over-redaction of a
date-like ten-digit number (for example a bank account number) is accepted: it is the
safe side.
"""

from __future__ import annotations

import re
import unicodedata

REDACTION = "[CPR fjernet]"

# \d is Unicode-aware for str patterns: it matches every decimal digit (category Nd).
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_SEPARATOR = rf"(?:[ \t\u00a0\u202f]*[{_DASHES}][ \t\u00a0\u202f]*|[ \t\u00a0\u202f]+)?"
_DATE_SEPARATOR = rf"[./{_DASHES}]"
_CANDIDATE = re.compile(
    rf"(?<!\d)(?P<day>\d{{2}})"
    rf"(?:(?P<sep>{_DATE_SEPARATOR})(?P<month>\d{{2}})(?P=sep)\d{{2}}|(?P<month_plain>\d{{2}})\d{{2}})"
    rf"{_SEPARATOR}\d{{4}}(?!\d)"
)

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _number(digits: str) -> int:
    """Value of a run of decimal digits in any script."""
    return int("".join(str(unicodedata.decimal(ch)) for ch in digits))


def is_plausible_birth_date(day: int, month: int) -> bool:
    """True when day and month could be the date part of a CPR number (year not checked)."""
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def find_cpr_numbers(text: str) -> list[str]:
    """Every substring of `text` that would be redacted as a CPR number, in order."""
    return [m.group(0) for m in _CANDIDATE.finditer(text) if _is_cpr(m)]


def _is_cpr(match: re.Match[str]) -> bool:
    month = match.group("month") or match.group("month_plain")
    return is_plausible_birth_date(_number(match.group("day")), _number(month))


def redact_cpr(text: str, replacement: str = REDACTION) -> str:
    """Return `text` with every CPR number replaced by `replacement`."""

    def substitute(match: re.Match[str]) -> str:
        return replacement if _is_cpr(match) else match.group(0)

    return _CANDIDATE.sub(substitute, text)


def contains_cpr(text: str) -> bool:
    """True when `text` contains something redact_cpr would remove."""
    return any(_is_cpr(m) for m in _CANDIDATE.finditer(text))
