"""`jobvej purge` removes exactly what has expired: old transcripts, cases closed long
enough ago (with their replies and access log), old audit entries, and the pseudonymised
audit entries of deleted accounts after their own period. Nothing else."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select

from portal.assistant.operations import create_handoff_case
from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.handoff import (
    CaseAccessLog,
    CaseReply,
    CaseSource,
    CaseStatus,
    Conversation,
    HandoffCase,
)
from portal.models.user import Role, User, utcnow
from portal.privacy.operations import delete_account
from portal.retention import RetentionPeriods, purge_expired
from tests.conftest import create_test_user

NOW = utcnow()
PERIODS = RetentionPeriods(transcripts=90, closed_cases=365, audit=1825, audit_after_deletion=183)


def _conversation(days_ago: float, text: str) -> Conversation:
    conversation = Conversation(
        session_id=f"s{abs(hash(text))}xxxxxxxxxxxxxxxx",
        language="da",
        transcript=[{"sender": "user", "text": text, "timestamp": "x"}],
        topic_ids=["cv"],
        last_message_at=NOW - timedelta(days=days_ago),
    )
    db.session.add(conversation)
    db.session.commit()
    return conversation


def _case(closed_days_ago: float | None, name: str, staff: User) -> HandoffCase:
    case = create_handoff_case(
        source=CaseSource.LEFT_MESSAGE,
        language="da",
        topic_id=None,
        name=name,
        contact=f"{name}@example.dk",
        message="Ring til mig",
        consent_to_share=True,
        now=NOW - timedelta(days=800),
    )
    db.session.add(CaseReply(case_id=case.id, author_id=staff.id, body="Vi ringer i morgen"))
    db.session.add(CaseAccessLog(case_id=case.id, staff_id=staff.id, action="read"))
    if closed_days_ago is not None:
        case.status = CaseStatus.CLOSED
        case.closed_at = NOW - timedelta(days=closed_days_ago)
    db.session.commit()
    return case


def _audit(citizen: User, staff: User, days_ago: float, what: str) -> None:
    db.session.add(
        AuditEntry(
            citizen_id=citizen.id,
            actor_id=staff.id,
            actor_role="caseworker",
            what=what,
            purpose="meeting",
            created_at=NOW - timedelta(days=days_ago),
        )
    )
    db.session.commit()


def _count(model: type) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def test_purge_removes_only_what_has_expired(app: Flask) -> None:
    staff = create_test_user(Role.CASEWORKER, team="general")
    citizen = create_test_user(Role.CITIZEN)
    leaving = create_test_user(Role.CITIZEN)
    old_chat = _conversation(91, "gammel").id
    new_chat = _conversation(89, "ny").id
    old_closed = _case(366, "gammel", staff).id
    recent_closed = _case(364, "nylig", staff).id
    still_open = _case(None, "aaben", staff).id
    _audit(citizen, staff, 1826, "old-read")
    _audit(citizen, staff, 1600, "recent-read")
    _audit(leaving, staff, 10, "about-leaver")
    delete_account(leaving)  # its entry is kept, pseudonymised, from now on
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.what == "about-leaver")).one()
    assert entry.citizen_id is None and entry.former_citizen_id is not None

    report = purge_expired(PERIODS, now=NOW)
    assert (report.transcripts, report.closed_cases, report.audit_entries) == (1, 1, 1)
    assert report.audit_entries_of_deleted_accounts == 0  # deleted just now: kept 183 days
    assert db.session.get(Conversation, old_chat).transcript == []
    assert db.session.get(Conversation, new_chat).transcript[0]["text"] == "ny"
    assert db.session.get(HandoffCase, old_closed) is None
    assert db.session.get(HandoffCase, recent_closed) is not None
    assert db.session.get(HandoffCase, still_open) is not None
    remaining_case_ids = {r.case_id for r in db.session.scalars(select(CaseReply))}
    assert remaining_case_ids == {recent_closed, still_open}
    assert {r.case_id for r in db.session.scalars(select(CaseAccessLog))} == remaining_case_ids
    whats = {e.what for e in db.session.scalars(select(AuditEntry))}
    assert whats == {"recent-read", "about-leaver"}

    # Idempotent: the same run again removes nothing more.
    again = purge_expired(PERIODS, now=NOW)
    assert (again.transcripts, again.closed_cases, again.audit_entries) == (0, 0, 0)
    assert again.closed_case_transcripts == 0

    # 183 days after the account was deleted its audit entries go too.
    later = purge_expired(PERIODS, now=NOW + timedelta(days=184))
    assert later.audit_entries_of_deleted_accounts == 1
    assert {e.what for e in db.session.scalars(select(AuditEntry))} == {"recent-read"}
    assert _count(User) == 2


def test_purge_command_is_safe_for_cron(app: Flask) -> None:
    staff = create_test_user(Role.CASEWORKER, team="general")
    _case(400, "gammel", staff)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["jobvej", "purge"])
    assert first.exit_code == 0, first.output
    assert "closed cases deleted: 1" in first.output
    second = runner.invoke(args=["jobvej", "purge"])
    assert second.exit_code == 0 and "closed cases deleted: 0" in second.output
    refused = runner.invoke(args=["jobvej", "purge", "--case-days", "-1"])
    assert refused.exit_code != 0 and "days must be 0 or more" in refused.output
