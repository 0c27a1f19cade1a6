"""The business service's view of digital match: verify employers, see requests and
outcomes, and reports of misuse."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.access import protect_blueprint
from portal.extensions import db
from portal.match import operations as ops
from portal.match.forms import DecisionForm
from portal.match.views import view_names
from portal.models.match import EmployerVerification
from portal.models.user import Role, User

bp = Blueprint("business_match", __name__, url_prefix="/<lang_code>/business/match")
protect_blueprint(bp, Role.CASEWORKER, Role.ADMIN)


@bp.before_request
def require_business_service() -> None:
    """Only the team content/routing.yaml sends employer requests to (and admins)."""
    if not ops.is_business_staff(current_user):
        abort(403)


@bp.route("/")
def index() -> ResponseReturnValue:
    pending = ops.pending_verifications()
    employers = {u.id: u for u in db.session.query(User).filter(User.role == Role.EMPLOYER)}
    return render_template(
        "match/business.html",
        pending=pending,
        employers=employers,
        requests=ops.all_requests(),
        counts=ops.outcome_counts(),
        form=DecisionForm(),
        names=view_names(),
    )


@bp.route("/verifications/<int:employer_id>", methods=["POST"])
def decide(employer_id: int) -> ResponseReturnValue:
    verification = db.session.get(EmployerVerification, employer_id)
    if verification is None:
        abort(404)
    form = DecisionForm()
    if form.validate_on_submit():
        ops.decide_verification(current_user, verification, form.decision.data == "approve")
        flash(_("Afgørelsen er gemt."), "success")
    return redirect(url_for("business_match.index")), 303


@bp.app_context_processor
def business_context() -> dict[str, object]:
    """`is_business_staff(user)` for the caseworker home's link to this page."""
    return {"is_business_staff": ops.is_business_staff}
