"""Cancelling and rebooking the first meeting: the citizen cancels (with a confirmation) and
books another slot, the preparation goes with them, the caseworker sees the cancellation, a
cancelled meeting frees its slot (also under concurrent bookings), and staff can cancel with a
reason the citizen reads in their own language. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.domain.meetings import as_utc
from portal.extensions import db
from portal.meetings import booking
from portal.meetings.operations import MeetingError, book_meeting, cancel_meeting
from portal.models.meetings import Meeting, Preparation, RescheduleRequest
from portal.models.user import Role, User, utcnow
from portal.privacy.access import assignment_of
from tests.citizen.conftest import make_meeting
from tests.citizen.test_first_meeting import PREPARATION, open_every_day, race_for_slot, slot_value
from tests.conftest import create_test_user, login


def _live_meetings() -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).where(Meeting.status == "booked")))


def test_the_citizen_cancels_after_confirming_and_books_again_with_the_same_preparation(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    login(client, citizen)
    client.post("/da/preparation/", data={**PREPARATION, "submit": "1"})
    open_every_day(caseworker)
    slot = booking.available_slots()[0]
    client.post("/da/meetings/book", data={"slot": slot_value(slot)})
    meeting = db.session.scalars(select(Meeting)).one()
    prep_id = db.session.scalars(select(Preparation.id)).one()

    mine = client.get("/da/meetings/").get_data(as_text=True)
    assert f'href="/da/meetings/{meeting.id}/cancel"' in mine
    # The link leads to a confirmation; nothing is cancelled by looking at it.
    confirm = client.get(f"/da/meetings/{meeting.id}/cancel")
    assert confirm.status_code == 200
    text = confirm.get_data(as_text=True)
    assert "Vil du aflyse samtalen?" in text
    assert "Din forberedelse bliver ikke slettet." in text
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).status == "booked"  # type: ignore[union-attr]

    done = client.post(f"/da/meetings/{meeting.id}/cancel")
    assert done.status_code == 302 and done.headers["Location"].endswith("/da/meetings/book")
    db.session.expire_all()
    cancelled = db.session.get(Meeting, meeting.id)
    assert cancelled is not None and cancelled.status == "cancelled"
    assert cancelled.cancelled_by_id == citizen.id and cancelled.cancel_reason == "citizen"
    # The slot is open again, and the preparation is the citizen's own again (still sent).
    assert booking.find_slot(booking.available_slots(), caseworker.id, slot.starts_at)
    prep = db.session.get(Preparation, prep_id)
    assert prep is not None and prep.meeting_id is None and prep.status == "submitted"
    # The old meeting's preparation page leads back to the early preparation.
    back = client.get(f"/da/preparation/{meeting.id}")
    assert back.headers["Location"].endswith("/da/preparation/")
    # "Mine samtaler" lists it as cancelled, without a cancel or move link.
    mine = client.get("/da/meetings/").get_data(as_text=True)
    assert "Aflyste samtaler" in mine and "Du har selv aflyst samtalen." in mine
    assert f'href="/da/meetings/{meeting.id}/cancel"' not in mine
    # Cancelling twice is refused politely.
    again = client.post(f"/da/meetings/{meeting.id}/cancel")
    assert again.status_code == 302 and again.headers["Location"].endswith("/da/meetings/")

    # Book again: the very same slot, and the preparation goes with the new meeting.
    rebook = client.post("/da/meetings/book", data={"slot": slot_value(slot)})
    assert rebook.status_code == 302
    new = db.session.scalars(select(Meeting).where(Meeting.status == "booked")).one()
    assert new.id != meeting.id and new.starts_at == meeting.starts_at
    db.session.expire_all()
    assert db.session.get(Preparation, prep_id).meeting_id == new.id  # type: ignore[union-attr]

    # The caseworker sees the cancellation on the home page, and the brief of the new meeting
    # holds the preparation.
    staff = client.application.test_client()
    login(staff, caseworker)
    home = staff.get("/da/caseworker/").get_data(as_text=True)
    section = home[home.index('id="cancelled-meetings"') :]
    assert citizen.display_name in section and "aflyst af borgeren" in section
    brief = staff.get(f"/da/caseworker/meetings/{new.id}/brief").get_data(as_text=True)
    assert "Arbejde som elektriker igen" in brief


def test_cancelling_is_only_for_own_booked_first_meetings_that_have_not_started(
    client: FlaskClient, citizen: User, other_citizen: User, caseworker: User
) -> None:
    started = make_meeting(citizen, caseworker, days=-0.01)
    follow_up = make_meeting(citizen, caseworker, days=5, kind="follow_up")
    theirs = make_meeting(other_citizen, caseworker, days=4)
    login(client, citizen)
    assert client.get(f"/da/meetings/{theirs.id}/cancel").status_code == 404
    assert client.post(f"/da/meetings/{theirs.id}/cancel").status_code == 404
    for meeting in (started, follow_up):
        response = client.post(f"/da/meetings/{meeting.id}/cancel")
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/da/meetings/")
    db.session.expire_all()
    assert {m.status for m in db.session.scalars(select(Meeting))} == {"booked"}
    with pytest.raises(MeetingError) as err:
        cancel_meeting(started, citizen, "citizen")
    assert err.value.code == "too_late"
    with pytest.raises(MeetingError) as err:
        cancel_meeting(theirs, caseworker, "no-such-reason")
    assert err.value.code == "invalid_choice"


def test_a_cancelled_meeting_frees_its_slot_but_two_live_meetings_still_clash(
    citizen: User, other_citizen: User, caseworker: User
) -> None:
    start = utcnow() + timedelta(days=3)
    first = book_meeting(citizen, caseworker, start, "A", "in_person", "first")
    req = RescheduleRequest(meeting_id=first.id, citizen_id=citizen.id, reason="syg", language="da")
    db.session.add(req)
    db.session.commit()
    cancel_meeting(first, caseworker, "caseworker_absent")
    assert db.session.get(RescheduleRequest, req.id).status == "withdrawn"  # type: ignore[union-attr]
    # The slot can be booked again (the cancelled row stays, for the record)...
    second = book_meeting(other_citizen, caseworker, start, "B", "in_person", "first")
    assert second.status == "booked"
    # ...but the partial unique index still refuses a second live meeting at that moment.
    with pytest.raises(MeetingError) as err:
        book_meeting(citizen, caseworker, start, "C", "phone", "first")
    assert err.value.code == "slot_taken"
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 2
    assert [m.id for m in _live_meetings()] == [second.id]


def test_concurrent_bookings_of_a_slot_freed_by_a_cancellation_one_wins(
    app: Flask, citizen: User, caseworker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A citizen cancels; then six citizens race for the freed slot at once, each in its own
    thread and database connection, all past the open-slot check before any inserts. The
    cancelled row does not block them, and the partial unique index lets exactly one win."""
    open_every_day(caseworker)
    slot = booking.available_slots()[0]
    cancelled = booking.book_slot(citizen, caseworker.id, slot.starts_at)
    cancel_meeting(cancelled, citizen, "citizen")
    citizen_ids = [create_test_user(Role.CITIZEN).id for _ in range(6)]
    caseworker_id = caseworker.id
    db.session.remove()

    results = race_for_slot(app, monkeypatch, citizen_ids, caseworker_id, slot.starts_at)
    assert sorted(results.values()) == ["booked"] + ["slot_taken"] * (len(citizen_ids) - 1)
    winner = next(cid for cid, outcome in results.items() if outcome == "booked")
    live = _live_meetings()
    assert [(m.citizen_id, m.caseworker_id) for m in live] == [(winner, caseworker_id)]
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 2
    assert [cid for cid in citizen_ids if assignment_of(cid) is not None] == [winner]


