"""The content library: the real content is valid and complete; the loader names bad files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from flask.testing import FlaskClient

from portal.domain.content import ContentError, is_official_url, load_library, render_markdown
from tests.conftest import REPO, SHARED

CONTENT = REPO / "content"


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_library(CONTENT)


def contract_topics() -> list[dict]:  # type: ignore[type-arg]
    path = SHARED / "contract" / "topics.yaml"
    if not path.exists():
        pytest.skip("shared/contract not beside the repository")
    return yaml.safe_load(path.read_text())["topics"]


def test_registry_matches_the_shared_contract(library) -> None:  # type: ignore[no-untyped-def]
    contract = {t["id"]: (t["audience"], t["handoff"]) for t in contract_topics()}
    ours = {t.id: (t.audience, t.handoff) for t in library.topics.values()}
    assert ours == contract


def test_every_contract_topic_has_danish_and_english_articles(library) -> None:  # type: ignore[no-untyped-def]
    for topic in contract_topics():
        assert (topic["id"], "da") in library.articles, topic["id"]
        assert (topic["id"], "en") in library.articles, topic["id"]


def test_every_article_cites_official_sources_and_is_reviewed(library) -> None:  # type: ignore[no-untyped-def]
    for article in library.articles.values():
        assert article.sources, article.path
        assert article.reviewed.year >= 2025, article.path
        assert len(article.body.split()) >= 80, f"{article.path} is too short"


def test_english_articles_are_current_translations(library) -> None:  # type: ignore[no-untyped-def]
    for (topic_id, lang), article in library.articles.items():
        if lang == "en":
            assert not library.resolve(topic_id, "en").is_stale, article.path


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.borger.dk/arbejde", True),
        ("https://lifeindenmark.borger.dk/working", True),
        ("https://star.dk/x", True),
        ("https://www.aarhus.dk/virksomhed", True),
        ("http://www.borger.dk/arbejde", False),
        ("https://borger.dk.evil.com/", False),
        ("https://notborger.dk/", False),
        ("https://www.a-kasse.dk/", False),
    ],
)
def test_official_url_check(url: str, ok: bool) -> None:
    hosts = ("borger.dk", "lifeindenmark.borger.dk", "star.dk", "aarhus.dk")
    assert is_official_url(url, hosts) is ok


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def problems_for(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_library(content)
    return info.value.problems


def test_unknown_topic_id_is_an_error_naming_the_folder(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    shutil.copytree(content / "topics" / "cv", content / "topics" / "made_up_topic")
    problems = problems_for(content)
    assert any("made_up_topic" in p and "unknown topic id" in p for p in problems)


def test_missing_danish_article_is_an_error(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    (content / "topics" / "joblog" / "da.md").unlink()
    assert any("joblog/da.md" in p and "missing Danish" in p for p in problems_for(content))


def test_bad_front_matter_names_the_file(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "topics" / "holiday" / "en.md"
    path.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    problems = problems_for(content)
    assert any(str(path) in p and "not valid YAML" in p for p in problems)


def test_missing_keys_and_unofficial_source_are_errors(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "topics" / "mentor" / "da.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed:", "reviewed_on:", 1), encoding="utf-8")
    other = content / "topics" / "cv" / "da.md"
    meta_end = other.read_text(encoding="utf-8")
    import frontmatter

    post = frontmatter.loads(meta_end)
    post.metadata["sources"] = [{"title": "A blog", "url": "https://blog.example.com/x"}]
    other.write_text(frontmatter.dumps(post), encoding="utf-8")
    problems = problems_for(content)
    assert any(str(path) in p and "missing front matter keys: reviewed" in p for p in problems)
    assert any(str(other) in p and "not an official https source" in p for p in problems)


def test_translation_newer_than_source_and_wrong_language_are_errors(tmp_path: Path) -> None:
    import frontmatter

    content = copy_content(tmp_path)
    path = content / "topics" / "interpreter" / "en.md"
    post = frontmatter.load(str(path))
    post.metadata["source_version"] = 99
    post.metadata["language"] = "de"
    path.write_text(frontmatter.dumps(post), encoding="utf-8")
    problems = problems_for(content)
    assert any(str(path) in p and "does not match file name" in p for p in problems)


def test_stale_and_missing_translations_are_flagged(tmp_path: Path) -> None:
    import frontmatter

    content = copy_content(tmp_path)
    da = content / "topics" / "cv" / "da.md"
    post = frontmatter.load(str(da))
    post.metadata["version"] = post.metadata["version"] + 1
    post.metadata["source_version"] = post.metadata["version"]
    da.write_text(frontmatter.dumps(post), encoding="utf-8")
    (content / "topics" / "cv" / "so.md").unlink(missing_ok=True)
    library = load_library(content)
    assert library.resolve("cv", "en").is_stale is True
    assert library.resolve("cv", "da").is_stale is False
    fallback = library.resolve("cv", "so")
    assert fallback.is_fallback is True and fallback.language == "da"
    assert library.resolve("no_such_topic", "da") is None


def test_badly_indented_nested_list_is_an_error(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "topics" / "holiday" / "da.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n- punkt\n  - underpunkt\n", encoding="utf-8"
    )
    assert any(str(path) in p and "indent nested list" in p for p in problems_for(content))


def test_markdown_is_sanitised() -> None:
    html = render_markdown(
        "## Hej\n\n<script>alert(1)</script> [x](javascript:alert(1)) <b onclick=x>y</b>"
    )
    assert "<h2>Hej</h2>" in html
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html


def test_help_index_groups_by_audience(client: FlaskClient) -> None:
    page = client.get("/da/help/").data.decode()
    for anchor in ('id="citizen"', 'id="refugee"', 'id="employer"'):
        assert anchor in page
    assert "/da/help/wage_subsidy" in page and "/da/help/danish_lessons" in page


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_topic_page_shows_sources_and_review_date(
    client: FlaskClient, library, lang: str
) -> None:  # type: ignore[no-untyped-def]
    for topic_id in library.topics:
        response = client.get(f"/{lang}/help/{topic_id}")
        assert response.status_code == 200, topic_id
        page = response.data.decode()
        article = library.articles[(topic_id, lang)]
        assert (
            article.title.replace("'", "&#39;").replace('"', "&#34;").replace("&", "&amp;") in page
            or article.title in page
        )
        assert article.sources[0].url in page
        assert f'datetime="{article.reviewed.isoformat()}"' in page
        assert "jobvej-content-fallback" not in page


@pytest.fixture
def danish_only_client(tmp_path: Path, app):  # type: ignore[no-untyped-def]
    """A client whose content library has no Somali or Tigrinya articles and a stale English cv
    (the machine-translated label is checked too, where such articles exist)."""
    import frontmatter

    from tests.conftest import make_app

    content = copy_content(tmp_path)
    for path in list((content / "topics").glob("*/so.md")) + list(
        (content / "topics").glob("*/ti.md")
    ):
        path.unlink()
    da = content / "topics" / "cv" / "da.md"
    post = frontmatter.load(str(da))
    post.metadata["version"] += 1
    post.metadata["source_version"] = post.metadata["version"]
    da.write_text(frontmatter.dumps(post), encoding="utf-8")
    other = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, CONTENT_DIR=str(content))
    return other.test_client()


def test_missing_translation_falls_back_to_danish_with_notice(danish_only_client, library) -> None:  # type: ignore[no-untyped-def]
    page = danish_only_client.get("/so/help/first_meeting").data.decode()
    assert "jobvej-content-fallback" in page
    assert 'lang="da"' in page
    assert library.articles[("first_meeting", "da")].short_answer[:40] in page
    data = danish_only_client.get("/api/v1/topics/cv?language=ti").get_json()
    assert data["language"] == "da" and data["fallback_language"] == "da"


def test_stale_translation_is_shown_with_notice(danish_only_client) -> None:  # type: ignore[no-untyped-def]
    page = danish_only_client.get("/en/help/cv").data.decode()
    assert "jobvej-content-stale" in page
    assert danish_only_client.get("/api/v1/topics/cv?language=en").get_json()["stale"] is True


def test_machine_translation_is_labelled(client: FlaskClient, library) -> None:  # type: ignore[no-untyped-def]
    """A machine-translated article says, in the reader's language, that the Danish text is
    authoritative AND that a machine translated it; a human translation does not claim that."""
    import html as html_lib

    from flask_babel import force_locale, gettext

    machine = [a for a in library.articles.values() if a.machine_translated]
    human = [
        a for a in library.articles.values() if not a.machine_translated and a.language != "da"
    ]
    if not machine or not human:
        pytest.skip("the library needs a machine- and a human-translated article")
    article = machine[0]
    with client.application.test_request_context(), force_locale(article.language):
        authoritative = gettext("Den danske tekst er gældende. Denne oversættelse er til hjælp.")
        machine_label = gettext("Oversættelsen er lavet maskinelt og er ikke gennemlæst.")
    page = html_lib.unescape(client.get(f"/{article.language}/help/{article.topic_id}").text)
    assert authoritative in page
    assert machine_label in page
    written = human[0]
    with client.application.test_request_context(), force_locale(written.language):
        written_label = gettext("Oversættelsen er lavet maskinelt og er ikke gennemlæst.")
    page = html_lib.unescape(client.get(f"/{written.language}/help/{written.topic_id}").text)
    assert written_label not in page


def test_unknown_topic_page_is_404(client: FlaskClient) -> None:
    assert client.get("/da/help/nope").status_code == 404


def test_topic_api_returns_short_answer_and_fallback(client: FlaskClient, library) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/v1/topics/cv?language=en").get_json()
    assert data["short_answer"] == library.articles[("cv", "en")].short_answer
    assert data["fallback_language"] is None and data["url"].endswith("/en/help/cv")
    assert client.get("/api/v1/topics/cv?language=xx").status_code == 422
    assert client.get("/api/v1/topics/nope").status_code == 404


QUOTE_MARKS = "\"'«»“”„‘’"


def test_no_article_title_or_short_answer_is_wrapped_in_literal_quote_marks(library) -> None:  # type: ignore[no-untyped-def]
    """YAML quoting belongs to the file, not the text: a title that starts or ends with a quote
    mark (as 8 Arabic and Persian titles once did) shows the marks to the reader."""
    wrapped = [
        f"{article.path}: {field_name}"
        for article in library.articles.values()
        for field_name, text in (("title", article.title), ("short_answer", article.short_answer))
        if text.strip()[:1] in QUOTE_MARKS or text.strip()[-1:] in QUOTE_MARKS
    ]
    assert not wrapped


@pytest.mark.parametrize("lang", ["ar", "en", "fa", "uk"])
def test_a_translation_says_the_danish_text_was_checked(client: FlaskClient, lang: str) -> None:
    """The review date is the Danish text's: on a translation the label must not read as if
    the translation had been reviewed."""
    import html as html_lib

    from flask_babel import force_locale, gettext

    with client.application.test_request_context(), force_locale(lang):
        danish_checked = gettext("Den danske tekst er senest gennemgået:")
        reviewed = gettext("Senest gennemgået:")
    assert danish_checked != "Den danske tekst er senest gennemgået:"  # translated
    page = html_lib.unescape(client.get(f"/{lang}/help/complaint").text)
    assert danish_checked in page
    assert reviewed not in page
    danish = html_lib.unescape(client.get("/da/help/complaint").text)
    assert "Senest gennemgået:" in danish
    assert "Den danske tekst er senest gennemgået:" not in danish


def test_no_wrapped_line_starts_like_a_numbered_list(library) -> None:  # type: ignore[no-untyped-def]
    """A wrapped line that starts with "1. " ("1. juli 2020 …") is rendered as a list item in the
    middle of a sentence; keep the number on the line before."""
    import re

    numbered = re.compile(r"\s*\d+[.)]\s")
    bad = []
    for article in library.articles.values():
        lines = article.body.splitlines()
        for number, (before, line) in enumerate(zip(lines, lines[1:], strict=False), start=2):
            if not numbered.match(line) or not before.strip() or numbered.match(before):
                continue
            continues_an_item = before[:1].isspace() and not line[:1].isspace()
            if not continues_an_item:
                bad.append(f"{article.path}: body line {number}: {line.strip()[:40]}")
    assert not bad


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SEPARATOR = r"[.,٬٫’'\u202f\u00a0]"
_NUMBER = re.compile(rf"\d+(?:(?:{_SEPARATOR}|\s(?=\d{{3}}\b))\d+)*½?")


def numbers_in(article) -> set[float]:  # type: ignore[no-untyped-def]
    """Every number a reader sees, whatever the digits (Arabic-Indic, Persian) and separators
    ("22.041", "22,041", "22 041" are 22041; "62,11" and "62.11" are 62.11; "2½" is 2.5)."""
    from portal.domain.readability import markdown_blocks

    blocks = [article.title, *markdown_blocks(article.short_answer), *markdown_blocks(article.body)]
    found: set[float] = set()
    for match in _NUMBER.findall(" ".join(blocks).translate(_DIGITS)):
        half = match.endswith("½")
        parts = re.split(rf"{_SEPARATOR}|\s", match.rstrip("½"))
        if half:
            found.add(int(parts[-1]) + 0.5)
        elif len(parts) > 1 and all(len(part) == 3 for part in parts[1:]):
            found.add(float("".join(parts)))
        elif len(parts) == 2:
            found.add(float(f"{parts[0]}.{parts[1]}"))
        else:
            found.update(float(part) for part in parts)
    return found


def test_translations_keep_every_amount_year_and_percentage_of_the_danish_text(library) -> None:  # type: ignore[no-untyped-def]
    """Rewording a Danish article must not change a figure, and a translation must carry the
    same figures. Numbers from 13 up (amounts, years, percentages, ages, hours) must be the
    same set in every language; smaller ones are often written as words ("سنتين ونصف" for 2½
    years, "two weeks") and are left to the reader."""
    differences = []
    for (topic_id, lang), article in sorted(library.articles.items()):
        if lang == "da":
            continue
        danish = {n for n in numbers_in(library.articles[(topic_id, "da")]) if n >= 13}
        mine = {n for n in numbers_in(article) if n >= 13}
        if danish != mine:
            differences.append(
                f"{topic_id}/{lang}: missing {sorted(danish - mine)}, extra {sorted(mine - danish)}"
            )
    assert not differences


def test_number_reading_handles_separators_and_digits() -> None:
    from types import SimpleNamespace

    article = SimpleNamespace(
        title="٢٢٬٠٤١ kr", short_answer="22 041 грн, 62,11 %, 2½ år", body="۱۴۰۶۱ و 1.1.2026"
    )
    assert numbers_in(article) >= {22041.0, 62.11, 2.5, 14061.0, 2026.0, 1.0}
