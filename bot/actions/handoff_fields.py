"""The answers of the contact form, checked and cleaned (pure Python, no Rasa imports).

Used by ``validate_handoff_form`` (actions/handoff.py) and by the unit tests.
Words are compared after ``normalise_words``: lower case, punctuation and repeated
blanks removed, digits of any script turned into ASCII digits.
"""

from __future__ import annotations

import re
import unicodedata

from actions.cpr import redact_cpr

MAX_FIELD_LENGTH = 200  # the portal's limit for name, contact and preferred time

#: Typed answers that cancel the form at any question (the form prompts mention the
#: Danish/English "stop" and the word in the user's language). so/ti: drafts, to be
#: reviewed by a native speaker.
STOP_WORDS: frozenset[str] = frozenset(
    {
        # da
        "stop",
        "stopp",
        "annuller",
        "annullér",
        "afbryd",
        "fortryd",
        "glem det",
        "hold op",
        # en
        "cancel",
        "abort",
        "quit",
        "exit",
        "forget it",
        "never mind",
        "nevermind",
        # ar
        "توقف",
        "إلغاء",
        "الغاء",
        "ألغ",
        "الغ",
        "قف",
        # uk
        "стоп",
        "скасувати",
        "скасуй",
        "відміна",
        "зупинити",
        # fa
        "لغو",
        "توقف کن",
        "بس",
        # so
        "jooji",
        "ka noqo",
        "iska daa",
        # ti
        "ኣቋርጽ",
        "ደው በል",
        "ሕደጎ",
    }
)
#: "No" in every language: at the consent question it means "do not share the
#: conversation"; at the other questions it cancels the form.
NO_WORDS: frozenset[str] = frozenset(
    {
        "nej",
        "nej tak",
        "nix",
        "næ",
        "nae",
        "no",
        "no thanks",
        "no thank you",
        "nope",
        "nah",
        "لا",
        "لا شكرا",
        "ні",
        "ні дякую",
        "نه",
        "نه ممنون",
        "خیر",
        "maya",
        "maya mahadsanid",
        "ኣይፋል",
        "ኣይፋልን",
    }
)
YES_WORDS: frozenset[str] = frozenset(
    {
        "ja",
        "ja tak",
        "jo",
        "jep",
        "jeps",
        "ok",
        "okay",
        "gerne",
        "ja gerne",
        "yes",
        "yes please",
        "yeah",
        "yep",
        "y",
        "sure",
        "نعم",
        "أجل",
        "اجل",
        "ايوه",
        "أيوه",
        "نعم موافق",
        "موافق",
        "так",
        "звісно",
        "добре",
        "بله",
        "آره",
        "باشه",
        "بلی",
        "haa",
        "haye",
        "waan oggolahay",
        "እወ",
        "ሕራይ",
    }
)

_PUNCTUATION = re.compile(r"[\s\.,!?؟،;:\"'«»“”()\[\]]+")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./\-]+$")


def to_ascii_digits(text: str) -> str:
    """Replace digits of any script (Arabic-Indic, Persian, full-width) by 0-9."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def normalise_words(text: str) -> str:
    """Lower-case ``text`` and reduce punctuation and blanks to single spaces."""
    return _PUNCTUATION.sub(" ", to_ascii_digits(text).lower()).strip()


def is_stop(text: str) -> bool:
    """True when the answer asks to cancel the form."""
    return normalise_words(text) in STOP_WORDS


def is_no(text: str) -> bool:
    """True when the answer is a plain "no" (or the /deny button)."""
    return text.strip() == "/deny" or normalise_words(text) in NO_WORDS


def is_yes(text: str) -> bool:
    """True when the answer is a plain "yes" (or the /affirm button)."""
    return text.strip() == "/affirm" or normalise_words(text) in YES_WORDS


def clean_text(value: object) -> str | None:
    """A form answer as the portal will store it: stripped, CPR-redacted, at most
    ``MAX_FIELD_LENGTH`` characters; None for anything empty or not text."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or text.startswith("/"):
        return None  # empty, or a button payload such as /affirm
    return redact_cpr(text)[:MAX_FIELD_LENGTH]


def clean_contact(value: object) -> str | None:
    """A phone number or e-mail address, cleaned; None when it is neither.

    Phone: 8 digits (Danish numbers, blanks/dashes allowed, optional +45 or 0045) or an
    international number starting with + or 00 and 8-15 digits. E-mail: one ``@``, no
    blanks, a dot in the domain. Digits of other scripts are accepted.
    """
    text = clean_text(value)
    if text is None:
        return None
    text = to_ascii_digits(text).strip()
    if _EMAIL.match(text):
        return text
    if not _PHONE_CHARS.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    international = text.startswith("+") or digits.startswith("00")
    if international:
        digits = digits[2:] if digits.startswith("00") else digits
        if digits.startswith("45") and len(digits) == 10:
            return "+45 " + digits[2:]
        return "+" + digits if 8 <= len(digits) <= 15 else None
    return digits if len(digits) == 8 else None


def consent_answer(text: str, intent: str | None) -> bool | None:
    """True/False for a yes/no answer (typed, button or NLU intent); None if unclear."""
    if is_yes(text):
        return True
    if is_no(text):
        return False
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    return None
