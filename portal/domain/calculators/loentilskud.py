"""Løntilskud (wage subsidy) for an employer (lov om en aktiv beskæftigelsesindsats, kap. 12).

* Private employer: a fixed subsidy per paid hour, never more than 50 % of the
  wage (støtteloft, bruttostøtteintensitet 50 % over 12 months). Wage by agreement.
* Public employer (§ 72): the hourly wage is fixed by law (127,90 kr. in
  2019-niveau, regulated with the highest dagpenge rate, so it equals the highest
  dagpenge rate ÷ 160,33 ÷ 0,92: 142,99 kr. in 2025); the weekly hours are set so
  the wage after AM-bidrag is at the level of the person's benefit
  (benefit ÷ 160,33 × 37, part-time insured ÷ 130 × 30, then ÷ 0,92 ÷ hourly wage),
  rounded up to whole hours (§ 72, stk. 4). The subsidy is a fixed amount per hour.
* Conditions: maximum duration (§ 68, nr. 1), the rimelighedskrav (§ 77),
  merbeskæftigelse and the items only the employer can confirm.

The 2025-2026 subsidy amounts per hour were NOT found: the latest known (2023)
amounts are used, flagged as stale in every result.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from portal.domain.calculators.base import (
    ZERO,
    Calc,
    CalculatorSpec,
    JSONValue,
    MainAmount,
    Msg,
    Quantity,
    Result,
    Traced,
    boolean_input,
    builder,
    ceil_to,
    choice_input,
    decimal_input,
    fmt,
    input_fields,
    money,
    msg,
    pct,
    rule,
    year_input,
)
from portal.domain.rates import RateSet
from portal.domain.texts import N_

LAW = "Lov om en aktiv beskæftigelsesindsats"
WEEKS_PER_YEAR = Decimal(52)
ROUNDING_SLACK_HOURS = Decimal("0.01")
MONTHS_PER_YEAR = Decimal(12)


@dataclass(frozen=True)
class LoentilskudInputs:
    """Inputs of the løntilskud calculator - each declared once, here."""

    year: int | None = year_input()
    employer_type: str = choice_input(
        N_("Arbejdsgiver"),
        {"private": N_("Privat"), "public": N_("Offentlig")},
        default="private",
        help=N_(
            "Offentlig omfatter også organisationer, hvis udgifter mindst 50 pct. er offentligt "
            "finansieret."
        ),
    )
    hourly_wage: Decimal | None = decimal_input(
        N_("Personens timeløn"),
        unit="kr_per_hour",
        maximum=10_000,
        required_when=("employer_type", "private"),
        help=N_("Hos en offentlig arbejdsgiver er timelønnen fastsat i loven."),
    )
    hours_per_week: Decimal = decimal_input(
        N_("Timer pr. uge"), unit="hours_per_week", maximum=48, required=True
    )
    weeks: Decimal = decimal_input(
        N_("Antal uger"), unit="weeks", minimum=1, maximum=104, required=True
    )
    target_group: str = choice_input(
        N_("Personen modtager"),
        {
            "dagpenge": N_("Dagpenge"),
            "kontanthjaelp_jobparat": N_("Kontanthjælp, jobparat"),
            "other": N_("En anden ydelse"),
        },
        default="dagpenge",
    )
    ordinary_employees: Decimal = decimal_input(
        N_("Ordinært ansatte (fuldtidspersoner)"),
        unit="persons",
        maximum=1_000_000,
        required=True,
    )
    subsidised_employees: Decimal = decimal_input(
        N_("Personer allerede i løntilskud, virksomhedspraktik eller nytteindsats"),
        unit="persons",
        maximum=1_000_000,
        default=ZERO,
    )
    headcount_last_month: Decimal | None = decimal_input(
        N_("Antal ordinært ansatte sidste måned"), unit="persons", maximum=1_000_000
    )
    headcount_avg_12_months: Decimal | None = decimal_input(
        N_("Gennemsnitligt antal ordinært ansatte de seneste 12 måneder"),
        unit="persons",
        maximum=1_000_000,
    )
    monthly_benefit: Decimal | None = decimal_input(
        N_("Personens ydelse pr. måned"),
        unit="kr_per_month",
        maximum=1_000_000,
        shown_when=("employer_type", "public"),
        help=N_("Bruges til at beregne timetallet: lønnen efter AM-bidrag skal svare til ydelsen."),
    )
    part_time_insured: bool = boolean_input(
        N_("Personen er deltidsforsikret"),
        shown_when=("employer_type", "public"),
        help=N_("Ydelsen regnes om med 130 timer om måneden og 30 timer om ugen."),
    )

    @property
    def public(self) -> bool:
        """A public employer."""
        return self.employer_type == "public"


def allowed_subsidised(
    ordinary: Decimal, per_small: Decimal, small_limit: Decimal, per_large: Decimal
) -> int:
    """Rimelighedskrav: 1 per ``per_small`` ordinary employees up to ``small_limit``, then
    1 per ``per_large``; always at least 1."""
    small = (min(ordinary, small_limit) / per_small).to_integral_value(rounding=ROUND_FLOOR)
    large = (max(ZERO, ordinary - small_limit) / per_large).to_integral_value(rounding=ROUND_FLOOR)
    return max(1, int(small + large))


# --- Named formulas ---------------------------------------------------------


@rule("paid_wage", N_("Timeløn, der udbetales"), "kr_per_hour", f"{LAW} kap. 12")
def paid_wage(c: Calc, i: LoentilskudInputs) -> Traced:
    """Private: the agreed wage. Public: the wage fixed by § 72, stk. 2."""
    if not i.public:
        return Traced(i.hourly_wage or ZERO)
    fixed = c.rate("loentilskud.public_max_hourly_wage")
    if i.hourly_wage is not None and i.hourly_wage != fixed:
        c.warn(
            "public_wage_fixed",
            N_(
                "I offentligt løntilskud er timelønnen fastsat i loven til %(wage)s. Den "
                "indtastede timeløn er ikke brugt."
            ),
            wage=Quantity(fixed, "kr_per_hour"),
        )
    return Traced(
        fixed,
        f"{fmt(c.rate('dagpenge.max_full_time'))} ÷ "
        f"{fmt(c.rate('general.hours_per_month_full_time'))} ÷ 0.92",
        what=N_("Timeløn i offentligt løntilskud (højeste dagpengesats ÷ 160,33 ÷ 0,92)"),
        law=f"{LAW} § 72, stk. 2",
    )


@rule("subsidy_per_hour", N_("Tilskud pr. time"), "kr_per_hour", f"{LAW} kap. 12")
def subsidy_per_hour(c: Calc, i: LoentilskudInputs) -> Traced:
    """Private: min(fixed rate, 50 % of the wage). Public: min(fixed rate, wage)."""
    wage = c(paid_wage, i)
    if i.public:
        rate = c.rate("loentilskud.public_hourly_rate")
        return Traced(
            min(rate, wage),
            f"min({fmt(rate)}, {fmt(wage)})",
            what=N_("Tilskud pr. time (offentlig arbejdsgiver)"),
        )
    rate = c.rate("loentilskud.private_hourly_rate")
    cap_pct = c.rate("loentilskud.private_aid_cap_pct")
    return Traced(
        min(rate, money(wage * pct(cap_pct))),
        f"min({fmt(rate)}, {fmt(cap_pct)} % × {fmt(wage)})",
        what=N_("Tilskud pr. time (privat: den faste sats, højst 50 % af lønnen)"),
        law=f"{LAW} kap. 12; støtteloft 50 %",
    )


@rule(
    "benefit_per_week",
    N_("Ydelsen pr. uge (deltid: ÷ 130 × 30, ellers ÷ 160,33 × 37)"),
    "kr_per_week",
    "star.dk: Beregn arbejdstid i offentligt løntilskud",
)
def benefit_per_week(c: Calc, i: LoentilskudInputs) -> Traced | None:
    """The person's benefit as a weekly amount."""
    if not i.public or i.monthly_benefit is None:
        return None
    sfx = "part_time" if i.part_time_insured else "full_time"
    month = c.rate(f"general.hours_per_month_{sfx}")
    week = c.rate(f"general.weekly_hours_{sfx}")
    return Traced(
        money(i.monthly_benefit / month * week),
        f"{fmt(i.monthly_benefit)} ÷ {fmt(month)} × {fmt(week)}",
    )


