"""Arbejdsløshedsdagpenge: monthly rate, hourly rate and supplementary dagpenge.

Rules (lov om arbejdsløshedsforsikring m.v., "AFL"), one named formula each:

* Income-based rate: 90 % of the monthly income after the 8 % AM-bidrag, at most
  the maximum (§ 47 full time, § 70 part time). Rounded down to whole kroner so
  the 90 % limit is never exceeded.
* Beskæftigelsestillæg (§ 48, stk. 8): while fewer than 481 (part time 390)
  dagpenge hours are used, the maximum is 118,86 % of the normal maximum, if the
  person meets the conditions; the 90 % limit still applies.
* Dimittend (§ 49, stk. 5): a fixed rate, 82 % of the maximum with
  forsørgerpligt; without it 71,5 % for the first 481 (390) hours and then
  62,11 % (aged 30+) or 49,17 % (under 30).
* Unge under 25 (§ 52 a): without a qualifying education and without 3.848
  paid hours in the last 3 years, the rate is cut to 50 % of the maximum after
  962 (part time 780) dagpenge hours.
* Supplementary dagpenge: the month is 160,33 hours (part time 130); each hour
  worked removes one hour of dagpenge.
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
    Result,
    Traced,
    boolean_input,
    builder,
    choice_input,
    decimal_input,
    floor_kroner,
    fmt,
    input_fields,
    integer_input,
    money,
    pct,
    rule,
    whole_kroner,
    year_input,
)
from portal.domain.rates import RateSet
from portal.domain.texts import N_

LAW = "Lov om arbejdsløshedsforsikring m.v."
YOUTH_AGE_LIMIT = 25
GRADUATE_AGE_LIMIT = 30


@dataclass(frozen=True)
class DagpengeInputs:
    """Inputs of the dagpenge calculator - each declared once, here."""

    year: int | None = year_input()
    insurance: str = choice_input(
        N_("Forsikring"),
        {"full_time": N_("Fuldtidsforsikret"), "part_time": N_("Deltidsforsikret")},
        default="full_time",
    )
    monthly_income: Decimal | None = decimal_input(
        N_("Månedsindkomst før AM-bidrag"),
        unit="kr_per_month",
        maximum=10_000_000,
        required_unless=("graduate", "true"),
        help=N_(
            "Gennemsnit af de 12 bedste måneder inden for de seneste 24, før 8 % "
            "arbejdsmarkedsbidrag. Skal ikke udfyldes for dimittender."
        ),
    )
    graduate: bool = boolean_input(N_("Nyuddannet (dimittend)"))
    provider: bool = boolean_input(N_("Har forsørgerpligt over for børn"))
    age: int | None = integer_input(
        N_("Alder"),
        unit="years",
        minimum=15,
        maximum=80,
        help=N_(
            "Skal bruges for dimittender uden børn efter 481 timer og for reglerne for unge "
            "under 25."
        ),
    )
    employment_supplement: bool = boolean_input(
        N_("Opfylder betingelserne for beskæftigelsestillæg"),
        help=N_(
            "4 års uafbrudt medlemskab af en a-kasse og arbejde i 2 af de seneste 3 år. Gives de "
            "første 481 dagpengetimer."
        ),
    )
    hours_worked: Decimal = decimal_input(
        N_("Arbejdstimer i måneden"),
        unit="hours",
        maximum=400,
        default=ZERO,
        help=N_("Supplerende dagpenge: hver arbejdstime trækker én dagpengetime fra."),
    )
    hours_received: Decimal = decimal_input(
        N_("Dagpengetimer, du allerede har fået i perioden"),
        unit="hours",
        maximum=10_000,
        default=ZERO,
    )
    has_education: bool = boolean_input(
        N_("Har en erhvervskompetencegivende uddannelse"),
        help=N_("Bruges kun for personer under 25 år."),
    )
    worked_3848_hours: bool = boolean_input(
        N_("Har 3.848 løntimer inden for de seneste 3 år"),
        help=N_("Bruges kun for personer under 25 år."),
    )

    @property
    def full_time(self) -> bool:
        """Full-time insured."""
        return self.insurance == "full_time"

    @property
    def sfx(self) -> str:
        """The rate-key suffix of the insurance."""
        return "full_time" if self.full_time else "part_time"


def _in_first_period(c: Calc, i: DagpengeInputs) -> bool:
    return i.hours_received < c.rate(f"dagpenge.higher_rate_hours_{i.sfx}")


def _law_max(i: DagpengeInputs) -> str:
    return f"{LAW} § 47" if i.full_time else f"{LAW} § 70"


# --- Named formulas ---------------------------------------------------------


@rule("month_hours", N_("Dagpengetimer i en hel måned"), "hours", f"{LAW} § 47, stk. 2")
def month_hours(c: Calc, i: DagpengeInputs) -> Traced:
    """160,33 hours full time, 130 part time."""
    law = None if i.full_time else f"{LAW} § 70"
    return Traced(c.rate(f"general.hours_per_month_{i.sfx}"), law=law)


@rule("max_rate", N_("Højeste dagpengesats"), "kr_per_month", f"{LAW} § 47")
def max_rate(c: Calc, i: DagpengeInputs) -> Traced:
    """The year's maximum for the insurance."""
    return Traced(c.rate(f"dagpenge.max_{i.sfx}"), law=_law_max(i))


