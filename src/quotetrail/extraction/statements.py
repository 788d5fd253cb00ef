"""What counts as a statement: communicated speech or writing, not beliefs, plans or actions.

The cue model scores how likely a word introduces an attribution in PolNeAR's wide sense, which
also counts beliefs, plans and stances. news-gold's guidelines (``../shared/data/news-gold``)
narrow that to what a source communicated. This module says which kind an attribution is
(:func:`attribution_kind`) and which candidates are not statements in either sense
(:func:`rejection`): negated or absent speech, generic or hypothetical speech, the writer's own
voice, discourse phrases ("That said,"), names given in the passive ("is called"), and speech
verbs whose only content is a noun phrase that does not stand for what was said.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicons import word_list

COMMUNICATED = "communicated"
BELIEF = "belief"
ATTRIBUTIONS = (COMMUNICATED, BELIEF)
SCOPES = ("statements", "all")

#: Subjects that make speech generic ("when you tell a doctor ...") or the writer's own.
GENERIC_SUBJECTS = frozenset(
    {"you", "one", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nothing"}
)
WRITER_SUBJECTS = frozenset({"i", "we"})
#: Subjects that say nobody spoke ("Nobody said a word", "None of them commented").
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "neither", "noone"})
#: Speech verbs that are also actions on things: a statement only when their object is in the
#: named word list: what they deny, reject, dismiss or dispute stands for something said
#: (data/claim_objects.txt); what they express is an attitude (data/attitude_objects.txt).
OBJECT_LISTS = {
    "deny": "claim_objects",
    "reject": "claim_objects",
    "dismiss": "claim_objects",
    "dispute": "claim_objects",
    "express": "attitude_objects",
}
#: Subjects that point at a thing, not a speaker ("That promises 355 horsepower").
DEMONSTRATIVES = frozenset({"that", "this", "these", "those"})
#: Words opening a clause that makes its speech conditional or habitual, not reported.
CONDITIONAL_MARKS = frozenset({"when", "whenever", "if", "unless", "once"})
INDEFINITE_DETS = frozenset({"a", "an", "any", "every", "each", "no"})
#: Governing verbs that say the speech did not happen ("declined to say", "refused to comment").
WITHHELD = frozenset({"decline", "refuse", "fail", "neglect", "hesitate"})
#: A modal makes the speech hypothetical or still to come ("would say", "will announce").
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "will", "'d", "’d"})
#: Verbs that, in the passive and with no agent, give a name rather than report speech.
NAMING = frozenset({"call", "dub", "label", "nickname", "name", "term", "know"})
PLEAS = frozenset({"guilty", "innocent", "contest", "not", "to"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
#: In speech_objects only because the parser reads their clause as an object ("said more than
#: 15,000 people registered"): "noted at the time" or "reported to him" says nothing.
MISPARSED_ONLY = frozenset({"say", "tell", "report", "note"})
#: Passives without an agent that hedge rather than report ("is estimated at 40,000").
HEDGES = frozenset({"estimate", "project", "expect", "believe", "think", "consider", "report"})
#: "asked not to be named": the source's request for anonymity, not a statement.
ANONYMITY = frozenset({"identify", "name"})


def speech_cues() -> frozenset[str]:
    return word_list("speech_cues")


def attribution_kind(lemma: str, quoted: bool) -> str:
    """ "communicated" for a speech cue or quoted words (the marks show someone said them,
    even after a belief verb: "she sees it as its 'Achilles heel'"), else "belief"."""
    if quoted or lemma in speech_cues():
        return COMMUNICATED
    return BELIEF


def rejection(token: Token, subject: Token | None, quoted: bool) -> str | None:
    """Why the cue ``token`` introduces no statement at all, or None when it may."""
    if _negated(token):
        return "negated"
    if _withheld(token):
        return "withheld"
    if _discourse(token):
        return "discourse"
    if subject is not None:
        lower = subject.lower_
        if lower in GENERIC_SUBJECTS:
            return "generic"
        if lower in WRITER_SUBJECTS:
            return "writer"
        if lower in DEMONSTRATIVES and subject.tag_ == "DT":
            return "thing"
        if lower in NEGATIVE_SUBJECTS or any(
            c.dep_ == "det" and c.lower_ == "no" for c in subject.children
        ):
            return "negated"
        if _conditional(token) and _indefinite(subject):
            return "generic"
    if _hypothetical(token) and not quoted:
        return "hypothetical"
    if _imperative(token):
        return "imperative"
    if _named_passive(token, subject):
        return "naming"
    if _hedge(token):
        return "hedge"
    if _agentless(token) and not quoted:
        return "agentless"
    if _anonymity(token):
        return "anonymity"
    if _plea(token):
        return "plea"
    return None


def np_content_allowed(token: Token, content: tuple[int, int], quoted: bool) -> bool:
    """A speech verb whose content is only a noun or prepositional phrase makes a statement when
    the phrase stands for what was said ("called for a ban"), not a thing it handled ("released
    a letter") or an addressee ("told reporters")."""
    if quoted or content[0] < token.idx:  # quoted words, or "X, she said, Y" around the cue
        return True
    if any(c.dep_ in CLAUSE_DEPS for c in token.children) or _that_clause(token):
        return True
    if any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
        return True  # "spoke out about", "lashed out at", "called out"
    lemma = token.lemma_.lower()
    if lemma not in word_list("speech_objects"):
        return False
    if lemma in OBJECT_LISTS:  # "dismissed the X-ray as normal" judges it: a statement
        if any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
            return True
        objects = [c for c in token.children if c.dep_ == "dobj"]
        allowed = word_list(OBJECT_LISTS[lemma])
        return bool(objects) and all(
            o.lemma_.lower() in allowed or o.lower_ in allowed for o in objects
        )
    if lemma in MISPARSED_ONLY:  # only their noun-phrase "object", never a prepositional one
        return any(c.dep_ in ("dobj", "dative") for c in token.children)
    return True


def _that_clause(token: Token) -> bool:
    """ "said in a statement that ...", "wrote in a post that ...": the clause hangs on a noun."""
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        for t in prep.subtree:
            if t.dep_ in ("acl", "ccomp") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in t.children
            ):
                return True
    return False


