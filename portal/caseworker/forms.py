"""Caseworkers' forms about a citizen they serve."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField
from wtforms.validators import Optional

from portal.domain.steering import TARGET_GROUPS
from portal.forms import JobvejForm
from portal.steering.routes import BENEFIT_NAMES

NOT_RECORDED = _l("Ikke registreret")

# What each refusal code of portal.domain.support says, in the reader's language.
SUPPORT_PROBLEMS = {
    "unknown_group": _l("Vælg en af målgrupperne."),
    "unknown_benefit": _l("Vælg en af ydelserne."),
    "benefit_does_not_fit_group": _l(
        "Ydelsen passer ikke til målgruppen. Ret målgruppen eller ydelsen."
    ),
    "start_in_future": _l("Startdatoen kan ikke ligge i fremtiden."),
    "start_too_early": _l("Startdatoen kan højst ligge 10 år tilbage."),
    "start_needs_benefit": _l("Vælg den ydelse, perioden gælder, når du skriver en startdato."),
}


class SupportForm(JobvejForm):
    """Target group, benefit and start of the current spell on that benefit."""

    target_group = SelectField(
        _l("Målgruppe"),
        choices=[("", NOT_RECORDED), *((k, _l(v)) for k, v in TARGET_GROUPS.items())],
    )
    benefit = SelectField(_l("Ydelse"), choices=[("", NOT_RECORDED), *BENEFIT_NAMES.items()])
    support_since = DateField(
        _l("Startdato for perioden på ydelsen"),
        validators=[Optional()],
        render_kw={"type": "date"},
    )