@rule(
    "income_after_am",
    N_("Indkomst efter 8 % AM-bidrag"),
    "kr_per_month",
    "Arbejdsmarkedsbidragsloven § 1",
)
def income_after_am(c: Calc, i: DagpengeInputs) -> Traced | None:
    """The income after the labour-market contribution (dagpenge replace that)."""
    if i.graduate:
        return None
    income = i.monthly_income if i.monthly_income is not None else ZERO
    am = c.rate("tax.am_bidrag_pct")
    return Traced(money(income * (1 - pct(am))), f"{fmt(income)} × (1 − {fmt(am)} %)")


def _ninety_exact(c: Calc, i: DagpengeInputs) -> Decimal:
    income = i.monthly_income if i.monthly_income is not None else ZERO
    return income * (1 - pct(c.rate("tax.am_bidrag_pct"))) * pct(c.rate("dagpenge.replacement_pct"))


@rule(
    "ninety_percent",
    N_("90 % af indkomsten efter AM-bidrag"),
    "kr_per_month",
    f"{LAW} kap. 9 (beregning af dagpengesatsen)",
)
def ninety_percent(c: Calc, i: DagpengeInputs) -> Traced | None:
    """90 % of the income after AM-bidrag (unrounded value compared; øre shown)."""
    after = c.value(income_after_am, i)
    if after is None:
        return None
    replacement = c.rate("dagpenge.replacement_pct")
    return Traced(money(_ninety_exact(c, i)), f"{fmt(after)} × {fmt(replacement)} %")


@rule(
    "employment_supplement_cap",
    N_("Højeste sats med beskæftigelsestillæg (de første %(hours)s timer)"),
    "kr_per_month",
    f"{LAW} § 48, stk. 8",
)
def employment_supplement_cap(c: Calc, i: DagpengeInputs) -> Traced | None:
    """The higher maximum in the first 481 (390) hours, when the conditions are met."""
    if i.graduate or not i.employment_supplement:
        return None
    hours = c.rate(f"dagpenge.higher_rate_hours_{i.sfx}")
    if not _in_first_period(c, i):
        c.warn(
            "employment_supplement_period_over",
            N_("Beskæftigelsestillægget gives kun de første %(hours)s dagpengetimer."),
            hours=Decimal(hours),
        )
        return None
    cap = c.rate(f"dagpenge.max_{i.sfx}_with_supplement")
    base = c(max_rate, i)
    return Traced(
        cap,
        f"{fmt(base)} × {fmt(c.rate('dagpenge.employment_supplement_pct'))} %",
        params={"hours": hours},
    )


@rule(
    "monthly_rate",
    N_("Månedlig dagpengesats (den laveste af de to)"),
    "kr_per_month",
    f"{LAW} § 47 og § 48",
)
def income_based_rate(c: Calc, i: DagpengeInputs) -> Traced | None:
    """min(90 %, maximum), rounded down so the 90 % limit is never exceeded."""
    ninety = c.value(ninety_percent, i)
    if ninety is None:
        return None
    cap = c.value(employment_supplement_cap, i)
    if cap is None:
        cap = c(max_rate, i)
    exact = _ninety_exact(c, i)
    rate = cap if exact >= cap else floor_kroner(exact)
    return Traced(rate, f"min({fmt(ninety)}, {fmt(cap)})")


