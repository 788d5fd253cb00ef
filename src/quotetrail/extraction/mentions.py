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
#: Verbs news puts before their subject: "..., said the minister".
INVERTING_VERBS = frozenset({"say", "add", "write"})
DASHES = frozenset({"-", "–", "—"})


def subject_of(token: Token) -> Token | None:
    """The cue's speaker: its own subject, else the nearest governing clause's subject."""
    reporting = _reporting_ancestor(token)
    if reporting is not None:
        return subject_of(reporting)
    current = token
    for _ in range(5):
        children = list(current.children)
        if sum(c.dep_ in SUBJECT_DEPS for c in children) > 1:
            # “... The end,’” Harper said: the parser gave the verb the quotation's last noun
            # too; the speaker is the subject next to it
            children.sort(key=lambda c: abs(c.i - current.i))
        for child in children:
            if child.dep_ in SUBJECT_DEPS:
                if child.dep_ == "nsubjpass":
                    if current is not token and token.dep_ == "pcomp" and token.tag_ == "VBG":
                        return child  # "X was known for telling", "criticised for saying"
                    return _agent(current)
                if child.tag_ in ("WDT", "WP") and current.dep_ == "relcl":
                    return child  # "a governor who had endorsed": resolved to the noun later
                if child.lower_ in NEVER_SPEAKERS and child.dep_ != "csubj":
                    return None
                return before_hyphenated_adverb(child)
            if child.dep_ == "agent":
                return _agent(current)
        if current is token:
            named = _adverb_name(token) or _inverted_subject(token) or _after_aside(token)
            if named is not None:
                return named
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


def before_hyphenated_adverb(subject: Token) -> Token:
    """ "The company flat-out denied": the parser heads the subject with the hyphenated
    adverb after it; the noun before the adverb is the subject."""
    doc = subject.doc
    i = subject.i
    hyphen = i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
    if not hyphen or not subject.is_lower or doc[i - 2].whitespace_:
        return subject
    nouns = [
        c
        for c in subject.children
        if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and c.i < i - 2
    ]
    return nouns[-1] if nouns else subject


def _adverb_name(verb: Token) -> Token | None:
    """ "says Early", "but Early still says": a surname that is also an adverb, parsed as
    one (also under "still"); capitalised inside a sentence, next to the cue, it is the speaker."""
    near = [*verb.children, *(g for c in verb.lefts if c.dep_ == "advmod" for g in c.children)]
    for child in near:
        if (
            child.dep_ in ("advmod", "npadvmod")
            and child.is_title
            and not child.is_sent_start
            and not child.doc[child.i - 1].is_quote
            and abs(child.i - verb.i) <= 3
        ):
            return child
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """ "..., said another witness, Fiona Hill": after a comma or a quotation "said" comes
    before its subject, which the parser may take for its object."""
    if verb.lemma_ not in INVERTING_VERBS or verb.i == 0:
        return None
    if not (verb.doc[verb.i - 1].is_punct and verb.doc[verb.i - 1].text != "("):
        return None
    after = [c for c in verb.rights if c.dep_ == "dobj" and c.i <= verb.i + 3]
    return after[0] if after and after[0].pos_ in ("NOUN", "PROPN") else None


def _after_aside(verb: Token) -> Token | None:
    """ "The Authority - which considers ... - called for": a verb after a dashed aside,
    parsed as a clause of the noun the aside describes; that noun is its subject."""
    head = verb.head
    if verb.dep_ != "acl" or head.i > verb.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if verb.i == 0 or verb.doc[verb.i - 1].text not in DASHES:
        return None
    aside = any(c.dep_ == "relcl" and head.i < c.i < verb.i for c in head.children)
    passive = any(c.dep_ == "agent" for c in verb.children)  # "- approved by ..."
    return head if aside and not passive else None


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
