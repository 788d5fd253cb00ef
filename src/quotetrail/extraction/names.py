"""People named in one article: clean name mentions, grouped into one record per person.

spaCy's PERSON spans are a start, not an answer: they glue a neighbouring word onto a name
("Hosting Cook at the summit", "rang Taylor"), tag a dateline ("BUFFALO, N.Y. —") or miss a name
altogether ("Zach Parise's goal"). Here every mention is trimmed to its name words, then mentions
are grouped in text order the way a reader links them: a later "Cook" or "Van Der Beek" goes to
the most recent person whose name ends in it (so two Clintons stay apart), "Owen John Dempsey"
and "Owen Dempsey" are one person under the fuller name, and gender is read off honorifics,
gendered role words and the pronouns that follow a lone named person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicons import is_outlet, word_list

HONORIFICS = {
    "mr.": "m", "mr": "m", "sir": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f",
    "miss": "f", "dame": "f", "dr.": None, "dr": None,
}  # fmt: skip
#: Lower-case words that belong inside a name ("Ludwig van Beethoven", "Osama bin Laden").
PARTICLES = frozenset({"van", "von", "der", "den", "de", "la", "le", "du", "da", "di", "bin", "al"})
NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
#: Shapes of a sentence's first word that the tagger folds into a following name.
GLUE_ENDINGS = ("ing", "ly", "ed")
#: Capitalised verbs a headline glues onto a name: "Obama Says ...".
HEADLINE_VERBS = frozenset({"says", "said", "tells", "told", "warns", "urges", "calls", "slams"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
NAME_EDGES = " \t\r\n\xa0-–—―,;:"


@dataclass(eq=False)
class Person:
    """One person of the article; ``words`` is the fullest form of the name seen so far."""

    words: tuple[str, ...]
    role: str | None = None
    gender: str | None = None
    mentions: list[int] = field(default_factory=list)  # first token of each mention
    votes: dict[str, int] = field(default_factory=lambda: {"m": 0, "f": 0})
    key: tuple[str, ...] = field(init=False, default=())  # name_key(words), kept in step

    @property
    def name(self) -> str:
        return " ".join(self.words)

    def __post_init__(self) -> None:
        self.key = name_key(self.words)

    def rename(self, words: tuple[str, ...]) -> None:
        self.words = words
        self.key = name_key(words)

    def agrees(self, gender: str | None) -> bool:
        return gender is None or self.gender is None or self.gender == gender


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    words: tuple[str, ...]
    title: str
    gender: str | None
    strong: bool  # a name on its own (tagged PERSON, or a proper run); weak ones only attach


def name_key(words: tuple[str, ...]) -> tuple[str, ...]:
    """The comparison form of a name: folded words without "Jr." and the like."""
    folded = (_fold(w) for w in words)
    return tuple(w for w in folded if w not in NAME_SUFFIXES)


def _fold(word: str) -> str:
    return word.casefold().replace(".", "").replace("’", "'")


def pronoun_gender(word: str) -> str | None:
    lower = word.lower()
    return "m" if lower in MALE_PRONOUNS else "f" if lower in FEMALE_PRONOUNS else None


def is_dateline(span: Span | Token) -> bool:
    """ "BUFFALO, N.Y. —", "WASHINGTON (AP) —": a place in capitals opening a paragraph."""
    tokens = [span] if isinstance(span, Token) else list(span)
    first = tokens[0]
    doc = first.doc
    if not all(t.is_upper or t.is_punct for t in tokens) or len(first.text) < 3:
        return False
    if first.i > 0 and "\n" not in doc[first.i - 1].text_with_ws and not doc[first.i - 1].is_space:
        return False
    after = doc[tokens[-1].i + 1 : tokens[-1].i + 6].text
    return after.lstrip().startswith((",", "(", "—", "–", "-", ":"))


def is_org_name(ent: Span) -> bool:
    """ "Dick Clark Productions", "Alden Capital": a name ending in an organisation word is
    an organisation, whatever label the tagger gave it."""
    last = ent[-1] if not ent[-1].is_punct or len(ent) == 1 else ent[-2]
    return len(ent) >= 2 and last.is_title and last.lower_ in word_list("org_words")


def trim(ent: Span, roles: frozenset[str]) -> tuple[int, int, str, str | None]:
    """(start, end, title, gender) of the name words in a PERSON span: titles, honorifics and
    glued words off the front, possessives and stray words off the back."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    while (
        end > start + 1
        and doc[end - 1].is_lower
        and doc[end - 1].lower_ not in PARTICLES
        and not (doc[end - 2].text == "-" and not doc[end - 2].whitespace_)  # "Ki-moon"
    ):
        end -= 1
    for i in range(start + 1, end):  # "Uchiyama 6-2", "Nadal (": the name stops there
        token = doc[i]
        joined = token.text in "-‐" and not token.whitespace_ and not doc[i - 1].whitespace_
        if any(ch.isdigit() for ch in token.text) or (
            token.is_punct and not joined and token.text != "."
        ):
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    while end > start + 1 and doc[end - 1].lower_ in HEADLINE_VERBS:  # "Obama Says"
        end -= 1
    title: list[str] = []
    before = doc[start - 1] if start > 0 else None
    # "Mr." the tagger left outside the name (capitalised: "I miss Steve" is no honorific)
    gender = HONORIFICS.get(before.lower_) if before is not None and before.is_title else None
    while start < end - 1:
        token = doc[start]
        lower = token.lower_
        if lower in HONORIFICS and token.is_title:
            gender = HONORIFICS[lower] or gender
        elif lower in roles or lower.rstrip(".") in roles:
            title.append(token.text)
        elif not (
            token.is_punct
            or lower == "the"
            or (token.is_lower and lower not in PARTICLES)
            or any(ch.isdigit() for ch in token.text)
        ):
            break
        start += 1
    if not title:  # "Councillor Daniel Reyes" with only "Daniel Reyes" tagged: the title before
        at = ent.start
        while at > 0 and at > ent.start - 3 and doc[at - 1].is_title:
            lower = doc[at - 1].lower_
            if lower not in roles and lower.rstrip(".") not in roles:
                break
            at -= 1
        title = [t.text for t in doc[at : ent.start]]
    return start, end, " ".join(title), gender


