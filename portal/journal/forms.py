"""The journal entry form: one form, the fields a section uses are shown and checked."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from portal.domain.journal import (
    ALL_FIELDS,
    APPLICATION_STATUSES,
    GOAL_AREAS,
    LANGUAGE_LEVELS,
    SECTION_FIELDS,
    SECTION_REQUIRED,
    TEXT_LANGUAGES,
    is_safe_link,
    missing_required,
)
from portal.forms import JobvejForm

SECTION_NAMES = {
    "experience": _l("Erhvervserfaring"),
    "education": _l("Uddannelse"),
    "skill": _l("Kompetencer"),
    "certificate": _l("Certifikater og kurser"),
    "language": _l("Sprog jeg taler"),
    "goal": _l("Mine mål"),
    "application": _l("Jobansøgninger"),
    "note": _l("Noter"),
}
SECTION_NEW = {
    "experience": _l("Tilføj erfaring"),
    "education": _l("Tilføj uddannelse"),
    "skill": _l("Tilføj kompetence"),
    "certificate": _l("Tilføj certifikat eller kursus"),
    "language": _l("Tilføj sprog"),
    "goal": _l("Tilføj mål"),
    "application": _l("Tilføj ansøgning"),
    "note": _l("Tilføj note"),
}
LEVEL_NAMES = {
    "native": _l("Modersmål"),
    "fluent": _l("Flydende"),
    "good": _l("Godt"),
    "some": _l("Lidt"),
    "beginner": _l("Begynder"),
}
GOAL_AREA_NAMES = {
    "job": _l("Job og uddannelse"),
    "health": _l("Helbred"),
    "daily": _l("Hverdagen"),
}
STATUS_NAMES = {
    "planned": _l("Vil søge"),
    "sent": _l("Sendt"),
    "interview": _l("Til samtale"),
    "offer": _l("Fået tilbud"),
    "rejected": _l("Afslag"),
}
# Field labels that depend on the section.
LABELS = {
    ("experience", "title"): _l("Stilling eller arbejdsopgave"),
    ("experience", "organisation"): _l("Arbejdsplads"),
    ("education", "title"): _l("Uddannelse"),
    ("education", "organisation"): _l("Skole eller uddannelsessted"),
    ("skill", "title"): _l("Kompetence"),
    ("certificate", "title"): _l("Certifikat eller kursus"),
    ("certificate", "organisation"): _l("Udstedt af"),
    ("certificate", "period"): _l("Hvornår"),
    ("language", "title"): _l("Sprog"),
    ("application", "organisation"): _l("Arbejdsgiver"),
    ("application", "title"): _l("Stilling"),
    ("note", "title"): _l("Overskrift"),
    ("goal", "body"): _l("Mit mål med mine egne ord"),
}
REQUIRED_MESSAGES = {
    "title": _l("Udfyld feltet."),
    "organisation": _l("Skriv navnet."),
    "level": _l("Vælg hvor godt du taler sproget."),
    "goal_area": _l("Vælg hvad målet handler om."),
    "applied_on": _l("Skriv datoen for ansøgningen."),
    "status": _l("Vælg status for ansøgningen."),
    "body": _l("Skriv noget i feltet."),
}


def _choices(names: dict[str, object], codes: tuple[str, ...]) -> list[tuple[str, object]]:
    return [("", _l("Vælg"))] + [(code, names[code]) for code in codes]


class JournalEntryForm(JobvejForm):
    language = SelectField(
        _l("Sproget teksten er skrevet på"),
        choices=[(c, n if c != "und" else _l("Andet sprog")) for c, n in TEXT_LANGUAGES.items()],
        validate_choice=True,
    )
    title = StringField(_l("Titel"), validators=[Optional(), Length(max=200)])
    organisation = StringField(_l("Sted"), validators=[Optional(), Length(max=200)])
    period = StringField(_l("Periode"), validators=[Optional(), Length(max=100)])
    level = SelectField(_l("Niveau"), choices=_choices(LEVEL_NAMES, LANGUAGE_LEVELS))
    goal_area = SelectField(
        _l("Hvad handler målet om?"), choices=_choices(GOAL_AREA_NAMES, GOAL_AREAS)
    )
    applied_on = DateField(
        _l("Dato for ansøgning"),
        validators=[Optional()],
        format="%Y-%m-%d",
        render_kw={"type": "date"},
    )
    status = SelectField(_l("Status"), choices=_choices(STATUS_NAMES, APPLICATION_STATUSES))
    next_step = StringField(_l("Næste skridt"), validators=[Optional(), Length(max=300)])
    link = StringField(_l("Link til jobopslaget"), validators=[Optional(), Length(max=500)])
    body = TextAreaField(_l("Beskrivelse"), validators=[Optional(), Length(max=5000)])

    def __init__(self, section: str, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.section = section
        for name in SECTION_FIELDS[section]:
            label = LABELS.get((section, name))
            if label is not None:
                self[name].label.text = label
        for name in ALL_FIELDS:
            if name not in SECTION_FIELDS[section]:
                del self[name]  # not shown, not validated
            else:
                self[name].flags.required = name in SECTION_REQUIRED[section]

    def section_fields(self) -> list[object]:
        """The bound fields this section shows, in order."""
        return [self[name] for name in SECTION_FIELDS[self.section]]

    def values(self) -> dict[str, object]:
        """Submitted values of this section's fields plus the text language."""
        data: dict[str, object] = {"language": self.language.data}
        for name in SECTION_FIELDS[self.section]:
            value = self[name].data
            data[name] = value.strip() if isinstance(value, str) else value
        return data

    def validate(self, extra_validators=None):  # type: ignore[no-untyped-def]
        ok = super().validate(extra_validators)
        values = self.values()
        for name in ("language", "level", "goal_area", "status"):
            if name in self and self[name].errors:
                self[name].errors = [str(_l("Vælg en af mulighederne."))]
        for name in missing_required(self.section, values):
            self[name].errors = [str(REQUIRED_MESSAGES[name])]
            ok = False
        if "applied_on" in SECTION_FIELDS[self.section]:
            if (
                self.applied_on.raw_data
                and self.applied_on.raw_data[0]
                and self.applied_on.data is None
            ):
                self.applied_on.errors = [str(_l("Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24."))]
                ok = False
            elif self.applied_on.data and self.applied_on.data > date.today():
                self.applied_on.errors = [str(_l("Datoen kan ikke ligge i fremtiden."))]
                ok = False
        if "link" in SECTION_FIELDS[self.section]:
            link = (self.link.data or "").strip()
            if link and not is_safe_link(link):
                self.link.errors = [str(_l("Skriv en hel webadresse, der begynder med https://"))]
                ok = False
        return ok


class ConfirmForm(JobvejForm):
    """An empty form: only the CSRF token (for delete and share buttons)."""
