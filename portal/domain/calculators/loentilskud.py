"""Løntilskud (wage subsidy) for an employer (LAB kapitel 12).

* Private employer: a fixed subsidy per paid hour, but never more than 50 %
  of the wage (støtteloft / bruttostøtteintensitet 50 %). Wage by agreement.
* Public employer: the wage is the agreed hourly wage, at most a fixed hourly
  rate; the subsidy is a fixed amount per hour (never more than the wage).
  The weekly hours are set so the weekly wage is at the level of the person's
  benefit divided by 0,92 (star.dk method), which is checked if the benefit is
  given.
* Conditions: maximum duration (6 months private, 4 months public for dagpenge
  and jobparate kontanthjælp recipients, § 68, nr. 1), the rimelighedskrav
  (1 person per 5 ordinary employees up to 50, then 1 per 10; always at least
  1), merbeskæftigelse (net job creation) and the items only the employer can
  confirm.

The 2025 and 2026 hourly rates were NOT found: the latest known (2023) rates
are used and flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from portal.domain.calculators.base import (
    ZERO,
    Calc,
    CalculatorSpec,
    FieldSpec,
    FieldValue,
    JSONValue,
    Result,
    Text,
    dec,
    fmt,
    integer,
    money,
    opt_dec,
    pct,
    text,
    year_field,
)
from portal.domain.rates import RateSet

LAW = "Lov om en aktiv beskæftigelsesindsats"
WEEKS_PER_YEAR = Decimal(52)
MONTHS_PER_YEAR = Decimal(12)


@dataclass(frozen=True)
class LoentilskudInputs:
    """Inputs of the løntilskud calculator."""

    year: int
    employer_type: str
    hourly_wage: Decimal
    hours_per_week: Decimal
    weeks: Decimal
    target_group: str = "dagpenge"
    ordinary_employees: Decimal = ZERO
    subsidised_employees: Decimal = ZERO
    headcount_last_month: Decimal | None = None
    headcount_avg_12_months: Decimal | None = None
    monthly_benefit: Decimal | None = None


FIELDS: tuple[FieldSpec, ...] = (
    year_field(),
    FieldSpec(
        "employer_type",
        "choice",
        Text("Employer", "Arbejdsgiver"),
        required=True,
        default="private",
        choices=("private", "public"),
        choice_labels={"private": Text("Private", "Privat"), "public": Text("Public", "Offentlig")},
        help=Text(
            "Public includes organisations whose costs are at least 50 % publicly funded.",
            "Offentlig omfatter også organisationer, hvis udgifter mindst 50 % er offentligt "
            "finansieret.",
        ),
    ),
    FieldSpec(
        "hourly_wage",
        "decimal",
        Text("The person's hourly wage", "Personens timeløn"),
        required=True,
        minimum=ZERO,
        maximum=Decimal(10_000),
        unit="kr_per_hour",
    ),
    FieldSpec(
        "hours_per_week",
        "decimal",
        Text("Hours per week", "Timer pr. uge"),
        required=True,
        minimum=ZERO,
        maximum=Decimal(48),
        unit="hours_per_week",
    ),
    FieldSpec(
        "weeks",
        "decimal",
        Text("Number of weeks", "Antal uger"),
        required=True,
        minimum=Decimal(1),
        maximum=Decimal(104),
        unit="weeks",
    ),
    FieldSpec(
        "target_group",
        "choice",
        Text("The person receives", "Personen modtager"),
        default="dagpenge",
        choices=("dagpenge", "kontanthjaelp_jobparat", "other"),
        choice_labels={
            "dagpenge": Text("Dagpenge", "Dagpenge"),
            "kontanthjaelp_jobparat": Text("Kontanthjælp, job-ready", "Kontanthjælp, jobparat"),
            "other": Text("Another benefit", "En anden ydelse"),
        },
    ),
    FieldSpec(
        "ordinary_employees",
        "decimal",
        Text("Ordinary employees (full-time equivalents)", "Ordinært ansatte (fuldtidspersoner)"),
        required=True,
        minimum=ZERO,
        maximum=Decimal(1_000_000),
        unit="persons",
    ),
    FieldSpec(
        "subsidised_employees",
        "decimal",
        Text(
            "People already in løntilskud, virksomhedspraktik or nytteindsats",
            "Personer allerede i løntilskud, virksomhedspraktik eller nytteindsats",
        ),
        default=ZERO,
        minimum=ZERO,
        maximum=Decimal(1_000_000),
        unit="persons",
    ),
    FieldSpec(
        "headcount_last_month",
        "decimal",
        Text(
            "Ordinary headcount last month (optional)",
            "Antal ordinært ansatte sidste måned (valgfri)",
        ),
        minimum=ZERO,
        maximum=Decimal(1_000_000),
        unit="persons",
    ),
    FieldSpec(
        "headcount_avg_12_months",
        "decimal",
        Text(
            "Average ordinary headcount, last 12 months (optional)",
            "Gennemsnitligt antal ordinært ansatte de seneste 12 måneder (valgfri)",
        ),
        minimum=ZERO,
        maximum=Decimal(1_000_000),
        unit="persons",
    ),
    FieldSpec(
        "monthly_benefit",
        "decimal",
        Text(
            "The person's benefit per month (public employer, optional)",
            "Personens ydelse pr. måned (offentlig arbejdsgiver, valgfri)",
        ),
        minimum=ZERO,
        maximum=Decimal(1_000_000),
        unit="kr_per_month",
        shown_when=("employer_type", "public"),
        help=Text(
            "Used to check the weekly hours: the weekly wage must be at the level of the benefit.",
            "Bruges til at kontrollere timetallet: ugelønnen skal svare til ydelsen.",
        ),
    ),
)


def build(values: dict[str, FieldValue]) -> LoentilskudInputs:
    """Typed inputs."""
    return LoentilskudInputs(
        year=integer(values, "year"),
        employer_type=text(values, "employer_type"),
        hourly_wage=dec(values, "hourly_wage"),
        hours_per_week=dec(values, "hours_per_week"),
        weeks=dec(values, "weeks"),
        target_group=text(values, "target_group"),
        ordinary_employees=dec(values, "ordinary_employees"),
        subsidised_employees=dec(values, "subsidised_employees"),
        headcount_last_month=opt_dec(values, "headcount_last_month"),
        headcount_avg_12_months=opt_dec(values, "headcount_avg_12_months"),
        monthly_benefit=opt_dec(values, "monthly_benefit"),
    )


def allowed_subsidised(
    ordinary: Decimal, per_small: Decimal, small_limit: Decimal, per_large: Decimal
) -> int:
    """Rimelighedskrav: the number of people in subsidised positions allowed.

    1 per ``per_small`` ordinary employees up to ``small_limit``, then 1 per
    ``per_large``; always at least 1.
    """
    small = (min(ordinary, small_limit) / per_small).to_integral_value(rounding=ROUND_FLOOR)
    large = (max(ZERO, ordinary - small_limit) / per_large).to_integral_value(rounding=ROUND_FLOOR)
    return max(1, int(small + large))


def _item(code: str, status: str, what: Text, legal_reference: str) -> dict[str, JSONValue]:
    return {
        "code": code,
        "status": status,
        "text": dict[str, JSONValue](what.to_dict()),
        "legal_reference": legal_reference,
    }


def calculate(inputs: LoentilskudInputs, rates: RateSet) -> Result:
    """Subsidy per hour and in total, the employer's net cost and a checklist."""
    c = Calc("loentilskud", rates)
    public = inputs.employer_type == "public"
    wage = inputs.hourly_wage
    benefit_hours: Decimal | None = None
    if public:
        max_wage = c.rate("loentilskud.public_max_hourly_wage")
        paid_wage = min(wage, max_wage)
        c.step(
            "paid_wage",
            Text(
                "Hourly wage paid (public: at most the fixed rate)",
                "Timeløn der udbetales (offentlig: højst den faste sats)",
            ),
            paid_wage,
            "kr_per_hour",
            f"{LAW} kap. 12",
            f"min({fmt(wage)}, {fmt(max_wage)})",
        )
        if wage > max_wage:
            c.warn(
                "public_wage_capped",
                Text(
                    "In public løntilskud the wage per hour is at most {max} kr.; the hours are "
                    "set so the pay matches the person's benefit.",
                    "I offentligt løntilskud er timelønnen højst {max} kr.; timetallet "
                    "fastsættes, så lønnen svarer til personens ydelse.",
                ),
                max=fmt(max_wage),
            )
        rate = c.rate("loentilskud.public_hourly_rate")
        subsidy_h = min(rate, paid_wage)
        c.step(
            "subsidy_per_hour",
            Text("Subsidy per hour (public employer)", "Tilskud pr. time (offentlig arbejdsgiver)"),
            subsidy_h,
            "kr_per_hour",
            f"{LAW} kap. 12",
            f"min({fmt(rate)}, {fmt(paid_wage)})",
        )
        # Below one øre an hour the ratio is meaningless (and overflows Decimal): skip it.
        if inputs.monthly_benefit is not None and paid_wage >= Decimal("0.01"):
            month_hours = c.rate("general.hours_per_month_full_time")
            am = c.rate("tax.am_bidrag_pct")
            weekly = inputs.monthly_benefit / month_hours * 37 / (1 - pct(am))
            benefit_hours = (weekly / paid_wage).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
            c.step(
                "benefit_level_hours",
                Text(
                    "Weekly hours that match the benefit (benefit ÷ 160.33 × 37 ÷ 0.92 ÷ hourly "
                    "wage)",
                    "Ugentlige timer, der svarer til ydelsen (ydelse ÷ 160,33 × 37 ÷ 0,92 ÷ "
                    "timeløn)",
                ),
                benefit_hours,
                "hours_per_week",
                "star.dk: Beregn arbejdstid i offentligt løntilskud",
                f"{fmt(inputs.monthly_benefit)} ÷ {fmt(month_hours)} × 37 ÷ {fmt(1 - pct(am))} ÷ "
                f"{fmt(paid_wage)}",
            )
            if abs(inputs.hours_per_week - benefit_hours) > Decimal("0.5"):
                c.warn(
                    "hours_not_at_benefit_level",
                    Text(
                        "With this benefit the weekly hours should be about {hours}, not {given}.",
                        "Med denne ydelse bør timetallet være ca. {hours} om ugen, ikke {given}.",
                    ),
                    hours=fmt(benefit_hours),
                    given=fmt(inputs.hours_per_week),
                )
    else:
        paid_wage = wage
        rate = c.rate("loentilskud.private_hourly_rate")
        cap_pct = c.rate("loentilskud.private_aid_cap_pct")
        cap = money(wage * pct(cap_pct))
        subsidy_h = min(rate, cap)
        c.step(
            "subsidy_per_hour",
            Text(
                "Subsidy per hour (private: the fixed rate, at most 50 % of the wage)",
                "Tilskud pr. time (privat: den faste sats, højst 50 % af lønnen)",
            ),
            subsidy_h,
            "kr_per_hour",
            f"{LAW} kap. 12; støtteloft 50 %",
            f"min({fmt(rate)}, {fmt(cap_pct)} % × {fmt(wage)})",
        )
    c.warn(
        "stale_hourly_rate",
        Text(
            "The hourly subsidy for {year} was not found; the 2023 rate is used. The real rate "
            "is higher.",
            "Timetilskuddet for {year} er ikke fundet; 2023-satsen er brugt. Den rigtige sats er "
            "højere.",
        ),
        year=str(inputs.year),
    )

    hours_total = inputs.hours_per_week * inputs.weeks
    wage_total = money(paid_wage * hours_total)
    subsidy_total = money(subsidy_h * hours_total)
    net_cost = wage_total - subsidy_total
    c.step(
        "hours_total",
        Text("Paid hours in the period", "Betalte timer i perioden"),
        money(hours_total),
        "hours",
        f"{LAW} kap. 12",
        f"{fmt(inputs.hours_per_week)} × {fmt(inputs.weeks)}",
    )
    c.step(
        "subsidy_total",
        Text("Subsidy in the period", "Tilskud i perioden"),
        subsidy_total,
        "kr",
        "Bekendtgørelse om en aktiv beskæftigelsesindsats § 88 (tilskud pr. betalt time)",
        f"{fmt(subsidy_h)} × {fmt(hours_total)}",
    )
    c.step(
        "net_cost",
        Text(
            "Employer's net wage cost (wage minus subsidy)",
            "Arbejdsgiverens nettolønudgift (løn minus tilskud)",
        ),
        net_cost,
        "kr",
        f"{LAW} kap. 12",
        f"{fmt(wage_total)} − {fmt(subsidy_total)}",
    )

    checklist: list[JSONValue] = []
    # Duration
    months = c.rate("loentilskud.max_months_public" if public else "loentilskud.max_months_private")
    # A month is 52/12 weeks, so 6 months = 26 weeks and 4 months = 17.33 weeks.
    max_weeks = money(months * WEEKS_PER_YEAR / MONTHS_PER_YEAR)
    if inputs.target_group in ("dagpenge", "kontanthjaelp_jobparat"):
        status = "met" if inputs.weeks <= max_weeks else "not_met"
        checklist.append(
            _item(
                "duration",
                status,
                Text(
                    "At most {m} months (about {w} weeks) with a {who} employer; {weeks} weeks "
                    "planned.",
                    "Højst {m} måneder (ca. {w} uger) hos en {who_da} arbejdsgiver; {weeks} uger "
                    "planlagt.",
                ).format(
                    m=fmt(months),
                    w=fmt(max_weeks),
                    who="public" if public else "private",
                    who_da="offentlig" if public else "privat",
                    weeks=fmt(inputs.weeks),
                ),
                f"{LAW} § 68, nr. 1",
            )
        )
    else:
        checklist.append(
            _item(
                "duration",
                "employer_must_confirm",
                Text(
                    "Other groups may have longer periods (e.g. 12 months); the jobcenter decides.",
                    "Andre grupper kan have længere perioder (fx 12 måneder); kommunen afgør det.",
                ),
                f"{LAW} § 68",
            )
        )
    # Rimelighedskrav
    per_small = c.rate("loentilskud.ratio_employees_per_subsidised_small")
    small_limit = c.rate("loentilskud.ratio_small_limit")
    per_large = c.rate("loentilskud.ratio_employees_per_subsidised_large")
    allowed = allowed_subsidised(inputs.ordinary_employees, per_small, small_limit, per_large)
    after = inputs.subsidised_employees + 1
    c.step(
        "allowed_subsidised",
        Text(
            "People in subsidised positions allowed (rimelighedskrav)",
            "Tilladt antal personer i støttede stillinger (rimelighedskravet)",
        ),
        allowed,
        "persons",
        f"{LAW} § 77 (rimeligt forhold mellem ordinært ansatte og personer med støtte)",
        f"max(1, ⌊min({fmt(inputs.ordinary_employees)}, {fmt(small_limit)}) ÷ {fmt(per_small)}⌋ + "
        f"⌊max(0, {fmt(inputs.ordinary_employees)} − {fmt(small_limit)}) ÷ {fmt(per_large)}⌋)",
    )
    checklist.append(
        _item(
            "reasonable_ratio",
            "met" if after <= allowed else "not_met",
            Text(
                "With this person there would be {after} in subsidised positions; {allowed} "
                "allowed for {n} ordinary employees.",
                "Med denne person vil der være {after} i støttede stillinger; {allowed} tilladt "
                "ved {n} ordinært ansatte.",
            ).format(after=fmt(after), allowed=str(allowed), n=fmt(inputs.ordinary_employees)),
            f"{LAW} § 77",
        )
    )
    # Merbeskæftigelse
    if inputs.headcount_last_month is not None and inputs.headcount_avg_12_months is not None:
        ok = inputs.headcount_last_month >= inputs.headcount_avg_12_months
        checklist.append(
            _item(
                "net_job_creation",
                "met" if ok else "not_met",
                Text(
                    "Ordinary headcount last month ({last}) must be at least the 12-month "
                    "average ({avg}).",
                    "Antal ordinært ansatte sidste måned ({last}) skal være mindst gennemsnittet "
                    "for 12 måneder ({avg}).",
                ).format(
                    last=fmt(inputs.headcount_last_month), avg=fmt(inputs.headcount_avg_12_months)
                ),
                f"{LAW} kap. 12 (merbeskæftigelseskravet)",
            )
        )
    else:
        checklist.append(
            _item(
                "net_job_creation",
                "employer_must_confirm",
                Text(
                    "Confirm net job creation: last month's ordinary headcount is at least the "
                    "average of the last 12 months.",
                    "Bekræft merbeskæftigelse: antal ordinært ansatte sidste måned er mindst "
                    "gennemsnittet for de seneste 12 måneder.",
                ),
                f"{LAW} kap. 12 (merbeskæftigelseskravet)",
            )
        )
    checklist.append(
        _item(
            "no_replacement",
            "employer_must_confirm",
            Text(
                "Confirm the position does not replace someone who was dismissed or left in the "
                "last 3 months.",
                "Bekræft, at stillingen ikke erstatter en, der er afskediget eller fratrådt "
                "inden for de seneste 3 måneder.",
            ),
            f"{LAW} kap. 12 (merbeskæftigelseskravet)",
        )
    )
    checklist.append(
        _item(
            "agreed_terms",
            "employer_must_confirm",
            Text(
                "Confirm that wage and working conditions follow the collective agreement or "
                "what is usual for the work.",
                "Bekræft, at løn- og arbejdsvilkår følger overenskomsten eller det sædvanlige "
                "for arbejdet.",
            ),
            f"{LAW} §§ 71-72",
        )
    )
    checklist.append(
        _item(
            "staff_consulted",
            "employer_must_confirm",
            Text(
                "Confirm the position has been discussed with a representative of the employees "
                "before the hiring.",
                "Bekræft, at stillingen er drøftet med en repræsentant for de ansatte før "
                "ansættelsen.",
            ),
            f"{LAW} § 78",
        )
    )
    checklist.append(
        _item(
            "prior_unemployment",
            "employer_must_confirm",
            Text(
                "The jobcenter checks that the person has been unemployed for about 6 months "
                "(not needed from age 50, for single providers or people without education).",
                "Kommunen kontrollerer, at personen har været ledig i ca. 6 måneder (gælder ikke "
                "fra 50 år, for enlige forsørgere eller personer uden uddannelse).",
            ),
            f"{LAW} kap. 12",
        )
    )
    if not public:
        checklist.append(
            _item(
                "aid_cap",
                "met",
                Text(
                    "The subsidy is at most 50 % of the wage per hour (the state-aid cap over 12 "
                    "months).",
                    "Tilskuddet er højst 50 % af timelønnen (støtteloftet over 12 måneder).",
                ),
                "Støtteloft (bruttostøtteintensitet 50 %)",
            )
        )
    must_confirm = [
        item
        for item in checklist
        if isinstance(item, dict) and item.get("status") == "employer_must_confirm"
    ]
    all_known_met = all(
        isinstance(item, dict) and item.get("status") != "not_met" for item in checklist
    )
    amounts = {
        "subsidy_per_hour": subsidy_h,
        "wage_per_hour": paid_wage,
        "net_cost_per_hour": paid_wage - subsidy_h,
        "hours_total": money(hours_total),
        "wage_total": wage_total,
        "subsidy_total": subsidy_total,
        "net_cost_total": net_cost,
        "allowed_subsidised": Decimal(allowed),
        "max_weeks": max_weeks,
    }
    if benefit_hours is not None:
        amounts["benefit_level_hours"] = benefit_hours
    return c.result(
        amounts,
        {
            "employer_type": inputs.employer_type,
            "checklist": checklist,
            "employer_must_confirm": [
                item["code"] for item in must_confirm if isinstance(item, dict)
            ],
            "no_condition_failed": all_known_met,
        },
    )


SPEC: CalculatorSpec[LoentilskudInputs] = CalculatorSpec(
    name="loentilskud",
    title=Text("Wage subsidy for employers (løntilskud)", "Løntilskud for arbejdsgivere"),
    description=Text(
        "The subsidy per hour and in total, your net cost and the conditions you must meet.",
        "Tilskuddet pr. time og i alt, din nettoudgift og de betingelser, I skal opfylde.",
    ),
    fields=FIELDS,
    build=build,
    compute=calculate,
    legal_basis=LAW,
)
