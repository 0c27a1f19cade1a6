"""Admin forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, Length

from portal.auth.forms import confirm_new_password_field, new_password_field, strip_text
from portal.domain.languages import LANGUAGE_CODES
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


class TeamForm(JobvejForm):
    """A new team: its display name in Danish (required) and, optionally, the other languages."""

    name_da = StringField(
        _l("Navn på dansk"),
        filters=[strip_text],
        validators=[DataRequired(_l("Skriv teamets navn på dansk.")), Length(max=120)],
    )
    name_en = StringField(_l("Navn på engelsk"), filters=[strip_text], validators=[Length(max=120)])
    name_ar = StringField(_l("Navn på arabisk"), filters=[strip_text], validators=[Length(max=120)])
    name_uk = StringField(
        _l("Navn på ukrainsk"), filters=[strip_text], validators=[Length(max=120)]
    )
    name_fa = StringField(_l("Navn på persisk"), filters=[strip_text], validators=[Length(max=120)])
    name_so = StringField(_l("Navn på somali"), filters=[strip_text], validators=[Length(max=120)])
    name_ti = StringField(
        _l("Navn på tigrinya"), filters=[strip_text], validators=[Length(max=120)]
    )

    def names(self) -> dict[str, str]:
        return {code: getattr(self, f"name_{code}").data or "" for code in LANGUAGE_CODES}


class TeamMemberForm(JobvejForm):
    """Put a caseworker on the team (choices are filled by the view)."""

    caseworker_id = SelectField(
        _l("Sagsbehandler"), choices=[], validators=[DataRequired(_l("Vælg en sagsbehandler."))]
    )


class AutoAssignForm(JobvejForm):
    """Switch the team's automatic assignment (round robin) on or off."""

    auto_assign = RadioField(
        _l("Automatisk fordeling"),
        choices=[("on", _l("Til")), ("off", _l("Fra"))],
        validators=[DataRequired(_l("Vælg til eller fra."))],
    )


class StaffForm(JobvejForm):
    """A new caseworker or admin account (team choices are filled by the view)."""

    display_name = StringField(
        _l("Navn"),
        filters=[strip_text],
        validators=[DataRequired(_l("Skriv medarbejderens navn.")), Length(max=120)],
    )
    email = EmailField(
        _l("E-mail"),
        filters=[strip_text],
        validators=[
            DataRequired(_l("Skriv medarbejderens e-mail.")),
            Email(_l("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")),
        ],
    )
    role = RadioField(
        _l("Rolle"),
        choices=[("caseworker", _l("Sagsbehandler")), ("admin", _l("Administrator"))],
        default="caseworker",
    )
    team = SelectField(_l("Team"), choices=[], default="")
    method = RadioField(
        _l("Sådan får medarbejderen adgang"),
        choices=[
            ("invitation", _l("Et engangslink, der udløber efter 7 dage")),
            (
                "temporary_password",
                _l("En midlertidig adgangskode, der skal skiftes ved første login"),
            ),
        ],
        default="invitation",
    )


class WaitingAssignForm(JobvejForm):
    """Assign the ticked waiting citizens to a caseworker or a team (choices by the view)."""

    citizen_ids = SelectMultipleField(_l("Borgere"), choices=[], coerce=int)
    target = SelectField(
        _l("Tildel til"),
        choices=[],
        validators=[DataRequired(_l("Vælg en sagsbehandler eller et team."))],
    )

    def validate_citizen_ids(self, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError(_l("Vælg mindst én borger."))


class InvitationForm(JobvejForm):
    """Choose the password of a new staff account from an invitation link."""

    new_password = new_password_field()
    confirm = confirm_new_password_field()
