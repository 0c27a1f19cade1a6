"""Input parsing and validation errors (what the web layer turns into 422)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from portal.domain.calculators import (
    CALCULATORS,
    CalculatorValidationError,
    get_calculator,
    result_json_schema,
)
from portal.domain.calculators.base import parse_decimal_text
from portal.domain.rates import RateBook
from tests.rules.paths import REPO


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("21092", "21092"),
        ("21092.5", "21092.5"),
        ("21.092,50", "21092.50"),
        ("21 092,5", "21092.5"),
        ("131,55", "131.55"),
        (" 7 ", "7"),
        ("1e3", "1E+3"),
    ],
)
def test_decimal_text_formats(text: str, value: str) -> None:
    assert parse_decimal_text(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "nan", "inf", "1,2,3", "--1"])
def test_decimal_text_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal_text(text)


def test_form_values_are_coerced() -> None:
    spec = CALCULATORS["dagpenge"]
    inputs = spec.parse_inputs(
        {
            "year": "2025",
            "insurance": "part_time",
            "monthly_income": "30.000,00",
            "graduate": "",
            "employment_supplement": "on",
            "provider": "ja",
            "age": "",
            "hours_worked": "12,5",
            "csrf_token": "ignored",
        }
    )
    assert inputs.monthly_income == Decimal("30000.00")
    assert (
        inputs.employment_supplement is True
        and inputs.provider is True
        and inputs.graduate is False
    )
    assert inputs.age is None and inputs.hours_worked == Decimal("12.5")


def test_all_field_errors_are_collected_with_codes_and_texts() -> None:
    spec = CALCULATORS["loentilskud"]
    with pytest.raises(CalculatorValidationError) as info:
        spec.parse_inputs(
            {
                "year": "20x5",
                "employer_type": "ngo",
                "hourly_wage": "-1",
                "hours_per_week": "99",
                "weeks": "1.5",
            }
        )
    errors = info.value.errors
    assert {k: v.code for k, v in errors.items()} == {
        "year": "not_an_integer",
        "employer_type": "invalid_choice",
        "hourly_wage": "below_min",
        "hours_per_week": "above_max",
        "ordinary_employees": "required",
    }
    assert errors["hours_per_week"].params == {"max": "48"}
    assert errors["hours_per_week"].msgid == "Værdien må højst være %(max)s."
    payload = info.value.to_dict()
    json.dumps(payload)
    assert payload["errors"]["year"]["message"]["msgid"] == "Skriv et helt tal."  # type: ignore[index]


def test_year_without_rates_is_a_field_error(book: RateBook) -> None:
    with pytest.raises(CalculatorValidationError) as info:
        CALCULATORS["sygedagpenge"].run(
            {"year": 2030, "hourly_wage": 100, "hours_per_week": 37}, book
        )
    err = info.value.errors["year"]
    assert err.code == "year_not_available"
    assert err.params["available"] == "2025, 2026, 2027"


def test_integer_fields_refuse_fractions() -> None:
    with pytest.raises(CalculatorValidationError) as info:
        CALCULATORS["kontanthjaelp"].parse_inputs({"year": 2025, "age": "30.5"})
    assert info.value.errors["age"].code == "not_an_integer"


def test_booleans_refuse_numbers_other_than_0_1() -> None:
    with pytest.raises(CalculatorValidationError) as info:
        CALCULATORS["kontanthjaelp"].parse_inputs({"year": 2025, "age": 30, "has_children": 2})
    assert info.value.errors["has_children"].code == "not_a_boolean"


def test_registry_describes_forms_generically() -> None:
    assert set(CALCULATORS) == {
        "dagpenge",
        "kontanthjaelp",
        "work_more_hours",
        "sygedagpenge",
        "loentilskud",
        "fleksjob",
    }
    for name, spec in CALCULATORS.items():
        described = spec.to_dict()
        json.dumps(described)
        assert described["name"] == name
        fields = described["fields"]
        assert isinstance(fields, list) and fields
        for field in fields:
            assert isinstance(field, dict)
            assert field["label"]["msgid"]  # type: ignore[index]
        json.dumps(spec.json_schema())
    with pytest.raises(KeyError):
        get_calculator("su")


def test_work_more_hours_fields_show_only_for_their_benefit() -> None:
    spec = CALCULATORS["work_more_hours"]
    assert spec.field("monthly_income").shown_when == ("benefit", "dagpenge")
    assert spec.field("monthly_income").required_when == ("benefit", "dagpenge")
    assert spec.field("monthly_income").required_unless == ("graduate", "true")
    assert spec.field("residence_requirement_met").shown_when == ("benefit", "kontanthjaelp")
    assert spec.field("partner_earnings").shown_when == ("civil_status", "married")
    assert spec.field("age").shown_when is None
    assert spec.field("age").required_when == ("benefit", "kontanthjaelp")
    names = [f.name for f in spec.fields]
    assert len(names) == len(set(names))
    assert "hours_worked" not in names and "own_earnings" not in names


def test_schema_has_types_limits_and_enums() -> None:
    schema = CALCULATORS["dagpenge"].json_schema()
    props = schema["properties"]
    assert isinstance(props, dict)
    insurance = props["insurance"]
    assert isinstance(insurance, dict)
    assert insurance["type"] == "string"
    assert insurance["enum"] == ["full_time", "part_time"]
    assert insurance["default"] == "full_time"
    assert props["monthly_income"]["type"] == "number"  # type: ignore[index]
    assert props["monthly_income"]["minimum"] == 0  # type: ignore[index]
    assert props["year"]["type"] == "integer"  # type: ignore[index]
    assert schema["required"] == []  # the year defaults to today's, the insurance to full time
    assert props["monthly_income"]["title"] == "Månedsindkomst før AM-bidrag"  # type: ignore[index]


def test_domain_imports_no_flask_or_database() -> None:
    code = (
        "import sys, portal.domain.rates, portal.domain.calculators\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'flask', 'flask_sqlalchemy', 'sqlalchemy', 'flask_babel', 'flask_login', 'werkzeug'})\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_result_schema_matches_a_result(book: RateBook) -> None:
    result = CALCULATORS["dagpenge"].run(
        {"year": 2025, "insurance": "full_time", "monthly_income": 1}, book
    )
    payload = result.to_dict()
    schema = result_json_schema()
    assert set(schema["required"]) <= set(payload)  # type: ignore[arg-type]
    pattern = re.compile(schema["properties"]["amounts"]["additionalProperties"]["pattern"])  # type: ignore[index]
    assert all(pattern.match(v) for v in payload["amounts"].values())  # type: ignore[union-attr]


def test_each_input_is_declared_once() -> None:
    """The form, the schema and the parser come from the inputs dataclass: its fields and the
    spec's fields are the same list, in the same order."""
    import dataclasses

    from portal.domain.calculators import (
        dagpenge,
        fleksjob,
        kontanthjaelp,
        loentilskud,
        sygedagpenge,
    )

    for module in (dagpenge, fleksjob, kontanthjaelp, loentilskud, sygedagpenge):
        spec = module.SPEC
        inputs_type = type(spec.parse_inputs({**_minimal(spec.name)}))
        declared = [f.name for f in dataclasses.fields(inputs_type)]
        assert [f.name for f in spec.fields] == declared, spec.name


