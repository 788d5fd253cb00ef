"""Who passed a statement on: the outlet a speaker told, or the party whose report carries it.

A reader wants to know that "Jenkins told Norwegian newspaper VG ..." reached us through VG. The
constructions are few and syntactic, so they are read off the parse around the cue:
  * the addressee of the cue: "told VG", "said to Reuters", "speaking to CNN";
  * the occasion: "in an interview with the Financial Times", "in comments to Bloomberg";
  * a source attached to the cue: "..., Jenkins said, according to Verdens Gang";
  * a citing party: "VG cites Jenkins as saying", "Jenkins was quoted by the Guardian as saying",
    where the quoted person is the speaker and the citing party relays.
Only outlets count as addressees ("told reporters" relays nothing): a name from the outlet list,
or one the article introduces with a masthead noun ("the Norwegian daily Verdens Gang").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicons import is_outlet, word_list

__all__ = ["Cited", "cited_speaker", "introduced_outlets", "outlet_named", "relay_via"]

#: Cue lemmas whose object is the addressee ("told VG").
ADDRESSED = frozenset({"tell", "say", "explain", "confirm", "admit", "write", "speak", "talk"})
#: Nouns for the occasion of a statement ("in an interview with ...").
OCCASIONS = frozenset(
    {
        "interview",
        "comment",
        "statement",
        "remark",
        "conversation",
        "podcast",
        "appearance",
        "op-ed",
        "column",
        "post",
        "broadcast",
        "show",
        "email",
        "letter",
        "message",
    }
)
CITING = frozenset({"cite", "quote"})


def _masthead(token: Token) -> bool:
    return token.lower_ in word_list("masthead_nouns") or (
        token.pos_ == "NOUN" and token.lemma_.lower() in word_list("masthead_nouns")
    )


def _proper(token: Token) -> str:
    """A proper name with the proper nouns compounded to its left ("Verdens Gang")."""
    start = token
    for child in token.lefts:
        if child.dep_ in ("compound", "flat") and child.pos_ == "PROPN" and child.i < start.i:
            start = child
            break
    return token.doc[start.i : token.i + 1].text


def _named_by(noun: Token) -> str | None:
    """The proper name a masthead noun introduces, in any of the usual word orders."""
    head = noun.head
    if noun.dep_ in ("compound", "amod", "nmod") and head.pos_ == "PROPN":
        return _proper(head)  # "newspaper VG", "daily Verdens Gang"
    for child in noun.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return _proper(child)  # "the broadcaster NRK"
    names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return _proper(names[-1]) if names else None  # "Interfax news agency"


def _key(name: str) -> str:
    return name.lower().removeprefix("the ").strip()


def introduced_outlets(doc: Doc) -> frozenset[str]:
    """Names (folded) the article introduces as outlets with a masthead noun."""
    found = set()
    for token in doc:
        if _masthead(token) and (name := _named_by(token)):
            found.add(_key(name))
    return frozenset(found)


def outlet_named(token: Token | None, known: frozenset[str]) -> str | None:
    """The outlet this token names, as written ("VG"; "the Financial Times": "Financial Times")."""
    if token is None:
        return None
    if _masthead(token):
        return _named_by(token)
    if token.pos_ != "PROPN":
        return None
    name = _proper(token)
    return name if is_outlet(name) or _key(name) in known else None


def _object(token: Token, deps: tuple[str, ...] = ("pobj",)) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _through_preposition(prep: Token, known: frozenset[str]) -> str | None:
    word, noun = prep.lower_, _object(prep)
    if word == "according":
        to = next((c for c in prep.children if c.lower_ == "to"), None)
        return outlet_named(_object(to), known) if to is not None else None
    if noun is None:
        return None
    if word in ("to", "with", "on"):  # "said to Reuters", "spoke with CNN", "said on Fox News"
        return outlet_named(noun, known)
    if word in ("in", "during") and noun.lemma_.lower() in OCCASIONS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "with", "on"):
                return outlet_named(_object(child), known)  # "in an interview with the FT"
            if child.dep_ in ("compound", "poss") and child.pos_ == "PROPN":
                return outlet_named(child, known)  # "in a CNN interview", "in VG's interview"
    return None


def relay_via(cue: Token, known: frozenset[str]) -> str | None:
    """The outlet the statement at ``cue`` was given to or reached us through, if any."""
    for child in cue.children:
        name = None
        if child.dep_ in ("dative", "dobj") and cue.lemma_ in ADDRESSED:
            name = outlet_named(child, known)
        elif child.dep_ == "prep":
            name = _through_preposition(child, known)
        elif child.dep_ == "advcl" and child.lemma_ in ADDRESSED:
            for grandchild in child.children:  # "Speaking to Reuters, the minister said ..."
                if grandchild.dep_ == "prep":
                    name = name or _through_preposition(grandchild, known)
                elif grandchild.dep_ in ("dative", "dobj"):
                    name = name or outlet_named(grandchild, known)
        if name:
            return name.removeprefix("the ").removeprefix("The ")
    return None


@dataclass(frozen=True, slots=True)
class Cited:
    """ "X cites Y as saying ...": Y (tokens) said it, X (a token) relayed it; ``verb`` is the
    citing verb, whose own statement repeats the same words."""

    speaker: tuple[int, int]
    relayer: Token
    verb: Token


def cited_speaker(cue: Token) -> Cited | None:
    """The quoted person and the citing party of "X cites/quotes Y as saying" (active) and "Y was
    quoted by X as saying" (passive), when ``cue`` is that "saying"."""
    if cue.lemma_ != "say" or cue.dep_ not in ("pcomp", "advcl"):
        return None
    as_ = cue.head if cue.dep_ == "pcomp" else cue
    verb = as_.head
    if verb.lemma_ not in CITING or verb.pos_ != "VERB":
        return None
    quoted = _object(verb, ("dobj", "nsubjpass"))
    relayer = _object(verb, ("nsubj",))
    if relayer is None:
        agent = _object(verb, ("agent",))
        relayer = _object(agent) if agent is not None else None
    if quoted is None or relayer is None:
        return None
    return Cited((quoted.left_edge.i, quoted.right_edge.i + 1), relayer, verb)
