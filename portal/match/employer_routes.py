"""The employer's side of digital match: verification, search, contact requests, threads."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.access import protect_blueprint
from portal.domain.match import ProfileData, Search
from portal.extensions import db, limiter
from portal.match import operations as ops
from portal.match.forms import ContactRequestForm, MessageForm, SearchForm, VerificationForm
from portal.match.views import ERROR_TEXT, view_names
from portal.models.match import ContactRequest
from portal.models.user import Role
from portal.ratelimits import client_key, setting

bp = Blueprint("talent", __name__, url_prefix="/<lang_code>/employer/match")
protect_blueprint(bp, Role.EMPLOYER)
VERIFIED_ONLY = {"talent.search", "talent.profile", "talent.send_request"}


@bp.before_request
def require_verification() -> ResponseReturnValue | None:
    """Search and profiles only for verified employers; others are sent to verification."""
    if request.endpoint in VERIFIED_ONLY and not ops.is_verified(current_user):
        flash(str(ERROR_TEXT["not_verified"]), "warning")
        return redirect(url_for("talent.verification")), 303
    return None


@bp.route("/verification", methods=["GET", "POST"])
def verification() -> ResponseReturnValue:
    current = ops.verification_of(current_user.id)
    form = VerificationForm()
    if not form.is_submitted():
        form.company.data = current.company if current else current_user.organisation
        form.cvr.data = current.cvr if current else ""
    if (current is None or current.status != "approved") and form.validate_on_submit():
        ops.request_verification(current_user, form.cvr.data or "", form.company.data or "")
        flash(
            _("Tak. Virksomhedsservice godkender jeres virksomhed så hurtigt som muligt."),
            "success",
        )
        return redirect(url_for("talent.verification")), 303
    return render_template(
        "match/verification.html", form=form, current=current, names=view_names()
    ), (422 if form.errors else 200)


@bp.route("/")
@limiter.limit(setting("MATCH_SEARCH_RATE_LIMIT"), key_func=client_key, scope="match-search")
def search() -> ResponseReturnValue:
    form = SearchForm(request.args)
    searched = form.validate() and any(request.args.get(k) for k in form.data)
    criteria = Search(
        skill=(form.skill.data or "").strip(),
        job_type=form.job_type.data or "",
        region=form.region.data or "",
        language=(form.language.data or "").strip(),
        hours=form.hours.data or "",
    )
    profiles = ops.search_profiles(criteria) if form.validate() else []
    return render_template(
        "match/search.html",
        form=form,
        searched=searched,
        results=[(p, ProfileData.from_dict(p.data)) for p in profiles],
        names=view_names(),
    )


@bp.route("/profiles/<int:profile_id>", methods=["GET"])
@limiter.limit(setting("MATCH_SEARCH_RATE_LIMIT"), key_func=client_key, scope="match-search")
def profile(profile_id: int) -> ResponseReturnValue:
    return _render_profile(profile_id, ContactRequestForm())


def _render_profile(
    profile_id: int, form: ContactRequestForm, status: int = 200
) -> ResponseReturnValue:
    try:
        item = ops.view_profile(current_user, profile_id)
    except ops.MatchError:
        abort(404)
    return render_template(
        "match/profile.html",
        profile=item,
        data=ProfileData.from_dict(item.data),
        form=form,
        names=view_names(),
    ), status


@bp.route("/profiles/<int:profile_id>/request", methods=["POST"])
@limiter.limit(setting("MATCH_REQUEST_RATE_LIMIT"), key_func=client_key, scope="match-request")
def send_request(profile_id: int) -> ResponseReturnValue:
    form = ContactRequestForm()
    if not form.validate_on_submit():
        return _render_profile(profile_id, form, 422)
    try:
        item = ops.send_contact_request(
            current_user,
            profile_id,
            form.kind.data or "",
            form.job_title.data or "",
            form.message.data or "",
        )
    except ops.MatchError as error:
        if error.code == "not_found":
            abort(404)
        form.message.errors = [str(ERROR_TEXT[error.code])]
        return _render_profile(profile_id, form, 409)
    flash(_("Anmodningen er sendt. Borgeren svarer i sin indbakke."), "success")
    return redirect(url_for("talent.request_detail", request_id=item.id)), 303


@bp.route("/requests/")
def requests() -> ResponseReturnValue:
    return render_template(
        "match/employer_requests.html",
        items=ops.requests_for_employer(current_user.id),
        names=view_names(),
    )


def _own_request_or_404(request_id: int) -> ContactRequest:
    item = db.session.get(ContactRequest, request_id)
    if item is None or item.employer_id != current_user.id:
        abort(404)
    return item


@bp.route("/requests/<int:request_id>")
def request_detail(request_id: int) -> ResponseReturnValue:
    item = _own_request_or_404(request_id)
    return render_template(
        "match/employer_request.html", item=item, message_form=MessageForm(), names=view_names()
    )


@bp.route("/requests/<int:request_id>/messages", methods=["POST"])
@limiter.limit(setting("MATCH_MESSAGE_RATE_LIMIT"), key_func=client_key, scope="match-message")
def message(request_id: int) -> ResponseReturnValue:
    item = _own_request_or_404(request_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            ops.post_message(current_user, item, form.body.data or "")
        except ops.MatchError as error:
            form.body.errors = [str(ERROR_TEXT[error.code])]
        else:
            return redirect(url_for("talent.request_detail", request_id=item.id) + "#thread"), 303
    return render_template(
        "match/employer_request.html", item=item, message_form=form, names=view_names()
    ), 422