def test_the_caseworker_cancels_with_a_reason_the_citizen_reads_in_their_language(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    open_every_day(caseworker)
    meeting = booking.book_slot(citizen, caseworker.id, booking.available_slots()[0].starts_at)
    staff = client.application.test_client()
    login(staff, caseworker)
    page = staff.get(f"/da/caseworker/citizens/{citizen.id}").get_data(as_text=True)
    assert f'href="/da/caseworker/meetings/{meeting.id}/cancel"' in page
    form = staff.get(f"/da/caseworker/meetings/{meeting.id}/cancel")
    assert form.status_code == 200
    assert "Din sagsbehandler er fraværende på det tidspunkt." in form.get_data(as_text=True)
    assert staff.post(f"/da/caseworker/meetings/{meeting.id}/cancel", data={}).status_code == 422
    done = staff.post(
        f"/da/caseworker/meetings/{meeting.id}/cancel",
        data={"reason": "caseworker_absent", "note": "Jeg er på kursus.", "language": "da"},
    )
    assert done.status_code == 302
    db.session.expire_all()
    cancelled = db.session.get(Meeting, meeting.id)
    assert cancelled is not None and cancelled.status == "cancelled"
    assert cancelled.cancelled_by_id == caseworker.id and cancelled.cancel_seen_at is None
    page = staff.get(f"/da/caseworker/citizens/{citizen.id}").get_data(as_text=True)
    assert "Aflyst" in page and f"/da/caseworker/meetings/{meeting.id}/cancel" not in page

    # The citizen reads it in Arabic: the reason translated, the note as written (marked Danish).
    login(client, citizen, "ar")
    home = client.get("/ar/citizen/").get_data(as_text=True)
    assert 'id="home-cancelled"' in home
    inbox = client.get("/ar/inbox/").get_data(as_text=True)
    notice = inbox[inbox.index('id="inbox-cancellations"') :]
    assert "Din sagsbehandler er fraværende på det tidspunkt." not in notice
    assert re.search(r"الموظف المسؤول عن ملفك", notice), "the reason in Arabic"
    assert '<p class="jobvej-usertext" lang="da" dir="auto">Jeg er på kursus.</p>' in notice
    assert 'href="/ar/meetings/book"' in notice
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).cancel_seen_at is not None  # type: ignore[union-attr]
    assert 'id="home-cancelled"' not in client.get("/ar/citizen/").get_data(as_text=True)
    # The slot is free again for everyone.
    assert booking.find_slot(booking.available_slots(), caseworker.id, meeting.starts_at)