def glued(doc: Doc, start: int, end: int, surnames: Iterable[str]) -> bool:
    """The first word opens the sentence, has a verb's or adverb's shape, and something says
    it is not a first name: the tagger read it as a verb or adverb ("Praising Cook"), the name
    hangs off the clause as an adverbial noun phrase, never its subject ("Hosting Cook at the
    summit, Li praised ..."), or the article gives the name with another first name ("Tim
    Cook"). "Sterling Brown at the gala said" keeps its first name: it is the subject."""
    first = doc[start]
    if not (
        end - start >= 2
        and (first.is_sent_start or first.i == 0 or doc[first.i - 1].is_punct)
        and first.lower_.endswith(GLUE_ENDINGS)
        and len(first) > 4
    ):
        return False
    last = doc[end - 1]
    return (
        first.tag_ in ("VBG", "VBN", "VBD", "RB")
        or last.dep_ == "npadvmod"
        or _fold(last.text) in surnames
    )


def person_mentions(doc: Doc) -> list[Mention]:
    """Every mention of a person by name, in text order."""
    roles = word_list("roles")
    raw: list[tuple[int, int, str, str | None]] = []
    ents = list(doc.ents)  # Doc.ents builds new spans on every access
    places = {e.text.lower() for e in ents if e.label_ in ("GPE", "LOC")}
    lone_people = {  # "Schwartzman said" tagged PRODUCT is a surname too
        e.text
        for e in ents
        if len(e) == 1
        and (e.label_ == "PERSON" or (e.label_ == "PRODUCT" and e.root.dep_ == "nsubj"))
    }
    for ent in ents:
        if is_dateline(ent) or is_outlet(ent.text) or is_org_name(ent):
            continue
        if ent.label_ != "PERSON" and len(ent) >= 3 and ent[0].lower_ in places:
            # "envoy to Ukraine Kurt Volker" tagged one ORG: a place, then a person's name
            rest = ent[1:]
            if all(t.is_title and t.pos_ == "PROPN" for t in rest) and len(rest) <= 3:
                raw.append((rest.start, rest.end, "", None))
            continue
        if (
            ent.label_ != "PERSON"
            and 2 <= len(ent) <= 4
            and ent[-1].text in lone_people
            and all(t.is_title and t.pos_ == "PROPN" for t in ent)
        ):  # "Penelope Muse Abernathy" tagged ORG beside "Abernathy reported" tagged PERSON
            raw.append(trim(ent, roles))
            continue
        start, end, title, gender = trim(ent, roles)
        if end <= start or not doc[start:end].text[:1].isupper():
            continue
        if ent.label_ == "PERSON" or (title and all(t.is_title or t.is_punct for t in ent)):
            raw.append((start, end, title, gender))
    tagged = {i for s, e, _, _ in raw for i in range(s, e)}
    raw.extend(_untagged_runs(doc, tagged, {_fold(doc[e - 1].text) for _, e, _, _ in raw}))
    multi_lasts = {_fold(doc[e - 1].text) for s, e, _, _ in raw if e - s >= 2}
    raw = [  # "Kiev" tagged a place once and a person later is a place
        (s, e, t, g)
        for s, e, t, g in raw
        if not (e - s == 1 and doc[s].lower_ in places and _fold(doc[s].text) not in multi_lasts)
    ]
    starts = {s for s, _, _, _ in raw}
    bracketed = {
        i + 3: doc[i + 1].text
        for i in range(len(doc) - 3)
        if doc[i].text == "("
        and doc[i + 2].text == ")"
        and doc[i + 1].is_title
        and doc[i + 3].is_title
        and doc[i + 3].pos_ == "PROPN"
        and (i + 1 in starts or i + 3 in starts)
    }
    raw.extend((i, i + 1, "", None) for i in bracketed if i not in starts)
    raw.sort()
    multi = [(s, e) for s, e, _, _ in raw if e - s >= 2]
    lasts: dict[str, set[str]] = {}
    for s, e in multi:
        lasts.setdefault(_fold(doc[e - 1].text), set()).add(_fold(doc[s].text))
    shared = {last for last, firsts in lasts.items() if len(firsts) >= 2}  # two first names
    out = []
    for start, end, title, gender in raw:
        if glued(doc, start, end, shared):
            start += 1
        if start in bracketed:  # "(Frank) Vogel": the first name in brackets
            words = (bracketed[start], *doc[start:end].text.split())
            out.append(Mention(start, end, words, title, gender, strong=True))
            continue
        if start + 2 in bracketed and end == start + 1:
            continue  # the bracketed first name itself
        words = tuple(doc[start:end].text.split())
        out.append(Mention(start, end, words, title, gender, strong=True))
    return out


