"""Employers ask the business service for help to recruit: a case in its queue."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from portal.assistant.operations import create_handoff_case
from portal.auth.access import protect_blueprint
from portal.i18n import current_lang
from portal.models.handoff import CaseSource
from portal.models.user import Role
from portal.recruitment.forms import RecruitmentForm

bp = Blueprint("recruitment", __name__, url_prefix="/<lang_code>/recruitment")
protect_blueprint(bp, Role.EMPLOYER)
TOPIC = "recruitment_help"


@bp.route("/", methods=["GET", "POST"])
def request_form() -> ResponseReturnValue:
    form = RecruitmentForm()
    if not form.is_submitted():
        form.company.data = form.company.data or current_user.organisation
        form.contact_name.data = form.contact_name.data or current_user.display_name
        form.contact.data = form.contact.data or current_user.email
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("recruitment/form.html", form=form), status
    case = create_recruitment_request(form)
    flash(case.reply_expected, "success")
    return redirect(url_for("inbox.case", case_id=case.id)), 303


def create_recruitment_request(form: RecruitmentForm):  # type: ignore[no-untyped-def]
    """Turn a valid form into a case for the team that handles recruitment_help."""
    details = {
        "company": (form.company.data or "").strip(),
        "cvr": (form.cvr.data or "").strip(),
        "job_title": (form.job_title.data or "").strip(),
        "positions": form.positions.data,
        "hours": form.hours.data,
        "start": (form.start.data or "").strip(),
    }
    return create_handoff_case(
        source=CaseSource.RECRUITMENT,
        language=current_lang(),
        topic_id=TOPIC,
        name=(form.contact_name.data or "").strip(),
        contact=(form.contact.data or "").strip(),
        subject=f"{details['job_title']} – {details['company']}",
        message=(form.description.data or "").strip(),
        consent_to_share=True,
        user_id=current_user.id,
        details={k: v for k, v in details.items() if v not in (None, "")},
    )
