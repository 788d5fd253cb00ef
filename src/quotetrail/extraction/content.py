"""What a cue governs: the content span, widened to whole quotations it touches.

"“A,” she said. “B.”" is one statement; a trailing circumstance ("on Monday") and the cue's own
clause stay out; inverted frames ("..., said X") and introduced quotations ("X said: “...”") are
read as the reader reads them.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .attribution import QuoteIndex
from .candidates import CLAUSE_COMPLEMENTS
from .frames import SUBJECT_DEPS

COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "dative", "prep", "acomp"})


TRAILING = " \t\r\n,.;:—–-"


OPEN_MARKS = "“\"«„‘'"


#: A full stop that ends a sentence, not one of "Mr. Trump", "Sen. Warren", "J. Smith".
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)"
    r"(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bLt)(?<!\bCol)(?<!\bProf)(?<!\b[A-Z])\.(?:\s|$)"
)


def content_span(token: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """Characters of what the cue governs, widened to whole quotation spans it touches.

    Order of preference: a quotation the cue introduces ("said, “...”"), the cue's clausal
    complement, the clause around an interposed or trailing cue ("X, she said, Y"), then its
    other complements to the right. Only the interposed form may contain the cue itself.
    """
    introduced = _introduced_quote(token, quotes)
    if introduced is not None:
        # “A,” she told reporters, “B.”: one quotation interrupted by its attribution
        preceding = _preceding_quote(token, quotes)
        start = preceding[0] if preceding and _interrupts(quotes.text, preceding) else None
        return trim(quotes.text, start if start is not None else introduced[0], introduced[1])
    if token.pos_ == "NOUN":
        comps = [c for c in token.children if c.dep_ in ("acl", "ccomp", "prep")]
    else:
        comps = [c for c in token.children if c.dep_ in COMPLEMENT_DEPS and not _circumstance(c)]
    clause = [c for c in comps if c.dep_ in CLAUSE_COMPLEMENTS]
    right = [c for c in comps if c.i > token.i]
    span: tuple[int, int] | None = None
    inverted = False
    sides = {c.i > token.i for c in clause}
    if len(sides) == 2:  # complements on both sides: one is a misparse; trust the quoted one
        best = max(clause, key=lambda c: (_quoted_share(c, quotes), c.i < token.i))
        clause = [best] if _quoted_share(best, quotes) > 0 else [c for c in clause if c.i > token.i]
    if clause:
        if all(c.dep_ == "xcomp" for c in clause) and right:
            clause = right  # "urged party leaders to turn away": the object belongs to it
        first = min(clause, key=lambda c: c.left_edge.i)
        last = max(clause, key=lambda c: c.right_edge.i)
        if first.i > token.i:
            for child in token.rights:  # "said X, because Y": a reason clause goes with it
                if child.dep_ == "advcl" and child.i > last.right_edge.i:
                    last = child
        span = (first.left_edge.idx, last.right_edge.idx + len(last.right_edge))
    elif (preceding := _preceding_quote(token, quotes)) is not None:
        span = preceding
    elif _is_inverted(token):
        span, inverted = _inverted_span(token), True
    elif right:
        first, last = right[0], right[-1]
        for child in token.rights:  # "showing him ... in the moments before he was shot"
            if child.dep_ == "advcl" and child.i > last.right_edge.i:
                last = child
        span = (first.left_edge.idx, last.right_edge.idx + len(last.right_edge))
    span = _widen_to_quotes(span, token, quotes)
    if span is None:
        return None
    span = _clip_to_paragraph(quotes.text, span, token.idx, quotes)
    span = trim(quotes.text, *span)
    if span is None or (not inverted and span[0] <= token.idx < span[1]):
        return None
    return span


def _clip_to_paragraph(
    text: str, span: tuple[int, int], cue_at: int, quotes: QuoteIndex
) -> tuple[int, int]:
    """Content stays in the cue's paragraph unless a quotation carries it over (a headline
    parsed into the next paragraph must not take that paragraph with it)."""
    start, end = span
    breaks = [i for i in range(start, end) if text[i] == "\n" and quotes.containing(i) is None]
    if not breaks:
        return span
    edges = [start, *breaks, end]
    pieces = [(edges[k], edges[k + 1]) for k in range(len(edges) - 1)]
    holding = [p for p in pieces if p[0] <= cue_at < p[1]]
    if holding:
        return holding[0]
    return pieces[0] if cue_at < start else pieces[-1]


CIRCUMSTANCE_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"})


def _circumstance(child: Token) -> bool:
    """ "on Tuesday night", "in Iowa": when and where something was said, not what."""
    if child.dep_ != "prep":
        return False
    objects = [c for c in child.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in CIRCUMSTANCE_ENTS for o in objects)


def _quoted_share(token: Token, quotes: QuoteIndex) -> float:
    """How much of a subtree lies inside quotation marks."""
    start, end = _extent(token)
    inside = sum(min(e, end) - max(s, start) for s, e in quotes.overlapping(start, end))
    return inside / max(end - start, 1)


def _extent(token: Token) -> tuple[int, int]:
    """Characters of a token's subtree."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def _preceding_quote(token: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """“...,” Sarandon, 69, told MSNBC: a quotation closed by , ? ! or a dash just before the
    speaker and cue, whatever the parser made of it."""
    # not bounded by the sentence: the parser often ends one after “...!” or “...?”
    before = [q for q in quotes.overlapping(token.idx - 2000, token.idx) if q[1] <= token.idx]
    if not before:
        return None
    start, end = before[-1]
    closing = quotes.text[max(start, end - 3) : end]
    gap = quotes.text[end : token.idx]
    if not any(mark in closing for mark in ",?!—-") or len(gap) > 80 or "\n" in gap:
        return None
    if any(mark in gap for mark in ';:!?“"') or _SENTENCE_END.search(gap):
        return None
    return (start, end)


def _interrupts(text: str, quote: tuple[int, int]) -> bool:
    """The quotation stops on a comma or a dash, so the sentence goes on after the cue."""
    tail = text[max(quote[0], quote[1] - 3) : quote[1]]
    return "," in tail or "—" in tail or "-" in tail


def _introduced_quote(token: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """A quotation opening right after the cue, past a comma, a colon (even across a paragraph
    break: "She said:" then a quoted paragraph) or a short phrase ending in one of them."""
    if token.pos_ == "NOUN":
        return None
    after = token.idx + len(token)
    text = quotes.text
    for start, end in quotes.overlapping(after, after + 80):
        if start < after:
            continue
        gap = text[after:start]
        if end - start < 12:
            return None
        if gap.strip() in ("", ",", ":"):
            return (start, end)
        if any(mark in gap for mark in "!?;\n") or _SENTENCE_END.search(gap) or len(gap) > 60:
            return None  # the quotation belongs to another sentence
        return (start, end) if gap.rstrip().endswith((",", ":")) else None
    return None


def _is_inverted(token: Token) -> bool:
    """ "The plan works, he said": a subject-bearing cue set off after its clause."""
    if not has_subject(token):
        return False
    if token.dep_ == "parataxis":
        return True
    return token.dep_ == "ccomp" and token.i > token.head.i and token.doc[token.i - 1].is_punct


def has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _inverted_span(token: Token) -> tuple[int, int] | None:
    """ "The plan works, he said": the content is the governing clause before the cue."""
    head = token.head
    start = head.left_edge.idx
    end = head.right_edge.idx + len(head.right_edge)
    if token.right_edge.i >= head.right_edge.i:  # trailing cue: the clause before it
        end = token.left_edge.idx
    return (start, end) if end > start else None


def _widen_to_quotes(
    span: tuple[int, int] | None, token: Token, quotes: QuoteIndex
) -> tuple[int, int] | None:
    if span is not None:
        hits = quotes.overlapping(*span)
        if hits:
            return min(span[0], hits[0][0]), max(span[1], hits[-1][1])
        return span
    sent = token.sent
    hits = [q for q in quotes.overlapping(sent.start_char, sent.end_char) if q[1] - q[0] > 12]
    if not hits:
        return None
    # the quotation nearest the cue, preferring one that follows it
    cue_at = token.idx
    return min(hits, key=lambda q: q[0] - cue_at if q[0] > cue_at else cue_at - q[1] + 1)


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in " \t\r\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return (start, end) if end > start else None
