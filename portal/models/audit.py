"""Audit log of staff reads of a citizen's data (shown to the citizen).

The log is append-only for the application: an ORM update or delete of an entry raises
(`AuditLogIsAppendOnly`). Only two operations change it, both outside any web route:
deleting an account pseudonymises the entries about the citizen (`citizen_id` becomes
NULL, `former_citizen_id` keeps the old account number, `citizen_deleted_at` the moment),
and the retention command deletes entries older than the audit retention periods.
Why: public authorities must be able to show who accessed personal data (logging under
GDPR art. 32 and the Danish public sector's security practice of keeping access logs at
least six months) even after the person's own account is erased; README "Retention"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.user import utcnow


class AuditEntry(db.Model):  # type: ignore[name-defined,misc]
    """Who (actor, role, name at the time) read what (`what`) about which citizen, when,
    and why (`purpose` code and the `route` that served it)."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    former_citizen_id: Mapped[int | None] = mapped_column(index=True)
    citizen_deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_name: Mapped[str] = mapped_column(String(120), default="")
    what: Mapped[str] = mapped_column(String(40))
    purpose: Mapped[str] = mapped_column(String(40))
    route: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when application code tries to change or delete an audit entry."""


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(_mapper: Any, _connection: Any, target: AuditEntry) -> None:
    raise AuditLogIsAppendOnly(f"audit entry {target.id} cannot be changed")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(_mapper: Any, _connection: Any, target: AuditEntry) -> None:
    raise AuditLogIsAppendOnly(f"audit entry {target.id} cannot be deleted")
