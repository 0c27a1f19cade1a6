"""Does it pay to work more hours? Wage + benefit for 0-37 hours a week.

For each whole number of weekly hours: the wage (weekly hours × 4,33 weeks ×
hourly wage), the benefit after its own deduction rules (dagpenge: one hour less
per hour worked; kontanthjælp: the earnings rule), the total before tax, an
approximate total after tax (:mod:`portal.domain.calculators.tax`) and the
marginal gain of each extra weekly hour, in one of three plain answers:

* ``pays``: at least 30 % of the extra hour's wage is kept after tax and benefit;
* ``hardly``: something is kept, but less than 30 %;
* ``loses``: the extra hour lowers the income after tax - "no, you lose money".
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
    MainAmount,
    Msg,
    Quantity,
    Result,
    Traced,
    choice_input,
    decimal_input,
    fmt,
    input_fields,
    money,
    rule,
    year_input,
)
from portal.domain.calculators.tax import monthly_tax, tax_rates
from portal.domain.rates import RateSet
from portal.domain.texts import N_

MAX_HOURS = 37
LOW_GAIN_SHARE_PCT = Decimal(30)

DAGPENGE_EXCLUDED = frozenset({"year", "hours_worked"})
KONTANTHJAELP_EXCLUDED = frozenset({"year", "own_earnings"})

CATEGORY_PAYS, CATEGORY_HARDLY, CATEGORY_LOSES = "pays", "hardly", "loses"


@dataclass(frozen=True)
class WorkMoreHoursInputs:
    """Own inputs; the chosen benefit's inputs are those of its calculator (declared there)."""

    year: int | None = year_input()
    benefit: str = choice_input(
        N_("Ydelse du får nu"),
        {"kontanthjaelp": N_("Kontanthjælp"), "dagpenge": N_("Dagpenge")},
        default="kontanthjaelp",
    )
    hourly_wage: Decimal = decimal_input(
        N_("Timeløn før skat i jobbet"),
        unit="kr_per_hour",
        minimum=1,
        maximum=10_000,
        required=True,
    )
    dagpenge: dagpenge.DagpengeInputs | None = None
    kontanthjaelp: kontanthjaelp.KontanthjaelpInputs | None = None


def _union_fields() -> tuple[FieldSpec, ...]:
    """This form's fields: its own, then each benefit's (once), each required only when the
    benefit that needs it is chosen."""
    subs = (
        ("dagpenge", dagpenge.SPEC, DAGPENGE_EXCLUDED),
        ("kontanthjaelp", kontanthjaelp.SPEC, KONTANTHJAELP_EXCLUDED),
    )
    fields: dict[str, FieldSpec] = {f.name: f for f in input_fields(WorkMoreHoursInputs)}
    users: dict[str, list[str]] = {}
    needs: dict[str, list[str]] = {}
    for benefit, spec, excluded in subs:
        for f in spec.fields:
            if f.name in excluded:
                continue
            users.setdefault(f.name, []).append(benefit)
            if f.required or f.required_when or f.required_unless:
                needs.setdefault(f.name, []).append(benefit)
            fields.setdefault(f.name, f)
    for name, benefits in users.items():
        f = fields[name]
        need = needs.get(name, [])
        fields[name] = replace(
            f,
            required=False,
            required_when=("benefit", need[0]) if len(need) == 1 else None,
            shown_when=f.shown_when or (("benefit", benefits[0]) if len(benefits) == 1 else None),
        )
    return tuple(fields.values())


FIELDS = _union_fields()


def build(values: dict[str, FieldValue]) -> WorkMoreHoursInputs:
    """Typed inputs; the chosen benefit's inputs are validated by that calculator's own rules."""
    benefit = str(values["benefit"])
    year = values.get("year")
    sub: dict[str, object] = {k: v for k, v in values.items() if v is not None}
    wage = values["hourly_wage"]
    assert isinstance(wage, Decimal)
    year_value = year if isinstance(year, int) and not isinstance(year, bool) else None
    if benefit == "dagpenge":
        sub["hours_worked"] = ZERO
        d = dagpenge.SPEC.parse_inputs(sub)
        return WorkMoreHoursInputs(year=year_value, benefit=benefit, hourly_wage=wage, dagpenge=d)
    sub["own_earnings"] = ZERO
    k = kontanthjaelp.SPEC.parse_inputs(sub)
    return WorkMoreHoursInputs(year=year_value, benefit=benefit, hourly_wage=wage, kontanthjaelp=k)


def _benefit_at(
    inputs: WorkMoreHoursInputs, monthly_hours: Decimal, wage: Decimal, rates: RateSet
) -> Result:
    if inputs.dagpenge is not None:
        return dagpenge.calculate(
            replace(inputs.dagpenge, year=rates.year, hours_worked=money(monthly_hours)), rates
        )
    if inputs.kontanthjaelp is not None:
        return kontanthjaelp.calculate(
            replace(inputs.kontanthjaelp, year=rates.year, own_earnings=wage), rates
        )
    raise ValueError("no benefit inputs")


