"""The calculator pages: forms generated from the specs, results, errors, flags, chart, in every
language the portal speaks."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from portal.domain.calculators import CALCULATORS
from portal.domain.calculators.figures import FIGURE_NAMES
from portal.domain.languages import LANGUAGE_CODES
from portal.domain.rates import RateBook
from tests.calculators_web.conftest import (
    FORM_SAMPLES,
    JSON_SAMPLES,
    amounts_on_page,
    field_group,
    table_rows,
)
from tests.conftest import REPO, create_test_user, login, make_app

NON_DANISH = [lang for lang in LANGUAGE_CODES if lang not in ("da",)]
OTHER_SCRIPTS = ("ar", "uk", "fa", "ti")  # languages whose translation can never equal Danish


def esc(text: str) -> str:
    """Text as Jinja's autoescape writes it."""
    return str(escape(text))


def catalog(lang: str) -> dict[str, str]:
    """The compiled catalog of ``lang``: msgid -> translation."""
    path = REPO / "translations" / lang / "LC_MESSAGES" / "messages.mo"
    with path.open("rb") as fh:
        return {m.id: m.string for m in read_mo(fh) if isinstance(m.id, str) and m.string}


def page_text(html: str) -> str:
    """The page's text with inline markup (such as ``<bdi>`` around amounts) removed."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def visible_text(html: str) -> str:
    """The page's text without tags, scripts, styles and the experts' section."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<details class="jobvej-experts".*?</details>', " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize("name", list(CALCULATORS))
