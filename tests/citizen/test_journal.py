"""The citizen's journal: create, edit, delete, validation, inert markup, any script."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.models.journal import JournalEntry
from portal.models.sharing import Sharing
from portal.models.user import User
from tests.citizen.conftest import make_entry
from tests.conftest import login, make_app

ARABIC = "أبحث عن عمل في مستودع، وأتكلم العربية والدنماركية قليلاً"
TIGRINYA = "ኣብ መኽዘን ስራሕ ይደሊ እየ"
EMOJI = "Mål: arbejde 👩🏽‍🔧 med 🚚 og 🇩🇰 – ‘citater’ “og” æøå"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&'


def entries(user: User) -> list[JournalEntry]:
    return list(db.session.scalars(select(JournalEntry).where(JournalEntry.citizen_id == user.id)))


VALID = {
    "experience": {
        "title": "Lagermedarbejder",
        "organisation": "Grossisten",
        "period": "2020-2023",
    },
    "education": {"title": "HF", "organisation": "VUC"},
    "skill": {"title": "Truckkort"},
    "certificate": {"title": "Førstehjælp", "organisation": "Røde Kors", "period": "2024"},
    "language": {"title": "Tigrinya", "level": "native"},
    "goal": {"goal_area": "health", "body": "Gå en tur hver dag"},
    "application": {
        "organisation": "Nordlager A/S",
        "title": "Lagerassistent",
        "applied_on": "2026-11-20",
        "status": "sent",
        "next_step": "Ring mandag",
        "link": "https://job.jobnet.dk/123",
    },
    "note": {"body": "Husk CV"},
}


@pytest.mark.parametrize("section", sorted(VALID))
def test_create_edit_delete_every_section(client: FlaskClient, citizen: User, section: str) -> None:
    login(client, citizen)
    form = dict(VALID[section], language="da")
    response = client.post(f"/da/journal/new/{section}", data=form)
    assert response.status_code == 302
    (entry,) = entries(citizen)
    assert entry.section == section
    for key, value in VALID[section].items():
        stored = getattr(entry, key)
        assert (stored.isoformat() if isinstance(stored, date) else stored) == value
    page = client.get("/da/journal/").get_data(as_text=True)
    first_value = next(iter(VALID[section].values()))
    if section not in {"goal", "language"}:
        assert first_value in page
    # edit
    changed = dict(form)
    key = next(k for k in VALID[section] if k in {"title", "body"})
    changed[key] = "Ændret tekst"
    assert client.post(f"/da/journal/{entry.id}/edit", data=changed).status_code == 302
    db.session.expire_all()
    assert getattr(db.session.get(JournalEntry, entry.id), key) == "Ændret tekst"
    # delete: GET asks, POST deletes
    assert client.get(f"/da/journal/{entry.id}/delete").status_code == 200
    assert entries(citizen)
    assert client.post(f"/da/journal/{entry.id}/delete").status_code == 302
    assert entries(citizen) == []


def test_missing_required_fields_get_messages_and_keep_input(
    client: FlaskClient, citizen: User
) -> None:
    login(client, citizen)
    response = client.post(
        "/da/journal/new/application",
        data={"title": "Chauffør <b>", "next_step": "Ringe", "language": "da"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Skriv navnet." in html
    assert "Skriv datoen for ansøgningen." in html
    assert "Vælg status for ansøgningen." in html
    assert 'value="Chauffør &lt;b&gt;"' in html  # kept, escaped
    assert 'value="Ringe"' in html
    assert 'href="#organisation"' in html  # error summary links to the field
    assert entries(citizen) == []


def test_field_messages_in_english(client: FlaskClient, citizen: User) -> None:
    login(client, citizen, "en")
    response = client.post("/en/journal/new/note", data={"title": "x", "language": "en"})
    assert response.status_code == 422
    assert "Write something in the field." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("link", "javascript:alert(1)", "Skriv en hel webadresse"),
        ("link", "job.jobnet.dk", "Skriv en hel webadresse"),
        ("applied_on", "24/11/2026", "Skriv datoen som ÅÅÅÅ-MM-DD"),
        ("applied_on", (date.today() + timedelta(days=3)).isoformat(), "fremtiden"),
    ],
)
def test_bad_application_values_rejected(
    client: FlaskClient, citizen: User, field: str, value: str, message: str
) -> None:
    login(client, citizen)
    data = dict(VALID["application"], language="da")
    data[field] = value
    response = client.post("/da/journal/new/application", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert entries(citizen) == []


def test_unknown_text_language_rejected(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    response = client.post("/da/journal/new/note", data={"body": "x", "language": "xx"})
    assert response.status_code == 422
    assert entries(citizen) == []


def test_markup_comes_back_inert(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    data = dict(VALID["application"], language="da")
    data.update(title=XSS, organisation=XSS, next_step=XSS, body=XSS)
    assert client.post("/da/journal/new/application", data=data).status_code == 302
    (entry,) = entries(citizen)
    assert entry.title == XSS  # stored as typed
    for url in ("/da/journal/", f"/da/journal/{entry.id}/edit", "/da/privacy/export.html"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html


@pytest.mark.parametrize(("text", "lang"), [(ARABIC, "ar"), (TIGRINYA, "ti"), (EMOJI, "da")])
def test_any_script_round_trips(client: FlaskClient, citizen: User, text: str, lang: str) -> None:
    login(client, citizen)
    response = client.post(
        "/da/journal/new/goal", data={"goal_area": "job", "body": text, "language": lang}
    )
    assert response.status_code == 302
    (entry,) = entries(citizen)
    assert entry.body == text
    assert entry.language == lang
    html = client.get("/da/journal/").get_data(as_text=True)
    assert f'<p class="jobvej-usertext" lang="{lang}" dir="auto">{text}</p>' in html
    export = client.get("/da/privacy/export.json").get_json()
    assert export["tables"]["journal_entries"][0]["body"] == text


def test_language_select_defaults_to_ui_language(client: FlaskClient, citizen: User) -> None:
    login(client, citizen, "ar")
    html = client.get("/ar/journal/new/note").get_data(as_text=True)
    assert '<option selected value="ar">' in html
    assert 'dir="rtl"' in html


def test_sharing_can_be_given_and_withdrawn(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    assert db.session.get(Sharing, citizen.id) is None
    client.post("/da/journal/sharing", data={"share": "1"})
    assert db.session.get(Sharing, citizen.id).journal is True
    assert "Delt med jobservice – ingen sagsbehandler tildelt endnu" in client.get(
        "/da/journal/"
    ).get_data(as_text=True)
    client.post("/da/journal/sharing", data={"share": "0"})
    db.session.expire_all()
    assert db.session.get(Sharing, citizen.id).journal is False


def test_unknown_section_is_404(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    assert client.get("/da/journal/new/passwords").status_code == 404


def test_journal_is_for_citizens_only(client: FlaskClient, caseworker: User) -> None:
    login(client, caseworker)
    assert client.get("/da/journal/").status_code == 403
    assert client.get("/da/progress/").status_code == 403
    assert client.get("/da/privacy/").status_code == 403


def test_csrf_is_enforced_on_journal_form(tmp_path, citizen: User, app: Flask) -> None:  # type: ignore[no-untyped-def]
    strict = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, WTF_CSRF_ENABLED=True)
    with strict.app_context():
        client = strict.test_client()
        client.post("/da/login", data={"email": citizen.email, "password": "x"})
        page = client.get("/da/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        from tests.conftest import PASSWORD

        assert (
            client.post(
                "/da/login",
                data={"email": citizen.email, "password": PASSWORD, "csrf_token": token},
            ).status_code
            == 302
        )
        response = client.post(
            "/da/journal/new/note", data={"body": "uden token", "language": "da"}
        )
        assert response.status_code == 400  # CSRFProtect refuses before the view runs
        assert entries(citizen) == []
        form = client.get("/da/journal/new/note").get_data(as_text=True)
        token = form.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        response = client.post(
            "/da/journal/new/note",
            data={"body": "med token", "language": "da", "csrf_token": token},
        )
        assert response.status_code == 302
        assert [e.body for e in entries(citizen)] == ["med token"]


def test_make_entry_helper_is_private_by_default(app: Flask, citizen: User) -> None:
    entry = make_entry(citizen)
    assert entry.citizen_id == citizen.id
    assert db.session.get(Sharing, citizen.id) is None
