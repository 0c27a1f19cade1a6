"""The calculator JSON API: list, results equal to the domain's, 422/404/415 shapes."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from portal.domain.calculators import CALCULATORS
from portal.domain.rates import RateBook
from tests.calculators_web.conftest import JSON_SAMPLES


def test_list_gives_every_calculator_with_its_input_schema(client: FlaskClient) -> None:
    response = client.get("/api/v1/calculators")
    assert response.status_code == 200
    listed = {c["name"]: c for c in response.json["calculators"]}
    assert set(listed) == set(CALCULATORS)
    for name, spec in CALCULATORS.items():
        entry = listed[name]
        assert entry["input_schema"] == json.loads(json.dumps(spec.json_schema()))
        assert entry["title"]["msgid"] == spec.title and entry["title"]["text"] == spec.title
        assert entry["help_topic"] == spec.help_topic
        assert entry["url"].endswith(f"/api/v1/calculators/{name}")
        assert [f["name"] for f in entry["fields"]] == [f.name for f in spec.fields]


def _without_texts(payload: object) -> object:
    """The payload without the rendered ``text`` of each text object."""
    if isinstance(payload, list):
        return [_without_texts(v) for v in payload]
    if isinstance(payload, dict):
        return {
            k: _without_texts(v)
            for k, v in payload.items()
            if not (k == "text" and "msgid" in payload)
        }
    return payload


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_result_equals_the_domain_result(client: FlaskClient, book: RateBook, name: str) -> None:
    response = client.post(f"/api/v1/calculators/{name}", json=JSON_SAMPLES[name])
    assert response.status_code == 200, response.json
    expected = json.loads(json.dumps(CALCULATORS[name].run(JSON_SAMPLES[name], book).to_dict()))
    assert _without_texts(response.json) == expected
    # Every text object carries its text in the response's language (Danish by default).
    for step in response.json["steps"]:
        assert step["what"]["text"] and "%(" not in step["what"]["text"]


def test_texts_follow_accept_language(client: FlaskClient) -> None:
    body = {"year": 2025, "benefit": "dagpenge", "hourly_wage": 120, "monthly_income": 40000}
    for lang, expected in (
        ("da", "Uger pr. måned (timer pr. uge × 4,33 = timer pr. måned)"),
        ("en", "Weeks per month (hours a week × 4.33 = hours a month)"),
        ("ar", "الأسابيع في الشهر (الساعات أسبوعيًا × 4,33 = الساعات شهريًا)"),
    ):
        response = client.post(
            "/api/v1/calculators/work_more_hours", json=body, headers={"Accept-Language": lang}
        )
        assert response.headers["Content-Language"] == lang
        first = response.json["steps"][0]["what"]
        assert first["msgid"] == "Uger pr. måned (timer pr. uge × 4,33 = timer pr. måned)"
        assert first["text"] == expected
        codes = [w["code"] for w in response.json["warnings"]]
        assert "extra_hours_lose_money" in codes


def test_dagpenge_api_gives_the_2025_maximum_with_provenance(client: FlaskClient) -> None:
    body = client.post("/api/v1/calculators/dagpenge", json=JSON_SAMPLES["dagpenge"]).json
    assert body["amounts"]["monthly_amount"] == "21092"
    assert body["amounts"]["hourly_rate"] == "131.55"
    rates = {r["key"]: r for r in body["rates_used"]}
    assert rates["dagpenge.max_full_time"]["status"] == "confirmed"
    assert rates["dagpenge.max_full_time"]["valid_from"] == "2025-01-01"
    assert rates["dagpenge.replacement_pct"]["status"] == "unconfirmed"
    assert "unconfirmed_rate" in [w["code"] for w in body["warnings"]]


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        (None, "da"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("da-DK", "da"),
        ("fr", "da"),
        ("uk", "uk"),
    ],
)
def test_invalid_input_is_422_with_per_field_messages(
    client: FlaskClient, accept: str | None, lang: str
) -> None:
    headers = {"Accept-Language": accept} if accept else {}
    body = {"year": 2025, "insurance": "weekly", "monthly_income": "a lot", "age": 99}
    response = client.post("/api/v1/calculators/dagpenge", json=body, headers=headers)
    assert response.status_code == 422
    errors = response.json["errors"]
    assert set(errors) == {"insurance", "monthly_income", "age"}
    messages = {
        "da": ("Vælg en af mulighederne.", "Skriv et tal.", "Værdien må højst være 80."),
        "en": ("Choose one of the options.", "Enter a number.", "The value must be at most 80."),
        "uk": ("Виберіть один із варіантів.", "Введіть число.", "Значення має бути не більше 80."),
    }[lang]
    assert errors["insurance"]["code"] == "invalid_choice"
    assert errors["insurance"]["message"] == messages[0]
    assert errors["monthly_income"] == {
        "code": "not_a_number",
        "message": messages[1],
        "params": {},
    }
    assert errors["age"] == {"code": "above_max", "message": messages[2], "params": {"max": "80"}}


def test_numbers_in_messages_are_formatted_for_the_language(client: FlaskClient) -> None:
    body = {"year": 2025, "insurance": "full_time", "monthly_income": 20_000_000}
    da = client.post("/api/v1/calculators/dagpenge", json=body).json
    en = client.post(
        "/api/v1/calculators/dagpenge", json=body, headers={"Accept-Language": "en"}
    ).json
    assert da["errors"]["monthly_income"]["message"] == "Værdien må højst være 10.000.000."
    assert en["errors"]["monthly_income"]["message"] == "The value must be at most 10,000,000."


def test_missing_required_field_and_unknown_year(client: FlaskClient) -> None:
    response = client.post("/api/v1/calculators/sygedagpenge", json={"year": 2025})
    assert response.status_code == 422
    assert {e["code"] for e in response.json["errors"].values()} == {"required"}
    assert set(response.json["errors"]) == {"hourly_wage", "hours_per_week"}
    body = {"year": 2019, "hourly_wage": 150, "hours_per_week": 37}
    response = client.post("/api/v1/calculators/sygedagpenge", json=body)
    assert response.status_code == 422
    assert response.json["errors"]["year"]["code"] == "year_not_available"
    assert response.json["errors"]["year"]["params"]["available"] == "2025, 2026, 2027"


def test_unknown_calculator_is_404(client: FlaskClient) -> None:
    response = client.post("/api/v1/calculators/boligstoette", json={"year": 2025})
    assert response.status_code == 404
    assert response.json == {"error": "Not Found", "status": 404}


def test_non_json_bodies_are_refused_clearly(client: FlaskClient) -> None:
    form = client.post("/api/v1/calculators/dagpenge", data={"year": "2025"})
    assert form.status_code == 415
    assert "application/json" in form.json["message"]
    broken = client.post(
        "/api/v1/calculators/dagpenge", data="{year: 2025", content_type="application/json"
    )
    assert broken.status_code == 422
    assert broken.json["errors"]["body"]["code"] == "invalid_json"
    assert broken.json["errors"]["body"]["message"] == "Kroppen er ikke gyldig JSON."
    array = client.post(
        "/api/v1/calculators/dagpenge", json=[2025], headers={"Accept-Language": "en"}
    )
    assert array.status_code == 422
    assert array.json["errors"]["body"] == {
        "code": "not_an_object",
        "message": "The body must be a JSON object with the calculator's fields.",
        "params": {},
    }


def test_strings_in_json_are_parsed_like_form_values(client: FlaskClient) -> None:
    body = {"year": "2025", "insurance": "full_time", "monthly_income": "40.000,00"}
    response = client.post("/api/v1/calculators/dagpenge", json=body)
    assert response.status_code == 200
    assert response.json["amounts"]["monthly_amount"] == "21092"


def test_only_post_runs_a_calculator(client: FlaskClient) -> None:
    assert client.get("/api/v1/calculators/dagpenge").status_code == 405


def test_tiny_public_wage_is_not_a_server_error(client: FlaskClient) -> None:
    """Found by schemathesis: a public-employer wage below one øre made the benefit-level hours
    overflow Decimal (500). The public wage is now fixed by law (LAB § 72, stk. 2): a typed wage
    is ignored with a warning, and the hours come from the fixed wage."""
    body = {
        **JSON_SAMPLES["loentilskud"],
        "employer_type": "public",
        "hourly_wage": 1e-300,
        "monthly_benefit": 1_000_000,
    }
    response = client.post("/api/v1/calculators/loentilskud", json=body)
    assert response.status_code == 200
    assert response.json["amounts"]["wage_per_hour"] == "142.99"
    # 1.000.000 ÷ 160,33 × 37 ÷ 0,92 ÷ 142,99 = 1.754,3 -> 1.755 hours: absurd, but no error.
    assert response.json["amounts"]["benefit_level_hours"] == "1755"
    assert "public_wage_fixed" in [w["code"] for w in response.json["warnings"]]