def test_every_calculator_page_is_in_the_page_language(
    client: FlaskClient, name: str, lang: str
) -> None:
    """Title, every label, help text and choice come from the catalog of the page's language;
    on ar, uk, fa, ti (other scripts) none of them is the Danish text."""
    spec = CALCULATORS[name]
    response = client.get(f"/{lang}/calculators/{name}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    texts = catalog(lang) if lang != "da" else {}

    def shown(msgid: str) -> str:
        return texts.get(msgid, msgid) if lang != "da" else msgid

    assert f"<h1>{shown(spec.title)}</h1>" in unescape(page)
    assert 'name="csrf_token"' in page
    for f in spec.fields:
        assert f'name="{f.name}"' in page, f.name
        group = unescape(field_group(page, f.name))
        for msgid in (f.label, f.help, *f.choice_labels.values()):
            if not msgid:
                continue
            if lang != "da":
                assert msgid in texts, f"{lang}: no translation of {msgid!r}"
            assert shown(msgid) in group, (f.name, msgid)
            if lang in OTHER_SCRIPTS:
                assert msgid not in group, f"{lang}: Danish text shown for {f.name}"
    # No result before the user asks for one, and the page says it is a guide.
    assert 'id="result"' not in page
    assert shown(
        "En beregning er en vejledning, ikke en afgørelse. Det er kommunen eller din "
        "a-kasse, der træffer afgørelsen ud fra dine konkrete forhold."
    ) in unescape(page)


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_optional_is_only_said_of_optional_fields(client: FlaskClient, name: str) -> None:
    """Issue 8 item 6: "(valgfrit)" only where leaving the field empty is always fine; a
    conditional requirement is explained next to the field."""
    spec = CALCULATORS[name]
    page = client.get(f"/da/calculators/{name}").get_data(as_text=True)
    for f in spec.fields:
        group = field_group(page, f.name)
        marked = "(valgfrit)" in group
        assert marked == (f.optional and f.kind in ("decimal", "integer") and f.name != "year"), f
        if f.required_when:
            assert "Skal udfyldes, når" in group, f.name
        if f.required_unless:
            assert "Skal udfyldes, medmindre" in group, f.name


def test_index_lists_all_grouped_for_citizens_and_employers(client: FlaskClient) -> None:
    page = client.get("/da/calculators/").get_data(as_text=True)
    citizen = page[page.index('id="citizen"') : page.index('id="employer"')]
    employer = page[page.index('id="employer"') :]
    for name in ("dagpenge", "kontanthjaelp", "work_more_hours", "sygedagpenge"):
        assert f"/da/calculators/{name}" in citizen
        assert f"/da/calculators/{name}" not in employer
    assert "/da/calculators/loentilskud" in employer
    assert "/da/calculators/fleksjob" in employer
    assert {n for n in CALCULATORS if f"/da/calculators/{n}" in page} == set(CALCULATORS)
    english = client.get("/en/calculators/").get_data(as_text=True)
    assert "For employers" in english and "Wage subsidy for employers (løntilskud)" in english


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


def test_dagpenge_high_income_full_time_shows_the_2025_maximum(client: FlaskClient) -> None:
    response = client.post("/da/calculators/dagpenge", data=FORM_SAMPLES["dagpenge"])
    assert response.status_code == 200
    amounts = amounts_on_page(response.get_data(as_text=True))
    assert amounts["monthly_amount"] == "21.092 kr. pr. måned"
    assert amounts["hourly_rate"] == "131,55 kr. pr. time"


def test_english_page_formats_money_the_english_way(client: FlaskClient) -> None:
    data = dict(FORM_SAMPLES["dagpenge"], monthly_income="40,000")
    page = client.post("/en/calculators/dagpenge", data=data).get_data(as_text=True)
    amounts = amounts_on_page(page)
    assert amounts["monthly_amount"] == "21,092 kr. a month"
    assert amounts["hourly_rate"] == "131.55 kr. an hour"
    assert "Dagpenge per month before tax" in page


def test_danish_thousands_separator_is_read_as_thousands(client: FlaskClient) -> None:
    """32.500 typed on a Danish page is 32.500 kroner, not 32,5: 20.000 gives 16.560."""
    data = dict(FORM_SAMPLES["dagpenge"], monthly_income="20.000")
    amounts = amounts_on_page(client.post("/da/calculators/dagpenge", data=data).get_data(True))
    assert amounts["monthly_amount"] == "16.560 kr. pr. måned"
    data["monthly_income"] = "20.000,00"
    amounts = amounts_on_page(client.post("/da/calculators/dagpenge", data=data).get_data(True))
    assert amounts["monthly_amount"] == "16.560 kr. pr. måned"


@pytest.mark.parametrize(
    ("name", "key", "expected"),
    [
        ("kontanthjaelp", "monthly_amount", "7.539 kr. pr. måned"),
        ("work_more_hours", "total_after_tax_at_0_hours", "10.145,45 kr. pr. måned"),
        ("sygedagpenge", "weekly_amount", "4.865 kr. pr. uge"),
        ("loentilskud", "subsidy_per_hour", "86,16 kr. pr. time"),
        ("fleksjob", "subsidy", "17.670 kr. pr. måned"),
    ],
)
def test_valid_post_shows_the_main_amount(
    client: FlaskClient, name: str, key: str, expected: str
) -> None:
    response = client.post(f"/da/calculators/{name}", data=FORM_SAMPLES[name])
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    assert amounts_on_page(response.get_data(as_text=True))[key] == expected


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_result_shows_steps_rates_exclusions_and_help_link(
    client: FlaskClient, book: RateBook, name: str
) -> None:
    spec = CALCULATORS[name]
    result = spec.run(JSON_SAMPLES[name], book)
    page = client.post(f"/da/calculators/{name}", data=FORM_SAMPLES[name]).get_data(as_text=True)
    steps = table_rows(page, "steps")
    assert len(steps) == len(result.steps)
    for row, step in zip(steps, result.steps, strict=True):
        assert f'data-step="{step.code}"' in row
        assert esc(step.legal_reference) in row
    rates = table_rows(page, "rates")
    assert len(rates) == len(result.rates_used)
    for row, fig in zip(rates, result.rates_used, strict=True):
        assert f'data-rate="{fig.key}"' in row
        assert f'data-status="{fig.status.value}"' in row
        assert esc(FIGURE_NAMES[fig.key]) in row, "each figure has its name"
        if fig.source_url:
            assert f'href="{esc(fig.source_url)}"' in row
    assert "Hvad beregningen ikke tager med" in page
    assert re.search(r'id="not-included".*?<li>.+?</li>', page, re.S)
    assert f'href="/da/help/{spec.help_topic}"' in page
    assert "er en vejledning, ikke en afgørelse" in page


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize("name", list(CALCULATORS))
def test_result_page_shows_no_internal_text_outside_the_experts_section(
    client: FlaskClient, book: RateBook, name: str, lang: str
) -> None:
    """Issue 8 item 2: no figure key, formula or English research note in the main result;
    steps and figure names in the page's language; numbers without trailing zeros and never
    "kr.."; everything internal is in the collapsed experts' section."""
    result = CALCULATORS[name].run(JSON_SAMPLES[name], book)
    page = client.post(f"/{lang}/calculators/{name}", data=FORM_SAMPLES[name]).get_data(True)
    main = visible_text(page)
    for fig in result.rates_used:
        assert fig.key not in main, f"{lang}: figure key {fig.key} shown"
        if fig.formula:
            assert fig.formula not in main
        if fig.note:
            assert fig.note[:40] not in main, f"{lang}: research note shown"
    for step in result.steps:
        if step.calculation and len(step.calculation) > 8:
            assert step.calculation not in main, f"{lang}: formula of {step.code} shown"
    assert not re.search(r"\d[.,]\d{2}00\b", main), "numbers are not padded with zeros"
    assert "kr.." not in main
    assert "msgid" not in main, "a text object was shown raw"
    assert "STALE" not in main and "PLACEHOLDER" not in main
    experts = re.search(r'<details class="jobvej-experts".*?</details>', page, re.S)
    assert experts and "<summary>" in experts.group(0)
    assert all(f"<code>{fig.key}</code>" in experts.group(0) for fig in result.rates_used)
    if lang in OTHER_SCRIPTS:
        texts = catalog(lang)
        for step in result.steps:
            assert step.what.msgid in texts, f"{lang}: step {step.code} not translated"
        for w in result.warnings:
            assert w.text.msgid in texts, f"{lang}: warning {w.code} not translated"
        rows = table_rows(page, "steps")
        for row, step in zip(rows, result.steps, strict=True):
            if "%(" not in step.what.msgid:
                assert esc(step.what.msgid) not in row, f"{lang}: Danish step {step.code}"


def test_rates_are_explained_with_authority_or_reason(client: FlaskClient) -> None:
    """Each figure: name, amount, valid from and who confirmed it or why it is not confirmed,
    in the reader's language."""
    page = client.post("/da/calculators/dagpenge", data=FORM_SAMPLES["dagpenge"]).get_data(True)
    rows = {re.search(r'data-rate="([^"]+)"', r).group(1): r for r in table_rows(page, "rates")}  # type: ignore[union-attr]
    confirmed = rows["dagpenge.max_full_time"]
    assert "Højeste dagpengesats, fuldtidsforsikret" in confirmed
    assert "Bekræftet af Beskæftigelsesministeriet" in confirmed
    assert "<bdi>21.092 kr.</bdi> pr. måned" in confirmed
    assert "1. januar 2025" in confirmed
    unconfirmed = rows["dagpenge.replacement_pct"]
    assert "Ikke bekræftet: tallet er kun oplyst af en ikke-officiel kilde" in unconfirmed
    law = rows["dagpenge.youth_hours_full_time"]
    assert "Bekræftet i lovteksten" in law
    arabic = client.post("/ar/calculators/dagpenge", data=FORM_SAMPLES["dagpenge"]).get_data(True)
    ar_rows = {
        re.search(r'data-rate="([^"]+)"', r).group(1): r for r in table_rows(arabic, "rates")
    }  # type: ignore[union-attr]
    assert "أكّدته جهة: وزارة التشغيل" in ar_rows["dagpenge.max_full_time"]
    assert "<bdi>" in ar_rows["dagpenge.max_full_time"]


def test_unconfirmed_figures_are_flagged(client: FlaskClient) -> None:
    page = client.post("/da/calculators/dagpenge", data=FORM_SAMPLES["dagpenge"]).get_data(True)
    assert "Nogle tal i beregningen er ikke bekræftet af en officiel kilde" in page
    rows = {re.search(r'data-rate="([^"]+)"', r).group(1): r for r in table_rows(page, "rates")}  # type: ignore[union-attr]
    unconfirmed = rows["dagpenge.replacement_pct"]
    assert 'data-status="unconfirmed"' in unconfirmed
    assert '<span class="badge badge-warning">Ikke bekræftet</span>' in unconfirmed
    confirmed = rows["dagpenge.max_full_time"]
    assert "Ikke bekræftet" not in confirmed
    assert '<span class="badge badge-success">Bekræftet</span>' in confirmed
    alert = re.search(r'id="unconfirmed-alert".*?</div>\s*</div>', page, re.S)
    assert alert and "Dagpenge i procent af indkomsten efter AM-bidrag" in alert.group(0)


def test_derived_figures_show_their_formula_only_to_experts(
    client: FlaskClient, book: RateBook
) -> None:
    figure = book.figure(2025, "fleksjob.max_subsidy")
    assert figure.status.value == "derived" and figure.formula
    page = client.post("/en/calculators/fleksjob", data=FORM_SAMPLES["fleksjob"]).get_data(True)
    rows = {re.search(r'data-rate="([^"]+)"', r).group(1): r for r in table_rows(page, "rates")}  # type: ignore[union-attr]
    derived = rows["fleksjob.max_subsidy"]
    assert '<span class="badge badge-info">Derived</span>' in derived
    assert "Calculated by the law&#39;s rule from confirmed figures" in derived
    assert figure.formula not in derived
    experts = table_rows(page, "expert-rates")
    assert any(f"<code>{esc(figure.formula)}</code>" in row for row in experts)


def test_amounts_are_bidi_isolated_on_rtl_pages(client: FlaskClient) -> None:
    page = client.post("/ar/calculators/dagpenge", data=FORM_SAMPLES["dagpenge"]).get_data(True)
    assert 'dir="rtl"' in page
    amounts = re.findall(r'data-amount="[a-z_]+">(.*?)</dd>', page)
    # the number and "kr." isolated; the Arabic unit word after it flows right-to-left
    assert amounts and all(re.match(r"<bdi>[\d,.]+ kr\.</bdi> \S", a) for a in amounts), amounts
    steps = table_rows(page, "steps")
    assert all("<bdi" in row for row in steps), "values and law references are isolated"


def test_percentages_are_formatted_by_the_locale(client: FlaskClient) -> None:
    """Issue 8: "12.0100 %" was shown; now "12,01 %" in Danish and "12.01 %" in English."""
    da = client.post(
        "/da/calculators/work_more_hours", data=FORM_SAMPLES["work_more_hours"]
    ).get_data(True)
    assert "bundskat 12,01 % og gennemsnitlig kommuneskat 25,068 %" in page_text(da)
    en = client.post(
        "/en/calculators/work_more_hours", data=FORM_SAMPLES["work_more_hours"]
    ).get_data(True)
    assert "bundskat 12.01 % and average municipal tax 25.068 %" in page_text(en)


def test_no_double_period_after_an_amount(client: FlaskClient) -> None:
    data = {"year": "2025", "age": "35", "assets": "20000"}
    page = client.post("/da/calculators/kontanthjaelp", data=data).get_data(as_text=True)
    text = page_text(page)
    assert "Formue på 20.000 kr. er over grænsen på 15.500 kr. Formuen over grænsen" in text
    assert "kr.." not in text


# ---------------------------------------------------------------------------
# Errors, focus and links with values
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["da", "en", "ar"])
def test_invalid_input_shows_field_errors_and_keeps_values(client: FlaskClient, lang: str) -> None:
    texts = catalog(lang) if lang != "da" else {}
    message = texts.get("Skriv et tal.", "Skriv et tal.")
    data = {
        "year": "2025",
        "insurance": "part_time",
        "monthly_income": "fyrre tusind",
        "age": "12",
        "graduate": "true",
    }
    response = client.post(f"/{lang}/calculators/dagpenge", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    income = field_group(page, "monthly_income")
    assert "form-error" in income and esc(message) in income
    assert 'value="fyrre tusind"' in income
    assert 'aria-invalid="true"' in income
    age = field_group(page, "age")
    minimum = {"da": "Værdien skal være mindst 15.", "en": "The value must be at least 15."}
    if lang in minimum:
        assert minimum[lang] in age
    assert "form-error" in age and 'value="12"' in age
    assert re.search(r'value="part_time" checked', field_group(page, "insurance"))
    assert re.search(
        r'id="field-graduate-true"[^>]*value="true" checked', field_group(page, "graduate")
    )
    # The error summary (#error-summary: focus.js moves the focus there) links to the
    # fields; no jump to #result.
    assert 'id="error-summary"' in page and 'href="#field-monthly_income"' in page
    summary = re.search(r'<div class="alert alert-error"[^>]*id="error-summary"[^>]*>', page)
    assert summary and 'tabindex="-1"' in summary.group(0) and 'role="alert"' in summary.group(0)
    assert "data-jobvej-focus" not in page
    assert 'id="result"' not in page
    assert re.search(r'<form method="post" action="/[a-z]+/calculators/dagpenge" ', page)
    assert "#result" not in page


def test_result_heading_takes_the_focus(client: FlaskClient) -> None:
    page = client.post("/da/calculators/dagpenge", data=FORM_SAMPLES["dagpenge"]).get_data(True)
    heading = re.search(r'<h2 id="result-heading"[^>]*>', page)
    assert heading and "data-jobvej-focus" in heading.group(0)
    assert "data-jobvej-focus" not in page.replace(heading.group(0), "")
    assert "/static/js/focus.js" in page


def test_unknown_year_is_a_field_error_and_the_value_is_kept(client: FlaskClient) -> None:
    response = client.get(
        "/da/calculators/sygedagpenge?year=2031&hourly_wage=150&hours_per_week=37"
    )
    assert response.status_code == 422
    year = field_group(response.get_data(as_text=True), "year")
    assert "Der er ingen satser for 2031. Vælg et af årene 2025, 2026, 2027." in year
    assert '<option value="2031" selected>' in year


def test_cross_field_error_names_the_other_field(client: FlaskClient) -> None:
    data = {"year": "2025", "monthly_wage": "20000", "full_time_wage": "15000"}
    page = client.post("/da/calculators/fleksjob", data=data).get_data(as_text=True)
    group = field_group(page, "full_time_wage")
    label = CALCULATORS["fleksjob"].field("monthly_wage").label
    assert f"Værdien må ikke være lavere end „{label}“." in group


def test_get_with_query_computes_and_prefills(client: FlaskClient) -> None:
    """Other parts of the product link to "the calculator with your values"."""
    response = client.get("/da/calculators/dagpenge?monthly_income=25000&insurance=full_time")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert amounts_on_page(page)["monthly_amount"] == "20.700 kr. pr. måned"
    assert 'value="25000"' in field_group(page, "monthly_income")
    assert re.search(r'value="full_time" checked', field_group(page, "insurance"))
    assert '<option value="2026" selected>' in field_group(page, "year"), "today's year"


def test_query_in_another_language_and_year(client: FlaskClient) -> None:
    page = client.get("/en/calculators/sygedagpenge?year=2027&hourly_wage=200&hours_per_week=37")
    assert amounts_on_page(page.get_data(as_text=True))["weekly_amount"] == "5,289.89 kr. a week"


def test_shown_when_fields_get_a_hint_instead_of_javascript(client: FlaskClient) -> None:
    page = client.get("/da/calculators/work_more_hours").get_data(as_text=True)
    assert "Udfyld kun, hvis „Ydelse du får nu“ er „Dagpenge“." in field_group(page, "insurance")
    income = field_group(page, "monthly_income")
    assert "Skal udfyldes, når „Ydelse du får nu“ er „Dagpenge“." in income
    assert "Skal udfyldes, medmindre „Nyuddannet (dimittend)“ er „Ja“." in income
    assert "<script" not in page.split('id="form-heading"')[1].split("</form>")[0]


# ---------------------------------------------------------------------------
# Work more hours
# ---------------------------------------------------------------------------


def test_work_more_hours_has_table_per_hour_and_accessible_chart(client: FlaskClient) -> None:
    page = client.post(
        "/da/calculators/work_more_hours", data=FORM_SAMPLES["work_more_hours"]
    ).get_data(as_text=True)
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S)
    assert svg
    assert 'role="img"' in svg.group(0)
    assert 'aria-labelledby="wmh-title wmh-desc"' in svg.group(0)
    assert (
        '<title id="wmh-title">Indkomst efter skat efter antal timer om ugen</title>'
        in svg.group(0)
    )
    caption = re.search(r'<figcaption id="hours-chart-text">(.*?)</figcaption>', page, re.S)
    assert caption and "10.145 kr." in unescape(caption.group(1))
    rows = table_rows(page, "hours-table")
    assert len(rows) == 38
    assert "Næsten ikke" in rows[6] and "Næsten ikke" not in rows[5]
    assert "649,50 kr." in rows[1]


