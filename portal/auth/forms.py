"""Login, registration and account forms (labels are Danish msgids, translated by Babel)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from portal.auth.service import MIN_PASSWORD_LENGTH
from portal.domain.languages import LANGUAGES
from portal.forms import JobvejForm


def strip_text(value: str | None) -> str | None:
    """Trim spaces people paste around e-mail addresses and names."""
    return value.strip() if isinstance(value, str) else value


class LoginForm(JobvejForm):
    email = EmailField(
        _l("E-mail"), filters=[strip_text], validators=[DataRequired(_l("Skriv din e-mail."))]
    )
    password = PasswordField(
        _l("Adgangskode"), validators=[DataRequired(_l("Skriv din adgangskode."))]
    )


class RegisterForm(JobvejForm):
    role = RadioField(
        _l("Jeg er"),
        choices=[("citizen", _l("Borger")), ("employer", _l("Arbejdsgiver"))],
        default="citizen",
        validators=[DataRequired(_l("Vælg om du er borger eller arbejdsgiver."))],
    )
    display_name = StringField(
        _l("Dit navn"),
        filters=[strip_text],
        validators=[DataRequired(_l("Skriv dit navn.")), Length(max=120)],
    )
    organisation = StringField(
        _l("Virksomhedens navn"),
        filters=[strip_text],
        validators=[Optional(), Length(max=200)],
    )
    email = EmailField(
        _l("E-mail"),
        filters=[strip_text],
        validators=[
            DataRequired(_l("Skriv din e-mail.")),
            Email(_l("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")),
            Length(max=254),
        ],
    )
    password = PasswordField(
        _l("Adgangskode"),
        validators=[
            DataRequired(_l("Vælg en adgangskode.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l("Adgangskoden skal være mindst %(min)d tegn.", min=MIN_PASSWORD_LENGTH),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Gentag adgangskode"),
        validators=[
            DataRequired(_l("Skriv adgangskoden en gang til.")),
            EqualTo("password", _l("De to adgangskoder er ikke ens.")),
        ],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Required for employers only: said next to the field, checked in validate().
        self.organisation.flags.conditional = _l("Skal udfyldes, hvis du er arbejdsgiver.")

    def validate(self, extra_validators=None):  # type: ignore[no-untyped-def]
        ok = super().validate(extra_validators)
        if self.role.data == "employer" and not (self.organisation.data or "").strip():
            self.organisation.errors = [_l("Skriv virksomhedens navn.")]
            return False
        return ok


def new_password_field() -> UnboundField:
    """A new password of at least MIN_PASSWORD_LENGTH characters (change, invitation)."""
    return PasswordField(
        _l("Ny adgangskode"),
        validators=[
            DataRequired(_l("Vælg en ny adgangskode.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l("Adgangskoden skal være mindst %(min)d tegn.", min=MIN_PASSWORD_LENGTH),
            ),
        ],
    )


def confirm_new_password_field() -> UnboundField:
    """The new password once more; must equal the form's ``new_password``."""
    return PasswordField(
        _l("Gentag ny adgangskode"),
        validators=[
            DataRequired(_l("Skriv den nye adgangskode en gang til.")),
            EqualTo("new_password", _l("De to adgangskoder er ikke ens.")),
        ],
    )


class ChangePasswordForm(JobvejForm):
    current_password = PasswordField(
        _l("Nuværende adgangskode"),
        validators=[DataRequired(_l("Skriv din nuværende adgangskode."))],
    )
    new_password = new_password_field()
    confirm = confirm_new_password_field()


class LanguageForm(JobvejForm):
    language = SelectField(
        _l("Foretrukket sprog"),
        choices=[(code, lang.native_name) for code, lang in LANGUAGES.items()],
    )