# --- Named formulas ---------------------------------------------------------


@rule(
    "weeks_per_month",
    N_("Uger pr. måned (timer pr. uge × 4,33 = timer pr. måned)"),
    "weeks_per_month",
    "Lov om arbejdsløshedsforsikring m.v. § 47, stk. 2 (160,33 timer = 37 × 4,33)",
)
def weeks_per_month(c: Calc, i: WorkMoreHoursInputs) -> Traced:
    """4,33."""
    return Traced(c.rate("general.weeks_per_month"))


@rule(
    "pay_per_weekly_hour",
    N_("Ekstra løn pr. måned for én time mere om ugen"),
    "kr_per_month",
    "Lov om arbejdsløshedsforsikring m.v. § 47, stk. 2",
)
def pay_per_weekly_hour(c: Calc, i: WorkMoreHoursInputs) -> Traced:
    """Hourly wage × 4,33."""
    wpm = c(weeks_per_month, i)
    return Traced(money(i.hourly_wage * wpm), f"{fmt(i.hourly_wage)} × {fmt(wpm)}")


@rule(
    "tax_model",
    N_(
        "Skat (cirka): AM-bidrag %(am)s %% af lønnen; bundskat %(bund)s %% og gennemsnitlig "
        "kommuneskat %(kom)s %% over et personfradrag på %(pf)s om måneden; "
        "beskæftigelsesfradrag %(besk)s %% af lønnen (højst %(bmax)s om måneden) og jobfradrag "
        "%(job)s %% af lønnen over %(jlimit)s om måneden (højst %(jmax)s)"
    ),
    "kr_per_month",
    "Arbejdsmarkedsbidragsloven § 1; personskatteloven §§ 6 og 10; ligningsloven §§ 9 J og "
    "9 K; kommuneskat (gennemsnit)",
)
def tax_model(c: Calc, i: WorkMoreHoursInputs) -> Traced:
    """The approximate tax model's figures (the value is the monthly personfradrag)."""
    t = tax_rates(c)
    hundred = Decimal(100)

    def kr(x: Decimal) -> Quantity:
        return Quantity(money(x), "kr")

    return Traced(
        money(t.personfradrag_month),
        params={
            "am": t.am * hundred,
            "bund": t.bundskat * hundred,
            "kom": t.kommuneskat * hundred,
            "pf": kr(t.personfradrag_month),
            "besk": t.besk_fradrag * hundred,
            "bmax": kr(t.besk_fradrag_max_month),
            "job": t.jobfradrag * hundred,
            "jlimit": kr(t.jobfradrag_threshold_month),
            "jmax": kr(t.jobfradrag_max_month),
        },
    )


def category(gain_after: Decimal, share: Decimal) -> str:
    """The plain answer for one extra weekly hour."""
    if gain_after < 0:
        return CATEGORY_LOSES
    if share < LOW_GAIN_SHARE_PCT:
        return CATEGORY_HARDLY
    return CATEGORY_PAYS


def hour_rows(c: Calc, i: WorkMoreHoursInputs) -> tuple[list[dict[str, JSONValue]], Result]:
    """One row per weekly hour count 0..37, and the benefit's own result at 0 hours."""
    wpm = c(weeks_per_month, i)
    hour_pay = c(pay_per_weekly_hour, i)
    t = tax_rates(c)
    rows: list[dict[str, JSONValue]] = []
    first: Result | None = None
    previous: tuple[Decimal, Decimal] | None = None
    for hours in range(MAX_HOURS + 1):
        monthly_hours = Decimal(hours) * wpm
        wage = money(i.hourly_wage * monthly_hours)
        sub = _benefit_at(i, monthly_hours, wage, c.rates)
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
            "marginal_before_tax": None,
            "marginal_after_tax": None,
            "kept_share_pct": None,
            "low_gain": False,
            "loss": False,
            "gain_category": None,
        }
        if previous is not None:
            gain_after = tax.after_tax - previous[0]
            share = money(gain_after / hour_pay * 100) if hour_pay > 0 else ZERO
            kind = category(gain_after, share)
            row.update(
                {
                    "marginal_before_tax": before - previous[1],
                    "marginal_after_tax": gain_after,
                    "kept_share_pct": share,
                    "low_gain": kind != CATEGORY_PAYS,
                    "loss": kind == CATEGORY_LOSES,
                    "gain_category": kind,
                }
            )
        rows.append(row)
        previous = (tax.after_tax, before)
    assert first is not None
    return rows, first


