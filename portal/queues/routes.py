"""Team queues of handoff cases for caseworkers (admins see every team)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.admin.operations import all_teams
from portal.assistant.operations import get_routing
from portal.auth.access import protect_blueprint
from portal.domain.languages import LANGUAGES
from portal.domain.meetings import to_local
from portal.extensions import db
from portal.models.handoff import CaseStatus, HandoffCase
from portal.models.user import Role
from portal.queues import operations as ops
from portal.queues.forms import ActionForm, ReplyForm

bp = Blueprint("queues", __name__, url_prefix="/<lang_code>/queues")
protect_blueprint(bp, Role.CASEWORKER, Role.ADMIN)

STATUS_FILTERS = ("active", "mine", "closed", "all")


@bp.app_template_filter("local_short")
def local_short(value: datetime | str | int | float | None) -> str:
    """A stored moment (datetime, ISO text or epoch seconds; naive = UTC) as Danish
    wall-clock time, dd.mm.yyyy HH:MM; pages say "dansk tid" next to it."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        moment = datetime.fromtimestamp(value, UTC)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        moment = value
    return to_local(moment).strftime("%d.%m.%Y %H:%M")


def _error_text(code: str) -> str:
    return str(
        {
            "closed": _("Sagen er lukket."),
            "claimed_by_other": _("En anden medarbejder har taget sagen."),
            "not_claimed": _("Sagen er ikke taget."),
            "not_your_team": _("Sagen hører til et andet team."),
            "empty": _("Skriv et svar."),
        }.get(code, code)
    )


@bp.route("/")
def index() -> ResponseReturnValue:
    table = get_routing()
    is_admin = current_user.has_role(Role.ADMIN)
    team = request.args.get("team") or None
    if team is not None and team not in table.teams:
        abort(404)
    status = request.args.get("status", "active")
    if status not in STATUS_FILTERS:
        status = "active"
    stmt = ops.queue_query(current_user, team if is_admin else None)
    if status == "active":
        stmt = stmt.where(HandoffCase.status != CaseStatus.CLOSED)
    elif status == "mine":
        stmt = stmt.where(
            HandoffCase.claimed_by_id == current_user.id,
            HandoffCase.status == CaseStatus.CLAIMED,
        )
    elif status == "closed":
        stmt = stmt.where(HandoffCase.status == CaseStatus.CLOSED)
    cases = db.session.scalars(stmt.limit(200)).all()
    own_team = all_teams().get(current_user.team or "")
    open_count = len(
        db.session.scalars(
            ops.queue_query(current_user).where(HandoffCase.status != CaseStatus.CLOSED).limit(1000)
        ).all()
    )
    return render_template(
        "queues/index.html",
        cases=cases,
        teams=table.teams,
        team=team,
        own_team=own_team,
        is_admin=is_admin,
        status=status,
        status_filters=STATUS_FILTERS,
        languages=LANGUAGES,
        open_count=open_count,
    )


@bp.route("/cases/<int:case_id>")
def case(case_id: int) -> ResponseReturnValue:
    item = ops.case_for_staff_or_404(current_user, case_id)
    ops.log_case_access(current_user, item, "read")
    return _render_case(item, ReplyForm())


def _render_case(item: HandoffCase, form: ReplyForm, status: int = 200) -> ResponseReturnValue:
    table = get_routing()
    return (
        render_template(
            "queues/case.html",
            case=item,
            form=form,
            action_form=ActionForm(),
            team=table.teams.get(item.team),
            languages=LANGUAGES,
        ),
        status,
    )


@bp.post("/cases/<int:case_id>/claim")
def claim(case_id: int) -> ResponseReturnValue:
    item = ops.case_for_staff_or_404(current_user, case_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.claim_case(current_user, item)
    except ops.QueueError as err:
        flash(_error_text(err.code), "error")
        return redirect(url_for("queues.case", case_id=item.id)), 303
    flash(_("Du har taget sagen."), "success")
    return redirect(url_for("queues.case", case_id=item.id)), 303


@bp.post("/cases/<int:case_id>/release")
def release(case_id: int) -> ResponseReturnValue:
    item = ops.case_for_staff_or_404(current_user, case_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.release_case(current_user, item)
    except ops.QueueError as err:
        flash(_error_text(err.code), "error")
    else:
        flash(_("Sagen er lagt tilbage i køen."), "success")
    return redirect(url_for("queues.case", case_id=item.id)), 303


@bp.post("/cases/<int:case_id>/reply")
def reply(case_id: int) -> ResponseReturnValue:
    item = ops.case_for_staff_or_404(current_user, case_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        return _render_case(item, form, 422)
    try:
        ops.reply_to_case(current_user, item, form.body.data or "")
    except ops.QueueError as err:
        form.body.errors = [_error_text(err.code)]
        return _render_case(item, form, 409 if err.code == "claimed_by_other" else 422)
    flash(_("Dit svar er sendt."), "success")
    return redirect(url_for("queues.case", case_id=item.id)), 303


@bp.post("/cases/<int:case_id>/close")
def close(case_id: int) -> ResponseReturnValue:
    item = ops.case_for_staff_or_404(current_user, case_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.close_case(current_user, item)
    except ops.QueueError as err:
        flash(_error_text(err.code), "error")
        return redirect(url_for("queues.case", case_id=item.id)), 303
    flash(_("Sagen er lukket."), "success")
    return redirect(url_for("queues.index")), 303
