"""Kontanthjælp under the system in force from 1 July 2025 (lov om aktiv socialpolitik).

What is encoded, one named formula each, and how sure it is:

* Rate (§ 16): mindstesats without the residence and employment requirement; the
  sats for hjemmeboende under 30 living with a parent and without own child;
  forhøjet sats from 30, or 25-29 with 2½ years of full-time work in the last 10
  years; otherwise grundsats.
* Tillæg (§§ 17-19): børnetillæg (one per person), tillæg til enlige forsørgere
  (mindstesats/grundsats), tillæg til enlige ikke-forsørgere (grundsats/forhøjet
  sats), særligt ungetillæg (§ 19: under 30, aktivitetsparat, on § 16, stk. 1,
  nr. 1 and 3 - grundsats and, read as, the sats for hjemmeboende), the temporary
  tilpasningstillæg (1 July 2025 - 30 June 2027, under 30 on grundsats who had
  help before 1 July 2025) and the tax-free fritidstillæg per child (at most 3
  children, a quarter for single providers; paid from the 3rd month).
* Earnings: counted after the 8 % AM-bidrag (the taxable income, as municipalities
  deduct it); a monthly fribeløb (5.000 kr. on grundsats and mindstesats, 2.500 kr.
  on forhøjet sats, none for hjemmeboende), 65 % of earnings above it deducted,
  and krone for krone once earnings plus help reach 85 % (forhøjet sats: 100 %) of
  the highest dagpenge rate. The enacted § 30 ff. was NOT read: flagged.
* Other income is deducted krone for krone. Assets above the formuegrænse rule
  help out until they are used.
* Married couples have a mutual duty of support: the spouse's earnings (same
  deduction rule) and other income reduce the help. Cohabitants do not.
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
    JSONValue,
    MainAmount,
    Quantity,
    Result,
    Traced,
    boolean_input,
    builder,
    choice_input,
    decimal_input,
    fmt,
    input_fields,
    integer_input,
    money,
    pct,
    rule,
    year_input,
)
from portal.domain.rates import RateSet
from portal.domain.texts import N_

LAW = "Lov om aktiv socialpolitik"
FOLKEPENSION_AGE_NOTE = 67

RATE_KEYS = {
    "mindstesats": "kontanthjaelp.mindstesats",
    "grundsats": "kontanthjaelp.grundsats",
    "forhoejet_sats": "kontanthjaelp.forhoejet_sats",
    "hjemmeboende_sats": "kontanthjaelp.hjemmeboende_sats",
}
RATE_NAMES = {
    "mindstesats": N_("Mindstesats"),
    "grundsats": N_("Grundsats"),
    "forhoejet_sats": N_("Forhøjet sats"),
    "hjemmeboende_sats": N_("Sats for hjemmeboende"),
}


@dataclass(frozen=True)
class KontanthjaelpInputs:
    """Inputs of the kontanthjælp calculator (money per month, assets in kr.)."""

    year: int | None = year_input()
    age: int = integer_input(N_("Alder"), unit="years", minimum=18, maximum=80, required=True)
    residence_requirement_met: bool = boolean_input(
        N_("Opfylder opholds- og beskæftigelseskravet"),
        default=True,
        help=N_(
            "Lovligt ophold i Danmark i 9 af de seneste 10 år og ca. 2½ års fuldtidsarbejde "
            "inden for de seneste 10 år. Ellers gælder mindstesatsen."
        ),
    )
    worked_2_5_years: bool = boolean_input(
        N_("Har 2½ års fuldtidsarbejde inden for de seneste 10 år"),
        help=N_("Giver forhøjet sats fra 25 år."),
    )
    living_with_parents: bool = boolean_input(N_("Bor hjemme hos en eller begge forældre"))
    has_children: bool = boolean_input(N_("Har børn under 18 år at forsørge"))
    children_count: int | None = integer_input(
        N_("Antal børn under 18 år"),
        unit="children",
        minimum=0,
        maximum=20,
        shown_when=("has_children", "true"),
        help=N_("Bruges til fritidstillægget, som gives for højst 3 børn."),
    )
    civil_status: str = choice_input(
        N_("Civilstand"),
        {
            "single": N_("Enlig"),
            "married": N_("Gift"),
            "cohabiting": N_("Samlevende, ikke gift"),
        },
        default="single",
    )
    single_provider: bool = boolean_input(
        N_("Enlig forsørger med ekstra børnetilskud"),
        help=N_("Enlig, eget barn på adressen og ret til ekstra børnetilskud."),
    )
    activity_ready: bool = boolean_input(
        N_("Visiteret aktivitetsparat"), help=N_("Giver særligt ungetillæg under 30 år.")
    )
    received_help_before_july_2025: bool = boolean_input(
        N_("Fik kontanthjælp eller uddannelseshjælp før 1. juli 2025"),
        help=N_(
            "Unge under 30 på grundsats kan så få et midlertidigt tilpasningstillæg til og "
            "med 30. juni 2027."
        ),
    )
    own_earnings: Decimal = decimal_input(
        N_("Egen arbejdsindtægt pr. måned (før skat)"),
        unit="kr_per_month",
        maximum=10_000_000,
        default=ZERO,
    )
    other_income: Decimal = decimal_input(
        N_("Anden indtægt pr. måned"),
        unit="kr_per_month",
        maximum=10_000_000,
        default=ZERO,
        help=N_("Anden indtægt trækkes fra krone for krone."),
    )
    assets: Decimal = decimal_input(
        N_("Formue (opsparing, værdier) - for ægtefæller samlet"),
        unit="kr",
        maximum=1_000_000_000,
        default=ZERO,
    )
    partner_earnings: Decimal = decimal_input(
        N_("Ægtefællens arbejdsindtægt pr. måned"),
        unit="kr_per_month",
        maximum=10_000_000,
        default=ZERO,
        shown_when=("civil_status", "married"),
    )
    partner_other_income: Decimal = decimal_input(
        N_("Ægtefællens anden indtægt pr. måned (fx dagpenge, SU)"),
        unit="kr_per_month",
        maximum=10_000_000,
        default=ZERO,
        shown_when=("civil_status", "married"),
    )
    partner_receives_kontanthjaelp: bool = boolean_input(
        N_("Ægtefællen får også kontanthjælp"), shown_when=("civil_status", "married")
    )

    @property
    def married(self) -> bool:
        """Married (mutual duty of support)."""
        return self.civil_status == "married"


def validate(i: KontanthjaelpInputs) -> None:
    """A single provider must be single and have children."""
    if i.single_provider and (i.civil_status != "single" or not i.has_children):
        raise CalculatorValidationError(
            {"single_provider": FieldError("single_provider_needs_single_with_children")}
        )


def choose_rate(inputs: KontanthjaelpInputs) -> str:
    """Which of the four rates applies (§ 16)."""
    if not inputs.residence_requirement_met:
        return "mindstesats"
    if inputs.age < 30 and inputs.living_with_parents and not inputs.has_children:
        return "hjemmeboende_sats"
    if inputs.age >= 30 or (inputs.age >= 25 and inputs.worked_2_5_years):
        return "forhoejet_sats"
    return "grundsats"


# --- The rate and the supplements ---------------------------------------------


@rule("base_rate", N_("Sats"), "kr_per_month", f"{LAW} § 16")
def base_rate(c: Calc, i: KontanthjaelpInputs) -> Traced:
    """The § 16 rate."""
    kind = choose_rate(i)
    return Traced(c.rate(RATE_KEYS[kind]), what=RATE_NAMES[kind])


@rule("boernetillaeg", N_("Børnetillæg (ét pr. person)"), "kr_per_month", f"{LAW} § 17")
def boernetillaeg(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """One per person with children to support."""
    return Traced(c.rate("kontanthjaelp.boernetillaeg")) if i.has_children else None


@rule("enlig_forsoerger_tillaeg", N_("Tillæg til enlige forsørgere"), "kr_per_month", f"{LAW} § 18")
def enlig_forsoerger_tillaeg(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """Single providers on mindstesats or grundsats."""
    if i.single_provider and choose_rate(i) in ("mindstesats", "grundsats"):
        return Traced(c.rate("kontanthjaelp.enlig_forsoerger_tillaeg"))
    return None


@rule(
    "enlig_ikke_forsoerger_tillaeg",
    N_("Tillæg til enlige uden forsørgelsespligt"),
    "kr_per_month",
    f"{LAW} § 18",
)
def enlig_ikke_forsoerger_tillaeg(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """Single people without children on grundsats or forhøjet sats."""
    if (
        i.civil_status == "single"
        and not i.has_children
        and choose_rate(i) in ("grundsats", "forhoejet_sats")
    ):
        return Traced(c.rate("kontanthjaelp.enlig_ikke_forsoerger_tillaeg"))
    return None


@rule(
    "saerligt_ungetillaeg",
    N_("Særligt ungetillæg (aktivitetsparat, under 30 år)"),
    "kr_per_month",
    f"{LAW} § 19",
)
def saerligt_ungetillaeg(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """Under 30, aktivitetsparat, on § 16, stk. 1, nr. 1 or 3 (grundsats, hjemmeboende)."""
    kind = choose_rate(i)
    if i.age >= 30 or not i.activity_ready or kind not in ("grundsats", "hjemmeboende_sats"):
        return None
    if i.has_children:
        key = "kontanthjaelp.saerligt_ungetillaeg_forsoerger"
    elif i.age < 25:
        key = "kontanthjaelp.saerligt_ungetillaeg_under_25"
    else:
        key = "kontanthjaelp.saerligt_ungetillaeg_25_29"
    if kind == "hjemmeboende_sats":
        c.warn(
            "youth_supplement_hjemmeboende_assumed",
            N_(
                "Særligt ungetillæg er lagt til satsen for hjemmeboende, fordi loven giver det "
                "til § 16, stk. 1, nr. 1 og 3. Kommunen afgør, om det gælder dig."
            ),
        )
    return Traced(c.rate(key))


@rule(
    "tilpasningstillaeg",
    N_("Midlertidigt tilpasningstillæg (under 30 år på grundsats, til og med 30. juni 2027)"),
    "kr_per_month",
    f"{LAW}, som ændret ved lov nr. 1655 af 30. december 2024 (midlertidigt tilpasningstillæg)",
)
def tilpasningstillaeg(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """Under 30 on grundsats who had help before 1 July 2025, while the rule is in force."""
    if i.age >= 30 or choose_rate(i) != "grundsats":
        return None
    if not i.received_help_before_july_2025:
        c.warn(
            "transition_supplement_not_included",
            N_(
                "Unge under 30, der fik hjælp før 1. juli 2025, kan få et midlertidigt "
                "tilpasningstillæg til og med 30. juni 2027. Det er ikke medregnet, fordi du har "
                "svaret nej."
            ),
        )
        return None
    if not c.has_rate("kontanthjaelp.tilpasningstillaeg"):
        c.warn(
            "transition_supplement_ended",
            N_("Det midlertidige tilpasningstillæg gælder kun til og med 30. juni 2027."),
        )
        return None
    return Traced(c.rate("kontanthjaelp.tilpasningstillaeg"))


SUPPLEMENTS = (
    boernetillaeg,
    enlig_forsoerger_tillaeg,
    enlig_ikke_forsoerger_tillaeg,
    saerligt_ungetillaeg,
    tilpasningstillaeg,
)


def supplements(c: Calc, i: KontanthjaelpInputs) -> dict[str, Decimal]:
    """Every taxable supplement that applies, by code."""
    out: dict[str, Decimal] = {}
    for r in SUPPLEMENTS:
        value = c.value(r, i)
        if value is not None:
            out[r.code] = value
    return out


@rule("gross_entitlement", N_("Hjælp før fradrag"), "kr_per_month", f"{LAW} §§ 16-19")
def gross_entitlement(c: Calc, i: KontanthjaelpInputs) -> Traced:
    """The rate plus the supplements."""
    base, extra = c(base_rate, i), supplements(c, i)
    return Traced(
        base + sum(extra.values(), ZERO), " + ".join(fmt(v) for v in (base, *extra.values()))
    )


# --- Assets and income -----------------------------------------------------------


@rule("asset_limit", N_("Formue, der ses bort fra (formuegrænse)"), "kr", f"{LAW} § 14")
def asset_limit(c: Calc, i: KontanthjaelpInputs) -> Traced:
    """15.500 kr. per person, 31.000 kr. for a married couple (regulated)."""
    key = (
        "kontanthjaelp.formuegraense_couple" if i.married else "kontanthjaelp.formuegraense_person"
    )
    limit = c.rate(key)
    if i.assets > limit:
        c.warn(
            "assets_above_limit",
            N_(
                "Formue på %(assets)s er over grænsen på %(limit)s. Formuen over grænsen skal "
                "bruges først, så der udbetales ikke hjælp nu."
            ),
            assets=Quantity(i.assets, "kr"),
            limit=Quantity(limit, "kr"),
        )
    return Traced(limit)


@dataclass(frozen=True)
class EarningsRule:
    """The deduction rule for the person's rate."""

    fribeloeb: Decimal
    share: Decimal
    full_threshold: Decimal


