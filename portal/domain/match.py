"""Digital match without a web framework: what an anonymous profile may hold, the codes of its
choice lists, CVR-number validation, and which published profiles fit an employer's search.

A profile is a snapshot the citizen chose and saw before publishing (`ProfileData`); search
works on the snapshot only, so an employer can never find more than the citizen showed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Wishes: codes shown translated by the web layer.
JOB_TYPES: tuple[str, ...] = (
    "warehouse",
    "cleaning",
    "care",
    "kitchen",
    "retail",
    "construction",
    "transport",
    "office",
    "it",
    "production",
    "agriculture",
    "other",
)
HOURS: tuple[str, ...] = ("full_time", "part_time", "flexible", "few_hours")
# The five Danish regions (search across municipal borders).
REGIONS: tuple[str, ...] = (
    "hovedstaden",
    "sjaelland",
    "syddanmark",
    "midtjylland",
    "nordjylland",
)
AVAILABILITY: tuple[str, ...] = ("now", "within_month", "later")
# What a contact request is about.
REQUEST_KINDS: tuple[str, ...] = ("internship", "wage_subsidy", "ordinary_job", "flex_job")
REQUEST_STATUSES: tuple[str, ...] = ("pending", "accepted", "declined")
PROFILE_STATUSES: tuple[str, ...] = ("draft", "published", "paused")
VERIFICATION_STATUSES: tuple[str, ...] = ("pending", "approved", "rejected")

CVR_WEIGHTS: tuple[int, ...] = (2, 7, 6, 5, 4, 3, 2, 1)


def normalise_cvr(value: str) -> str:
    """The digits of a CVR number as typed (spaces and a "DK" prefix allowed)."""
    text = value.strip().upper().removeprefix("DK")
    return "".join(ch for ch in text if not ch.isspace())


def is_valid_cvr(value: str) -> bool:
    """True for 8 ASCII digits, not starting with 0, passing the modulus-11 check
    (weights 2 7 6 5 4 3 2 1; the weighted sum is divisible by 11)."""
    digits = normalise_cvr(value)
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit() or digits[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11 == 0


@dataclass(frozen=True)
class Item:
    """One line of a profile: a title, and optionally a period, a level or an organisation
    (organisation only when the citizen chose to show it)."""

    title: str
    period: str = ""
    level: str = ""
    organisation: str = ""

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class ProfileData:
    """Exactly what an employer sees of a published profile. No name, contact, CPR or
    health: the journal's goals, notes and applications are never part of it."""

    skills: tuple[Item, ...] = ()
    experience: tuple[Item, ...] = ()
    education: tuple[Item, ...] = ()
    languages: tuple[Item, ...] = ()
    job_types: tuple[str, ...] = ()
    hours: tuple[str, ...] = ()
    region: str = ""
    start: str = ""
    availability: str = ""
    about: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "skills": [i.to_dict() for i in self.skills],
            "experience": [i.to_dict() for i in self.experience],
            "education": [i.to_dict() for i in self.education],
            "languages": [i.to_dict() for i in self.languages],
            "job_types": list(self.job_types),
            "hours": list(self.hours),
            "region": self.region,
            "start": self.start,
            "availability": self.availability,
            "about": self.about,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProfileData:
        def items(key: str) -> tuple[Item, ...]:
            return tuple(Item(**dict(raw)) for raw in data.get(key) or ())

        return cls(
            skills=items("skills"),
            experience=items("experience"),
            education=items("education"),
            languages=items("languages"),
            job_types=tuple(c for c in data.get("job_types") or () if c in JOB_TYPES),
            hours=tuple(c for c in data.get("hours") or () if c in HOURS),
            region=str(data.get("region") or ""),
            start=str(data.get("start") or ""),
            availability=str(data.get("availability") or ""),
            about=str(data.get("about") or ""),
        )


# Journal sections a profile may draw on, and the profile part each goes to.
PROFILE_SECTIONS: dict[str, str] = {
    "skill": "skills",
    "certificate": "skills",
    "experience": "experience",
    "education": "education",
    "language": "languages",
}


@dataclass(frozen=True)
class JournalLine:
    """The journal fields a profile may use (the web layer reads them from JournalEntry)."""

    id: int
    section: str
    title: str
    period: str = ""
    level: str = ""
    organisation: str = ""


@dataclass
class Wishes:
    job_types: Sequence[str] = field(default_factory=tuple)
    hours: Sequence[str] = field(default_factory=tuple)
    region: str = ""
    start: str = ""
    availability: str = ""
    about: str = ""


def build_profile(
    lines: Iterable[JournalLine],
    chosen: set[int],
    show_organisation: set[int],
    wishes: Wishes,
) -> ProfileData:
    """The profile from the journal lines the citizen ticked (`chosen`), with the employer
    or school named only for lines in `show_organisation`, plus their wishes."""
    parts: dict[str, list[Item]] = {p: [] for p in set(PROFILE_SECTIONS.values())}
    for line in lines:
        part = PROFILE_SECTIONS.get(line.section)
        if part is None or line.id not in chosen or not line.title.strip():
            continue
        parts[part].append(
            Item(
                title=line.title.strip(),
                period=line.period.strip() if part in ("experience", "education") else "",
                level=line.level if part == "languages" else "",
                organisation=line.organisation.strip() if line.id in show_organisation else "",
            )
        )
    return ProfileData(
        skills=tuple(parts["skills"]),
        experience=tuple(parts["experience"]),
        education=tuple(parts["education"]),
        languages=tuple(parts["languages"]),
        job_types=tuple(c for c in JOB_TYPES if c in wishes.job_types),
        hours=tuple(c for c in HOURS if c in wishes.hours),
        region=wishes.region if wishes.region in REGIONS else "",
        start=wishes.start.strip(),
        availability=wishes.availability if wishes.availability in AVAILABILITY else "",
        about=wishes.about.strip(),
    )


@dataclass(frozen=True)
class Search:
    """An employer's search; empty fields match everything."""

    skill: str = ""
    job_type: str = ""
    region: str = ""
    language: str = ""
    hours: str = ""

    def is_empty(self) -> bool:
        return not any((self.skill, self.job_type, self.region, self.language, self.hours))


def _contains(haystack: Iterable[Item], needle: str) -> bool:
    wanted = needle.casefold().strip()
    return any(wanted in item.title.casefold() for item in haystack)


def matches(profile: ProfileData, search: Search) -> bool:
    """True when the profile fits every filled-in field of the search. Skill text is found in
    skills, experience and education titles; language text in the languages shown."""
    if search.skill and not _contains(
        (*profile.skills, *profile.experience, *profile.education), search.skill
    ):
        return False
    if search.job_type and search.job_type not in profile.job_types:
        return False
    if search.region and search.region != profile.region:
        return False
    if search.language and not _contains(profile.languages, search.language):
        return False
    return not (search.hours and search.hours not in profile.hours)
