"""Who said it: the speaker mention of a cue, found by walking up through participles,
conjuncts and relative clauses to a subject, or to a passive agent ("was told by X")."""

from __future__ import annotations

from spacy.tokens import Token

from .attribution import QuoteIndex
from .content import has_subject
from .frames import SUBJECT_DEPS

CLIMB_DEPS = frozenset(
    {"advcl", "conj", "xcomp", "pcomp", "acl", "prep", "pobj", "dobj", "ccomp", "relcl"}
)
NEVER_SPEAKERS = frozenset({"there", "what"})


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
    if token.dep_ != "advcl" or token.tag_ != "VBG" or has_subject(token):
        return None
    for ancestor in token.ancestors:
        if has_subject(ancestor) and ancestor.dep_ != "ccomp":
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