def test_losing_money_is_said_plainly(client: FlaskClient) -> None:
    """Issue 10 item 8: a negative gain is "No, you lose money", not "hardly"."""
    data = {"year": "2025", "benefit": "dagpenge", "hourly_wage": "120", "monthly_income": "40000"}
    page = client.post("/da/calculators/work_more_hours", data=data).get_data(as_text=True)
    rows = table_rows(page, "hours-table")
    assert "Nej, du taber penge" in rows[1] and "Næsten ikke" not in rows[1]
    assert 'data-warning="extra_hours_lose_money"' in page
    assert "Du taber penge på en ekstra time ved 1–37 timer om ugen." in unescape(page)
    english = client.post("/en/calculators/work_more_hours", data=data).get_data(as_text=True)
    assert "No, you lose money" in english


def test_work_more_hours_chart_is_translated_and_mirrored_in_arabic(client: FlaskClient) -> None:
    page = client.post(
        "/ar/calculators/work_more_hours", data=FORM_SAMPLES["work_more_hours"]
    ).get_data(as_text=True)
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S)
    assert svg and 'direction="rtl"' in svg.group(0)
    texts = catalog("ar")
    assert esc(texts["Indkomst efter skat efter antal timer om ugen"]) in svg.group(0)
    y_labels = re.findall(r'<text[^>]*class="y-label"[^>]*>', svg.group(0))
    assert y_labels and all('text-anchor="start"' in t for t in y_labels)


