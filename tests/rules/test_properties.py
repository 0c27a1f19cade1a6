"""Property tests (hypothesis) for the benefit rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.domain.calculators import CALCULATORS, CalculatorValidationError
from portal.domain.calculators import dagpenge as dp
from portal.domain.calculators import fleksjob as fj
from portal.domain.calculators import kontanthjaelp as kh
from portal.domain.calculators import loentilskud as lt
from portal.domain.calculators import sygedagpenge as sd
from portal.domain.rates import RateBook

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YEARS = st.sampled_from([2025, 2026, 2027])


def money(lo: int, hi: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=lo, max_value=hi, places=2, allow_nan=False, allow_infinity=False)


dagpenge_inputs = st.builds(
    dp.DagpengeInputs,
    year=YEARS,
    insurance=st.sampled_from(["full_time", "part_time"]),
    monthly_income=money(0, 120_000),
    graduate=st.booleans(),
    provider=st.booleans(),
    age=st.integers(min_value=18, max_value=70),
    employment_supplement=st.booleans(),
    hours_worked=money(0, 200),
    hours_received=money(0, 4000),
    has_education=st.booleans(),
    worked_3848_hours=st.booleans(),
)

kontanthjaelp_inputs = st.builds(
    kh.KontanthjaelpInputs,
    year=YEARS,
    age=st.integers(min_value=18, max_value=70),
    residence_requirement_met=st.booleans(),
    worked_2_5_years=st.booleans(),
    living_with_parents=st.booleans(),
    has_children=st.booleans(),
    children_count=st.none() | st.integers(min_value=0, max_value=8),
    civil_status=st.sampled_from(["single", "married", "cohabiting"]),
    single_provider=st.just(False),
    received_help_before_july_2025=st.booleans(),
    activity_ready=st.booleans(),
    own_earnings=money(0, 60_000),
    other_income=money(0, 20_000),
    assets=money(0, 50_000),
    partner_earnings=money(0, 60_000),
    partner_other_income=money(0, 20_000),
    partner_receives_kontanthjaelp=st.booleans(),
)

# Amounts that are differences (may be negative by nature, e.g. working can lower total income).
SIGNED = {("work_more_hours", "gain_after_tax_0_to_37")}


def _non_negative(name: str, amounts: dict[str, Decimal]) -> None:
    for key, value in amounts.items():
        if (name, key) not in SIGNED:
            assert value >= 0, f"{name}.{key} = {value}"


@SETTINGS
@given(inputs=dagpenge_inputs)
def test_dagpenge_bounds(inputs: dp.DagpengeInputs, book: RateBook) -> None:
    rates = book.for_year(inputs.year)
    result = dp.calculate(inputs, rates)
    _non_negative("dagpenge", dict(result.amounts))
    sfx = inputs.insurance
    ceiling = rates.value(f"dagpenge.max_{sfx}_with_supplement")
    if not inputs.employment_supplement:
        ceiling = rates.value(f"dagpenge.max_{sfx}")
    assert result.amounts["monthly_rate"] <= ceiling
    assert result.amounts["monthly_amount"] <= result.amounts["monthly_rate"]
    if not inputs.graduate:
        income = inputs.monthly_income or Decimal(0)
        assert result.amounts["monthly_rate"] <= income * Decimal("0.92") * Decimal("0.90")


@SETTINGS
@given(inputs=dagpenge_inputs, extra=money(0, 100))
def test_dagpenge_more_hours_worked_never_raise(
    inputs: dp.DagpengeInputs, extra: Decimal, book: RateBook
) -> None:
    rates = book.for_year(inputs.year)
    less = dp.calculate(inputs, rates).amounts["monthly_amount"]
    more = dp.calculate(replace(inputs, hours_worked=inputs.hours_worked + extra), rates)
    assert more.amounts["monthly_amount"] <= less


@SETTINGS
@given(inputs=kontanthjaelp_inputs)
def test_kontanthjaelp_bounds(inputs: kh.KontanthjaelpInputs, book: RateBook) -> None:
    result = kh.calculate(inputs, book.for_year(inputs.year))
    amounts = dict(result.amounts)
    _non_negative("kontanthjaelp", amounts)
    assert amounts["monthly_amount"] <= amounts["gross_entitlement"]
    assert amounts["gross_entitlement"] == amounts["base_rate"] + amounts["supplements_total"]
    # Fritidstillæg: at most 3 children, and only while help is paid.
    per_child = book.for_year(inputs.year or 2025).value("kontanthjaelp.fritidstillaeg_per_child")
    assert amounts["fritidstillaeg"] <= 3 * per_child
    if amounts["monthly_amount"] == 0:
        assert amounts["fritidstillaeg"] == 0


@SETTINGS
@given(inputs=kontanthjaelp_inputs, extra=money(0, 20_000))
def test_kontanthjaelp_more_earnings_never_raise(
    inputs: kh.KontanthjaelpInputs, extra: Decimal, book: RateBook
) -> None:
    rates = book.for_year(inputs.year)
    base = kh.calculate(inputs, rates).amounts
    more = kh.calculate(replace(inputs, own_earnings=inputs.own_earnings + extra), rates).amounts
    assert more["monthly_amount"] <= base["monthly_amount"]
    # ... and more earnings never lower the total income before tax
    assert more["total_income"] >= base["total_income"]
    partner = kh.calculate(replace(inputs, partner_earnings=inputs.partner_earnings + extra), rates)
    assert partner.amounts["monthly_amount"] <= base["monthly_amount"]


@SETTINGS
@given(year=YEARS, wage=money(0, 2000), hours=money(0, 80))
def test_sygedagpenge_bounds(year: int, wage: Decimal, hours: Decimal, book: RateBook) -> None:
    """Never above the weekly maximum, and never above 92 % of the hourly wage (§ 47: the
    earnings after AM-bidrag) - per hour and per week."""
    rates = book.for_year(year)
    result = sd.calculate(sd.SygedagpengeInputs(year, wage, hours), rates)
    _non_negative("sygedagpenge", dict(result.amounts))
    amounts = result.amounts
    assert amounts["weekly_amount"] <= rates.value("sygedagpenge.max_weekly")
    assert amounts["hourly_amount"] <= wage * Decimal("0.92") + Decimal("0.005")
    assert amounts["hourly_amount"] <= rates.value("sygedagpenge.max_hourly")
    assert amounts["weekly_amount"] <= wage * Decimal("0.92") * hours + Decimal("0.005") * (
        1 + hours
    )


@SETTINGS
@given(year=YEARS, wage=money(0, 2000), hours=money(0, 60), extra=money(0, 100))
def test_sygedagpenge_higher_wage_never_lowers(
    year: int, wage: Decimal, hours: Decimal, extra: Decimal, book: RateBook
) -> None:
    rates = book.for_year(year)
    low = sd.calculate(sd.SygedagpengeInputs(year, wage, hours), rates).amounts["weekly_amount"]
    high = sd.calculate(sd.SygedagpengeInputs(year, wage + extra, hours), rates)
    assert high.amounts["weekly_amount"] >= low


@SETTINGS
@given(
    year=YEARS, wage=money(0, 80_000), extra=money(0, 10_000), full=st.none() | money(0, 120_000)
)
def test_fleksjob_bounds(
    year: int, wage: Decimal, extra: Decimal, full: Decimal | None, book: RateBook
) -> None:
    rates = book.for_year(year)
    full_wage = None if full is None else max(full, wage + extra)
    result = fj.calculate(fj.FleksjobInputs(year, wage, full_wage), rates)
    more = fj.calculate(fj.FleksjobInputs(year, wage + extra, full_wage), rates)
    _non_negative("fleksjob", dict(result.amounts))
    assert result.amounts["subsidy"] <= rates.value("fleksjob.max_subsidy")
    assert more.amounts["subsidy"] <= result.amounts["subsidy"] or wage == 0
    # ATP: 5 % of the subsidy, at most 500 kr.; no wage, no subsidy (LAB §§ 123, 137).
    assert result.amounts["atp"] <= min(
        Decimal(500), result.amounts["subsidy"] * Decimal("0.05") + Decimal("0.005")
    )
    assert result.amounts["subsidy_paid"] == result.amounts["subsidy"] - result.amounts["atp"]
    if wage == 0:
        assert result.amounts["subsidy"] == 0
    if full_wage is not None:
        assert result.amounts["total_income"] <= max(full_wage, wage)


@SETTINGS
@given(
    year=YEARS,
    public=st.booleans(),
    wage=money(0, 1000),
    hours=money(0, 48),
    weeks=money(1, 104),
    employees=money(0, 500),
    existing=money(0, 50),
)
def test_loentilskud_bounds(
    year: int,
    public: bool,
    wage: Decimal,
    hours: Decimal,
    weeks: Decimal,
    employees: Decimal,
    existing: Decimal,
    book: RateBook,
) -> None:
    rates = book.for_year(year)
    inputs = lt.LoentilskudInputs(
        year,
        "public" if public else "private",
        wage,
        hours,
        weeks,
        ordinary_employees=employees,
        subsidised_employees=existing,
    )
    result = lt.calculate(inputs, rates)
    amounts = dict(result.amounts)
    _non_negative("loentilskud", amounts)
    rate = rates.value(
        "loentilskud.public_hourly_rate" if public else "loentilskud.private_hourly_rate"
    )
    assert amounts["subsidy_per_hour"] <= rate
    assert amounts["subsidy_per_hour"] <= amounts["wage_per_hour"]
    if not public:
        assert amounts["subsidy_per_hour"] <= wage / 2 + Decimal("0.005")
    else:  # LAB § 72, stk. 2: the wage is fixed by the dagpenge maximum, whatever was typed
        expected = rates.value("dagpenge.max_full_time") / Decimal("160.33") / Decimal("0.92")
        assert abs(amounts["wage_per_hour"] - expected) < Decimal("0.005")
    assert amounts["allowed_subsidised"] >= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    year=YEARS,
    wage=money(1, 400),
    age=st.integers(min_value=18, max_value=66),
    income=money(0, 60_000),
    benefit=st.sampled_from(["kontanthjaelp", "dagpenge"]),
)
def test_work_more_hours_rows(
    year: int, wage: Decimal, age: int, income: Decimal, benefit: str, book: RateBook
) -> None:
    raw = {
        "year": year,
        "benefit": benefit,
        "hourly_wage": wage,
        "age": age,
        "monthly_income": income,
    }
    result = CALCULATORS["work_more_hours"].run(raw, book)
    _non_negative("work_more_hours", dict(result.amounts))
    rows = result.details["rows"]
    assert isinstance(rows, list) and len(rows) == 38
    previous_benefit = None
    for row in rows:
        assert isinstance(row, dict)
        for key in (
            "wage",
            "benefit",
            "total_before_tax",
            "total_after_tax",
            "am_bidrag",
            "income_tax",
        ):
            value = row[key]
            assert isinstance(value, Decimal) and value >= 0, (key, value)
        assert row["total_after_tax"] <= row["total_before_tax"]
        gain = row["marginal_after_tax"]
        if gain is not None:
            assert isinstance(gain, Decimal)
            assert row["loss"] is (gain < 0)
            assert row["gain_category"] == (
                "loses" if gain < 0 else "hardly" if row["low_gain"] else "pays"
            )
        benefit_now = row["benefit"]
        assert isinstance(benefit_now, Decimal)
        if previous_benefit is not None:
            assert benefit_now <= previous_benefit, "more hours never raise the benefit"
        previous_benefit = benefit_now


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(sorted(CALCULATORS)),
    raw=st.dictionaries(
        st.sampled_from(
            [
                "year",
                "age",
                "monthly_income",
                "insurance",
                "hourly_wage",
                "hours_per_week",
                "weeks",
                "benefit",
                "employer_type",
                "monthly_wage",
                "graduate",
                "ordinary_employees",
                "civil_status",
            ]
        ),
        st.one_of(
            st.text(max_size=8),
            st.integers(-(10**6), 10**6),
            st.booleans(),
            st.none(),
            st.floats(allow_nan=True, allow_infinity=True),
        ),
    ),
)
def test_any_input_gives_result_or_field_errors(
    name: str, raw: dict[str, object], book: RateBook
) -> None:
    spec = CALCULATORS[name]
    try:
        result = spec.run(raw, book)
    except CalculatorValidationError as exc:
        assert exc.errors
        field_names = {f.name for f in spec.fields}
        assert set(exc.errors) <= field_names
        for err in exc.errors.values():
            assert err.msgid
    else:
        assert result.calculator == name


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_spec_schema_is_consistent(name: str) -> None:
    spec = CALCULATORS[name]
    schema = spec.json_schema()
    assert set(schema["properties"]) == {f.name for f in spec.fields}  # type: ignore[arg-type]
    assert "year" not in schema["required"]  # type: ignore[operator]  # today's year by default
    assert schema["properties"]["year"]["type"] == "integer"  # type: ignore[index]
