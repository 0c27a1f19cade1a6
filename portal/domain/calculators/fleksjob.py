"""Fleksløntilskud for a person in fleksjob (LAB §§ 123-125).

The subsidy starts from 98 % of the highest dagpenge rate. It is reduced by
30 % of the wage (including pension) up to a monthly threshold and by 55 % of
the wage above it. Wage plus subsidy may not exceed the full-time wage for the
position (lønloft). The employer pays only for the hours worked.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portal.domain.calculators.base import (
    ZERO,
    Calc,
    CalculatorSpec,
    CalculatorValidationError,
    FieldError,
    FieldSpec,
    FieldValue,
    Result,
    Text,
    dec,
    fmt,
    integer,
    money,
    opt_dec,
    pct,
    year_field,
)
from portal.domain.rates import RateSet

LAW = "Lov om en aktiv beskæftigelsesindsats"


@dataclass(frozen=True)
class FleksjobInputs:
    """Inputs of the fleksjob calculator (kr. per month, pension included)."""

    year: int
    monthly_wage: Decimal
    full_time_wage: Decimal | None = None


FIELDS: tuple[FieldSpec, ...] = (
    year_field(),
    FieldSpec(
        "monthly_wage",
        "decimal",
        Text(
            "Monthly wage for the hours worked, including pension",
            "Månedsløn for de arbejdede timer inkl. pension",
        ),
        required=True,
        minimum=ZERO,
        maximum=Decimal(1_000_000),
        unit="kr_per_month",
    ),
    FieldSpec(
        "full_time_wage",
        "decimal",
        Text(
            "Full-time wage for the position, including pension (optional)",
            "Fuldtidsløn for stillingen inkl. pension (valgfri)",
        ),
        minimum=ZERO,
        maximum=Decimal(1_000_000),
        unit="kr_per_month",
        help=Text(
            "Wage plus subsidy may not exceed what the job pays full time (lønloft).",
            "Løn plus tilskud må ikke overstige lønnen for jobbet på fuld tid (lønloft).",
        ),
    ),
)


def build(values: dict[str, FieldValue]) -> FleksjobInputs:
    """Typed inputs; the full-time wage cannot be below the wage actually paid."""
    wage = dec(values, "monthly_wage")
    full = opt_dec(values, "full_time_wage")
    if full is not None and full < wage:
        raise CalculatorValidationError(
            {"full_time_wage": FieldError("must_not_be_below_field", {"other": "monthly_wage"})}
        )
    return FleksjobInputs(year=integer(values, "year"), monthly_wage=wage, full_time_wage=full)


def calculate(inputs: FleksjobInputs, rates: RateSet) -> Result:
    """Monthly fleksløntilskud, total income and the employer's cost."""
    c = Calc("fleksjob", rates)
    wage = inputs.monthly_wage
    max_subsidy = c.rate("fleksjob.max_subsidy")
    c.step(
        "max_subsidy",
        Text(
            "Highest subsidy (98 % of the highest dagpenge rate)",
            "Højeste tilskud (98 % af højeste dagpengesats)",
        ),
        max_subsidy,
        "kr_per_month",
        f"{LAW} § 124, stk. 3",
        f"{fmt(c.rate('dagpenge.max_full_time'))} × {fmt(c.rate('fleksjob.max_subsidy_pct'))} %",
    )
    threshold = c.rate("fleksjob.threshold")
    low_pct = c.rate("fleksjob.reduction_low_pct")
    high_pct = c.rate("fleksjob.reduction_high_pct")
    low = money(pct(low_pct) * min(wage, threshold))
    c.step(
        "reduction_low",
        Text(
            "Reduction: 30 % of the wage up to {t} kr.",
            "Nedsættelse: 30 % af lønnen op til {t} kr.",
        ).format(t=fmt(threshold)),
        low,
        "kr_per_month",
        f"{LAW} § 125",
        f"{fmt(low_pct)} % × min({fmt(wage)}, {fmt(threshold)})",
    )
    high = money(pct(high_pct) * max(ZERO, wage - threshold))
    if wage > threshold:
        c.step(
            "reduction_high",
            Text(
                "Reduction: 55 % of the wage above {t} kr.",
                "Nedsættelse: 55 % af lønnen over {t} kr.",
            ).format(t=fmt(threshold)),
            high,
            "kr_per_month",
            f"{LAW} § 125",
            f"{fmt(high_pct)} % × ({fmt(wage)} − {fmt(threshold)})",
        )
    subsidy = max(ZERO, max_subsidy - low - high)
    c.step(
        "subsidy_before_ceiling",
        Text("Subsidy after the reductions", "Tilskud efter nedsættelserne"),
        subsidy,
        "kr_per_month",
        f"{LAW} §§ 124-125",
        f"max(0, {fmt(max_subsidy)} − {fmt(low)} − {fmt(high)})",
    )
    ceiling_applied = False
    if inputs.full_time_wage is not None:
        before = subsidy
        room = max(ZERO, inputs.full_time_wage - wage)
        if subsidy > room:
            subsidy = room
            ceiling_applied = True
        c.step(
            "wage_ceiling",
            Text(
                "Wage plus subsidy may not exceed the full-time wage (lønloft)",
                "Løn plus tilskud må ikke overstige fuldtidslønnen (lønloft)",
            ),
            subsidy,
            "kr_per_month",
            f"{LAW} § 124",
            f"min({fmt(before)}, {fmt(inputs.full_time_wage)} − {fmt(wage)})",
        )
    subsidy = money(subsidy)
    total = money(wage + subsidy)
    c.step(
        "total_income",
        Text("Wage plus subsidy", "Løn plus tilskud"),
        total,
        "kr_per_month",
        f"{LAW} § 124",
    )
    c.step(
        "employer_cost",
        Text(
            "The employer pays only the wage for the hours worked",
            "Arbejdsgiveren betaler kun løn for de arbejdede timer",
        ),
        money(wage),
        "kr_per_month",
        f"{LAW} § 123",
    )
    c.warn(
        "atp_and_other_income",
        Text(
            "Not included: the extra ATP contribution on the subsidy, and deductions for other "
            "income, holiday pay or sickness.",
            "Ikke medregnet: det ekstra ATP-bidrag af tilskuddet og fradrag for anden indtægt, "
            "feriepenge eller sygdom.",
        ),
    )
    return c.result(
        {
            "subsidy": subsidy,
            "reduction_low": low,
            "reduction_high": high,
            "total_income": total,
            "employer_cost": money(wage),
        },
        {"ceiling_applied": ceiling_applied, "above_threshold": wage > threshold},
    )


SPEC: CalculatorSpec[FleksjobInputs] = CalculatorSpec(
    name="fleksjob",
    title=Text("Flex job subsidy (fleksløntilskud)", "Fleksløntilskud"),
    description=Text(
        "The municipality's flex wage subsidy on top of the wage for the hours you work.",
        "Kommunens fleksløntilskud oven i lønnen for de timer, du arbejder.",
    ),
    fields=FIELDS,
    build=build,
    compute=calculate,
    legal_basis=LAW,
)
