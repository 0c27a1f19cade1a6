"""Deleting what has been kept long enough (run daily: `flask --app portal jobvej purge`).

- Chat transcripts: JOBVEJ_TRANSCRIPT_RETENTION_DAYS after the last message (the
  conversation keeps only counts, language and topics for insight; portal.assistant.operations).
- Closed handoff cases: JOBVEJ_CASE_RETENTION_DAYS after closing, deleted with their
  replies and everything else that belongs to them. Open cases are never deleted.
- Audit log: entries about existing accounts after JOBVEJ_AUDIT_RETENTION_DAYS; entries
  about deleted accounts (kept pseudonymised, see portal/models/audit.py) after
  JOBVEJ_AUDIT_RETENTION_AFTER_DELETION_DAYS from the deletion.

Safe from cron: one transaction, idempotent (a second run deletes nothing more), only rows
whose period is over, and a run at the same time as another does no harm.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select

from portal.assistant.operations import purge_transcripts
from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.handoff import CaseStatus, HandoffCase
from portal.models.user import utcnow


@dataclass(frozen=True)
class RetentionPeriods:
    """Days to keep each kind of record."""

    transcripts: int
    closed_cases: int
    audit: int
    audit_after_deletion: int

    def __post_init__(self) -> None:
        for name, days in vars(self).items():
            if days < 0:
                raise ValueError(f"{name}: days must be 0 or more")


@dataclass(frozen=True)
class RetentionReport:
    """How many records a purge removed."""

    transcripts: int
    closed_case_transcripts: int
    closed_cases: int
    audit_entries: int
    audit_entries_of_deleted_accounts: int

    def summary(self) -> str:
        return (
            f"transcripts purged: {self.transcripts} conversation(s) and "
            f"{self.closed_case_transcripts} closed case(s); closed cases deleted: "
            f"{self.closed_cases}; audit entries deleted: {self.audit_entries} "
            f"(+{self.audit_entries_of_deleted_accounts} of deleted accounts)"
        )


def periods_from_config(config: dict[str, object]) -> RetentionPeriods:
    """The periods configured for the app (portal/config.py)."""
    return RetentionPeriods(
        transcripts=int(config["TRANSCRIPT_RETENTION_DAYS"]),  # type: ignore[call-overload]
        closed_cases=int(config["CASE_RETENTION_DAYS"]),  # type: ignore[call-overload]
        audit=int(config["AUDIT_RETENTION_DAYS"]),  # type: ignore[call-overload]
        audit_after_deletion=int(config["AUDIT_RETENTION_AFTER_DELETION_DAYS"]),  # type: ignore[call-overload]
    )


def _delete_closed_cases(cutoff: dt.datetime) -> int:
    expired = select(HandoffCase.id).where(
        HandoffCase.status == CaseStatus.CLOSED, HandoffCase.closed_at < cutoff
    )
    ids = list(db.session.scalars(expired))
    if not ids:
        return 0
    # Rows that belong to a case (replies, …) go first: SQLite does not cascade by itself.
    cases = HandoffCase.__table__
    for table in reversed(db.metadata.sorted_tables):
        for column in table.columns:
            if any(fk.column.table is cases for fk in column.foreign_keys):
                db.session.execute(delete(table).where(column.in_(ids)))
    db.session.execute(delete(cases).where(cases.c.id.in_(ids)))
    return len(ids)


def purge_expired(periods: RetentionPeriods, now: dt.datetime | None = None) -> RetentionReport:
    """Delete everything whose retention period is over; report the counts."""
    moment = now or utcnow()
    conversations, case_transcripts = purge_transcripts(periods.transcripts, moment)
    closed = _delete_closed_cases(moment - dt.timedelta(days=periods.closed_cases))
    audit = AuditEntry.__table__
    living = db.session.execute(
        delete(audit).where(
            audit.c.citizen_id.is_not(None),
            audit.c.created_at < moment - dt.timedelta(days=periods.audit),
        )
    ).rowcount
    deleted_accounts = db.session.execute(
        delete(audit).where(
            audit.c.citizen_id.is_(None),
            audit.c.citizen_deleted_at < moment - dt.timedelta(days=periods.audit_after_deletion),
        )
    ).rowcount
    db.session.commit()
    db.session.expire_all()
    return RetentionReport(
        transcripts=conversations,
        closed_case_transcripts=case_transcripts,
        closed_cases=closed,
        audit_entries=int(living or 0),
        audit_entries_of_deleted_accounts=int(deleted_accounts or 0),
    )
