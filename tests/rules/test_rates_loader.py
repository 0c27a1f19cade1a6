"""The rate files and their loader: validation, look-up by year/date, formulas."""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from portal.domain.calculators import CALCULATORS, kontanthjaelp
from portal.domain.rates import (
    RateBook,
    RateNotAvailableError,
    RatesDataError,
    SourceKind,
    Status,
    UnknownPeriodError,
    evaluate_formula,
    load_rates,
)
from tests.rules.paths import RATES_DIR


def test_real_files_load_with_every_year(book: RateBook) -> None:
    assert book.years[:3] == (2025, 2026, 2027)
    rates = book.for_year(2025)
    assert rates.value("dagpenge.max_full_time") == Decimal(21092)
    assert rates.get("dagpenge.max_full_time").status is Status.CONFIRMED
    assert book.for_year(2026).get("dagpenge.max_full_time").status is Status.UNCONFIRMED


def test_every_figure_has_provenance(book: RateBook) -> None:
    for year in book.years:
        for fig in book.by_year[year].values():
            assert fig.law_reference
            assert fig.source_url.startswith("http") or fig.source_kind is SourceKind.NONE
            if fig.status is Status.DERIVED:
                assert fig.formula
            if fig.source_kind is SourceKind.THIRD_PARTY:
                assert fig.status is Status.UNCONFIRMED, fig.key


def test_same_keys_every_year(book: RateBook) -> None:
    """Every year has the same figures (the regulation itself may have extra terms, e.g. the
    0,45-point cut of 2027)."""
    keys = [
        {
            k
            for k, f in book.by_year[y].items()
            if not f.reference and not k.startswith("regulation.")
        }
        for y in book.years
    ]
    assert all(k == keys[0] for k in keys)


def test_unknown_year_and_date_are_clear_errors(book: RateBook) -> None:
    with pytest.raises(UnknownPeriodError, match="no rates for 2031.*2025, 2026, 2027"):
        book.for_year(2031)
    with pytest.raises(UnknownPeriodError):
        book.for_date(date(2024, 12, 31))


def test_kontanthjaelp_figures_only_from_1_july_2025(book: RateBook) -> None:
    spring = book.for_date(date(2025, 3, 1))
    assert "dagpenge.max_full_time" in spring
    assert "kontanthjaelp.grundsats" not in spring
    with pytest.raises(RateNotAvailableError, match="kontanthjaelp"):
        kontanthjaelp.calculate(kontanthjaelp.KontanthjaelpInputs(year=2025, age=35), spring)
    summer = book.for_date(date(2025, 7, 1))
    assert summer.value("kontanthjaelp.grundsats") == Decimal(7205)


def test_reference_figures_are_not_rates(book: RateBook) -> None:
    assert "ref2024.kh_grundsats" not in book.for_year(2025)
    assert book.figure(2025, "ref2024.kh_grundsats").value == Decimal(6955)


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("round(2.5)", "3"),
        ("round(-2.5)", "-3"),
        ("round(131.555, 2)", "131.56"),
        ("round_to(4864.02, 5)", "4865"),
        ("round_up_to(51548.5, 100)", "51600"),
        ("min(3, 2) + max(1, 4) * 2", "10"),
        ("a.b / 3", "7"),
    ],
)
def test_formula_language(formula: str, expected: str) -> None:
    assert evaluate_formula(formula, lambda name: Decimal(21)) == Decimal(expected)


@pytest.mark.parametrize(
    "formula",
    [
        "__import__('os').system('true')",
        "a.b ** 2",
        "open('x')",
        "[1, 2]",
        "a if b else c",
        "round(x=1)",
    ],
)
def test_formula_language_rejects_anything_else(formula: str) -> None:
    with pytest.raises(ValueError):
        evaluate_formula(formula, lambda name: Decimal(1))


FIGURE = """
  {key}:
    value: {value}
    unit: {unit}
    valid_from: {valid_from}
    law_reference: Test § 1
    source_url: {url}
    source_kind: {kind}
    status: {status}
{extra}"""


def _figure(
    key: str = "test.amount",
    value: str = "100",
    unit: str = "kr_per_month",
    status: str = "confirmed",
    kind: str = "official",
    valid_from: str = "2025-01-01",
    url: str = "https://example.org/x",
    extra: str = "",
) -> str:
    return FIGURE.format(
        key=key,
        value=value,
        unit=unit,
        status=status,
        kind=kind,
        valid_from=valid_from,
        url=url,
        extra=textwrap.indent(extra, "    ") if extra else "",
    )


def _write(tmp_path: Path, year: int, body: str, *, header: str = "") -> Path:
    path = tmp_path / f"{year}.yaml"
    path.write_text(f"year: {year}\n{header}figures:{body}\n", encoding="utf-8")
    return path


