"""Resolve speaker mentions to canonical in-article names, kinds and roles.

A human reader links "Stoltenberg", "he", "his chief of staff" and "Stian Jenssen" to people
named once in full. We do the same with a few document-level passes over the parse:
  1. names (names.py): person mentions trimmed to their name words and grouped per person;
     organisations, places and outlets from the other entities (an acronym or a short form
     goes to the full name the article spells out; datelines and nationality adjectives are
     nobody);
  2. roles: titles before a name and appositions ("Stoltenberg's chief of staff, Stian Jenssen");
  3. gender: honorifics, gendered role words and pronouns that follow a lone named person;
  4. salience: who was mentioned, as subject or not, in the sentences before a pronoun or a
     definite role noun ("the veteran goalkeeper"), so each goes to the nearest fitting person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicons import is_outlet, word_list
from .mentions import before_hyphenated_adverb
from .names import (
    NAME_EDGES,
    Mention,
    People,
    Person,
    is_dateline,
    is_org_name,
    pronoun_gender,
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
SELF_PRONOUNS = frozenset({"i", "me", "you", "we", "us"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})
DEFINITE = frozenset({"the", "this", "that"})
ENT_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "country",
    "NORP": "other",
    "LOC": "other",
    "FAC": "other",
}
SALIENCE_WINDOW = 3  # sentences a pronoun or a role noun may reach back
FOCUS_WINDOW = 12  # sentences a pronoun reaches back past quotations to a named person
DOCUMENT_WINDOW = 12  # sentences "the statement" may reach back to the one that was issued
#: Documents a source issues: "the statement" is the words of whoever issued it.
DOCUMENT_NOUNS = frozenset({"statement", "letter", "release", "memo", "email", "filing"})
FEMALE_ROLES = ("woman", "women", "ess", "mother", "wife", "daughter", "sister", "queen")
MALE_ROLES = ("man", "men", "father", "husband", "son", "brother", "king")
#: Abbreviated titles, so "Gov. Holcomb" holds the role "the governor" refers to.
TITLE_WORDS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "sec": "secretary", "pres": "president", "prof": "professor", "amb": "ambassador",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Resolved:
    name: str | None
    kind: str | None
    role: str | None


@dataclass
class Entity:
    name: str
    kind: str
    role: str | None = None


class ArticleSpeakers:
    """Everything the article tells us about who is who, built once per Doc."""

    def __init__(self, doc: Doc, quoted: Callable[[int], bool] | None = None) -> None:
        self.doc = doc
        self.quoted = quoted or (lambda _: False)
        self.names = People(doc)
        self.entity_of_token: dict[int, Entity] = {}
        self.role_holders: dict[str, Person] = {}
        self.datelines: set[int] = set()
        self._spelt: dict[str, str] | None = None  # acronym -> the words it abbreviates
        self.sentence_of = [0] * len(doc)
        self.sentences = list(doc.sents)
        for number, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = number
        self._index_entities()
        self._index_roles()
        self._index_genders()
        self.subjects: list[tuple[int, int, Resolved, Person | None]] = []
        self._index_subjects()

    # -- pass 1: entities other than people -------------------------------------------
    def _index_entities(self) -> None:
        doc = self.doc
        ents = list(doc.ents)
        orgs = [
            _clean_name(_with_org_word(e))
            for e in ents
            if (e.label_ == "ORG" or is_org_name(e)) and not is_dateline(e)
        ]
        self.orgs = orgs
        places = {_clean_name(e).lower() for e in ents if e.label_ in ("GPE", "LOC")}
        for ent in ents:
            if is_dateline(ent):
                self.datelines.update(range(ent.start, ent.end))
                continue
            if any(t.i in self.names.at for t in ent):
                continue
            ent = _name_part(ent)  # "American Music Awards after Swift"
            name = _clean_name(ent)
            label = ent.label_
            if label == "PERSON" and len(ent) == 1 and name.lower() in places:
                label = "GPE"  # "Kiev" tagged a place once and a person later is a place
            if len(ent) == 1:  # a surname tagged ORG or GPE: "Sanborn said"
                person = self.names.add(_weak(ent[0]))
                if person is not None:
                    continue
            lone = ent[0] if ent.label_ == "NORP" and len(ent) == 1 else None
            if lone is not None and (lone.pos_ == "ADJ" or lone.lower_ in word_list("roles")):
                continue  # "Norwegian" is nobody; "the Ohio Democrat" is a role
            unknown = label not in ENT_KIND or label == "PERSON"
            if unknown and not is_outlet(name) and not is_org_name(ent):
                continue
            outlet = is_outlet(name) or _after_outlet_noun(ent[0])
            label = "ORG" if is_org_name(ent) else label
            kind = "outlet" if outlet else ENT_KIND.get(label, "organization")
            if kind == "organization":
                name = _full_org_name(name, orgs)
                if name.isupper() and 3 <= len(name) <= 5:
                    name = self._spelt_out(name)
            entity = Entity(name, kind)
            for token in ent:
                self.entity_of_token[token.i] = entity
        # a surname the tagger missed entirely, after its full name was seen (also when it
        # took the surname for a plural noun: "Petrides said" tagged NNS)
        for token in doc:
            if token.i in self.names.at or token.i in self.entity_of_token:
                continue
            if token.is_title and (
                token.pos_ == "PROPN"
                or (token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass", "pobj"))
            ):
                self.names.add(_weak(token))

    # -- pass 2: roles ---------------------------------------------------------------
    def _index_roles(self) -> None:
        roles = word_list("roles")
        for token in self.doc:
            person = self.names.at.get(token.i)
            if person is None or self.names.at.get(token.head.i) is person:
                continue
            title = _title_run(token, roles)
            if title:
                self._set_role(person, title)
            if token.dep_ == "appos" and _is_role_noun(token.head, roles):
                self._set_role(person, _role_phrase(token.head))
            for child in token.children:
                if child.dep_ == "appos" and _is_role_noun(child, roles):
                    self._set_role(person, _role_phrase(child))
        for person in self.names.people:
            if person.role:
                self.role_holders.setdefault(person.role.lower(), person)
                self.role_holders.setdefault(_role_key(person.role), person)

    def _set_role(self, person: Person, role: str) -> None:
        if not role:
            return
        if person.role is None:
            person.role = role
        self.role_holders.setdefault(role.lower(), person)
        self.role_holders.setdefault(_role_key(role), person)

    # -- pass 3: gender ------------------------------------------------------------------
    def _index_genders(self) -> None:
        for person in self.names.people:
            gender = _role_gender(person.role)
            if gender:
                person.votes[gender] += 3
        for token in self.doc:
            gender = pronoun_gender(token.text)
            if gender is None or self.quoted(token.idx):
                continue
            number = self.sentence_of[token.i]
            sent = self.sentences[number]
            before = self._people_in(sent.start, token.i)
            if not before and number > 0:
                previous = self.sentences[number - 1]
                before = self._people_in(previous.start, previous.end)
            if len(before) == 1 and token.dep_ in ("nsubj", "nsubjpass", "poss"):
                before.pop().votes[gender] += 1
        self.names.settle_genders()

    def _people_in(self, start: int, end: int) -> set[Person]:
        """The people named outside quotations between two tokens, if one of them is the
        subject there (a pronoun that follows agrees with a lone subject)."""
        people = {
            self.names.at[i]
            for i in range(start, end)
            if i in self.names.at and not self.quoted(self.doc[i].idx)
        }
        subject = any(
            self.doc[i].dep_ in ("nsubj", "nsubjpass")
            for i in range(start, end)
            if i in self.names.at
        )
        return people if subject else set()

    # -- pass 4: salience ------------------------------------------------------------
    def _index_subjects(self) -> None:
        """(token index, sentence number, resolved, person) for every nominal subject, in
        order; a role noun is resolved against the subjects before it."""
        out = self.subjects
        for number, sent in enumerate(self.sentences):
            for token in sent:
                if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN"):
                    resolved = self.resolve_head(token, number, pronouns=False)
                    if resolved.name:
                        person = self.names.at.get(token.i) or self._holder(resolved)
                        out.append((token.i, number, resolved, person))

    def _holder(self, resolved: Resolved) -> Person | None:
        if resolved.kind != "person":
            return None
        return next((p for p in self.names.people if p.name == resolved.name), None)

    # -- resolution -------------------------------------------------------------------
    def resolve(self, span: Span) -> Resolved:
        head = span.root
        number = self.sentence_of[head.i]
        conjuncts = [c for c in head.children if c.dep_ == "conj" and span.start <= c.i < span.end]
        joined = any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in head.children)
        between = self.doc[head.i : conjuncts[0].i].text if conjuncts else ""
        if conjuncts and joined and head.pos_ == "PROPN" and "’s" not in between:
            group = self._group(head, conjuncts, number)
            if group is not None:
                return group
        return self.resolve_head(head, number, pronouns=True, span=span)

    def _group(self, head: Token, conjuncts: list[Token], number: int) -> Resolved | None:
        """ "Volker and Morrison": both people, by their full names, as one source."""
        parts = []
        for part in (head, *conjuncts):
            start = part.left_edge.i if part is not head else head.left_edge.i
            one = self.resolve_head(part, number, pronouns=False, span=self.doc[start : part.i + 1])
            if not one.name or not one.name[:1].isupper() or one.kind == "other":
                return None
            parts.append(one)
        names = [p.name for p in parts if p.name]
        joined = ", ".join(names[:-1]) + " and " + names[-1]
        kinds = {p.kind for p in parts}
        if len(kinds) != 1:
            return None
        return Resolved(joined, kinds.pop(), None)

    def resolve_head(
        self, head: Token, number: int, *, pronouns: bool, span: Span | None = None
    ) -> Resolved:
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            head, span = _antecedent(head.head.head), None  # the relative pronoun's antecedent
        if head.i in self.datelines:
            inside = [self.names.at[t.i] for t in span or () if t.i in self.names.at]
            named = inside[0] if inside else self._name_before(head.head)
            return self._person(named) if named else Resolved(None, None, None)
        tokens = span if span is not None else self.doc[head.left_edge.i : head.right_edge.i + 1]
        for child in head.children:
            if child.dep_ == "appos" and child.i in self.names.at:
                return self._person(self.names.at[child.i])
        if head.i in self.names.at:
            return self._person(self.names.at[head.i])
        if head.i in self.entity_of_token:
            entity = self.entity_of_token[head.i]
            if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in head.children):
                return Resolved(_description(head), entity.kind, None)  # "the Post's Fact Checker"
            return Resolved(entity.name, entity.kind, None)
        if head.pos_ == "ADV" and head.is_title:  # "says Early": a surname parsed as an adverb
            person = self.names.find((head.text,), head.i, first_name=False)
            return self._person(person) if person else Resolved(None, None, None)
        if head.ent_type_ == "NORP" and head.pos_ == "ADJ":
            return Resolved(None, None, None)
        if pronouns and head.pos_ == "PRON":
            return self._pronoun(head, number)
        if head.pos_ in ("NOUN", "PROPN"):
            return self._described(head, number, tokens)
        # "Like Instagram head Adam Mosseri, Twitter CEO Jack Dorsey": the last name in it
        named = [self.names.at[t.i] for t in tokens if t.i in self.names.at]
        return self._person(named[-1]) if named else Resolved(None, None, None)

    def _described(self, head: Token, number: int, tokens: Span) -> Resolved:
        """A role noun or a description: its holder when the article gave one, else itself."""
        roles = word_list("roles")
        phrase = _role_phrase(head)
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if owner is not None and owner.i in self.names.at and head.pos_ == "NOUN":
            # "Morrison's lawyer", "Taylor's blood work": described through its owner
            person = self.names.at[owner.i]
            rest = _description(head)[len(_description(owner)) :].lstrip()
            rest = rest.removeprefix("’s").removeprefix("'s").lstrip()
            kind = "person" if _is_role_noun(head, roles) else "other"
            return Resolved(f"{person.name}'s {rest}", kind, phrase if kind == "person" else None)
        holder = self.role_holders.get(phrase.lower()) or self.role_holders.get(_role_key(phrase))
        if holder:
            return self._person(holder)
        for token in tokens:
            if token.i in self.names.at and token.dep_ != "poss":
                found = self.names.at[token.i]
                if found.role is None and _is_role_noun(head, roles):
                    return Resolved(found.name, "person", phrase)  # "the engineer, X"
                return self._person(found)
            if (
                token.i in self.entity_of_token
                and token.i != head.i
                and token.head.dep_ == "prep"
                and token.head.lower_ in ("by", "from")
            ):
                entity = self.entity_of_token[token.i]  # "a report from Kotak"
                return Resolved(entity.name, entity.kind, None)
        for prep in head.children:  # "a new report by E! News": the author speaks
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                author = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if author is not None and author.pos_ == "PROPN" and not self.quoted(author.idx):
                    name = _description(author)
                    return Resolved(name, "outlet" if is_outlet(name) else "organization", None)
        lemma = head.lemma_.lower()
        if _definite(head) and head.pos_ == "NOUN":
            if lemma in DOCUMENT_NOUNS:
                issuer = self._issuer(head, number)
                if issuer is not None:
                    return issuer
            specific = any(  # "the Jordanian government" names itself
                c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")
                for c in head.children
            )
            if lemma in word_list("org_words") and head.tag_ == "NN" and not specific:
                entity = self._antecedent_org(head, number)
                if entity is not None:
                    return Resolved(entity.name, entity.kind, None)
        is_role = _is_role_noun(head, roles)
        if is_role and _definite(head) and head.tag_ == "NN":
            person = self._antecedent_person(head, number, role=_role_key(phrase))
            if person is not None:
                return Resolved(person.name, "person", person.role or phrase)
        described = _description(head) or phrase or tokens.text
        if head.pos_ == "NOUN" and described.endswith(head.text):
            described += _qualifier(head, tokens)  # "people familiar with the talks"
        kind = "person" if is_role else "other"
        if head.lower_ in word_list("org_words") or head.lemma_.lower() in word_list("org_words"):
            kind = "organization"
        if head.pos_ == "PROPN":
            kind = "outlet" if is_outlet(described) else kind
            if " " not in described and kind != "outlet":
                described = _full_org_name(described, self.orgs)
        return Resolved(described, kind, phrase if kind == "person" else None)

    def _antecedent_org(self, head: Token, number: int) -> Entity | None:
        """ "the company": the organisation named most recently before it, subjects first,
        one whose name holds the noun ("the ministry" -> "Foreign Ministry") before others."""
        noun = head.lemma_.lower()
        for sent_no in range(number, max(number - SALIENCE_WINDOW, 0) - 1, -1):
            sent = self.sentences[sent_no]
            end = min(sent.end, head.i) if sent_no == number else sent.end
            found = []
            for i in range(sent.start, end):
                entity = self.entity_of_token.get(i)
                if entity is None or entity.kind != "organization" or self.quoted(self.doc[i].idx):
                    continue
                named = noun in entity.name.lower()
                subject = self.doc[i].dep_ in ("nsubj", "nsubjpass")
                found.append((not named, not subject, -i, entity))
            if found:
                return min(found, key=lambda f: f[:3])[3]
        return None

    def _issuer(self, head: Token, number: int) -> Resolved | None:
        """ "The statement said ...": whoever issued or spoke in the statement named earlier
        ("Big Machine Records said in a statement", "the group released a letter")."""
        lemma = head.lemma_.lower()
        first = self.sentences[max(number - DOCUMENT_WINDOW, 0)].start
        for i in range(head.i - 1, first - 1, -1):
            token = self.doc[i]
            if token.lemma_.lower() != lemma or token.pos_ != "NOUN" or self.quoted(token.idx):
                continue
            if token.dep_ in ("nsubj", "nsubjpass") and _definite(token):
                return self._issuer(token, self.sentence_of[i])  # the same statement, before
            verb = token.head.head if token.head.dep_ == "prep" else token.head
            for _ in range(2):  # "denied the allegations in a statement": the prep hangs
                if verb.pos_ in ("VERB", "AUX") or verb.head is verb:  # off the object
                    break
                verb = verb.head
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != i:
                    child = before_hyphenated_adverb(child)
                    found = self.resolve_head(child, self.sentence_of[child.i], pronouns=True)
                    if found.name and found.name[:1].isupper():
                        return found
        return None

    def _spelt_out(self, acronym: str) -> str:
        """ "CBP" -> "Customs and Border Protection": the first run of capitalised words in
        the article whose initials spell the acronym."""
        if self._spelt is None:
            self._spelt = {}
            for match in _CAPITALISED_RUN.finditer(self.doc.text):
                words = match.group(0).split()
                initials = "".join(w[0] for w in words if w[:1].isupper())
                self._spelt.setdefault(initials, match.group(0))
        return self._spelt.get(acronym, acronym)

    def _person(self, person: Person) -> Resolved:
        return Resolved(person.name, "person", person.role)

    def _name_before(self, verb: Token) -> Person | None:
        """ "BUFFALO, N.Y. — ..., Wild coach Bruce Boudreau expressed": the name that
        stands right before the verb whose subject the parser gave to the dateline."""
        i = verb.i - 1
        while i >= 0 and self.doc[i].dep_ in ("aux", "neg", "advmod"):
            i -= 1
        return self.names.at.get(i) if i >= 0 else None

    def _pronoun(self, head: Token, number: int) -> Resolved:
        lower = head.lower_
        if lower in SELF_PRONOUNS:
            return Resolved(None, "other", None)
        if lower in PERSON_PRONOUNS:
            person = self._antecedent_person(head, number, gender=pronoun_gender(lower))
            return self._person(person) if person else Resolved(None, "person", None)
        for index, sent_no, resolved, _ in reversed(self.subjects):
            if index >= head.i:
                continue
            if number - sent_no > SALIENCE_WINDOW:
                break
            if _can_be_they(self.doc[index], resolved):
                return resolved
        return Resolved(None, "other", None)

    def _antecedent_person(
        self, head: Token, number: int, *, gender: str | None = None, role: str | None = None
    ) -> Person | None:
        """The nearest fitting person before ``head``: sentence by sentence backwards, the
        subjects of a sentence before its other mentions, quotations skipped."""
        gender = gender or _role_gender(head.lower_)
        subjects = {i: p for i, _, _, p in self.subjects if p is not None}
        # "he told Cook": a pronoun is not a fellow argument of its own verb
        clause = head.head
        others = {
            self.names.at[t.i]
            for child in clause.children
            if child.dep_ not in ("ccomp", "xcomp", "advcl", "conj") and child is not head
            for t in child.subtree
            if t.i in self.names.at
        }
        nearest = self._nearest_person(head, number, gender, role, subjects, others)
        if nearest is not None:
            return nearest
        # a long run of quotations: the last fitting person named outside them, further back
        first = max(number - FOCUS_WINDOW, 0)
        for i in range(head.i - 1, self.sentences[first].start - 1, -1):
            person = self.names.at.get(i)
            if person is None or person in others or self.quoted(self.doc[i].idx):
                continue
            if person.agrees(gender) and not (role and person.role):
                return person
        return None

    def _nearest_person(
        self,
        head: Token,
        number: int,
        gender: str | None,
        role: str | None,
        subjects: dict[int, Person],
        others: set[Person],
    ) -> Person | None:
        window = []  # per sentence, nearest first: mentions ranked subjects first
        for sent_no in range(number, max(number - SALIENCE_WINDOW, 0) - 1, -1):
            sent = self.sentences[sent_no]
            end = min(sent.end, head.i) if sent_no == number else sent.end
            found: list[tuple[int, int, Person]] = []
            for i in range(sent.start, end):
                person = self.names.at.get(i) or subjects.get(i)
                if person is None or self.quoted(self.doc[i].idx):
                    continue
                found.append((_prominence(self.doc[i], i in subjects), -i, person))
            window.append(sorted(found, key=lambda f: (f[0], f[1])))
        if role:  # the one given this role anywhere in the window first
            for ranked in window:
                for _, _, person in ranked:
                    if person.role and _role_key(person.role) == role and person.agrees(gender):
                        return person
        for ranked in window:
            for rank, _, person in ranked:
                if not person.agrees(gender) or person in others:
                    continue
                if role and (rank == 2 or person.role or len(person.words) < 2):
                    continue  # "the actor" is a named person the article was talking about
                return person
        return None


def _can_be_they(token: Token, resolved: Resolved) -> bool:
    """ "they" stands for a body (a company, a country, an outlet, a name that is not a
    person's: "Big Machine") or a plural ("the researchers", "studies"), never one named person
    or a singular thing ("heavy use")."""
    if resolved.kind in ("organization", "outlet", "country"):
        return True
    if token.tag_ in ("NNS", "NNPS"):
        return True
    return token.pos_ == "PROPN" and resolved.kind != "person"


def _prominence(token: Token, subject: bool) -> int:
    """0 for the subject of the sentence's main verb, 1 for another subject, 2 otherwise:
    a pronoun in the next sentence most likely continues the main subject."""
    while token.dep_ in ("compound", "flat", "appos") and token.head is not token:
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") and not subject:
        return 2
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return 0 if verb.dep_ == "ROOT" else 1


_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][\w’'-]+(?:[ ](?:(?:and|of|for|the|&)[ ])?[A-Z][\w’'-]+){2,5}\b"
)
#: Lower-case words that may sit inside an organisation's name ("Bank of America").
NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "de", "&", "-", "'s", "’s"})


def _name_part(ent: Span) -> Span:
    """An entity up to a lower-case word that cannot be inside a name: the tagger's
    "American Music Awards after Swift" is "American Music Awards"."""
    for token in ent[1:]:
        if token.is_lower and token.lower_ not in NAME_JOINERS:
            return ent.doc[ent.start : token.i]
    return ent


def _with_org_word(ent: Span) -> Span:
    """ "GateHouse" + "Media": an organisation word the tagger left outside the name."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].is_title and doc[end].lower_ in word_list("org_words"):
        end += 1
    return doc[ent.start : end]


def _weak(token: Token) -> Mention:
    return Mention(token.i, token.i + 1, (token.text,), "", None, strong=False)


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children)