def earnings_rule(c: Calc, i: KontanthjaelpInputs) -> EarningsRule:
    """Fribeløb, share deducted and the krone-for-krone limit for the person's rate."""
    kind = choose_rate(i)
    if kind == "forhoejet_sats":
        fribeloeb = c.rate("kontanthjaelp.fribeloeb_forhoejet")
        threshold_pct = c.rate("kontanthjaelp.full_deduction_forhoejet_pct")
    elif kind == "hjemmeboende_sats":
        fribeloeb = ZERO
        threshold_pct = c.rate("kontanthjaelp.full_deduction_grund_mindste_pct")
    else:
        fribeloeb = c.rate("kontanthjaelp.fribeloeb_grund_mindste")
        threshold_pct = c.rate("kontanthjaelp.full_deduction_grund_mindste_pct")
    share = pct(c.rate("kontanthjaelp.earnings_deduction_pct"))
    full = money(c.rate("dagpenge.max_full_time") * pct(threshold_pct))
    return EarningsRule(fribeloeb, share, full)


def deduction_for(earnings: Decimal, gross: Decimal, r: EarningsRule) -> tuple[Decimal, Decimal]:
    """Deduction for earnings (after AM-bidrag) and where krone-for-krone starts.

    Marginal deduction: 0 up to the fribeløb, ``share`` above it, and 1 once earnings
    plus help reach ``full_threshold``. Never negative, never decreasing.
    """
    f, s = r.fribeloeb, r.share
    crossing = (r.full_threshold - gross - s * f) / (1 - s) if s < 1 else f
    kk_start = max(f, crossing)
    deduction = s * max(ZERO, earnings - f) + (1 - s) * max(ZERO, earnings - kk_start)
    return deduction, kk_start


