"""Admin forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField
from wtforms.validators import DataRequired, Email

from portal.auth.forms import strip_text


class AssignCitizenForm(FlaskForm):
    """Assign a citizen to a caseworker and/or a team (choices are filled by the view)."""

    citizen_email = EmailField(
        _l("Borgerens e-mail"),
        filters=[strip_text],
        validators=[
            DataRequired(_l("Skriv borgerens e-mail.")),
            Email(_l("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")),
        ],
    )
    caseworker_id = SelectField(_l("Sagsbehandler"), choices=[], default="")
    team = SelectField(_l("Team"), choices=[], default="")
