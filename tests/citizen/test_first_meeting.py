"""The first meeting without dead ends: preparation before any meeting, booking an open
slot (which assigns the citizen), call requests, honest sharing text, both calendar files.
Runs on SQLite and PostgreSQL, including the concurrent double-booking test."""

from __future__ import annotations

import threading
from datetime import datetime, time, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlalchemy import func, select

from portal.extensions import db
from portal.journal.operations import set_sharing
from portal.meetings import booking
from portal.meetings.operations import MeetingError
from portal.models.meetings import Meeting, Preparation
from portal.models.user import Role, User, utcnow
from portal.privacy.access import assignment_of, is_assigned
from tests.citizen.conftest import make_meeting
from tests.conftest import create_test_user, login

PREPARATION = {
    "wishes": "Finde ud af hvilke kurser jeg kan tage",
    "goals": "Arbejde som elektriker igen",
    "matters_now": "At få styr på økonomien",
    "help_wanted": "Få mit uddannelsesbevis godkendt",
    "situation": "Jeg har ondt i ryggen om morgenen",
    "interpreter_needed": "yes",
    "interpreter_language": "Tigrinya",
    "preferred_channel": "video",
    "language": "da",
}


def open_every_day(caseworker: User, start: time = time(9), end: time = time(12)) -> None:
    """Weekly openings on all seven days, so there are slots whatever day the test runs."""
    for weekday in range(7):
        booking.add_opening(caseworker, weekday, start, end, 60, "in_person", "Jobcenter, lokale 4")


def slot_value(slot: object) -> str:
    return f"{slot.caseworker_id}-{int(slot.starts_at.timestamp())}"  # type: ignore[attr-defined]


