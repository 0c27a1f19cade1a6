"""Admin forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField
from wtforms.validators import DataRequired, Email

from portal.auth.forms import strip_text
from portal.forms import JobvejForm


class AssignCitizenForm(JobvejForm):
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

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        either = _l("Vælg en sagsbehandler, et team eller begge.")
        self.caseworker_id.flags.conditional = either
        self.team.flags.conditional = either
