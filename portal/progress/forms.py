"""The self-assessment form: 1-10 on each dimension, any of them may be skipped."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from portal.domain.progress_chart import DIMENSIONS, MAX_SCORE, MIN_SCORE
from portal.forms import JobvejForm

DIMENSION_NAMES = {
    "job": _l("Hvor tæt er jeg på et job"),
    "health": _l("Mit helbred og arbejde"),
    "skills": _l("Mine faglige kompetencer"),
    "network": _l("Mit netværk"),
    "danish": _l("Mit danske sprog"),
    "structure": _l("Struktur i min hverdag"),
}
DIMENSION_HINTS = {
    "job": _l("1 = langt fra et job, 10 = klar til at starte i morgen."),
    "health": _l(
        "1 = mit helbred gør det meget svært at arbejde, 10 = mit helbred er ingen hindring."
    ),
    "skills": _l("1 = jeg mangler meget, 10 = jeg har det, der skal til."),
    "network": _l("1 = jeg kender ingen, der kan hjælpe, 10 = jeg har mange at spørge."),
    "danish": _l("1 = jeg taler ikke dansk, 10 = jeg taler flydende dansk."),
    "structure": _l("1 = min hverdag er uden faste rutiner, 10 = jeg har faste rutiner."),
}


def _score_field(dim: str) -> SelectField:
    return SelectField(
        DIMENSION_NAMES[dim],
        choices=[("", _l("Spring over"))]
        + [(str(n), str(n)) for n in range(MIN_SCORE, MAX_SCORE + 1)],
        default="",
    )


class ProgressForm(JobvejForm):
    job = _score_field("job")
    health = _score_field("health")
    skills = _score_field("skills")
    network = _score_field("network")
    danish = _score_field("danish")
    structure = _score_field("structure")

    def scores(self) -> dict[str, int | None]:
        """The chosen scores (None where skipped)."""
        return {d: int(self[d].data) if self[d].data else None for d in DIMENSIONS}

    def validate(self, extra_validators=None):  # type: ignore[no-untyped-def]
        ok = super().validate(extra_validators)
        for d in DIMENSIONS:
            if self[d].errors:
                self[d].errors = [str(_l("Vælg et tal fra 1 til 10."))]
        if ok and all(v is None for v in self.scores().values()):
            self.job.errors = [str(_l("Vælg et tal for mindst ét af punkterne."))]
            ok = False
        return ok
