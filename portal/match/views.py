"""Names and messages the match pages show (codes from the domain, translated here)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from portal.journal.forms import LEVEL_NAMES
from portal.match.forms import (
    AVAILABILITY_NAMES,
    HOURS_NAMES,
    JOB_TYPE_NAMES,
    KIND_NAMES,
    REGION_NAMES,
    STATUS_NAMES,
)

PROFILE_STATUS_NAMES = {
    "draft": _l("Kladde – ikke synlig for arbejdsgivere"),
    "published": _l("Offentliggjort – synlig for godkendte arbejdsgivere"),
    "paused": _l("På pause – ikke synlig for arbejdsgivere"),
}
VERIFICATION_NAMES = {
    "pending": _l("Venter på godkendelse fra virksomhedsservice"),
    "approved": _l("Godkendt"),
    "rejected": _l("Afvist – kontakt virksomhedsservice"),
}
ERROR_TEXT = {
    "not_verified": _l("Din virksomhed er ikke godkendt til jobmatch endnu."),
    "not_found": _l("Profilen findes ikke længere."),
    "bad_kind": _l("Vælg, hvad det handler om."),
    "already_pending": _l("Du har allerede en anmodning til denne profil, som venter på svar."),
    "already_answered": _l("Anmodningen er allerede besvaret."),
    "name_required": _l("Skriv det navn, arbejdsgiveren må se."),
    "not_accepted": _l("Der kan kun skrives beskeder, når borgeren har accepteret."),
    "already_verified": _l("Din virksomhed er allerede godkendt."),
    "not_business_service": _l("Kun virksomhedsservice kan godkende arbejdsgivere."),
}


def view_names() -> dict[str, Any]:
    """Every code-to-name table, for templates."""
    return {
        "job_types": JOB_TYPE_NAMES,
        "hours": HOURS_NAMES,
        "regions": REGION_NAMES,
        "availability": AVAILABILITY_NAMES,
        "kinds": KIND_NAMES,
        "statuses": STATUS_NAMES,
        "profile_statuses": PROFILE_STATUS_NAMES,
        "levels": LEVEL_NAMES,
        "verification": VERIFICATION_NAMES,
    }