@rule(
    "benefit_level_hours",
    N_("Timer pr. uge, der svarer til ydelsen (÷ 0,92 ÷ timeløn, rundet op til hele timer)"),
    "hours_per_week",
    f"{LAW} § 72, stk. 3 og 4",
)
def benefit_level_hours(c: Calc, i: LoentilskudInputs) -> Traced | None:
    """Weekly benefit ÷ (1 − AM-bidrag) ÷ hourly wage, rounded up to whole hours."""
    weekly = c.value(benefit_per_week, i)
    wage = c(paid_wage, i)
    # Below one øre an hour the ratio is meaningless (and overflows Decimal): skip it.
    if weekly is None or wage < Decimal("0.01"):
        return None
    am = c.rate("tax.am_bidrag_pct")
    exact = weekly / (1 - pct(am)) / wage
    # § 72, stk. 4: rounded up to whole hours. The fixed wage is rounded to øre, which can
    # leave a remainder of a thousandth of an hour on a whole number: that is not rounded up.
    hours = ceil_to(exact - ROUNDING_SLACK_HOURS, Decimal(1))
    if abs(i.hours_per_week - hours) >= Decimal(1):
        c.warn(
            "hours_not_at_benefit_level",
            N_("Med denne ydelse skal timetallet være %(hours)s timer om ugen, ikke %(given)s."),
            hours=hours,
            given=i.hours_per_week,
        )
    return Traced(hours, f"⌈{fmt(weekly)} ÷ {fmt(1 - pct(am))} ÷ {fmt(wage)}⌉")