_GRADUATE_TEXTS = {
    "graduate_provider": N_("Dimittendsats med forsørgerpligt (82 %)"),
    "graduate": N_("Dimittendsats uden forsørgerpligt, de første %(hours)s timer (71,5 %%)"),
    "graduate_later_30_plus": N_(
        "Dimittendsats uden forsørgerpligt efter %(hours)s timer, 30 år og derover (62,11 %%)"
    ),
    "graduate_later_under_30": N_(
        "Dimittendsats uden forsørgerpligt efter %(hours)s timer, under 30 år (49,17 %%)"
    ),
}


def graduate_type(c: Calc, i: DagpengeInputs) -> str:
    """Which dimittend rate applies."""
    if i.provider:
        return "graduate_provider"
    if _in_first_period(c, i):
        return "graduate"
    if i.age is None:
        raise CalculatorValidationError({"age": FieldError("required")})
    return "graduate_later_30_plus" if i.age >= GRADUATE_AGE_LIMIT else "graduate_later_under_30"


@rule("graduate_rate", N_("Dimittendsats"), "kr_per_month", f"{LAW} § 49, stk. 5")
def graduate_rate(c: Calc, i: DagpengeInputs) -> Traced | None:
    """The fixed dimittend rate (income not used)."""
    if not i.graduate:
        return None
    kind = graduate_type(c, i)
    hours = c.rate(f"dagpenge.higher_rate_hours_{i.sfx}")
    law = f"{LAW} § 49, stk. 5, 2. pkt." if kind.startswith("graduate_later") else None
    if i.employment_supplement:
        c.warn(
            "graduate_no_employment_supplement",
            N_("Dimittender på dimittendsats får ikke beskæftigelsestillæg; det er ikke lagt til."),
        )
    if i.monthly_income is not None:
        c.warn(
            "graduate_income_not_used",
            N_("Dimittendsatsen er fast; den indtastede indkomst er ikke brugt."),
        )
    text = _GRADUATE_TEXTS[kind]
    return Traced(
        c.rate(f"dagpenge.{kind}_{i.sfx}"),
        what=text,
        params={"hours": hours} if "%(hours)s" in text else {},
        law=law,
    )


def rate_before_youth_rule(c: Calc, i: DagpengeInputs) -> Decimal:
    """The income-based or graduate rate."""
    if i.graduate:
        return c(graduate_rate, i)
    return c(income_based_rate, i)


@rule(
    "youth_rate",
    N_(
        "Under 25 år uden uddannelse eller 3.848 løntimer, efter %(hours)s timer: højst 50 %% "
        "af højeste sats"
    ),
    "kr_per_month",
    f"{LAW} § 52 a, stk. 2",
)
def youth_rate(c: Calc, i: DagpengeInputs) -> Traced | None:
    """§ 52 a: under 25 without education or 3,848 paid hours, after 962 (780) hours."""
    youth_hours = c.rate(f"dagpenge.youth_hours_{i.sfx}")
    rate = rate_before_youth_rule(c, i)
    if i.age is None:
        if i.hours_received >= youth_hours:
            c.warn(
                "youth_rule_not_checked",
                N_(
                    "Alder ikke oplyst: reglerne for unge under 25 (50 %% efter %(hours)s timer) "
                    "er ikke kontrolleret."
                ),
                hours=youth_hours,
            )
        return None
    if i.age >= YOUTH_AGE_LIMIT or i.hours_received < youth_hours:
        return None
    if i.has_education or i.worked_3848_hours:
        c.warn(
            "youth_activation_rate",
            N_(
                "Under 25 år: under aktivering på 4 uger eller mere kan en lavere sats gælde "
                "(ikke beregnet)."
            ),
        )
        return None
    youth = c.rate(f"dagpenge.youth_{i.sfx}")
    return Traced(
        min(rate, youth), f"min({fmt(rate)}, {fmt(youth)})", params={"hours": youth_hours}
    )


def monthly_rate(c: Calc, i: DagpengeInputs) -> Decimal:
    """The monthly rate after every rule."""
    youth = c.value(youth_rate, i)
    return youth if youth is not None else rate_before_youth_rule(c, i)


@rule("hourly_rate", N_("Dagpenge pr. time"), "kr_per_hour", f"{LAW} § 47, stk. 2")
def hourly_rate(c: Calc, i: DagpengeInputs) -> Traced:
    """The monthly rate ÷ 160,33 (130)."""
    rate, hours = monthly_rate(c, i), c(month_hours, i)
    return Traced(money(rate / hours), f"{fmt(rate)} ÷ {fmt(hours)}")


