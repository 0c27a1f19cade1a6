"""The calculator pages: forms generated from the specs, results, errors, flags, chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from portal.calculators.forms import HELP_TOPICS
from portal.domain.calculators import CALCULATORS, ChartLabels, chart_text_alternative
from portal.domain.rates import RateBook
from tests.calculators_web.conftest import (
    FORM_SAMPLES,
    JSON_SAMPLES,
    amounts_on_page,
    field_group,
    table_rows,
)
from tests.conftest import create_test_user, login, make_app


def esc(text: str) -> str:
    """Text as Jinja's autoescape writes it."""
    return str(escape(text))


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", list(CALCULATORS))
def test_every_calculator_page_renders_its_generated_form(
    client: FlaskClient, name: str, lang: str
) -> None:
    spec = CALCULATORS[name]
    response = client.get(f"/{lang}/calculators/{name}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    title = spec.title.en if lang == "en" else spec.title.da
    assert f"<h1>{esc(title)}</h1>" in page
    assert 'name="csrf_token"' in page
    for f in spec.fields:
        assert f'name="{f.name}"' in page, f.name
        label = f.label.en if lang == "en" else f.label.da
        assert esc(label) in page, label
    # No result before the user asks for one, and the page says it is a guide.
    assert 'id="result"' not in page
    guide = "is a guide, not a decision" if lang == "en" else "er en vejledning, ikke en afgørelse"
    assert guide in page


def test_index_lists_all_six_grouped_for_citizens_and_employers(client: FlaskClient) -> None:
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
    """32.500 typed on a Danish page is 32.500 kroner, not 32,5: 32.500 × 0,92 × 0,90 = 26.910,
    above the maximum, so the maximum applies; 20.000 gives 16.560 (below the maximum)."""
    data = dict(FORM_SAMPLES["dagpenge"], monthly_income="20.000")
    amounts = amounts_on_page(client.post("/da/calculators/dagpenge", data=data).get_data(True))
    assert amounts["monthly_amount"] == "16.560 kr. pr. måned"
    data["monthly_income"] = "20.000,00"
    amounts = amounts_on_page(client.post("/da/calculators/dagpenge", data=data).get_data(True))
    assert amounts["monthly_amount"] == "16.560 kr. pr. måned"


@pytest.mark.parametrize(
    ("name", "key", "expected"),
    [
        ("kontanthjaelp", "monthly_amount", "6.507 kr. pr. måned"),
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
        assert esc(step.what.da) in row
        assert esc(step.legal_reference) in row
    rates = table_rows(page, "rates")
    assert len(rates) == len(result.rates_used)
    for row, fig in zip(rates, result.rates_used, strict=True):
        assert f'data-rate="{fig.key}"' in row
        assert f'data-status="{fig.status.value}"' in row
        if fig.source_url:
            assert f'href="{esc(fig.source_url)}"' in row
    assert "Hvad beregningen ikke tager med" in page
    assert re.search(r'id="not-included".*?<li>.+?</li>', page, re.S)
    assert f'href="/da/help/{HELP_TOPICS[name]}"' in page
    assert "er en vejledning, ikke en afgørelse" in page


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
    assert "1. januar 2025" in confirmed  # valid_from


def test_derived_figures_are_labelled_with_their_formula(
    client: FlaskClient, book: RateBook
) -> None:
    figure = book.figure(2025, "fleksjob.max_subsidy")
    assert figure.status.value == "derived" and figure.formula
    page = client.post("/en/calculators/fleksjob", data=FORM_SAMPLES["fleksjob"]).get_data(True)
    rows = {re.search(r'data-rate="([^"]+)"', r).group(1): r for r in table_rows(page, "rates")}  # type: ignore[union-attr]
    derived = rows["fleksjob.max_subsidy"]
    assert '<span class="badge badge-info">Derived</span>' in derived
    assert f"Formula: <code>{esc(figure.formula)}</code>" in derived
    assert "Some figures in the calculation are not confirmed by an official source" in page


def test_page_without_unconfirmed_figures_has_no_alert(client: FlaskClient, book: RateBook) -> None:
    """Guard for the flag: it depends on the figures used, not on the page."""
    result = CALCULATORS["dagpenge"].run(JSON_SAMPLES["dagpenge"], book)
    assert result.unconfirmed_rates  # the 90 % rule is unconfirmed, so the alert must be there
    data = {"year": "2025", "insurance": "full_time", "graduate": "true", "provider": "true"}
    graduate = CALCULATORS["dagpenge"].run(dict(data), book)
    page = client.post("/da/calculators/dagpenge", data=data).get_data(as_text=True)
    has_alert = 'id="unconfirmed-alert"' in page
    assert has_alert == bool(graduate.unconfirmed_rates)


def catalog_text(lang: str, msgid: str) -> str:
    """The compiled catalog's translation of a Danish msgid (Danish when untranslated)."""
    from babel.messages.mofile import read_mo

    from tests.conftest import REPO

    path = REPO / "translations" / lang / "LC_MESSAGES" / "messages.mo"
    with path.open("rb") as fh:
        message = read_mo(fh).get(msgid)
    return message.string if message is not None and message.string else msgid


@pytest.mark.parametrize("lang", ["da", "en", "ar"])
def test_invalid_input_shows_field_errors_and_keeps_values(client: FlaskClient, lang: str) -> None:
    message = catalog_text(lang, "Skriv et tal.") if lang != "da" else "Skriv et tal."
    if lang == "en":
        assert message == "Enter a number."
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
    assert "form-error" in income and message in income
    assert 'value="fyrre tusind"' in income
    assert 'aria-invalid="true"' in income
    age = field_group(page, "age")
    minimum = {"da": "Værdien skal være mindst 15.", "en": "The value must be at least 15."}
    if lang in minimum:
        assert minimum[lang] in age
    assert "form-error" in age and 'value="12"' in age
    # Choices and yes/no answers are kept too.
    assert re.search(r'value="part_time" checked', field_group(page, "insurance"))
    assert re.search(
        r'id="field-graduate-true"[^>]*value="true" checked', field_group(page, "graduate")
    )
    # Error summary links to the fields.
    assert 'id="error-summary"' in page and 'href="#field-monthly_income"' in page
    assert 'id="result"' not in page


def test_unknown_year_is_a_field_error_and_the_value_is_kept(client: FlaskClient) -> None:
    response = client.get(
        "/da/calculators/sygedagpenge?year=2031&hourly_wage=150&hours_per_week=37"
    )
    assert response.status_code == 422
    year = field_group(response.get_data(as_text=True), "year")
    assert "Der er ingen satser for 2031. Vælg et af årene 2025, 2026." in year
    assert '<option value="2031" selected>' in year


def test_cross_field_error_names_the_other_field(client: FlaskClient) -> None:
    data = {"year": "2025", "monthly_wage": "20000", "full_time_wage": "15000"}
    page = client.post("/da/calculators/fleksjob", data=data).get_data(as_text=True)
    group = field_group(page, "full_time_wage")
    label = CALCULATORS["fleksjob"].field("monthly_wage").label.da
    assert f"Værdien må ikke være lavere end „{label}“." in group


def test_get_with_query_computes_and_prefills(client: FlaskClient) -> None:
    response = client.get(
        "/da/calculators/sygedagpenge?year=2025&hourly_wage=100&hours_per_week=37"
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert amounts_on_page(page)["weekly_amount"] == "3.700 kr. pr. uge"
    assert 'value="100"' in field_group(page, "hourly_wage")


def test_shown_when_fields_get_a_hint_instead_of_javascript(client: FlaskClient) -> None:
    page = client.get("/da/calculators/work_more_hours").get_data(as_text=True)
    assert "Udfyld kun, hvis „Ydelse du får nu“ er „Dagpenge“." in field_group(page, "insurance")
    assert "<script" not in page.split('id="form-heading"')[1].split("</form>")[0]


def test_work_more_hours_has_table_per_hour_and_accessible_chart(
    client: FlaskClient, book: RateBook
) -> None:
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
    result = CALCULATORS["work_more_hours"].run(JSON_SAMPLES["work_more_hours"], book)
    text = chart_text_alternative(result, ChartLabels.danish())
    assert f'<desc id="wmh-desc">{esc(text)}</desc>' in svg.group(0)
    assert esc(text) in page.split("</svg>")[1]  # visible caption too
    assert "10.145 kr." in text
    rows = table_rows(page, "hours-table")
    assert len(rows) == 38
    assert "Næsten ikke" in rows[5] and "Næsten ikke" not in rows[33]
    assert "649,50 kr." in rows[1]


def test_work_more_hours_chart_labels_are_translated(client: FlaskClient) -> None:
    page = client.post(
        "/en/calculators/work_more_hours", data=FORM_SAMPLES["work_more_hours"]
    ).get_data(as_text=True)
    assert "Income after tax by hours worked per week</title>" in page
    assert "With no work you have 10,145 kr. a month after tax." in page
    assert "An extra hour hardly pays at 5–32 hours a week." in page


def test_loentilskud_checklist_is_shown(client: FlaskClient, book: RateBook) -> None:
    result = CALCULATORS["loentilskud"].run(JSON_SAMPLES["loentilskud"], book)
    checklist = result.details["checklist"]
    assert isinstance(checklist, list)
    page = client.post("/da/calculators/loentilskud", data=FORM_SAMPLES["loentilskud"]).get_data(
        True
    )
    assert len(table_rows(page, "checklist")) == len(checklist)


def test_rtl_language_falls_back_to_danish_texts(client: FlaskClient) -> None:
    page = client.get("/ar/calculators/dagpenge").get_data(as_text=True)
    assert 'dir="rtl"' in page
    assert "<h1>Dagpenge</h1>" in page


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
