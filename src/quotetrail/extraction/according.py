""" "According to X, ...": a fixed construction whose source is X and whose content is the
rest of the sentence, before or after it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .content import trim
from .mentions import speaker_span


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
    return trim(text, *pick)


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
