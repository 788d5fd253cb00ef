"""Speakers across articles: which stored quotes belong to one real-world speaker.

Conservative by design: a wrong merge puts words in someone else's mouth, a missed merge only
splits a speaker's record. The rules, applied to one article's quotes at a time:

1. Only *named* speakers get a record: a name with a capitalised word that is not just the
   speaker's role ("the mayor" -> name "mayor", role "mayor": no record) and not of kind
   ``other`` (unresolved descriptions: "officials", "a 2014 study"). Pronouns the extractor could
   not resolve have no name. These quotes keep ``speaker_id`` NULL.
2. Identity is (normalised full name, kind): "Hillary Clinton" and "Bill Clinton" are two
   records, as are "Paris" the person and "Paris" the city; "George W. Bush" and "George H. W.
   Bush" stay apart because initials are kept. Normalising only drops case, dots, possessive
   's and spacing differences.
3. A person named by one word ("Clinton") is never matched across articles on its own: the
   extractor already resolved surnames to full names within the article, so a bare surname here
   means it could not. It joins a record only when exactly one full name among the article's
   own speakers ends in it; otherwise (none, or two Clintons) the quote stays unlinked.
   Organizations, countries and outlets are often one word ("NATO", "Reuters"), so the rule is
   for people only; a one-word person ("Madonna") therefore stays unlinked.
4. Name variants of one person meet in one record when they are the same name with and
   without middle names ("Owen Dempsey" joins an existing "Owen John Dempsey", and the record
   keeps the fuller name): same first and last word, and the shorter has no middle word, so
   "George W. Bush" and "George H. W. Bush" stay apart; with two fuller candidates ("George
   Bush" beside both) nothing is merged. Dotted and plain acronyms ("U.S." / "US") and a leading
   honorific ("Mr.", "Dr.") do not count in a name.
5. A group ("Kurt Volker and Tim Morrison") is a source, not a speaker record.
6. The party that relays a quote ("told VG", "according to Reuters", "X reported that Y said")
   is a speaker record too, by the same rules: (normalised name, kind), kind "outlet" for a news
   organisation, so "Reuters" relaying in two articles is one record. A party that also speaks
   in the article (a person reporting what another said) is that speaker's own record.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from quotetrail.records import Quote

__all__ = [
    "SpeakerLink",
    "is_named",
    "link_speakers",
    "link_vias",
    "normalise_name",
    "speaker_id",
    "variant_key",
]

ID_HEX_CHARS = 16
UNLINKED_KINDS = frozenset({"other"})
#: Generational suffixes are not surnames: "Martin Luther King Jr." ends in "king".
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: A mention that is only one of these is a pronoun, even when capitalised at a sentence start.
PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "who", "whom", "which", "that", "this"}
)
LEADING_ARTICLES = ("the ", "a ", "an ")
#: A longer mention, or one with a comma, is a description ("the treasurer, Maria Okafor").
MAX_ALIAS_WORDS = 6
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_EDGE_PUNCT = " \t\n\"'()[],;:!?"
_DOTTED_ACRONYM = re.compile(r"\b(?:[^\W\d_]\.){2,}")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})


@dataclass(frozen=True, slots=True)
class SpeakerLink:
    """What one quote adds to a speaker record: its identity, a surface form and a role."""

    id: str
    name: str
    key: str
    kind: str
    alias: str | None
    role: str | None


def normalise_name(name: str) -> str:
    """The comparison form of a name: "Loretta E. Lynch's" -> "loretta e lynch"."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip(_EDGE_PUNCT)
    text = text.removesuffix("'s").removesuffix("'")
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)  # "U.S." -> "US"
    text = _SPACED_HYPHEN.sub("-", text.replace(".", " "))
    words = text.casefold().split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words).strip(_EDGE_PUNCT)


def variant_key(key: str, kind: str, known: Sequence[str]) -> str | None:
    """Rule 4: the stored key this person's key is a middle-name variant of, if exactly one.

    "owen dempsey" -> "owen john dempsey"; "owen john dempsey" -> "owen dempsey" (the record
    then takes the fuller name). ``known`` are stored person keys sharing the first word.
    """
    words = key.split()
    if kind != "person" or len(words) < 2 or key in known:
        return None
    same = [
        other
        for other in known
        if len(other.split()) >= 2
        and other.split()[0] == words[0]
        and _surname(other) == _surname(key)
    ]
    if len(words) == 2:  # "Owen Dempsey": the one fuller name, if only one
        fuller = [other for other in same if len(other.split()) > 2]
        return fuller[0] if len(fuller) == 1 else None
    shorter = [other for other in same if len(other.split()) == 2]
    others = [other for other in same if len(other.split()) > 2]
    return shorter[0] if len(shorter) == 1 and not others else None


