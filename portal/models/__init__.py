"""Database models. Import every model module here so Alembic sees all tables."""

from portal.models.audit import AuditEntry
from portal.models.handoff import CaseAccessLog, CaseReply, Conversation, HandoffCase
from portal.models.journal import JournalEntry
from portal.models.match import ContactRequest, EmployerVerification, MatchMessage, MatchProfile
from portal.models.meetings import (
    Availability,
    AvailabilityException,
    CallRequest,
    Meeting,
    Preparation,
    RescheduleRequest,
)
from portal.models.progress import ProgressRating
from portal.models.sharing import Assignment, Sharing
from portal.models.staff import StaffInvitation, StaffTeam
from portal.models.support import CitizenSupport
from portal.models.user import Role, User

__all__ = [
    "Assignment",
    "AuditEntry",
    "Availability",
    "AvailabilityException",
    "CallRequest",
    "CitizenSupport",
    "CaseAccessLog",
    "CaseReply",
    "ContactRequest",
    "Conversation",
    "EmployerVerification",
    "HandoffCase",
    "JournalEntry",
    "MatchMessage",
    "MatchProfile",
    "Meeting",
    "Preparation",
    "ProgressRating",
    "RescheduleRequest",
    "Role",
    "Sharing",
    "StaffInvitation",
    "StaffTeam",
    "User",
]
