"""Article text cut into segments by statement offsets, for displaCy-style highlighting.

The text is never turned into HTML here: it is split at every span boundary into plain-text
segments, each with the mark (statement, role, colour, hover title) that wins over it, and
the template escapes each segment as it writes it. Overlapping spans cannot produce broken or
injected markup because no markup is built from the text at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from quotetrail.corpus.identity import normalise_name
from quotetrail.web.queries import MARK_END, MARK_START

__all__ = [
    "PALETTE_SIZE",
    "Mark",
    "Segment",
    "marked_pieces",
    "segments",
    "speaker_colours",
    "statement_anchor",
]

#: Distinct speaker colours (CSS classes ``spk-0`` ... ``spk-9``); ``spk-none`` is unattributed.
PALETTE_SIZE = 10
#: When spans overlap, the most specific wins: a mention inside a content span shows as mention.
PRIORITY = {"content": 1, "cue": 2, "speaker": 3}
ROLES = tuple(PRIORITY)


@dataclass(frozen=True, slots=True)
class Mark:
    quote: int  # index of the statement in the article's list
    role: str  # content | cue | speaker
    colour: str  # CSS class suffix: a palette number or "none"
    title: str  # hover text: the resolved speaker


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    mark: Mark | None = None
    anchor: str | None = None  # element id: the first piece of a statement's content
    label: str | None = None  # displaCy's tag after a mention: the name it resolved to


def speaker_key(quote: Mapping[str, Any]) -> str | None:
    """Who a statement is by, for colouring: the speaker record, else the name in the article."""
    if quote.get("speaker_id"):
        return f"id:{quote['speaker_id']}"
    if quote.get("speaker_name"):
        return f"name:{normalise_name(quote['speaker_name'])}"
    return None


def speaker_colours(quotes: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Palette colours in order of first appearance, so an article's first ten speakers differ."""
    colours: dict[str, str] = {}
    for quote in quotes:
        key = speaker_key(quote)
        if key is not None and key not in colours:
            colours[key] = str(len(colours) % PALETTE_SIZE)
    return colours


def statement_anchor(quote: Mapping[str, Any], index: int) -> str:
    """The element id of a statement in the article page, linked from search hits."""
    return f"q-{quote['id']}" if quote.get("id") else f"s{index}"


def hover_title(quote: Mapping[str, Any]) -> str:
    name = quote.get("speaker") or "unattributed"
    details = [part for part in (quote.get("speaker_kind"), quote.get("speaker_role")) if part]
    if quote.get("confidence") is not None:
        details.append(f"confidence {quote['confidence']:.2f}")
    return f"{name} ({', '.join(details)})" if details else name


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    mark: Mark
    label: str | None


def _spans(text: str, quotes: Sequence[Mapping[str, Any]]) -> list[_Span]:
    colours = speaker_colours(quotes)
    found: list[_Span] = []
    for index, quote in enumerate(quotes):
        key = speaker_key(quote)
        colour = colours[key] if key is not None else "none"
        title = hover_title(quote)
        for role in ROLES:
            start, end = quote.get(f"{role}_start"), quote.get(f"{role}_end")
            if start is None or end is None or not 0 <= start < end <= len(text):
                continue  # no such span, or offsets that do not fit this text: no mark
            label = None
            if role == "speaker" and quote.get("speaker"):
                mention = normalise_name(quote.get("speaker_text") or "")
                if normalise_name(quote["speaker"]) not in mention:  # "she", "Reyes", "who"
                    label = quote["speaker"]
            found.append(_Span(start, end, Mark(index, role, colour, title), label))
    return found


def _winner(active: list[_Span]) -> _Span:
    """The most specific role; then the innermost span; then the earlier statement."""
    return max(active, key=lambda s: (PRIORITY[s.mark.role], s.start, -s.end, -s.mark.quote))


def segments(text: str, quotes: Sequence[Mapping[str, Any]]) -> list[Segment]:
    """``text`` as consecutive segments (joined, they are ``text`` exactly) with their marks."""
    spans = _spans(text, quotes)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    waiting = sorted(spans, key=lambda s: s.start)
    next_span = 0
    pieces: list[tuple[int, int, _Span | None]] = []
    active: list[_Span] = []
    for start, end in pairwise(cuts):
        # A sweep: every span edge is a cut, so a span begun and not yet ended covers the piece.
        while next_span < len(waiting) and waiting[next_span].start <= start:
            active.append(waiting[next_span])
            next_span += 1
        active = [s for s in active if s.end > start]
        winner = _winner(active) if active else None
        if pieces and pieces[-1][2] is winner:
            pieces[-1] = (pieces[-1][0], end, winner)  # the same span goes on
        else:
            pieces.append((start, end, winner))
    anchored: set[int] = set()
    result = []
    for start, end, span in pieces:
        if span is None:
            result.append(Segment(text[start:end]))
            continue
        anchor = None
        if span.mark.role == "content" and span.mark.quote not in anchored:
            anchored.add(span.mark.quote)
            anchor = statement_anchor(quotes[span.mark.quote], span.mark.quote)
        label = span.label if end == span.end else None
        result.append(Segment(text[start:end], span.mark, anchor, label))
    return result


def marked_pieces(marked: str) -> list[tuple[str, bool]]:
    """FTS5 ``highlight()`` output as (text, matched) pieces, for escaping piece by piece."""
    pieces: list[tuple[str, bool]] = []
    for n, part in enumerate(marked.split(MARK_START)):
        if n == 0:
            pieces.append((part, False))
            continue
        hit, _, rest = part.partition(MARK_END)
        pieces.append((hit, True))
        pieces.append((rest, False))
    return [(text, hit) for text, hit in pieces if text]
