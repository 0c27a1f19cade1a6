"""Arbejdsløshedsdagpenge: monthly rate, hourly rate and supplementary dagpenge.

Rules encoded (lov om arbejdsløshedsforsikring m.v.):

* Income-based rate: 90 % of the monthly income after the 8 % AM-bidrag,
  at most the maximum (§ 47 full time, § 70 part time). Rounded down to whole
  kroner so the 90 % limit is never exceeded.
* Beskæftigelsestillæg (§ 48, stk. 8): while fewer than 481 (part time 390)
  dagpenge hours are used, the maximum is 118,86 % of the normal maximum, if
  the person meets the conditions (4 years' membership, work in 2 of 3 years);
  the 90 % limit still applies.
* Dimittend (§ 49, stk. 5): a fixed rate, 82 % of the maximum with
  forsørgerpligt; without it 71,5 % for the first 481 (390) hours and then
  62,11 % (aged 30+) or 49,17 % (under 30).
* Unge under 25 (§ 52 a): without a qualifying education and without 3.848
  paid hours in the last 3 years, the rate is cut to 50 % of the maximum after
  962 (part time 780) dagpenge hours.
* Supplementary dagpenge: the month is 160,33 hours (part time 130); each
  hour worked removes one hour of dagpenge.
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
    boolean,
    dec,
    floor_kroner,
    fmt,
    integer,
    money,
    opt_dec,
    opt_int,
    pct,
    text,
    whole_kroner,
    year_field,
)
from portal.domain.rates import RateSet

LAW = "Lov om arbejdsløshedsforsikring m.v."
YOUTH_AGE_LIMIT = 25
GRADUATE_AGE_LIMIT = 30


@dataclass(frozen=True)
class DagpengeInputs:
    """Inputs of the dagpenge calculator."""

    year: int
    insurance: str
    monthly_income: Decimal | None = None
    graduate: bool = False
    provider: bool = False
    age: int | None = None
    employment_supplement: bool = False
    hours_worked: Decimal = ZERO
    hours_received: Decimal = ZERO
    has_education: bool = False
    worked_3848_hours: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    year_field(),
    FieldSpec(
        "insurance",
        "choice",
        Text("Insurance", "Forsikring"),
        required=True,
        default="full_time",
        choices=("full_time", "part_time"),
        choice_labels={
            "full_time": Text("Full-time insured", "Fuldtidsforsikret"),
            "part_time": Text("Part-time insured", "Deltidsforsikret"),
        },
    ),
    FieldSpec(
        "monthly_income",
        "decimal",
        Text("Monthly income before AM-bidrag", "Månedsindkomst før AM-bidrag"),
        minimum=ZERO,
        maximum=Decimal(10_000_000),
        unit="kr_per_month",
        help=Text(
            "Average of the 12 best months in the last 24, before the 8 % labour-market "
            "contribution. Not used for graduates.",
            "Gennemsnit af de 12 bedste måneder inden for de seneste 24, før 8 % "
            "arbejdsmarkedsbidrag. Bruges ikke for dimittender.",
        ),
    ),
    FieldSpec(
        "graduate",
        "boolean",
        Text("Newly graduated (dimittend)", "Nyuddannet (dimittend)"),
        default=False,
    ),
    FieldSpec(
        "provider",
        "boolean",
        Text("Has children to support (forsørgerpligt)", "Har forsørgerpligt over for børn"),
        default=False,
    ),
    FieldSpec(
        "age",
        "integer",
        Text("Age", "Alder"),
        minimum=Decimal(15),
        maximum=Decimal(80),
        unit="years",
        help=Text(
            "Needed for graduates without children after 481 hours, and for the rules for people "
            "under 25.",
            "Skal bruges for dimittender uden børn efter 481 timer og for reglerne for unge "
            "under 25.",
        ),
    ),
    FieldSpec(
        "employment_supplement",
        "boolean",
        Text(
            "Meets the conditions for beskæftigelsestillæg",
            "Opfylder betingelserne for beskæftigelsestillæg",
        ),
        default=False,
        help=Text(
            "4 years' uninterrupted a-kasse membership and work in 2 of the last 3 years. Paid "
            "in the first 481 dagpenge hours.",
            "4 års uafbrudt medlemskab af en a-kasse og arbejde i 2 af de seneste 3 år. Gives de "
            "første 481 dagpengetimer.",
        ),
    ),
    FieldSpec(
        "hours_worked",
        "decimal",
        Text("Hours worked this month", "Arbejdstimer i måneden"),
        default=ZERO,
        minimum=ZERO,
        maximum=Decimal(400),
        unit="hours",
        help=Text(
            "For supplementary dagpenge: each hour worked removes one hour of dagpenge.",
            "Supplerende dagpenge: hver arbejdstime trækker én dagpengetime fra.",
        ),
    ),
    FieldSpec(
        "hours_received",
        "decimal",
        Text(
            "Dagpenge hours already received in this period",
            "Dagpengetimer, du allerede har fået i perioden",
        ),
        default=ZERO,
        minimum=ZERO,
        maximum=Decimal(10_000),
        unit="hours",
    ),
    FieldSpec(
        "has_education",
        "boolean",
        Text("Has a vocational or higher education", "Har en erhvervskompetencegivende uddannelse"),
        default=False,
        help=Text("Only used for people under 25.", "Bruges kun for personer under 25 år."),
    ),
    FieldSpec(
        "worked_3848_hours",
        "boolean",
        Text(
            "Has 3,848 paid hours in the last 3 years",
            "Har 3.848 løntimer inden for de seneste 3 år",
        ),
        default=False,
        help=Text("Only used for people under 25.", "Bruges kun for personer under 25 år."),
    ),
)


def build(values: dict[str, FieldValue]) -> DagpengeInputs:
    """Typed inputs; the income is required unless the person is a graduate."""
    graduate = boolean(values, "graduate")
    income = opt_dec(values, "monthly_income")
    if not graduate and income is None:
        raise CalculatorValidationError({"monthly_income": FieldError("required")})
    return DagpengeInputs(
        year=integer(values, "year"),
        insurance=text(values, "insurance"),
        monthly_income=income,
        graduate=graduate,
        provider=boolean(values, "provider"),
        age=opt_int(values, "age"),
        employment_supplement=boolean(values, "employment_supplement"),
        hours_worked=dec(values, "hours_worked"),
        hours_received=dec(values, "hours_received"),
        has_education=boolean(values, "has_education"),
        worked_3848_hours=boolean(values, "worked_3848_hours"),
    )


def calculate(inputs: DagpengeInputs, rates: RateSet) -> Result:
    """Monthly dagpenge, hourly rate and supplementary dagpenge for ``inputs``."""
    c = Calc("dagpenge", rates)
    full = inputs.insurance == "full_time"
    sfx = "full_time" if full else "part_time"
    month_hours = c.rate(f"general.hours_per_month_{sfx}")
    c.step(
        "month_hours",
        Text("Dagpenge hours in a full month", "Dagpengetimer i en hel måned"),
        month_hours,
        "hours",
        f"{LAW} § 47, stk. 2" if full else f"{LAW} § 70",
    )
    higher_hours = c.rate(f"dagpenge.higher_rate_hours_{sfx}")
    in_first_period = inputs.hours_received < higher_hours
    max_rate = c.rate(f"dagpenge.max_{sfx}")
    c.step(
        "max_rate",
        Text("Highest dagpenge rate", "Højeste dagpengesats"),
        max_rate,
        "kr_per_month",
        f"{LAW} § 47" if full else f"{LAW} § 70",
    )

    rate_type: str
    if inputs.graduate:
        rate, rate_type = _graduate_rate(c, inputs, sfx, in_first_period, higher_hours)
    else:
        rate, rate_type = _income_rate(c, inputs, sfx, max_rate, in_first_period, higher_hours)

    rate, rate_type = _youth_rule(c, inputs, sfx, rate, rate_type)

    hourly_rate = money(rate / month_hours)
    c.step(
        "hourly_rate",
        Text("Dagpenge per hour", "Dagpenge pr. time"),
        hourly_rate,
        "kr_per_hour",
        f"{LAW} § 47, stk. 2",
        f"{fmt(rate)} ÷ {fmt(month_hours)}",
    )

    worked = inputs.hours_worked
    paid_hours = max(ZERO, month_hours - worked)
    if worked > 0:
        c.step(
            "paid_hours",
            Text(
                "Dagpenge hours paid this month (month minus hours worked)",
                "Dagpengetimer i måneden (måned minus arbejdstimer)",
            ),
            paid_hours,
            "hours",
            f"{LAW} kap. 10 (supplerende dagpenge)",
            f"{fmt(month_hours)} − {fmt(worked)}",
        )
    if worked >= month_hours:
        c.warn(
            "no_supplementary_dagpenge",
            Text(
                "With {hours} hours of work in the month there are no supplementary dagpenge.",
                "Med {hours} arbejdstimer i måneden er der ingen supplerende dagpenge.",
            ),
            hours=fmt(worked),
        )
    monthly_amount = whole_kroner(rate * paid_hours / month_hours)
    c.step(
        "monthly_amount",
        Text("Dagpenge this month", "Dagpenge i måneden"),
        monthly_amount,
        "kr_per_month",
        f"{LAW} § 47",
        f"{fmt(rate)} × {fmt(paid_hours)} ÷ {fmt(month_hours)}" if worked > 0 else None,
    )
    c.warn(
        "dagpenge_before_tax",
        Text(
            "Dagpenge are taxable; no AM-bidrag is paid on dagpenge. The a-kasse makes the "
            "binding calculation.",
            "Dagpenge er skattepligtige; der betales ikke AM-bidrag af dagpenge. Det er "
            "a-kassen, der laver den bindende beregning.",
        ),
    )
    return c.result(
        {
            "monthly_rate": rate,
            "monthly_amount": monthly_amount,
            "hourly_rate": hourly_rate,
            "paid_hours": money(paid_hours),
            "deduction": rate - monthly_amount,
        },
        {"rate_type": rate_type, "insurance": inputs.insurance, "first_period": in_first_period},
    )


def _income_rate(
    c: Calc,
    inputs: DagpengeInputs,
    sfx: str,
    max_rate: Decimal,
    in_first_period: bool,
    higher_hours: Decimal,
) -> tuple[Decimal, str]:
    income = inputs.monthly_income if inputs.monthly_income is not None else ZERO
    am_pct = c.rate("tax.am_bidrag_pct")
    after_am_exact = income * (1 - pct(am_pct))
    after_am = money(after_am_exact)
    c.step(
        "income_after_am",
        Text("Income after the 8 % AM-bidrag", "Indkomst efter 8 % AM-bidrag"),
        after_am,
        "kr_per_month",
        "Arbejdsmarkedsbidragsloven § 1",
        f"{fmt(income)} × (1 − {fmt(am_pct)} %)",
    )
    replacement = c.rate("dagpenge.replacement_pct")
    ninety_exact = after_am_exact * pct(replacement)
    ninety = money(ninety_exact)
    c.step(
        "ninety_percent",
        Text("90 % of the income after AM-bidrag", "90 % af indkomsten efter AM-bidrag"),
        ninety,
        "kr_per_month",
        f"{LAW} kap. 9 (beregning af dagpengesatsen)",
        f"{fmt(after_am)} × {fmt(replacement)} %",
    )
    cap = max_rate
    cap_type = "max"
    if inputs.employment_supplement:
        if in_first_period:
            cap = c.rate(f"dagpenge.max_{sfx}_with_supplement")
            cap_type = "max_with_employment_supplement"
            c.step(
                "employment_supplement_cap",
                Text(
                    "Highest rate with beskæftigelsestillæg (first {hours} hours)",
                    "Højeste sats med beskæftigelsestillæg (de første {hours} timer)",
                ).format(hours=fmt(higher_hours)),
                cap,
                "kr_per_month",
                f"{LAW} § 48, stk. 8",
                f"{fmt(max_rate)} × {fmt(c.rate('dagpenge.employment_supplement_pct'))} %",
            )
        else:
            c.warn(
                "employment_supplement_period_over",
                Text(
                    "The beskæftigelsestillæg is only paid for the first {hours} dagpenge hours.",
                    "Beskæftigelsestillægget gives kun de første {hours} dagpengetimer.",
                ),
                hours=fmt(higher_hours),
            )
    # Compare and round the unrounded amount: the rate never exceeds 90 %.
    if ninety_exact >= cap:
        rate = cap
        rate_type = cap_type
    else:
        rate = floor_kroner(ninety_exact)
        rate_type = "income_based"
    c.step(
        "monthly_rate",
        Text(
            "Monthly dagpenge rate (the lower of the two)",
            "Månedlig dagpengesats (den laveste af de to)",
        ),
        rate,
        "kr_per_month",
        f"{LAW} § 47 og § 48",
        f"min({fmt(ninety)}, {fmt(cap)})",
    )
    return rate, rate_type


def _graduate_rate(
    c: Calc, inputs: DagpengeInputs, sfx: str, in_first_period: bool, higher_hours: Decimal
) -> tuple[Decimal, str]:
    ref = f"{LAW} § 49, stk. 5"
    if inputs.provider:
        key, rate_type = f"dagpenge.graduate_provider_{sfx}", "graduate_provider"
        what = Text(
            "Graduate rate with children to support (82 %)",
            "Dimittendsats med forsørgerpligt (82 %)",
        )
    elif in_first_period:
        key, rate_type = f"dagpenge.graduate_{sfx}", "graduate"
        what = Text(
            "Graduate rate without children, first {hours} hours (71.5 %)",
            "Dimittendsats uden forsørgerpligt, de første {hours} timer (71,5 %)",
        ).format(hours=fmt(higher_hours))
    else:
        if inputs.age is None:
            raise CalculatorValidationError({"age": FieldError("required")})
        ref = f"{LAW} § 49, stk. 5, 2. pkt."
        if inputs.age >= GRADUATE_AGE_LIMIT:
            key, rate_type = f"dagpenge.graduate_later_30_plus_{sfx}", "graduate_later_30_plus"
            what = Text(
                "Graduate rate without children after {hours} hours, aged 30 or over (62.11 %)",
                "Dimittendsats uden forsørgerpligt efter {hours} timer, 30 år og derover (62,11 %)",
            ).format(hours=fmt(higher_hours))
        else:
            key, rate_type = f"dagpenge.graduate_later_under_30_{sfx}", "graduate_later_under_30"
            what = Text(
                "Graduate rate without children after {hours} hours, under 30 (49.17 %)",
                "Dimittendsats uden forsørgerpligt efter {hours} timer, under 30 år (49,17 %)",
            ).format(hours=fmt(higher_hours))
    rate = c.rate(key)
    c.step("graduate_rate", what, rate, "kr_per_month", ref)
    if inputs.employment_supplement:
        c.warn(
            "graduate_no_employment_supplement",
            Text(
                "Graduates on the dimittend rate do not get the beskæftigelsestillæg; it was not "
                "added.",
                "Dimittender på dimittendsats får ikke beskæftigelsestillæg; det er ikke lagt til.",
            ),
        )
    if inputs.monthly_income is not None:
        c.warn(
            "graduate_income_not_used",
            Text(
                "The graduate rate is fixed; the income entered was not used.",
                "Dimittendsatsen er fast; den indtastede indkomst er ikke brugt.",
            ),
        )
    return rate, rate_type


def _youth_rule(
    c: Calc, inputs: DagpengeInputs, sfx: str, rate: Decimal, rate_type: str
) -> tuple[Decimal, str]:
    youth_hours = c.rate(f"dagpenge.youth_hours_{sfx}")
    if inputs.age is None:
        if inputs.hours_received >= youth_hours:
            c.warn(
                "youth_rule_not_checked",
                Text(
                    "Age not given: the rules for people under 25 (50 % after {hours} hours) "
                    "were not checked.",
                    "Alder ikke oplyst: reglerne for unge under 25 (50 % efter {hours} timer) er "
                    "ikke kontrolleret.",
                ),
                hours=fmt(youth_hours),
            )
        return rate, rate_type
    if inputs.age >= YOUTH_AGE_LIMIT or inputs.hours_received < youth_hours:
        return rate, rate_type
    if inputs.has_education or inputs.worked_3848_hours:
        c.warn(
            "youth_activation_rate",
            Text(
                "Under 25: during activation of 4 weeks or more a lower rate may apply (not "
                "calculated).",
                "Under 25 år: under aktivering på 4 uger eller mere kan en lavere sats gælde "
                "(ikke beregnet).",
            ),
        )
        return rate, rate_type
    youth = c.rate(f"dagpenge.youth_{sfx}")
    new_rate = min(rate, youth)
    c.step(
        "youth_rate",
        Text(
            "Under 25 without education or 3,848 paid hours, after {hours} hours: at most 50 % "
            "of the highest rate",
            "Under 25 år uden uddannelse eller 3.848 løntimer, efter {hours} timer: højst 50 % "
            "af højeste sats",
        ).format(hours=fmt(youth_hours)),
        new_rate,
        "kr_per_month",
        f"{LAW} § 52 a, stk. 2",
        f"min({fmt(rate)}, {fmt(youth)})",
    )
    return new_rate, ("youth" if new_rate < rate else rate_type)


SPEC: CalculatorSpec[DagpengeInputs] = CalculatorSpec(
    name="dagpenge",
    title=Text("Unemployment benefit (dagpenge)", "Dagpenge"),
    description=Text(
        "Your monthly dagpenge rate, the rate per hour and what you get in a month where you "
        "also work.",
        "Din månedlige dagpengesats, satsen pr. time og hvad du får i en måned, hvor du også "
        "arbejder.",
    ),
    fields=FIELDS,
    build=build,
    compute=calculate,
    legal_basis=LAW,
)