def _problems(tmp_path: Path) -> str:
    with pytest.raises(RatesDataError) as info:
        load_rates(tmp_path)
    return "\n".join(info.value.problems)


def test_minimal_valid_file(tmp_path: Path) -> None:
    _write(
        tmp_path,
        2025,
        _figure()
        + _figure(
            "test.double", "200", status="derived", kind="derived", extra="formula: test.amount * 2"
        ),
    )
    book = load_rates(tmp_path)
    assert book.for_year(2025).value("test.double") == Decimal(200)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (_figure(status="certain"), "status must be one of"),
        (_figure(unit="kroner"), "unknown unit"),
        (_figure(kind="third_party"), "cannot make a figure confirmed"),
        (_figure(status="derived", kind="derived"), "needs a formula"),
        (_figure(valid_from="2024-12-01"), "is not in 2025"),
        (_figure(url="bm.dk/satser"), "http(s) URL"),
        (_figure(value="'lots'"), "is not a number"),
        (_figure(key="Amount"), "dotted lower_snake_case"),
        (_figure(status="confirmed", kind="none"), "without a source must be unconfirmed"),
        (_figure(extra="formula: 50 * 3"), "gives 150, but the value is 100"),
        (_figure(extra="formula: test.missing + 1"), "unknown figure test.missing"),
        (_figure(extra="formula: y2019.test.amount"), "no rate file for 2019"),
        (_figure(extra='formula: "1 +"'), "not a valid expression"),
        (_figure(extra="colour: red"), "unknown field"),
        (_figure(extra="reason: stale"), "only an unconfirmed figure has a reason"),
        (
            _figure(status="unconfirmed", kind="third_party", extra="reason: guess"),
            "reason must be one of",
        ),
        (
            _figure("test.base", status="unconfirmed", kind="third_party")
            + _figure("test.derived", status="derived", kind="derived", extra="formula: test.base"),
            "derived from unconfirmed figure(s) test.base",
        ),
    ],
)
def test_invalid_files_are_refused(tmp_path: Path, body: str, message: str) -> None:
    _write(tmp_path, 2025, body)
    assert message in _problems(tmp_path)


def test_missing_fields_and_year_mismatch(tmp_path: Path) -> None:
    (tmp_path / "2025.yaml").write_text(
        "year: 2024\nfigures:\n  test.amount:\n    value: 1\n", encoding="utf-8"
    )
    problems = _problems(tmp_path)
    assert "'year' must be 2025" in problems
    assert "missing unit" in problems


def test_empty_directory_and_missing_directory(tmp_path: Path) -> None:
    assert "no <year>.yaml rate files" in _problems(tmp_path)
    with pytest.raises(RatesDataError, match="not found"):
        load_rates(tmp_path / "nope")


def test_cross_year_formula(tmp_path: Path) -> None:
    _write(tmp_path, 2025, _figure())
    _write(
        tmp_path,
        2026,
        _figure(
            valid_from="2026-01-01",
            status="derived",
            kind="derived",
            value="110",
            extra="formula: round(y2025.test.amount * 1.1)",
        ),
    )
    assert load_rates(tmp_path).for_year(2026).value("test.amount") == Decimal(110)


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    _write(tmp_path, 2025, _figure(unit="kroner") + _figure("test.other", status="nope"))
    problems = _problems(tmp_path)
    assert "unknown unit" in problems and "status must be one of" in problems


def test_the_shipped_files_reproduce_bm_dk_from_the_rules() -> None:
    """Each confirmed bm.dk 2025 dagpenge amount carries a formula that the loader checked."""
    book = load_rates(RATES_DIR)
    for key in (
        "dagpenge.max_part_time",
        "dagpenge.max_full_time_with_supplement",
        "dagpenge.graduate_provider_full_time",
        "dagpenge.graduate_full_time",
        "dagpenge.graduate_later_under_30_full_time",
        "dagpenge.graduate_later_30_plus_full_time",
    ):
        fig = book.figure(2025, key)
        assert fig.status is Status.CONFIRMED and fig.formula, key


def test_calculators_never_use_reference_figures(book: RateBook) -> None:
    raw = {
        "year": 2025,
        "age": 35,
        "monthly_income": 30000,
        "insurance": "full_time",
        "hourly_wage": 150,
        "hours_per_week": 37,
        "weeks": 10,
        "employer_type": "private",
        "ordinary_employees": 5,
        "monthly_wage": 10000,
        "benefit": "kontanthjaelp",
    }
    for spec in CALCULATORS.values():
        result = spec.run(raw, book)
        assert all(not f.reference for f in result.rates_used)


