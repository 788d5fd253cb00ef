"""How ``quotetrail speakers`` and ``quotetrail quotes`` print their rows as aligned tables.

Pure formatting over the dicts that :mod:`quotetrail.corpus.queries` returns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from quotetrail.output import confidence_cell

__all__ = ["format_merges", "format_quotes", "format_speakers"]

GAP = "  "
NONE = "-"
ELLIPSIS = "…"
LIST_WIDTH = 40
NAME_WIDTH = 32
SOURCE_WIDTH = 24
CONTENT_WIDTH = 80
MIN_CONTENT_WIDTH = 30
_SPACE = re.compile(r"\s+")


def _cut(text: str | None, width: int) -> str:
    text = _SPACE.sub(" ", text or "").strip() or NONE
    return text if len(text) <= width else text[: width - 1].rstrip() + ELLIPSIS


def _table(header: Sequence[str], rows: list[tuple[str, ...]], last_width: int) -> str:
    """Aligned columns; the last one is cut to ``last_width`` and not padded."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for n, row in enumerate([tuple(header), *rows]):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        last = row[-1] if n == 0 else _cut(row[-1], last_width)
        lines.append(GAP.join([*cells, last]).rstrip())
        if n == 0:
            lines.append(GAP.join("-" * w for w in [*widths, len(header[-1])]))
    return "\n".join(lines)


def format_speakers(rows: list[dict[str, Any]]) -> str:
    """One row per speaker: quote and article counts, dates seen, roles, aliases."""
    if not rows:
        return "(no speakers yet: ingest some articles first)"
    header = ("speaker", "kind", "quotes", "articles", "first seen", "last seen", "roles")
    header += ("aliases",)
    body = [
        (
            _cut(row["name"], NAME_WIDTH),
            row["kind"],
            str(row["n_quotes"]),
            str(row["n_articles"]),
            row["first_seen"] or NONE,
            row["last_seen"] or NONE,
            _cut("; ".join(row["roles"]), LIST_WIDTH),
            "; ".join(alias for alias in row["aliases"] if alias != row["name"]),
        )
        for row in rows
    ]
    return _table(header, body, LIST_WIDTH)


def _where(row: dict[str, Any]) -> str:
    """The outlet, or the file name for articles read from disk without one."""
    return row["outlet"] or PurePath(row["source"]).name


def format_quotes(
    rows: list[dict[str, Any]],
    *,
    line_width: int | None = None,
    content_width: int | None = None,
) -> str:
    """One row per quote: article date, where it appeared, speaker, the party that relayed it
    (when any did), kind, confidence, content.

    ``content_width`` fixes the content column (``0``: whole quotes); otherwise it is
    :data:`CONTENT_WIDTH`, narrowed to fit ``line_width`` (a terminal's width).
    """
    if not rows:
        return "(no quotes match)"
    relayed = any(row.get("via") for row in rows)  # a "via" column only when there are relays
    header = ("date", "source", "speaker", *(("via",) if relayed else ()), "kind", "conf")
    header = (*header, "content")
    body = [
        (
            row["date"] or NONE,
            _cut(_where(row), SOURCE_WIDTH),
            _cut(row["speaker"], NAME_WIDTH),
            *((_cut(row.get("via"), NAME_WIDTH),) if relayed else ()),
            row["kind"],
            confidence_cell(row.get("confidence")),
            row["content_text"],
        )
        for row in rows
    ]
    if content_width is not None:
        width = content_width or max(len(_SPACE.sub(" ", row[-1])) for row in body)
        return _table(header, body, width)
    width = CONTENT_WIDTH
    if line_width is not None:
        columns = len(header) - 1
        fixed = sum(max(len(r[i]) for r in [header, *body]) + len(GAP) for i in range(columns))
        width = max(MIN_CONTENT_WIDTH, min(width, line_width - fixed))
    return _table(header, body, width)


def format_merges(rows: list[dict[str, Any]]) -> str:
    """One row per merged record: its name, the record it joined, the rule and the evidence."""
    if not rows:
        return "(no merged speakers: run `quotetrail link` first, or none were found)"
    header = ("merged", "id", "into", "into id", "rule", "evidence")
    body = []
    for row in rows:
        ev = row["evidence"]
        detail = f"given {ev.get('given')}, surname {ev.get('surname')}"
        if ev.get("shared_roles"):
            detail += f", roles {', '.join(ev['shared_roles'][:3])}"
        detail += f", {ev.get('days_apart')} days apart"
        body.append(
            (
                _cut(row["name"], NAME_WIDTH),
                row["speaker_id"],
                _cut(row["into_name"], NAME_WIDTH),
                row["into_id"],
                str(ev.get("rule", NONE)),
                detail,
            )
        )
    return _table(header, body, CONTENT_WIDTH)
