"""Caseworkers' pages: today's and upcoming meetings, assigned citizens, booking, the
meeting brief and requests to move meetings. Every read of a citizen's data is audited."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from portal.admin.operations import prepared_citizen_ids
from portal.auth.access import protect_blueprint
from portal.caseworker import operations as caseworker_ops
from portal.caseworker.forms import SUPPORT_PROBLEMS, SupportForm
from portal.caseworker.operations import support_of
from portal.domain.meetings import (
    as_utc,
    can_cancel,
    local_to_utc,
    to_local,
)
from portal.domain.steering import TARGET_GROUPS
from portal.domain.support import SupportInput
from portal.extensions import db
from portal.journal.forms import ConfirmForm
from portal.journal.operations import entries_by_section
from portal.meetings import booking
from portal.meetings import operations as meeting_ops
from portal.meetings.calendar import meeting_calendar_response
from portal.meetings.forms import (
    KIND_NAMES,
    WEEKDAY_NAMES,
    AcceptRescheduleForm,
    BookMeetingForm,
    DayOffForm,
    OpeningForm,
    StaffCancelForm,
)
from portal.models.handoff import CaseStatus, HandoffCase
from portal.models.meetings import CallRequest, Meeting, Preparation, RescheduleRequest
from portal.models.user import Role, User, utcnow
from portal.privacy.access import (
    assigned_citizen_or_404,
    assigned_citizens_query,
    record_staff_read,
    require_shared,
    sharing_of,
)
from portal.progress.operations import progress_ratings
from portal.progress.routes import chart_context
from portal.queues.operations import queue_query
from portal.steering.routes import BENEFIT_NAMES

bp = Blueprint("caseworker", __name__, url_prefix="/<lang_code>/caseworker")
protect_blueprint(bp, Role.CASEWORKER, Role.ADMIN)

RECENT_APPLICATIONS = 5
RECENT_CANCELLATIONS = timedelta(days=14)


def _my_meetings_condition():  # type: ignore[no-untyped-def]
    return or_(
        Meeting.caseworker_id == current_user.id,
        Meeting.citizen_id.in_(assigned_citizens_query(current_user)),
    )


def _start_of_local_day(moment: datetime) -> datetime:
    local = to_local(moment)
    return local_to_utc(local.date(), datetime.min.time())


@bp.route("/")
def home() -> ResponseReturnValue:
    now = utcnow()
    today_start = _start_of_local_day(now)
    tomorrow_start = today_start + timedelta(days=1)
    meetings: list[Meeting] = []
    requests: list[RescheduleRequest] = []
    prepared: set[int] = set()
    if current_user.has_role(Role.CASEWORKER):
        meetings = list(
            db.session.scalars(
                select(Meeting)
                .where(_my_meetings_condition(), Meeting.starts_at >= today_start)
                .where(Meeting.status == "booked")
                .order_by(Meeting.starts_at)
                .limit(100)
            )
        )
        if meetings:
            prepared = set(
                db.session.scalars(
                    select(Preparation.meeting_id).where(
                        Preparation.meeting_id.in_([m.id for m in meetings]),
                        Preparation.status == "submitted",
                    )
                )
            )
        requests = list(
            db.session.scalars(
                select(RescheduleRequest)
                .join(Meeting, RescheduleRequest.meeting_id == Meeting.id)
                .where(RescheduleRequest.status == "pending", _my_meetings_condition())
                .order_by(RescheduleRequest.created_at)
            )
        )
    cancelled: list[Meeting] = []
    if current_user.has_role(Role.CASEWORKER):
        cancelled = list(
            db.session.scalars(
                select(Meeting)
                .where(
                    _my_meetings_condition(),
                    Meeting.status == "cancelled",
                    Meeting.cancelled_at >= now - RECENT_CANCELLATIONS,
                )
                .order_by(Meeting.cancelled_at.desc())
                .limit(50)
            )
        )
    today = [m for m in meetings if as_utc(m.starts_at) < tomorrow_start]
    upcoming = [m for m in meetings if as_utc(m.starts_at) >= tomorrow_start]
    return render_template(
        "caseworker/home.html",
        today=today,
        upcoming=upcoming,
        prepared=prepared,
        requests=requests,
        cancelled=cancelled,
        call_request_count=len(booking.open_call_requests()),
        prepared_citizens=_prepared_citizens(),
        queue=_queue_summary(),
    )


def _prepared_citizens() -> list[User]:
    """Citizens assigned to me or my team who have prepared (admin.operations decides)."""
    if not current_user.has_role(Role.CASEWORKER):
        return []
    people = list(
        db.session.scalars(
            select(User)
            .where(User.id.in_(assigned_citizens_query(current_user)))
            .order_by(User.display_name, User.id)
            .limit(200)
        )
    )
    done = prepared_citizen_ids(p.id for p in people)
    return [p for p in people if p.id in done]


def _queue_summary() -> dict[str, int]:
    """Open (not closed) cases in the queue I work in, and how many are not yet taken."""
    stmt = queue_query(current_user).where(HandoffCase.status != CaseStatus.CLOSED)
    cases = db.session.scalars(stmt.limit(1000)).all()
    return {
        "open": len(cases),
        "untaken": sum(1 for c in cases if c.status is CaseStatus.OPEN),
        "mine": sum(1 for c in cases if c.claimed_by_id == current_user.id),
    }


@bp.route("/citizens/")
def citizens() -> ResponseReturnValue:
    people: list[User] = []
    if current_user.has_role(Role.CASEWORKER):
        people = list(
            db.session.scalars(
                select(User)
                .where(User.id.in_(assigned_citizens_query(current_user)))
                .order_by(User.display_name, User.id)
            )
        )
    return render_template("caseworker/citizens.html", people=people)


def _citizen_page(person: User, form: SupportForm) -> str:
    meetings = meeting_ops.citizen_meetings(person.id)
    now = utcnow()
    return render_template(
        "caseworker/citizen.html",
        person=person,
        meetings=meetings,
        cancellable={m.id for m in meetings if can_cancel(m.starts_at, m.status, now)},
        sharing=sharing_of(person.id),
        support=support_of(person.id),
        support_form=form,
        target_group_names=TARGET_GROUPS,
        benefit_names=BENEFIT_NAMES,
    )


@bp.route("/citizens/<int:citizen_id>")
def citizen(citizen_id: int) -> ResponseReturnValue:
    person = assigned_citizen_or_404(current_user, citizen_id)
    record_staff_read(current_user, person.id, "overview", "case_work")
    return _citizen_page(person, SupportForm(obj=support_of(person.id)))


@bp.route("/citizens/<int:citizen_id>/support", methods=["POST"])
def record_support(citizen_id: int) -> ResponseReturnValue:
    """Record the citizen's target group, benefit and spell start (effect steering)."""
    person = assigned_citizen_or_404(current_user, citizen_id)
    form = SupportForm()
    if form.validate_on_submit():
        entry = SupportInput(form.target_group.data, form.benefit.data, form.support_since.data)
        try:
            caseworker_ops.record_support(current_user, person, entry, to_local(utcnow()).date())
        except caseworker_ops.SupportError as err:
            for problem in err.problems:
                getattr(form, problem.field).errors = [
                    *getattr(form, problem.field).errors,
                    str(SUPPORT_PROBLEMS[problem.code]),
                ]
        else:
            flash(_("Målgruppe og ydelse er gemt."), "success")
            return redirect(url_for("caseworker.citizen", citizen_id=person.id) + "#support")
    return _citizen_page(person, form), 422


