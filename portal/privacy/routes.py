"""The citizen's data rights: who has seen my data, download everything, delete my account."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from portal.auth.access import protect_blueprint
from portal.auth.service import authenticate
from portal.domain.progress_chart import DIMENSIONS
from portal.journal.operations import entries_by_section
from portal.meetings.operations import citizen_meetings, preparation_for, requests_for
from portal.models.user import Role
from portal.privacy import operations
from portal.privacy.access import sharing_of
from portal.privacy.forms import DeleteAccountForm
from portal.progress.forms import DIMENSION_NAMES
from portal.progress.operations import progress_ratings

bp = Blueprint("privacy", __name__, url_prefix="/<lang_code>/privacy")
protect_blueprint(bp, Role.CITIZEN)

WHAT_NAMES = {
    "overview": _l("Dit overblik (navn og samtaler)"),
    "journal": _l("Din journal"),
    "progress": _l("Din udvikling"),
    "meeting_brief": _l("Mødeoversigt til en samtale (forberedelse, mål, ansøgninger)"),
    "reschedule_request": _l("Din anmodning om at flytte en samtale"),
    "handoff_case": _l("Din henvendelse via chatten (samtale og besked)"),
    "match_profile": _l("Din anonyme jobprofil"),
    "match_request": _l("Din anonyme jobprofil (kontaktanmodning sendt)"),
    "support": _l("Din målgruppe, ydelse og hvornår din periode på ydelse begyndte (registreret)"),
}
PURPOSE_NAMES = {
    "case_work": _l("Sagsbehandling"),
    "meeting_preparation": _l("Forberedelse af samtale"),
    "match": _l("Jobmatch: en godkendt arbejdsgiver søger medarbejdere"),
}
ROLE_NAMES = {
    "caseworker": _l("Sagsbehandler"),
    "admin": _l("Administrator"),
    "citizen": _l("Borger"),
    "employer": _l("Arbejdsgiver"),
}


@bp.route("/")
def index() -> ResponseReturnValue:
    return render_template("privacy/index.html", sharing=sharing_of(current_user.id))


@bp.route("/access-log")
def access_log() -> ResponseReturnValue:
    return render_template(
        "privacy/access_log.html",
        entries=operations.access_log(current_user.id),
        what_names=WHAT_NAMES,
        purpose_names=PURPOSE_NAMES,
        role_names=ROLE_NAMES,
    )


@bp.route("/export.json")
def export_json() -> ResponseReturnValue:
    data = operations.export_user_data(current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="jobvej-mine-data.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/export.html")
def export_html() -> ResponseReturnValue:
    meetings = [
        {"meeting": m, "preparation": preparation_for(m), "requests": requests_for(m)}
        for m in citizen_meetings(current_user.id)
    ]
    html = render_template(
        "privacy/export.html",
        groups=entries_by_section(current_user.id),
        meetings=meetings,
        ratings=progress_ratings(current_user.id),
        dimensions=DIMENSIONS,
        dimension_names=DIMENSION_NAMES,
        entries=operations.access_log(current_user.id),
        what_names=WHAT_NAMES,
        purpose_names=PURPOSE_NAMES,
        role_names=ROLE_NAMES,
        sharing=sharing_of(current_user.id),
    )
    return Response(html, mimetype="text/html", headers={"Cache-Control": "no-store"})


@bp.route("/delete", methods=["GET", "POST"])
def delete_account() -> ResponseReturnValue:
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if authenticate(current_user.email, form.password.data or "") is None:
            form.password.errors = [_("Adgangskoden er forkert.")]
        else:
            user = current_user._get_current_object()
            logout_user()
            operations.delete_account(user)
            flash(_("Din konto og alle dine oplysninger er slettet."), "success")
            return redirect(url_for("main.home"))
    return render_template("privacy/delete.html", form=form), (422 if form.errors else 200)
