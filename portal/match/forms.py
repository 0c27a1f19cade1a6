"""Forms of digital match. Choice labels are the translated names of the domain's codes."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.domain.match import AVAILABILITY, HOURS, JOB_TYPES, REGIONS, REQUEST_KINDS, is_valid_cvr
from portal.forms import JobvejForm

REQUIRED = _l("Udfyld feltet.")

JOB_TYPE_NAMES = {
    "warehouse": _l("Lager og logistik"),
    "cleaning": _l("Rengøring"),
    "care": _l("Pleje og omsorg"),
    "kitchen": _l("Køkken og restaurant"),
    "retail": _l("Butik og salg"),
    "construction": _l("Byggeri og håndværk"),
    "transport": _l("Transport og chauffør"),
    "office": _l("Kontor og administration"),
    "it": _l("IT"),
    "production": _l("Produktion og industri"),
    "agriculture": _l("Landbrug og gartneri"),
    "other": _l("Andet"),
}
HOURS_NAMES = {
    "full_time": _l("Fuld tid"),
    "part_time": _l("Deltid"),
    "flexible": _l("Skiftende tider"),
    "few_hours": _l("Få timer om ugen"),
}
REGION_NAMES = {
    "hovedstaden": _l("Region Hovedstaden"),
    "sjaelland": _l("Region Sjælland"),
    "syddanmark": _l("Region Syddanmark"),
    "midtjylland": _l("Region Midtjylland"),
    "nordjylland": _l("Region Nordjylland"),
}
AVAILABILITY_NAMES = {
    "now": _l("Kan starte nu"),
    "within_month": _l("Kan starte inden for en måned"),
    "later": _l("Kan starte senere"),
}
KIND_NAMES = {
    "internship": _l("Virksomhedspraktik"),
    "wage_subsidy": _l("Løntilskud"),
    "ordinary_job": _l("Ordinært job"),
    "flex_job": _l("Fleksjob"),
}
STATUS_NAMES = {
    "pending": _l("Venter på svar"),
    "accepted": _l("Accepteret"),
    "declined": _l("Afslået"),
}


def _choices(codes: tuple[str, ...], names: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(code, names[code]) for code in codes]


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ProfileForm(JobvejForm):
    """What goes in the anonymous profile: journal lines and wishes."""

    chosen = MultiCheckboxField(_l("Det fra din journal, der skal med"), coerce=int, choices=[])
    show_organisation = MultiCheckboxField(
        _l("Vis navnet på arbejdsplads eller skole ved"), coerce=int, choices=[]
    )
    job_types = MultiCheckboxField(
        _l("Hvilke slags job søger du?"),
        choices=_choices(JOB_TYPES, JOB_TYPE_NAMES),
        validators=[DataRequired(message=_l("Vælg mindst én slags job."))],
    )
    hours = MultiCheckboxField(
        _l("Hvor mange timer vil du arbejde?"),
        choices=_choices(HOURS, HOURS_NAMES),
        validators=[DataRequired(message=_l("Vælg mindst én mulighed."))],
    )
    region = SelectField(
        _l("Hvor vil du arbejde?"),
        choices=[("", _l("Vælg region")), *_choices(REGIONS, REGION_NAMES)],
        validators=[DataRequired(message=_l("Vælg en region."))],
    )
    availability = RadioField(
        _l("Hvornår kan du starte?"),
        choices=_choices(AVAILABILITY, AVAILABILITY_NAMES),
        validators=[DataRequired(message=_l("Vælg, hvornår du kan starte."))],
    )
    start = StringField(_l("Tidligste startdato"), validators=[Optional(), Length(max=100)])
    about = TextAreaField(
        _l("Kort om dig som medarbejder"), validators=[Optional(), Length(max=1000)]
    )


class EmptyForm(JobvejForm):
    """A button that only needs the CSRF token (publish, pause, delete)."""


class VerificationForm(JobvejForm):
    company = StringField(
        _l("Virksomhedens navn"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    cvr = StringField(_l("CVR-nummer"), validators=[DataRequired(message=REQUIRED)])

    def validate_cvr(self, field: StringField) -> None:
        if not is_valid_cvr(field.data or ""):
            raise ValidationError(_l("Det er ikke et gyldigt CVR-nummer. Tjek de 8 cifre."))


class SearchForm(JobvejForm):
    """GET form: every field optional."""

    class Meta:
        csrf = False

    skill = StringField(_l("Kompetence eller erfaring"), validators=[Optional(), Length(max=100)])
    job_type = SelectField(
        _l("Slags job"),
        default="",
        choices=[("", _l("Alle")), *_choices(JOB_TYPES, JOB_TYPE_NAMES)],
    )
    region = SelectField(
        _l("Region"), default="", choices=[("", _l("Alle")), *_choices(REGIONS, REGION_NAMES)]
    )
    language = StringField(_l("Sprog"), validators=[Optional(), Length(max=60)])
    hours = SelectField(
        _l("Arbejdstid"), default="", choices=[("", _l("Alle")), *_choices(HOURS, HOURS_NAMES)]
    )


class ContactRequestForm(JobvejForm):
    kind = RadioField(
        _l("Hvad handler det om?"),
        choices=_choices(REQUEST_KINDS, KIND_NAMES),
        validators=[DataRequired(message=_l("Vælg, hvad det handler om."))],
    )
    job_title = StringField(
        _l("Stilling"), validators=[DataRequired(message=REQUIRED), Length(max=200)]
    )
    message = TextAreaField(
        _l("Besked til borgeren"),
        validators=[DataRequired(message=REQUIRED), Length(max=2000)],
    )


class AnswerForm(JobvejForm):
    name = StringField(_l("Dit navn, som arbejdsgiveren må se"), validators=[Length(max=120)])
    contact = StringField(
        _l("Telefon eller e-mail, som arbejdsgiveren må se"),
        validators=[Optional(), Length(max=200)],
    )


class MessageForm(JobvejForm):
    body = TextAreaField(
        _l("Ny besked"), validators=[DataRequired(message=REQUIRED), Length(max=4000)]
    )


class ReportForm(JobvejForm):
    reason = TextAreaField(
        _l("Hvad er der galt med anmodningen?"),
        validators=[DataRequired(message=REQUIRED), Length(max=1000)],
    )


class DecisionForm(JobvejForm):
    decision = RadioField(
        _l("Afgørelse"),
        choices=[("approve", _l("Godkend")), ("reject", _l("Afvis"))],
        validators=[DataRequired(message=_l("Vælg godkend eller afvis."))],
    )
