"""Reads and writes of digital match (each write commits)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask import request
from sqlalchemy import func, select

from portal.assistant.operations import get_routing
from portal.domain import routing
from portal.domain.match import (
    REQUEST_KINDS,
    JournalLine,
    ProfileData,
    Search,
    Wishes,
    build_profile,
    matches,
    normalise_cvr,
)
from portal.extensions import db
from portal.models.audit import AuditEntry
from portal.models.journal import JournalEntry
from portal.models.match import ContactRequest, EmployerVerification, MatchMessage, MatchProfile
from portal.models.user import Role, User, utcnow

# The routed topic whose team is the business service (content/routing.yaml).
BUSINESS_TOPIC = "recruitment_help"


class MatchError(Exception):
    """A refused match action; `code` says why (the web layer translates it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# --- citizen: profile -------------------------------------------------------------------


def profile_of(citizen_id: int) -> MatchProfile | None:
    return db.session.scalars(
        select(MatchProfile).where(MatchProfile.citizen_id == citizen_id)
    ).first()


def journal_lines(citizen_id: int) -> list[JournalLine]:
    """The citizen's journal entries a profile may draw on, oldest first."""
    entries = db.session.scalars(
        select(JournalEntry)
        .where(JournalEntry.citizen_id == citizen_id)
        .order_by(JournalEntry.created_at, JournalEntry.id)
    )
    return [
        JournalLine(e.id, e.section, e.title, e.period, e.level, e.organisation) for e in entries
    ]


def save_profile(
    citizen: User, chosen: Iterable[int], show_organisation: Iterable[int], wishes: Wishes
) -> MatchProfile:
    """Build the profile from the citizen's choices. A new or published profile is saved as
    a draft: nothing changes for employers until the citizen has seen the preview and
    publishes again."""
    lines = journal_lines(citizen.id)
    own = {line.id for line in lines}
    chosen_ids = sorted(set(chosen) & own)
    shown_ids = sorted(set(show_organisation) & set(chosen_ids))
    data = build_profile(lines, set(chosen_ids), set(shown_ids), wishes)
    profile = profile_of(citizen.id)
    if profile is None:
        profile = MatchProfile(citizen_id=citizen.id)
        db.session.add(profile)
    profile.data = data.to_dict()
    profile.chosen = chosen_ids
    profile.show_organisation = shown_ids
    profile.status = "draft"
    db.session.commit()
    return profile


def publish_profile(profile: MatchProfile) -> MatchProfile:
    """Show the profile (exactly the previewed snapshot) to verified employers."""
    profile.status = "published"
    profile.published_at = utcnow()
    db.session.commit()
    return profile


def pause_profile(profile: MatchProfile) -> MatchProfile:
    """Hide the profile from searches; pending requests stay answerable."""
    profile.status = "paused"
    db.session.commit()
    return profile


def delete_profile(profile: MatchProfile) -> None:
    """Delete the profile with its requests and message threads."""
    for item in db.session.scalars(
        select(ContactRequest).where(ContactRequest.profile_id == profile.id)
    ):
        db.session.delete(item)
    db.session.delete(profile)
    db.session.commit()


# --- employers: verification -----------------------------------------------------------


def verification_of(employer_id: int) -> EmployerVerification | None:
    return db.session.get(EmployerVerification, employer_id)


def is_verified(user: User) -> bool:
    if not user.has_role(Role.EMPLOYER):
        return False
    verification = verification_of(user.id)
    return verification is not None and verification.status == "approved"


def request_verification(employer: User, cvr: str, company: str) -> EmployerVerification:
    """Ask the business service to verify the employer (again, after a refusal)."""
    verification = verification_of(employer.id)
    if verification is not None and verification.status == "approved":
        raise MatchError("already_verified")
    if verification is None:
        verification = EmployerVerification(employer_id=employer.id)
        db.session.add(verification)
    verification.cvr = normalise_cvr(cvr)
    verification.company = company.strip()
    verification.status = "pending"
    verification.requested_at = utcnow()
    verification.decided_at = None
    verification.decided_by_id = None
    db.session.commit()
    return verification


def decide_verification(
    staff: User, verification: EmployerVerification, approve: bool
) -> EmployerVerification:
    """Approve or refuse a pending verification (business service only)."""
    if not is_business_staff(staff):
        raise MatchError("not_business_service")
    verification.status = "approved" if approve else "rejected"
    verification.decided_by_id = staff.id
    verification.decided_at = utcnow()
    db.session.commit()
    return verification


def business_team_id() -> str:
    return routing.team_for_topic(get_routing(), BUSINESS_TOPIC).id


def is_business_staff(user: User) -> bool:
    """Admins, and caseworkers on the team content/routing.yaml sends employer requests to."""
    if user.has_role(Role.ADMIN):
        return True
    return user.has_role(Role.CASEWORKER) and user.team == business_team_id()


# --- employers: search, view, request --------------------------------------------------


def search_profiles(search: Search) -> list[MatchProfile]:
    """Published profiles that fit the search, newest first. The filter runs on the
    snapshots the citizens published (portal.domain.match.matches)."""
    published = db.session.scalars(
        select(MatchProfile)
        .where(MatchProfile.status == "published")
        .order_by(MatchProfile.published_at.desc(), MatchProfile.id.desc())
    )
    return [p for p in published if matches(ProfileData.from_dict(p.data), search)]


def record_employer_access(employer: User, profile: MatchProfile, what: str) -> AuditEntry:
    """Put an employer's view of a profile, or a request, in the citizen's access log."""
    entry = AuditEntry(
        citizen_id=profile.citizen_id,
        actor_id=employer.id,
        actor_role=employer.role.value,
        actor_name=(employer.organisation or employer.display_name or employer.email)[:120],
        what=what,
        purpose="match",
        route=(request.path if request else "")[:300],
    )
    db.session.add(entry)
    db.session.commit()
    return entry


def view_profile(employer: User, profile_id: int) -> MatchProfile:
    """A published profile for a verified employer; the view is logged for the citizen."""
    if not is_verified(employer):
        raise MatchError("not_verified")
    profile = db.session.get(MatchProfile, profile_id)
    if profile is None or profile.status != "published":
        raise MatchError("not_found")
    record_employer_access(employer, profile, "match_profile")
    return profile


def send_contact_request(
    employer: User, profile_id: int, kind: str, job_title: str, message: str
) -> ContactRequest:
    """A verified employer asks to get in touch; one open request per employer and profile."""
    if not is_verified(employer):
        raise MatchError("not_verified")
    profile = db.session.get(MatchProfile, profile_id)
    if profile is None or profile.status != "published":
        raise MatchError("not_found")
    if kind not in REQUEST_KINDS:
        raise MatchError("bad_kind")
    pending = db.session.scalars(
        select(ContactRequest).where(
            ContactRequest.profile_id == profile.id,
            ContactRequest.employer_id == employer.id,
            ContactRequest.status == "pending",
        )
    ).first()
    if pending is not None:
        raise MatchError("already_pending")
    item = ContactRequest(
        profile_id=profile.id,
        citizen_id=profile.citizen_id,
        employer_id=employer.id,
        kind=kind,
        job_title=job_title.strip(),
        message=message.strip(),
    )
    db.session.add(item)
    db.session.commit()
    record_employer_access(employer, profile, "match_request")
    return item


# --- citizen: answer, report ------------------------------------------------------------


def requests_for_citizen(citizen_id: int) -> list[ContactRequest]:
    return list(
        db.session.scalars(
            select(ContactRequest)
            .where(ContactRequest.citizen_id == citizen_id)
            .order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())
        )
    )


