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
from portal.domain.meetings import as_utc, local_to_utc, to_local
from portal.extensions import db
from portal.journal.forms import ConfirmForm
from portal.journal.operations import entries_by_section
from portal.meetings import operations as meeting_ops
from portal.meetings.forms import AcceptRescheduleForm, BookMeetingForm
from portal.models.handoff import CaseStatus, HandoffCase
from portal.models.meetings import Meeting, Preparation, RescheduleRequest
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

bp = Blueprint("caseworker", __name__, url_prefix="/<lang_code>/caseworker")
protect_blueprint(bp, Role.CASEWORKER, Role.ADMIN)

RECENT_APPLICATIONS = 5


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
    today = [m for m in meetings if as_utc(m.starts_at) < tomorrow_start]
    upcoming = [m for m in meetings if as_utc(m.starts_at) >= tomorrow_start]
    return render_template(
        "caseworker/home.html",
        today=today,
        upcoming=upcoming,
        prepared=prepared,
        requests=requests,
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


@bp.route("/citizens/<int:citizen_id>")
def citizen(citizen_id: int) -> ResponseReturnValue:
    person = assigned_citizen_or_404(current_user, citizen_id)
    record_staff_read(current_user, person.id, "overview", "case_work")
    return render_template(
        "caseworker/citizen.html",
        person=person,
        meetings=meeting_ops.citizen_meetings(person.id),
        sharing=sharing_of(person.id),
    )


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
            meeting_ops.book_meeting(
                person,
                current_user,
                starts_at,
                form.place.data or "",
                form.channel.data or "in_person",
                form.kind.data or "first",
                form.duration.data or 60,
            )
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
