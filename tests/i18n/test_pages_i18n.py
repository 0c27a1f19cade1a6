"""Every page in every language: the language switcher leads to the same page in each
language (staff pages too), the footer links the accessibility statement, WTForms' own
messages come out in the page's language, and labels tell the truth about required fields."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from portal.domain.languages import LANGUAGES
from portal.forms import BUILTIN_MESSAGES, BUILTIN_PLURALS, JobvejForm
from tests.a11y.pages import LOGINS, PASSWORD, PageType, page_types, seed_pages
from tests.conftest import REPO, make_app

SWITCHER = re.compile(r'<nav class="jobvej-languages"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)" lang="(\w+)"[^>]*>([^<]*)</a>')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, list[PageType]]]:
    tmp = tmp_path_factory.mktemp("pages")
    application = make_app(f"sqlite:///{tmp / 'pages.sqlite3'}", tmp)
    ids = seed_pages(application)
    yield application, page_types(ids)


def client_for(application: Flask, role: str | None) -> FlaskClient:
    client = application.test_client()
    if role:
        response = client.post("/da/login", data={"email": LOGINS[role], "password": PASSWORD})
        assert response.status_code == 302
    return client


def test_every_page_has_a_working_language_switcher_and_statement_link(site) -> None:  # type: ignore[no-untyped-def]
    application, pages = site
    clients: dict[str | None, FlaskClient] = {}
    checked = 0
    for page in pages:
        client = clients.setdefault(page.login, client_for(application, page.login))
        path = page.path.format(lang="da")
        html = client.get(path).get_data(as_text=True)
        nav = SWITCHER.search(html)
        assert nav, f"{path}: no language switcher"
        links = LINK.findall(nav.group(1))
        assert [code for _, code, _ in links] == list(LANGUAGES), path
        for url, code, text in links:
            assert text.strip() == LANGUAGES[code].native_name, (path, code)
            target = url.replace("&amp;", "&")
            assert target.startswith(f"/{code}/"), (path, target)
            assert client.get(target).status_code == 200, (path, target)
            checked += 1
        assert 'href="/da/accessibility"' in html, f"{path}: footer lacks the statement link"
    assert checked >= 7 * 30
    print(f"\nlanguage switcher: {len(pages)} pages, {checked} links followed")


def test_switcher_keeps_the_page_and_its_query(site) -> None:  # type: ignore[no-untyped-def]
    application, _ = site
    client = client_for(application, "caseworker")
    html = client.get("/da/queues/?status=closed").get_data(as_text=True)
    assert 'href="/ar/queues/?status=closed"' in html
    html = client_for(application, "admin").get("/da/insight/?days=7").get_data(as_text=True)
    assert 'href="/ti/insight/?days=7"' in html


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_accessibility_statement_in_every_language(site, code: str) -> None:  # type: ignore[no-untyped-def]
    from portal.accessibility_statement import CHECKED_PAGE_TYPES, KNOWN_ISSUES

    application, pages = site
    client = application.test_client()
    html = client.get(f"/{code}/accessibility").get_data(as_text=True)
    with application.test_request_context(f"/{code}/"), force_locale(code):
        assert f"<h1>{gettext('Tilgængelighedserklæring')}</h1>" in html
        for name in CHECKED_PAGE_TYPES.values():
            assert f"<li>{gettext(name)}</li>" in html
        assert gettext(KNOWN_ISSUES["screen_reader_manual"]) in html
    assert "EN 301 549" in html and "WCAG 2.1" in html
    assert 'href="mailto:' in html and 'href="tel:' in html


def test_statement_lists_exactly_the_checked_page_types(site) -> None:  # type: ignore[no-untyped-def]
    from portal.accessibility_statement import CHECKED_PAGE_TYPES

    _, pages = site
    assert {p.kind for p in pages} == set(CHECKED_PAGE_TYPES)


def test_every_wtforms_message_is_mapped_to_our_catalog() -> None:
    import wtforms

    pot = (Path(wtforms.__file__).parent / "locale" / "wtforms.pot").read_text()
    builtin = set(re.findall(r'^msgid "(.+)"$', pot, flags=re.M))
    mapped = set(BUILTIN_MESSAGES) | set(BUILTIN_PLURALS)
    assert builtin - mapped == set()


class Probe(JobvejForm):
    choice = SelectField("x", choices=[("a", "A")])
    number = IntegerField("x")
    day = DateField("x")
    name = StringField("x", validators=[DataRequired(), Length(min=3)])


@pytest.mark.parametrize("code", ["da", "ar", "ti", "so"])
def test_wtforms_builtin_messages_in_the_page_language(app: Flask, code: str) -> None:
    data = {"choice": "zzz", "number": "tolv", "day": "i går", "name": "ab"}
    with app.test_request_context(f"/{code}/", method="POST", data=data), force_locale(code):
        form = Probe(meta={"csrf": False})
        assert not form.validate()
        got = {name: errors[0] for name, errors in form.errors.items()}
        assert got == {
            "choice": gettext("Vælg en af mulighederne."),
            "number": gettext("Skriv et helt tal med cifre, fx 12."),
            "day": gettext("Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24."),
            "name": gettext("Skriv mindst %(min)d tegn.", min=3),
        }
        english = ("Not a valid", "Field must", "This field")
        assert not any(text.startswith(english) for text in got.values())
        if code != "da":
            assert got["choice"] != "Vælg en af mulighederne."  # really translated


def test_register_labels_tell_the_truth(client: FlaskClient) -> None:
    html = client.get("/da/register").get_data(as_text=True)
    label = re.search(r'<label class="form-label" for="confirm">(.*?)</label>', html, re.S)
    assert label and "valgfrit" not in label.group(1)
    assert "Skal udfyldes, hvis du er arbejdsgiver." in html
    org = re.search(r'<label class="form-label" for="organisation">(.*?)</label>', html, re.S)
    assert org and "valgfrit" not in org.group(1)
    response = client.post(
        "/da/register",
        data={"role": "citizen", "display_name": "A", "email": "a@example.dk",
              "password": "a long enough secret", "confirm": ""},
    )  # fmt: skip
    assert "Skriv adgangskoden en gang til." in response.get_data(as_text=True)


def test_progress_and_preparation_labels(client: FlaskClient, citizen, caseworker) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from portal.meetings.operations import book_meeting
    from portal.models.user import utcnow
    from tests.conftest import login

    meeting = book_meeting(
        citizen, caseworker, utcnow() + timedelta(days=3), "Rådhuset", "in_person", "first"
    )
    login(client, citizen)
    progress = client.get("/da/progress/").get_data(as_text=True)
    assert "valgfrit" not in progress
    assert "Vælg et tal for mindst ét af punkterne." in progress
    prep = client.get(f"/da/preparation/{meeting.id}").get_data(as_text=True)
    for name in ("wishes", "goals"):
        label = re.search(rf'for="{name}">(.*?)</label>', prep, re.S)
        assert label and "valgfrit" not in label.group(1), name
    assert prep.count("Skal udfyldes, før du sender.") == 3  # wishes, goals, interpreter
    assert "Skal udfyldes, hvis du har brug for en tolk." in prep
    helps = re.search(r'for="helps">(.*?)</label>', prep, re.S)
    assert helps and "valgfrit" in helps.group(1)


def test_home_pages_lead_on(client: FlaskClient, citizen, caseworker) -> None:  # type: ignore[no-untyped-def]
    from portal.assistant.operations import create_handoff_case
    from portal.models.handoff import CaseSource
    from portal.queues.operations import reply_to_case
    from tests.conftest import login

    anonymous = client.get("/ar/").get_data(as_text=True)
    assert 'href="/ar/calculators/"' in anonymous and 'href="/ar/help/"' in anonymous
    case = create_handoff_case(
        source=CaseSource.LEFT_MESSAGE, language="da", topic_id=None, name="x", contact="y",
        message="Hjælp", consent_to_share=True, user_id=citizen.id, team_id=caseworker.team,
    )  # fmt: skip
    reply_to_case(caseworker, case, "Svar 1")
    reply_to_case(caseworker, case, "Svar 2")
    login(client, citizen)
    home = client.get("/da/citizen/").get_data(as_text=True)
    inbox = re.search(r'<li id="home-inbox">(.*?)</li>', home, re.S)
    assert inbox and 'href="/da/inbox/"' in inbox.group(1)
    assert "Du har 2 nye svar fra kommunen." in inbox.group(1)
    assert '<span class="jobvej-badge" aria-hidden="true">2</span>' in home
    client.get(f"/da/inbox/{case.id}")  # reading the case marks the answers read
    home = client.get("/da/citizen/").get_data(as_text=True)
    assert "jobvej-badge" not in home and "nye svar" not in home


def test_css_sizes_come_from_the_tokens() -> None:
    """DKFDS's root is 10 px: a bare rem in a rule is the bug this prevents."""
    css = (REPO / "portal" / "static" / "css" / "jobvej.css").read_text()
    root_end = css.index("}", css.index(":root"))
    rules = re.sub(r"/\*.*?\*/", "", css[root_end:], flags=re.S)
    assert re.findall(r"[\d.]+rem\b", rules) == []
    tokens = dict(re.findall(r"--(jv-text-[\w-]+):\s*([\d.]+)rem", css[:root_end]))
    assert float(tokens["jv-text-body"]) * 10 >= 16
    assert min(float(v) for v in tokens.values()) * 10 >= 14


def test_every_form_uses_the_catalog_translations() -> None:
    """A form on FlaskForm directly would show WTForms' English messages again."""
    import importlib
    import pkgutil

    from flask_wtf import FlaskForm

    import portal

    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        for sub in list(found):
            found |= subclasses(sub)
        return found

    forms = {c for c in subclasses(FlaskForm) if c.__module__.startswith("portal.")}
    assert len(forms) >= 15
    stray = sorted(f"{c.__module__}.{c.__name__}" for c in forms if not issubclass(c, JobvejForm))
    assert stray == [], f"derive these from portal.forms.JobvejForm: {stray}"
