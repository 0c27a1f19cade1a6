"""Forms of the caseworker queue."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class ReplyForm(FlaskForm):
    """A caseworker's answer to the person who asked."""

    body = TextAreaField(
        _l("Dit svar"),
        validators=[DataRequired(message=_l("Skriv et svar.")), Length(max=5000)],
    )


class ActionForm(FlaskForm):
    """Claim / release / close: a button with CSRF protection only."""
