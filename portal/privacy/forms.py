"""The account deletion form: a clear confirmation with the password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired

from portal.forms import JobvejForm


class DeleteAccountForm(JobvejForm):
    understood = BooleanField(
        _l("Jeg forstår, at alle mine oplysninger slettes for altid"),
        validators=[DataRequired(_l("Sæt kryds for at bekræfte, at du vil slette alt."))],
    )
    password = PasswordField(
        _l("Skriv din adgangskode for at bekræfte"),
        validators=[DataRequired(_l("Skriv din adgangskode."))],
    )