def _untagged_runs(
    doc: Doc, tagged: set[int], person_lasts: set[str]
) -> list[tuple[int, int, str, str | None]]:
    """Names the tagger missed: a run of two or more capitalised proper nouns ending in a word
    the article uses as a person's name elsewhere ("Zach Parise's" beside "Parise said"),
    followed by a role in apposition ("Jeff Sanborn, president of ...") or after a role word
    ("Goalkeeper Carey Price")."""
    roles = word_list("roles")
    out = []
    i = 0
    while i < len(doc):
        j = i
        while (
            j < len(doc)
            and doc[j].pos_ == "PROPN"
            and doc[j].is_title
            and not doc[j].ent_type_
            and j not in tagged
        ):
            j += 1
        if j - i >= 2:
            head = doc[j - 1]
            linked = all(doc[k].head.i == head.i or doc[k].head.i > k for k in range(i, j - 1))
            role_appos = any(
                c.dep_ == "appos" and (c.lower_ in roles or c.lemma_ in roles)
                for c in head.children
            )
            titled = i > 0 and doc[i - 1].lower_ in roles and doc[i - 1].head.i == head.i
            if linked and (_fold(head.text) in person_lasts or role_appos or titled):
                out.append((i, j, doc[i - 1].text if titled else "", None))
        i = max(j, i + 1)
    return out


