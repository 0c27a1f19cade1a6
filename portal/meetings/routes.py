"""The citizen's meetings: upcoming and past, calendar file, request to move."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from babel.dates import format_date, format_skeleton, format_time
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.auth.access import protect_blueprint
from portal.domain.meetings import (
    CANCEL_REASONS,
    as_utc,
    can_cancel,
    can_request_reschedule,
    preparation_editable,
    to_local,
)
from portal.domain.slots import OpenSlot, slots_by_local_week
from portal.extensions import db
from portal.i18n import current_lang
from portal.journal.forms import ConfirmForm
from portal.meetings import booking, operations
from portal.meetings.calendar import meeting_calendar_response
from portal.meetings.forms import (
    CHANNEL_NAMES,
    KIND_NAMES,
    BookSlotForm,
    CallMeForm,
    RescheduleForm,
)
from portal.models.meetings import Meeting
from portal.models.user import Role, User, utcnow

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
    return {
        "channel_names": CHANNEL_NAMES,
        "kind_names": KIND_NAMES,
        "cancel_reason_text": lambda code: _(CANCEL_REASONS.get(code, CANCEL_REASONS["other"])),
    }


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
    cancelled = []
    for meeting in operations.citizen_meetings(current_user.id):
        if meeting.status == "cancelled":
            cancelled.append(meeting)
            continue
        rows.append(
            {
                "meeting": meeting,
                "upcoming": as_utc(meeting.starts_at) >= now,
                "preparation": operations.preparation_for(meeting),
                "requests": operations.requests_for(meeting),
                "can_prepare": preparation_editable(meeting.starts_at, now),
                "can_move": can_request_reschedule(meeting.starts_at, meeting.status, now)
                and operations.pending_request(meeting) is None,
                "can_cancel": meeting.kind == "first"
                and can_cancel(meeting.starts_at, meeting.status, now),
            }
        )
    return render_template(
        "meetings/index.html",
        upcoming=[r for r in rows if r["upcoming"]],
        past=[r for r in rows if not r["upcoming"]],
        cancelled=sorted(cancelled, key=lambda m: as_utc(m.starts_at), reverse=True),
    )


@bp.route("/<int:meeting_id>/cancel", methods=["GET", "POST"])
def cancel(meeting_id: int) -> ResponseReturnValue:
    """The citizen cancels their booked first meeting (until it starts), after confirming;
    the slot is free again and they can book another."""
    meeting = own_meeting(meeting_id)
    if meeting.kind != "first" or not can_cancel(meeting.starts_at, meeting.status, utcnow()):
        flash(_("Samtalen er begyndt eller aflyst. Ring til jobservice."), "warning")
        return redirect(url_for("meetings.index"))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            operations.cancel_meeting(meeting, current_user, "citizen")
        except operations.MeetingError:
            flash(_("Samtalen er begyndt eller aflyst. Ring til jobservice."), "warning")
            return redirect(url_for("meetings.index"))
        flash(
            _("Din samtale er aflyst. Din forberedelse er gemt. Vælg en ny tid."),
            "success",
        )
        return redirect(url_for("meetings.book"))
    return render_template(
        "meetings/cancel.html",
        meeting=meeting,
        form=form,
        preparation=operations.preparation_for(meeting),
    ), (400 if form.is_submitted() else 200)


@bp.app_template_filter("local_time")
def local_time(value: datetime) -> str:
    """Only the Danish wall-clock time (HH:MM) of a moment."""
    return format_time(to_local(value), "HH:mm", locale=get_locale() or "da")


@bp.app_template_filter("local_day")
def local_day(value: object) -> str:
    """A calendar day in full in the page's language."""
    return format_date(value, "full", locale=get_locale() or "da")  # type: ignore[arg-type]


@bp.app_template_filter("local_day_short")
def local_day_short(value: object) -> str:
    """A calendar day as day and month (e.g. "7. dec."), in the page's language."""
    return format_skeleton("MMMd", value, locale=get_locale() or "da")  # type: ignore[arg-type]