@rule(
    "paid_hours",
    N_("Dagpengetimer i måneden (måned minus arbejdstimer)"),
    "hours",
    f"{LAW} kap. 10 (supplerende dagpenge)",
)
def paid_hours(c: Calc, i: DagpengeInputs) -> Traced | None:
    """Each hour worked removes one hour of dagpenge."""
    hours = c(month_hours, i)
    if i.hours_worked <= 0:
        return None
    if i.hours_worked >= hours:
        c.warn(
            "no_supplementary_dagpenge",
            N_("Med %(hours)s arbejdstimer i måneden er der ingen supplerende dagpenge."),
            hours=i.hours_worked,
        )
    return Traced(max(ZERO, hours - i.hours_worked), f"{fmt(hours)} − {fmt(i.hours_worked)}")


@rule("monthly_amount", N_("Dagpenge i måneden"), "kr_per_month", f"{LAW} § 47")
def monthly_amount(c: Calc, i: DagpengeInputs) -> Traced:
    """The rate for the hours paid, whole kroner."""
    rate, hours = monthly_rate(c, i), c(month_hours, i)
    paid = c.value(paid_hours, i)
    if paid is None:
        return Traced(rate)
    return Traced(whole_kroner(rate * paid / hours), f"{fmt(rate)} × {fmt(paid)} ÷ {fmt(hours)}")


def rate_type(c: Calc, i: DagpengeInputs) -> str:
    """Which rate the result rests on (for machines: details.rate_type)."""
    youth = c.value(youth_rate, i)
    before = rate_before_youth_rule(c, i)
    if youth is not None and youth < before:
        return "youth"
    if i.graduate:
        return graduate_type(c, i)
    cap = c.value(employment_supplement_cap, i)
    effective_cap = cap if cap is not None else c(max_rate, i)
    if _ninety_exact(c, i) >= effective_cap:
        return "max_with_employment_supplement" if cap is not None else "max"
    return "income_based"


def calculate(inputs: DagpengeInputs, rates: RateSet) -> Result:
    """Monthly dagpenge, hourly rate and supplementary dagpenge for ``inputs``."""
    c = Calc("dagpenge", rates)
    c(month_hours, inputs)
    c(max_rate, inputs)
    rate = monthly_rate(c, inputs)
    hourly = c(hourly_rate, inputs)
    amount = c(monthly_amount, inputs)
    paid = c.value(paid_hours, inputs)
    c.warn(
        "dagpenge_before_tax",
        N_(
            "Dagpenge er skattepligtige; der betales ikke AM-bidrag af dagpenge. Det er a-kassen, "
            "der laver den bindende beregning."
        ),
    )
    month = c(month_hours, inputs)
    return c.result(
        {
            "monthly_rate": rate,
            "monthly_amount": amount,
            "hourly_rate": hourly,
            "paid_hours": money(paid if paid is not None else month),
            "deduction": rate - amount,
        },
        {
            "rate_type": rate_type(c, inputs),
            "insurance": inputs.insurance,
            "first_period": _in_first_period(c, inputs),
        },
    )


SPEC: CalculatorSpec[DagpengeInputs] = CalculatorSpec(
    name="dagpenge",
    title=N_("Dagpenge"),
    english_title="Unemployment benefit (dagpenge)",
    description=N_(
        "Din månedlige dagpengesats, satsen pr. time og hvad du får i en måned, hvor du også "
        "arbejder."
    ),
    fields=input_fields(DagpengeInputs),
    build=builder(DagpengeInputs),
    compute=calculate,
    legal_basis=LAW,
    help_topic="dagpenge_amount",
    audiences=("citizen",),
    main_amounts=(
        MainAmount("monthly_amount", N_("Dagpenge pr. måned før skat"), "kr_per_month"),
        MainAmount("monthly_rate", N_("Din sats for en hel måned uden arbejde"), "kr_per_month"),
        MainAmount("hourly_rate", N_("Sats pr. time"), "kr_per_hour"),
    ),
    not_included=(
        N_("Skat: beløbet er før skat."),
        N_("Hvordan a-kassen opgør din indtægt ud fra dine faktiske lønoplysninger."),
        N_("Om du opfylder betingelserne for dagpenge. Det vurderer a-kassen."),
        N_("Feriedagpenge og fradrag for fx ferie, sygdom eller anden indtægt."),
    ),
)