def test_unconfirmed_reasons_are_explicit_or_implied(book: RateBook) -> None:
    """Every unconfirmed figure has a reason a citizen can be told; confirmed ones have none."""
    from portal.domain.rates import UnconfirmedReason

    for year in book.years:
        for fig in book.by_year[year].values():
            if fig.status is Status.UNCONFIRMED:
                assert isinstance(fig.unconfirmed_reason, UnconfirmedReason), fig.key
            else:
                assert fig.unconfirmed_reason is None, fig.key
    assert book.figure(2026, "loentilskud.private_hourly_rate").unconfirmed_reason is (
        UnconfirmedReason.STALE
    )
    assert book.figure(2027, "dagpenge.max_full_time").unconfirmed_reason is (
        UnconfirmedReason.NOT_PUBLISHED
    )


def test_year_for_and_rates_for_follow_the_clock(book: RateBook) -> None:
    """The year of the date asked about; after New Year without a new file, the latest year."""
    assert book.year_for(date(2026, 12, 6)) == 2026
    assert book.year_for(date(2028, 1, 2)) == 2027
    with pytest.raises(UnknownPeriodError):
        book.year_for(date(2019, 5, 1))
    # The current year: today's figures; a coming year: its first day; a past year: its last.
    assert book.rates_for(2026, date(2026, 12, 6)).on == date(2026, 12, 6)
    assert book.rates_for(2027, date(2026, 12, 6)).on == date(2027, 1, 1)
    assert book.rates_for(2025, date(2026, 12, 6)).on == date(2025, 12, 31)
    # The temporary tilpasningstillæg is in force in 2027 only until 30 June.
    assert "kontanthjaelp.tilpasningstillaeg" in book.rates_for(2027, date(2027, 3, 1))
    assert "kontanthjaelp.tilpasningstillaeg" not in book.rates_for(2027, date(2027, 8, 1))


def test_2027_follows_the_law_for_the_regulation(book: RateBook) -> None:
    """2027 = 2026 × (1 + (1,7 + tilpasningsprocent − 0,45) %), and says it is not confirmed."""
    rates = book.rates_for(2027, date(2027, 1, 1))
    transfer = rates.get("regulation.transfer_pct")
    assert transfer.value == Decimal("1.7") + rates.value(
        "regulation.tilpasningsprocent"
    ) - Decimal("0.45")
    assert transfer.status is Status.UNCONFIRMED
    max26 = book.figure(2026, "dagpenge.max_full_time").value
    assert rates.value("dagpenge.max_full_time") == (max26 * (1 + transfer.value / 100)).quantize(
        Decimal(1), rounding="ROUND_HALF_UP"
    )
    assert rates.get("dagpenge.max_full_time").status is Status.UNCONFIRMED
    # Figures from lov om en aktiv beskæftigelsesindsats are carried, not confirmed, for 2027.
    assert rates.get("loentilskud.max_months_private").status is Status.UNCONFIRMED


def test_public_wage_subsidy_wage_reproduces_the_published_figures() -> None:
    """LAB § 72, stk. 2: highest dagpenge ÷ 160,33 ÷ 0,92 gives the published 129,37 (2020,
    maximum 19.083) and 133,75 (2023, maximum 19.728), and 142,99 (2025) / 149,43 (2026)."""
    formula = "round(m / h / (1 - a / 100), 2)"
    for maximum, wage in (
        (19083, "129.37"),
        (19728, "133.75"),
        (21092, "142.99"),
        (22041, "149.43"),
    ):
        values = {"m": Decimal(maximum), "h": Decimal("160.33"), "a": Decimal(8)}
        assert evaluate_formula(formula, values.__getitem__) == Decimal(wage)


def test_refund_staircase(book: RateBook) -> None:
    """Refusionstrappen: 80 % weeks 1-4, 40 % 5-26, 30 % 27-52, 20 % after (lov om kommunernes
    finansiering § 5, stk. 2); dagpenge co-financing 20/60/70/80 % (stk. 3)."""
    from portal.domain.calculators.refusion import cofinancing_pct, refund_pct

    rates = book.for_year(2026)
    expected = {1: 80, 4: 80, 5: 40, 26: 40, 27: 30, 52: 30, 53: 20, 300: 20}
    assert {w: refund_pct(w, rates) for w in expected} == {
        w: Decimal(v) for w, v in expected.items()
    }
    assert [cofinancing_pct(w, rates) for w in (1, 5, 27, 53)] == [20, 60, 70, 80]
    assert rates.get("refusion.weeks_1_4_pct").status is Status.CONFIRMED
    with pytest.raises(ValueError):
        refund_pct(0, rates)
