"""Staff access: assignment and sharing decide; every read is audited and shown to the
citizen; the caseworker's home page and meeting brief."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.journal.operations import set_sharing
from portal.meetings.operations import request_reschedule
from portal.models.audit import AuditEntry
from portal.models.meetings import Meeting, RescheduleRequest
from portal.models.user import Role, User, utcnow
from portal.preparation.operations import save_preparation
from portal.privacy.operations import assign_citizen
from portal.progress.operations import record_progress
from tests.citizen.conftest import make_entry, make_meeting
from tests.conftest import create_test_user, login

ARABIC = "أحتاج إلى مترجم وأريد العمل في مطبخ"


def audit_rows(citizen: User) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry).where(AuditEntry.citizen_id == citizen.id).order_by(AuditEntry.id)
        )
    )


def staff_urls(citizen: User, meeting: Meeting) -> list[str]:
    return [
        f"/da/caseworker/citizens/{citizen.id}",
        f"/da/caseworker/citizens/{citizen.id}/journal",
        f"/da/caseworker/citizens/{citizen.id}/progress",
        f"/da/caseworker/citizens/{citizen.id}/meetings/new",
        f"/da/caseworker/meetings/{meeting.id}/brief",
    ]


def test_caseworker_without_assignment_gets_404_and_nothing_is_logged(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    make_entry(citizen, body="Privat mål")
    set_sharing(citizen, journal=True, progress=True)  # shared, but not assigned
    meeting = make_meeting(citizen, None)
    request_reschedule(meeting, "Privat grund", "da")
    req_id = db.session.scalars(select(RescheduleRequest.id)).one()
    login(client, caseworker)
    for url in [*staff_urls(citizen, meeting), f"/da/caseworker/reschedule/{req_id}"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Privat" not in response.get_data(as_text=True)
    assert (
        client.post(f"/da/caseworker/reschedule/{req_id}", data={"decision": "decline"}).status_code
        == 404
    )
    home = client.get("/da/caseworker/").get_data(as_text=True)
    assert citizen.display_name not in home
    assert audit_rows(citizen) == []


def test_other_team_and_admin_cannot_read(
    client: FlaskClient, citizen: User, caseworker: User, admin: User
) -> None:
    assign_citizen(citizen, None, "benefits")
    set_sharing(citizen, journal=True, progress=True)
    meeting = make_meeting(citizen, None)
    login(client, caseworker)  # team "general"
    for url in staff_urls(citizen, meeting):
        assert client.get(url).status_code == 404, url
    client.post("/da/logout")
    login(client, admin)
    for url in staff_urls(citizen, meeting):
        assert client.get(url).status_code == 404, url
    assert audit_rows(citizen) == []


def test_team_assignment_gives_access(client: FlaskClient, citizen: User) -> None:
    colleague = create_test_user(Role.CASEWORKER, team="benefits")
    assign_citizen(citizen, None, "benefits")
    set_sharing(citizen, journal=True)
    login(client, colleague)
    assert client.get(f"/da/caseworker/citizens/{citizen.id}/journal").status_code == 200


def test_assigned_but_not_shared_gets_403(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    assign_citizen(citizen, caseworker)
    make_entry(citizen, body="Ikke delt mål")
    record_progress(citizen, {"job": 3})
    login(client, caseworker)
    assert client.get(f"/da/caseworker/citizens/{citizen.id}/journal").status_code == 403
    assert client.get(f"/da/caseworker/citizens/{citizen.id}/progress").status_code == 403
    assert audit_rows(citizen) == []
    # withdrawing sharing closes access again
    set_sharing(citizen, journal=True)
    assert client.get(f"/da/caseworker/citizens/{citizen.id}/journal").status_code == 200
    set_sharing(citizen, journal=False)
    assert client.get(f"/da/caseworker/citizens/{citizen.id}/journal").status_code == 403


def test_every_staff_read_is_audited_and_shown_to_the_citizen(
    app: Flask, served: tuple[User, User]
) -> None:
    citizen, caseworker = served
    meeting = make_meeting(citizen, caseworker)
    record_progress(citizen, {"job": 5})
    make_entry(citizen)
    request_reschedule(meeting, "Tandlæge", "da")
    req_id = db.session.scalars(select(RescheduleRequest.id)).one()
    staff = app.test_client()
    login(staff, caseworker)
    reads = {
        f"/da/caseworker/citizens/{citizen.id}": "overview",
        f"/da/caseworker/citizens/{citizen.id}/journal": "journal",
        f"/da/caseworker/citizens/{citizen.id}/progress": "progress",
        f"/da/caseworker/meetings/{meeting.id}/brief": "meeting_brief",
        f"/da/caseworker/reschedule/{req_id}": "reschedule_request",
    }
    for count, (url, what) in enumerate(reads.items(), start=1):
        assert staff.get(url).status_code == 200, url
        rows = audit_rows(citizen)
        assert len(rows) == count
        last = rows[-1]
        assert (last.actor_id, last.actor_role, last.what, last.route) == (
            caseworker.id,
            "caseworker",
            what,
            url,
        )
        assert last.actor_name == caseworker.display_name
        assert last.purpose in {"case_work", "meeting_preparation"}
        assert last.created_at is not None
    own = app.test_client()
    login(own, citizen)
    page = own.get("/da/privacy/access-log").get_data(as_text=True)
    assert "Hvem har set mine oplysninger" in page
    assert page.count(caseworker.display_name) == len(reads)
    for url in reads:
        assert url in page
    assert "Mødeoversigt til en samtale" in page
    assert "Forberedelse af samtale" in page


def test_brief_shows_preparation_goals_applications_progress_interpreter_first(
    client: FlaskClient, served: tuple[User, User]
) -> None:
    citizen, caseworker = served
    meeting = make_meeting(citizen, caseworker)
    save_preparation(
        meeting,
        {
            "wishes": ARABIC,
            "goals": "Kok",
            "interpreter_needed": True,
            "interpreter_language": "arabisk",
            "questions": "<b>fed</b>",
            "language": "ar",
        },
        submit=True,
    )
    make_entry(citizen, body="Job i et køkken", language="da")
    make_entry(citizen, body="ሓኪም ክኸውን", language="ti")
    make_entry(
        citizen,
        "application",
        organisation="Kantinen",
        title="Køkkenmedhjælper",
        applied_on=utcnow().date(),
        status="sent",
    )
    record_progress(citizen, {"job": 4, "danish": 6})
    login(client, caseworker)
    html = client.get(f"/da/caseworker/meetings/{meeting.id}/brief").get_data(as_text=True)
    interpreter_at = html.index('id="interpreter"')
    assert interpreter_at < html.index("brief-preparation")
    assert "arabisk" in html[interpreter_at : interpreter_at + 400]
    assert f'<p class="jobvej-usertext" lang="ar" dir="auto">{ARABIC}</p>' in html
    assert "[Skrevet på: العربية]" in html
    assert "[Skrevet på: ትግርኛ]" in html
    assert "Job i et køkken" in html
    assert "Køkkenmedhjælper" in html
    assert "<svg" in html and 'id="progress-table"' in html
    assert "&lt;b&gt;fed&lt;/b&gt;" in html
    # printable: the site stylesheet hides navigation and chat when printing the brief
    assert "/static/css/jobvej.css" in html and 'class="jobvej-brief"' in html
    css = client.get("/static/css/jobvej.css").get_data(as_text=True)
    assert "@media print" in css and ".jobvej-noprint" in css


def test_brief_leaves_out_unshared_parts_and_drafts(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    assign_citizen(citizen, caseworker)
    meeting = make_meeting(citizen, caseworker)
    save_preparation(meeting, {"wishes": "Kladdetekst"}, submit=False)
    make_entry(citizen, body="Ikke delt mål")
    record_progress(citizen, {"job": 2})
    login(client, caseworker)
    html = client.get(f"/da/caseworker/meetings/{meeting.id}/brief").get_data(as_text=True)
    assert "Kladdetekst" not in html
    assert "Ikke delt mål" not in html
    assert "<svg" not in html
    assert "Journalen er ikke delt af borgeren." in html
    assert "Borgeren har ikke sendt en forberedelse." in html


def test_home_lists_todays_and_upcoming_meetings_prepared_and_requests(
    client: FlaskClient, served: tuple[User, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the clock fixed at 08:00 Danish time, a meeting at 23:30 the same evening is
    today's, one just after midnight is upcoming, one from yesterday is not listed."""
    from datetime import date, time

    from portal.caseworker import routes as caseworker_routes
    from portal.domain.meetings import local_to_utc
    from portal.meetings.operations import book_meeting

    citizen, caseworker = served
    day = date(2030, 3, 12)
    monkeypatch.setattr(caseworker_routes, "utcnow", lambda: local_to_utc(day, time(8, 0)))

    def meeting_at(when_day: date, clock: time, kind: str = "first") -> Meeting:
        return book_meeting(
            citizen, caseworker, local_to_utc(when_day, clock), "Rådhuset", "in_person", kind
        )

    tonight = meeting_at(day, time(23, 30))
    after_midnight = meeting_at(day + timedelta(days=1), time(0, 15), kind="follow_up")
    meeting_at(day - timedelta(days=1), time(10, 0))  # yesterday: not listed
    save_preparation(after_midnight, {"wishes": "x", "goals": "y"}, submit=True)
    request_reschedule(after_midnight, "Jeg er på sygehuset", "da")
    login(client, caseworker)
    html = client.get("/da/caseworker/").get_data(as_text=True)
    today_table = html[html.index('id="meetings-today"') :].split("</table>")[0]
    upcoming_table = html[html.index('id="meetings-upcoming"') :].split("</table>")[0]
    assert f"/caseworker/meetings/{tonight.id}/brief" in today_table
    assert f"/caseworker/meetings/{after_midnight.id}/brief" not in today_table
    assert f"/caseworker/meetings/{after_midnight.id}/brief" in upcoming_table
    assert f"/caseworker/meetings/{tonight.id}/brief" not in upcoming_table
    assert html.count("/brief") == 2
    assert "<strong>Ja</strong>" in upcoming_table
    req = db.session.scalars(select(RescheduleRequest)).one()
    assert f"/caseworker/reschedule/{req.id}" in html
    assert "Jeg er på sygehuset" not in html  # the reason is read on its own (audited) page


