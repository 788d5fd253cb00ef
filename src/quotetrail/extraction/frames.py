"""The syntactic frame of a candidate cue: the shape of what it governs.

The learned cue table is keyed by (lemma, frame), so that "said that ..." and "said goodbye"
get different odds. Training and extraction both call :func:`frame`, so they agree.
"""

from __future__ import annotations

from spacy.tokens import Token

CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
OBJECT_DEPS = frozenset({"dobj", "oprd", "attr", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CANDIDATE_POS = frozenset({"VERB", "NOUN", "AUX"})


def frame(token: Token, in_quote: bool) -> str:
    """A coarse label for what ``token`` governs; ``in_quote`` says a quote touches its clause."""
    child_deps = {child.dep_ for child in token.children}
    if token.pos_ == "NOUN":
        if "acl" in child_deps or "ccomp" in child_deps:
            return "noun-clause"
        return "noun-quote" if in_quote else "noun"
    if token.dep_ in ("parataxis", "advcl") and token.head.pos_ in ("VERB", "AUX"):
        inverted = "inverted"
    else:
        inverted = ""
    if in_quote:
        return "quote"
    if "ccomp" in child_deps:
        return "ccomp"
    if inverted and (child_deps & SUBJECT_DEPS):
        return inverted
    if "xcomp" in child_deps:
        return "xcomp"
    if child_deps & OBJECT_DEPS:
        return "object"
    if "prep" in child_deps:
        return "prep"
    return "bare"
