"""Fleksløntilskud for a person in fleksjob (lov om en aktiv beskæftigelsesindsats, LAB).

* § 123, stk. 1: the subsidy starts from 98 % of the highest dagpenge rate.
* § 123, stk. 2: it is reduced by 30 % of the wage (pension included) up to a
  monthly limit (14.686 kr. in 2019-niveau, regulated yearly) and by 55 % of the
  wage above it.
* The subsidy supplements a wage: with no wage there is no subsidy (STAR's
  vejledning om fleksløntilskud, 2.1).
* Wage plus subsidy may not exceed the full-time wage for the position (lønloft).
* § 137: an ATP contribution of 5 % of the subsidy, at most 500 kr. a month, is
  withheld from the subsidy paid out.
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
    MainAmount,
    Quantity,
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

LAW = "Lov om en aktiv beskæftigelsesindsats"


@dataclass(frozen=True)
class FleksjobInputs:
    """Inputs of the fleksjob calculator (kr. per month, pension included)."""

    year: int | None = year_input()
    monthly_wage: Decimal = decimal_input(
        N_("Månedsløn for de arbejdede timer inkl. pension"),
        unit="kr_per_month",
        maximum=1_000_000,
        required=True,
    )
    full_time_wage: Decimal | None = decimal_input(
        N_("Fuldtidsløn for stillingen inkl. pension"),
        unit="kr_per_month",
        maximum=1_000_000,
        help=N_("Løn plus tilskud må ikke overstige lønnen for jobbet på fuld tid (lønloft)."),
    )


def validate(i: FleksjobInputs) -> None:
    """The full-time wage cannot be below the wage actually paid."""
    if i.full_time_wage is not None and i.full_time_wage < i.monthly_wage:
        raise CalculatorValidationError(
            {"full_time_wage": FieldError("must_not_be_below_field", {"other": "monthly_wage"})}
        )


@rule(
    "max_subsidy",
    N_("Højeste tilskud (98 % af højeste dagpengesats)"),
    "kr_per_month",
    f"{LAW} § 123, stk. 1",
)
def max_subsidy(c: Calc, i: FleksjobInputs) -> Traced:
    """98 % of the highest dagpenge rate."""
    return Traced(
        c.rate("fleksjob.max_subsidy"),
        f"{fmt(c.rate('dagpenge.max_full_time'))} × {fmt(c.rate('fleksjob.max_subsidy_pct'))} %",
    )


@rule(
    "reduction_low",
    N_("Nedsættelse: 30 %% af lønnen op til %(limit)s"),
    "kr_per_month",
    f"{LAW} § 123, stk. 2",
)
def reduction_low(c: Calc, i: FleksjobInputs) -> Traced:
    """30 % of the wage up to the limit."""
    limit, share = c.rate("fleksjob.threshold"), c.rate("fleksjob.reduction_low_pct")
    return Traced(
        money(pct(share) * min(i.monthly_wage, limit)),
        f"{fmt(share)} % × min({fmt(i.monthly_wage)}, {fmt(limit)})",
        params={"limit": Quantity(limit, "kr_per_month")},
    )


@rule(
    "reduction_high",
    N_("Nedsættelse: 55 %% af lønnen over %(limit)s"),
    "kr_per_month",
    f"{LAW} § 123, stk. 2",
)
def reduction_high(c: Calc, i: FleksjobInputs) -> Traced | None:
    """55 % of the wage above the limit."""
    limit, share = c.rate("fleksjob.threshold"), c.rate("fleksjob.reduction_high_pct")
    if i.monthly_wage <= limit:
        return None
    return Traced(
        money(pct(share) * (i.monthly_wage - limit)),
        f"{fmt(share)} % × ({fmt(i.monthly_wage)} − {fmt(limit)})",
        params={"limit": Quantity(limit, "kr_per_month")},
    )


@rule(
    "subsidy_before_ceiling",
    N_("Tilskud efter nedsættelserne"),
    "kr_per_month",
    f"{LAW} § 123, stk. 1 og 2",
)
def subsidy_before_ceiling(c: Calc, i: FleksjobInputs) -> Traced:
    """The maximum minus both reductions; none without a wage."""
    top, low = c(max_subsidy, i), c(reduction_low, i)
    high = c.value(reduction_high, i) or ZERO
    if i.monthly_wage <= 0:
        c.warn(
            "no_wage_no_subsidy",
            N_(
                "Fleksløntilskud gives kun som supplement til en løn. Uden løn er der intet "
                "tilskud."
            ),
        )
        return Traced(ZERO, "0")
    return Traced(max(ZERO, top - low - high), f"max(0, {fmt(top)} − {fmt(low)} − {fmt(high)})")


@rule(
    "wage_ceiling",
    N_("Løn plus tilskud må ikke overstige fuldtidslønnen (lønloft)"),
    "kr_per_month",
    f"{LAW} § 123",
)
def wage_ceiling(c: Calc, i: FleksjobInputs) -> Traced | None:
    """min(subsidy, full-time wage − wage), when the full-time wage is given."""
    before = c(subsidy_before_ceiling, i)
    if i.full_time_wage is None:
        return None
    room = max(ZERO, i.full_time_wage - i.monthly_wage)
    return Traced(
        min(before, room), f"min({fmt(before)}, {fmt(i.full_time_wage)} − {fmt(i.monthly_wage)})"
    )


def subsidy(c: Calc, i: FleksjobInputs) -> Decimal:
    """The fleksløntilskud (before the ATP contribution)."""
    ceiled = c.value(wage_ceiling, i)
    return money(ceiled if ceiled is not None else c(subsidy_before_ceiling, i))


@rule(
    "atp",
    N_("ATP-bidrag, som trækkes i tilskuddet (5 %%, højst %(max)s)"),
    "kr_per_month",
    f"{LAW} § 137",
)
def atp(c: Calc, i: FleksjobInputs) -> Traced:
    """5 % of the subsidy, at most 500 kr. a month."""
    share, top = c.rate("fleksjob.atp_pct"), c.rate("fleksjob.atp_max")
    amount = subsidy(c, i)
    return Traced(
        min(money(amount * pct(share)), top),
        f"min({fmt(share)} % × {fmt(amount)}, {fmt(top)})",
        params={"max": Quantity(top, "kr_per_month")},
    )


@rule(
    "subsidy_paid",
    N_("Fleksløntilskud udbetalt efter ATP-bidrag"),
    "kr_per_month",
    f"{LAW} §§ 123 og 137",
)
def subsidy_paid(c: Calc, i: FleksjobInputs) -> Traced:
    """The subsidy minus the ATP contribution."""
    amount, contribution = subsidy(c, i), c(atp, i)
    return Traced(amount - contribution, f"{fmt(amount)} − {fmt(contribution)}")


@rule("total_income", N_("Løn plus tilskud"), "kr_per_month", f"{LAW} § 123")
def total_income(c: Calc, i: FleksjobInputs) -> Traced:
    """Wage plus the subsidy (before ATP)."""
    amount = subsidy(c, i)
    return Traced(money(i.monthly_wage + amount), f"{fmt(i.monthly_wage)} + {fmt(amount)}")


@rule(
    "employer_cost",
    N_("Arbejdsgiveren betaler kun løn for de arbejdede timer"),
    "kr_per_month",
    f"{LAW} § 123 (vejledning om fleksløntilskud, afsnit 2.1)",
)
def employer_cost(c: Calc, i: FleksjobInputs) -> Traced:
    """The employer pays the wage for the hours worked."""
    return Traced(money(i.monthly_wage))


def calculate(inputs: FleksjobInputs, rates: RateSet) -> Result:
    """Monthly fleksløntilskud, ATP, total income and the employer's cost."""
    c = Calc("fleksjob", rates)
    c(max_subsidy, inputs)
    low = c(reduction_low, inputs)
    high = c.value(reduction_high, inputs) or ZERO
    c(subsidy_before_ceiling, inputs)
    ceiling_applied = False
    if (ceiled := c.value(wage_ceiling, inputs)) is not None:
        ceiling_applied = ceiled < c(subsidy_before_ceiling, inputs)
    amount = subsidy(c, inputs)
    contribution = c(atp, inputs)
    paid = c(subsidy_paid, inputs)
    total = c(total_income, inputs)
    cost = c(employer_cost, inputs)
    c.warn(
        "other_income_not_included",
        N_("Ikke medregnet: fradrag for anden indtægt, feriepenge eller sygdom."),
    )
    return c.result(
        {
            "subsidy": amount,
            "reduction_low": low,
            "reduction_high": high,
            "atp": contribution,
            "subsidy_paid": paid,
            "total_income": total,
            "total_paid": money(inputs.monthly_wage + paid),
            "employer_cost": cost,
        },
        {
            "ceiling_applied": ceiling_applied,
            "above_threshold": inputs.monthly_wage > c.rate("fleksjob.threshold"),
        },
    )


