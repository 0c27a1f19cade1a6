"""Guided preparation for a meeting, in the citizen's language: for the first meeting from
the day the citizen registers (before any meeting is booked), then for a booked meeting."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.access import protect_blueprint
from portal.content_store import get_library
from portal.domain.meetings import preparation_editable
from portal.i18n import current_lang
from portal.meetings.booking import upcoming_first_meeting
from portal.meetings.operations import preparation_for, unattached_preparation
from portal.meetings.routes import own_meeting
from portal.models.meetings import Preparation
from portal.models.user import Role, utcnow
from portal.preparation import operations
from portal.preparation.forms import PreparationForm

bp = Blueprint("preparation", __name__, url_prefix="/<lang_code>/preparation")
protect_blueprint(bp, Role.CITIZEN)


def _form(prep: Preparation | None) -> PreparationForm:
    """The form, filled from the saved preparation on GET, from the request on POST."""
    if request.method != "GET":
        return PreparationForm()
    form = PreparationForm(obj=prep)
    if prep is None:
        form.language.data = current_lang()
    else:
        form.interpreter_needed.data = "yes" if prep.interpreter_needed else "no"
        form.preferred_channel.data = prep.preferred_channel or "any"
    return form


def _first_meeting_article():  # type: ignore[no-untyped-def]
    return get_library(current_app).resolve("first_meeting", current_lang())


@bp.route("/", methods=["GET", "POST"])
def first() -> ResponseReturnValue:
    """Prepare for the first meeting before it is booked; once it is, the same
    preparation is edited on the meeting's own page."""
    meeting = upcoming_first_meeting(current_user.id)
    if meeting is not None:
        return redirect(url_for("preparation.edit", meeting_id=meeting.id))
    prep = unattached_preparation(current_user.id)
    form = _form(prep)
    status = 200
    if request.method == "POST":
        submit = "submit" in request.form
        if form.validate_for(submit):
            operations.save_early_preparation(current_user, form.values(), submit)
            if submit:
                flash(
                    _(
                        "Tak. Din forberedelse er klar. Din sagsbehandler læser den, "
                        "når din første samtale er booket."
                    ),
                    "success",
                )
            else:
                flash(_("Din kladde er gemt. Kun du kan se den."), "success")
            return redirect(url_for("preparation.first"))
        status = 422
    return render_template(
        "preparation/form.html",
        meeting=None,
        prep=prep,
        form=form,
        editable=True,
        first_meeting=_first_meeting_article(),
    ), status


@bp.route("/<int:meeting_id>", methods=["GET", "POST"])
def edit(meeting_id: int) -> ResponseReturnValue:
    meeting = own_meeting(meeting_id)
    if meeting.status == "cancelled":
        # A cancelled first meeting gave the preparation back to the citizen.
        return redirect(url_for("preparation.first"))
    prep = preparation_for(meeting)
    editable = preparation_editable(meeting.starts_at, utcnow())
    form = _form(prep)
    status = 200
    if request.method == "POST":
        if not editable:
            flash(_("Samtalen er begyndt. Din forberedelse kan ikke længere ændres."), "warning")
            return redirect(url_for("preparation.edit", meeting_id=meeting.id)), 303
        submit = "submit" in request.form
        if form.validate_for(submit):
            operations.save_preparation(meeting, form.values(), submit)
            if submit:
                flash(_("Tak. Din forberedelse er sendt til din sagsbehandler."), "success")
            else:
                flash(_("Din kladde er gemt. Kun du kan se den."), "success")
            return redirect(url_for("preparation.edit", meeting_id=meeting.id))
        status = 422
    return render_template(
        "preparation/form.html",
        meeting=meeting,
        prep=prep,
        form=form,
        editable=editable,
        first_meeting=_first_meeting_article(),
    ), status