@rule("hours_total", N_("Betalte timer i perioden"), "hours", f"{LAW} kap. 12")
def hours_total(c: Calc, i: LoentilskudInputs) -> Traced:
    """Hours per week × weeks."""
    return Traced(money(i.hours_per_week * i.weeks), f"{fmt(i.hours_per_week)} × {fmt(i.weeks)}")


@rule(
    "subsidy_total",
    N_("Tilskud i perioden"),
    "kr",
    "Bekendtgørelse om en aktiv beskæftigelsesindsats § 88 (tilskud pr. betalt time)",
)
def subsidy_total(c: Calc, i: LoentilskudInputs) -> Traced:
    """Subsidy per hour × paid hours."""
    per_hour, hours = c(subsidy_per_hour, i), i.hours_per_week * i.weeks
    return Traced(money(per_hour * hours), f"{fmt(per_hour)} × {fmt(hours)}")


def wage_total(c: Calc, i: LoentilskudInputs) -> Decimal:
    """The wage for every paid hour."""
    return money(c(paid_wage, i) * i.hours_per_week * i.weeks)


@rule("net_cost", N_("Arbejdsgiverens nettolønudgift (løn minus tilskud)"), "kr", f"{LAW} kap. 12")
def net_cost(c: Calc, i: LoentilskudInputs) -> Traced:
    """Wage minus subsidy for the period."""
    wages, subsidy = wage_total(c, i), c(subsidy_total, i)
    return Traced(wages - subsidy, f"{fmt(wages)} − {fmt(subsidy)}")


@rule(
    "allowed_subsidised",
    N_("Tilladt antal personer i støttede stillinger (rimelighedskravet)"),
    "persons",
    f"{LAW} § 77 (rimeligt forhold mellem ordinært ansatte og personer med støtte)",
)
def allowed(c: Calc, i: LoentilskudInputs) -> Traced:
    """The rimelighedskrav."""
    per_small = c.rate("loentilskud.ratio_employees_per_subsidised_small")
    small_limit = c.rate("loentilskud.ratio_small_limit")
    per_large = c.rate("loentilskud.ratio_employees_per_subsidised_large")
    n = i.ordinary_employees
    return Traced(
        Decimal(allowed_subsidised(n, per_small, small_limit, per_large)),
        f"max(1, ⌊min({fmt(n)}, {fmt(small_limit)}) ÷ {fmt(per_small)}⌋ + "
        f"⌊max(0, {fmt(n)} − {fmt(small_limit)}) ÷ {fmt(per_large)}⌋)",
    )


