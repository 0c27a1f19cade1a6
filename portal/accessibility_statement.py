"""The accessibility statement: facts from content/accessibility.yaml, sentences from here.

The statement must say what the automated and keyboard tests check. The list of page types
below is that list: tests/a11y reads `CHECKED_PAGE_TYPES` and fails when a page type has no
check, so the statement cannot promise more than the tests do (or less).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from flask import current_app

from portal.domain.texts import N_

# Page types checked by axe-core in Chromium (tests/a11y), in Danish, Arabic and Tigrinya.
CHECKED_PAGE_TYPES: dict[str, str] = {
    "home": N_("Forsiden"),
    "help_index": N_("Hjælp og svar"),
    "help_article": N_("En artikel i Hjælp og svar"),
    "calculator_form": N_("Hver beregner (formular)"),
    "calculator_result": N_("Hver beregner (resultat)"),
    "login": N_("Log ind og opret konto"),
    "citizen_home": N_("Borgerens forside med indbakke"),
    "journal": N_("Digital journal"),
    "journal_form": N_("Skriv i journalen"),
    "preparation": N_("Forberedelse til samtalen"),
    "booking": N_("Book den første samtale eller bed om at blive ringet op"),
    "progress": N_("Min udvikling med graf"),
    "meetings": N_("Mine samtaler"),
    "cancel_meeting": N_("Aflys en samtale (borger og sagsbehandler)"),
    "inbox": N_("Indbakke og svar"),
    "chat_open": N_("Chat med assistenten (åben)"),
    "account": N_("Konto"),
    "privacy": N_("Mine data og rettigheder"),
    "employer": N_("Virksomhedsindgangen og rekrutteringsønske"),
    "caseworker_home": N_("Sagsbehandlerens forside"),
    "availability": N_("Sagsbehandlerens ledige tider"),
    "queue": N_("Kø med henvendelser"),
    "case": N_("En sag i køen"),
    "brief": N_("Mødeoversigt"),
    "match_citizen": N_("Anonym jobprofil, forhåndsvisning og kontaktanmodning"),
    "match_employer": N_("Jobmatch for virksomheder: godkendelse, søgning, profil, beskeder"),
    "match_business": N_("Jobmatch i virksomhedsservice"),
    "admin": N_("Administration"),
    "insight": N_("Indsigt i assistenten"),
    "steering": N_("Effektstyring og refusionstrappen"),
    "accessibility": N_("Denne tilgængelighedserklæring"),
}

# What else the browser tests check, each on every run of the test suite.
OTHER_CHECKS: tuple[str, ...] = (
    N_(
        "En borger kan klare hele forløbet kun med tastaturet: oprette konto, skrive i "
        "journalen, forberede samtalen og bruge en beregner."
    ),
    N_(
        "Siderne kan bruges på en 320 pixel bred skærm og med zoom på 200 procent uden at rulle "
        "tekst vandret."
    ),
    N_("Ingen synlig tekst er mindre end 12 pixel, og brødtekst er mindst 16 pixel."),
    N_(
        "Efter en formular med fejl flyttes fokus til en oversigt over fejlene med links til "
        "felterne. Efter en gennemført handling flyttes fokus til bekræftelsen."
    ),
    N_(
        "Sider på arabisk og persisk vises fra højre mod venstre, også grafer, tabeller og "
        "formularer."
    ),
    N_(
        "Alle tekster i brugerfladen findes på alle syv sprog, og skrifttyper til arabisk og "
        "tigrinya leveres af Jobvej selv."
    ),
)

KNOWN_ISSUES: dict[str, str] = {
    "machine_translation": N_(
        "Tekster på engelsk er skrevet af os. Tekster på arabisk, ukrainsk, persisk, somali og "
        "tigrinya er oversat maskinelt og endnu ikke gennemlæst af en tolk. Den danske tekst er "
        "gældende."
    ),
    "chart_scroll": N_(
        "På en smal skærm skal man rulle vandret for at se hele grafen over din udvikling. De "
        "samme tal står i en tabel under grafen."
    ),
    "screen_reader_manual": N_(
        "Automatiske test finder kun en del af de mulige problemer. Jobvej er endnu ikke testet "
        "af brugere med handicap eller med alle skærmlæsere (fx JAWS, NVDA og VoiceOver)."
    ),
    "languages_sampled": N_(
        "De automatiske test af tilgængelighed kører på dansk, arabisk og tigrinya. Engelsk, "
        "ukrainsk, persisk og somali bruger de samme sider, men testes ikke hver for sig."
    ),
    "external_sites": N_(
        "Links til andre myndigheders sider, fx borger.dk og retsinformation.dk, er ikke "
        "omfattet af denne erklæring."
    ),
}

COMPLIANCE: dict[str, str] = {
    "full": N_("Jobvej overholder standarden fuldt ud."),
    "partial": N_("Jobvej overholder standarden delvist (de fleste krav)."),
    "none": N_("Jobvej overholder ikke standarden (ikke de fleste krav)."),
}
METHOD: dict[str, str] = {
    "self": N_("Vi har selv vurderet Jobvej."),
    "external": N_("En ekstern part har vurderet Jobvej."),
    "other": N_(
        "Vi har brugt en anden metode: automatiske test i en rigtig browser, som kører "
        "hver gang Jobvej ændres."
    ),
}


@dataclass(frozen=True)
class Statement:
    """What the municipality fills in; sentences are looked up by code in the template."""

    organisation: str
    website: str
    compliance: str
    method: str
    prepared: date
    reviewed: date
    email: str
    phone: str
    phone_hours: str
    enforcement_url: str
    known_issues: tuple[str, ...]


def parse_statement(data: dict[str, object]) -> Statement:
    """Check and convert the YAML facts; unknown codes are errors that name the field."""
    compliance = str(data["compliance"])
    method = str(data["method"])
    if compliance not in COMPLIANCE:
        raise ValueError(f"accessibility.yaml: compliance must be one of {sorted(COMPLIANCE)}")
    if method not in METHOD:
        raise ValueError(f"accessibility.yaml: method must be one of {sorted(METHOD)}")
    issues = tuple(str(code) for code in data.get("known_issues") or [])  # type: ignore[attr-defined]
    unknown = [code for code in issues if code not in KNOWN_ISSUES]
    if unknown:
        raise ValueError(f"accessibility.yaml: unknown known_issues {unknown}")
    contact = data["contact"]
    assert isinstance(contact, dict)
    prepared, reviewed = data["prepared"], data["reviewed"]
    assert isinstance(prepared, date) and isinstance(reviewed, date)
    return Statement(
        organisation=str(data["organisation"]),
        website=str(data["website"]),
        compliance=compliance,
        method=method,
        prepared=prepared,
        reviewed=reviewed,
        email=str(contact["email"]),
        phone=str(contact["phone"]),
        phone_hours=str(contact.get("phone_hours", "")),
        enforcement_url=str(data["enforcement_url"]),
        known_issues=issues,
    )


def load_statement() -> Statement:
    """The statement of this installation (content/accessibility.yaml)."""
    path = Path(current_app.config["CONTENT_DIR"]) / "accessibility.yaml"
    with path.open(encoding="utf-8") as fh:
        return parse_statement(yaml.safe_load(fh))
