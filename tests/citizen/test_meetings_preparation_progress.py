"""Meetings (calendar file, requests to move), preparation, progress."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient
from icalendar import Calendar
from sqlalchemy import select

from portal.domain.progress_chart import RatingPoint, latest_scores, progress_svg
from portal.extensions import db
from portal.models.meetings import Meeting, Preparation, RescheduleRequest
from portal.models.progress import ProgressRating
from portal.models.user import User, utcnow
from tests.citizen.conftest import make_meeting
from tests.conftest import login

TIGRINYA = "ኣስተርጓሚ የድልየኒ 🙏"


def test_calendar_file_parses(client: FlaskClient, citizen: User, caseworker: User) -> None:
    meeting = make_meeting(citizen, caseworker)
    login(client, citizen)
    response = client.get(f"/da/meetings/{meeting.id}/calendar.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    cal = Calendar.from_ical(response.data)
    (event,) = cal.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (
        start == meeting.starts_at.replace(tzinfo=UTC).replace(microsecond=start.microsecond)
        or abs((start - meeting.starts_at.replace(tzinfo=UTC)).total_seconds()) < 1
    )
    assert event.decoded("dtend") - start == timedelta(minutes=60)
    assert str(event["location"]) == "Jobservice, Rådhuspladsen 1"
    assert "Samtale med jobservice" in str(event["summary"])
    assert str(event["uid"]) == f"meeting-{meeting.id}@jobvej"


def test_reschedule_request_reaches_caseworker_once(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    meeting = make_meeting(citizen, caseworker)
    login(client, citizen)
    empty = client.post(
        f"/da/meetings/{meeting.id}/reschedule", data={"reason": "  ", "language": "da"}
    )
    assert empty.status_code == 422
    assert "Skriv hvorfor du vil flytte samtalen." in empty.get_data(as_text=True)
    ok = client.post(
        f"/da/meetings/{meeting.id}/reschedule", data={"reason": TIGRINYA, "language": "ti"}
    )
    assert ok.status_code == 302
    req = db.session.scalars(select(RescheduleRequest)).one()
    assert (req.reason, req.language, req.status, req.citizen_id) == (
        TIGRINYA,
        "ti",
        "pending",
        citizen.id,
    )
    again = client.post(
        f"/da/meetings/{meeting.id}/reschedule", data={"reason": "igen", "language": "da"}
    )
    assert again.status_code == 422
    assert "allerede" in again.get_data(as_text=True)
    assert "venter på svar" in client.get("/da/meetings/").get_data(as_text=True)


def test_cannot_ask_to_move_a_past_meeting(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    meeting = make_meeting(citizen, caseworker, days=-1)
    login(client, citizen)
    response = client.post(
        f"/da/meetings/{meeting.id}/reschedule", data={"reason": "x", "language": "da"}
    )
    assert response.status_code == 422
    assert db.session.scalars(select(RescheduleRequest)).all() == []


PREP = {
    "wishes": "Hjælp til at finde job",
    "goals": "Lagerarbejde",
    "helps": "Struktur",
    "obstacles": "",
    "interpreter_needed": "yes",
    "interpreter_language": "tigrinya",
    "accessibility": "",
    "questions": "Hvad med transport?",
    "language": "da",
}


def test_preparation_shows_library_answer(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    from flask import current_app

    from portal.content_store import get_library

    meeting = make_meeting(citizen, caseworker)
    login(client, citizen)
    html = client.get(f"/da/preparation/{meeting.id}").get_data(as_text=True)
    short = get_library(current_app).resolve("first_meeting", "da").article.short_answer
    assert short in html
    assert "/da/help/first_meeting" in html


def test_preparation_draft_submit_edit_then_locked(
    client: FlaskClient, citizen: User, caseworker: User
) -> None:
    meeting = make_meeting(citizen, caseworker)
    login(client, citizen)
    url = f"/da/preparation/{meeting.id}"
    draft = client.post(url, data={"wishes": "Kun en start", "language": "da", "draft": "1"})
    assert draft.status_code == 302
    prep = db.session.scalars(select(Preparation)).one()
    assert (prep.status, prep.wishes) == ("draft", "Kun en start")
    incomplete = client.post(url, data={"wishes": "", "language": "da", "submit": "1"})
    assert incomplete.status_code == 422
    html = incomplete.get_data(as_text=True)
    assert "Skriv dine mål" in html and "Svar på om du har brug for en tolk." in html
    no_lang = client.post(url, data=dict(PREP, interpreter_language="", submit="1"))
    assert no_lang.status_code == 422
    assert "Skriv hvilket sprog tolken skal tale." in no_lang.get_data(as_text=True)
    assert "Hvad med transport?</textarea>" in no_lang.get_data(as_text=True)
    assert client.post(url, data=dict(PREP, submit="1")).status_code == 302
    db.session.expire_all()
    prep = db.session.get(Preparation, prep.id)
    assert (
        prep.status == "submitted"
        and prep.interpreter_needed
        and prep.interpreter_language == "tigrinya"
    )
    # still editable before the start; stays submitted when saved again
    assert client.post(url, data=dict(PREP, questions="Ny", draft="1")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Preparation, prep.id).status == "submitted"
    # the meeting starts: read-only
    m = db.session.get(Meeting, meeting.id)
    m.starts_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    locked = client.post(url, data=dict(PREP, questions="For sent", draft="1"))
    assert locked.status_code == 303
    db.session.expire_all()
    assert db.session.get(Preparation, prep.id).questions == "Ny"
    page = client.get(url).get_data(as_text=True)
    assert 'id="wishes"' not in page and "Ny" in page


def test_progress_rating_validation_and_chart(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    none = client.post("/da/progress/", data={})
    assert none.status_code == 422
    assert "mindst ét" in none.get_data(as_text=True)
    bad = client.post("/da/progress/", data={"job": "11", "danish": "3"})
    assert bad.status_code == 422
    assert "Vælg et tal fra 1 til 10." in bad.get_data(as_text=True)
    assert '<option selected value="3">' in bad.get_data(as_text=True)
    assert client.post("/da/progress/", data={"job": "4", "danish": "3"}).status_code == 302
    assert client.post("/da/progress/", data={"job": "6", "health": "8"}).status_code == 302
    rows = db.session.scalars(select(ProgressRating).order_by(ProgressRating.id)).all()
    assert [(r.job, r.danish, r.health) for r in rows] == [(4, 3, None), (6, None, 8)]
    html = client.get("/da/progress/").get_data(as_text=True)
    assert "<svg" in html and 'role="img"' in html
    assert html.count('<tr><th scope="row">') == 2


def test_progress_svg_escapes_and_plots() -> None:
    t0 = datetime(2026, 11, 1, tzinfo=UTC)
    points = [
        RatingPoint(t0, {"job": 2, "danish": 5}),
        RatingPoint(t0 + timedelta(days=7), {"job": 6}),
        RatingPoint(t0 + timedelta(days=14), {"job": 9, "danish": 7}),
    ]
    svg = progress_svg(points, {"job": "<script>x</script>", "danish": "Dansk"}, 'T"itle')
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "T&quot;itle" in svg
    assert svg.count("<circle") == 5
    assert svg.count('data-dimension="job"') == 4  # polyline + 3 points
    assert progress_svg([], {}, "t") == ""
    assert latest_scores(points)["danish"] == 7 and latest_scores(points)["network"] is None
    # higher scores are drawn higher (smaller y)
    ys = [float(part.split('cy="')[1].split('"')[0]) for part in svg.split("<circle")[1:4]]
    assert ys[0] > ys[1] > ys[2]
