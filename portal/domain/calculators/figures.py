"""Rate figures explained to people: a name for every figure, who confirmed it, and why not.

The rate files (``content/rates/<year>.yaml``) are written for the people who keep
them: keys, formulas, English research notes. A citizen sees, for each figure used,
its name in their language, the amount, the date it is valid from and either
"confirmed by <authority>" or "not confirmed: <plain reason>". This module gives
those texts as Danish msgids (the web layer translates) - one list, checked by a
test against every key in every rate file.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from portal.domain.calculators.base import Msg
from portal.domain.rates import RateFigure, SourceKind, Status, UnconfirmedReason
from portal.domain.texts import N_

__all__ = ["FIGURE_NAMES", "authority", "figure_name", "status_text"]

FIGURE_NAMES: dict[str, str] = {
    # Regulation
    "regulation.psl20_pct": N_("Årlig regulering af skattegrænser (personskattelovens § 20)"),
    "regulation.psl20_index": N_("Reguleringstal for skattegrænser"),
    "regulation.tilpasningsprocent": N_("Tilpasningsprocent for året"),
    "regulation.transfer_pct": N_("Årlig regulering af dagpenge og andre ydelser"),
    "regulation.reduction_pct": N_("Lovbestemt nedsættelse af reguleringen"),
    # General
    "general.hours_per_month_full_time": N_("Timer i en måned, fuldtid"),
    "general.hours_per_month_part_time": N_("Timer i en måned, deltid"),
    "general.weekly_hours_full_time": N_("Timer i en arbejdsuge, fuldtid"),
    "general.weekly_hours_part_time": N_("Timer i en arbejdsuge, deltid"),
    "general.weeks_per_month": N_("Uger i en måned"),
    # Dagpenge
    "dagpenge.max_full_time": N_("Højeste dagpengesats, fuldtidsforsikret"),
    "dagpenge.max_part_time": N_("Højeste dagpengesats, deltidsforsikret"),
    "dagpenge.replacement_pct": N_("Dagpenge i procent af indkomsten efter AM-bidrag"),
    "dagpenge.employment_supplement_pct": N_("Højeste sats med beskæftigelsestillæg, i procent"),
    "dagpenge.max_full_time_with_supplement": N_(
        "Højeste sats med beskæftigelsestillæg, fuldtidsforsikret"
    ),
    "dagpenge.max_part_time_with_supplement": N_(
        "Højeste sats med beskæftigelsestillæg, deltidsforsikret"
    ),
    "dagpenge.higher_rate_hours_full_time": N_(
        "Timer med den højere sats i starten, fuldtidsforsikret"
    ),
    "dagpenge.higher_rate_hours_part_time": N_(
        "Timer med den højere sats i starten, deltidsforsikret"
    ),
    "dagpenge.graduate_provider_pct": N_("Dimittendsats med forsørgerpligt, i procent"),
    "dagpenge.graduate_provider_full_time": N_(
        "Dimittendsats med forsørgerpligt, fuldtidsforsikret"
    ),
    "dagpenge.graduate_provider_part_time": N_(
        "Dimittendsats med forsørgerpligt, deltidsforsikret"
    ),
    "dagpenge.graduate_pct": N_("Dimittendsats uden forsørgerpligt, i procent"),
    "dagpenge.graduate_full_time": N_("Dimittendsats uden forsørgerpligt, fuldtidsforsikret"),
    "dagpenge.graduate_part_time": N_("Dimittendsats uden forsørgerpligt, deltidsforsikret"),
    "dagpenge.graduate_later_under_30_pct": N_(
        "Dimittendsats senere i perioden, under 30 år, i procent"
    ),
    "dagpenge.graduate_later_under_30_full_time": N_(
        "Dimittendsats senere i perioden, under 30 år, fuldtidsforsikret"
    ),
    "dagpenge.graduate_later_under_30_part_time": N_(
        "Dimittendsats senere i perioden, under 30 år, deltidsforsikret"
    ),
    "dagpenge.graduate_later_30_plus_pct": N_(
        "Dimittendsats senere i perioden, 30 år og derover, i procent"
    ),
    "dagpenge.graduate_later_30_plus_full_time": N_(
        "Dimittendsats senere i perioden, 30 år og derover, fuldtidsforsikret"
    ),
    "dagpenge.graduate_later_30_plus_part_time": N_(
        "Dimittendsats senere i perioden, 30 år og derover, deltidsforsikret"
    ),
    "dagpenge.youth_pct": N_("Ungesats for unge under 25 år, i procent"),
    "dagpenge.youth_full_time": N_("Ungesats for unge under 25 år, fuldtidsforsikret"),
    "dagpenge.youth_part_time": N_("Ungesats for unge under 25 år, deltidsforsikret"),
    "dagpenge.youth_hours_full_time": N_("Timer før ungesatsen gælder, fuldtidsforsikret"),
    "dagpenge.youth_hours_part_time": N_("Timer før ungesatsen gælder, deltidsforsikret"),
    # Sygedagpenge
    "sygedagpenge.max_weekly": N_("Højeste sygedagpenge pr. uge"),
    "sygedagpenge.max_hourly": N_("Højeste sygedagpenge pr. time ved 37 timer om ugen"),
    # Fleksjob
    "fleksjob.max_subsidy_pct": N_("Højeste fleksløntilskud i procent af højeste dagpengesats"),
    "fleksjob.max_subsidy": N_("Højeste fleksløntilskud"),
    "fleksjob.reduction_low_pct": N_("Nedsættelse af tilskuddet for løn op til grænsen"),
    "fleksjob.reduction_high_pct": N_("Nedsættelse af tilskuddet for løn over grænsen"),
    "fleksjob.threshold": N_("Lønindtægtsgrænse for fleksløntilskud"),
    "fleksjob.atp_pct": N_("ATP-bidrag af fleksløntilskuddet, i procent"),
    "fleksjob.atp_max": N_("Højeste ATP-bidrag af fleksløntilskuddet pr. måned"),
    # Løntilskud
    "loentilskud.private_hourly_rate": N_("Løntilskud pr. time, privat arbejdsgiver"),
    "loentilskud.private_aid_cap_pct": N_("Støtteloft: højeste tilskud i procent af lønnen"),
    "loentilskud.public_hourly_rate": N_("Løntilskud pr. time, offentlig arbejdsgiver"),
    "loentilskud.public_max_hourly_wage": N_("Timeløn i offentligt løntilskud"),
    "loentilskud.max_months_private": N_("Længste periode med løntilskud, privat arbejdsgiver"),
    "loentilskud.max_months_public": N_("Længste periode med løntilskud, offentlig arbejdsgiver"),
    "loentilskud.ratio_employees_per_subsidised_small": N_(
        "Ordinært ansatte pr. person med løntilskud (op til grænsen)"
    ),
    "loentilskud.ratio_small_limit": N_("Grænse for antal ansatte i rimelighedskravet"),
    "loentilskud.ratio_employees_per_subsidised_large": N_(
        "Ordinært ansatte pr. person med løntilskud (over grænsen)"
    ),
    # Kontanthjælp
    "kontanthjaelp.mindstesats": N_("Kontanthjælp, mindstesats"),
    "kontanthjaelp.grundsats": N_("Kontanthjælp, grundsats"),
    "kontanthjaelp.forhoejet_sats": N_("Kontanthjælp, forhøjet sats"),
    "kontanthjaelp.hjemmeboende_sats": N_("Kontanthjælp, sats for hjemmeboende under 30 år"),
    "kontanthjaelp.boernetillaeg": N_("Børnetillæg"),
    "kontanthjaelp.enlig_forsoerger_tillaeg": N_("Tillæg til enlige forsørgere"),
    "kontanthjaelp.enlig_ikke_forsoerger_tillaeg": N_("Tillæg til enlige uden børn"),
    "kontanthjaelp.saerligt_ungetillaeg_under_25": N_("Særligt ungetillæg, under 25 år"),
    "kontanthjaelp.saerligt_ungetillaeg_25_29": N_("Særligt ungetillæg, 25-29 år"),
    "kontanthjaelp.saerligt_ungetillaeg_forsoerger": N_("Særligt ungetillæg, forsørgere"),
    "kontanthjaelp.tilpasningstillaeg": N_("Midlertidigt tilpasningstillæg"),
    "kontanthjaelp.fritidstillaeg_per_child": N_("Fritidstillæg pr. barn"),
    "kontanthjaelp.fritidstillaeg_single_provider_per_child": N_(
        "Fritidstillæg pr. barn, enlige forsørgere"
    ),
    "kontanthjaelp.fritidstillaeg_max_children": N_("Højeste antal børn med fritidstillæg"),
    "kontanthjaelp.fribeloeb_grund_mindste": N_(
        "Arbejdsindtægt, der ikke trækkes fra (grundsats og mindstesats)"
    ),
    "kontanthjaelp.fribeloeb_forhoejet": N_("Arbejdsindtægt, der ikke trækkes fra (forhøjet sats)"),
    "kontanthjaelp.earnings_deduction_pct": N_("Del af arbejdsindtægten, der trækkes fra"),
    "kontanthjaelp.full_deduction_grund_mindste_pct": N_(
        "Grænse for fuldt fradrag i procent af højeste dagpenge (grundsats og mindstesats)"
    ),
    "kontanthjaelp.full_deduction_forhoejet_pct": N_(
        "Grænse for fuldt fradrag i procent af højeste dagpenge (forhøjet sats)"
    ),
    "kontanthjaelp.formuegraense_person": N_("Formue, der ses bort fra, pr. person"),
    "kontanthjaelp.formuegraense_couple": N_("Formue, der ses bort fra, for ægtepar"),
    # Tax
    "tax.am_bidrag_pct": N_("Arbejdsmarkedsbidrag"),
    "tax.bundskat_pct": N_("Bundskat"),
    "tax.kommuneskat_avg_pct": N_("Kommuneskat, gennemsnit for hele landet"),
    "tax.personfradrag": N_("Personfradrag"),
    "tax.beskaeftigelsesfradrag_pct": N_("Beskæftigelsesfradrag, i procent"),
    "tax.beskaeftigelsesfradrag_max": N_("Højeste beskæftigelsesfradrag"),
    "tax.jobfradrag_pct": N_("Jobfradrag, i procent"),
    "tax.jobfradrag_threshold": N_("Indkomst, jobfradraget beregnes over"),
    "tax.jobfradrag_max": N_("Højeste jobfradrag"),
    # The state's refund of municipal benefit costs
    "refusion.weeks_1_4_pct": N_("Statens refusion til kommunen, uge 1-4"),
    "refusion.weeks_5_26_pct": N_("Statens refusion til kommunen, uge 5-26"),
    "refusion.weeks_27_52_pct": N_("Statens refusion til kommunen, uge 27-52"),
    "refusion.after_52_pct": N_("Statens refusion til kommunen, efter uge 52"),
    "refusion.cofinancing_weeks_1_4_pct": N_("Kommunens medfinansiering af dagpenge, uge 1-4"),
    "refusion.cofinancing_weeks_5_26_pct": N_("Kommunens medfinansiering af dagpenge, uge 5-26"),
    "refusion.cofinancing_weeks_27_52_pct": N_("Kommunens medfinansiering af dagpenge, uge 27-52"),
    "refusion.cofinancing_after_52_pct": N_("Kommunens medfinansiering af dagpenge, efter uge 52"),
    "refusion.reset_self_support_weeks": N_(
        "Uger som selvforsørgende, før refusionen starter forfra"
    ),
}


def figure_name(key: str) -> str:
    """The msgid naming a figure (a reference figure is named after the figure it feeds)."""
    if key in FIGURE_NAMES:
        return FIGURE_NAMES[key]
    return N_("Sats uden navn")


# Hosts of official sources -> the authority named on the page (msgids).
_AUTHORITIES: dict[str, str] = {
    "bm.dk": N_("Beskæftigelsesministeriet"),
    "star.dk": N_("Styrelsen for Arbejdsmarked og Rekruttering"),
    "skm.dk": N_("Skatteministeriet"),
    "skat.dk": N_("Skattestyrelsen"),
    "info.skat.dk": N_("Skattestyrelsen"),
    "borger.dk": "borger.dk",
    "ft.dk": N_("Folketinget"),
    "retsinformation.dk": N_("Retsinformation"),
    "dst.dk": N_("Danmarks Statistik"),
    "virk.dk": "virk.dk",
    "kk.dk": N_("Københavns Kommune"),
}

# Municipal hosts whose name is not simply "<Host> Kommune".
_MUNICIPALITY_NAMES: dict[str, str] = {
    "helsingor.dk": "Helsingør",
    "naestved.dk": "Næstved",
    "koege.dk": "Køge",
    "aarhus.dk": "Aarhus",
}


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def authority(fig: RateFigure) -> Msg:
    """Who confirmed the figure, as a text: "Beskæftigelsesministeriet", "Slagelse Kommune",
    or "the law text"."""
    if fig.source_kind is SourceKind.LAW_TEXT:
        return Msg(N_("lovteksten"))
    host = _host(fig.source_url)
    for known, name in _AUTHORITIES.items():
        if host == known or host.endswith("." + known):
            return Msg(name)
    if fig.source_kind is SourceKind.MUNICIPAL:
        base = host.rsplit(".", 1)[0]
        name = _MUNICIPALITY_NAMES.get(host, base.replace("-", " ").title())
        return Msg(N_("%(name)s Kommune"), {"name": name})
    return Msg(N_("en officiel kilde"))


_REASONS: dict[UnconfirmedReason, str] = {
    UnconfirmedReason.THIRD_PARTY: N_(
        "tallet er kun oplyst af en ikke-officiel kilde, fx en a-kasse eller et advokatfirma"
    ),
    UnconfirmedReason.FROM_UNCONFIRMED: N_(
        "tallet er regnet ud fra et andet tal, som ikke er bekræftet"
    ),
    UnconfirmedReason.NOT_PUBLISHED: N_(
        "satsen for året er endnu ikke offentliggjort, så tallet er et skøn"
    ),
    UnconfirmedReason.STALE: N_(
        "vi har kun fundet satsen for et tidligere år; den rigtige sats er højere"
    ),
    UnconfirmedReason.PLACEHOLDER: N_("vi har ikke fundet en kilde, så tallet er et groft skøn"),
    UnconfirmedReason.RULE_NOT_READ: N_(
        "beløbet kommer fra en officiel side, men selve reglen i loven er ikke læst"
    ),
    UnconfirmedReason.NEXT_YEAR: N_(
        "tallet er overført fra året før og er endnu ikke bekræftet for dette år"
    ),
}


def status_text(fig: RateFigure) -> Msg:
    """The figure's status in plain words for the page."""
    if fig.status is Status.CONFIRMED:
        if fig.source_kind is SourceKind.LAW_TEXT:
            return Msg(N_("Bekræftet i lovteksten"))
        return Msg(N_("Bekræftet af %(authority)s"), {"authority": authority(fig)})
    if fig.status is Status.DERIVED:
        return Msg(N_("Beregnet efter lovens regel ud fra bekræftede tal"))
    reason = fig.unconfirmed_reason or UnconfirmedReason.PLACEHOLDER
    return Msg(N_("Ikke bekræftet: %(reason)s"), {"reason": Msg(_REASONS[reason])})