SPEC: CalculatorSpec[FleksjobInputs] = CalculatorSpec(
    name="fleksjob",
    title=N_("Fleksløntilskud"),
    english_title="Flex job subsidy (fleksløntilskud)",
    description=N_("Kommunens fleksløntilskud oven i lønnen for de timer, du arbejder."),
    fields=input_fields(FleksjobInputs),
    build=builder(FleksjobInputs, validate),
    compute=calculate,
    legal_basis=LAW,
    help_topic="hire_flexjob",
    audiences=("citizen", "employer"),
    main_amounts=(
        MainAmount("subsidy", N_("Fleksløntilskud pr. måned før skat"), "kr_per_month"),
        MainAmount("subsidy_paid", N_("Udbetalt tilskud efter ATP-bidrag"), "kr_per_month"),
        MainAmount("total_income", N_("Løn og tilskud i alt pr. måned"), "kr_per_month"),
        MainAmount("employer_cost", N_("Arbejdsgiverens lønudgift pr. måned"), "kr_per_month"),
    ),
    not_included=(
        N_("Skat: beløbene er før skat."),
        N_("Feriepenge og fradrag for anden indtægt."),
        N_("Om du er visiteret til fleksjob. Det afgør kommunen."),
        N_("Regulering bagefter, når kommunen kender den faktiske løn."),
    ),
)