def _dec(row: dict[str, JSONValue], key: str) -> Decimal:
    value = row[key]
    assert isinstance(value, Decimal)
    return value


def calculate(inputs: WorkMoreHoursInputs, rates: RateSet) -> Result:
    """The table of income for 0-37 weekly hours, with the plain answer per extra hour."""
    c = Calc("work_more_hours", rates)
    c(weeks_per_month, inputs)
    hour_pay = c(pay_per_weekly_hour, inputs)
    c(tax_model, inputs)
    rows, first = hour_rows(c, inputs)
    benefits = [_dec(r, "benefit") for r in rows]
    after = [_dec(r, "total_after_tax") for r in rows]
    c.step(
        "benefit_without_work",
        Msg(N_("Ydelse uden arbejde (0 timer)")),
        benefits[0],
        "kr_per_month",
        first.steps[-1].legal_reference if first.steps else "—",
    )
    c.step(
        "low_gain_rule",
        Msg(
            N_(
                "En ekstra time kan næsten ikke betale sig, når under %(share)s %% af lønnen for "
                "den beholdes efter skat og fradrag i ydelsen. Giver den mindre end før, taber "
                "du penge."
            ),
            {"share": LOW_GAIN_SHARE_PCT},
        ),
        LOW_GAIN_SHARE_PCT,
        "percent",
        "—",
    )
    low_hours: list[JSONValue] = [r["hours_per_week"] for r in rows if r["low_gain"] is True]
    loss_hours: list[JSONValue] = [r["hours_per_week"] for r in rows if r["loss"] is True]
    stop = next((h for h, b in enumerate(benefits) if b == 0), None)
    if stop is not None and stop > 0:
        c.warn("benefit_stops", N_("Fra %(hours)s timer om ugen er ydelsen 0 kr."), hours=stop)
    if loss_hours:
        c.warn(
            "extra_hours_lose_money",
            N_(
                "Ved nogle timetal taber du penge på en ekstra time: din indkomst efter skat "
                "bliver lavere. Se tabellen."
            ),
        )
    c.warn(
        "tax_approximate",
        N_(
            "Tal efter skat er cirkatal: gennemsnitlig kommuneskat, ingen kirkeskat, ingen "
            "mellemskat eller topskat, og fradrag fordelt jævnt over året."
        ),
    )
    return c.result(
        {
            "benefit_at_0_hours": benefits[0],
            "total_after_tax_at_0_hours": after[0],
            "total_after_tax_at_37_hours": after[-1],
            "gain_after_tax_0_to_37": after[-1] - after[0],
            "pay_per_weekly_hour": hour_pay,
            "low_gain_hour_count": Decimal(len(low_hours)),
            "loss_hour_count": Decimal(len(loss_hours)),
        },
        {
            "benefit": inputs.benefit,
            "rows": list(rows),
            "low_gain_hours": low_hours,
            "loss_hours": loss_hours,
            "low_gain_threshold_pct": LOW_GAIN_SHARE_PCT,
            "benefit_stops_at_hours": stop,
        },
    )


SPEC: CalculatorSpec[WorkMoreHoursInputs] = CalculatorSpec(
    name="work_more_hours",
    title=N_("Kan det betale sig at arbejde flere timer?"),
    english_title="Does it pay to work more hours?",
    description=N_("Din løn, ydelse og cirka indkomst efter skat ved 0 til 37 timer om ugen."),
    fields=FIELDS,
    build=build,
    compute=calculate,
    legal_basis=(
        "Lov om arbejdsløshedsforsikring m.v.; lov om aktiv socialpolitik; personskatteloven; "
        "ligningsloven"
    ),
    help_topic="work_more_hours",
    audiences=("citizen",),
    main_amounts=(
        MainAmount(
            "total_after_tax_at_0_hours", N_("Indkomst efter skat uden arbejde"), "kr_per_month"
        ),
        MainAmount(
            "total_after_tax_at_37_hours",
            N_("Indkomst efter skat ved 37 timer om ugen"),
            "kr_per_month",
        ),
        MainAmount(
            "gain_after_tax_0_to_37", N_("Forskel efter skat ved 37 timer om ugen"), "kr_per_month"
        ),
        MainAmount(
            "low_gain_hour_count",
            N_("Antal timetal, hvor en ekstra time næsten ikke eller slet ikke kan betale sig"),
            "count",
        ),
    ),
    not_included=(
        N_(
            "Skatten er kun et cirkatal: gennemsnitlig kommuneskat, ingen kirkeskat og ingen "
            "topskat."
        ),
        N_("Boligstøtte, børne- og ungeydelse og andre ydelser, der ændrer sig med din indkomst."),
        N_("Udgifter ved at arbejde, fx transport og børnepasning."),
        N_("Kommunen eller a-kassen afgør, hvad du får udbetalt."),
    ),
)