def test_loentilskud_checklist_is_shown(client: FlaskClient, book: RateBook) -> None:
    result = CALCULATORS["loentilskud"].run(JSON_SAMPLES["loentilskud"], book)
    checklist = result.details["checklist"]
    assert isinstance(checklist, list)
    page = client.post("/da/calculators/loentilskud", data=FORM_SAMPLES["loentilskud"]).get_data(
        True
    )
    assert len(table_rows(page, "checklist")) == len(checklist)
    assert "Højst 6 måneder (ca. 26 uger) hos en privat arbejdsgiver" in page_text(page)


def test_unknown_calculator_is_404(client: FlaskClient) -> None:
    assert client.get("/da/calculators/boligstoette").status_code == 404
    assert client.get("/xx/calculators/dagpenge").status_code == 404


def test_post_needs_a_csrf_token(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'csrf.sqlite3'}", tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    data = FORM_SAMPLES["dagpenge"]
    assert client.post("/da/calculators/dagpenge", data=data).status_code == 400
    form = client.get("/da/calculators/dagpenge").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token
    response = client.post("/da/calculators/dagpenge", data=dict(data, csrf_token=token.group(1)))
    assert response.status_code == 200
    assert amounts_on_page(response.get_data(as_text=True))["monthly_amount"].startswith("21.092")
    # The JSON API takes JSON, not forms: no token needed.
    api = client.post("/api/v1/calculators/dagpenge", json={**JSON_SAMPLES["dagpenge"]})
    assert api.status_code == 200


