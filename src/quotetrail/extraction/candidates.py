"""Candidate cues: every word outside quotation marks that could introduce a statement.

Each comes with its frame (what it governs: a clause, a quotation, an object, an interposed
"she said"), which the cue model rates; the cue span keeps adjacent auxiliaries and negation.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .attribution import QuoteIndex, sentence_has_quote, token_in_quote
from .frames import CANDIDATE_POS, frame

CLAUSE_COMPLEMENTS = frozenset({"ccomp", "xcomp"})


CUE_MODIFIERS = frozenset({"aux", "auxpass", "neg"})


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
