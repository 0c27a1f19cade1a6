"""Teams, staff accounts and assignment of waiting citizens (each write commits).

`prepared_citizen_ids` is the one place that decides whether a citizen "has prepared"
for the first meeting; point it at the booking/preparation model when that changes."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from portal.assistant.operations import get_routing
from portal.auth import service
from portal.domain.teams import TeamInfo, empty_routed_teams, pick_round_robin, team_id_from_name
from portal.extensions import db
from portal.models.journal import JournalEntry
from portal.models.sharing import Assignment
from portal.models.staff import StaffInvitation, StaffTeam
from portal.models.user import Role, User, utcnow
from portal.privacy.operations import assign_citizen

INVITATION_VALID = timedelta(days=7)
STAFF_ROLES = (Role.CASEWORKER, Role.ADMIN)


class StaffError(ValueError):
    """An admin action was refused; `field` and `code` say why."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


# --- teams -----------------------------------------------------------------------------


def all_teams() -> dict[str, TeamInfo]:
    """Every team: routed teams (names from content/routing.yaml) first, then teams created
    in the portal; each with its automatic-assignment setting."""
    table = get_routing()
    rows = {row.id: row for row in db.session.scalars(select(StaffTeam))}
    teams: dict[str, TeamInfo] = {}
    for team in table.teams.values():
        row = rows.get(team.id)
        teams[team.id] = TeamInfo(team.id, team.names, True, bool(row and row.auto_assign))
    for row in sorted(rows.values(), key=lambda r: r.id):
        if row.id not in teams:
            teams[row.id] = TeamInfo(row.id, dict(row.names or {}), False, row.auto_assign)
    return teams


def member_counts() -> dict[str, int]:
    """Active caseworkers per team id."""
    rows = db.session.execute(
        select(User.team, func.count())
        .where(User.role == Role.CASEWORKER, User.is_active_account.is_(True))
        .group_by(User.team)
    ).all()
    return {team: count for team, count in rows if team}


def empty_routed_team_ids() -> list[str]:
    """Routed teams without members (the admin home warns about them)."""
    return empty_routed_teams(all_teams().values(), member_counts())


def team_members(team_id: str) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.role == Role.CASEWORKER, User.team == team_id)
            .order_by(User.display_name, User.id)
        )
    )


def create_team(names: dict[str, str]) -> StaffTeam:
    """A new team; its id comes from the Danish name. Names per language, Danish required."""
    danish = (names.get("da") or "").strip()
    if not danish:
        raise StaffError("name_da", "required")
    known = all_teams()
    if any(t.name("da").casefold() == danish.casefold() for t in known.values()):
        raise StaffError("name_da", "taken")
    team = StaffTeam(
        id=team_id_from_name(danish, known),
        names={code: text.strip() for code, text in names.items() if text and text.strip()},
    )
    db.session.add(team)
    db.session.commit()
    return team


def _team_row(team_id: str) -> StaffTeam:
    if team_id not in all_teams():
        raise StaffError("team", "unknown")
    row = db.session.get(StaffTeam, team_id)
    if row is None:  # a routed team gets its settings row on first change
        row = StaffTeam(id=team_id, names={})
        db.session.add(row)
    return row


def set_auto_assign(team_id: str, on: bool) -> None:
    _team_row(team_id).auto_assign = on
    db.session.commit()


def add_team_member(team_id: str, caseworker: User) -> None:
    """Put a caseworker on a team (a caseworker is on one team: this moves them)."""
    if team_id not in all_teams():
        raise StaffError("team", "unknown")
    if caseworker.role is not Role.CASEWORKER:
        raise StaffError("caseworker_id", "not_caseworker")
    caseworker.team = team_id
    db.session.commit()


def remove_team_member(team_id: str, caseworker: User) -> None:
    if caseworker.role is not Role.CASEWORKER or caseworker.team != team_id:
        raise StaffError("caseworker_id", "not_member")
    caseworker.team = None
    db.session.commit()


# --- staff accounts --------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewStaff:
    """A created staff account and what to hand over once: the invitation token or the
    temporary password (never stored in clear)."""

    user: User
    token: str | None = None
    temporary_password: str | None = None


def create_staff_account(
    admin: User,
    email: str,
    display_name: str,
    role: Role,
    team: str | None,
    method: str,
    now: datetime | None = None,
) -> NewStaff:
    """Create a caseworker or admin account, by invitation (one-time link valid
    INVITATION_VALID) or with a temporary password that must be changed at first login."""
    if role not in STAFF_ROLES:
        raise StaffError("role", "not_staff")
    if team and team not in all_teams():
        raise StaffError("team", "unknown")
    if method not in ("invitation", "temporary_password"):
        raise StaffError("method", "unknown")
    secret = secrets.token_urlsafe(24)  # unusable as a password: nobody is told it
    try:
        user = service.create_user(
            email, secret, role, display_name, team=team if role is Role.CASEWORKER else None
        )
    except service.AccountError as err:
        raise StaffError(err.field, err.code) from None
    if method == "temporary_password":
        password = "-".join(secrets.token_hex(3) for _ in range(3))
        user.password_hash = service.hash_password(password)
        user.must_change_password = True
        db.session.commit()
        return NewStaff(user, temporary_password=password)
    token = secrets.token_urlsafe(32)
    moment = now or utcnow()
    db.session.add(
        StaffInvitation(
            user_id=user.id,
            token_hash=_token_hash(token),
            expires_at=moment + INVITATION_VALID,
            created_by_id=admin.id,
            created_at=moment,
        )
    )
    db.session.commit()
    return NewStaff(user, token=token)


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def find_invitation(token: str, now: datetime | None = None) -> StaffInvitation | None:
    """The unused, unexpired invitation for `token`, else None."""
    invitation = db.session.scalars(
        select(StaffInvitation).where(StaffInvitation.token_hash == _token_hash(token))
    ).first()
    if invitation is None or invitation.used_at is not None:
        return None
    if _aware(invitation.expires_at) <= (now or utcnow()):
        return None
    return invitation


