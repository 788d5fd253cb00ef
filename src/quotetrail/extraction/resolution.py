"""Resolve speaker mentions to canonical in-article names, kinds and roles.

A human reader links "Stoltenberg", "he", "his chief of staff" and "Stian Jenssen" to people
named once in full. We do the same with a few document-level passes over the parse:
  1. names: PERSON entities, with spaCy's label slips repaired (a surname tagged ORG after its
     full name was tagged PERSON is the same person);
  2. roles: titles before a name and appositions ("Stoltenberg's chief of staff, Stian Jenssen");
  3. salience: the subjects seen so far, so a pronoun goes to the latest fitting subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicons import is_outlet, word_list

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
SELF_PRONOUNS = frozenset({"i", "me", "you", "we", "us"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})
ENT_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "country",
    "NORP": "country",
    "LOC": "other",
    "FAC": "other",
}
SALIENCE_WINDOW = 3  # sentences a pronoun may reach back


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

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.person_of_token: dict[int, str] = {}
        self.entity_of_token: dict[int, Entity] = {}
        self.people: dict[str, Entity] = {}
        self.role_holders: dict[str, str] = {}
        self.sentence_of = [0] * len(doc)
        for number, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = number
        self._index_names()
        self._index_roles()
        self.subjects = self._subjects()

    # -- pass 1: names -------------------------------------------------------------
    def _index_names(self) -> None:
        surnames: dict[str, str] = {}
        titled: dict[int, tuple[str, str]] = {}  # entity start -> (title, name)
        ents = list(self.doc.ents)
        for ent in ents:
            title, name = _split_title(ent)
            # "Councillor Daniel Reyes" is a person whatever label the NER gave it
            if ent.label_ == "PERSON" or (title and name and _all_proper(ent, title)):
                titled[ent.start] = (title, name)
                if len(name.split()) >= 2:
                    surnames[name.split()[-1].lower()] = name
                    self.people.setdefault(name, Entity(name, "person"))
        places = {_clean_name(e).lower() for e in ents if e.label_ in ("GPE", "LOC")}
        for ent in ents:
            label = ent.label_
            title, name = titled.get(ent.start, ("", _clean_name(ent)))
            key = name.lower()
            if ent.start in titled:
                label = "PERSON"
            if label == "PERSON" and len(ent) == 1 and key in places and key not in surnames:
                label = "GPE"  # "Kiev" tagged a place once and a person later is a place
            if (
                label == "PERSON"
                or name in self.people
                or (len(name.split()) == 1 and key in surnames)
            ):
                full = name if len(name.split()) >= 2 else surnames.get(key, name)
                person = self.people.setdefault(full, Entity(full, "person"))
                if title and person.role is None:
                    person.role = title
                for token in ent:
                    self.person_of_token[token.i] = full
            elif label in ENT_KIND:
                kind = "outlet" if is_outlet(name) else ENT_KIND[label]
                entity = Entity(name, kind)
                for token in ent:
                    self.entity_of_token[token.i] = entity
        # a surname the NER missed entirely, after its full name was seen
        for token in self.doc:
            if token.i not in self.person_of_token and token.pos_ == "PROPN":
                full = surnames.get(token.lower_)
                if full and token.i not in self.entity_of_token:
                    self.person_of_token[token.i] = full

    # -- pass 2: roles ---------------------------------------------------------------
    def _index_roles(self) -> None:
        roles = word_list("roles")
        for token in self.doc:
            name = self.person_of_token.get(token.i)
            if name is None or self.person_of_token.get(token.head.i) == name:
                continue
            # title words written before the name, inside its noun phrase
            title = _title_run(token, roles)
            if title:
                self._set_role(name, title)
            # "<role>, <Name>" and "<Name>, <role>" appositions
            if token.dep_ == "appos" and _is_role_noun(token.head, roles):
                self._set_role(name, _role_phrase(token.head))
            for child in token.children:
                if child.dep_ == "appos" and _is_role_noun(child, roles):
                    self._set_role(name, _role_phrase(child))

    def _set_role(self, name: str, role: str) -> None:
        if not role:
            return
        person = self.people.setdefault(name, Entity(name, "person"))
        if person.role is None:
            person.role = role
        self.role_holders.setdefault(role.lower(), name)

    # -- pass 3: salience ------------------------------------------------------------
    def _subjects(self) -> list[tuple[int, int, Resolved]]:
        """(token index, sentence number, resolved) for every nominal subject, in order."""
        out = []
        for number, sent in enumerate(self.doc.sents):
            for token in sent:
                if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN"):
                    resolved = self.resolve_head(token, number, pronouns=False)
                    if resolved.name:
                        out.append((token.i, number, resolved))
        return out

    # -- resolution -------------------------------------------------------------------
    def resolve(self, span: Span) -> Resolved:
        head = span.root
        number = self.sentence_of[head.i]
        return self.resolve_head(head, number, pronouns=True, span=span)

    def resolve_head(
        self, head: Token, number: int, *, pronouns: bool, span: Span | None = None
    ) -> Resolved:
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            head, span = _antecedent(head.head.head), None  # the relative pronoun's antecedent
        tokens = span if span is not None else self.doc[head.left_edge.i : head.right_edge.i + 1]
        # an apposition names the role-holder: "his chief of staff, Stian Jenssen"
        for child in head.children:
            if child.dep_ == "appos" and child.i in self.person_of_token:
                return self._person(self.person_of_token[child.i])
        if head.i in self.person_of_token:
            return self._person(self.person_of_token[head.i])
        if head.i in self.entity_of_token:
            entity = self.entity_of_token[head.i]
            return Resolved(entity.name, entity.kind, None)
        if pronouns and head.pos_ == "PRON":
            return self._pronoun(head, number)
        if head.pos_ in ("NOUN", "PROPN"):
            phrase = _role_phrase(head)
            holder = self.role_holders.get(phrase.lower())
            if holder:
                return self._person(holder)
            for token in tokens:
                if token.i in self.person_of_token and token.dep_ != "poss":
                    found = self._person(self.person_of_token[token.i])
                    if found.role is None and _is_role_noun(head, word_list("roles")):
                        return Resolved(found.name, found.kind, phrase)  # "the engineer, X"
                    return found
            kind = "person" if _is_role_noun(head, word_list("roles")) else "other"
            if head.pos_ == "PROPN":
                kind = "outlet" if is_outlet(phrase) else kind
            return Resolved(phrase or tokens.text, kind, phrase if kind == "person" else None)
        return Resolved(None, None, None)

    def _person(self, name: str) -> Resolved:
        entity = self.people.get(name)
        return Resolved(name, "person", entity.role if entity else None)

    def _pronoun(self, head: Token, number: int) -> Resolved:
        lower = head.lower_
        if lower in SELF_PRONOUNS:
            return Resolved(None, "other", None)
        want_person = lower in PERSON_PRONOUNS
        best: Resolved | None = None
        for index, sent_no, resolved in reversed(self.subjects):
            if index >= head.i:
                continue
            if number - sent_no > SALIENCE_WINDOW:
                break
            if want_person == (resolved.kind == "person"):
                best = resolved
                break
        if best is None:
            return Resolved(None, "person" if want_person else "other", None)
        return best


def _antecedent(noun: Token) -> Token:
    """ "comments by his chief of staff that suggested": the agent, not the comments."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return noun


PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")


def _is_role_noun(token: Token, roles: frozenset[str]) -> bool:
    """A noun that names what a person is: a listed role or an agent noun ("engineer")."""
    if token.pos_ != "NOUN":
        return False
    return (
        token.lower_ in roles
        or token.lemma_.lower() in roles
        or (token.lower_.endswith(PERSON_SUFFIXES) and len(token) > 4)
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


HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame"})
NAME_EDGES = " \t\r\n\xa0-–—―,;:"


def _split_title(ent: Span) -> tuple[str, str]:
    """("Councillor", "Daniel Reyes") from "Councillor Daniel Reyes"; honorifics are dropped."""
    roles = word_list("roles")
    i = 0
    while i < len(ent) - 1 and (ent[i].lower_ in roles or ent[i].lower_ in HONORIFICS):
        i += 1
    title = " ".join(t.text for t in ent[:i] if t.lower_ not in HONORIFICS)
    return title, _clean_name(ent[i:])


def _all_proper(ent: Span, title: str) -> bool:
    return bool(title) and all(t.is_title or t.is_punct for t in ent)


def _clean_name(ent: Span) -> str:
    """Without a possessive, a leading "the" or the dash of a "― Name" sign-off."""
    text = ent.text.strip(NAME_EDGES)
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text.removeprefix("the ").removeprefix("The ").strip(NAME_EDGES)
