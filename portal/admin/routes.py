"""Administration: accounts overview and assignment of citizens to caseworkers and teams."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.admin.forms import AssignCitizenForm
from portal.assistant.operations import get_routing
from portal.auth.access import protect_blueprint
from portal.auth.service import find_user_by_email
from portal.extensions import db
from portal.i18n import current_lang
from portal.models.sharing import Assignment
from portal.models.user import Role, User
from portal.privacy.operations import assign_citizen

bp = Blueprint("admin", __name__, url_prefix="/<lang_code>/admin")
protect_blueprint(bp, Role.ADMIN)


@bp.route("/")
def home() -> ResponseReturnValue:
    counts = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    staff = db.session.scalars(
        select(User).where(User.role.in_([Role.CASEWORKER, Role.ADMIN])).order_by(User.email)
    ).all()
    return render_template("admin/home.html", counts=counts, roles=list(Role), staff=staff)


def _assignment_form() -> AssignCitizenForm:
    form = AssignCitizenForm()
    caseworkers = db.session.scalars(
        select(User).where(User.role == Role.CASEWORKER).order_by(User.display_name)
    ).all()
    form.caseworker_id.choices = [("", str(_l("Ingen bestemt sagsbehandler")))] + [
        (str(u.id), f"{u.display_name} ({u.email})") for u in caseworkers
    ]
    teams = get_routing().teams.values()
    form.team.choices = [("", str(_l("Intet team")))] + [
        (team.id, team.name(current_lang())) for team in teams
    ]
    return form


@bp.route("/assignments", methods=["GET", "POST"])
def assignments() -> ResponseReturnValue:
    """Who serves which citizen: a caseworker sees what a citizen shares only when assigned."""
    form = _assignment_form()
    if form.validate_on_submit():
        citizen = find_user_by_email(form.citizen_email.data or "")
        caseworker = (
            db.session.get(User, int(form.caseworker_id.data)) if form.caseworker_id.data else None
        )
        if citizen is None or citizen.role is not Role.CITIZEN:
            form.citizen_email.errors = [_("Der er ingen borger med den e-mail.")]
        elif caseworker is None and not form.team.data:
            form.team.errors = [_("Vælg en sagsbehandler, et team eller begge.")]
        else:
            assign_citizen(citizen, caseworker, form.team.data or None)
            flash(_("%(email)s er tildelt.", email=citizen.email), "success")
            return redirect(url_for("admin.assignments"))
    rows = db.session.execute(
        select(Assignment, User).join(User, User.id == Assignment.citizen_id).order_by(User.email)
    ).all()
    staff = {u.id: u for u in db.session.scalars(select(User).where(User.role == Role.CASEWORKER))}
    return render_template(
        "admin/assignments.html", form=form, rows=rows, staff=staff, teams=get_routing().teams
    ), (422 if form.errors else 200)
