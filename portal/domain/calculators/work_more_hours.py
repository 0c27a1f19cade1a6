"""Does it pay to work more hours? Wage + benefit for 0-37 hours a week.

For each whole number of weekly hours: the wage (weekly hours × 4,33 weeks ×
hourly wage), the benefit after its own deduction rules (dagpenge: one hour
less per hour worked; kontanthjælp: the earnings rule), the total before tax,
an approximate total after tax (see :mod:`portal.domain.calculators.tax`) and
the marginal gain of each extra weekly hour. An hour where less than 30 % of
the extra wage is kept after tax and benefit reduction is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from portal.domain.calculators import dagpenge, kontanthjaelp
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
    parse_fields,
    text,
    year_field,
)
from portal.domain.calculators.tax import monthly_tax, tax_rates
from portal.domain.rates import RateSet

MAX_HOURS = 37
LOW_GAIN_SHARE_PCT = Decimal(30)

DAGPENGE_EXCLUDED = frozenset({"year", "hours_worked"})
KONTANTHJAELP_EXCLUDED = frozenset({"year", "own_earnings"})


@dataclass(frozen=True)
class WorkMoreHoursInputs:
    """Inputs: the benefit with its own inputs, and the hourly wage."""

    year: int
    benefit: str
    hourly_wage: Decimal
    dagpenge: dagpenge.DagpengeInputs | None = None
    kontanthjaelp: kontanthjaelp.KontanthjaelpInputs | None = None


def _union_fields() -> tuple[FieldSpec, ...]:
    fields: list[FieldSpec] = [
        year_field(),
        FieldSpec(
            "benefit",
            "choice",
            Text("Benefit you receive now", "Ydelse du får nu"),
            required=True,
            default="kontanthjaelp",
            choices=("kontanthjaelp", "dagpenge"),
            choice_labels={
                "kontanthjaelp": Text("Kontanthjælp", "Kontanthjælp"),
                "dagpenge": Text("Dagpenge", "Dagpenge"),
            },
        ),
        FieldSpec(
            "hourly_wage",
            "decimal",
            Text("Hourly wage before tax in the job", "Timeløn før skat i jobbet"),
            required=True,
            minimum=Decimal(1),
            maximum=Decimal(10_000),
            unit="kr_per_hour",
        ),
    ]
    names = {f.name for f in fields}
    kh_names = {f.name for f in kontanthjaelp.FIELDS}
    for f in dagpenge.FIELDS:
        if f.name in DAGPENGE_EXCLUDED:
            continue
        shared = f.name in kh_names
        fields.append(
            replace(f, required=False, shown_when=None if shared else ("benefit", "dagpenge"))
        )
        names.add(f.name)
    for f in kontanthjaelp.FIELDS:
        if f.name in KONTANTHJAELP_EXCLUDED or f.name in names:
            continue
        fields.append(
            replace(f, required=False, shown_when=f.shown_when or ("benefit", "kontanthjaelp"))
        )
    return tuple(fields)


FIELDS = _union_fields()


def build(values: dict[str, FieldValue]) -> WorkMoreHoursInputs:
    """Typed inputs; the chosen benefit's inputs are validated by that calculator's own rules."""
    benefit = text(values, "benefit")
    year = integer(values, "year")
    sub: dict[str, object] = {k: v for k, v in values.items() if v is not None}
    if benefit == "dagpenge":
        sub["hours_worked"] = ZERO
        d = dagpenge.build(parse_fields(dagpenge.FIELDS, sub))
        return WorkMoreHoursInputs(
            year=year, benefit=benefit, hourly_wage=dec(values, "hourly_wage"), dagpenge=d
        )
    sub["own_earnings"] = ZERO
    k = kontanthjaelp.build(parse_fields(kontanthjaelp.FIELDS, sub))
    return WorkMoreHoursInputs(
        year=year, benefit=benefit, hourly_wage=dec(values, "hourly_wage"), kontanthjaelp=k
    )


def _benefit_at(
    inputs: WorkMoreHoursInputs, monthly_hours: Decimal, wage: Decimal, rates: RateSet
) -> Result:
    if inputs.dagpenge is not None:
        return dagpenge.calculate(
            replace(inputs.dagpenge, hours_worked=money(monthly_hours)), rates
        )
    if inputs.kontanthjaelp is not None:
        return kontanthjaelp.calculate(replace(inputs.kontanthjaelp, own_earnings=wage), rates)
    raise ValueError("no benefit inputs")


def calculate(inputs: WorkMoreHoursInputs, rates: RateSet) -> Result:
    """The table of income for 0-37 weekly hours, with the marginal gain per hour."""
    c = Calc("work_more_hours", rates)
    wpm = c.rate("general.weeks_per_month")
    c.step(
        "weeks_per_month",
        Text(
            "Weeks per month (weekly hours × 4.33 = hours per month)",
            "Uger pr. måned (timer pr. uge × 4,33 = timer pr. måned)",
        ),
        wpm,
        "weeks_per_month",
        "Lov om arbejdsløshedsforsikring m.v. § 47, stk. 2 (160,33 timer = 37 × 4,33)",
    )
    hour_pay = money(inputs.hourly_wage * wpm)
    c.step(
        "pay_per_weekly_hour",
        Text(
            "Extra wage per month for one more hour a week",
            "Ekstra løn pr. måned for én time mere om ugen",
        ),
        hour_pay,
        "kr_per_month",
        "—",
        f"{fmt(inputs.hourly_wage)} × {fmt(wpm)}",
    )
    t = tax_rates(c)
    c.step(
        "tax_model",
        Text(
            "Tax (approximate): AM-bidrag {am} % of the wage; bundskat {bund} % and average "
            "kommuneskat {kom} % above a personfradrag of {pf} kr. a month; "
            "beskæftigelsesfradrag {besk} % of the wage (max {bmax} kr. a month)",
            "Skat (cirka): AM-bidrag {am} % af lønnen; bundskat {bund} % og gennemsnitlig "
            "kommuneskat {kom} % over et personfradrag på {pf} kr. om måneden; "
            "beskæftigelsesfradrag {besk} % af lønnen (højst {bmax} kr. om måneden)",
        ).format(
            am=fmt(t.am * 100),
            bund=fmt(t.bundskat * 100),
            kom=fmt(t.kommuneskat * 100),
            pf=fmt(money(t.personfradrag_month)),
            besk=fmt(t.besk_fradrag * 100),
            bmax=fmt(money(t.besk_fradrag_max_month)),
        ),
        money(t.personfradrag_month),
        "kr_per_month",
        "Arbejdsmarkedsbidragsloven § 1; personskatteloven §§ 6, 10; ligningsloven § 9 J; "
        "kommuneskat (gennemsnit)",
    )

    rows: list[JSONValue] = []
    low_hours: list[JSONValue] = []
    previous_after: Decimal | None = None
    previous_before: Decimal | None = None
    first: Result | None = None
    after_by_hour: list[Decimal] = []
    benefit_by_hour: list[Decimal] = []
    for hours in range(MAX_HOURS + 1):
        monthly_hours = Decimal(hours) * wpm
        wage = money(inputs.hourly_wage * monthly_hours)
        sub = _benefit_at(inputs, monthly_hours, wage, rates)
        if first is None:
            first = sub
            c.add_warnings(sub.warnings)
        else:
            c.add_warnings([w for w in sub.warnings if not w.params])
        c.use_figures(sub.rates_used)
        benefit = sub.amounts["monthly_amount"]
        before = wage + benefit
        tax = monthly_tax(wage, benefit, t)
        row: dict[str, JSONValue] = {
            "hours_per_week": hours,
            "hours_per_month": money(monthly_hours),
            "wage": wage,
            "benefit": benefit,
            "total_before_tax": before,
            "am_bidrag": tax.am_bidrag,
            "income_tax": tax.income_tax,
            "total_after_tax": tax.after_tax,
        }
        if previous_after is not None and previous_before is not None:
            gain_after = tax.after_tax - previous_after
            gain_before = before - previous_before
            share = money(gain_after / hour_pay * 100) if hour_pay > 0 else ZERO
            low = share < LOW_GAIN_SHARE_PCT
            row.update(
                {
                    "marginal_before_tax": gain_before,
                    "marginal_after_tax": gain_after,
                    "kept_share_pct": share,
                    "low_gain": low,
                }
            )
            if low:
                low_hours.append(hours)
        else:
            row.update(
                {
                    "marginal_before_tax": None,
                    "marginal_after_tax": None,
                    "kept_share_pct": None,
                    "low_gain": False,
                }
            )
        rows.append(row)
        after_by_hour.append(tax.after_tax)
        benefit_by_hour.append(benefit)
        previous_after, previous_before = tax.after_tax, before

    assert first is not None
    c.step(
        "benefit_without_work",
        Text("Benefit with no work (0 hours)", "Ydelse uden arbejde (0 timer)"),
        benefit_by_hour[0],
        "kr_per_month",
        first.steps[-1].legal_reference if first.steps else "",
    )
    c.step(
        "low_gain_rule",
        Text(
            "An extra hour 'hardly pays' when less than {p} % of its wage is kept after tax and "
            "benefit reduction",
            "En ekstra time 'kan næsten ikke betale sig', når under {p} % af lønnen for den "
            "beholdes efter skat og fradrag i ydelsen",
        ).format(p=fmt(LOW_GAIN_SHARE_PCT)),
        LOW_GAIN_SHARE_PCT,
        "percent",
        "—",
    )
    stop = next((h for h, b in enumerate(benefit_by_hour) if b == 0), None)
    if stop is not None and stop > 0:
        c.warn(
            "benefit_stops",
            Text(
                "From {hours} hours a week the benefit is 0 kr.",
                "Fra {hours} timer om ugen er ydelsen 0 kr.",
            ),
            hours=str(stop),
        )
    c.warn(
        "tax_approximate",
        Text(
            "After-tax figures are approximate: average municipal tax, no church tax, no "
            "mellemskat/topskat, personfradrag spread evenly over the year.",
            "Tal efter skat er cirkatal: gennemsnitlig kommuneskat, ingen kirkeskat, ingen "
            "mellemskat/topskat, personfradraget fordelt jævnt over året.",
        ),
    )
    return c.result(
        {
            "benefit_at_0_hours": benefit_by_hour[0],
            "total_after_tax_at_0_hours": after_by_hour[0],
            "total_after_tax_at_37_hours": after_by_hour[-1],
            "gain_after_tax_0_to_37": after_by_hour[-1] - after_by_hour[0],
            "pay_per_weekly_hour": hour_pay,
            "low_gain_hour_count": Decimal(len(low_hours)),
        },
        {
            "benefit": inputs.benefit,
            "rows": rows,
            "low_gain_hours": low_hours,
            "low_gain_threshold_pct": LOW_GAIN_SHARE_PCT,
            "benefit_stops_at_hours": stop,
        },
    )


SPEC: CalculatorSpec[WorkMoreHoursInputs] = CalculatorSpec(
    name="work_more_hours",
    title=Text("Does it pay to work more hours?", "Kan det betale sig at arbejde flere timer?"),
    description=Text(
        "Your wage, benefit and approximate income after tax for 0 to 37 hours a week.",
        "Din løn, ydelse og cirka indkomst efter skat ved 0 til 37 timer om ugen.",
    ),
    fields=FIELDS,
    build=build,
    compute=calculate,
    legal_basis=(
        "Lov om arbejdsløshedsforsikring m.v.; lov om aktiv socialpolitik; personskatteloven"
    ),
)
