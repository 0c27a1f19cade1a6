"""Fill msgstr entries of a language's catalog from a YAML mapping {Danish msgid: translation}.

Usage: python scripts/po_fill.py LANG mapping.yaml
Only the given msgids are touched; the rest of the catalog is kept as it is. Unknown msgids are
reported (run `scripts/i18n.sh update` first so the catalog has them).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po


def fill(lang: str, mapping: dict[str, str]) -> list[str]:
    """Write translations into translations/LANG/LC_MESSAGES/messages.po; return unknown msgids."""
    path = (
        Path(__file__).resolve().parent.parent
        / "translations"
        / lang
        / "LC_MESSAGES"
        / "messages.po"
    )
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    unknown = []
    for msgid, text in mapping.items():
        message = catalog.get(msgid)
        if message is None:
            unknown.append(msgid)
            continue
        message.string = text
        message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True, no_location=True)
    return unknown


if __name__ == "__main__":
    lang_code, mapping_file = sys.argv[1], sys.argv[2]
    missing = fill(lang_code, yaml.safe_load(Path(mapping_file).read_text(encoding="utf-8")))
    for msgid in missing:
        print(f"not in catalog: {msgid!r}", file=sys.stderr)
    sys.exit(1 if missing else 0)