class People:
    """The article's people, with which person each name token refers to."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: list[Person] = []
        self.at: dict[int, Person] = {}
        self.by_last: dict[str, list[Person]] = {}  # people by the last word of their name
        for mention in person_mentions(doc):
            self.add(mention)

    def add(self, mention: Mention) -> Person | None:
        # "Mr. Obama" is a surname, never a first name
        first_name = mention.strong and mention.gender is None
        person = self.find(mention.words, mention.start, first_name=first_name, title=mention.title)
        if person is not None and not mention.strong and mention.words[-1] != person.words[-1]:
            person = None  # a word the tagger did not call a name must be spelt as the name
        if person is None:
            if not mention.strong:
                return None
            person = Person(mention.words)
            self.people.append(person)
            if person.key:
                self.by_last.setdefault(person.key[-1], []).append(person)
        elif len(mention.words) > len(person.words) and _variant(mention.words, person.words):
            person.rename(mention.words)  # the fuller form: "Owen John Dempsey", "Zach Parise"
        if mention.title and person.role is None:
            person.role = mention.title
        if mention.gender:
            person.votes[mention.gender] += 10  # an honorific outweighs pronoun guesses
        person.mentions.append(mention.start)
        for i in range(mention.start, mention.end):
            self.at[i] = person
        return person

    def find(
        self, words: tuple[str, ...], at: int, *, first_name: bool = True, title: str = ""
    ) -> Person | None:
        """The person a name refers to at token ``at``: the same or a variant name, else the
        most recently mentioned person whose name ends in these words (of those given the same
        title, when the mention has one: "Councillor Reyes" is the councillor, not his sister)."""
        key = name_key(words)
        if not key:
            return None
        pool = self.by_last.get(key[-1], [])  # every match below shares the last word
        same = [p for p in pool if p.key == key or _variant_key(key, p.key)]
        if same:
            return same[0]
        candidates = [p for p in pool if _ends_with(p.key, key) or _ends_with(key, p.key)]
        if not candidates and len(key) == 1 and first_name:  # the only Donald named in full
            firsts = [p for p in self.people if len(p.key) >= 2 and p.key[0] == key[0]]
            return firsts[0] if len(firsts) == 1 else None
        if not candidates:
            return None
        if title and len(candidates) > 1:
            titled = [p for p in candidates if p.role and p.role.casefold() == title.casefold()]
            candidates = titled or candidates
        before = [(max((m for m in p.mentions if m < at), default=-1), p) for p in candidates]
        latest = max(before, key=lambda pair: pair[0])
        if latest[0] >= 0:
            return latest[1]
        return min(candidates, key=lambda p: min(p.mentions, default=at))

    def settle_genders(self) -> None:
        for person in self.people:
            m, f = person.votes["m"], person.votes["f"]
            if m > 2 * f:
                person.gender = "m"
            elif f > 2 * m:
                person.gender = "f"


def _ends_with(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return len(longer) > len(shorter) and longer[-len(shorter) :] == shorter


def _variant_key(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same first and last name, one with middle names or initials the other lacks."""
    if len(a) < 2 or len(b) < 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    rest = iter(long_)
    return all(word in rest for word in short)


def _variant(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    fa = tuple(_fold(w) for w in a if _fold(w) not in NAME_SUFFIXES)
    fb = tuple(_fold(w) for w in b if _fold(w) not in NAME_SUFFIXES)
    # a surname alone grows into the full name; a full name never grows at the front
    # ("Crooked Hillary Clinton" is not a fuller "Hillary Clinton")
    return _variant_key(fa, fb) or (len(fb) == 1 and _ends_with(fa, fb)) or fa == fb


__all__ = [
    "NAME_EDGES",
    "Mention",
    "People",
    "Person",
    "is_dateline",
    "is_org_name",
    "person_mentions",
]