def requests_for_employer(employer_id: int) -> list[ContactRequest]:
    return list(
        db.session.scalars(
            select(ContactRequest)
            .where(ContactRequest.employer_id == employer_id)
            .order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())
        )
    )


def answer_request(
    citizen: User, item: ContactRequest, accept: bool, name: str = "", contact: str = ""
) -> ContactRequest:
    """Accept (sharing the name and contact the citizen typed) or decline, once."""
    if item.citizen_id != citizen.id:
        raise MatchError("not_found")
    if item.status != "pending":
        raise MatchError("already_answered")
    if accept and not name.strip():
        raise MatchError("name_required")
    item.status = "accepted" if accept else "declined"
    item.answered_at = utcnow()
    if accept:
        item.shared_name = name.strip()
        item.shared_contact = contact.strip()
    db.session.commit()
    return item


def report_request(citizen: User, item: ContactRequest, reason: str) -> ContactRequest:
    """Tell the business service that a request looks like misuse."""
    if item.citizen_id != citizen.id:
        raise MatchError("not_found")
    item.reported_at = utcnow()
    item.report_reason = reason.strip()[:1000]
    db.session.commit()
    return item


def post_message(sender: User, item: ContactRequest, body: str) -> MatchMessage:
    """A message in the thread of an accepted request, from the citizen or the employer."""
    if sender.id not in (item.citizen_id, item.employer_id):
        raise MatchError("not_found")
    if item.status != "accepted":
        raise MatchError("not_accepted")
    message = MatchMessage(
        request_id=item.id,
        citizen_id=item.citizen_id,
        employer_id=item.employer_id,
        sender_id=sender.id,
        body=body.strip(),
    )
    db.session.add(message)
    db.session.commit()
    return message


# --- business service -------------------------------------------------------------------


def pending_verifications() -> list[EmployerVerification]:
    return list(
        db.session.scalars(
            select(EmployerVerification)
            .where(EmployerVerification.status == "pending")
            .order_by(EmployerVerification.requested_at)
        )
    )


def all_requests() -> list[ContactRequest]:
    return list(
        db.session.scalars(
            select(ContactRequest).order_by(
                ContactRequest.created_at.desc(), ContactRequest.id.desc()
            )
        )
    )


def outcome_counts() -> dict[str, int]:
    """Requests by status, plus how many were reported."""
    counts = {"pending": 0, "accepted": 0, "declined": 0, "reported": 0}
    for item in all_requests():
        counts[item.status] = counts.get(item.status, 0) + 1
        if item.reported_at is not None:
            counts["reported"] += 1
    return counts


def count_contact_requests(since: datetime, until: datetime) -> tuple[int, int]:
    """Contact requests sent between ``since`` and ``until``, and how many of them the
    citizen accepted (for the managers' effect steering page)."""
    in_period = (ContactRequest.created_at >= since) & (ContactRequest.created_at < until)
    requested = db.session.scalar(select(func.count(ContactRequest.id)).where(in_period)) or 0
    accepted = (
        db.session.scalar(
            select(func.count(ContactRequest.id)).where(
                in_period, ContactRequest.status == "accepted"
            )
        )
        or 0
    )
    return int(requested), int(accepted)