def _role_gender(role: str | None) -> str | None:
    if not role:
        return None
    word = role.lower().split()[-1] if role.split() else ""
    if word.endswith(FEMALE_ROLES):
        return "f"
    if word.endswith(MALE_ROLES) and not word.endswith(("human", "german", "woman")):
        return "m"
    return None


def _role_key(role: str) -> str:
    """The head word of a role, unabbreviated: "Gov." -> "governor", "chief of staff" ->
    "chief", "veteran goalkeeper" -> "goalkeeper"."""
    words = role.lower().split(" of ")[0].split()
    if not words:
        return ""
    word = words[-1].rstrip(".")
    return TITLE_WORDS.get(word, word)


def _after_outlet_noun(token: Token) -> bool:
    """ "told Norwegian newspaper VG", "the broadcaster NRK": a name right after an outlet
    noun is an outlet."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].lower_ in word_list("outlet_nouns")


def _full_org_name(name: str, orgs: list[str]) -> str:
    """The fullest form of an organisation the article spells out: "EU" -> "European Union"
    (initials), "McClatchy" -> "McClatchy Co." (a name it begins)."""
    mine = name.split()
    for other in orgs:
        words = other.split()
        if len(words) <= len(mine):
            continue
        initials = "".join(w[0] for w in words if w[:1].isupper())
        acronym = name.isupper() and 2 <= len(name) <= 5 and initials == name
        short = words[: len(mine)] == mine and len(words) <= len(mine) + 2
        if acronym or (short and not any(w.isupper() for w in mine)):  # not "U.N." -> "U.N. X"
            return other  # the first the article gives: "Big Machine Records", not "... Group"
    return name


def _antecedent(noun: Token) -> Token:
    """ "comments by his chief of staff that suggested": the agent, not the comments."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return noun


PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")
#: Words with an agent noun's ending that name things, not people.
NOT_AGENTS = (
    "ment", "order", "letter", "paper", "number", "matter", "center", "quarter",
    "chapter", "error", "sector", "factor", "corner", "border", "water", "computer",
)  # fmt: skip


def _is_role_noun(token: Token, roles: frozenset[str]) -> bool:
    """A noun that names what a person is: a listed role or an agent noun ("engineer")."""
    lower = token.lower_
    if token.pos_ == "PROPN" and lower in roles:  # "the Ohio Democrat"
        return True
    if token.pos_ != "NOUN":
        return False
    return (
        lower in roles
        or token.lemma_.lower() in roles
        or (lower.endswith(PERSON_SUFFIXES) and len(token) > 4 and not lower.endswith(NOT_AGENTS))
    )


def _title_run(token: Token, roles: frozenset[str]) -> str:
    """Capitalised title words directly before a name: "Secretary General", "Sen."."""
    words = []
    i = token.left_edge.i
    doc = token.doc
    for t in doc[i : token.i]:
        if t.ent_type_ == "PERSON":
            break
        if t.lower_ in roles or (words and t.is_title and t.pos_ == "PROPN"):
            words.append(t.text)
        elif words:
            words = []
    return " ".join(words)


def _role_phrase(head: Token) -> str:
    """A role noun with its modifiers, minus determiners and possessors: "chief of staff"."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < start:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            end = child.right_edge.i + 1
            break
    words = [t.text for t in doc[start:end] if t.lower_ not in DETERMINERS and t.dep_ != "poss"]
    return " ".join(words).strip()


def _description(head: Token) -> str:
    """How a reader names an unnamed source: the noun phrase with a named possessor and a
    named "of"/"for" complement ("Russia's foreign ministry", "the U.S. Attorney's Office for
    the Western District of New York"), without articles or quotation marks."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "nmod") or (
            child.dep_ == "poss" and child.pos_ == "PROPN"
        ):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ == "PROPN":
                end = child.right_edge.i + 1
            break
    words = [
        t.text_with_ws
        for t in doc[start:end]
        if not (t.i == start and t.lower_ in DETERMINERS) and t.text not in "“”\"'‘’"
    ]
    return "".join(words).strip().strip(NAME_EDGES)


#: Right-hand modifiers that say which unnamed source it is ("people familiar with the talks",
#: "authorities in Beijing", "officials briefed on the plan", "consumers who sought help").
QUALIFIER_DEPS = frozenset({"prep", "amod", "acl", "relcl"})
QUALIFIER_WORDS = 8


def _qualifier(head: Token, mention: Span) -> str:
    """The words after an unnamed source's noun that tell the reader which one it is, as far
    as the mention goes, without a comma or more than QUALIFIER_WORDS words ("" if none)."""
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in QUALIFIER_DEPS or child.right_edge.i >= mention.end:
            break
        stop = child.right_edge.i + 1
        if stop - head.i - 1 > QUALIFIER_WORDS or any(
            t.is_punct or t.is_quote for t in doc[end:stop]
        ):
            break
        end = stop
    return doc[head.i : end].text[len(head.text) :] if end > head.i + 1 else ""


def _clean_name(ent: Span) -> str:
    """Without a possessive, a leading "the" or the dash of a "― Name" sign-off."""
    text = ent.text.strip(NAME_EDGES)
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text.removeprefix("the ").removeprefix("The ").strip(NAME_EDGES)
