"""What a spell on public support costs the municipality under the refund staircase.

The staircase percentages come from the rate files through `portal.domain.calculators.refusion`
(never from this module): for benefits the municipality pays (kontanthjælp, sygedagpenge, …)
the state refunds 80/40/30/20 % by week on support, so the municipality pays the rest; for
dagpenge (paid by the a-kasse) the municipality co-finances 20/60/70/80 %. Amounts are per
week; costs are summed week by week. No Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from portal.domain.calculators.refusion import STEPS, cofinancing_pct, refund_pct
from portal.domain.rates import RateFigure, RateSet
from portal.domain.steering import suppressed_groups

HUNDRED = Decimal(100)
MAX_WEEKS = 260


class Model(StrEnum):
    """How the municipality's share is set: the state's refund, or dagpenge co-financing."""

    REFUND = "refund"
    COFINANCING = "cofinancing"


# Benefit code -> (financing model, rate key for a suggested weekly amount, months→weeks?)
BENEFITS: dict[str, tuple[Model, str, bool]] = {
    "kontanthjaelp": (Model.REFUND, "kontanthjaelp.grundsats", True),
    "sygedagpenge": (Model.REFUND, "sygedagpenge.max_weekly", False),
    "dagpenge": (Model.COFINANCING, "dagpenge.max_full_time", True),
}


def weekly_from_monthly(monthly: Decimal) -> Decimal:
    """A monthly amount as a weekly one (12 months = 52 weeks), to the øre."""
    return (monthly * 12 / 52).quantize(Decimal("0.01"))


def suggested_weekly_amount(benefit: str, rates: RateSet) -> tuple[Decimal, RateFigure]:
    """The benefit's (maximum or base) rate per week, and the figure it comes from."""
    _, key, monthly = BENEFITS[benefit]
    figure = rates.get(key)
    return (weekly_from_monthly(figure.value) if monthly else figure.value), figure


def municipal_pct(week: int, model: Model, rates: RateSet) -> Decimal:
    """The municipality's share in percent of benefit week `week` (1 = the first week)."""
    if model is Model.COFINANCING:
        return cofinancing_pct(week, rates)
    return HUNDRED - refund_pct(week, rates)


def staircase_figures(model: Model, rates: RateSet) -> list[RateFigure]:
    """The four rate figures behind the staircase (with source and status), step order."""
    prefix = "refusion.cofinancing_" if model is Model.COFINANCING else "refusion."
    return [rates.get(prefix + suffix) for _, suffix in STEPS]


def cumulative_cost(
    weekly_amount: Decimal, weeks: int, model: Model, rates: RateSet
) -> list[Decimal]:
    """The municipality's cumulative cost after each week 1..weeks."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be 1-{MAX_WEEKS}")
    total = Decimal(0)
    out: list[Decimal] = []
    for week in range(1, weeks + 1):
        total += weekly_amount * municipal_pct(week, model, rates) / HUNDRED
        out.append(total)
    return out


@dataclass(frozen=True)
class Step:
    """One step of the staircase within a spell: weeks first..last (inclusive)."""

    first_week: int
    last_week: int
    state_pct: Decimal  # the state's refund (REFUND) or the state's part (COFINANCING)
    municipal_pct: Decimal
    weekly_cost: Decimal
    step_cost: Decimal
    cumulative: Decimal


def steps(weekly_amount: Decimal, weeks: int, model: Model, rates: RateSet) -> list[Step]:
    """The spell cut at the staircase's steps, each with its cost and the running total."""
    cumulative = cumulative_cost(weekly_amount, weeks, model, rates)
    out: list[Step] = []
    first = 1
    for last, _ in STEPS:
        end = weeks if last is None else min(last, weeks)
        if end < first:
            break
        pct = municipal_pct(first, model, rates)
        weekly = weekly_amount * pct / HUNDRED
        out.append(
            Step(
                first,
                end,
                HUNDRED - pct,
                pct,
                weekly,
                weekly * (end - first + 1),
                cumulative[end - 1],
            )
        )
        first = end + 1
    return out


def step_of(week: int) -> str:
    """The step a benefit week falls in, as "1-4", "5-26", "27-52" or "53+"."""
    first = 1
    for last, _ in STEPS:
        if last is None or week <= last:
            return f"{first}-{last}" if last is not None else f"{first}+"
        first = last + 1
    raise AssertionError("unreachable")


def step_codes() -> list[str]:
    """The step labels in order ("1-4", "5-26", "27-52", "53+")."""
    codes, first = [], 1
    for last, _ in STEPS:
        codes.append(f"{first}-{last}" if last is not None else f"{first}+")
        first = (last or 0) + 1
    return codes


@dataclass(frozen=True)
class SpellBand:
    """Current citizens whose spell is in one step, and what one week of each costs."""

    step: str
    people: int
    weekly_cost_each: Decimal


def spell_distribution(
    spell_weeks: Iterable[int], weekly_amount: Decimal, model: Model, rates: RateSet
) -> tuple[list[SpellBand], int]:
    """Current spells (weeks on support so far, ≥ 1) per step, small groups suppressed;
    returns the bands shown and how many were hidden."""
    counts = dict.fromkeys(step_codes(), 0)
    first_week = {}
    for code in step_codes():
        first_week[code] = int(code.split("-")[0].rstrip("+"))
    for weeks in spell_weeks:
        if weeks >= 1:
            counts[step_of(weeks)] += 1
    hidden = suppressed_groups(counts)
    bands = [
        SpellBand(code, n, weekly_amount * municipal_pct(first_week[code], model, rates) / HUNDRED)
        for code, n in counts.items()
        if code not in hidden
    ]
    return bands, len(hidden)
