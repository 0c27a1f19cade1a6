"""The first-meeting preparation form (plain language)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from portal.forms import JobvejForm
from portal.meetings.forms import CHANNEL_NAMES, text_language_field

LONG = 5000


def _text(label: object) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[
            Optional(),
            Length(max=LONG, message=_l("Skriv højst %(max)d tegn.", max=LONG)),
        ],
    )


class PreparationForm(JobvejForm):
    wishes = _text(_l("Hvad vil du gerne have ud af samtalen?"))
    goals = _text(_l("Hvad er dine mål?"))
    matters_now = _text(_l("Hvad er vigtigst for dig lige nu?"))
    help_wanted = _text(_l("Hvad vil du gerne have hjælp til?"))
    situation = _text(_l("Dit helbred og din livssituation"))
    helps = _text(_l("Hvad hjælper dig?"))
    obstacles = _text(_l("Hvad gør det svært for dig?"))
    interpreter_needed = RadioField(
        _l("Har du brug for en tolk?"),
        choices=[("no", _l("Nej")), ("yes", _l("Ja"))],
        validators=[Optional()],
    )
    interpreter_language = StringField(
        _l("Hvilket sprog skal tolken tale?"), validators=[Optional(), Length(max=100)]
    )
    preferred_channel = RadioField(
        _l("Hvordan vil du helst mødes?"),
        choices=[*CHANNEL_NAMES.items(), ("any", _l("Det er lige meget"))],
        validators=[Optional()],
    )
    accessibility = _text(_l("Har du brug for noget særligt for at kunne deltage?"))
    questions = _text(_l("Spørgsmål til din sagsbehandler"))
    language = text_language_field()

    # Answers needed before the preparation can be sent (a draft may be incomplete).
    REQUIRED_ON_SUBMIT = {
        "wishes": _l("Skriv hvad du gerne vil have ud af samtalen."),
        "goals": _l("Skriv dine mål – gerne med få ord."),
        "interpreter_needed": _l("Svar på om du har brug for en tolk."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Said next to each field, so the label never calls a needed answer "optional".
        for name in self.REQUIRED_ON_SUBMIT:
            self[name].flags.conditional = _l(
                "Skal udfyldes, før du sender. En kladde kan gemmes uden."
            )
        self.interpreter_language.flags.conditional = _l(
            "Skal udfyldes, hvis du har brug for en tolk."
        )

    def validate_for(self, submit: bool) -> bool:
        """Validate; when sending, the main answers must be filled in."""
        ok = self.validate()
        if (
            self.interpreter_needed.data == "yes"
            and not (self.interpreter_language.data or "").strip()
        ):
            self.interpreter_language.errors = [str(_l("Skriv hvilket sprog tolken skal tale."))]
            ok = False
        if submit:
            for name, message in self.REQUIRED_ON_SUBMIT.items():
                if not (self[name].data or "").strip():
                    self[name].errors = [str(message)]
                    ok = False
        return ok

    def values(self) -> dict[str, object]:
        """The answers, trimmed."""
        return {
            "wishes": (self.wishes.data or "").strip(),
            "goals": (self.goals.data or "").strip(),
            "helps": (self.helps.data or "").strip(),
            "obstacles": (self.obstacles.data or "").strip(),
            "interpreter_needed": self.interpreter_needed.data == "yes",
            "interpreter_language": (self.interpreter_language.data or "").strip()
            if self.interpreter_needed.data == "yes"
            else "",
            "matters_now": (self.matters_now.data or "").strip(),
            "help_wanted": (self.help_wanted.data or "").strip(),
            "situation": (self.situation.data or "").strip(),
            "preferred_channel": self.preferred_channel.data or "",
            "accessibility": (self.accessibility.data or "").strip(),
            "questions": (self.questions.data or "").strip(),
            "language": self.language.data or "da",
        }
