"""Writes of the inbox."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db
from portal.models.handoff import CaseReply, HandoffCase
from portal.models.meetings import Meeting
from portal.models.user import utcnow


def mark_replies_read(case: HandoffCase) -> int:
    """Mark the case's unread replies as read by its owner; return how many."""
    now = utcnow()
    count = 0
    for reply in case.replies:
        if reply.read_at is None:
            reply.read_at = now
            count += 1
    if count:
        db.session.commit()
    return count


def unread_reply_count(user_id: int) -> int:
    """How many answers from staff the user has not opened yet (all their cases)."""
    count = db.session.scalar(
        select(func.count())
        .select_from(CaseReply)
        .join(HandoffCase, CaseReply.case_id == HandoffCase.id)
        .where(HandoffCase.user_id == user_id, CaseReply.read_at.is_(None))
    )
    return int(count or 0)


def unseen_cancellation_count(user_id: int) -> int:
    """How many of the user's meetings staff cancelled that the user has not seen yet."""
    count = db.session.scalar(
        select(func.count())
        .select_from(Meeting)
        .where(
            Meeting.citizen_id == user_id,
            Meeting.status == "cancelled",
            Meeting.cancel_seen_at.is_(None),
        )
    )
    return int(count or 0)
