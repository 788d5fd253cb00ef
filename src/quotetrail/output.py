"""How ``quotetrail extract`` prints: one JSON line or one table per article, skips, progress.

Pure formatting over the records; the CLI decides where the strings go.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from typing import Any, TextIO

from quotetrail.records import Article, Failure, Quote

__all__ = ["CONTENT_WIDTH", "Progress", "article_record", "format_table", "jsonl_line", "skip_line"]

#: Characters of quote content shown per table row; the full text is in the jsonl output.
CONTENT_WIDTH = 70
#: The content column shrinks to fit a narrow terminal, but not below this.
MIN_CONTENT_WIDTH = 30
#: Widest speaker cell before it is cut.
SPEAKER_WIDTH = 36
INDENT = "  "
GAP = "  "
TABLE_HEADER = ("speaker", "speaker kind", "cue", "kind", "conf", "content")
NONE = "-"
ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


def article_record(article: Article, quotes: Sequence[Quote]) -> dict[str, Any]:
    """The jsonl record of one article: ``{"id", "source", "quotes"}``."""
    return {
        "id": article.id,
        "source": article.source,
        "quotes": [quote.to_dict() for quote in quotes],
    }


def jsonl_line(record: dict[str, Any]) -> str:
    """One line of ASCII JSON (non-ASCII escaped), so any consumer can read the stream."""
    return json.dumps(record)


def skip_line(failure: Failure) -> str:
    """``skip <source>: [<code>] <message>``, without repeating the source the message names."""
    message = failure.message.removeprefix(f"{failure.source}: ")
    return f"skip {failure.source}: [{failure.code}] {message}"


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _cut(text: str, width: int) -> str:
    text = _one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + ELLIPSIS


def _speaker_cell(quote: Quote) -> str:
    name = quote.speaker_name or (quote.speaker.text if quote.speaker else None)
    if name is None:
        return NONE
    if quote.speaker_role and quote.speaker_role.lower() not in name.lower():
        name = f"{name} ({quote.speaker_role})"
    if quote.via:
        name = f"{name}, via {quote.via}"
    return _cut(name, SPEAKER_WIDTH)


def _row(quote: Quote) -> tuple[str, ...]:
    return (
        _speaker_cell(quote),
        quote.speaker_kind or NONE,
        _one_line(quote.cue.text) if quote.cue else NONE,
        quote.kind,
        confidence_cell(quote.confidence),
        _one_line(quote.content.text),
    )


def confidence_cell(confidence: float | None) -> str:
    """The calibrated confidence, two decimals; NONE for records stored before it."""
    return NONE if confidence is None else f"{confidence:.2f}"


def format_table(
    article: Article,
    quotes: Sequence[Quote],
    *,
    line_width: int | None = None,
    content_width: int | None = None,
) -> str:
    """A header naming the article, then one aligned row per statement.

    Content is cut to ``content_width`` characters when given (``0``: never cut), else to
    :data:`CONTENT_WIDTH`, or fewer when that is what it takes for a row to fit ``line_width``
    (a terminal's width).
    """
    count = f"{len(quotes)} statement{'' if len(quotes) == 1 else 's'}"
    lines = [f"{article.source}  ({count})"]
    if not quotes:
        return "\n".join([*lines, f"{INDENT}(no attributed statements found)"])
    rows = [TABLE_HEADER, *(_row(q) for q in quotes)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_HEADER) - 1)]
    width = CONTENT_WIDTH
    if content_width is not None:
        width = content_width or max(len(row[-1]) for row in rows)
    elif line_width is not None:
        fixed = len(INDENT) + sum(w + len(GAP) for w in widths)
        width = max(MIN_CONTENT_WIDTH, min(width, line_width - fixed))
    for n, row in enumerate(rows):
        cells = [cell.ljust(w) for cell, w in zip(row, widths, strict=False)]
        content = row[-1] if n == 0 else _cut(row[-1], width)
        lines.append(INDENT + GAP.join([*cells, content]).rstrip())
        if n == 0:
            lines.append(INDENT + GAP.join("-" * w for w in [*widths, len(TABLE_HEADER[-1])]))
    return "\n".join(lines)


class Progress:
    """``N articles, R/s`` redrawn in place on a terminal; silent for a single article.

    Failed documents are counted apart (``, F failed``): they are not articles, and counting
    them made a run of nothing but missing files look fast.
    """

    INTERVAL = 0.25  # seconds between redraws

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    def advance(self, *, failed: bool = False) -> None:
        if failed:
            self.failed += 1
        else:
            self.done += 1
        now = time.monotonic()
        seen = self.done + self.failed
        if self.enabled and seen > 1 and now - self.drawn_at >= self.INTERVAL:
            rate = self.done / max(now - self.started, 1e-9)
            failures = f", {self.failed:,} failed" if self.failed else ""
            self.stream.write(f"\r{self.done:,} articles, {rate:.1f}/s{failures}\x1b[K")
            self.stream.flush()
            self.drawn_at, self.shown = now, True

    def clear(self) -> None:
        """Erase the progress line so that another message starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