def test_only_staff_who_serve_the_citizen_can_cancel_their_meeting(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    meeting = make_meeting(citizen, caseworker, days=2)
    stranger = create_test_user(Role.CASEWORKER, team="business_service")
    login(client, stranger)
    assert client.get(f"/da/caseworker/meetings/{meeting.id}/cancel").status_code == 404
    response = client.post(
        f"/da/caseworker/meetings/{meeting.id}/cancel",
        data={"reason": "other", "note": "", "language": "da"},
    )
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).status == "booked"  # type: ignore[union-attr]


def test_the_booking_page_groups_four_weeks_of_slots_by_week_with_the_first_open(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    open_every_day(caseworker)
    slots = booking.available_slots()
    login(client, citizen)
    page = client.get("/da/meetings/book").get_data(as_text=True)
    weeks = re.findall(r'<details class="jobvej-week" id="week-\d+"( open)?>', page)
    assert 4 <= len(weeks) <= 6, "four weeks ahead span four to six calendar weeks"
    assert weeks[0] == " open" and not any(weeks[1:]), "only the first week starts open"
    assert page.count('type="radio" name="slot"') == len(slots)
    counts = [int(n) for n in re.findall(r"\((\d+) ledige? tid(?:er)?\)", page)]
    assert sum(counts) == len(slots) and len(counts) == len(weeks)
    assert "Uge " in page and page.count("<legend") >= 20
    # After a refused choice in a later week, that week is the one shown open.
    last = slots[-1]
    other = create_test_user(Role.CITIZEN)
    booking.book_slot(other, caseworker.id, last.starts_at)
    refused = client.post("/da/meetings/book", data={"slot": slot_value(last)})
    assert refused.status_code == 409
    text = refused.get_data(as_text=True)
    opened = re.findall(r'<details class="jobvej-week" id="week-(\d+)" open>', text)
    assert opened == ["1"]  # the taken slot is gone, so the first week opens again


def test_a_cancelled_meeting_s_calendar_file_takes_it_out_of_both_calendars(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    from icalendar import Calendar

    open_every_day(caseworker)
    meeting = booking.book_slot(citizen, caseworker.id, booking.available_slots()[0].starts_at)
    login(client, citizen)
    before = Calendar.from_ical(client.get(f"/da/meetings/{meeting.id}/calendar.ics").data)
    assert str(before["method"]) == "PUBLISH"
    assert "status" not in before.walk("VEVENT")[0]
    client.post(f"/da/meetings/{meeting.id}/cancel")
    mine = client.get("/da/meetings/").get_data(as_text=True)
    assert f'href="/da/meetings/{meeting.id}/calendar.ics"' in mine
    staff = client.application.test_client()
    login(staff, caseworker)
    home = staff.get("/da/caseworker/").get_data(as_text=True)
    assert f'href="/da/caseworker/meetings/{meeting.id}/calendar.ics"' in home
    for url, cal_client in (
        (f"/da/meetings/{meeting.id}/calendar.ics", client),
        (f"/da/caseworker/meetings/{meeting.id}/calendar.ics", staff),
    ):
        cal = Calendar.from_ical(cal_client.get(url).data)
        event = cal.walk("VEVENT")[0]
        assert str(cal["method"]) == "CANCEL"
        assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 1
        assert event.decoded("dtstart") == as_utc(meeting.starts_at)
    # The same UID as the file the citizen added, so the calendar finds the event.
    assert str(before.walk("VEVENT")[0]["uid"]) == str(
        Calendar.from_ical(client.get(f"/da/meetings/{meeting.id}/calendar.ics").data).walk(
            "VEVENT"
        )[0]["uid"]
    )
