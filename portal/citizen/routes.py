"""The citizen's own pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from portal.auth.access import protect_blueprint
from portal.domain.meetings import as_utc
from portal.meetings.operations import citizen_meetings, preparation_for
from portal.models.user import Role, utcnow
from portal.privacy.access import sharing_of

bp = Blueprint("citizen", __name__, url_prefix="/<lang_code>/citizen")
protect_blueprint(bp, Role.CITIZEN)


@bp.route("/")
def home() -> ResponseReturnValue:
    now = utcnow()
    upcoming = [
        (m, preparation_for(m))
        for m in citizen_meetings(current_user.id)
        if as_utc(m.starts_at) >= now and m.status == "booked"
    ]
    return render_template(
        "citizen/home.html", upcoming=upcoming, sharing=sharing_of(current_user.id)
    )