def accept_invitation(invitation: StaffInvitation, password: str) -> User:
    """Set the new account's password; the link stops working."""
    service.check_password_strength(password)
    user = db.session.get(User, invitation.user_id)
    if user is None:
        raise StaffError("token", "unknown")
    user.password_hash = service.hash_password(password)
    user.must_change_password = False
    user.session_generation = (user.session_generation or 0) + 1
    invitation.used_at = utcnow()
    db.session.commit()
    return user


# --- waiting citizens and assignment ------------------------------------------------------


def prepared_citizen_ids(citizen_ids: Iterable[int]) -> set[int]:
    """Citizens who have prepared: a sent preparation (before or for a meeting) or a
    journal entry the caseworker can read."""
    from portal.preparation.operations import prepared_citizen_ids as sent_preparations

    ids = list(citizen_ids)
    if not ids:
        return set()
    prepared = sent_preparations(ids)
    prepared |= set(
        db.session.scalars(
            select(JournalEntry.citizen_id).where(JournalEntry.citizen_id.in_(ids)).distinct()
        )
    )
    return prepared


@dataclass(frozen=True)
class WaitingCitizen:
    user: User
    waiting_since: datetime
    prepared: bool


def waiting_citizens(
    prepared: bool | None = None, min_days: int = 0, search: str = "", now: datetime | None = None
) -> list[WaitingCitizen]:
    """Registered citizens with no assignment, longest waiting first; filters: prepared or
    not, waited at least `min_days`, name or e-mail contains `search`."""
    stmt = (
        select(User)
        .where(User.role == Role.CITIZEN, User.is_active_account.is_(True))
        .where(~User.id.in_(select(Assignment.citizen_id)))
        .order_by(User.created_at, User.id)
    )
    if min_days > 0:
        stmt = stmt.where(User.created_at <= (now or utcnow()) - timedelta(days=min_days))
    if search.strip():
        pattern = f"%{search.strip().lower()}%"
        stmt = stmt.where(
            func.lower(User.display_name).like(pattern) | func.lower(User.email).like(pattern)
        )
    people = list(db.session.scalars(stmt.limit(500)))
    done = prepared_citizen_ids(p.id for p in people)
    rows = [WaitingCitizen(p, _aware(p.created_at), p.id in done) for p in people]
    if prepared is not None:
        rows = [r for r in rows if r.prepared is prepared]
    return rows


def next_caseworker(team_id: str) -> User | None:
    """The team member next in turn (round robin over their latest assignment)."""
    members = [m for m in team_members(team_id) if m.is_active_account]
    if not members:
        return None
    latest = dict(
        db.session.execute(
            select(Assignment.caseworker_id, func.max(Assignment.assigned_at))
            .where(Assignment.caseworker_id.in_([m.id for m in members]))
            .group_by(Assignment.caseworker_id)
        ).all()
    )
    chosen = pick_round_robin([(m.id, latest.get(m.id)) for m in members])
    return next(m for m in members if m.id == chosen)


def assign_citizens(
    citizen_ids: Sequence[int], caseworker: User | None, team: str | None
) -> list[Assignment]:
    """Assign several citizens at once. With a team and no caseworker, a team with automatic
    assignment on gives each citizen the next member in turn."""
    if caseworker is None and not team:
        raise StaffError("target", "required")
    if team and team not in all_teams():
        raise StaffError("team", "unknown")
    if caseworker is not None and caseworker.role is not Role.CASEWORKER:
        raise StaffError("target", "not_caseworker")
    rotate = caseworker is None and team is not None and all_teams()[team].auto_assign
    done = []
    for citizen_id in citizen_ids:
        citizen = db.session.get(User, citizen_id)
        if citizen is None or citizen.role is not Role.CITIZEN:
            raise StaffError("citizen_ids", "not_citizen")
        who = next_caseworker(team) if rotate and team else caseworker
        done.append(assign_citizen(citizen, who, team or (who.team if who else None)))
    return done


def auto_assign_new_citizen(citizen: User) -> Assignment | None:
    """At registration: when a team has automatic assignment on (and members), the new
    citizen gets its next member in turn. Several such teams: the one whose next member
    has waited longest. None (the citizen waits for an admin) otherwise."""
    candidates = [t.id for t in all_teams().values() if t.auto_assign]
    best: tuple[User, str] | None = None
    members: list[tuple[int, datetime | None]] = []
    by_id: dict[int, tuple[User, str]] = {}
    for team_id in candidates:
        member = next_caseworker(team_id)
        if member is None:
            continue
        last = db.session.scalar(
            select(func.max(Assignment.assigned_at)).where(Assignment.caseworker_id == member.id)
        )
        members.append((member.id, _aware(last) if last else None))
        by_id[member.id] = (member, team_id)
    chosen = pick_round_robin(members)
    if chosen is not None:
        best = by_id[chosen]
    if best is None:
        return None
    return assign_citizen(citizen, best[0], best[1])
