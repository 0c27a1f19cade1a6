"""The user's inbox: answers from caseworkers to the questions they handed over."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import func, select

from portal.assistant.operations import get_routing
from portal.auth.access import protect_blueprint
from portal.extensions import db
from portal.inbox.operations import (
    mark_replies_read,
    unread_reply_count,
    unseen_cancellation_count,
)
from portal.meetings.operations import cancellations_by_staff, mark_cancellations_seen
from portal.models.handoff import CaseReply, HandoffCase
from portal.models.user import Role

bp = Blueprint("inbox", __name__, url_prefix="/<lang_code>/inbox")


# Any logged-in user has an inbox; each sees only the cases they own.
protect_blueprint(bp, *Role)


@bp.app_context_processor
def inbox_context() -> dict[str, object]:
    """`inbox_unread()` for the header and home pages: unread answers of the logged-in user
    (computed only when a template asks)."""

    def inbox_unread() -> int:
        if not current_user.is_authenticated:
            return 0
        return unread_reply_count(current_user.id)

    def inbox_cancellations() -> int:
        if not current_user.is_authenticated:
            return 0
        return unseen_cancellation_count(current_user.id)

    return {"inbox_unread": inbox_unread, "inbox_cancellations": inbox_cancellations}


@bp.route("/")
def index() -> ResponseReturnValue:
    cases = db.session.scalars(
        select(HandoffCase)
        .where(HandoffCase.user_id == current_user.id)
        .order_by(HandoffCase.created_at.desc(), HandoffCase.id.desc())
    ).all()
    unread = dict(
        db.session.execute(
            select(CaseReply.case_id, func.count())
            .join(HandoffCase, CaseReply.case_id == HandoffCase.id)
            .where(HandoffCase.user_id == current_user.id, CaseReply.read_at.is_(None))
            .group_by(CaseReply.case_id)
        ).all()
    )
    from portal.match.operations import requests_for_citizen
    from portal.match.views import view_names

    match_requests = (
        requests_for_citizen(current_user.id) if current_user.has_role(Role.CITIZEN) else []
    )
    cancellations = cancellations_by_staff(current_user.id)
    new_cancellations = {m.id for m in cancellations if m.cancel_seen_at is None}
    if new_cancellations:
        mark_cancellations_seen(current_user.id)
    return render_template(
        "inbox/index.html",
        cases=cases,
        unread=unread,
        teams=get_routing().teams,
        match_requests=match_requests,
        match_names=view_names(),
        cancellations=cancellations,
        new_cancellations=new_cancellations,
    )


@bp.route("/<int:case_id>")
def case(case_id: int) -> ResponseReturnValue:
    item = db.session.get(HandoffCase, case_id)
    if item is None or item.user_id != current_user.id:
        abort(404)
    replies = list(item.replies)
    newly_read = {r.id for r in replies if r.read_at is None}
    mark_replies_read(item)
    return render_template(
        "inbox/case.html",
        case=item,
        replies=replies,
        newly_read=newly_read,
        team=get_routing().teams.get(item.team),
    )
