"""Forms of the caseworker queue."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from portal.forms import JobvejForm


class ReplyForm(JobvejForm):
    """A caseworker's answer to the person who asked."""

    body = TextAreaField(
        _l("Dit svar"),
        validators=[DataRequired(message=_l("Skriv et svar.")), Length(max=5000)],
    )


class ActionForm(JobvejForm):
    """Claim / release / close: a button with CSRF protection only."""