def _negated(token: Token) -> bool:
    """ "has not said", "didn't say", "never said": a negation among the cue's auxiliaries (one
    the parser hung on it from a quotation further off does not count)."""
    return any(
        (child.dep_ == "neg" or child.lower_ == "never") and 0 < token.i - child.i <= 3
        for child in token.children
    )


def _imperative(token: Token) -> bool:
    """ "Ask to see the report", "Tell them no": a bare verb with no subject or auxiliary of
    its own is the writer's instruction, not someone's statement."""
    return (
        token.tag_ == "VB"
        and token.dep_ in ("ROOT", "advcl")
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in token.children
        )
    )


def _discourse(token: Token) -> bool:
    """ "That said, ...", "That being said, ...": a connective, not speech."""
    doc = token.doc
    return (
        token.lower_ == "said"
        and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].lower_ in ("that", "being")
        and doc[token.i + 1].text == ","
    )


def _withheld(token: Token) -> bool:
    """ "declined to say", "did not want to comment", "would not be drawn to say"."""
    if token.dep_ != "xcomp":
        return False
    head = token.head
    return head.lemma_.lower() in WITHHELD or _negated(head)


def _conditional(token: Token) -> bool:
    current = token
    for _ in range(3):
        if any(
            c.dep_ in ("mark", "advmod") and c.lower_ in CONDITIONAL_MARKS and c.i < current.i
            for c in current.children
        ):
            return True
        if current.dep_ not in ("conj", "advcl") or current.head is current:
            return False
        current = current.head
    return False


def _indefinite(subject: Token) -> bool:
    if subject.lower_ in GENERIC_SUBJECTS:
        return True
    return any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETS for c in subject.children)


def _hypothetical(token: Token) -> bool:
    return any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in HYPOTHETICAL_MODALS
        for c in token.children
    )


def _named_passive(token: Token, subject: Token | None) -> bool:
    """ "is called “farmer's lung”", "were known as the Three Amigos": a name, no speaker."""
    if token.lemma_.lower() not in NAMING:
        return False
    if any(c.dep_ == "auxpass" for c in token.children):
        return subject is None or not any(c.dep_ == "agent" for c in token.children)
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBN"
        and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in token.children)
    )


def _hedge(token: Token) -> bool:
    return (
        token.lemma_.lower() in HEDGES
        and any(c.dep_ == "auxpass" for c in token.children)
        and not any(c.dep_ == "agent" for c in token.children)
        and not any(c.dep_ == "ccomp" for c in token.children)  # "it was reported that ..."
    )


def _agentless(token: Token) -> bool:
    """ "are briefly shown or mentioned in the film": a passive with no agent and no clause
    reports no one's words ("it was announced that ..." and "were accused of lying" keep their
    clause and stay)."""
    passive = any(c.dep_ == "auxpass" for c in token.children) or (
        token.dep_ == "conj"  # "shown or mentioned": the conjunct shares the auxiliary
        and token.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in token.head.children)
    )
    return (
        passive
        and not any(c.dep_ in ("agent", "ccomp", "xcomp") for c in token.children)
        and not _that_clause(token)
        and not any(  # "have been accused of creating a disaster": a charge, reported
            c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children) for c in token.children
        )
    )


def _plea(token: Token) -> bool:
    """ "pleaded guilty", "pleaded not guilty", "pleaded no contest": a plea, not a statement."""
    return token.lemma_.lower() == "plead" and any(
        c.lower_ in PLEAS and c.dep_ in ("acomp", "dobj", "oprd", "advmod", "neg", "attr", "prep")
        for c in token.children
    )


def _anonymity(token: Token) -> bool:
    return token.lemma_.lower() == "ask" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in ANONYMITY for c in token.children
    )
