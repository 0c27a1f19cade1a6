"""Caseworkers' writes about a citizen they serve (beyond meetings and cases)."""

from __future__ import annotations

import datetime as dt

from flask import request

from portal.domain.support import Problem, SupportInput, check_support
from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.support import CitizenSupport
from portal.models.user import User


class SupportError(ValueError):
    """The entry was refused; `problems` say which field and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(f"{p.field}:{p.code}" for p in problems))
        self.problems = problems


def support_of(citizen_id: int) -> CitizenSupport | None:
    """What is recorded about the citizen's support (None: nothing yet)."""
    return db.session.get(CitizenSupport, citizen_id)


def record_support(
    staff: User, citizen: User, entry: SupportInput, today: dt.date
) -> CitizenSupport:
    """Store the citizen's target group, benefit and spell start (checked by
    portal.domain.support), and write the change to the citizen's audit log. Commits.
    The caller has checked that `staff` serves the citizen."""
    problems = check_support(entry, today)
    if problems:
        raise SupportError(problems)
    row = support_of(citizen.id)
    if row is None:
        row = CitizenSupport(citizen_id=citizen.id)
        db.session.add(row)
    row.target_group = entry.target_group or None
    row.benefit = entry.benefit or None
    row.support_since = entry.support_since
    db.session.add(
        AuditEntry(
            citizen_id=citizen.id,
            actor_id=staff.id,
            actor_role=staff.role.value,
            actor_name=staff.display_name or staff.email,
            what="support",
            purpose="case_work",
            route=(request.path if request else "")[:300],
        )
    )
    db.session.commit()
    return row
