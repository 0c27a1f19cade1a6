"""Digital match rules without Flask: CVR modulus 11, what a profile holds, search."""

from __future__ import annotations

import pytest

from portal.domain.match import (
    Item,
    JournalLine,
    ProfileData,
    Search,
    Wishes,
    build_profile,
    is_valid_cvr,
    matches,
)


@pytest.mark.parametrize("cvr", ["10150817", "DK 10150817", "10 15 08 17", "25052943", "29189846"])
def test_valid_cvr_numbers_pass_modulus_11(cvr: str) -> None:
    assert is_valid_cvr(cvr)


@pytest.mark.parametrize(
    "cvr", ["10150818", "1015081", "101508170", "0000000x", "01234567", "", "١٠١٥٠٨١٧"]
)
def test_invalid_cvr_numbers_fail(cvr: str) -> None:
    assert not is_valid_cvr(cvr)


LINES = [
    JournalLine(1, "skill", "Truckcertifikat"),
    JournalLine(
        2, "experience", "Lagermedarbejder", period="2019–2023", organisation="Salling A/S"
    ),
    JournalLine(3, "education", "Gymnasium", organisation="Aleppo Skole"),
    JournalLine(4, "language", "Arabisk", level="native"),
    JournalLine(5, "goal", "Jeg vil have et job"),
    JournalLine(6, "note", "Ondt i ryggen"),
    JournalLine(7, "skill", "Excel"),
]


def test_profile_holds_only_chosen_lines_and_never_goals_or_notes() -> None:
    data = build_profile(LINES, {1, 2, 3, 4, 5, 6}, set(), Wishes(job_types=["warehouse"]))
    assert [i.title for i in data.skills] == ["Truckcertifikat"]  # 7 not chosen
    text = repr(data)
    assert "Jeg vil have et job" not in text and "Ondt i ryggen" not in text


def test_employer_and_school_names_only_when_chosen() -> None:
    data = build_profile(LINES, {2, 3}, {2}, Wishes())
    assert data.experience == (
        Item("Lagermedarbejder", period="2019–2023", organisation="Salling A/S"),
    )
    assert data.education == (Item("Gymnasium"),)


def test_wishes_keep_only_known_codes_and_round_trip() -> None:
    wishes = Wishes(job_types=["warehouse", "spy"], hours=["part_time"], region="mars")
    data = build_profile(LINES, {1, 4}, set(), wishes)
    assert data.job_types == ("warehouse",) and data.region == ""
    assert ProfileData.from_dict(data.to_dict()) == data


def test_search_by_skill_region_language_hours_and_job_type() -> None:
    data = build_profile(
        LINES,
        {1, 2, 4},
        set(),
        Wishes(job_types=["warehouse"], hours=["full_time"], region="syddanmark"),
    )
    assert matches(data, Search())
    assert matches(data, Search(skill="truck", region="syddanmark"))
    assert matches(data, Search(skill="lager"))  # found in experience
    assert matches(data, Search(language="arab", hours="full_time", job_type="warehouse"))
    assert not matches(data, Search(skill="excel"))  # not chosen, so not searchable
    assert not matches(data, Search(region="hovedstaden"))
    assert not matches(data, Search(hours="part_time"))
    assert not matches(data, Search(job_type="care"))
