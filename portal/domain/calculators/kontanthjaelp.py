"""Kontanthjælp under the system in force from 1 July 2025 (L 13, 2024-25).

What is encoded, and how sure it is:

* Rate (aktivloven § 16): mindstesats if the residence and employment
  requirement is not met; the sats for hjemmeboende if under 30, living with a
  parent and without own child; forhøjet sats from 30, or 25-29 with 2½ years
  of full-time work in the last 10 years; otherwise grundsats. (Structure
  confirmed by borger.dk/municipalities; which rate wins when someone under 30
  both lives at home and lacks the residence requirement is not verified.)
* Tillæg (§§ 17-19): børnetillæg (one per person), tillæg til enlige
  forsørgere (mindstesats/grundsats), tillæg til enlige ikke-forsørgere
  (grundsats/forhøjet sats), særligt ungetillæg (under 30, aktivitetsparat,
  grundsats). The 2025 amounts are confirmed by a municipality.
* Earnings (agreement of 13 Oct 2023 as summarised by a law firm; the enacted
  § 30 ff. was NOT read): a monthly fribeløb (5.000 kr. on grundsats and
  mindstesats, 2.500 kr. on forhøjet sats, none for hjemmeboende), 65 % of
  earnings above it deducted, and krone for krone once earnings plus help
  reach 85 % (forhøjet sats: 100 %) of the highest dagpenge rate. Applied here
  to gross monthly earnings.
* Other income is deducted krone for krone. Assets above the formuegrænse
  (15.500 kr. per person, 31.000 kr. for a married couple - third party) rule
  help out until they are used.
* Married couples have a mutual duty of support: the spouse's earnings
  (same deduction rule) and other income reduce the help. Cohabitants do not.
  Simplified; the treatment under the new rules was not verified.
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
    JSONValue,
    Result,
    Text,
    boolean,
    dec,
    fmt,
    integer,
    money,
    pct,
    text,
    year_field,
)
from portal.domain.rates import RateSet

LAW = "Lov om aktiv socialpolitik"
FOLKEPENSION_AGE_NOTE = 67

RATE_KEYS = {
    "mindstesats": "kontanthjaelp.mindstesats",
    "grundsats": "kontanthjaelp.grundsats",
    "forhoejet_sats": "kontanthjaelp.forhoejet_sats",
    "hjemmeboende_sats": "kontanthjaelp.hjemmeboende_sats",
}
RATE_NAMES = {
    "mindstesats": Text("Minimum rate (mindstesats)", "Mindstesats"),
    "grundsats": Text("Basic rate (grundsats)", "Grundsats"),
    "forhoejet_sats": Text("Higher rate (forhøjet sats)", "Forhøjet sats"),
    "hjemmeboende_sats": Text(
        "Rate for people living with parents (hjemmeboende)", "Sats for hjemmeboende"
    ),
}


@dataclass(frozen=True)
class KontanthjaelpInputs:
    """Inputs of the kontanthjælp calculator (all money per month, assets in kr.)."""

    year: int
    age: int
    residence_requirement_met: bool = True
    worked_2_5_years: bool = False
    living_with_parents: bool = False
    has_children: bool = False
    civil_status: str = "single"
    single_provider: bool = False
    activity_ready: bool = False
    own_earnings: Decimal = ZERO
    other_income: Decimal = ZERO
    assets: Decimal = ZERO
    partner_earnings: Decimal = ZERO
    partner_other_income: Decimal = ZERO
    partner_receives_kontanthjaelp: bool = False


def _money_field(
    name: str,
    label: Text,
    help_text: Text | None = None,
    *,
    shown_when: tuple[str, str] | None = None,
) -> FieldSpec:
    return FieldSpec(
        name,
        "decimal",
        label,
        default=ZERO,
        minimum=ZERO,
        maximum=Decimal(10_000_000),
        unit="kr_per_month",
        help=help_text,
        shown_when=shown_when,
    )


FIELDS: tuple[FieldSpec, ...] = (
    year_field(),
    FieldSpec(
        "age",
        "integer",
        Text("Age", "Alder"),
        required=True,
        minimum=Decimal(18),
        maximum=Decimal(80),
        unit="years",
    ),
    FieldSpec(
        "residence_requirement_met",
        "boolean",
        Text(
            "Meets the residence and employment requirement",
            "Opfylder opholds- og beskæftigelseskravet",
        ),
        default=True,
        help=Text(
            "Lawful residence in Denmark for 9 of the last 10 years and about 2½ years of "
            "full-time work in the last 10 years. If not, the mindstesats applies.",
            "Lovligt ophold i Danmark i 9 af de seneste 10 år og ca. 2½ års fuldtidsarbejde "
            "inden for de seneste 10 år. Ellers gælder mindstesatsen.",
        ),
    ),
    FieldSpec(
        "worked_2_5_years",
        "boolean",
        Text(
            "Has 2½ years of full-time work in the last 10 years",
            "Har 2½ års fuldtidsarbejde inden for de seneste 10 år",
        ),
        default=False,
        help=Text("Gives the forhøjet sats from age 25.", "Giver forhøjet sats fra 25 år."),
    ),
    FieldSpec(
        "living_with_parents",
        "boolean",
        Text("Lives with one or both parents", "Bor hjemme hos en eller begge forældre"),
        default=False,
    ),
    FieldSpec(
        "has_children",
        "boolean",
        Text("Has children under 18 to support", "Har børn under 18 år at forsørge"),
        default=False,
    ),
    FieldSpec(
        "civil_status",
        "choice",
        Text("Civil status", "Civilstand"),
        default="single",
        choices=("single", "married", "cohabiting"),
        choice_labels={
            "single": Text("Single", "Enlig"),
            "married": Text("Married", "Gift"),
            "cohabiting": Text("Living with a partner, not married", "Samlevende, ikke gift"),
        },
    ),
    FieldSpec(
        "single_provider",
        "boolean",
        Text("Single provider with extra child benefit", "Enlig forsørger med ekstra børnetilskud"),
        default=False,
        help=Text(
            "Single, own child living at your address, entitled to ekstra børnetilskud.",
            "Enlig, eget barn på adressen og ret til ekstra børnetilskud.",
        ),
    ),
    FieldSpec(
        "activity_ready",
        "boolean",
        Text("Assessed as activity-ready (aktivitetsparat)", "Visiteret aktivitetsparat"),
        default=False,
        help=Text(
            "Gives the særligt ungetillæg under 30.", "Giver særligt ungetillæg under 30 år."
        ),
    ),
    _money_field(
        "own_earnings",
        Text(
            "Own earnings from work per month (before tax)",
            "Egen arbejdsindtægt pr. måned (før skat)",
        ),
    ),
    _money_field(
        "other_income",
        Text("Other income per month", "Anden indtægt pr. måned"),
        Text(
            "Other income is deducted krone for krone.",
            "Anden indtægt trækkes fra krone for krone.",
        ),
    ),
    FieldSpec(
        "assets",
        "decimal",
        Text(
            "Assets (savings, valuables) - for a married couple together",
            "Formue (opsparing, værdier) - for ægtefæller samlet",
        ),
        default=ZERO,
        minimum=ZERO,
        maximum=Decimal(1_000_000_000),
        unit="kr",
    ),
    _money_field(
        "partner_earnings",
        Text("Spouse's earnings per month", "Ægtefællens arbejdsindtægt pr. måned"),
        shown_when=("civil_status", "married"),
    ),
    _money_field(
        "partner_other_income",
        Text(
            "Spouse's other income per month (e.g. dagpenge, SU)",
            "Ægtefællens anden indtægt pr. måned (fx dagpenge, SU)",
        ),
        shown_when=("civil_status", "married"),
    ),
    FieldSpec(
        "partner_receives_kontanthjaelp",
        "boolean",
        Text("Spouse also receives kontanthjælp", "Ægtefællen får også kontanthjælp"),
        default=False,
        shown_when=("civil_status", "married"),
    ),
)


def build(values: dict[str, FieldValue]) -> KontanthjaelpInputs:
    """Typed inputs; a single provider must be single and have children."""
    civil = text(values, "civil_status")
    has_children = boolean(values, "has_children")
    single_provider = boolean(values, "single_provider")
    if single_provider and (civil != "single" or not has_children):
        raise CalculatorValidationError(
            {"single_provider": FieldError("single_provider_needs_single_with_children")}
        )
    return KontanthjaelpInputs(
        year=integer(values, "year"),
        age=integer(values, "age"),
        residence_requirement_met=boolean(values, "residence_requirement_met"),
        worked_2_5_years=boolean(values, "worked_2_5_years"),
        living_with_parents=boolean(values, "living_with_parents"),
        has_children=has_children,
        civil_status=civil,
        single_provider=single_provider,
        activity_ready=boolean(values, "activity_ready"),
        own_earnings=dec(values, "own_earnings"),
        other_income=dec(values, "other_income"),
        assets=dec(values, "assets"),
        partner_earnings=dec(values, "partner_earnings"),
        partner_other_income=dec(values, "partner_other_income"),
        partner_receives_kontanthjaelp=boolean(values, "partner_receives_kontanthjaelp"),
    )


def choose_rate(inputs: KontanthjaelpInputs) -> str:
    """Which of the four rates applies."""
    if not inputs.residence_requirement_met:
        return "mindstesats"
    if inputs.age < 30 and inputs.living_with_parents and not inputs.has_children:
        return "hjemmeboende_sats"
    if inputs.age >= 30 or (inputs.age >= 25 and inputs.worked_2_5_years):
        return "forhoejet_sats"
    return "grundsats"


@dataclass(frozen=True)
class _EarningsRule:
    fribeloeb: Decimal
    share: Decimal
    full_threshold: Decimal


def _earnings_deduction(
    earnings: Decimal, gross: Decimal, rule: _EarningsRule
) -> tuple[Decimal, Decimal]:
    """Deduction for earnings, and the earnings level where krone-for-krone starts.

    Marginal deduction: 0 up to the fribeløb, ``share`` above it, and 1 once
    earnings + help reach ``full_threshold``. Never negative, never decreasing.
    """
    f, s = rule.fribeloeb, rule.share
    # Earnings at which earnings + (gross - s*(E - f)) == threshold.
    crossing = (rule.full_threshold - gross - s * f) / (1 - s) if s < 1 else f
    kk_start = max(f, crossing)
    deduction = s * max(ZERO, earnings - f) + (1 - s) * max(ZERO, earnings - kk_start)
    return deduction, kk_start


def calculate(inputs: KontanthjaelpInputs, rates: RateSet) -> Result:
    """Monthly kontanthjælp with each tillæg and deduction, for ``inputs``."""
    c = Calc("kontanthjaelp", rates)
    if inputs.age >= FOLKEPENSION_AGE_NOTE:
        c.warn(
            "pension_age",
            Text(
                "From the folkepension age, kontanthjælp is replaced by folkepension.",
                "Fra folkepensionsalderen afløses kontanthjælp af folkepension.",
            ),
        )
    rate_type = choose_rate(inputs)
    base = c.rate(RATE_KEYS[rate_type])
    c.step(
        "base_rate",
        RATE_NAMES[rate_type],
        base,
        "kr_per_month",
        f"{LAW} § 16",
    )
    if rate_type == "hjemmeboende_sats":
        c.warn(
            "placeholder_rate",
            Text(
                "The new rate for people living with their parents was not found; a placeholder "
                "based on the old rate is used.",
                "Den nye sats for hjemmeboende er ikke fundet; der bruges et skøn ud fra den "
                "gamle sats.",
            ),
        )
    if (
        rate_type == "mindstesats"
        and inputs.age < 30
        and inputs.living_with_parents
        and not inputs.has_children
    ):
        c.warn(
            "rate_order_unverified",
            Text(
                "Under 30, living at home and without the residence requirement: whether the "
                "mindstesats or the hjemmeboende sats applies is not verified.",
                "Under 30 år, hjemmeboende og uden opholdskravet: om mindstesats eller sats for "
                "hjemmeboende gælder, er ikke kontrolleret.",
            ),
        )

    supplements: dict[str, Decimal] = {}
    if inputs.has_children:
        supplements["boernetillaeg"] = c.rate("kontanthjaelp.boernetillaeg")
        c.step(
            "boernetillaeg",
            Text("Child supplement (one per person)", "Børnetillæg (ét pr. person)"),
            supplements["boernetillaeg"],
            "kr_per_month",
            f"{LAW} § 17",
        )
    if inputs.single_provider and rate_type in ("mindstesats", "grundsats"):
        supplements["enlig_forsoerger_tillaeg"] = c.rate("kontanthjaelp.enlig_forsoerger_tillaeg")
        c.step(
            "enlig_forsoerger_tillaeg",
            Text("Supplement for single providers", "Tillæg til enlige forsørgere"),
            supplements["enlig_forsoerger_tillaeg"],
            "kr_per_month",
            f"{LAW} § 18",
        )
    if (
        inputs.civil_status == "single"
        and not inputs.has_children
        and rate_type in ("grundsats", "forhoejet_sats")
    ):
        supplements["enlig_ikke_forsoerger_tillaeg"] = c.rate(
            "kontanthjaelp.enlig_ikke_forsoerger_tillaeg"
        )
        c.step(
            "enlig_ikke_forsoerger_tillaeg",
            Text(
                "Supplement for single people without children",
                "Tillæg til enlige uden forsørgelsespligt",
            ),
            supplements["enlig_ikke_forsoerger_tillaeg"],
            "kr_per_month",
            f"{LAW} § 18",
        )
    if inputs.age < 30 and inputs.activity_ready:
        if rate_type == "grundsats":
            if inputs.has_children:
                key = "kontanthjaelp.saerligt_ungetillaeg_forsoerger"
            elif inputs.age < 25:
                key = "kontanthjaelp.saerligt_ungetillaeg_under_25"
            else:
                key = "kontanthjaelp.saerligt_ungetillaeg_25_29"
            supplements["saerligt_ungetillaeg"] = c.rate(key)
            c.step(
                "saerligt_ungetillaeg",
                Text(
                    "Special youth supplement (aktivitetsparat, under 30)",
                    "Særligt ungetillæg (aktivitetsparat, under 30 år)",
                ),
                supplements["saerligt_ungetillaeg"],
                "kr_per_month",
                f"{LAW} § 19",
            )
        elif rate_type == "hjemmeboende_sats":
            c.warn(
                "youth_supplement_unverified",
                Text(
                    "Whether the særligt ungetillæg is paid on the hjemmeboende sats is not "
                    "verified; it was not added.",
                    "Om særligt ungetillæg gives til hjemmeboende, er ikke kontrolleret; det er "
                    "ikke lagt til.",
                ),
            )
    if inputs.age < 30 and rate_type == "grundsats":
        c.warn(
            "transition_supplement_not_included",
            Text(
                "A temporary adjustment supplement (1 July 2025 - 30 June 2027) may apply to "
                "people under 30 who already received help; it is not included.",
                "Et midlertidigt tilpasningstillæg (1. juli 2025 - 30. juni 2027) kan gælde for "
                "unge under 30, der allerede fik hjælp; det er ikke medregnet.",
            ),
        )
    if inputs.has_children:
        c.warn(
            "fritidstillaeg_not_included",
            Text(
                "The fritidstillæg per child is not included (amounts and conditions not "
                "verified).",
                "Fritidstillæg pr. barn er ikke medregnet (beløb og betingelser er ikke "
                "kontrolleret).",
            ),
        )
    supplements_total = sum(supplements.values(), ZERO)
    gross = base + supplements_total
    c.step(
        "gross_entitlement",
        Text("Help before deductions", "Hjælp før fradrag"),
        gross,
        "kr_per_month",
        f"{LAW} §§ 16-19",
        " + ".join(fmt(v) for v in (base, *supplements.values())),
    )

    married = inputs.civil_status == "married"
    ruled_out: list[JSONValue] = []
    # Assets
    limit = c.rate(
        "kontanthjaelp.formuegraense_couple" if married else "kontanthjaelp.formuegraense_person"
    )
    c.step(
        "asset_limit",
        Text(
            "Assets that are disregarded (formuegrænse)", "Formue, der ses bort fra (formuegrænse)"
        ),
        limit,
        "kr",
        f"{LAW} § 14",
    )
    assets_ok = inputs.assets <= limit
    if not assets_ok:
        ruled_out.append("assets")
        c.warn(
            "assets_above_limit",
            Text(
                "Assets of {assets} kr. are above the limit of {limit} kr.: the assets above the "
                "limit must be used first, so no help is paid now.",
                "Formue på {assets} kr. er over grænsen på {limit} kr.: formuen over grænsen "
                "skal bruges først, så der udbetales ikke hjælp nu.",
            ),
            assets=fmt(inputs.assets),
            limit=fmt(limit),
        )

    # Earnings rule for this rate
    dagpenge_max = c.rate("dagpenge.max_full_time")
    if rate_type == "forhoejet_sats":
        fribeloeb = c.rate("kontanthjaelp.fribeloeb_forhoejet")
        threshold_pct = c.rate("kontanthjaelp.full_deduction_forhoejet_pct")
    elif rate_type == "hjemmeboende_sats":
        fribeloeb = ZERO
        threshold_pct = c.rate("kontanthjaelp.full_deduction_grund_mindste_pct")
        c.warn(
            "hjemmeboende_earnings_rule",
            Text(
                "For hjemmeboende no fribeløb is applied, and the krone-for-krone limit of the "
                "grundsats is assumed (not verified).",
                "For hjemmeboende er der intet fribeløb, og grundsatsens grænse for "
                "krone-for-krone fradrag er antaget (ikke kontrolleret).",
            ),
        )
    else:
        fribeloeb = c.rate("kontanthjaelp.fribeloeb_grund_mindste")
        threshold_pct = c.rate("kontanthjaelp.full_deduction_grund_mindste_pct")
    share = pct(c.rate("kontanthjaelp.earnings_deduction_pct"))
    full_threshold = money(dagpenge_max * pct(threshold_pct))
    rule = _EarningsRule(fribeloeb, share, full_threshold)

    own_deduction = ZERO
    if inputs.own_earnings > 0:
        own_deduction, kk_start = _earnings_deduction(inputs.own_earnings, gross, rule)
        own_deduction = money(own_deduction)
        c.step(
            "earnings_deduction",
            Text(
                "Deduction for own earnings: {fri} kr. free, {share} % above, krone for krone "
                "once earnings plus help reach {limit} kr.",
                "Fradrag for egen arbejdsindtægt: {fri} kr. fri, {share} % derover, krone for "
                "krone når indtægt plus hjælp når {limit} kr.",
            ).format(fri=fmt(fribeloeb), share=fmt(share * 100), limit=fmt(full_threshold)),
            own_deduction,
            "kr_per_month",
            f"{LAW} § 30 ff. (ny regel fra 1. juli 2025, ikke kontrolleret i lovteksten)",
            f"{fmt(share * 100)} % × ({fmt(inputs.own_earnings)} − {fmt(fribeloeb)})"
            + (
                f" + {fmt((1 - share) * 100)} % × ({fmt(inputs.own_earnings)} − "
                f"{fmt(money(kk_start))})"
                if inputs.own_earnings > kk_start
                else ""
            ),
        )
        c.warn(
            "earnings_rule_unverified",
            Text(
                "The new earnings rule is applied to gross earnings as described in the "
                "political agreement; the enacted rule was not verified and may use earnings "
                "after tax.",
                "Den nye regel for arbejdsindtægt er brugt på indtægten før skat som beskrevet i "
                "den politiske aftale; den vedtagne regel er ikke kontrolleret og kan bruge "
                "indtægten efter skat.",
            ),
        )
    other_deduction = money(inputs.other_income)
    if other_deduction > 0:
        c.step(
            "other_income_deduction",
            Text(
                "Other income, deducted krone for krone",
                "Anden indtægt, fratrukket krone for krone",
            ),
            other_deduction,
            "kr_per_month",
            f"{LAW} § 30",
        )

    partner_deduction = ZERO
    if married:
        if inputs.partner_receives_kontanthjaelp:
            c.warn(
                "partner_on_kontanthjaelp",
                Text(
                    "The spouse also receives kontanthjælp: each spouse's help is calculated "
                    "separately; the spouse's income is not deducted here.",
                    "Ægtefællen får også kontanthjælp: hver ægtefælles hjælp beregnes for sig; "
                    "ægtefællens indtægt er ikke trukket fra her.",
                ),
            )
        else:
            partner_earn_ded = max(ZERO, inputs.partner_earnings - fribeloeb)
            partner_deduction = money(partner_earn_ded + inputs.partner_other_income)
            c.step(
                "partner_deduction",
                Text(
                    "Spouse's income (mutual duty of support): earnings above the fribeløb and "
                    "other income",
                    "Ægtefællens indtægt (gensidig forsørgelsespligt): arbejdsindtægt over "
                    "fribeløbet og anden indtægt",
                ),
                partner_deduction,
                "kr_per_month",
                f"{LAW} § 2 og § 30 (gensidig forsørgelsespligt mellem ægtefæller)",
                f"max(0, {fmt(inputs.partner_earnings)} − {fmt(fribeloeb)}) + "
                f"{fmt(inputs.partner_other_income)}",
            )
            c.warn(
                "spouse_rule_simplified",
                Text(
                    "The spouse's income is counted in a simplified way (earnings above the "
                    "fribeløb, other income in full); the municipality's calculation may differ.",
                    "Ægtefællens indtægt er medregnet forenklet (arbejdsindtægt over fribeløbet, "
                    "anden indtægt fuldt ud); kommunens beregning kan afvige.",
                ),
            )
            if partner_deduction >= gross:
                ruled_out.append("partner_income")
    elif inputs.civil_status == "cohabiting":
        c.warn(
            "cohabitant_income_ignored",
            Text(
                "Cohabitants who are not married have no duty to support each other; the "
                "partner's income does not reduce the help.",
                "Samlevende, der ikke er gift, har ikke gensidig forsørgelsespligt; partnerens "
                "indtægt nedsætter ikke hjælpen.",
            ),
        )

    total_deduction = own_deduction + other_deduction + partner_deduction
    amount = money(max(ZERO, gross - total_deduction)) if assets_ok else ZERO
    if assets_ok and amount == 0 and gross > 0 and not ruled_out:
        ruled_out.append("income")
    c.step(
        "monthly_amount",
        Text("Kontanthjælp per month (before tax)", "Kontanthjælp pr. måned (før skat)"),
        amount,
        "kr_per_month",
        f"{LAW} §§ 16-19 og 30",
        f"max(0, {fmt(gross)} − {fmt(total_deduction)})" if assets_ok else None,
    )
    details: dict[str, JSONValue] = {
        "rate_type": rate_type,
        "eligible_for_payment": amount > 0,
        "ruled_out_by": list(ruled_out),
        "supplements": dict[str, JSONValue](supplements),
        "krone_for_krone_limit": full_threshold,
    }
    return c.result(
        {
            "base_rate": base,
            "supplements_total": supplements_total,
            "boernetillaeg": supplements.get("boernetillaeg", ZERO),
            "enlig_forsoerger_tillaeg": supplements.get("enlig_forsoerger_tillaeg", ZERO),
            "enlig_ikke_forsoerger_tillaeg": supplements.get("enlig_ikke_forsoerger_tillaeg", ZERO),
            "saerligt_ungetillaeg": supplements.get("saerligt_ungetillaeg", ZERO),
            "gross_entitlement": gross,
            "earnings_deduction": own_deduction,
            "other_income_deduction": other_deduction,
            "partner_deduction": partner_deduction,
            "monthly_amount": amount,
            "total_income": money(amount + inputs.own_earnings + inputs.other_income),
        },
        details,
    )


SPEC: CalculatorSpec[KontanthjaelpInputs] = CalculatorSpec(
    name="kontanthjaelp",
    title=Text("Social assistance (kontanthjælp)", "Kontanthjælp"),
    description=Text(
        "Kontanthjælp from 1 July 2025: your rate, supplements and what your income and assets "
        "mean.",
        "Kontanthjælp fra 1. juli 2025: din sats, tillæg og hvad din indtægt og formue betyder.",
    ),
    fields=FIELDS,
    build=build,
    compute=calculate,
    legal_basis=LAW,
)
