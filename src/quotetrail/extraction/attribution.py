"""Find attributions over a parsed Doc: cue, content and speaker-mention spans.

One pass per sentence over the parse. A cue is a word whose (lemma, frame) the cue table rates
above a threshold, or a fixed construction ("according to X", a "Name:" lead-in). The content is
what the cue governs, widened to whole quotation spans it touches; the speaker is the cue's
subject, found by walking up through participles, conjuncts and relative clauses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .frames import CANDIDATE_POS, SUBJECT_DEPS, frame
from .marks import quote_spans

COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "dative", "prep", "acomp"})
CLAUSE_COMPLEMENTS = frozenset({"ccomp", "xcomp"})
CUE_MODIFIERS = frozenset({"aux", "auxpass", "neg"})
CLIMB_DEPS = frozenset(
    {"advcl", "conj", "xcomp", "pcomp", "acl", "prep", "pobj", "dobj", "ccomp", "relcl"}
)
TRAILING = " \t\r\n,.;:—–-"
OPEN_MARKS = "“\"«„‘'"
NEVER_SPEAKERS = frozenset({"there", "what"})
#: A full stop that ends a sentence, not one of "Mr. Trump", "Sen. Warren", "J. Smith".
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)"
    r"(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bLt)(?<!\bCol)(?<!\bProf)(?<!\b[A-Z])\.(?:\s|$)"
)


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution in token and character terms, before speakers are resolved."""

    content: tuple[int, int]  # characters
    cue: tuple[int, int] | None  # tokens [start, end)
    cue_lemma: str | None
    speaker: tuple[int, int] | None  # tokens [start, end)
    score: float
    #: "communicated" (speech, writing, documents) or "belief" (beliefs, plans, stances).
    attribution: str = "communicated"
    #: Which rule found it: "cue" (a scored word), "according", "leadin" ("Name: “...”"),
    #: "signoff" ("-- Name") or "floating"; calibration (calibration.py) is per rule.
    rule: str = "cue"


class QuoteIndex:
    """The document's text and which of its characters lie inside quotation spans.

    Holding the text here matters: ``Doc.text`` rebuilds the string on every access.
    """

    def __init__(self, spans: Sequence[tuple[int, int]], text: str = "") -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.text = text

    @classmethod
    def of(cls, text: str) -> QuoteIndex:
        return cls(quote_spans(text), text)

    def containing(self, char: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, char) - 1
        if i >= 0 and self.spans[i][0] <= char < self.spans[i][1]:
            return self.spans[i]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(bisect_right(self.starts, start) - 1, 0)
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                out.append(self.spans[i])
            i += 1
        return out


def token_in_quote(token: Token, quotes: QuoteIndex) -> bool:
    return quotes.containing(token.idx) is not None


def sentence_has_quote(sent: Span, quotes: QuoteIndex) -> bool:
    return bool(quotes.overlapping(sent.start_char, sent.end_char))


def candidates(doc: Doc, quotes: QuoteIndex) -> list[tuple[Token, str]]:
    """Every word outside quotation marks that could be a cue, with its frame."""
    out = []
    for sent in doc.sents:
        has_quote = sentence_has_quote(sent, quotes)
        for token in sent:
            if token.pos_ not in CANDIDATE_POS or token_in_quote(token, quotes):
                continue
            out.append((token, frame(token, has_quote and _quote_near(token, sent, quotes))))
    return out


def _quote_near(token: Token, sent: Span, quotes: QuoteIndex) -> bool:
    """A quotation span lies in the cue's clause or right next to it in the sentence."""
    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    if quotes.overlapping(left, right):
        return True
    head = token.head
    if head is not token and token.dep_ in ("parataxis", "advcl", "ccomp", "conj"):
        left = head.left_edge.idx
        right = head.right_edge.idx + len(head.right_edge)
        return bool(quotes.overlapping(left, right))
    return False


def attribution_chars(token: Token) -> set[int]:
    """Characters of the cue's own clause (speaker, cue, adverbs, addressee), not of what it
    governs: the words that may interrupt a quotation without being part of it."""
    skip = set()
    for child in token.children:
        if child.dep_ in CLAUSE_COMPLEMENTS:
            skip.update(t.i for t in child.subtree)
    chars: set[int] = set()
    for t in token.subtree:
        if t.i not in skip:
            chars.update(range(t.idx, t.idx + len(t)))
    return chars


