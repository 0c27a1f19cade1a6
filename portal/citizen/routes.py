"""The citizen's own pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.assistant.operations import get_routing
from portal.auth.access import protect_blueprint
from portal.domain.meetings import as_utc
from portal.i18n import current_lang
from portal.meetings.booking import open_call_request_of, upcoming_first_meeting
from portal.meetings.operations import citizen_meetings, preparation_for, unattached_preparation
from portal.models.user import Role, utcnow
from portal.privacy.access import serving_staff, sharing_of

bp = Blueprint("citizen", __name__, url_prefix="/<lang_code>/citizen")
protect_blueprint(bp, Role.CITIZEN)


def shared_with_text(citizen_id: int) -> str:
    """Who can see what the citizen shares, said plainly (assignment, not hope)."""
    caseworker, team_id = serving_staff(citizen_id)
    team = get_routing().teams.get(team_id) if team_id else None
    team_name = team.name(current_lang()) if team else None
    if caseworker is not None and team_name:
        return _(
            "Delt med din sagsbehandler %(name)s, %(team)s",
            name=caseworker.display_name or caseworker.email,
            team=team_name,
        )
    if caseworker is not None:
        return _(
            "Delt med din sagsbehandler %(name)s", name=caseworker.display_name or caseworker.email
        )
    if team_name:
        return _("Delt med %(team)s i jobservice", team=team_name)
    return _("Delt med jobservice – ingen sagsbehandler tildelt endnu")


@bp.app_context_processor
def sharing_audience() -> dict[str, object]:
    """`shared_with()` for the citizen's pages (home, journal, progress)."""
    return {"shared_with": lambda: shared_with_text(current_user.id)}


@bp.route("/")
def home() -> ResponseReturnValue:
    now = utcnow()
    upcoming = [
        (m, preparation_for(m))
        for m in citizen_meetings(current_user.id)
        if as_utc(m.starts_at) >= now and m.status == "booked"
    ]
    first_meeting = upcoming_first_meeting(current_user.id, now)
    return render_template(
        "citizen/home.html",
        upcoming=upcoming,
        sharing=sharing_of(current_user.id),
        first_meeting=first_meeting,
        early_preparation=unattached_preparation(current_user.id),
        call_request=open_call_request_of(current_user.id),
    )
