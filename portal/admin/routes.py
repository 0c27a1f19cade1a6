"""Administration: waiting citizens and their assignment, teams and their members, staff
accounts (invitation or temporary password), and the old assignment-by-e-mail form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select

from portal.admin import operations as ops
from portal.admin.forms import (
    AssignCitizenForm,
    AutoAssignForm,
    StaffForm,
    TeamForm,
    TeamMemberForm,
    WaitingAssignForm,
)
from portal.auth.access import protect_blueprint
from portal.auth.service import find_user_by_email
from portal.domain.teams import ROLE_NAMES
from portal.extensions import db
from portal.i18n import current_lang
from portal.journal.forms import ConfirmForm
from portal.models.handoff import CaseStatus, HandoffCase
from portal.models.sharing import Assignment
from portal.models.user import Role, User, utcnow
from portal.privacy.operations import assign_citizen

bp = Blueprint("admin", __name__, url_prefix="/<lang_code>/admin")
protect_blueprint(bp, Role.ADMIN)

ERROR_TEXT = {
    ("name_da", "required"): _l("Skriv teamets navn på dansk."),
    ("name_da", "taken"): _l("Der er allerede et team med det navn."),
    ("email", "taken"): _l("Der er allerede en konto med den e-mail."),
    ("password", "too_short"): _l("Adgangskoden er for kort."),
    ("team", "unknown"): _l("Vælg et af teamene."),
    ("caseworker_id", "not_caseworker"): _l("Vælg en sagsbehandler."),
    ("caseworker_id", "not_member"): _l("Sagsbehandleren er ikke på teamet."),
    ("citizen_ids", "not_citizen"): _l("Vælg kun borgere fra listen."),
}


@bp.app_context_processor
def staff_names() -> dict[str, Any]:
    """Display names for staff pages: a team id or a role in the reader's language."""

    def team_name(team_id: str | None) -> str:
        if not team_id:
            return _("intet team")
        team = ops.all_teams().get(team_id)
        return team.name(current_lang()) if team else team_id

    def role_name(role: Role | str) -> str:
        value = role.value if isinstance(role, Role) else str(role)
        return _(ROLE_NAMES[value]) if value in ROLE_NAMES else value

    return {"team_name": team_name, "role_name": role_name}


@bp.route("/")
def home() -> ResponseReturnValue:
    counts = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    staff = db.session.scalars(
        select(User).where(User.role.in_([Role.CASEWORKER, Role.ADMIN])).order_by(User.email)
    ).all()
    open_cases = dict(
        db.session.execute(
            select(HandoffCase.team, func.count())
            .where(HandoffCase.status != CaseStatus.CLOSED)
            .group_by(HandoffCase.team)
        ).all()
    )
    return render_template(
        "admin/home.html",
        counts=counts,
        roles=list(Role),
        staff=staff,
        waiting=len(ops.waiting_citizens()),
        teams=ops.all_teams(),
        members=ops.member_counts(),
        empty_teams=ops.empty_routed_team_ids(),
        open_cases=open_cases,
    )


# --- waiting citizens ------------------------------------------------------------------


def _target_choices() -> list[tuple[str, str]]:
    lang = current_lang()
    choices = [("", str(_l("Vælg …")))]
    for team in ops.all_teams().values():
        label = team.name(lang)
        if team.auto_assign:
            label = _("%(team)s (næste i rækken)", team=label)
        choices.append((f"team:{team.id}", label))
    for cw in db.session.scalars(
        select(User).where(User.role == Role.CASEWORKER).order_by(User.display_name, User.id)
    ):
        choices.append((f"caseworker:{cw.id}", f"{cw.display_name} – {_team_label(cw.team)}"))
    return choices


def _team_label(team_id: str | None) -> str:
    team = ops.all_teams().get(team_id or "")
    return team.name(current_lang()) if team else _("intet team")


@bp.route("/waiting", methods=["GET", "POST"])
def waiting() -> ResponseReturnValue:
    """Citizens who registered and are not yet assigned: filter, tick, assign."""
    prepared_arg = request.args.get("prepared", "")
    prepared = {"yes": True, "no": False}.get(prepared_arg)
    try:
        min_days = max(0, min(int(request.args.get("days", "0") or 0), 3650))
    except ValueError:
        min_days = 0
    search = (request.args.get("q") or "")[:100]
    rows = ops.waiting_citizens(prepared=prepared, min_days=min_days, search=search)
    form = WaitingAssignForm()
    form.citizen_ids.choices = [(r.user.id, r.user.display_name) for r in rows]
    form.target.choices = _target_choices()
    if form.validate_on_submit():
        kind, _sep, value = (form.target.data or "").partition(":")
        caseworker = db.session.get(User, int(value)) if kind == "caseworker" else None
        team = value if kind == "team" else (caseworker.team if caseworker else None)
        try:
            done = ops.assign_citizens(form.citizen_ids.data or [], caseworker, team)
        except ops.StaffError as err:
            form.target.errors = [str(ERROR_TEXT.get((err.field, err.code), err.code))]
        else:
            flash(_("%(num)d borgere er tildelt.", num=len(done)), "success")
            return redirect(url_for("admin.waiting", **request.args)), 303
    now = utcnow()
    waited = {r.user.id: format_timedelta(now - r.waiting_since, add_direction=False) for r in rows}
    return render_template(
        "admin/waiting.html",
        rows=rows,
        form=form,
        waited=waited,
        prepared_arg=prepared_arg,
        min_days=min_days,
        search=search,
    ), (422 if form.errors else 200)


# --- teams -----------------------------------------------------------------------------


