"""Caseworkers' work on handoff cases: access rules, claim, reply, close, audit."""

from __future__ import annotations

from flask import abort, request
from sqlalchemy import Select, false, select

from portal.domain.cpr import redact_cpr
from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.handoff import CaseAccessLog, CaseReply, CaseStatus, HandoffCase
from portal.models.user import Role, User, utcnow


class QueueError(ValueError):
    """A queue action was refused; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def can_work_on(staff: User, case: HandoffCase) -> bool:
    """Admins see every queue; a caseworker only their own team's queue."""
    if staff.has_role(Role.ADMIN):
        return True
    return staff.has_role(Role.CASEWORKER) and bool(staff.team) and staff.team == case.team


def case_for_staff_or_404(staff: User, case_id: int) -> HandoffCase:
    """The case, if `staff` may work on it; 404 otherwise (ids cannot be probed)."""
    case = db.session.get(HandoffCase, case_id)
    if case is None or not can_work_on(staff, case):
        abort(404)
    return case


def queue_query(staff: User, team: str | None = None) -> Select[tuple[HandoffCase]]:
    """Cases `staff` may see, optionally one team's (admins), newest first."""
    stmt = select(HandoffCase).order_by(HandoffCase.created_at.desc(), HandoffCase.id.desc())
    if staff.has_role(Role.ADMIN):
        return stmt.where(HandoffCase.team == team) if team else stmt
    if not staff.team:
        return stmt.where(false())
    return stmt.where(HandoffCase.team == staff.team)


def log_case_access(staff: User, case: HandoffCase, action: str) -> None:
    """Audit a staff read or change of a case (and, for a citizen's case, in the citizen's
    own audit trail). Commits."""
    db.session.add(CaseAccessLog(case_id=case.id, staff_id=staff.id, action=action))
    if action == "read" and case.user_id is not None:
        owner = db.session.get(User, case.user_id)
        if owner is not None and owner.role is Role.CITIZEN:
            db.session.add(
                AuditEntry(
                    citizen_id=owner.id,
                    actor_id=staff.id,
                    actor_role=staff.role.value,
                    actor_name=staff.display_name or staff.email,
                    what="handoff_case",
                    purpose="case_work",
                    route=(request.path if request else "")[:300],
                )
            )
    db.session.commit()


def claim_case(staff: User, case: HandoffCase) -> None:
    """Take an open case; refused when closed or claimed by someone else."""
    if not can_work_on(staff, case):
        raise QueueError("not_your_team")
    if case.status is CaseStatus.CLOSED:
        raise QueueError("closed")
    if case.status is CaseStatus.CLAIMED and case.claimed_by_id != staff.id:
        raise QueueError("claimed_by_other")
    case.status = CaseStatus.CLAIMED
    case.claimed_by_id = staff.id
    case.claimed_at = utcnow()
    db.session.add(CaseAccessLog(case_id=case.id, staff_id=staff.id, action="claim"))
    db.session.commit()


def release_case(staff: User, case: HandoffCase) -> None:
    """Put a claimed case back in the queue (the claimer or an admin)."""
    if case.status is not CaseStatus.CLAIMED:
        raise QueueError("not_claimed")
    if case.claimed_by_id != staff.id and not staff.has_role(Role.ADMIN):
        raise QueueError("claimed_by_other")
    case.status = CaseStatus.OPEN
    case.claimed_by_id = None
    case.claimed_at = None
    db.session.add(CaseAccessLog(case_id=case.id, staff_id=staff.id, action="release"))
    db.session.commit()


def _require_holder(staff: User, case: HandoffCase) -> None:
    if not can_work_on(staff, case):
        raise QueueError("not_your_team")
    if case.status is CaseStatus.CLOSED:
        raise QueueError("closed")
    if case.status is CaseStatus.OPEN:
        claim_case(staff, case)  # replying to an open case takes it
    elif case.claimed_by_id != staff.id and not staff.has_role(Role.ADMIN):
        raise QueueError("claimed_by_other")


def reply_to_case(staff: User, case: HandoffCase, body: str) -> CaseReply:
    """Answer the citizen (CPR-redacted); the first reply's time is kept for insight."""
    _require_holder(staff, case)
    text = redact_cpr(body.strip())
    if not text:
        raise QueueError("empty")
    now = utcnow()
    reply = CaseReply(case_id=case.id, author_id=staff.id, body=text, created_at=now)
    db.session.add(reply)
    if case.first_reply_at is None:
        case.first_reply_at = now
    db.session.add(CaseAccessLog(case_id=case.id, staff_id=staff.id, action="reply"))
    db.session.commit()
    return reply


def close_case(staff: User, case: HandoffCase) -> None:
    """Close a case (the caseworker holding it, or an admin)."""
    _require_holder(staff, case)
    case.status = CaseStatus.CLOSED
    case.closed_at = utcnow()
    db.session.add(CaseAccessLog(case_id=case.id, staff_id=staff.id, action="close"))
    db.session.commit()