# --- Conditions checklist ---------------------------------------------------


def _item(code: str, status: str, text: Msg, legal_reference: str) -> dict[str, JSONValue]:
    return {
        "code": code,
        "status": status,
        "text": text.to_dict(),
        "legal_reference": legal_reference,
    }


def checklist(c: Calc, i: LoentilskudInputs) -> list[JSONValue]:
    """The conditions, each met / not met / for the employer to confirm."""
    items: list[JSONValue] = []
    months = c.rate(
        "loentilskud.max_months_public" if i.public else "loentilskud.max_months_private"
    )
    max_weeks = max_weeks_for(c, i)
    employer = N_("offentlig") if i.public else N_("privat")
    if i.target_group in ("dagpenge", "kontanthjaelp_jobparat"):
        items.append(
            _item(
                "duration",
                "met" if i.weeks <= max_weeks else "not_met",
                msg(
                    N_(
                        "Højst %(months)s måneder (ca. %(weeks)s uger) hos en %(employer)s "
                        "arbejdsgiver; %(planned)s uger planlagt."
                    ),
                    months=months,
                    weeks=max_weeks,
                    employer=Msg(employer),
                    planned=i.weeks,
                ),
                f"{LAW} § 68, nr. 1",
            )
        )
    else:
        items.append(
            _item(
                "duration",
                "employer_must_confirm",
                msg(
                    N_(
                        "Andre grupper kan have længere perioder (fx 12 måneder); kommunen "
                        "afgør det."
                    )
                ),
                f"{LAW} § 68",
            )
        )
    allowed_n = c(allowed, i)
    after = i.subsidised_employees + 1
    items.append(
        _item(
            "reasonable_ratio",
            "met" if after <= allowed_n else "not_met",
            msg(
                N_(
                    "Med denne person vil der være %(after)s i støttede stillinger; %(allowed)s "
                    "tilladt ved %(employees)s ordinært ansatte."
                ),
                after=after,
                allowed=allowed_n,
                employees=i.ordinary_employees,
            ),
            f"{LAW} § 77",
        )
    )
    if i.headcount_last_month is not None and i.headcount_avg_12_months is not None:
        ok = i.headcount_last_month >= i.headcount_avg_12_months
        items.append(
            _item(
                "net_job_creation",
                "met" if ok else "not_met",
                msg(
                    N_(
                        "Antal ordinært ansatte sidste måned (%(last)s) skal være mindst "
                        "gennemsnittet for 12 måneder (%(average)s)."
                    ),
                    last=i.headcount_last_month,
                    average=i.headcount_avg_12_months,
                ),
                f"{LAW} kap. 12 (merbeskæftigelseskravet)",
            )
        )
    else:
        items.append(
            _item(
                "net_job_creation",
                "employer_must_confirm",
                msg(
                    N_(
                        "Bekræft merbeskæftigelse: antal ordinært ansatte sidste måned er mindst "
                        "gennemsnittet for de seneste 12 måneder."
                    )
                ),
                f"{LAW} kap. 12 (merbeskæftigelseskravet)",
            )
        )
    for code, text, ref in (
        (
            "no_replacement",
            N_(
                "Bekræft, at stillingen ikke erstatter en, der er afskediget eller fratrådt "
                "inden for de seneste 3 måneder."
            ),
            f"{LAW} kap. 12 (merbeskæftigelseskravet)",
        ),
        (
            "agreed_terms",
            N_(
                "Bekræft, at løn- og arbejdsvilkår følger overenskomsten eller det sædvanlige "
                "for arbejdet."
            ),
            f"{LAW} §§ 71-72",
        ),
        (
            "staff_consulted",
            N_(
                "Bekræft, at stillingen er drøftet med en repræsentant for de ansatte før "
                "ansættelsen."
            ),
            f"{LAW} § 78",
        ),
        (
            "prior_unemployment",
            N_(
                "Kommunen kontrollerer, at personen har været ledig i ca. 6 måneder (gælder ikke "
                "fra 50 år, for enlige forsørgere eller personer uden uddannelse)."
            ),
            f"{LAW} kap. 12",
        ),
    ):
        items.append(_item(code, "employer_must_confirm", msg(text), ref))
    if not i.public:
        items.append(
            _item(
                "aid_cap",
                "met",
                msg(N_("Tilskuddet er højst 50 % af timelønnen (støtteloftet over 12 måneder).")),
                "Støtteloft (bruttostøtteintensitet 50 %)",
            )
        )
    return items


