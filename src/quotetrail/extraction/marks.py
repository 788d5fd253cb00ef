"""Quotation-mark spans in raw text, found before parsing because the parser splits them.

Pairs curly marks by direction and straight marks by alternation, one paragraph at a time; a
closer of the other style (“...\" typed by hand) ends a quote when nothing says it is inner.
A paragraph that opens a quote without closing it continues into the next paragraph when that
paragraph opens with a mark (the news convention for multi-paragraph quotes); otherwise the
unbalanced mark is dropped rather than allowed to swallow the rest of the article.
"""

from __future__ import annotations

import re

OPEN = {"“": "”", "«": "»", "„": "“"}
CLOSE = {"”", "»"}
STRAIGHT = '"'
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph; a single newline separates paragraphs in news."""
    spans, pos = [], 0
    for match in _PARAGRAPH.finditer(text):
        if text[pos : match.start()].strip():
            spans.append((pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _pairs_in(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed quote spans inside one paragraph, and the offset of a mark left open at its end."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    opener = ""
    inner = _Inner()
    last = {mark: text.rfind(mark, start, end) for mark in (STRAIGHT, "”")}
    for i in range(start, end):
        ch = text[i]
        if opened is None:
            if ch in OPEN or (ch == STRAIGHT and _can_open(text, i)):
                opened, opener, inner = i, ch, _Inner()
        elif (
            (opener == STRAIGHT and ch == STRAIGHT)
            or (opener != STRAIGHT and ch in CLOSE)
            or _closes_mixed(text, opener, i, inner, last)
        ):
            spans.append((opened, i + 1))
            opened = None
        elif opener != STRAIGHT and ch in OPEN and ch != opener:
            # a new opener before any closer: the earlier mark was a typo; restart here
            opened, opener, inner = i, ch, _Inner()
        else:
            inner.see(ch)
    return spans, opened


class _Inner:
    """Marks of the other style seen inside the open quote, counted as the scan goes."""

    __slots__ = ("curly_close", "curly_open", "straight")

    def __init__(self) -> None:
        self.straight = self.curly_open = self.curly_close = 0

    def see(self, ch: str) -> None:
        if ch == STRAIGHT:
            self.straight += 1
        elif ch == "“":
            self.curly_open += 1
        elif ch == "”":
            self.curly_close += 1


def _closes_mixed(text: str, opener: str, i: int, inner: _Inner, last: dict[str, int]) -> bool:
    """“...\" or \"...”: a closer of the other style ends the quote, unless it closes a pair
    opened inside the quote or a closer of the opener's own style follows in the paragraph
    (then it was an inner mark, not a typo)."""
    ch = text[i]
    if opener == "“" and ch == STRAIGHT:
        own, inner_open = "”", inner.straight % 2 == 1
    elif opener == STRAIGHT and ch == "”":
        own, inner_open = STRAIGHT, inner.curly_open > inner.curly_close
    else:
        return False  # checked for every character of an open quote: nothing slower before this
    if inner_open or text[i - 1].isspace():
        return False  # it closes an inner pair, or (after a space) it opens something
    return last[own] <= i  # no closer of the opener's own style later in the paragraph


def _can_open(text: str, i: int) -> bool:
    """A straight mark opens a quote when it does not directly follow a word character."""
    return i == 0 or not text[i - 1].isalnum()


def _fold_double_singles(text: str) -> str:
    """Same-length copy where ``''`` and ````` (typewriter quotes, NYT style) read as one mark."""
    if "''" not in text and "``" not in text:
        return text
    return text.replace("``", '"\x00').replace("''", '"\x00')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """All quotation spans (marks included), multi-paragraph quotes merged into one span."""
    folded = _fold_double_singles(text)
    spans = _spans(folded)
    if folded is text:
        return spans
    return [(s, e + 1 if folded[e : e + 1] == "\x00" else e) for s, e in spans]


def _spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for p_start, p_end in paragraphs(text):
        first = text[p_start:p_end].lstrip()
        lead = p_start + (p_end - p_start - len(first))
        if carry is not None and not (first and first[0] in OPEN | {STRAIGHT: ""}):
            carry = None  # the open quote never continued: drop the unbalanced mark
        spans, opened = _pairs_in(text, lead, p_end)
        if carry is not None:
            if spans and spans[0][0] == lead:
                out.append((carry, spans[0][1]))
                spans = spans[1:]
                carry = None
            elif opened == lead and not spans:
                continue  # the quote runs on through this paragraph too
            else:
                carry = None
        out.extend(spans)
        if opened is not None and carry is None:
            carry = opened
    return out
