"""HOOKS for the provenance panels, wired later: "Copies and rewrites" and "Spread".

Nothing is computed here yet. The article view asks :func:`copies_panel` for its article and
:func:`spread_panels` for its statements; views listing quotes ask :func:`spread_panels` too.
Each answer goes to the templates as ``panels`` and is drawn by ``templates/slots/*.html``,
which render an empty, hidden, clearly marked element while the answer is None. To wire a
panel: return plain data here from the read-only connection, and draw it in the slot template
(autoescaped like every template). No route needs to change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["copies_panel", "spread_panels"]


def copies_panel(conn: sqlite3.Connection, article: Mapping[str, Any]) -> Any | None:
    """HOOK(provenance): copies and rewrites of this article elsewhere in the corpus."""
    return None


def spread_panels(conn: sqlite3.Connection, quote_ids: Iterable[str]) -> dict[str, Any]:
    """HOOK(provenance): for each quote id, how the statement spread across outlets."""
    return {}
