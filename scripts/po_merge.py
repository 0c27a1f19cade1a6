"""Git merge driver for gettext catalogs (.po and .pot): merges by message, not by line.

Several branches add UI texts at the same time; their catalogs are sorted by msgid, so line-based
merges conflict wherever two branches add neighbouring messages. This driver merges the catalogs
message by message: a message added on either side is kept; a translation changed on one side
only takes that change; a message removed on one side and unchanged on the other is removed.
When both sides changed the same translation differently, ours wins and the msgid is printed.

Install once per clone (the repository's .gitattributes already names the driver):

    git config merge.po.name "gettext catalog merge"
    git config merge.po.driver ".venv/bin/python scripts/po_merge.py %O %A %B"
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po


def _read(path: str) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh)


def _key(message: Message) -> object:
    return (message.id, message.context)


def _same(a: Message | None, b: Message | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.string == b.string and set(a.flags) == set(b.flags)


def merge(base: Catalog, ours: Catalog, theirs: Catalog) -> tuple[Catalog, list[str]]:
    """Three-way merge by message; returns the merged catalog and the msgids that conflicted."""
    base_msgs = {_key(m): m for m in base if m.id}
    our_msgs = {_key(m): m for m in ours if m.id}
    their_msgs = {_key(m): m for m in theirs if m.id}
    conflicts: list[str] = []
    merged = Catalog(
        locale=ours.locale,
        header_comment=ours.header_comment,
        project=ours.project,
        version=ours.version,
        creation_date=ours.creation_date,
        revision_date=ours.revision_date,
        last_translator=ours.last_translator,
        language_team=ours.language_team,
        fuzzy=ours.fuzzy,
    )
    merged.mime_headers = ours.mime_headers
    for key in sorted(set(our_msgs) | set(their_msgs), key=lambda k: str(k)):
        b, o, t = base_msgs.get(key), our_msgs.get(key), their_msgs.get(key)
        if _same(o, t):
            chosen = o
        elif _same(o, b):
            chosen = t  # only theirs changed (or added, or removed)
        elif _same(t, b):
            chosen = o  # only ours changed
        elif o is None or t is None:
            chosen = o or t  # one side removed, the other changed it: keep the change
        elif not o.string:
            chosen = t
        elif not t.string:
            chosen = o
        else:
            chosen = o
            conflicts.append(str(o.id))
        if chosen is not None:
            merged[chosen.id] = chosen
    return merged, conflicts


def main(base_path: str, ours_path: str, theirs_path: str) -> int:
    merged, conflicts = merge(_read(base_path), _read(ours_path), _read(theirs_path))
    with Path(ours_path).open("wb") as fh:
        write_po(fh, merged, width=100, omit_header=False, sort_output=True, no_location=True)
    for msgid in conflicts:
        print(f"po_merge: both sides translated {msgid!r} differently; kept ours", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
