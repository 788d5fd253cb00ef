"""Collect every attribution in a Doc: cue-led ones, "according to", lead-ins, floating quotes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import ClassVar

from spacy.tokens import Doc, Token

from quotetrail.errors import InvalidOption

from .according import according_content, according_source, according_to
from .attribution import Found, QuoteIndex
from .candidates import attribution_chars, candidates, cue_token_span
from .content import content_span
from .marks import paragraphs
from .mentions import speaker_span, subject_of
from .scoring import CueScorer
from .statements import (
    BELIEF,
    SCOPES,
    attribution_kind,
    np_content_allowed,
    rejection,
)

#: A quotation shorter than this many words is a scare quote unless a cue claims it.
MIN_FLOATING_WORDS = 6
_WORD = re.compile(r"\w+")
_DASH_SIGNOFF = re.compile(r"^\s*(?:--|—|–|―)\s*(\S.{0,60})$")  # ― is U+2015


@dataclass(frozen=True, slots=True)
class FindOptions:
    """Knobs of the finder; one object, validated once."""

    #: Minimum cue probability: 0.35-0.45 tie on a held-out fifth of PolNeAR train (F1 0.757-0.759)
    #: and on dev (0.751 at 0.35); the lower end keeps recall.
    threshold: float = 0.35
    #: Give a floating quotation the speaker the article is following.
    floating: bool = True
    #: Minimum cue probability when no speaker is found (the writer's own claims stay out).
    speakerless_threshold: float = 0.6
    #: Minimum cue probability for a present-tense verb in a relative clause: "Mayor Brandt,
    #: who votes only to break a tie, ..." says what someone habitually does, not what they said
    #: (0.6: PolNeAR dev F1 0.762 -> 0.763, train's last fifth unchanged).
    habitual_threshold: float = 0.6
    #: "blend" (the classifier, floored by the table for near-certain cues such as "reporting
    #: that"), "model" (the classifier alone) or "table" (the cue table alone).
    scorer: str = "blend"
    #: A cue model or table file to use instead of the packaged one ("blend" reads both
    #: cue_model.json and cues.tsv from that file's folder).
    scorer_path: str | None = None
    #: "statements" (communicated speech and writing, news-gold's definition) or "all"
    #: (PolNeAR's wider notion: also beliefs, plans and stances, marked attribution="belief").
    scope: str = "statements"
    #: Report only statements whose calibrated confidence reaches this. None: 0.5 in the
    #: statements scope (below it a statement is more likely wrong than right, and a false
    #: statement costs a reader more than a missed one; news-gold: the 3 statements calibrated
    #: under 0.5 were all wrong) and 0 in scope "all", which keeps every candidate for research
    #: on PolNeAR's notion (F1 there is best with the candidates between 0.35 and 0.5).
    min_confidence: float | None = None
    STATEMENTS_FLOOR: ClassVar[float] = 0.5

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise InvalidOption("threshold", self.threshold, "must be between 0 and 1, exclusive")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise InvalidOption("min_confidence", self.min_confidence, "must be between 0 and 1")
        if self.scorer not in ("blend", "model", "table"):
            raise InvalidOption("scorer", self.scorer, "must be 'blend', 'model' or 'table'")
        if self.scope not in SCOPES:
            raise InvalidOption("scope", self.scope, "must be 'statements' or 'all'")

    @property
    def floor(self) -> float:
        """The confidence a statement needs to be reported, after the scope's default."""
        if self.min_confidence is not None:
            return self.min_confidence
        return self.STATEMENTS_FLOOR if self.scope == "statements" else 0.0


