"""Sygedagpenge: weekly amount from the hourly wage, capped at the maximum.

Sygedagpengeloven § 50: sygedagpenge are calculated from the hourly earnings
and the weekly hours, at most the highest amount per hour (weekly maximum ÷ 37)
and at most 37 hours a week; the weekly maximum is regulated on the first
Monday of January. The employer pays the first 30 days (arbejdsgiverperioden).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portal.domain.calculators.base import (
    ZERO,
    Calc,
    CalculatorSpec,
    FieldSpec,
    FieldValue,
    Result,
    Text,
    dec,
    fmt,
    integer,
    money,
    year_field,
)
from portal.domain.rates import RateSet

LAW = "Sygedagpengeloven"
MAX_WEEKLY_HOURS = Decimal(37)


@dataclass(frozen=True)
class SygedagpengeInputs:
    """Inputs of the sygedagpenge calculator."""

    year: int
    hourly_wage: Decimal
    hours_per_week: Decimal


FIELDS: tuple[FieldSpec, ...] = (
    year_field(),
    FieldSpec(
        "hourly_wage",
        "decimal",
        Text("Hourly wage before tax", "Timeløn før skat"),
        required=True,
        minimum=ZERO,
        maximum=Decimal(10_000),
        unit="kr_per_hour",
        help=Text(
            "Your hourly earnings (average of the last 4 weeks if they vary).",
            "Din timefortjeneste (gennemsnit af de seneste 4 uger, hvis den varierer).",
        ),
    ),
    FieldSpec(
        "hours_per_week",
        "decimal",
        Text("Hours per week", "Timer pr. uge"),
        required=True,
        minimum=ZERO,
        maximum=Decimal(80),
        unit="hours_per_week",
    ),
)


def build(values: dict[str, FieldValue]) -> SygedagpengeInputs:
    """Typed inputs."""
    return SygedagpengeInputs(
        year=integer(values, "year"),
        hourly_wage=dec(values, "hourly_wage"),
        hours_per_week=dec(values, "hours_per_week"),
    )


def calculate(inputs: SygedagpengeInputs, rates: RateSet) -> Result:
    """Weekly sygedagpenge for ``inputs``."""
    c = Calc("sygedagpenge", rates)
    max_weekly = c.rate("sygedagpenge.max_weekly")
    max_hourly = c.rate("sygedagpenge.max_hourly")
    c.step(
        "max_hourly",
        Text(
            "Highest amount per hour (weekly maximum ÷ 37)",
            "Højeste beløb pr. time (ugemaksimum ÷ 37)",
        ),
        max_hourly,
        "kr_per_hour",
        f"{LAW} § 50, stk. 1",
        f"{fmt(max_weekly)} ÷ 37",
    )
    hourly = min(inputs.hourly_wage, max_hourly)
    c.step(
        "hourly_amount",
        Text(
            "Sygedagpenge per hour (the lower of wage and maximum)",
            "Sygedagpenge pr. time (den laveste af løn og maksimum)",
        ),
        hourly,
        "kr_per_hour",
        f"{LAW} § 50, stk. 1",
        f"min({fmt(inputs.hourly_wage)}, {fmt(max_hourly)})",
    )
    hours = min(inputs.hours_per_week, MAX_WEEKLY_HOURS)
    if inputs.hours_per_week > MAX_WEEKLY_HOURS:
        c.warn(
            "hours_capped",
            Text(
                "Sygedagpenge are paid for at most 37 hours a week; {hours} hours were entered.",
                "Der udbetales sygedagpenge for højst 37 timer om ugen; der er indtastet {hours} "
                "timer.",
            ),
            hours=fmt(inputs.hours_per_week),
        )
    weekly_uncapped = money(hourly * hours)
    weekly = min(weekly_uncapped, max_weekly)
    c.step(
        "weekly_amount",
        Text("Sygedagpenge per week", "Sygedagpenge pr. uge"),
        weekly,
        "kr_per_week",
        f"{LAW} § 50, stk. 1",
        f"min({fmt(hourly)} × {fmt(hours)}, {fmt(max_weekly)})",
    )
    capped = inputs.hourly_wage > max_hourly or weekly_uncapped > max_weekly
    if capped:
        c.warn(
            "capped_at_maximum",
            Text(
                "Your wage is above the maximum: sygedagpenge are lower than your wage.",
                "Din løn er over maksimum: sygedagpengene er lavere end din løn.",
            ),
        )
    c.warn(
        "employer_period",
        Text(
            "For employees the employer pays the first 30 days; the municipality pays after that.",
            "For lønmodtagere betaler arbejdsgiveren de første 30 dage; derefter betaler kommunen.",
        ),
    )
    return c.result(
        {"weekly_amount": weekly, "hourly_amount": hourly, "hours_counted": hours},
        {"capped": capped},
    )


SPEC: CalculatorSpec[SygedagpengeInputs] = CalculatorSpec(
    name="sygedagpenge",
    title=Text("Sickness benefit (sygedagpenge)", "Sygedagpenge"),
    description=Text(
        "Your weekly sygedagpenge from your hourly wage and hours.",
        "Dine sygedagpenge pr. uge ud fra din timeløn og dine timer.",
    ),
    fields=FIELDS,
    build=build,
    compute=calculate,
    legal_basis=LAW,
)