def after_am(c: Calc, amount: Decimal) -> Decimal:
    """Earnings after the 8 % AM-bidrag."""
    return money(amount * (1 - pct(c.rate("tax.am_bidrag_pct"))))


@rule(
    "earnings_after_am",
    N_("Egen arbejdsindtægt efter 8 % AM-bidrag"),
    "kr_per_month",
    f"{LAW} § 30 (indtægten efter arbejdsmarkedsbidrag)",
)
def earnings_after_am(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """The earnings the deduction is computed on."""
    if i.own_earnings <= 0:
        return None
    am = c.rate("tax.am_bidrag_pct")
    return Traced(after_am(c, i.own_earnings), f"{fmt(i.own_earnings)} × (1 − {fmt(am)} %)")


@rule(
    "earnings_deduction",
    N_(
        "Fradrag for egen arbejdsindtægt: %(free)s fri, %(share)s %% derover, krone for krone "
        "når indtægt plus hjælp når %(limit)s"
    ),
    "kr_per_month",
    f"{LAW} § 30 ff. (ny regel fra 1. juli 2025)",
)
def earnings_deduction(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """The new earnings rule on the earnings after AM-bidrag."""
    earnings = c.value(earnings_after_am, i)
    if earnings is None:
        return None
    r = earnings_rule(c, i)
    deduction, kk_start = deduction_for(earnings, c(gross_entitlement, i), r)
    if choose_rate(i) == "hjemmeboende_sats":
        c.warn(
            "hjemmeboende_earnings_rule",
            N_(
                "For hjemmeboende er der intet fribeløb, og grundsatsens grænse for "
                "krone-for-krone-fradrag er antaget (ikke kontrolleret)."
            ),
        )
    c.warn(
        "earnings_rule_unverified",
        N_(
            "Reglen for arbejdsindtægt er brugt som beskrevet i den politiske aftale, på "
            "indtægten efter AM-bidrag. Den vedtagne lovtekst er ikke læst."
        ),
    )
    calculation = f"{fmt(r.share * 100)} % × ({fmt(earnings)} − {fmt(r.fribeloeb)})"
    if earnings > kk_start:
        calculation += (
            f" + {fmt((1 - r.share) * 100)} % × ({fmt(earnings)} − {fmt(money(kk_start))})"
        )
    return Traced(
        money(deduction),
        calculation,
        params={
            "free": Quantity(r.fribeloeb, "kr"),
            "share": r.share * 100,
            "limit": Quantity(r.full_threshold, "kr"),
        },
    )


@rule(
    "other_income_deduction",
    N_("Anden indtægt, fratrukket krone for krone"),
    "kr_per_month",
    f"{LAW} § 30",
)
def other_income_deduction(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """Other income in full."""
    return Traced(money(i.other_income)) if i.other_income > 0 else None


@rule(
    "partner_deduction",
    N_(
        "Ægtefællens indtægt (gensidig forsørgelsespligt): arbejdsindtægt efter AM-bidrag over "
        "fribeløbet og anden indtægt"
    ),
    "kr_per_month",
    f"{LAW} § 2 og § 30 (gensidig forsørgelsespligt mellem ægtefæller)",
)
def partner_deduction(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """Married: the spouse's earnings above the fribeløb and other income."""
    if not i.married:
        if i.civil_status == "cohabiting":
            c.warn(
                "cohabitant_income_ignored",
                N_(
                    "Samlevende, der ikke er gift, har ikke gensidig forsørgelsespligt; "
                    "partnerens indtægt nedsætter ikke hjælpen."
                ),
            )
        return None
    if i.partner_receives_kontanthjaelp:
        c.warn(
            "partner_on_kontanthjaelp",
            N_(
                "Ægtefællen får også kontanthjælp: hver ægtefælles hjælp beregnes for sig; "
                "ægtefællens indtægt er ikke trukket fra her."
            ),
        )
        return None
    fribeloeb = earnings_rule(c, i).fribeloeb
    earnings = after_am(c, i.partner_earnings)
    c.warn(
        "spouse_rule_simplified",
        N_(
            "Ægtefællens indtægt er medregnet forenklet (arbejdsindtægt over fribeløbet, anden "
            "indtægt fuldt ud); kommunens beregning kan afvige."
        ),
    )
    return Traced(
        money(max(ZERO, earnings - fribeloeb) + i.partner_other_income),
        f"max(0, {fmt(earnings)} − {fmt(fribeloeb)}) + {fmt(i.partner_other_income)}",
    )


def total_deduction(c: Calc, i: KontanthjaelpInputs) -> Decimal:
    """Every deduction."""
    return sum(
        (
            c.value(r, i) or ZERO
            for r in (earnings_deduction, other_income_deduction, partner_deduction)
        ),
        ZERO,
    )


@rule(
    "monthly_amount",
    N_("Kontanthjælp pr. måned (før skat)"),
    "kr_per_month",
    f"{LAW} §§ 16-19 og 30",
)
def monthly_amount(c: Calc, i: KontanthjaelpInputs) -> Traced:
    """Help minus deductions; nothing while assets are above the limit."""
    gross, limit = c(gross_entitlement, i), c(asset_limit, i)
    deductions = total_deduction(c, i)
    if i.assets > limit:
        return Traced(ZERO)
    return Traced(money(max(ZERO, gross - deductions)), f"max(0, {fmt(gross)} − {fmt(deductions)})")


@rule(
    "fritidstillaeg",
    N_("Fritidstillæg, skattefrit (%(children)s børn, højst 3; fra 3. måned med hjælp)"),
    "kr_per_month",
    f"{LAW}, som ændret ved lov nr. 1655 af 30. december 2024 (fritidstillæg)",
)
def fritidstillaeg(c: Calc, i: KontanthjaelpInputs) -> Traced | None:
    """Per child (at most 3), a quarter of it for single providers; only while help is paid."""
    if not i.has_children or c(monthly_amount, i) <= 0:
        return None
    if i.children_count is None:
        c.warn(
            "children_count_assumed",
            N_("Antallet af børn er ikke oplyst; fritidstillægget er regnet for ét barn."),
        )
    children = Decimal(1 if i.children_count is None else i.children_count)
    counted = min(children, c.rate("kontanthjaelp.fritidstillaeg_max_children"))
    key = (
        "kontanthjaelp.fritidstillaeg_single_provider_per_child"
        if i.single_provider
        else "kontanthjaelp.fritidstillaeg_per_child"
    )
    per_child = c.rate(key)
    c.warn(
        "fritidstillaeg_after_3_months",
        N_(
            "Fritidstillægget udbetales, når du har fået kontanthjælp i 3 måneder, og du skal "
            "vise kvitteringer for en tredjedel af det."
        ),
    )
    return Traced(
        money(per_child * counted),
        f"{fmt(per_child)} × {fmt(counted)}",
        params={"children": counted},
    )


def calculate(inputs: KontanthjaelpInputs, rates: RateSet) -> Result:
    """Monthly kontanthjælp with each tillæg and deduction, for ``inputs``."""
    c = Calc("kontanthjaelp", rates)
    kind = choose_rate(inputs)
    if inputs.age >= FOLKEPENSION_AGE_NOTE:
        c.warn(
            "pension_age",
            N_("Fra folkepensionsalderen afløses kontanthjælp af folkepension."),
        )
    base = c(base_rate, inputs)
    if kind == "hjemmeboende_sats":
        c.warn(
            "placeholder_rate",
            N_(
                "Den nye sats for hjemmeboende er ikke fundet; der bruges et skøn ud fra den "
                "gamle sats."
            ),
        )
    if (
        kind == "mindstesats"
        and inputs.age < 30
        and inputs.living_with_parents
        and not inputs.has_children
    ):
        c.warn(
            "rate_order_unverified",
            N_(
                "Under 30 år, hjemmeboende og uden opholdskravet: om mindstesats eller sats for "
                "hjemmeboende gælder, er ikke kontrolleret."
            ),
        )
    extra = supplements(c, inputs)
    gross = c(gross_entitlement, inputs)
    limit = c(asset_limit, inputs)
    rule_for_earnings = earnings_rule(c, inputs)
    own = c.value(earnings_deduction, inputs) or ZERO
    other = c.value(other_income_deduction, inputs) or ZERO
    partner = c.value(partner_deduction, inputs) or ZERO
    amount = c(monthly_amount, inputs)
    leisure = c.value(fritidstillaeg, inputs) or ZERO
    ruled_out: list[JSONValue] = []
    if inputs.assets > limit:
        ruled_out.append("assets")
    if inputs.married and partner >= gross and not ruled_out:
        ruled_out.append("partner_income")
    if not ruled_out and amount == 0 and gross > 0:
        ruled_out.append("income")
    details: dict[str, JSONValue] = {
        "rate_type": kind,
        "eligible_for_payment": amount > 0,
        "ruled_out_by": ruled_out,
        "supplements": dict[str, JSONValue](extra),
        "krone_for_krone_limit": rule_for_earnings.full_threshold,
    }
    return c.result(
        {
            "base_rate": base,
            "supplements_total": sum(extra.values(), ZERO),
            "boernetillaeg": extra.get("boernetillaeg", ZERO),
            "enlig_forsoerger_tillaeg": extra.get("enlig_forsoerger_tillaeg", ZERO),
            "enlig_ikke_forsoerger_tillaeg": extra.get("enlig_ikke_forsoerger_tillaeg", ZERO),
            "saerligt_ungetillaeg": extra.get("saerligt_ungetillaeg", ZERO),
            "tilpasningstillaeg": extra.get("tilpasningstillaeg", ZERO),
            "gross_entitlement": gross,
            "earnings_deduction": own,
            "other_income_deduction": other,
            "partner_deduction": partner,
            "monthly_amount": amount,
            "fritidstillaeg": leisure,
            "total_income": money(amount + inputs.own_earnings + inputs.other_income),
        },
        details,
    )


SPEC: CalculatorSpec[KontanthjaelpInputs] = CalculatorSpec(
    name="kontanthjaelp",
    title=N_("Kontanthjælp"),
    english_title="Social assistance (kontanthjælp)",
    description=N_(
        "Kontanthjælp fra 1. juli 2025: din sats, tillæg og hvad din indtægt og formue betyder."
    ),
    fields=input_fields(KontanthjaelpInputs),
    build=builder(KontanthjaelpInputs, validate),
    compute=calculate,
    legal_basis=LAW,
    help_topic="kontanthjaelp_amount",
    audiences=("citizen",),
    main_amounts=(
        MainAmount("monthly_amount", N_("Kontanthjælp pr. måned før skat"), "kr_per_month"),
        MainAmount("gross_entitlement", N_("Sats med tillæg før fradrag"), "kr_per_month"),
        MainAmount("fritidstillaeg", N_("Fritidstillæg pr. måned, skattefrit"), "kr_per_month"),
        MainAmount(
            "total_income", N_("Samlet indkomst pr. måned med dine egne indtægter"), "kr_per_month"
        ),
    ),
    not_included=(
        N_("Skat: beløbet er før skat."),
        N_("Boligstøtte og særlig støtte."),
        N_("Hjælp til enkeltudgifter, fx tandbehandling eller medicin."),
        N_("Kommunens individuelle vurdering af din situation. Kommunen træffer afgørelsen."),
    ),
)