def _minimal(name: str) -> dict[str, object]:
    return {
        "dagpenge": {"monthly_income": 30000},
        "fleksjob": {"monthly_wage": 10000},
        "kontanthjaelp": {"age": 30},
        "loentilskud": {
            "hourly_wage": 150,
            "hours_per_week": 37,
            "weeks": 4,
            "ordinary_employees": 9,
        },
        "sygedagpenge": {"hourly_wage": 150, "hours_per_week": 37},
    }[name]


def test_conditional_requirements_are_checked_and_not_marked_optional() -> None:
    loentilskud = CALCULATORS["loentilskud"]
    base = {"hours_per_week": 37, "weeks": 4, "ordinary_employees": 9}
    with pytest.raises(CalculatorValidationError) as info:
        loentilskud.parse_inputs({**base, "employer_type": "private"})
    assert {k: v.code for k, v in info.value.errors.items()} == {"hourly_wage": "required"}
    loentilskud.parse_inputs({**base, "employer_type": "public"})  # the law fixes the wage
    wage = loentilskud.field("hourly_wage")
    assert not wage.optional and not wage.required
    assert CALCULATORS["fleksjob"].field("full_time_wage").optional


@pytest.mark.parametrize(
    ("name", "body"),
    [
        (
            "loentilskud",
            {"hours_per_week": 37, "weeks": 4, "ordinary_employees": 9, "employer_type": "private"},
        ),
        (
            "loentilskud",
            {"hours_per_week": 37, "weeks": 4, "ordinary_employees": 9, "employer_type": "public"},
        ),
        ("dagpenge", {"insurance": "full_time"}),
        ("dagpenge", {"insurance": "full_time", "graduate": True}),
        ("work_more_hours", {"hourly_wage": 150}),
        ("work_more_hours", {"hourly_wage": 150, "age": 35}),
        ("work_more_hours", {"hourly_wage": 150, "benefit": "dagpenge"}),
        ("work_more_hours", {"hourly_wage": 150, "benefit": "dagpenge", "graduate": True}),
        ("work_more_hours", {"hourly_wage": 150, "benefit": "dagpenge", "monthly_income": 30000}),
    ],
)
def test_json_schema_states_the_conditional_requirements(
    name: str, body: dict[str, object]
) -> None:
    """The OpenAPI input schema (``if``/``then``) accepts exactly what the calculator accepts
    as far as conditional requirements go, so generated clients send complete requests."""
    jsonschema = pytest.importorskip("jsonschema")
    spec = CALCULATORS[name]
    schema_ok = jsonschema.Draft202012Validator(spec.json_schema()).is_valid(body)
    try:
        spec.parse_inputs(body)
        calculator_ok = True
    except CalculatorValidationError:
        calculator_ok = False
    assert schema_ok == calculator_ok


def test_every_rule_has_a_legal_reference_and_a_danish_text() -> None:
    """Rules as named formulas: each has a code, a msgid and a legal reference."""
    import inspect

    from portal.domain.calculators import base

    modules = [
        m
        for m in (
            __import__(f"portal.domain.calculators.{n}", fromlist=["x"])
            for n in (
                "dagpenge",
                "fleksjob",
                "kontanthjaelp",
                "loentilskud",
                "sygedagpenge",
                "work_more_hours",
            )
        )
    ]
    rules = [obj for m in modules for _, obj in inspect.getmembers(m) if isinstance(obj, base.Rule)]
    assert len(rules) >= 45
    codes = [(r.fn.__module__, r.code) for r in rules]
    assert len(codes) == len(set(codes)), "rule codes are unique per calculator"
    for r in rules:
        assert r.law.strip() and r.what.strip() and r.fn.__doc__, r.code