@bp.route("/citizens/<int:citizen_id>/journal")
def journal(citizen_id: int) -> ResponseReturnValue:
    person = assigned_citizen_or_404(current_user, citizen_id)
    require_shared(person.id, "journal")
    record_staff_read(current_user, person.id, "journal", "case_work")
    return render_template(
        "caseworker/journal.html", person=person, groups=entries_by_section(person.id)
    )


@bp.route("/citizens/<int:citizen_id>/progress")
def progress(citizen_id: int) -> ResponseReturnValue:
    person = assigned_citizen_or_404(current_user, citizen_id)
    require_shared(person.id, "progress")
    record_staff_read(current_user, person.id, "progress", "case_work")
    return render_template(
        "caseworker/progress.html", person=person, **chart_context(progress_ratings(person.id))
    )


@bp.route("/citizens/<int:citizen_id>/meetings/new", methods=["GET", "POST"])
def book_meeting(citizen_id: int) -> ResponseReturnValue:
    person = assigned_citizen_or_404(current_user, citizen_id)
    form = BookMeetingForm()
    if form.validate_on_submit():
        starts_at = local_to_utc(form.day.data, form.clock.data)  # type: ignore[arg-type]
        if starts_at <= utcnow():
            form.day.errors = [_("Vælg et tidspunkt i fremtiden.")]
        else:
            try:
                meeting_ops.book_meeting(
                    person,
                    current_user,
                    starts_at,
                    form.place.data or "",
                    form.channel.data or "in_person",
                    form.kind.data or "first",
                    form.duration.data or 60,
                )
            except meeting_ops.MeetingError as err:
                if err.code != "slot_taken":
                    raise
                form.clock.errors = [_("Du har allerede en samtale på det tidspunkt.")]
            else:
                flash(_("Samtalen er booket. Borgeren kan se den på sin side."), "success")
                return redirect(url_for("caseworker.citizen", citizen_id=person.id))
    return render_template("caseworker/book_meeting.html", person=person, form=form), (
        422 if form.errors else 200
    )