def find(
    doc: Doc,
    scorer: CueScorer,
    options: FindOptions = FindOptions(),
    quotes: QuoteIndex | None = None,
) -> list[Found]:
    """Every attribution in ``doc``; pass ``quotes`` when the caller already built it."""
    quotes = quotes or QuoteIndex.of(doc.text)
    text = quotes.text
    narrow = options.scope == "statements"
    found: list[Found] = []
    for token, frame in candidates(doc, quotes):
        lemma = token.lemma_.lower()
        if lemma == "accord":
            continue
        p = scorer(token, frame, quotes)
        if p < options.threshold:
            continue
        if p < options.habitual_threshold and _habitual(token):
            continue
        content = content_span(token, quotes)
        if content is None:
            continue
        content = _continue_quote(text, content, token, quotes)
        subject = subject_of(token)
        speaker = speaker_span(subject, quotes) if subject is not None else None
        if speaker is None and p < options.speakerless_threshold:
            continue  # without a speaker, only a sure cue makes it somebody's statement
        quoted = bool(quotes.overlapping(*content))
        kind = attribution_kind(lemma, quoted)
        if narrow and (
            kind == BELIEF
            or rejection(token, subject, quoted)
            or not np_content_allowed(token, content, quoted)
        ):
            continue
        cue, content = _phrasal_cue(token, cue_token_span(token), content)
        found.append(Found(content, cue, lemma, speaker, p, kind))
    for sent in doc.sents:
        for token, source in according_to(sent):
            content = according_content(token, text)
            if content is None:
                continue
            speaker = according_source(token, source)
            cue = (token.i, token.i + 2)
            found.append(Found(content, cue, "according to", speaker, 1.0, rule="according"))
    found.extend(_name_colon(doc, text, quotes, narrow))
    found = _absorb_following(_nest(_dedupe(found), doc, quotes), text, quotes)
    found = _not_said_again(found, doc)
    if options.floating:
        found.extend(_unclaimed_quotes(doc, text, quotes, found))
    found.sort(key=lambda f: f.content)
    return found


