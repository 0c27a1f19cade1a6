"""The citizen's digital journal: list, add, edit, delete, share."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.access import protect_blueprint
from portal.domain.journal import SECTIONS, TEXT_LANGUAGES, is_safe_link
from portal.extensions import db
from portal.i18n import current_lang
from portal.journal import operations
from portal.journal.forms import (
    GOAL_AREA_NAMES,
    LEVEL_NAMES,
    SECTION_NAMES,
    SECTION_NEW,
    STATUS_NAMES,
    ConfirmForm,
    JournalEntryForm,
)
from portal.models.journal import JournalEntry
from portal.models.user import Role
from portal.privacy.access import sharing_of

bp = Blueprint("journal", __name__, url_prefix="/<lang_code>/journal")
protect_blueprint(bp, Role.CITIZEN)


@bp.app_context_processor
def display_context() -> dict[str, object]:
    """Names for codes, for every page that shows journal entries (also staff pages)."""
    return {
        "section_names": SECTION_NAMES,
        "section_new": SECTION_NEW,
        "level_names": LEVEL_NAMES,
        "goal_area_names": GOAL_AREA_NAMES,
        "status_names": STATUS_NAMES,
        "text_languages": TEXT_LANGUAGES,
        "is_safe_link": is_safe_link,
        "text_language_name": text_language_name,
    }


def text_language_name(code: str) -> str:
    """The name of a text language in its own script ("Andet sprog" for undetermined)."""
    if code == "und":
        return _("Andet sprog")
    return TEXT_LANGUAGES.get(code, code)


def _own_entry(entry_id: int) -> JournalEntry:
    entry = db.session.get(JournalEntry, entry_id)
    if entry is None or entry.citizen_id != current_user.id:
        abort(404)
    return entry


@bp.route("/")
def index() -> ResponseReturnValue:
    return render_template(
        "journal/index.html",
        groups=operations.entries_by_section(current_user.id),
        sections=SECTIONS,
        sharing=sharing_of(current_user.id),
        confirm_form=ConfirmForm(),
    )


@bp.route("/new/<section>", methods=["GET", "POST"])
def new(section: str) -> ResponseReturnValue:
    if section not in SECTIONS:
        abort(404)
    form = JournalEntryForm(section)
    if request.method == "GET":
        form.language.data = current_lang()
    if form.validate_on_submit():
        operations.create_journal_entry(current_user, section, form.values())
        flash(_("Gemt i din journal."), "success")
        return redirect(url_for("journal.index") + f"#{section}")
    return render_template("journal/form.html", form=form, section=section, entry=None), (
        422 if form.errors else 200
    )


@bp.route("/<int:entry_id>/edit", methods=["GET", "POST"])
def edit(entry_id: int) -> ResponseReturnValue:
    entry = _own_entry(entry_id)
    form = JournalEntryForm(entry.section, obj=entry)
    if form.validate_on_submit():
        operations.update_journal_entry(entry, form.values())
        flash(_("Dine ændringer er gemt."), "success")
        return redirect(url_for("journal.index") + f"#{entry.section}")
    return render_template("journal/form.html", form=form, section=entry.section, entry=entry), (
        422 if form.errors else 200
    )


@bp.route("/<int:entry_id>/delete", methods=["GET", "POST"])
def delete(entry_id: int) -> ResponseReturnValue:
    entry = _own_entry(entry_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        section = entry.section
        operations.delete_journal_entry(entry)
        flash(_("Punktet er slettet."), "success")
        return redirect(url_for("journal.index") + f"#{section}")
    return render_template("journal/delete.html", entry=entry, form=form)


@bp.route("/sharing", methods=["POST"])
def sharing() -> ResponseReturnValue:
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    share = request.form.get("share") == "1"
    operations.set_sharing(current_user, journal=share)
    if share:
        flash(
            _("Din journal er nu delt med jobservice. Du kan altid trække delingen tilbage."),
            "success",
        )
    else:
        flash(_("Din journal er ikke længere delt med jobservice."), "success")
    return redirect(url_for("journal.index"))
