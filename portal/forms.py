"""The base class of every portal form: WTForms' built-in messages in the page's language.

WTForms writes its own messages in English ("This field is required.", "Not a valid choice.")
and ships no Danish, Somali or Tigrinya catalog. Our forms give their own message on most
validators, but a built-in one still shows whenever a validator or a field type is used without
one. `JobvejForm` routes every built-in message through our own Babel catalogs instead: each
English WTForms text is mapped to a Danish msgid below (marked for extraction), and gettext
translates that for the reader. A test checks that every message in WTForms' own catalog is
mapped, so an upgrade that adds one fails loudly instead of showing English.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_translations
from flask_wtf import FlaskForm

from portal.domain.texts import N_

# WTForms' msgid (English) -> our Danish msgid. Placeholders keep WTForms' names.
BUILTIN_MESSAGES: dict[str, str] = {
    "Invalid field name '%s'.": N_("Ugyldigt felt."),
    "Field must be equal to %(other_name)s.": N_("Feltet skal være det samme som %(other_name)s."),
    "Field must be between %(min)d and %(max)d characters long.": N_(
        "Skriv mellem %(min)d og %(max)d tegn."
    ),
    "Number must be at least %(min)s.": N_("Tallet skal være mindst %(min)s."),
    "Number must be at most %(max)s.": N_("Tallet må højst være %(max)s."),
    "Number must be between %(min)s and %(max)s.": N_("Skriv et tal fra %(min)s til %(max)s."),
    "Date must be at least %(min)s.": N_("Datoen skal være %(min)s eller senere."),
    "Date must be at most %(max)s.": N_("Datoen skal være %(max)s eller tidligere."),
    "Date must be between %(min)s and %(max)s.": N_("Datoen skal ligge mellem %(min)s og %(max)s."),
    "This field is required.": N_("Udfyld feltet."),
    "Invalid input.": N_("Tjek det, du har skrevet."),
    "Invalid email address.": N_("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."),
    "Invalid IP address.": N_("Skriv en gyldig IP-adresse."),
    "Invalid Mac address.": N_("Skriv en gyldig MAC-adresse."),
    "Invalid URL.": N_("Skriv en hel webadresse, der begynder med https://"),
    "Invalid UUID.": N_("Tjek det, du har skrevet."),
    "Invalid value, must be one of: %(values)s.": N_("Vælg en af mulighederne: %(values)s."),
    "Invalid value, can't be any of: %(values)s.": N_("Værdien må ikke være: %(values)s."),
    "This field cannot be edited.": N_("Feltet kan ikke ændres."),
    "This field is disabled and cannot have a value.": N_("Feltet kan ikke ændres."),
    "Invalid CSRF Token.": N_("Siden var udløbet. Prøv igen – det du skrev er bevaret."),
    "CSRF token missing.": N_("Siden var udløbet. Prøv igen – det du skrev er bevaret."),
    "CSRF failed.": N_("Siden var udløbet. Prøv igen – det du skrev er bevaret."),
    "CSRF token expired.": N_("Siden var udløbet. Prøv igen – det du skrev er bevaret."),
    "Invalid Choice: could not coerce.": N_("Vælg en af mulighederne."),
    "Choices cannot be None.": N_("Vælg en af mulighederne."),
    "Not a valid choice.": N_("Vælg en af mulighederne."),
    "Invalid choice(s): one or more data inputs could not be coerced.": N_(
        "Vælg en af mulighederne."
    ),
    "Not a valid datetime value.": N_("Skriv dato og klokkeslæt som ÅÅÅÅ-MM-DD TT:MM."),
    "Not a valid date value.": N_("Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24."),
    "Not a valid time value.": N_("Skriv klokkeslættet som TT:MM."),
    "Not a valid week value.": N_("Skriv ugen som ÅÅÅÅ-Wuu, fx 2026-W48."),
    "Not a valid integer value.": N_("Skriv et helt tal med cifre, fx 12."),
    "Not a valid decimal value.": N_("Skriv et tal med cifre, fx 12,5."),
    "Not a valid float value.": N_("Skriv et tal med cifre, fx 12,5."),
}

# Plural messages, by WTForms' singular msgid. Our Danish wording needs no plural forms.
BUILTIN_PLURALS: dict[str, str] = {
    "Field must be at least %(min)d character long.": N_("Skriv mindst %(min)d tegn."),
    "Field cannot be longer than %(max)d character.": N_("Skriv højst %(max)d tegn."),
    "Field must be exactly %(max)d character long.": N_("Skriv præcis %(max)d tegn."),
    "'%(value)s' is not a valid choice for this field.": N_("Vælg blandt mulighederne."),
}

# A message nobody mapped yet (a newer WTForms): still in the reader's language.
FALLBACK_MESSAGE = N_("Tjek det, du har skrevet.")


class CatalogTranslations:
    """The `gettext`/`ngettext` pair WTForms asks for, answered from our Babel catalogs."""

    def gettext(self, string: str) -> str:
        msgid = BUILTIN_MESSAGES.get(string) or BUILTIN_PLURALS.get(string)
        # WTForms fills the `%(...)s` placeholders itself: translate without formatting.
        return str(get_translations().ugettext(msgid or FALLBACK_MESSAGE))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular)


TRANSLATIONS = CatalogTranslations()


class JobvejForm(FlaskForm):
    """Base class for the portal's forms (CSRF from Flask-WTF, messages from our catalogs)."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> CatalogTranslations:
            return TRANSLATIONS
