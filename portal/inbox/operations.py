"""Writes of the inbox."""

from __future__ import annotations

from portal.extensions import db
from portal.models.handoff import HandoffCase
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
