"""Locale choice order (URL, saved preference, Accept-Language, Danish) and text direction."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from portal.domain.languages import LANGUAGES
from portal.extensions import db
from portal.models.user import User
from tests.conftest import login


def html_tag(page: str) -> str:
    match = re.search(r"<html[^>]*>", page)
    assert match
    return match.group(0)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_html_lang_and_dir_for_every_locale(client: FlaskClient, code: str) -> None:
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    tag = html_tag(response.data.decode())
    assert f'lang="{code}"' in tag
    expected = "rtl" if code in ("ar", "fa") else "ltr"
    assert f'dir="{expected}"' in tag


def test_unknown_language_prefix_is_404(client: FlaskClient) -> None:
    assert client.get("/xx/").status_code == 404
    assert client.get("/xx/help/").status_code == 404


def test_url_beats_saved_preference_and_header(client: FlaskClient, citizen: User) -> None:
    citizen.preferred_language = "ar"
    db.session.commit()
    login(client, citizen)
    response = client.get("/uk/", headers={"Accept-Language": "en"})
    assert 'lang="uk"' in html_tag(response.data.decode())


def test_saved_preference_beats_accept_language(client: FlaskClient, citizen: User) -> None:
    citizen.preferred_language = "fa"
    db.session.commit()
    login(client, citizen)
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.headers["Location"] == "/fa/"


def test_accept_language_used_when_no_url_or_preference(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "so;q=0.9, en;q=0.5"})
    assert response.headers["Location"] == "/so/"


def test_danish_is_the_last_resort(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "ja, zh"})
    assert response.headers["Location"] == "/da/"
    assert client.get("/").headers["Location"] == "/da/"


def test_language_switcher_names_each_language_in_its_own_script(client: FlaskClient) -> None:
    page = client.get("/da/help/").data.decode()
    for code, lang in LANGUAGES.items():
        link = (
            rf'<a href="/{code}/help/" lang="{code}" hreflang="{code}" '
            rf'dir="{lang.direction}"[^>]*>{lang.native_name}</a>'
        )
        assert re.search(link, page), code


def test_english_ui_is_translated_and_danish_is_source(client: FlaskClient) -> None:
    da = client.get("/da/login").data.decode()
    en = client.get("/en/login").data.decode()
    assert "Adgangskode" in da and "Gå til sidens indhold" in da
    assert "Password" in en and "Skip to content" in en
    assert "Adgangskode" not in en
    assert "jobvej-fallback-notice" not in en and "jobvej-fallback-notice" not in da


def test_untranslated_locale_falls_back_to_danish_visibly(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With one Tigrinya msgid untranslated, that text shows in Danish under a notice."""
    import shutil

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from tests.conftest import REPO, make_app

    translations = tmp_path / "translations"
    shutil.copytree(REPO / "translations", translations)
    po = translations / "ti" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="ti")
    catalog["Adgangskode"].string = ""
    with po.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, catalog)
    other = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"],
        tmp_path,
        BABEL_TRANSLATION_DIRECTORIES=str(translations),
    )
    from flask_babel import get_domain

    with other.app_context():
        translations_cache = get_domain().cache  # Flask-Babel caches catalogs per locale
    translations_cache.clear()
    try:
        page = other.test_client().get("/ti/login").data.decode()
    finally:
        translations_cache.clear()
    assert "jobvej-fallback-notice" in page
    assert "Adgangskode" in page  # Danish fallback text for the untranslated label


def test_account_language_preference_saved(client: FlaskClient, citizen: User) -> None:
    login(client, citizen)
    response = client.post("/da/account", data={"lang-language": "ar", "lang-submit": "1"})
    assert response.status_code == 302 and response.headers["Location"] == "/ar/account"
    db.session.refresh(citizen)
    assert citizen.preferred_language == "ar"


@pytest.mark.parametrize("code", [c for c, lang in LANGUAGES.items() if not lang.ui_reviewed])
def test_unreviewed_or_incomplete_ui_is_labelled(client: FlaskClient, code: str) -> None:
    page = client.get(f"/{code}/").data.decode()
    assert ("jobvej-fallback-notice" in page) or ("jobvej-unreviewed-notice" in page)


def test_reviewed_languages_carry_no_translation_notice(client: FlaskClient) -> None:
    for code in ("da", "en"):
        page = client.get(f"/{code}/").data.decode()
        assert "jobvej-unreviewed-notice" not in page and "jobvej-fallback-notice" not in page
