"""Sygedagpenge for an employee: the weekly amount from the hourly earnings after AM-bidrag.

Sygedagpengeloven:

* § 47: sygedagpenge are based on the hourly earnings *after* the 8 %
  arbejdsmarkedsbidrag and the weekly hours the person would have worked
  (120 kr. an hour × 37 hours gives 110,40 × 37 = 4.084,80 kr. a week).
* § 50, stk. 1: at most the year's maximum (3.332 kr., regulated) divided by the
  normal full-time hours under the agreement (37 for most) per hour.
* § 50, stk. 2: at most the weekly maximum in a week.

The employer pays the first 30 days (arbejdsgiverperioden, § 30); the maximum is
regulated on the first Monday of January.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portal.domain.calculators.base import (
    ZERO,
    Calc,
    CalculatorSpec,
    MainAmount,
    Result,
    Traced,
    builder,
    decimal_input,
    fmt,
    input_fields,
    money,
    pct,
    rule,
    year_input,
)
from portal.domain.rates import RateSet
from portal.domain.texts import N_

LAW = "Sygedagpengeloven"
STANDARD_WEEK = Decimal(37)


@dataclass(frozen=True)
class SygedagpengeInputs:
    """Inputs of the sygedagpenge calculator - each declared once, here."""

    year: int | None = year_input()
    hourly_wage: Decimal = decimal_input(
        N_("Timeløn før skat"),
        unit="kr_per_hour",
        maximum=10_000,
        required=True,
        help=N_(
            "Din timefortjeneste før AM-bidrag og skat (gennemsnit af de seneste 4 uger, hvis "
            "den varierer)."
        ),
    )
    hours_per_week: Decimal = decimal_input(
        N_("Timer pr. uge, du skulle have arbejdet"),
        unit="hours_per_week",
        maximum=80,
        required=True,
    )
    full_time_hours: Decimal = decimal_input(
        N_("Fuld tid i dit fag (timer pr. uge efter overenskomsten)"),
        unit="hours_per_week",
        minimum=1,
        maximum=60,
        default=STANDARD_WEEK,
        help=N_(
            "Det højeste beløb pr. time er ugemaksimum divideret med dette timetal. Oftest 37."
        ),
    )


@rule(
    "hourly_after_am",
    N_("Timeløn efter 8 % AM-bidrag"),
    "kr_per_hour",
    f"{LAW} § 47 (timefortjeneste efter arbejdsmarkedsbidrag)",
)
def hourly_after_am(c: Calc, i: SygedagpengeInputs) -> Traced:
    """The hourly earnings after the labour-market contribution."""
    am = c.rate("tax.am_bidrag_pct")
    return Traced(money(i.hourly_wage * (1 - pct(am))), f"{fmt(i.hourly_wage)} × (1 − {fmt(am)} %)")


@rule(
    "max_hourly",
    N_("Højeste beløb pr. time (ugemaksimum ÷ timer på fuld tid)"),
    "kr_per_hour",
    f"{LAW} § 50, stk. 1",
)
def max_hourly(c: Calc, i: SygedagpengeInputs) -> Traced:
    """The weekly maximum ÷ the agreed full-time hours (the published figure for 37 hours)."""
    weekly = c.rate("sygedagpenge.max_weekly")
    if i.full_time_hours == STANDARD_WEEK:
        return Traced(c.rate("sygedagpenge.max_hourly"), f"{fmt(weekly)} ÷ 37")
    return Traced(money(weekly / i.full_time_hours), f"{fmt(weekly)} ÷ {fmt(i.full_time_hours)}")


@rule(
    "hourly_amount",
    N_("Sygedagpenge pr. time (den laveste af timeløn og højeste beløb)"),
    "kr_per_hour",
    f"{LAW} § 50, stk. 1",
)
def hourly_amount(c: Calc, i: SygedagpengeInputs) -> Traced:
    """min(hourly earnings after AM-bidrag, the hourly maximum)."""
    after, cap = c(hourly_after_am, i), c(max_hourly, i)
    return Traced(min(after, cap), f"min({fmt(after)}, {fmt(cap)})")


@rule("weekly_amount", N_("Sygedagpenge pr. uge"), "kr_per_week", f"{LAW} § 50, stk. 1 og 2")
def weekly_amount(c: Calc, i: SygedagpengeInputs) -> Traced:
    """Hourly amount × the week's hours, at most the weekly maximum."""
    hourly, weekly_max = c(hourly_amount, i), c.rate("sygedagpenge.max_weekly")
    return Traced(
        min(money(hourly * i.hours_per_week), weekly_max),
        f"min({fmt(hourly)} × {fmt(i.hours_per_week)}, {fmt(weekly_max)})",
    )


def calculate(inputs: SygedagpengeInputs, rates: RateSet) -> Result:
    """Weekly sygedagpenge for ``inputs``."""
    c = Calc("sygedagpenge", rates)
    after = c(hourly_after_am, inputs)
    cap = c(max_hourly, inputs)
    hourly = c(hourly_amount, inputs)
    weekly = c(weekly_amount, inputs)
    capped = after > cap or money(hourly * inputs.hours_per_week) > weekly
    if capped:
        c.warn(
            "capped_at_maximum",
            N_("Din løn er over det højeste beløb: sygedagpengene er lavere end din løn."),
        )
    if inputs.hours_per_week > inputs.full_time_hours:
        c.warn(
            "hours_above_full_time",
            N_(
                "Du har skrevet flere timer end fuld tid i dit fag. Der gives højst det højeste "
                "beløb pr. uge."
            ),
        )
    c.warn(
        "employer_period",
        N_("For lønmodtagere betaler arbejdsgiveren de første 30 dage; derefter betaler kommunen."),
    )
    return c.result(
        {
            "weekly_amount": weekly,
            "hourly_amount": hourly,
            "hourly_after_am": after,
            "hours_counted": inputs.hours_per_week,
            "weekly_loss": max(ZERO, money(inputs.hourly_wage * inputs.hours_per_week) - weekly),
        },
        {"capped": capped},
    )


SPEC: CalculatorSpec[SygedagpengeInputs] = CalculatorSpec(
    name="sygedagpenge",
    title=N_("Sygedagpenge"),
    english_title="Sickness benefit (sygedagpenge)",
    description=N_("Dine sygedagpenge pr. uge ud fra din timeløn og dine timer."),
    fields=input_fields(SygedagpengeInputs),
    build=builder(SygedagpengeInputs),
    compute=calculate,
    legal_basis=LAW,
    help_topic="sickness_benefit",
    audiences=("citizen",),
    main_amounts=(
        MainAmount("weekly_amount", N_("Sygedagpenge pr. uge før skat"), "kr_per_week"),
        MainAmount("hourly_amount", N_("Sygedagpenge pr. time"), "kr_per_hour"),
    ),
    not_included=(
        N_("Skat: beløbet er før skat."),
        N_("Om du opfylder beskæftigelseskravet. Det vurderer kommunen."),
        N_("Løn under sygdom fra din arbejdsgiver efter overenskomst eller kontrakt."),
        N_("Særlige regler for selvstændige."),
    ),
)