def _meeting_for_staff(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    assigned_citizen_or_404(current_user, meeting.citizen_id)
    return meeting


@bp.route("/meetings/<int:meeting_id>/brief")
def brief(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting_for_staff(meeting_id)
    person = meeting.citizen
    sharing = sharing_of(person.id)
    prep = meeting_ops.preparation_for(meeting)
    if prep is not None and prep.status != "submitted":
        prep = None  # a draft is the citizen's own
    goals: list[object] = []
    applications: list[object] = []
    if sharing.journal:
        groups = entries_by_section(person.id)
        goals = list(groups["goal"])
        applications = list(groups["application"][:RECENT_APPLICATIONS])
    progress = chart_context(progress_ratings(person.id)) if sharing.progress else None
    record_staff_read(current_user, person.id, "meeting_brief", "meeting_preparation")
    return render_template(
        "caseworker/brief.html",
        meeting=meeting,
        person=person,
        prep=prep,
        sharing=sharing,
        goals=goals,
        applications=applications,
        progress=progress,
    )


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
def cancel_meeting(meeting_id: int) -> ResponseReturnValue:
    """Staff who serve the citizen cancel a meeting that has not started, with a reason the
    citizen reads in their own language (inbox and "Mine samtaler") and an optional note."""
    meeting = _meeting_for_staff(meeting_id)
    if not can_cancel(meeting.starts_at, meeting.status, utcnow()):
        flash(_("Samtalen er begyndt eller allerede aflyst."), "warning")
        return redirect(url_for("caseworker.citizen", citizen_id=meeting.citizen_id))
    form = StaffCancelForm()
    if not form.is_submitted():
        form.language.data = "da"
    if form.validate_on_submit():
        note = form.note.data or ""
        try:
            meeting_ops.cancel_meeting(
                meeting, current_user, form.reason.data or "other", note, form.language.data or "da"
            )
        except meeting_ops.MeetingError:
            flash(_("Samtalen er begyndt eller allerede aflyst."), "warning")
        else:
            flash(_("Samtalen er aflyst. Borgeren får besked i sin indbakke."), "success")
        return redirect(url_for("caseworker.citizen", citizen_id=meeting.citizen_id))
    if not form.is_submitted():
        record_staff_read(current_user, meeting.citizen_id, "overview", "case_work")
    return render_template("caseworker/cancel_meeting.html", meeting=meeting, form=form), (
        422 if form.errors else 200
    )


@bp.route("/reschedule/<int:request_id>", methods=["GET", "POST"])
def reschedule(request_id: int) -> ResponseReturnValue:
    req = db.session.get(RescheduleRequest, request_id)
    if req is None:
        abort(404)
    meeting = _meeting_for_staff(req.meeting_id)
    form = AcceptRescheduleForm()
    if request.method == "POST" and req.status == "pending":
        if request.form.get("decision") == "decline":
            if ConfirmForm().validate_on_submit():
                meeting_ops.decline_reschedule(req, current_user)
                flash(_("Anmodningen er afvist. Samtalen er som aftalt."), "success")
                return redirect(url_for("caseworker.home"))
        elif form.validate_on_submit():
            new_start = local_to_utc(form.day.data, form.clock.data)  # type: ignore[arg-type]
            if new_start <= utcnow():
                form.day.errors = [_("Vælg et tidspunkt i fremtiden.")]
            else:
                meeting_ops.accept_reschedule(req, current_user, new_start)
                flash(_("Samtalen er flyttet. Borgeren kan se den nye tid."), "success")
                return redirect(url_for("caseworker.home"))
    else:
        record_staff_read(current_user, meeting.citizen_id, "reschedule_request", "case_work")
    return render_template(
        "caseworker/reschedule.html", req=req, meeting=meeting, form=form, decline=ConfirmForm()
    ), (422 if form.errors else 200)


@bp.route("/meetings/<int:meeting_id>/calendar.ics")
def calendar(meeting_id: int) -> ResponseReturnValue:
    """The caseworker's calendar file for a meeting (the citizen gets their own)."""
    meeting = _meeting_for_staff(meeting_id)
    summary = _("Samtale med %(name)s", name=meeting.citizen.display_name) + (
        f" ({KIND_NAMES[meeting.kind]})"
    )
    return meeting_calendar_response(
        meeting, uid=f"meeting-{meeting.id}-staff@jobvej", summary=summary
    )


def _caseworker_only() -> None:
    """Availability belongs to a caseworker (an admin has no slots of their own)."""
    if not current_user.has_role(Role.CASEWORKER):
        abort(403)


@bp.route("/availability", methods=["GET", "POST"])
def availability() -> ResponseReturnValue:
    """The caseworker's weekly openings for first meetings, and days off."""
    _caseworker_only()
    form = OpeningForm(prefix="opening")
    day_off = DayOffForm(prefix="dayoff")
    if request.method == "POST" and "opening-weekday" in request.form:
        if form.validate_on_submit():
            try:
                booking.add_opening(
                    current_user,
                    int(form.weekday.data or 0),
                    form.start.data,  # type: ignore[arg-type]
                    form.end.data,  # type: ignore[arg-type]
                    int(form.slot_minutes.data or 60),
                    form.channel.data or "in_person",
                    form.place.data or "",
                )
            except meeting_ops.MeetingError as err:
                form.end.errors = [
                    _("Tidsrummet skal være mindst lige så langt som én samtale.")
                    if err.code == "too_short"
                    else _("Tjek ugedag, tider og samtalens længde.")
                ]
            else:
                flash(_("Dine ledige tider er opdateret."), "success")
                return redirect(url_for("caseworker.availability"))
    elif request.method == "POST" and day_off.validate_on_submit():
        if day_off.day.data < to_local(utcnow()).date():  # type: ignore[operator]
            day_off.day.errors = [_("Vælg en dag i dag eller senere.")]
        else:
            try:
                booking.add_day_off(current_user, day_off.day.data, day_off.note.data or "")  # type: ignore[arg-type]
            except meeting_ops.MeetingError:
                day_off.day.errors = [_("Den dag er allerede lukket.")]
            else:
                flash(_("Dine ledige tider er opdateret."), "success")
                return redirect(url_for("caseworker.availability"))
    openings = booking.openings_of(current_user.id)
    mine = [s for s in booking.available_slots() if s.caseworker_id == current_user.id]
    return render_template(
        "caseworker/availability.html",
        form=form,
        day_off=day_off,
        openings=openings,
        days_off=booking.exceptions_of(current_user.id, to_local(utcnow()).date()),
        weekday_names=WEEKDAY_NAMES,
        open_count=len(mine),
        next_open=mine[0] if mine else None,
        confirm=ConfirmForm(),
    ), (422 if form.errors or day_off.errors else 200)


@bp.route("/availability/openings/<int:opening_id>/delete", methods=["POST"])
def remove_opening(opening_id: int) -> ResponseReturnValue:
    _caseworker_only()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not booking.remove_opening(current_user, opening_id):
        abort(404)
    flash(_("Dine ledige tider er opdateret."), "success")
    return redirect(url_for("caseworker.availability"))


@bp.route("/availability/days-off/<int:exception_id>/delete", methods=["POST"])
def remove_day_off(exception_id: int) -> ResponseReturnValue:
    _caseworker_only()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not booking.remove_day_off(current_user, exception_id):
        abort(404)
    flash(_("Dine ledige tider er opdateret."), "success")
    return redirect(url_for("caseworker.availability"))


@bp.route("/call-requests/")
def call_requests() -> ResponseReturnValue:
    """Citizens who asked to be called to book their first meeting."""
    return render_template(
        "caseworker/call_requests.html",
        requests=booking.open_call_requests(),
        confirm=ConfirmForm(),
    )


@bp.route("/call-requests/<int:request_id>/take", methods=["POST"])
def take_call_request(request_id: int) -> ResponseReturnValue:
    """Take a call request: the citizen is assigned to you; then call and book."""
    _caseworker_only()
    req = db.session.get(CallRequest, request_id)
    if req is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        booking.take_call_request(req, current_user)
    except meeting_ops.MeetingError:
        flash(_("En anden sagsbehandler har allerede taget opkaldet."), "warning")
        return redirect(url_for("caseworker.call_requests"))
    flash(_("Borgeren er nu tildelt dig. Ring og book samtalen."), "success")
    return redirect(url_for("caseworker.book_meeting", citizen_id=req.citizen_id))
