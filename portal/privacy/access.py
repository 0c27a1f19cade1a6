"""Least access for staff: who may read which citizen's data, and the audit of every read."""

from __future__ import annotations

from flask import abort, request
from sqlalchemy import Select, or_, select

from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.sharing import Assignment, Sharing
from portal.models.user import Role, User

# What a staff member read, and why (codes; the citizen's page shows them translated).
WHAT = (
    "overview",
    "journal",
    "progress",
    "meeting_brief",
    "reschedule_request",
    "handoff_case",
    "match_profile",
    "match_request",
    "support",
)
PURPOSES = ("case_work", "meeting_preparation", "match")


def assignment_of(citizen_id: int) -> Assignment | None:
    """The citizen's assignment to a caseworker and/or team, if any."""
    return db.session.scalars(select(Assignment).where(Assignment.citizen_id == citizen_id)).first()


def assigned_citizens_query(staff: User) -> Select[tuple[int]]:
    """Ids of citizens assigned to `staff` personally or to their team."""
    conditions = [Assignment.caseworker_id == staff.id]
    if staff.team:
        conditions.append(Assignment.team == staff.team)
    return select(Assignment.citizen_id).where(or_(*conditions))


def is_assigned(staff: User, citizen_id: int) -> bool:
    """True when `staff` is a caseworker serving this citizen (personally or via team)."""
    if not staff.has_role(Role.CASEWORKER):
        return False
    assignment = assignment_of(citizen_id)
    if assignment is None:
        return False
    if assignment.caseworker_id == staff.id:
        return True
    return bool(assignment.team and staff.team and assignment.team == staff.team)


def serving_staff(citizen_id: int) -> tuple[User | None, str | None]:
    """Who can see what the citizen shares, now: the assigned caseworker (or None) and the
    team id (or None). (None, None): shared with the job service, nobody assigned yet."""
    assignment = assignment_of(citizen_id)
    if assignment is None:
        return None, None
    caseworker = (
        db.session.get(User, assignment.caseworker_id) if assignment.caseworker_id else None
    )
    return caseworker, assignment.team or (caseworker.team if caseworker else None)


def sharing_of(citizen_id: int) -> Sharing:
    """The citizen's sharing choices (a transient all-private object if never set)."""
    sharing = db.session.get(Sharing, citizen_id)
    return sharing or Sharing(citizen_id=citizen_id, journal=False, progress=False)


def assigned_citizen_or_404(staff: User, citizen_id: int) -> User:
    """The citizen, if `staff` serves them; 404 otherwise (so ids cannot be probed)."""
    citizen = db.session.get(User, citizen_id)
    if citizen is None or citizen.role is not Role.CITIZEN or not is_assigned(staff, citizen_id):
        abort(404)
    return citizen


def require_shared(citizen_id: int, scope: str) -> None:
    """403 unless the citizen shares `scope` ("journal" or "progress")."""
    if not getattr(sharing_of(citizen_id), scope):
        abort(403)


def record_staff_read(staff: User, citizen_id: int, what: str, purpose: str) -> AuditEntry:
    """Write (and commit) an audit entry for a staff read of a citizen's data."""
    if what not in WHAT or purpose not in PURPOSES:
        raise ValueError(f"unknown audit code {what}/{purpose}")
    entry = AuditEntry(
        citizen_id=citizen_id,
        actor_id=staff.id,
        actor_role=staff.role.value,
        actor_name=staff.display_name or staff.email,
        what=what,
        purpose=purpose,
        route=(request.path if request else "")[:300],
    )
    db.session.add(entry)
    db.session.commit()
    return entry