def test_a_new_citizen_prepares_before_any_meeting_and_the_booked_meeting_carries_it(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    login(client, citizen)
    home = client.get("/da/citizen/").get_data(as_text=True)
    assert "Forbered din første samtale" in home
    assert 'href="/da/preparation/"' in home
    page = client.get("/da/preparation/")
    assert page.status_code == 200
    assert "Hvordan vil du helst mødes?" in page.get_data(as_text=True)
    # Sending needs the main answers; a draft does not.
    assert client.post("/da/preparation/", data={"submit": "1"}).status_code == 422
    response = client.post("/da/preparation/", data={**PREPARATION, "submit": "1"})
    assert response.status_code == 302
    prep = db.session.scalars(select(Preparation)).one()
    assert prep.meeting_id is None and prep.status == "submitted"
    assert prep.preferred_channel == "video" and prep.situation.startswith("Jeg har ondt")
    # Editing again keeps one preparation (at most one unattached per citizen).
    client.post("/da/preparation/", data={**PREPARATION, "goals": "Blive tømrer", "draft": "1"})
    db.session.expire_all()
    prep = db.session.scalars(select(Preparation)).one()
    assert prep.goals == "Blive tømrer" and prep.status == "submitted"

    open_every_day(caseworker)
    slot = booking.available_slots()[0]
    assert client.post("/da/meetings/book", data={"slot": slot_value(slot)}).status_code == 302
    meeting = db.session.scalars(select(Meeting)).one()
    db.session.expire_all()
    prep = db.session.scalars(select(Preparation)).one()
    assert prep.meeting_id == meeting.id, "the early preparation goes with the first meeting"
    # The early preparation page now leads to the meeting's preparation, still editable.
    redirect = client.get("/da/preparation/")
    assert redirect.headers["Location"].endswith(f"/da/preparation/{meeting.id}")
    edited = client.post(
        f"/da/preparation/{meeting.id}",
        data={**PREPARATION, "help_wanted": "Et CV på dansk", "submit": "1"},
    )
    assert edited.status_code == 302

    staff_client = client.application.test_client()
    login(staff_client, caseworker)
    upcoming = staff_client.get("/da/caseworker/").get_data(as_text=True)
    assert citizen.display_name in upcoming
    assert f"/da/caseworker/meetings/{meeting.id}/brief" in upcoming
    brief = staff_client.get(f"/da/caseworker/meetings/{meeting.id}/brief").get_data(as_text=True)
    for text in (
        "Arbejde som elektriker igen",
        "At få styr på økonomien",
        "Et CV på dansk",
        "Jeg har ondt i ryggen om morgenen",
        "Tigrinya",
    ):
        assert text in brief
    assert "Video" in brief


def test_a_draft_written_before_the_meeting_stays_private(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    login(client, citizen)
    client.post("/da/preparation/", data={**PREPARATION, "draft": "1"})
    open_every_day(caseworker)
    meeting = booking.book_slot(citizen, caseworker.id, booking.available_slots()[0].starts_at)
    staff_client = client.application.test_client()
    login(staff_client, caseworker)
    brief = staff_client.get(f"/da/caseworker/meetings/{meeting.id}/brief").get_data(as_text=True)
    assert "Arbejde som elektriker igen" not in brief
    assert "Borgeren har ikke sendt en forberedelse." in brief


def test_booking_assigns_the_citizen_and_a_slot_cannot_be_booked_twice(
    app: Flask, client: FlaskClient, citizen: User, other_citizen: User, caseworker: User
) -> None:
    open_every_day(caseworker)
    assert not is_assigned(caseworker, citizen.id)
    login(client, citizen)
    page = client.get("/da/meetings/book").get_data(as_text=True)
    assert "Jobcenter, lokale 4" in page and "Alle tider er dansk tid." in page
    slot = booking.available_slots()[0]
    client.post("/da/meetings/book", data={"slot": slot_value(slot)})
    assignment = assignment_of(citizen.id)
    assert assignment is not None
    assert (assignment.caseworker_id, assignment.team) == (caseworker.id, "general")
    assert slot.starts_at not in [s.starts_at for s in booking.available_slots()]
    # The same citizen cannot book a second first meeting.
    second = booking.available_slots()[0]
    again = client.post("/da/meetings/book", data={"slot": slot_value(second)})
    assert again.status_code == 409
    assert "Du har allerede booket din første samtale." in again.get_data(as_text=True)
    # Another citizen who picked the same (now taken) slot gets a clear message.
    other = app.test_client()
    login(other, other_citizen)
    taken = other.post("/da/meetings/book", data={"slot": slot_value(slot)})
    assert taken.status_code == 409
    assert "Tiden er lige blevet booket af en anden. Vælg en anden tid." in taken.get_data(
        as_text=True
    )
    # Times that were never open, and garbage, are refused too.
    off_grid = f"{caseworker.id}-{int((slot.starts_at + timedelta(minutes=7)).timestamp())}"
    assert other.post("/da/meetings/book", data={"slot": off_grid}).status_code == 409
    assert other.post("/da/meetings/book", data={"slot": "x-y"}).status_code == 409
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 1


def test_the_database_refuses_a_second_meeting_for_the_caseworker_at_the_same_time(
    citizen: User, other_citizen: User, caseworker: User
) -> None:
    """The partial unique index holds even when the open-slot check is bypassed."""
    from portal.meetings.operations import book_meeting

    start = utcnow() + timedelta(days=3)
    book_meeting(citizen, caseworker, start, "A", "in_person", "first")
    with pytest.raises(MeetingError) as err:
        book_meeting(other_citizen, caseworker, start, "B", "phone", "first")
    assert err.value.code == "slot_taken"
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 1


def race_for_slot(
    app: Flask,
    monkeypatch: pytest.MonkeyPatch,
    citizen_ids: list[int],
    caseworker_id: int,
    starts_at: datetime,
) -> dict[int, str]:
    """Every citizen books the same slot at once, each in its own thread, app context and
    database connection; a barrier holds them until all have passed the open-slot check, so
    only the database can stop a double booking. Returns "booked" or the error code each got."""
    barrier = threading.Barrier(len(citizen_ids), timeout=20)
    real_book_meeting = booking.book_meeting

    def book_after_everyone_checked(*args: object, **kwargs: object) -> Meeting:
        barrier.wait()
        return real_book_meeting(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(booking, "book_meeting", book_after_everyone_checked)
    results: dict[int, str] = {}

    def attempt(citizen_id: int) -> None:
        with app.app_context():
            try:
                person = db.session.get(User, citizen_id)
                booking.book_slot(person, caseworker_id, starts_at)  # type: ignore[arg-type]
                results[citizen_id] = "booked"
            except MeetingError as err:
                results[citizen_id] = err.code
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(cid,)) for cid in citizen_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_concurrent_bookings_of_one_slot_one_wins(
    app: Flask, caseworker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six citizens book the same slot at once, each in its own thread, app context and
    database connection. All pass the open-slot check before any inserts (a barrier holds
    them), so only the database's partial unique index can stop the double booking."""
    open_every_day(caseworker)
    slot = booking.available_slots()[0]
    citizen_ids = [create_test_user(Role.CITIZEN).id for _ in range(6)]
    caseworker_id = caseworker.id
    db.session.remove()

    results = race_for_slot(app, monkeypatch, citizen_ids, caseworker_id, slot.starts_at)
    assert sorted(results.values()) == ["booked"] + ["slot_taken"] * (len(citizen_ids) - 1)
    winner = next(cid for cid, outcome in results.items() if outcome == "booked")
    meetings = list(db.session.scalars(select(Meeting)))
    assert [(m.citizen_id, m.caseworker_id) for m in meetings] == [(winner, caseworker_id)]
    assigned = [cid for cid in citizen_ids if assignment_of(cid) is not None]
    assert assigned == [winner], "only the winner is assigned to the caseworker"


def test_sharing_text_says_who_can_see_it(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    set_sharing(citizen, journal=True, progress=True)
    login(client, citizen)
    nobody = "Delt med jobservice – ingen sagsbehandler tildelt endnu"
    assert nobody in client.get("/da/citizen/").get_data(as_text=True)
    assert nobody in client.get("/da/journal/").get_data(as_text=True)
    assert nobody in client.get("/da/progress/").get_data(as_text=True)
    open_every_day(caseworker)
    booking.book_slot(citizen, caseworker.id, booking.available_slots()[0].starts_at)
    named = (
        f"Delt med din sagsbehandler {caseworker.display_name}, Jobservice – generelle henvendelser"
    )
    for page in ("/da/citizen/", "/da/journal/", "/da/progress/"):
        text = client.get(page).get_data(as_text=True)
        assert nobody not in text
        assert named in text, page


def test_both_sides_get_a_calendar_file(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    open_every_day(caseworker)
    slot = booking.available_slots()[0]
    meeting = booking.book_slot(citizen, caseworker.id, slot.starts_at)
    login(client, citizen)
    mine = Calendar.from_ical(client.get(f"/da/meetings/{meeting.id}/calendar.ics").data)
    staff_client = client.application.test_client()
    login(staff_client, caseworker)
    response = staff_client.get(f"/da/caseworker/meetings/{meeting.id}/calendar.ics")
    assert response.mimetype == "text/calendar"
    theirs = Calendar.from_ical(response.data)
    for cal in (mine, theirs):
        event = cal.walk("VEVENT")[0]
        assert event.decoded("dtstart") == slot.starts_at
        assert event.decoded("dtend") == slot.starts_at + timedelta(minutes=60)
        assert str(event["location"]) == "Jobcenter, lokale 4"
    assert citizen.display_name in str(theirs.walk("VEVENT")[0]["summary"])
    # Another caseworker, not serving the citizen, gets nothing.
    stranger = create_test_user(Role.CASEWORKER, team="benefits")
    other = client.application.test_client()
    login(other, stranger)
    assert other.get(f"/da/caseworker/meetings/{meeting.id}/calendar.ics").status_code == 404


def test_caseworker_publishes_availability_and_days_off(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    login(client, caseworker)
    assert client.get("/da/caseworker/availability").status_code == 200
    bad = client.post(
        "/da/caseworker/availability",
        data={
            "opening-weekday": "2",
            "opening-start": "10:00",
            "opening-end": "10:30",
            "opening-slot_minutes": "60",
            "opening-channel": "phone",
            "opening-place": "Tlf",
        },
    )
    assert bad.status_code == 422
    assert "mindst lige så langt som én samtale" in bad.get_data(as_text=True)
    for weekday in range(7):
        ok = client.post(
            "/da/caseworker/availability",
            data={
                "opening-weekday": str(weekday),
                "opening-start": "13:00",
                "opening-end": "15:00",
                "opening-slot_minutes": "30",
                "opening-channel": "phone",
                "opening-place": "Vi ringer til dig",
            },
        )
        assert ok.status_code == 302
    slots = booking.available_slots()
    assert slots and {s.channel for s in slots} == {"phone"}
    assert {s.duration_minutes for s in slots} == {30}
    from portal.domain.meetings import to_local

    closed_day = to_local(slots[-1].starts_at).date()
    closed = client.post(
        "/da/caseworker/availability",
        data={"dayoff-day": closed_day.isoformat(), "dayoff-note": "Kursus"},
    )
    assert closed.status_code == 302
    assert closed_day not in {to_local(s.starts_at).date() for s in booking.available_slots()}
    page = client.get("/da/caseworker/availability").get_data(as_text=True)
    assert "Kursus" in page and "Vi ringer til dig" in page
    # Someone else's opening cannot be removed.
    opening = booking.openings_of(caseworker.id)[0]
    stranger = create_test_user(Role.CASEWORKER, team="benefits")
    other = client.application.test_client()
    login(other, stranger)
    assert (
        other.post(f"/da/caseworker/availability/openings/{opening.id}/delete").status_code == 404
    )
    assert (
        client.post(f"/da/caseworker/availability/openings/{opening.id}/delete").status_code == 302
    )
    assert len(booking.openings_of(caseworker.id)) == 6
    # The citizen sees the published times.
    citizen_client = client.application.test_client()
    login(citizen_client, citizen)
    assert "Vi ringer til dig" not in citizen_client.get("/da/meetings/book").get_data(as_text=True)
    assert "Telefon" in citizen_client.get("/da/meetings/book").get_data(as_text=True)


def test_no_slots_the_citizen_asks_to_be_called_and_a_caseworker_takes_it(
    app: Flask, client: FlaskClient, citizen: User, caseworker: User
) -> None:
    login(client, citizen)
    page = client.get("/da/meetings/book").get_data(as_text=True)
    assert "Der er ingen ledige tider lige nu." in page
    assert client.post("/da/meetings/call-me", data={"language": "da"}).status_code == 422
    sent = client.post(
        "/da/meetings/call-me",
        data={"phone": "+45 20 30 40 50", "best_time": "Formiddag", "language": "da"},
    )
    assert sent.status_code == 302
    staff = app.test_client()
    login(staff, caseworker)
    listing = staff.get("/da/caseworker/call-requests/").get_data(as_text=True)
    assert "+45 20 30 40 50" in listing and "Formiddag" in listing
    req = booking.open_call_requests()[0]
    taken = staff.post(f"/da/caseworker/call-requests/{req.id}/take")
    assert taken.headers["Location"].endswith(f"/da/caseworker/citizens/{citizen.id}/meetings/new")
    assert is_assigned(caseworker, citizen.id)
    second = create_test_user(Role.CASEWORKER, team="general")
    late = app.test_client()
    login(late, second)
    again = late.post(f"/da/caseworker/call-requests/{req.id}/take", follow_redirects=True)
    assert "En anden sagsbehandler har allerede taget opkaldet." in again.get_data(as_text=True)
    assignment = assignment_of(citizen.id)
    assert assignment is not None and assignment.caseworker_id == caseworker.id
    # An admin may read the list but takes no calls (no slots or citizens of their own).
    admin = create_test_user(Role.ADMIN)
    admin_client = app.test_client()
    login(admin_client, admin)
    assert admin_client.get("/da/caseworker/call-requests/").status_code == 200
    assert admin_client.post(f"/da/caseworker/call-requests/{req.id}/take").status_code == 403


def test_a_caseworker_booking_still_works_and_refuses_a_clash(
    client: FlaskClient, citizen: User, other_citizen: User, caseworker: User
) -> None:
    from portal.privacy.operations import assign_citizen

    assign_citizen(citizen, caseworker)
    assign_citizen(other_citizen, caseworker)
    first = make_meeting(citizen, caseworker, days=5)
    login(client, caseworker)
    from portal.domain.meetings import to_local

    local = to_local(first.starts_at)
    data = {
        "day": local.date().isoformat(),
        "clock": local.strftime("%H:%M"),
        "duration": "60",
        "channel": "phone",
        "place": "Tlf",
        "kind": "first",
    }
    # The first meeting was booked at a time with seconds; book one at its whole minute.
    ok = client.post(f"/da/caseworker/citizens/{other_citizen.id}/meetings/new", data=data)
    assert ok.status_code == 302
    clash = client.post(f"/da/caseworker/citizens/{citizen.id}/meetings/new", data=data)
    assert clash.status_code == 422
    assert "Du har allerede en samtale på det tidspunkt." in clash.get_data(as_text=True)
