"""Redaction of Danish CPR numbers in text the assistant sends to the portal.

Same rule as the portal (portal/domain/cpr.py; the bot has its own venv and cannot
import the portal): ten digits ``ddmmyy`` + ``xxxx``, written together, with a dash
(any Unicode dash) or with blanks between the parts; the first six digits must be a
plausible date (day that exists in month 01-12; 29 February always allowed). Not part
of a longer digit run. Digits of other scripts (Arabic-Indic, Persian, full-width)
count as digits. No modulus-11 check (not valid for numbers issued since 2007).

The portal redacts again when it stores anything; redacting here as well means a CPR
number never even leaves the action server.
"""

from __future__ import annotations

import re
import unicodedata

REDACTION = "[CPR fjernet]"

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_BLANKS = " \t\u00a0\u202f"
_SEPARATOR = rf"(?:[{_BLANKS}]*[{_DASHES}][{_BLANKS}]*|[{_BLANKS}]+)?"
_CANDIDATE = re.compile(rf"(?<!\d)(\d{{2}})(\d{{2}})(\d{{2}}){_SEPARATOR}(\d{{4}})(?!\d)")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _number(digits: str) -> int:
    return int("".join(str(unicodedata.decimal(ch)) for ch in digits))


def is_plausible_birth_date(day: int, month: int) -> bool:
    """True when day and month could be the date part of a CPR number."""
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def _is_cpr(match: re.Match[str]) -> bool:
    return is_plausible_birth_date(_number(match.group(1)), _number(match.group(2)))


def redact_cpr(text: str, replacement: str = REDACTION) -> str:
    """Return ``text`` with every CPR number replaced by ``replacement``."""
    return _CANDIDATE.sub(lambda m: replacement if _is_cpr(m) else m.group(0), text)


def contains_cpr(text: str) -> bool:
    """True when ``text`` contains something ``redact_cpr`` would remove."""
    return any(_is_cpr(m) for m in _CANDIDATE.finditer(text))