def max_weeks_for(c: Calc, i: LoentilskudInputs) -> Decimal:
    """The longest period in weeks: a month is 52/12 weeks (6 months = 26 weeks)."""
    months = c.rate(
        "loentilskud.max_months_public" if i.public else "loentilskud.max_months_private"
    )
    return money(months * WEEKS_PER_YEAR / MONTHS_PER_YEAR)


def calculate(inputs: LoentilskudInputs, rates: RateSet) -> Result:
    """Subsidy per hour and in total, the employer's net cost and a checklist."""
    c = Calc("loentilskud", rates)
    wage = c(paid_wage, inputs)
    per_hour = c(subsidy_per_hour, inputs)
    hours_at_level = c.value(benefit_level_hours, inputs)
    c.warn(
        "stale_hourly_rate",
        N_(
            "Tilskuddet pr. time for %(year)s er ikke fundet; satsen fra 2023 er brugt. Den "
            "rigtige sats er højere."
        ),
        year=str(c.rates.year),
    )
    hours = c(hours_total, inputs)
    subsidy = c(subsidy_total, inputs)
    cost = c(net_cost, inputs)
    items = checklist(c, inputs)
    must_confirm = [
        item["code"]
        for item in items
        if isinstance(item, dict) and item.get("status") == "employer_must_confirm"
    ]
    amounts = {
        "subsidy_per_hour": per_hour,
        "wage_per_hour": wage,
        "net_cost_per_hour": wage - per_hour,
        "hours_total": hours,
        "wage_total": wage_total(c, inputs),
        "subsidy_total": subsidy,
        "net_cost_total": cost,
        "allowed_subsidised": c(allowed, inputs),
        "max_weeks": max_weeks_for(c, inputs),
    }
    if hours_at_level is not None:
        amounts["benefit_level_hours"] = hours_at_level
    return c.result(
        amounts,
        {
            "employer_type": inputs.employer_type,
            "checklist": items,
            "employer_must_confirm": must_confirm,
            "no_condition_failed": all(
                isinstance(item, dict) and item.get("status") != "not_met" for item in items
            ),
        },
    )


SPEC: CalculatorSpec[LoentilskudInputs] = CalculatorSpec(
    name="loentilskud",
    title=N_("Løntilskud for arbejdsgivere"),
    english_title="Wage subsidy for employers (løntilskud)",
    description=N_(
        "Tilskuddet pr. time og i alt, din nettoudgift og de betingelser, I skal opfylde."
    ),
    fields=input_fields(LoentilskudInputs),
    build=builder(LoentilskudInputs),
    compute=calculate,
    legal_basis=LAW,
    help_topic="wage_subsidy",
    audiences=("employer",),
    main_amounts=(
        MainAmount("subsidy_per_hour", N_("Tilskud pr. time"), "kr_per_hour"),
        MainAmount("subsidy_total", N_("Tilskud i alt"), "kr"),
        MainAmount("net_cost_total", N_("Jeres nettoudgift i alt"), "kr"),
        MainAmount(
            "allowed_subsidised", N_("Personer I højst kan have ansat med løntilskud"), "persons"
        ),
    ),
    not_included=(
        N_("Pension, ATP og andre lønomkostninger ud over timelønnen."),
        N_("Om personen er i målgruppen for løntilskud. Det vurderer kommunen."),
        N_("Om kravet om merbeskæftigelse er opfyldt. Det vurderer kommunen."),
        N_("Tilskud efter andre ordninger, fx fleksjob eller voksenlærling."),
    ),
)