@bp.route("/teams/", methods=["GET", "POST"])
def teams() -> ResponseReturnValue:
    form = TeamForm()
    if form.validate_on_submit():
        try:
            team = ops.create_team(form.names())
        except ops.StaffError as err:
            form.name_da.errors = [str(ERROR_TEXT[(err.field, err.code)])]
        else:
            flash(_("Teamet %(name)s er oprettet.", name=form.name_da.data), "success")
            return redirect(url_for("admin.team", team_id=team.id)), 303
    return render_template(
        "admin/teams.html",
        form=form,
        teams=ops.all_teams(),
        members=ops.member_counts(),
        empty_teams=ops.empty_routed_team_ids(),
    ), (422 if form.errors else 200)


def _team_or_404(team_id: str) -> Any:
    team = ops.all_teams().get(team_id)
    if team is None:
        abort(404)
    return team


def _render_team(team: Any, member_form: TeamMemberForm, auto_form: AutoAssignForm) -> Any:
    others = db.session.scalars(
        select(User)
        .where(User.role == Role.CASEWORKER)
        .where((User.team != team.id) | User.team.is_(None))
        .order_by(User.display_name, User.id)
    ).all()
    member_form.caseworker_id.choices = [("", str(_l("Vælg …")))] + [
        (str(u.id), f"{u.display_name} – {_team_label(u.team)}") for u in others
    ]
    status = 422 if (member_form.errors or auto_form.errors) else 200
    return render_template(
        "admin/team.html",
        team=team,
        members=ops.team_members(team.id),
        member_form=member_form,
        auto_form=auto_form,
        remove_form=ConfirmForm(formdata=None),
    ), status


@bp.route("/teams/<team_id>")
def team(team_id: str) -> ResponseReturnValue:
    item = _team_or_404(team_id)
    auto = AutoAssignForm(formdata=None, auto_assign="on" if item.auto_assign else "off")
    return _render_team(item, TeamMemberForm(formdata=None), auto)


@bp.post("/teams/<team_id>/members")
def add_member(team_id: str) -> ResponseReturnValue:
    item = _team_or_404(team_id)
    form = TeamMemberForm()
    auto = AutoAssignForm(formdata=None, auto_assign="on" if item.auto_assign else "off")
    _render_team(item, form, auto)  # fills the choices the form validates against
    if form.validate_on_submit():
        user = db.session.get(User, int(form.caseworker_id.data or 0))
        if user is not None:
            ops.add_team_member(item.id, user)
            flash(_("%(name)s er nu på teamet.", name=user.display_name), "success")
            return redirect(url_for("admin.team", team_id=item.id)), 303
    return _render_team(item, form, auto)


@bp.post("/teams/<team_id>/members/<int:user_id>/remove")
def remove_member(team_id: str, user_id: int) -> ResponseReturnValue:
    item = _team_or_404(team_id)
    user = db.session.get(User, user_id)
    if user is None or user.team != item.id or user.role is not Role.CASEWORKER:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    ops.remove_team_member(item.id, user)
    flash(_("%(name)s er ikke længere på teamet.", name=user.display_name), "success")
    return redirect(url_for("admin.team", team_id=item.id)), 303


@bp.post("/teams/<team_id>/auto-assign")
def team_auto_assign(team_id: str) -> ResponseReturnValue:
    item = _team_or_404(team_id)
    form = AutoAssignForm()
    if not form.validate_on_submit():
        return _render_team(item, TeamMemberForm(formdata=None), form)
    ops.set_auto_assign(item.id, form.auto_assign.data == "on")
    flash(_("Indstillingen er gemt."), "success")
    return redirect(url_for("admin.team", team_id=item.id)), 303


# --- staff accounts --------------------------------------------------------------------


@bp.route("/staff/new", methods=["GET", "POST"])
def new_staff() -> ResponseReturnValue:
    form = StaffForm()
    lang = current_lang()
    form.team.choices = [("", str(_l("Intet team")))] + [
        (t.id, t.name(lang)) for t in ops.all_teams().values()
    ]
    if form.validate_on_submit():
        try:
            made = ops.create_staff_account(
                current_user,
                form.email.data or "",
                form.display_name.data or "",
                Role(form.role.data),
                form.team.data or None,
                form.method.data or "invitation",
            )
        except ops.StaffError as err:
            field = getattr(form, err.field, form.email)
            field.errors = [str(ERROR_TEXT.get((err.field, err.code), err.code))]
        else:
            link = (
                url_for("auth.accept_invitation", token=made.token, _external=True)
                if made.token
                else None
            )
            # Shown once, on this response only: nothing readable is stored.
            return render_template(
                "admin/staff_created.html",
                user=made.user,
                link=link,
                password=made.temporary_password,
            )
    return render_template("admin/staff_new.html", form=form), (422 if form.errors else 200)


# --- assignment by e-mail (fallback) ---------------------------------------------------


def _assignment_form() -> AssignCitizenForm:
    form = AssignCitizenForm()
    caseworkers = db.session.scalars(
        select(User).where(User.role == Role.CASEWORKER).order_by(User.display_name)
    ).all()
    form.caseworker_id.choices = [("", str(_l("Ingen bestemt sagsbehandler")))] + [
        (str(u.id), f"{u.display_name} ({u.email})") for u in caseworkers
    ]
    form.team.choices = [("", str(_l("Intet team")))] + [
        (team.id, team.name(current_lang())) for team in ops.all_teams().values()
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
    return render_template("admin/assignments.html", form=form, rows=rows, staff=staff), (
        422 if form.errors else 200
    )