def cue_token_span(token: Token) -> tuple[int, int]:
    """The cue word with its adjacent auxiliaries and negation ("has not said")."""
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ in CUE_MODIFIERS and child.i == start - 1:
            start = child.i
    return start, token.i + 1


def subject_of(token: Token) -> Token | None:
    """The cue's speaker: its own subject, else the nearest governing clause's subject."""
    reporting = _reporting_ancestor(token)
    if reporting is not None:
        return subject_of(reporting)
    current = token
    for _ in range(5):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.dep_ == "nsubjpass":
                    return _agent(current)
                if child.tag_ in ("WDT", "WP") and current.dep_ == "relcl":
                    return child  # "a governor who had endorsed": resolved to the noun later
                if child.lower_ in NEVER_SPEAKERS and child.dep_ != "csubj":
                    return None
                return child
            if child.dep_ == "agent":
                return _agent(current)
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            noun = current.head
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0]
            return noun
        if current.dep_ not in CLIMB_DEPS or current.head is current:
            return None
        if current.dep_ == "ccomp" and current is not token:
            return None
        current = current.head
    return None


def _reporting_ancestor(token: Token) -> Token | None:
    """ ", stating ..." attached inside a reported clause belongs to the verb that reports it."""
    if token.dep_ != "advcl" or token.tag_ != "VBG" or _has_subject(token):
        return None
    for ancestor in token.ancestors:
        if _has_subject(ancestor) and ancestor.dep_ != "ccomp":
            return None
        if ancestor.dep_ == "ccomp":
            return ancestor.head if ancestor.head.pos_ == "VERB" else None
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def speaker_span(head: Token, quotes: QuoteIndex | None = None) -> tuple[int, int]:
    """The subject noun phrase, without relative clauses, quotations or edge punctuation."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ in ("relcl", "acl") or (child.dep_ == "punct" and child.text in "(—"):
            end = min(end, child.left_edge.i)
    doc = head.doc
    if quotes is not None and quotes.overlapping(doc[start].idx, doc[end - 1].idx + 1):
        # a quotation the parser folded into the subject: keep what follows it
        last = quotes.overlapping(doc[start].idx, doc[end - 1].idx + 1)[-1][1]
        while start < end - 1 and doc[start].idx < last:
            start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return start, end


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
        return _trim(quotes.text, start if start is not None else introduced[0], introduced[1])
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
    span = _trim(quotes.text, *span)
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
    if not _has_subject(token):
        return False
    if token.dep_ == "parataxis":
        return True
    return token.dep_ == "ccomp" and token.i > token.head.i and token.doc[token.i - 1].is_punct


def _has_subject(token: Token) -> bool:
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


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in " \t\r\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return (start, end) if end > start else None


def according_to(sent: Span) -> list[tuple[Token, Token | None]]:
    """("according" token, source token) pairs in a sentence."""
    out = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            nxt = token.doc[token.i + 1]
            if nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                out.append((token, objs[0] if objs else None))
    return out


def according_content(token: Token, text: str) -> tuple[int, int] | None:
    """The clause an "according to X" phrase attaches to, without the phrase itself."""
    sent = token.sent
    phrase_start = token.left_edge.idx
    phrase_end = _past_apposition(token.right_edge)
    before = (sent.start_char, phrase_start)
    after = (phrase_end, sent.end_char)
    pick = after if after[1] - after[0] >= before[1] - before[0] else before
    return _trim(text, *pick)


def according_source(token: Token, source: Token | None) -> tuple[int, int] | None:
    """The source span, stretched over a name in apposition the parser left outside it."""
    if source is None:
        return None
    start, end = speaker_span(source)
    right = token.right_edge
    stretched = _past_apposition(right)
    if stretched > right.idx + len(right):
        span = token.doc.char_span(source.left_edge.idx, stretched, alignment_mode="contract")
        if span is not None:
            end = span.end
            while end > start and token.doc[end - 1].is_punct:
                end -= 1
    return start, end


def _past_apposition(last: Token) -> int:
    """ "according to the engineer, Paul Lindqvist, the bridge ...": skip ", Name," too."""
    doc = last.doc
    i = last.i + 1
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].ent_type_ == "PERSON":
        j = i + 1
        while j < len(doc) and doc[j].ent_type_ == "PERSON":
            j += 1
        if j < len(doc) and doc[j].text == ",":
            return doc[j].idx + 1
    return last.idx + len(last)