def test_accept_moves_meeting_and_decline_keeps_it(
    app: Flask, client: FlaskClient, served: tuple[User, User]
) -> None:
    citizen, caseworker = served
    meeting = make_meeting(citizen, caseworker)
    request_reschedule(meeting, "Barnet er sygt", "da")
    req = db.session.scalars(select(RescheduleRequest)).one()
    login(client, caseworker)
    page = client.get(f"/da/caseworker/reschedule/{req.id}").get_data(as_text=True)
    assert "Barnet er sygt" in page
    bad = client.post(
        f"/da/caseworker/reschedule/{req.id}",
        data={"decision": "accept", "day": "", "clock": "09:00"},
    )
    assert bad.status_code == 422
    new_day = (utcnow() + timedelta(days=20)).date()
    ok = client.post(
        f"/da/caseworker/reschedule/{req.id}",
        data={"decision": "accept", "day": new_day.isoformat(), "clock": "09:30"},
    )
    assert ok.status_code == 302
    db.session.expire_all()
    moved = db.session.get(Meeting, meeting.id)
    assert moved.starts_at.date() == new_day
    assert db.session.get(RescheduleRequest, req.id).status == "accepted"
    # the citizen sees the answer
    own = app.test_client()
    login(own, citizen)
    assert "accepteret" in own.get("/da/meetings/").get_data(as_text=True)
    # second request, declined
    request_reschedule(moved, "Igen", "da")
    req2 = db.session.scalars(
        select(RescheduleRequest).where(RescheduleRequest.status == "pending")
    ).one()
    assert (
        client.post(
            f"/da/caseworker/reschedule/{req2.id}", data={"decision": "decline"}
        ).status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(RescheduleRequest, req2.id).status == "declined"
    assert db.session.get(Meeting, meeting.id).starts_at.date() == new_day


def test_caseworker_books_meeting_with_validation(
    app: Flask, client: FlaskClient, served: tuple[User, User]
) -> None:
    citizen, caseworker = served
    login(client, caseworker)
    url = f"/da/caseworker/citizens/{citizen.id}/meetings/new"
    bad = client.post(
        url,
        data={
            "day": "2020-01-01",
            "clock": "10:00",
            "duration": "60",
            "channel": "phone",
            "kind": "first",
            "place": "Tlf. 12345678",
        },
    )
    assert bad.status_code == 422
    assert "Vælg et tidspunkt i fremtiden." in bad.get_data(as_text=True)
    assert 'value="Tlf. 12345678"' in bad.get_data(as_text=True)
    day = (utcnow() + timedelta(days=5)).date().isoformat()
    good = client.post(
        url,
        data={
            "day": day,
            "clock": "10:00",
            "duration": "45",
            "channel": "video",
            "kind": "first",
            "place": "https://video.example.dk/rum",
        },
    )
    assert good.status_code == 302
    meeting = db.session.scalars(select(Meeting)).one()
    assert (meeting.channel, meeting.duration_minutes, meeting.caseworker_id) == (
        "video",
        45,
        caseworker.id,
    )
    own = app.test_client()
    login(own, citizen)
    assert "Video" in own.get("/da/meetings/").get_data(as_text=True)
