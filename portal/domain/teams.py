"""Teams and staff, without Flask: display names, team ids, round robin, empty-team checks.

Routed teams (content/routing.yaml) and teams created by an admin in the portal are shown
the same way: by their display name in the reader's language, Danish when a language has
none. Role names are Danish msgids marked with N_() and translated by the web layer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from portal.domain.languages import SOURCE_LANGUAGE
from portal.domain.texts import N_

TEAM_ID_MAX = 40

ROLE_NAMES: Mapping[str, str] = {
    "citizen": N_("Borger"),
    "employer": N_("Arbejdsgiver"),
    "caseworker": N_("Sagsbehandler"),
    "admin": N_("Administrator"),
}


@dataclass(frozen=True)
class TeamInfo:
    """A team as staff pages show it."""

    id: str
    names: Mapping[str, str]
    routed: bool  # content/routing.yaml routes cases to it (it must have members)
    auto_assign: bool = False

    def name(self, language: str) -> str:
        """The display name in `language`, Danish when missing, the id as a last resort."""
        return self.names.get(language) or self.names.get(SOURCE_LANGUAGE) or self.id


def team_id_from_name(name: str, taken: Iterable[str]) -> str:
    """A new team's id from its Danish name: lowercase ASCII letters, digits and '_'
    (æ→ae, ø→oe, å→aa), unique among `taken` (a number is added), at most 40 characters."""
    text = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", text).strip("_")[: TEAM_ID_MAX - 4] or "team"
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}_{n}"
        n += 1
    return candidate


def pick_round_robin(members: Sequence[tuple[int, datetime | None]]) -> int | None:
    """Round robin: the member (id, time of their latest assignment or None) who has waited
    longest for a new citizen; never assigned first; ties by lowest id. None without members."""
    if not members:
        return None

    def key(member: tuple[int, datetime | None]) -> tuple[int, float, int]:
        member_id, last = member
        return (0, 0.0, member_id) if last is None else (1, last.timestamp(), member_id)

    return min(members, key=key)[0]


def empty_routed_teams(teams: Iterable[TeamInfo], member_counts: Mapping[str, int]) -> list[str]:
    """Ids of routed teams without a single member: their cases would wait unseen."""
    return [t.id for t in teams if t.routed and member_counts.get(t.id, 0) == 0]
