"""Guided preparation for a meeting, in the citizen's language."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from portal.auth.access import protect_blueprint
from portal.content_store import get_library
from portal.domain.meetings import preparation_editable
from portal.i18n import current_lang
from portal.meetings.operations import preparation_for
from portal.meetings.routes import own_meeting
from portal.models.user import Role, utcnow
from portal.preparation import operations
from portal.preparation.forms import PreparationForm

bp = Blueprint("preparation", __name__, url_prefix="/<lang_code>/preparation")
protect_blueprint(bp, Role.CITIZEN)


@bp.route("/<int:meeting_id>", methods=["GET", "POST"])
def edit(meeting_id: int) -> ResponseReturnValue:
    meeting = own_meeting(meeting_id)
    prep = preparation_for(meeting)
    editable = preparation_editable(meeting.starts_at, utcnow())
    library = get_library(current_app)
    first_meeting = library.resolve("first_meeting", current_lang())
    form = PreparationForm(obj=prep) if request.method == "GET" else PreparationForm()
    if request.method == "GET":
        if prep is None:
            form.language.data = current_lang()
        else:
            form.interpreter_needed.data = "yes" if prep.interpreter_needed else "no"
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
        first_meeting=first_meeting,
    ), status
