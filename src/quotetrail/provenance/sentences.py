"""Sentence spans and quoted regions in original text, for alignment.

Splitting is a regular expression with an abbreviation guard, not a parser: alignment only
needs units small enough to survive reordering and large enough to carry a few trigrams, and a
missed boundary merely makes one unit of two sentences in both texts alike.
"""

from __future__ import annotations

import re

from quotetrail.provenance.patterns import ABBREVIATIONS, DOUBLE_QUOTES

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_OPENING = frozenset("“„«")
_CLOSING = frozenset("”»")
_QUOTE_CHARS = re.compile("[" + re.escape(DOUBLE_QUOTES) + "]")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences in ``text[start:end]`` (one line of content)."""
    spans = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.start(1)
        if text[m.start()] == "." and _abbreviation(text, pos, m.start()):
            continue
        if stop > pos:
            spans.append((pos, stop))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


def _abbreviation(text: str, pos: int, dot: int) -> bool:
    """True when the word ending at ``dot`` is an abbreviation or an initial ("J. Smith")."""
    word = text[max(pos, dot - 12) : dot].rsplit(None, 1)[-1] if dot > pos else ""
    word = word.lstrip("\"'“‘([").lower()
    return (len(word) == 1 and word.isalpha()) or word in ABBREVIATIONS


def quoted_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside double quotation marks in one line; an unclosed quote runs to its end.

    Curly marks say which way they face; straight ones alternate. News style reopens a quote
    that continues into the next paragraph, so each line starts outside any quote.
    """
    regions = []
    open_at: int | None = None
    for m in _QUOTE_CHARS.finditer(text, start, end):
        c, i = m.group(), m.start()
        if open_at is None and c not in _CLOSING:
            open_at = i
        elif open_at is not None and c not in _OPENING:
            regions.append((open_at, i + 1))
            open_at = None
        elif c in _OPENING:  # a second opening mark: the first was stray
            open_at = i
    if open_at is not None:
        regions.append((open_at, end))
    return regions