def _phrasal_cue(
    token: Token, cue: tuple[int, int], content: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The cue with its particle or preposition and a closing colon ("pointed out", "called for
    a ban", "said:"); a preposition that opened the content leaves it."""
    doc = token.doc
    end = cue[1]
    while end < len(doc) and doc[end].head.i == token.i and doc[end].dep_ == "prt":
        end += 1
    if end < len(doc) and doc[end].head.i == token.i and doc[end].dep_ == "prep":
        prep = doc[end]
        if prep.idx == content[0] and end + 1 < len(doc) and doc[end + 1].idx < content[1]:
            content = (doc[end + 1].idx, content[1])
            end += 1
    if end < len(doc) and doc[end].text == ":" and doc[end].idx < content[0]:
        end += 1
    return (cue[0], end), content


def _habitual(token: Token) -> bool:
    return token.dep_ == "relcl" and token.tag_ in ("VBZ", "VBP")


def _continue_quote(
    text: str, content: tuple[int, int], token: Token, quotes: QuoteIndex
) -> tuple[int, int]:
    """“A,” she said. “B.” — a quotation interrupted only by its own attribution goes on after
    it; so does one whose attribution sentence goes on about the speaker or the occasion
    (“A,” said Caddell, speaking of the campaign. “B.”), unless “B” has a cue of its own.
    "“A,” he said. But he added, “B.”" is two statements."""
    start, end = content
    if end > token.idx or not quotes.containing(end - 1):
        return content
    nxt = next((q for q in quotes.overlapping(end, end + 400) if q[0] >= end), None)
    if nxt is None or not end <= token.idx < nxt[0]:
        return content
    gap = text[end : nxt[0]]
    if "\n" in gap or not gap.rstrip().endswith((",", ".", ":")):
        return content
    if not _nothing_after(token, nxt):
        return content  # “B,” her deputy added: a statement of its own
    allowed = attribution_chars(token)
    if len(gap) <= 120 and not any(
        ch.isalnum() and end + i not in allowed for i, ch in enumerate(gap)
    ):
        return (start, nxt[1])
    if _closes_sentence(token, end, nxt[0]):
        return (start, nxt[1])
    return content


def _closes_sentence(token: Token, quote_end: int, next_start: int) -> bool:
    """The cue's sentence holds the end of the first quotation and ends with a full stop right
    before the next one."""
    sent = token.sent
    tail = token.doc.text[sent.start_char : sent.end_char].rstrip()
    return (
        sent.start_char < quote_end
        and tail.endswith(".")
        and not token.doc.text[sent.end_char : next_start].strip()
    )


def _nothing_after(token: Token, quote: tuple[int, int]) -> bool:
    """Nothing but punctuation follows the quotation before its sentence ends: no cue of its
    own ("“B,” he added") and no prose around it."""
    doc = token.doc
    after = next((t for t in doc[token.i :] if t.idx >= quote[1]), None)
    while after is not None and not after.is_sent_start:
        if not (after.is_punct or after.is_space):
            return False
        after = doc[after.i + 1] if after.i + 1 < len(doc) else None
    return True


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content span: the likeliest cue wins."""
    best: dict[tuple[int, int], Found] = {}
    for item in found:
        kept = best.get(item.content)
        if kept is None or item.score > kept.score:
            best[item.content] = item
    return list(best.values())


_NAME_COLON = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}):[ \t]+\S")
LEADIN_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _not_said_again(found: list[Found], doc: Doc) -> list[Found]:
    """Words inside one statement's content are not a second statement of a cue outside it
    ("Brandt said the bridge was “a danger to drivers,” and the council agreed": the quotation
    is Brandt's). A cue inside the content (“X said that Y told her ...”) still nests. One
    sweep in content order against the widest content so far: linear in statements."""
    ordered = sorted(found, key=lambda f: (f.content[0], -f.content[1]))
    widest: Found | None = None
    dropped: set[int] = set()
    for item in ordered:
        if (
            widest is not None
            and item.cue is not None
            and item.cue != widest.cue  # one cue, two readings of its content: both stay
            and item.content != widest.content
            and widest.content[0] <= item.content[0]
            and item.content[1] <= widest.content[1]
            and not widest.content[0] <= doc[item.cue[0]].idx < widest.content[1]
        ):
            dropped.add(id(item))
            continue
        if widest is None or item.content[1] > widest.content[1]:
            widest = item
    return [item for item in found if id(item) not in dropped]


def _name_colon(doc: Doc, text: str, quotes: QuoteIndex, narrow: bool = True) -> list[Found]:
    """Lead-ins: "Graham: “Trump's rhetoric is destroying the party”". A dateline ("NEW DELHI:
    ...") never is one; in the statements scope the content must open with a quotation, since a
    headline ("Graham: Trump's rhetoric ...") or a section heading is not a statement."""
    out = []
    for p_start, p_end in paragraphs(text):
        match = _NAME_COLON.match(text, p_start, p_end)
        if match is None:
            continue
        if match.group(1).isupper():
            continue  # a dateline
        if narrow and not _opens_quote(quotes, match.end() - 1):
            continue
        name = doc.char_span(match.start(1), match.end(1))
        colon = doc.char_span(match.end(1), match.end(1) + 1)
        if name is None or colon is None or not any(t.ent_type_ in LEADIN_LABELS for t in name):
            continue
        content = (match.end() - 1, p_end)
        while content[1] > content[0] and text[content[1] - 1] in " \t\r.":
            content = (content[0], content[1] - 1)
        cue, speaker = (colon.start, colon.end), (name.start, name.end)
        found = Found(content, cue, ":", speaker, 1.0, rule="leadin")
        out.append(found)
    return out


def _opens_quote(quotes: QuoteIndex, at: int) -> bool:
    span = quotes.containing(at)
    return span is not None and span[0] == at


def _absorb_following(found: list[Found], text: str, quotes: QuoteIndex) -> list[Found]:
    """A quotation right after a statement, in its paragraph and claimed by no cue, continues
    that statement ("Trump had “the obligation to unite us.” “I think he can do that.”")."""
    found = sorted(found, key=lambda f: f.content)
    out: list[Found] = []
    for index, item in enumerate(found):
        start, end = item.content
        limit = found[index + 1].content[0] if index + 1 < len(found) else len(text)
        while True:
            nxt = next((q for q in quotes.overlapping(end, end + 60) if q[0] >= end), None)
            if nxt is None or nxt[1] > limit:
                break
            gap = text[end : nxt[0]]
            if "\n" in gap or any(ch.isalnum() for ch in gap):
                break
            end = nxt[1]
        out.append(replace(item, content=(start, end)))
    return out


def _nest(found: list[Found], doc: Doc, quotes: QuoteIndex) -> list[Found]:
    """One speaker's cue inside their own content ("issued a statement asserting ...") splits it:
    the outer content stops where the inner cue's clause starts, or goes if nothing is left.
    A cue in the attribution between two parts of one quotation (“A,” said Fowler, who has
    backed Clinton. “B.”) says something about the speaker, not a second statement: it goes."""
    text = quotes.text
    by_speaker: dict[tuple[int, int], list[Found]] = {}
    for item in found:  # pairs only within one mention's statements: linear, not all pairs
        if item.speaker is not None:
            by_speaker.setdefault(item.speaker, []).append(item)
    same_speaker = [
        (outer, inner)
        for group in by_speaker.values()
        for outer in group
        for inner in group
        if inner is not outer and inner.cue is not None
    ]
    inners: dict[int, list[Found]] = {}
    for outer, inner in same_speaker:
        inners.setdefault(id(outer), []).append(inner)
    aside = {
        id(inner)
        for outer, inner in same_speaker
        if _between_quotations(outer.content, doc[inner.cue[0]].idx, quotes)
    }
    out = []
    for outer in found:
        if id(outer) in aside:
            continue
        content = outer.content
        for inner in inners.get(id(outer), ()):
            if id(inner) in aside or inner.cue is None:
                continue
            if doc[inner.cue[1] - 1].dep_ == "pcomp":  # "apologize for accusing him": one act
                continue
            cue_start = doc[inner.cue[0]].idx
            if content[0] <= cue_start < content[1]:
                cut = doc[inner.cue[0]].left_edge.idx
                content = (content[0], min(cue_start, max(cut, content[0])))
        if content != outer.content:
            kept = text[content[0] : content[1]].rstrip(" ,;:—–-")
            if len(_WORD.findall(kept)) < 3:
                continue
            content = (content[0], content[0] + len(kept))
        out.append(replace(outer, content=content))
    return out


def _between_quotations(content: tuple[int, int], at: int, quotes: QuoteIndex) -> bool:
    """``at`` lies outside quotation marks, with a quotation of ``content`` on either side."""
    if quotes.containing(at) is not None:
        return False
    inside = quotes.overlapping(*content)
    return any(end <= at for _, end in inside) and any(start > at for start, _ in inside)


def _unclaimed_quotes(doc: Doc, text: str, quotes: QuoteIndex, found: list[Found]) -> list[Found]:
    """Quotations no cue claimed: a "-- Name" sign-off, a colon lead-in, or floating."""
    claimed = sorted(f.content for f in found)
    starts = [s for s, _ in claimed]
    reach = list(accumulate((e for _, e in claimed), max))  # furthest end of claims so far
    out = []
    for start, end in quotes.spans:
        i = bisect_right(starts, start)
        if i and reach[i - 1] >= end:  # some claimed content starting no later covers it
            continue
        if len(_WORD.findall(text[start:end])) < MIN_FLOATING_WORDS:
            continue
        if not _stands_alone(text, start, end):
            continue
        signoff = _signoff(doc, text, end)
        rule = "signoff" if signoff else "floating"
        out.append(Found((start, end), None, None, signoff, 0.0, rule=rule))
    return out


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The quotation opens its paragraph or follows a colon: not a phrase inside prose."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in "\n:"


def _signoff(doc: Doc, text: str, end: int) -> tuple[int, int] | None:
    """Tokens of a "-- Name" sign-off closing the quotation's paragraph or on the next line."""
    spans = paragraphs(text)
    for index, (p_start, p_end) in enumerate(spans):
        if not p_start <= end <= p_end:
            continue
        rest = text[end:p_end]
        at = end
        if not rest.strip() and index + 1 < len(spans):
            at, p_end = spans[index + 1]
            rest = text[at:p_end]
        match = _DASH_SIGNOFF.match(rest)
        if match:
            name = match.group(1).rstrip(" \t\r\xa0.,;")
            start = at + match.start(1)
            span = doc.char_span(start, start + len(name), alignment_mode="expand")
            if span is not None:
                return span.start, span.end
        return None
    return None
