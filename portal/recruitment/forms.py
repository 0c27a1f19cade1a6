"""The employer's recruitment request form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from portal.forms import JobvejForm

REQUIRED = _l("Udfyld feltet.")


class RecruitmentForm(JobvejForm):
    """What the business service needs to start helping an employer recruit."""

    company = StringField(
        _l("Virksomhedens navn"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    cvr = StringField(
        _l("CVR-nummer"),
        validators=[
            Optional(),
            Regexp(r"^\s*\d{8}\s*$", message=_l("Et CVR-nummer har 8 cifre.")),
        ],
    )
    contact_name = StringField(
        _l("Kontaktperson"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    contact = StringField(
        _l("Telefon eller e-mail"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    job_title = StringField(
        _l("Hvilken stilling skal besættes?"),
        validators=[DataRequired(message=REQUIRED), Length(max=200)],
    )
    positions = IntegerField(
        _l("Antal stillinger"),
        default=1,
        validators=[
            DataRequired(message=_l("Skriv et antal fra 1 til 100.")),
            NumberRange(min=1, max=100, message=_l("Skriv et antal fra 1 til 100.")),
        ],
    )
    hours = IntegerField(
        _l("Timer pr. uge"),
        validators=[
            Optional(),
            NumberRange(min=1, max=48, message=_l("Skriv et antal timer fra 1 til 48.")),
        ],
    )
    start = StringField(_l("Ønsket start"), validators=[Optional(), Length(max=100)])
    description = TextAreaField(
        _l("Beskriv opgaverne og hvad I søger"),
        validators=[DataRequired(message=REQUIRED), Length(max=4000)],
    )
