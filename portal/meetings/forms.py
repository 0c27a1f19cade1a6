"""Forms for meetings: the citizen's request to move one, the caseworker's booking."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from portal.domain.journal import TEXT_LANGUAGES
from portal.domain.meetings import CANCEL_REASONS, STAFF_CANCEL_REASONS
from portal.domain.slots import SLOT_MINUTES
from portal.forms import JobvejForm

CHANNEL_NAMES = {
    "in_person": _l("Fremmøde"),
    "phone": _l("Telefon"),
    "video": _l("Video"),
}
KIND_NAMES = {"first": _l("Første samtale"), "follow_up": _l("Opfølgende samtale")}


def text_language_field() -> SelectField:
    """A select for the language a text is written in."""
    return SelectField(
        _l("Sproget teksten er skrevet på"),
        choices=[(c, n if c != "und" else _l("Andet sprog")) for c, n in TEXT_LANGUAGES.items()],
    )


class RescheduleForm(JobvejForm):
    reason = TextAreaField(
        _l("Hvorfor vil du flytte samtalen?"),
        validators=[
            DataRequired(_l("Skriv hvorfor du vil flytte samtalen.")),
            Length(max=2000, message=_l("Skriv højst %(max)d tegn.", max=2000)),
        ],
    )
    language = text_language_field()


class BookMeetingForm(JobvejForm):
    day = DateField(
        _l("Dato"),
        validators=[InputRequired(_l("Skriv datoen som ÅÅÅÅ-MM-DD."))],
        render_kw={"type": "date"},
    )
    clock = TimeField(
        _l("Klokkeslæt"),
        validators=[InputRequired(_l("Skriv klokkeslættet som TT:MM."))],
        render_kw={"type": "time"},
    )
    duration = IntegerField(
        _l("Varighed i minutter"),
        default=60,
        validators=[
            InputRequired(_l("Skriv varigheden i minutter.")),
            NumberRange(min=10, max=480, message=_l("Varigheden skal være 10-480 minutter.")),
        ],
    )
    channel = SelectField(_l("Sådan foregår samtalen"), choices=list(CHANNEL_NAMES.items()))
    place = StringField(
        _l("Sted, telefonnummer eller videolink"),
        validators=[DataRequired(_l("Skriv hvor samtalen er.")), Length(max=300)],
    )
    kind = SelectField(_l("Slags samtale"), choices=list(KIND_NAMES.items()))


class AcceptRescheduleForm(JobvejForm):
    day = DateField(
        _l("Ny dato"),
        validators=[InputRequired(_l("Skriv datoen som ÅÅÅÅ-MM-DD."))],
        render_kw={"type": "date"},
    )
    clock = TimeField(
        _l("Nyt klokkeslæt"),
        validators=[InputRequired(_l("Skriv klokkeslættet som TT:MM."))],
        render_kw={"type": "time"},
    )


class BookSlotForm(JobvejForm):
    """The citizen picks one open slot (choices are set from the open slots)."""

    slot = RadioField(
        _l("Vælg en tid"),
        choices=[],
        validators=[InputRequired(_l("Vælg en tid."))],
        validate_choice=False,
    )


class CallMeForm(JobvejForm):
    phone = StringField(
        _l("Dit telefonnummer"),
        validators=[
            DataRequired(_l("Skriv dit telefonnummer.")),
            Length(max=40, message=_l("Skriv højst %(max)d tegn.", max=40)),
        ],
        render_kw={"autocomplete": "tel", "type": "tel"},
    )
    best_time = StringField(
        _l("Hvornår passer det dig bedst, at vi ringer?"),
        validators=[Length(max=200, message=_l("Skriv højst %(max)d tegn.", max=200))],
    )
    language = text_language_field()


WEEKDAY_NAMES = {
    0: _l("mandag"),
    1: _l("tirsdag"),
    2: _l("onsdag"),
    3: _l("torsdag"),
    4: _l("fredag"),
    5: _l("lørdag"),
    6: _l("søndag"),
}


class OpeningForm(JobvejForm):
    """A caseworker's weekly opening for first meetings."""

    weekday = SelectField(
        _l("Ugedag"), choices=[(str(k), v) for k, v in WEEKDAY_NAMES.items()], default="0"
    )
    start = TimeField(
        _l("Fra klokken"),
        validators=[InputRequired(_l("Skriv klokkeslættet som TT:MM."))],
        render_kw={"type": "time"},
    )
    end = TimeField(
        _l("Til klokken"),
        validators=[InputRequired(_l("Skriv klokkeslættet som TT:MM."))],
        render_kw={"type": "time"},
    )
    slot_minutes = SelectField(
        _l("Længde på hver samtale"),
        choices=[(str(m), _l("%(minutes)d minutter", minutes=m)) for m in SLOT_MINUTES],
        default="60",
    )
    channel = SelectField(_l("Sådan foregår samtalen"), choices=list(CHANNEL_NAMES.items()))
    place = StringField(
        _l("Sted, telefonnummer eller videolink"),
        validators=[DataRequired(_l("Skriv hvor samtalen er.")), Length(max=300)],
    )


class DayOffForm(JobvejForm):
    day = DateField(
        _l("Dato"),
        validators=[InputRequired(_l("Skriv datoen som ÅÅÅÅ-MM-DD."))],
        render_kw={"type": "date"},
    )
    note = StringField(
        _l("Bemærkning (kun for dig)"),
        validators=[Length(max=200, message=_l("Skriv højst %(max)d tegn.", max=200))],
    )


class StaffCancelForm(JobvejForm):
    """A caseworker cancels a meeting: a reason the citizen reads in their own language,
    and an optional note in the caseworker's words."""

    reason = RadioField(
        _l("Hvorfor aflyses samtalen?"),
        choices=[(code, _l(CANCEL_REASONS[code])) for code in STAFF_CANCEL_REASONS],
        validators=[InputRequired(_l("Vælg hvorfor samtalen aflyses."))],
    )
    note = TextAreaField(
        _l("Besked til borgeren"),
        validators=[Length(max=1000, message=_l("Skriv højst %(max)d tegn.", max=1000))],
    )
    language = text_language_field()