@bp.app_template_filter("week_sunday")
def week_sunday(monday: date) -> date:
    """The last day (Sunday) of the calendar week that starts on `monday`."""
    return monday + timedelta(days=6)


def slot_value(slot: OpenSlot) -> str:
    """A slot as a form value: "<caseworker id>-<start as Unix seconds>"."""
    return f"{slot.caseworker_id}-{int(slot.starts_at.timestamp())}"


def parse_slot_value(value: str) -> tuple[int, datetime] | None:
    caseworker, _sep, seconds = value.partition("-")
    if not (caseworker.isdigit() and seconds.isdigit()) or len(seconds) > 12:
        return None
    return int(caseworker), datetime.fromtimestamp(int(seconds), UTC)


@bp.route("/book", methods=["GET", "POST"])
def book() -> ResponseReturnValue:
    """The citizen books the first meeting in an open slot, or asks to be called."""
    existing = booking.upcoming_first_meeting(current_user.id)
    if existing is not None and request.method == "GET":
        flash(_("Du har allerede booket din første samtale."), "info")
        return redirect(url_for("meetings.index"))
    slots = booking.available_slots()
    form = BookSlotForm()
    form.slot.choices = [(slot_value(s), s.starts_at.isoformat()) for s in slots]
    error = None
    if form.validate_on_submit():
        chosen = parse_slot_value(form.slot.data or "")
        try:
            if chosen is None:
                raise operations.MeetingError("slot_taken")
            meeting = booking.book_slot(current_user, *chosen)
        except operations.MeetingError as err:
            error = {
                "already_booked": _("Du har allerede booket din første samtale."),
                "slot_taken": _("Tiden er lige blevet booket af en anden. Vælg en anden tid."),
            }.get(err.code, _("Tiden kunne ikke bookes. Vælg en anden tid."))
            slots = booking.available_slots()
            form.slot.choices = [(slot_value(s), s.starts_at.isoformat()) for s in slots]
        else:
            flash(
                _("Din første samtale er booket. Hent kalenderfilen, og husk at forberede dig."),
                "success",
            )
            return redirect(url_for("meetings.index", _anchor=f"meeting-{meeting.id}"))
    caseworkers = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_({s.caseworker_id for s in slots}))
        )
    }
    status = 409 if error else (422 if form.errors else 200)
    values = {slot_value(s) for s in slots}
    return render_template(
        "meetings/book.html",
        form=form,
        # The citizen's choice, while it is still open: its week is shown open and it stays
        # ticked; otherwise the first week is open.
        chosen=form.slot.data if form.slot.data in values else None,
        weeks=slots_by_local_week(slots),
        slot_value=slot_value,
        caseworkers=caseworkers,
        error=error,
        call_request=booking.open_call_request_of(current_user.id),
    ), status


@bp.route("/call-me", methods=["GET", "POST"])
def call_me() -> ResponseReturnValue:
    """The citizen asks the job service to call and book the first meeting."""
    existing = booking.open_call_request_of(current_user.id)
    form = CallMeForm(obj=existing)
    if not form.is_submitted() and existing is None:
        form.language.data = current_lang()
    if form.validate_on_submit():
        booking.request_call(
            current_user,
            form.phone.data or "",
            form.best_time.data or "",
            form.language.data or "da",
        )
        flash(_("Tak. Jobservice ringer til dig for at aftale din første samtale."), "success")
        return redirect(url_for("citizen.home"))
    return render_template("meetings/call_me.html", form=form, existing=existing), (
        422 if form.errors else 200
    )


@bp.route("/<int:meeting_id>/calendar.ics")
def calendar(meeting_id: int) -> ResponseReturnValue:
    meeting = own_meeting(meeting_id)
    summary = _("Samtale med jobservice") + f" ({KIND_NAMES[meeting.kind]})"
    return meeting_calendar_response(meeting, uid=f"meeting-{meeting.id}@jobvej", summary=summary)


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
