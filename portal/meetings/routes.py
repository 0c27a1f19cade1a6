"""The citizen's meetings: upcoming and past, calendar file, request to move."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date, format_time
from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.access import protect_blueprint
from portal.domain.meetings import (
    CalendarMeeting,
    as_utc,
    can_request_reschedule,
    meeting_ics,
    preparation_editable,
    to_local,
)
from portal.extensions import db
from portal.i18n import current_lang
from portal.meetings import operations
from portal.meetings.forms import CHANNEL_NAMES, KIND_NAMES, RescheduleForm
from portal.models.meetings import Meeting
from portal.models.user import Role, utcnow

bp = Blueprint("meetings", __name__, url_prefix="/<lang_code>/meetings")
protect_blueprint(bp, Role.CITIZEN)


@bp.app_template_filter("local_datetime")
def local_datetime(value: datetime) -> str:
    """A meeting time as Danish wall-clock time in the page's language."""
    local = to_local(value)
    locale = get_locale() or "da"
    return (
        f"{format_date(local, 'full', locale=locale)} {format_time(local, 'HH:mm', locale=locale)}"
    )


@bp.app_context_processor
def meeting_names() -> dict[str, object]:
    return {"channel_names": CHANNEL_NAMES, "kind_names": KIND_NAMES}


def own_meeting(meeting_id: int) -> Meeting:
    """The current citizen's meeting, else 404."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.citizen_id != current_user.id:
        abort(404)
    return meeting


@bp.route("/")
def index() -> ResponseReturnValue:
    now = utcnow()
    rows = []
    for meeting in operations.citizen_meetings(current_user.id):
        rows.append(
            {
                "meeting": meeting,
                "upcoming": as_utc(meeting.starts_at) >= now,
                "preparation": operations.preparation_for(meeting),
                "requests": operations.requests_for(meeting),
                "can_prepare": preparation_editable(meeting.starts_at, now),
                "can_move": can_request_reschedule(meeting.starts_at, meeting.status, now)
                and operations.pending_request(meeting) is None,
            }
        )
    return render_template(
        "meetings/index.html",
        upcoming=[r for r in rows if r["upcoming"]],
        past=[r for r in rows if not r["upcoming"]],
    )


@bp.route("/<int:meeting_id>/calendar.ics")
def calendar(meeting_id: int) -> ResponseReturnValue:
    meeting = own_meeting(meeting_id)
    summary = _("Samtale med jobservice") + f" ({KIND_NAMES[meeting.kind]})"
    description = _("Sådan foregår samtalen") + f": {CHANNEL_NAMES[meeting.channel]}."
    data = meeting_ics(
        CalendarMeeting(
            uid=f"meeting-{meeting.id}@jobvej",
            starts_at=meeting.starts_at,
            duration_minutes=meeting.duration_minutes,
            summary=summary,
            location=meeting.place,
            description=description,
            created_at=meeting.created_at,
        ),
        stamp=utcnow(),
    )
    return Response(
        data,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="jobvej-meeting-{meeting.id}.ics"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/<int:meeting_id>/reschedule", methods=["GET", "POST"])
def reschedule(meeting_id: int) -> ResponseReturnValue:
    meeting = own_meeting(meeting_id)
    form = RescheduleForm()
    if not form.is_submitted():
        form.language.data = current_lang()
    error = None
    if form.validate_on_submit():
        try:
            operations.request_reschedule(
                meeting, (form.reason.data or "").strip(), form.language.data or "da"
            )
        except operations.MeetingError as err:
            error = {
                "too_late": _("Samtalen er begyndt eller aflyst. Ring til jobservice."),
                "already_requested": _("Du har allerede bedt om at flytte samtalen."),
            }[err.code]
        else:
            flash(_("Din anmodning er sendt til din sagsbehandler."), "success")
            return redirect(url_for("meetings.index"))
    status = 422 if (form.errors or error) else 200
    return render_template(
        "meetings/reschedule.html", meeting=meeting, form=form, error=error
    ), status
