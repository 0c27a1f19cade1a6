"""Admin UI without a shell: waiting citizens and assignment (also automatic, round robin),
teams and members, staff accounts by invitation or temporary password, the empty-team
warning; only admins may do any of it. Plus the staff pages this feeds (caseworker home)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient
from sqlalchemy import select

from portal.admin import operations as ops
from portal.assistant.operations import create_handoff_case, get_routing
from portal.domain.teams import pick_round_robin, team_id_from_name
from portal.extensions import db
from portal.journal.operations import create_journal_entry
from portal.models.handoff import CaseSource, HandoffCase
from portal.models.sharing import Assignment
from portal.models.staff import StaffInvitation, StaffTeam
from portal.models.user import Role, User
from tests.conftest import PASSWORD, create_test_user, login


def assignment_of(user_id: int) -> Assignment | None:
    db.session.expire_all()
    return db.session.scalars(select(Assignment).where(Assignment.citizen_id == user_id)).first()


def named_citizen(name: str) -> User:
    user = create_test_user(Role.CITIZEN)
    user.display_name = name
    db.session.commit()
    return user


def test_round_robin_and_team_ids_domain() -> None:
    t0 = datetime(2026, 12, 1, tzinfo=UTC)
    assert pick_round_robin([]) is None
    assert pick_round_robin([(3, t0), (5, None), (4, None)]) == 4  # never assigned, lowest id
    assert pick_round_robin([(3, t0 + timedelta(hours=1)), (9, t0)]) == 9  # waited longest
    assert team_id_from_name("Unge under 30 – Øst", []) == "unge_under_30_oest"
    assert team_id_from_name("Ydelser", ["ydelser"]) == "ydelser_2"


def test_waiting_list_filters_and_bulk_assignment(
    client: FlaskClient, admin: User, caseworker: User
) -> None:
    prepared = named_citizen("Amal Prepared")
    create_journal_entry(prepared, "goal", {"goal_area": "job", "body": "Kok", "language": "da"})
    plain = named_citizen("Bo Waiting")
    done = named_citizen("Cai Assigned")
    ops.assign_citizens([done.id], caseworker, None)
    login(client, admin)
    page = client.get("/da/admin/waiting").get_data(as_text=True)
    assert "Amal Prepared" in page and "Bo Waiting" in page and "Cai Assigned" not in page
    only_prepared = client.get("/da/admin/waiting?prepared=yes").get_data(as_text=True)
    assert "Amal Prepared" in only_prepared and "Bo Waiting" not in only_prepared
    not_prepared = client.get("/da/admin/waiting?prepared=no").get_data(as_text=True)
    assert "Amal Prepared" not in not_prepared and "Bo Waiting" in not_prepared
    assert "Bo Waiting" not in client.get("/da/admin/waiting?q=amal").get_data(as_text=True)
    assert "Amal" not in client.get("/da/admin/waiting?days=3").get_data(as_text=True)
    # nothing ticked: an error, nobody assigned
    empty = client.post("/da/admin/waiting", data={"target": f"caseworker:{caseworker.id}"})
    assert empty.status_code == 422 and assignment_of(plain.id) is None
    response = client.post(
        "/da/admin/waiting",
        data={"citizen_ids": [prepared.id, plain.id], "target": f"caseworker:{caseworker.id}"},
    )
    assert response.status_code == 303
    for someone in (prepared, plain):
        got = assignment_of(someone.id)
        assert got is not None and (got.caseworker_id, got.team) == (caseworker.id, "general")
    assert "Ingen borgere venter." in client.get("/da/admin/waiting").get_data(as_text=True)


def test_team_with_automatic_assignment_takes_turns(client: FlaskClient, admin: User) -> None:
    first = create_test_user(Role.CASEWORKER, team="benefits")
    second = create_test_user(Role.CASEWORKER, team="benefits")
    citizens = [create_test_user(Role.CITIZEN) for _ in range(3)]
    login(client, admin)
    switched = client.post("/da/admin/teams/benefits/auto-assign", data={"auto_assign": "on"})
    assert switched.status_code == 303 and ops.all_teams()["benefits"].auto_assign
    client.post(
        "/da/admin/waiting",
        data={"citizen_ids": [c.id for c in citizens], "target": "team:benefits"},
    )
    got = [assignment_of(c.id) for c in citizens]
    assert [a.caseworker_id for a in got if a] == [first.id, second.id, first.id]
    assert {a.team for a in got if a} == {"benefits"}
    # a new registration goes to the member next in turn
    fresh = client.application.test_client()
    fresh.post(
        "/da/register",
        data={
            "role": "citizen",
            "display_name": "Ny Borger",
            "email": "ny@example.dk",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    new = db.session.scalars(select(User).where(User.email == "ny@example.dk")).one()
    auto = assignment_of(new.id)
    assert auto is not None and auto.caseworker_id == second.id and auto.team == "benefits"
    # switched off: new citizens wait for an admin
    client.post("/da/admin/teams/benefits/auto-assign", data={"auto_assign": "off"})
    later = create_test_user(Role.CITIZEN)
    assert ops.auto_assign_new_citizen(later) is None and assignment_of(later.id) is None


def test_teams_members_and_the_empty_team_warning(client: FlaskClient, admin: User) -> None:
    login(client, admin)
    home = client.get("/da/admin/").get_data(as_text=True)
    routed = get_routing().teams
    assert 'id="empty-teams"' in home
    for team in routed.values():  # no caseworkers at all yet: every routed team is listed
        assert team.name("da") in home
    created = client.post(
        "/da/admin/teams/", data={"name_da": "Unge under 30", "name_en": "Young people"}
    )
    assert created.status_code == 303 and created.headers["Location"].endswith(
        "/da/admin/teams/unge_under_30"
    )
    row = db.session.get(StaffTeam, "unge_under_30")
    assert row is not None and row.names == {"da": "Unge under 30", "en": "Young people"}
    assert "Young people" in client.get("/en/admin/teams/").get_data(as_text=True)
    assert "Unge under 30" in client.get("/ar/admin/teams/").get_data(as_text=True)  # fallback
    again = client.post("/da/admin/teams/", data={"name_da": "unge under 30"})
    assert again.status_code == 422 and "allerede et team" in again.get_data(as_text=True)
    # staff every routed team: the warning goes
    workers = {tid: create_test_user(Role.CASEWORKER) for tid in routed}
    for team_id, worker in workers.items():
        added = client.post(
            f"/da/admin/teams/{team_id}/members", data={"caseworker_id": str(worker.id)}
        )
        assert added.status_code == 303
    db.session.expire_all()
    assert {w.team for w in workers.values()} == set(routed)
    assert 'id="empty-teams"' not in client.get("/da/admin/").get_data(as_text=True)
    # removing the only member of a routed team brings the warning back, naming that team
    removed = client.post(
        f"/da/admin/teams/benefits/members/{workers['benefits'].id}/remove", data={}
    )
    assert removed.status_code == 303
    home = client.get("/da/admin/").get_data(as_text=True)
    warning = home.split('id="empty-teams"')[1].split("</div>")[0]
    assert routed["benefits"].name("da") in warning
    assert routed["sickness"].name("da") not in warning
    assert client.get("/da/admin/teams/nope").status_code == 404


def _create_staff(client: FlaskClient, method: str, email: str) -> str:
    response = client.post(
        "/da/admin/staff/new",
        data={
            "display_name": "Ny Medarbejder",
            "email": email,
            "role": "caseworker",
            "team": "integration",
            "method": method,
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    return response.get_data(as_text=True)


def test_staff_invitation_is_one_time_hashed_and_expires(client: FlaskClient, admin: User) -> None:
    login(client, admin)
    page = _create_staff(client, "invitation", "ny@kommune.dk")
    match = re.search(r'id="invitation-link">[^<]*/da/invitation/([A-Za-z0-9_-]+)<', page)
    assert match, page
    token = match.group(1)
    invitation = db.session.scalars(select(StaffInvitation)).one()
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    user = db.session.get(User, invitation.user_id)
    assert user is not None and (user.role, user.team) == (Role.CASEWORKER, "integration")
    newcomer = client.application.test_client()
    # the account cannot be used before the link is: nobody knows its password
    assert newcomer.post(
        "/da/login", data={"email": "ny@kommune.dk", "password": PASSWORD}
    ).status_code in (422, 429)
    short = newcomer.post(f"/da/invitation/{token}", data={"new_password": "x", "confirm": "x"})
    assert short.status_code == 422
    ok = newcomer.post(
        f"/da/invitation/{token}", data={"new_password": PASSWORD, "confirm": PASSWORD}
    )
    assert ok.status_code == 303
    assert (
        newcomer.post("/da/login", data={"email": "ny@kommune.dk", "password": PASSWORD})
        .headers["Location"]
        .endswith("/da/caseworker/")
    )
    assert newcomer.get(f"/da/invitation/{token}").status_code == 404  # used once
    # an expired link does not work
    later = ops.create_staff_account(
        admin, "senere@kommune.dk", "Senere", Role.ADMIN, None, "invitation",
        now=datetime.now(UTC) - ops.INVITATION_VALID - timedelta(minutes=1),
    )  # fmt: skip
    assert later.token and client.get(f"/da/invitation/{later.token}").status_code == 404


def test_temporary_password_must_be_changed_at_first_login(
    client: FlaskClient, admin: User
) -> None:
    login(client, admin)
    page = _create_staff(client, "temporary_password", "midl@kommune.dk")
    password = re.search(r'id="temporary-password">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    worker = client.application.test_client()
    first = worker.post("/da/login", data={"email": "midl@kommune.dk", "password": password})
    assert first.headers["Location"].endswith("/da/account")
    blocked = worker.get("/da/caseworker/")
    assert blocked.status_code == 302 and blocked.headers["Location"].endswith("/da/account")
    changed = worker.post(
        "/da/account",
        data={
            "pw-current_password": password,
            "pw-new_password": PASSWORD,
            "pw-confirm": PASSWORD,
            "pw-submit": "1",
        },
    )
    assert changed.status_code == 302
    assert worker.get("/da/caseworker/").status_code == 200


def test_only_admins_manage_teams_staff_and_assignment(
    client: FlaskClient, caseworker: User, citizen: User
) -> None:
    for user in (caseworker, citizen):
        other = client.application.test_client()
        login(other, user)
        for url in ("/da/admin/waiting", "/da/admin/teams/", "/da/admin/teams/benefits",
                    "/da/admin/staff/new"):  # fmt: skip
            assert other.get(url).status_code == 403, url
        posts = {
            "/da/admin/waiting": {"citizen_ids": [citizen.id], "target": "team:benefits"},
            "/da/admin/teams/": {"name_da": "Skyggeteam"},
            "/da/admin/teams/benefits/members": {"caseworker_id": str(caseworker.id)},
            "/da/admin/teams/general/auto-assign": {"auto_assign": "on"},
            f"/da/admin/teams/general/members/{caseworker.id}/remove": {},
            "/da/admin/staff/new": {
                "display_name": "X",
                "email": "x@kommune.dk",
                "role": "admin",
                "team": "",
                "method": "temporary_password",
            },
        }
        for url, data in posts.items():
            assert other.post(url, data=data).status_code == 403, url
    db.session.expire_all()
    assert assignment_of(citizen.id) is None
    assert db.session.scalars(select(StaffTeam)).all() == []
    assert caseworker.team == "general"
    assert db.session.scalars(select(User).where(User.email == "x@kommune.dk")).first() is None
    anonymous = client.application.test_client()
    assert anonymous.get("/da/admin/teams/").status_code == 302  # to the login page


def test_caseworker_home_links_the_team_queue_with_its_open_cases(
    client: FlaskClient, caseworker: User, citizen: User
) -> None:
    for topic in ("dagpenge_amount", None):
        create_handoff_case(
            source=CaseSource.LEFT_MESSAGE,
            language="ar",
            topic_id=topic,
            name="Amal",
            contact="20304050",
            message="Hej",
            consent_to_share=False,
            team_id="general",
            now=datetime(2026, 7, 1, 10, 0, tzinfo=UTC),
        )
    login(client, caseworker)
    home = client.get("/da/caseworker/").get_data(as_text=True)
    assert "BEGIN handoff-queue" not in home
    section = home.split('id="handoff-queue"')[1].split("</section>")[0]
    assert "2 åbne sager i køen" in section and 'href="/da/queues/"' in section
    assert get_routing().teams["general"].name("da") in home and "general<" not in home
    queue = client.get("/da/queues/").get_data(as_text=True)
    assert "01.07.2026 12:00" in queue and "UTC" not in queue  # summer time in Copenhagen
    assert "العربية" in queue  # the language is part of the subject


def test_demo_has_a_caseworker_on_every_routed_team_and_a_waiting_prepared_citizen(
    app: object,
) -> None:
    from portal.cli import DEMO_WAITING_CITIZEN, seed_demo

    lines = seed_demo()
    assert ops.empty_routed_team_ids() == []
    for team in get_routing().teams.values():
        assert any(team.name("da") in line for line in lines), team.id
    waiting = ops.waiting_citizens()
    assert [(w.user.email, w.prepared) for w in waiting] == [(DEMO_WAITING_CITIZEN[0], True)]
    queues = {c.team for c in db.session.scalars(select(HandoffCase))}
    assert queues == {"benefits", "business_service"}