def test_the_clock_sets_the_default_year(tmp_path: Path) -> None:
    """JOBVEJ_TODAY fixes the date asked about: after New Year without a new rate file the
    latest year is used and the page says so."""
    app = make_app(f"sqlite:///{tmp_path / 'clock.sqlite3'}", tmp_path, JOBVEJ_TODAY="2028-01-03")
    page = app.test_client().get("/da/calculators/dagpenge?monthly_income=40000")
    html = page.get_data(as_text=True)
    assert amounts_on_page(html)["monthly_amount"] == "22.934 kr. pr. måned"
    assert "Satserne for 2028 er endnu ikke lagt ind. Beregningen bruger satserne for 2027." in html
    assert '<option value="2027" selected>' in field_group(html, "year")


def test_home_pages_link_the_calculators(app: Flask, client: FlaskClient) -> None:
    from portal.models.user import Role

    citizen = create_test_user(Role.CITIZEN)
    login(client, citizen)
    assert 'href="/da/calculators/"' in client.get("/da/citizen/").get_data(as_text=True)
    other = app.test_client()
    employer = create_test_user(Role.EMPLOYER, organisation="Test ApS")
    login(other, employer)
    page = other.get("/da/employer/").get_data(as_text=True)
    assert 'href="/da/calculators/loentilskud"' in page
