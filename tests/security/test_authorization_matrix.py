"""Who may use which route: every route × anonymous and every role, from one table.

Adding a route without an entry here fails `test_every_route_has_an_entry`: decide who may
use it, then add it. The walk also checks that no route, used by anyone, changes the
audit log, and that ids too large for the database are a 404, never a 500.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.routing import Rule

from portal.extensions import db
from portal.models.audit import AuditEntry, AuditLogIsAppendOnly
from portal.models.user import Role, User
from tests.conftest import create_test_user, login

ANON = "anonymous"
CITIZEN, EMPLOYER, CASEWORKER, ADMIN = (r.value for r in Role)
EVERYONE = frozenset({ANON, CITIZEN, EMPLOYER, CASEWORKER, ADMIN})
LOGGED_IN = EVERYONE - {ANON}
STAFF = frozenset({CASEWORKER, ADMIN})
ONLY_CITIZEN = frozenset({CITIZEN})
ONLY_EMPLOYER = frozenset({EMPLOYER})
ONLY_ADMIN = frozenset({ADMIN})
ONLY_CASEWORKER = frozenset({CASEWORKER})
# The business service's match page: admins and caseworkers on the team content/routing.yaml
# sends employer requests to. The matrix's caseworker is on "general", so is refused here;
# tests/match/test_match.py checks that a business-service caseworker is let in.
BUSINESS_SERVICE = ONLY_ADMIN
TOKEN = "assistant token"  # the action server's Bearer token, no user session

# endpoint -> who may use it. Per-object checks (your own journal entry, your team's case)
# come on top and are tested in the features' own tests (tests/citizen/test_isolation.py).
MATRIX: dict[str, frozenset[str] | str] = {
    "main.root": EVERYONE,
    "main.home": EVERYONE,
    "main.healthz": EVERYONE,
    "main.accessibility": EVERYONE,
    "auth.login": EVERYONE,
    "auth.logout": EVERYONE,
    "auth.register": EVERYONE,
    "auth.account": LOGGED_IN,
    "auth.accept_invitation": EVERYONE,  # the one-time token is the key (unknown: 404)
    "help.index": EVERYONE,
    "help.topic": EVERYONE,
    "calculators.index": EVERYONE,
    "calculators.calculator": EVERYONE,
    "assistant.page": EVERYONE,
    "assistant.send": EVERYONE,
    "assistant.leave_message": EVERYONE,
    "citizen.home": ONLY_CITIZEN,
    "journal.index": ONLY_CITIZEN,
    "journal.new": ONLY_CITIZEN,
    "journal.edit": ONLY_CITIZEN,
    "journal.delete": ONLY_CITIZEN,
    "journal.sharing": ONLY_CITIZEN,
    "meetings.index": ONLY_CITIZEN,
    "meetings.calendar": ONLY_CITIZEN,
    "meetings.reschedule": ONLY_CITIZEN,
    "meetings.cancel": ONLY_CITIZEN,
    "meetings.book": ONLY_CITIZEN,
    "meetings.call_me": ONLY_CITIZEN,
    "preparation.edit": ONLY_CITIZEN,
    "preparation.first": ONLY_CITIZEN,
    "progress.index": ONLY_CITIZEN,
    "progress.sharing": ONLY_CITIZEN,
    "privacy.index": ONLY_CITIZEN,
    "privacy.access_log": ONLY_CITIZEN,
    "privacy.delete_account": ONLY_CITIZEN,
    "privacy.export_html": ONLY_CITIZEN,
    "privacy.export_json": ONLY_CITIZEN,
    "inbox.index": LOGGED_IN,
    "inbox.case": LOGGED_IN,
    "employer.home": ONLY_EMPLOYER,
    "recruitment.request_form": ONLY_EMPLOYER,
    "match.index": ONLY_CITIZEN,
    "match.preview": ONLY_CITIZEN,
    "match.publish": ONLY_CITIZEN,
    "match.pause": ONLY_CITIZEN,
    "match.delete": ONLY_CITIZEN,
    "match.request_detail": ONLY_CITIZEN,
    "match.answer": ONLY_CITIZEN,
    "match.message": ONLY_CITIZEN,
    "match.report": ONLY_CITIZEN,
    # an unverified employer (as here) is sent to verification for search and profiles
    "talent.verification": ONLY_EMPLOYER,
    "talent.search": ONLY_EMPLOYER,
    "talent.profile": ONLY_EMPLOYER,
    "talent.send_request": ONLY_EMPLOYER,
    "talent.requests": ONLY_EMPLOYER,
    "talent.request_detail": ONLY_EMPLOYER,
    "talent.message": ONLY_EMPLOYER,
    "business_match.index": BUSINESS_SERVICE,
    "business_match.decide": BUSINESS_SERVICE,
    "caseworker.home": STAFF,
    "caseworker.citizens": STAFF,
    "caseworker.citizen": STAFF,
    "caseworker.record_support": STAFF,  # only for a citizen they serve (else 404)
    "caseworker.journal": STAFF,
    "caseworker.book_meeting": STAFF,
    "caseworker.progress": STAFF,
    "caseworker.brief": STAFF,
    "caseworker.reschedule": STAFF,
    "caseworker.cancel_meeting": STAFF,
    "caseworker.calendar": STAFF,
    "caseworker.availability": ONLY_CASEWORKER,  # an admin has no slots of their own
    "caseworker.remove_opening": ONLY_CASEWORKER,
    "caseworker.remove_day_off": ONLY_CASEWORKER,
    "caseworker.call_requests": STAFF,
    "caseworker.take_call_request": ONLY_CASEWORKER,
    "queues.index": STAFF,
    "queues.case": STAFF,
    "queues.claim": STAFF,
    "queues.close": STAFF,
    "queues.release": STAFF,
    "queues.reply": STAFF,
    "insight.index": STAFF,
    "steering.index": ONLY_ADMIN,  # managers are admins (README: Effect steering)
    "steering.key_figures_csv": ONLY_ADMIN,
    "steering.refund": ONLY_ADMIN,
    "admin.home": ONLY_ADMIN,
    "admin.assignments": ONLY_ADMIN,
    "admin.waiting": ONLY_ADMIN,
    "admin.teams": ONLY_ADMIN,
    "admin.team": ONLY_ADMIN,
    "admin.add_member": ONLY_ADMIN,
    "admin.remove_member": ONLY_ADMIN,
    "admin.team_auto_assign": ONLY_ADMIN,
    "admin.new_staff": ONLY_ADMIN,
    "api_topics.topics": EVERYONE,
    "api_topics.topic": EVERYONE,
    "api_calculators.index": EVERYONE,
    "api_calculators.run": EVERYONE,
    "api_openapi.openapi": EVERYONE,
    "api_assistant.messages": EVERYONE,
    "api_assistant.parse": EVERYONE,
    "api_assistant.leave_message": EVERYONE,
    "api_assistant.case_replies": EVERYONE,  # needs the chat's own session id (else 404)
    "api_assistant.create_handoff_case": TOKEN,
    "static": EVERYONE,
}

SAMPLE_VALUES = {
    "lang_code": "da",
    "name": "dagpenge",
    "topic_id": "cv",
    "section": "goal",
    "filename": "js/chat.js",
    "team_id": "general",
    "token": "no-such-invitation",
}
MISSING_ID = 999_999
TOO_LARGE_IDS = (2**63, 2**64 + 5, 10**30)


def _rules(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint == "auth.logout", r.rule))


def _url(rule: Rule, id_value: int = MISSING_ID) -> str:
    values: dict[str, Any] = {}
    for argument in rule.arguments:
        converter = rule._converters[argument]  # noqa: SLF001
        values[argument] = (
            id_value
            if type(converter).__name__.endswith("IntegerConverter")
            else (SAMPLE_VALUES[argument])
        )
    path = rule.rule
    for key, value in values.items():
        path = path.replace(f"<int:{key}>", str(value)).replace(f"<path:{key}>", str(value))
        path = path.replace(f"<{key}>", str(value))
    return path


def _methods(rule: Rule) -> list[str]:
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def _call(client: FlaskClient, method: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        return client.post(url, json={})
    return client.post(url, data={})


@pytest.fixture
def clients(app: Flask) -> dict[str, FlaskClient]:
    result = {ANON: app.test_client()}
    for role in Role:
        user = create_test_user(role, team="general" if role is Role.CASEWORKER else None)
        client = app.test_client()
        login(client, user)
        result[role.value] = client
    return result


def test_every_route_has_an_entry(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(MATRIX))
    assert not missing, f"routes without an authorization entry (add them to MATRIX): {missing}"
    stale = sorted(set(MATRIX) - endpoints)
    assert not stale, f"MATRIX names routes that no longer exist: {stale}"


def _refused(response: Any, who: str) -> bool:
    if response.status_code in (401, 403):
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and "/login" in location and who == ANON


def _audit_rows() -> list[tuple[Any, ...]]:
    rows = db.session.execute(select(AuditEntry.__table__).order_by(AuditEntry.id)).all()
    return [tuple(row) for row in rows]


def test_every_route_for_every_role(app: Flask, clients: dict[str, FlaskClient]) -> None:
    citizen = db.session.scalars(select(User).where(User.role == Role.CITIZEN)).first()
    staff = db.session.scalars(select(User).where(User.role == Role.CASEWORKER)).first()
    assert citizen is not None and staff is not None
    db.session.add(
        AuditEntry(
            citizen_id=citizen.id,
            actor_id=staff.id,
            actor_role="caseworker",
            actor_name="Test",
            what="journal",
            purpose="meeting",
            route="/x",
        )
    )
    db.session.commit()
    before = _audit_rows()
    problems = []
    for rule in _rules(app):
        allowed = MATRIX[rule.endpoint]
        for method in _methods(rule):
            url = _url(rule)
            for who, client in clients.items():
                response = _call(client, method, url)
                if response.status_code >= 500:
                    problems.append(f"{method} {url} as {who}: {response.status_code}")
                    continue
                should_pass = who in allowed if allowed != TOKEN else False
                if should_pass == _refused(response, who):
                    problems.append(
                        f"{method} {url} as {who}: {response.status_code} "
                        f"{'refused' if should_pass else 'allowed'}"
                    )
    assert not problems, "\n".join(problems)
    db.session.expire_all()
    after = _audit_rows()
    assert after[: len(before)] == before, "a route changed or deleted audit-log entries"


def test_ids_too_large_for_the_database_are_404_for_everyone(
    app: Flask, clients: dict[str, FlaskClient]
) -> None:
    problems = []
    for rule in _rules(app):
        if not any(
            type(rule._converters[a]).__name__.endswith("IntegerConverter")  # noqa: SLF001
            for a in rule.arguments
        ):
            continue
        for method in _methods(rule):
            for huge in TOO_LARGE_IDS:
                url = _url(rule, huge)
                for who, client in clients.items():
                    status = _call(client, method, url).status_code
                    if status != 404:
                        problems.append(f"{method} {url} as {who}: {status}")
    assert not problems, "\n".join(problems)


def test_the_handoff_api_refuses_sessions_and_accepts_the_token(
    app: Flask, clients: dict[str, FlaskClient]
) -> None:
    for client in clients.values():
        assert client.post("/api/v1/handoff-cases", json={}).status_code == 401
    with_token = clients[ANON].post(
        "/api/v1/handoff-cases",
        json={},
        headers={"Authorization": "Bearer test-assistant-token"},
    )
    assert with_token.status_code == 422


def test_the_audit_log_cannot_be_changed_or_deleted_by_application_code(
    app: Flask, citizen: User, caseworker: User
) -> None:
    entry = AuditEntry(
        citizen_id=citizen.id,
        actor_id=caseworker.id,
        actor_role="caseworker",
        what="journal",
        purpose="meeting",
    )
    db.session.add(entry)
    db.session.commit()
    entry.what = "nothing"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry.id))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).what == "journal"