def speaker_id(kind: str, key: str) -> str:
    """Stable across runs and machines: the same speaker always gets the same id."""
    digest = hashlib.sha256(f"speaker\x1f{kind}\x1f{key}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:ID_HEX_CHARS]


def _capitalised(text: str) -> bool:
    return any(word[:1].isupper() for word in text.split())


def is_named(name: str | None, kind: str | None, role: str | None) -> bool:
    """Rule 1: does this quote name its speaker well enough for a record?"""
    if not name or not kind or kind in UNLINKED_KINDS or not _capitalised(name):
        return False
    key = normalise_name(name)
    if kind == "person" and (" and " in f" {key} " or "&" in key):
        return False  # rule 5: a group
    return bool(key) and key not in PRONOUNS and not (role and key == normalise_name(role))


def _surname(key: str) -> str:
    words = key.split()
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words[-1]


def _alias(mention: str | None, role: str | None, key: str, kind: str) -> str | None:
    """A mention worth remembering as a way of naming the speaker: not a pronoun, not the bare
    role ("The Mayor"), not a description, not a group ("Volker and Morrison"), and for a
    person one that ends in a word of the name ("Mr. Trump", not "Trump supporters", "Republican
    nominee" or another person's name a resolution slip put there)."""
    if not mention:
        return None
    text = " ".join(mention.split())
    for article in LEADING_ARTICLES:
        if text.lower().startswith(article):
            text = text[len(article) :]
    described = "," in text or len(text.split()) > MAX_ALIAS_WORDS
    described = described or " and " in f" {text.lower()} " or "&" in text  # a group
    bare_role = role is not None and normalise_name(text) == normalise_name(role)
    if described or bare_role or text.lower() in PRONOUNS or not _capitalised(text):
        return None
    if kind == "person" and not is_name_of(text, key):
        return None
    return text


#: Prepositions that make "X of Y" a phrase about Y when Y is the whole name ("aides to Clinton",
#: "popularity of Mr. Trump"), while "Secretary of State John Kerry" still names Kerry.
_PREPOSITIONS = frozenset({"of", "on", "with", "by", "for", "to", "from", "in", "at", "about"})
_PREPOSITIONS |= {"against", "than", "as"}


def is_name_of(mention: str, key: str) -> bool:
    """Is a mention a way of naming the person keyed ``key``: it ends in a word of the name
    ("Mr. Trump", "Republican nominee Donald Trump") and is no phrase about them ("Trump
    supporters", "his recent attacks on Trump", "spokesman for Mr. Clinton")?"""
    names = set(key.split())
    words = mention.split()
    for at in range(len(words) - 1, -1, -1):
        if words[at] in _PREPOSITIONS:  # lower-case: "Friends Of" is left to the other tests
            after = normalise_name(" ".join(words[at + 1 :])).split()
            if after and set(after) <= names:
                return False
            break
    normal = normalise_name(mention).split()
    return bool(normal) and normal[-1] in names


def link_speakers(quotes: Sequence[Quote]) -> list[SpeakerLink | None]:
    """One link (or None) per quote of one article, in order; a pure function of the quotes."""
    named = [
        q.speaker_name if is_named(q.speaker_name, q.speaker_kind, q.speaker_role) else None
        for q in quotes
    ]
    # Full person names spoken in this article, by surname: the only evidence rule 3 accepts.
    full_names: dict[str, dict[str, str]] = {}
    for quote, name in zip(quotes, named, strict=True):
        key = normalise_name(name) if name else ""
        if quote.speaker_kind == "person" and " " in key:
            full_names.setdefault(_surname(key), {}).setdefault(key, name or key)
    links: list[SpeakerLink | None] = []
    for quote, name in zip(quotes, named, strict=True):
        kind = quote.speaker_kind
        if name is None or kind is None:
            links.append(None)
            continue
        key = normalise_name(name)
        if kind == "person" and " " not in key:
            owners = full_names.get(key, {})
            if len(owners) != 1:
                links.append(None)
                continue
            ((key, name),) = owners.items()
        mention = quote.speaker.text if quote.speaker else None
        alias = _alias(mention, quote.speaker_role, key, kind)
        links.append(SpeakerLink(speaker_id(kind, key), name, key, kind, alias, quote.speaker_role))
    return links


def link_vias(
    quotes: Sequence[Quote], links: Sequence[SpeakerLink | None]
) -> list[SpeakerLink | None]:
    """Rule 6: the record of each quote's relaying party (or None), given the article's
    speaker ``links``; a relaying outlet counts no statement of its own."""
    spoken = {
        (q.speaker_name, link.kind): link
        for q, link in zip(quotes, links, strict=True)
        if link is not None and q.speaker_name
    }
    out: list[SpeakerLink | None] = []
    for quote in quotes:
        kind, name = quote.via_kind, quote.via
        if not name or not kind:  # a party of unknown kind gets no record: it may be a person
            out.append(None)
        elif (own := spoken.get((name, kind))) is not None:
            out.append(own)
        elif not is_named(name, kind, None) or (kind == "person" and " " not in name.strip()):
            out.append(None)  # rule 3: a bare surname is never matched across articles
        else:
            key = normalise_name(name)
            out.append(SpeakerLink(speaker_id(kind, key), name, key, kind, None, None))
    return out
