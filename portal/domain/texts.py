"""Marking user-visible texts in domain code without translating them there.

Domain code has no Flask and no request language. It writes its user-visible texts as Danish
msgids wrapped in ``N_()``: Babel's extractor collects them into the catalogs (``scripts/i18n.sh``
passes ``-k N_``), and the web layer translates them with ``gettext`` for the reader's language.
This is the one way user-visible text reaches the catalogs from the domain.
"""

from __future__ import annotations


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention for "mark, don't translate"
    """Return ``msgid`` unchanged; the call marks it for extraction into the Babel catalogs."""
    return msgid
