"""The citizen's side of digital match: the anonymous profile and answers to requests."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.access import protect_blueprint
from portal.domain.match import PROFILE_SECTIONS, ProfileData, Wishes
from portal.extensions import db, limiter
from portal.match import operations as ops
from portal.match.forms import (
    AnswerForm,
    EmptyForm,
    MessageForm,
    ProfileForm,
    ReportForm,
)
from portal.match.views import ERROR_TEXT, view_names
from portal.models.match import ContactRequest, MatchProfile
from portal.models.user import Role
from portal.ratelimits import client_key, setting

bp = Blueprint("match", __name__, url_prefix="/<lang_code>/match")
protect_blueprint(bp, Role.CITIZEN)


def _own_profile_or_404() -> MatchProfile:
    profile = ops.profile_of(current_user.id)
    if profile is None:
        abort(404)
    return profile


def _own_request_or_404(request_id: int) -> ContactRequest:
    item = db.session.get(ContactRequest, request_id)
    if item is None or item.citizen_id != current_user.id:
        abort(404)
    return item


@bp.route("/", methods=["GET", "POST"])
def index() -> ResponseReturnValue:
    profile = ops.profile_of(current_user.id)
    lines = [
        line for line in ops.journal_lines(current_user.id) if line.section in PROFILE_SECTIONS
    ]
    form = ProfileForm()
    form.chosen.choices = [(line.id, line.title) for line in lines]
    form.show_organisation.choices = [
        (line.id, f"{line.title} – {line.organisation}")
        for line in lines
        if line.organisation and line.section in ("experience", "education")
    ]
    if not form.is_submitted():
        if profile is not None:
            data = ProfileData.from_dict(profile.data)
            form.chosen.data = list(profile.chosen)
            form.show_organisation.data = list(profile.show_organisation)
            form.job_types.data = list(data.job_types)
            form.hours.data = list(data.hours)
            form.region.data = data.region
            form.availability.data = data.availability or None
            form.start.data = data.start
            form.about.data = data.about
        else:
            form.chosen.data = [line.id for line in lines]
    if form.validate_on_submit():
        ops.save_profile(
            current_user,
            form.chosen.data or [],
            form.show_organisation.data or [],
            Wishes(
                job_types=form.job_types.data or [],
                hours=form.hours.data or [],
                region=form.region.data or "",
                start=form.start.data or "",
                availability=form.availability.data or "",
                about=form.about.data or "",
            ),
        )
        flash(_("Se her præcis, hvad arbejdsgivere vil se, før du offentliggør."), "info")
        return redirect(url_for("match.preview")), 303
    return render_template(
        "match/index.html",
        form=form,
        profile=profile,
        lines=lines,
        requests=ops.requests_for_citizen(current_user.id),
        names=view_names(),
    ), (422 if form.errors else 200)


@bp.route("/preview")
def preview() -> ResponseReturnValue:
    profile = _own_profile_or_404()
    return render_template(
        "match/preview.html",
        profile=profile,
        data=ProfileData.from_dict(profile.data),
        form=EmptyForm(),
        names=view_names(),
    )


@bp.route("/publish", methods=["POST"])
def publish() -> ResponseReturnValue:
    profile = _own_profile_or_404()
    if EmptyForm().validate_on_submit():
        ops.publish_profile(profile)
        flash(
            _("Din profil er offentliggjort. Godkendte arbejdsgivere kan nu finde den."), "success"
        )
    return redirect(url_for("match.index")), 303


@bp.route("/pause", methods=["POST"])
def pause() -> ResponseReturnValue:
    profile = _own_profile_or_404()
    if EmptyForm().validate_on_submit():
        ops.pause_profile(profile)
        flash(_("Din profil er sat på pause. Arbejdsgivere kan ikke finde den."), "success")
    return redirect(url_for("match.index")), 303


@bp.route("/delete", methods=["POST"])
def delete() -> ResponseReturnValue:
    profile = _own_profile_or_404()
    if EmptyForm().validate_on_submit():
        ops.delete_profile(profile)
        flash(_("Din profil og alle anmodninger til den er slettet."), "success")
    return redirect(url_for("match.index")), 303


def _render_request(
    item: ContactRequest, status: int = 200, **forms: object
) -> ResponseReturnValue:
    return render_template(
        "match/request.html",
        item=item,
        answer_form=forms.get("answer_form") or AnswerForm(),
        message_form=forms.get("message_form") or MessageForm(),
        report_form=forms.get("report_form") or ReportForm(),
        names=view_names(),
        data=ProfileData.from_dict(item_profile_data(item)),
    ), status


def item_profile_data(item: ContactRequest) -> dict[str, object]:
    profile = ops.profile_of(item.citizen_id)
    return profile.data if profile is not None else {}


@bp.route("/requests/<int:request_id>")
def request_detail(request_id: int) -> ResponseReturnValue:
    item = _own_request_or_404(request_id)
    form = AnswerForm()
    form.name.data = current_user.display_name
    return _render_request(item, answer_form=form)


@bp.route("/requests/<int:request_id>/answer", methods=["POST"])
def answer(request_id: int) -> ResponseReturnValue:
    from flask import request

    item = _own_request_or_404(request_id)
    form = AnswerForm()
    accept = request.form.get("answer") == "accept"
    if form.validate_on_submit():
        try:
            ops.answer_request(
                current_user, item, accept, form.name.data or "", form.contact.data or ""
            )
        except ops.MatchError as error:
            form.name.errors = [str(ERROR_TEXT[error.code])]
            return _render_request(item, 422, answer_form=form)
        if accept:
            flash(
                _("Du har accepteret. Arbejdsgiveren kan nu se dit navn og skrive til dig her."),
                "success",
            )
        else:
            flash(_("Du har sagt nej tak. Arbejdsgiveren får ikke dit navn."), "success")
        return redirect(url_for("match.request_detail", request_id=item.id)), 303
    return _render_request(item, 422, answer_form=form)


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
            return _render_request(item, 409, message_form=form)
        return redirect(url_for("match.request_detail", request_id=item.id) + "#thread"), 303
    return _render_request(item, 422, message_form=form)


@bp.route("/requests/<int:request_id>/report", methods=["POST"])
def report(request_id: int) -> ResponseReturnValue:
    item = _own_request_or_404(request_id)
    form = ReportForm()
    if form.validate_on_submit():
        ops.report_request(current_user, item, form.reason.data or "")
        flash(_("Tak. Virksomhedsservice ser på anmodningen."), "success")
        return redirect(url_for("match.request_detail", request_id=item.id)), 303
    return _render_request(item, 422, report_form=form)
