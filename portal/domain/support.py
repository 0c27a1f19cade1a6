"""Checks on what a caseworker records about a citizen's public support (target group,
benefit, spell start) before it feeds effect steering. Plain typed Python, no Flask: returns
codes per field; the web layer words them in the reader's language.

Rules:
- the target group is one of `portal.domain.steering.TARGET_GROUPS`, or not recorded;
- the benefit is one of `portal.domain.spell_cost.BENEFITS`, or not recorded;
- a target group named after a benefit (dagpenge, sygedagpenge, job-ready and not job-ready
  kontanthjælp recipients) only goes with that benefit (`GROUP_BENEFIT`);
- the spell start is a day that has come, at most `MAX_YEARS_BACK` years back, and needs a
  benefit (the refund staircase counts weeks on one benefit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.domain.spell_cost import BENEFITS
from portal.domain.steering import TARGET_GROUPS

MAX_YEARS_BACK = 10
# Target groups that are defined by the benefit their members receive.
GROUP_BENEFIT: dict[str, str] = {
    "dagpenge": "dagpenge",
    "sygedagpenge": "sygedagpenge",
    "jobparat": "kontanthjaelp",
    "aktivitetsparat": "kontanthjaelp",
}


@dataclass(frozen=True)
class SupportInput:
    """What the caseworker entered; None (or "") is "not recorded"."""

    target_group: str | None
    benefit: str | None
    support_since: dt.date | None


@dataclass(frozen=True)
class Problem:
    """One refusal: the field it concerns and a code (see the web layer's wording)."""

    field: str
    code: str


def earliest_start(today: dt.date) -> dt.date:
    """The earliest spell start accepted (MAX_YEARS_BACK years before today)."""
    try:
        return today.replace(year=today.year - MAX_YEARS_BACK)
    except ValueError:  # 29 February
        return today.replace(year=today.year - MAX_YEARS_BACK, day=28)


def check_support(entry: SupportInput, today: dt.date) -> list[Problem]:
    """Every problem with `entry` (empty: it may be stored)."""
    problems: list[Problem] = []
    group = entry.target_group or None
    benefit = entry.benefit or None
    if group is not None and group not in TARGET_GROUPS:
        problems.append(Problem("target_group", "unknown_group"))
    if benefit is not None and benefit not in BENEFITS:
        problems.append(Problem("benefit", "unknown_benefit"))
    expected = GROUP_BENEFIT.get(group or "")
    if expected and benefit is not None and benefit in BENEFITS and benefit != expected:
        problems.append(Problem("benefit", "benefit_does_not_fit_group"))
    since = entry.support_since
    if since is not None:
        if since > today:
            problems.append(Problem("support_since", "start_in_future"))
        elif since < earliest_start(today):
            problems.append(Problem("support_since", "start_too_early"))
        if benefit is None:
            problems.append(Problem("benefit", "start_needs_benefit"))
    return problems
