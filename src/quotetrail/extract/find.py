"""Collect every attribution in a Doc: cue-led ones, "according to", lead-ins, floating quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .attribution import (
    Found,
    QuoteIndex,
    according_content,
    according_to,
    candidates,
    content_span,
    cue_token_span,
    speaker_span,
    subject_of,
)
from .cues import CueTable
from .marks import paragraphs, quote_spans

#: A quotation shorter than this many words is a scare quote unless a cue claims it.
MIN_FLOATING_WORDS = 6
_WORD = re.compile(r"\w+")
_DASH_SIGNOFF = re.compile(r"^\s*(?:--|—|–)\s*(\S.{0,60})$")


@dataclass(frozen=True, slots=True)
class FindOptions:
    """Knobs of the finder; one object, validated once."""

    threshold: float = 0.5
    floating: bool = True

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1), got {self.threshold}")


def find(doc: Doc, table: CueTable, options: FindOptions = FindOptions()) -> list[Found]:
    quotes = QuoteIndex(quote_spans(doc.text))
    found: list[Found] = []
    for token, frame in candidates(doc, quotes):
        lemma = token.lemma_.lower()
        if lemma == "accord":
            continue
        p = table.probability(lemma, frame)
        if p < options.threshold:
            continue
        content = content_span(token, quotes)
        if content is None or _overlaps_token(content, token):
            continue
        content = _continue_quote(doc.text, content, token, quotes)
        subject = subject_of(token)
        speaker = speaker_span(subject) if subject is not None else None
        found.append(Found(content, cue_token_span(token), lemma, speaker, p))
    for sent in doc.sents:
        for token, source in according_to(sent):
            content = according_content(token)
            if content is None:
                continue
            speaker = speaker_span(source) if source is not None else None
            found.append(Found(content, (token.i, token.i + 2), "according to", speaker, 1.0))
    found = _dedupe(found)
    if options.floating:
        found.extend(_unclaimed_quotes(doc, quotes, found))
    found.sort(key=lambda f: f.content)
    return found


def _continue_quote(text: str, content: tuple[int, int], token, quotes: QuoteIndex):
    """“A,” she said. “B.” — a quotation interrupted by its cue goes on after it."""
    start, end = content
    if end > token.idx or not quotes.containing(end - 1):
        return content
    while True:
        following = quotes.overlapping(end, end + 200)
        nxt = next((q for q in following if q[0] >= end), None)
        if nxt is None:
            return (start, end)
        gap = text[end : nxt[0]]
        if "\n" in gap or len(gap) > 120 or not (token.idx >= end and token.idx < nxt[0]):
            return (start, end)
        if not gap.rstrip().endswith((",", ".", ":")):
            return (start, end)
        end = nxt[1]
        token_idx_after = token.idx >= end
        if not token_idx_after:
            return (start, end)


def _overlaps_token(content: tuple[int, int], token) -> bool:
    return content[0] <= token.idx < content[1]


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content span: the likeliest cue wins."""
    best: dict[tuple[int, int], Found] = {}
    for item in found:
        kept = best.get(item.content)
        if kept is None or item.score > kept.score:
            best[item.content] = item
    return list(best.values())


def _unclaimed_quotes(doc: Doc, quotes: QuoteIndex, found: list[Found]) -> list[Found]:
    """Quotations no cue claimed: a "-- Name" sign-off, a colon lead-in, or floating."""
    claimed = [f.content for f in found]
    out = []
    text = doc.text
    for start, end in quotes.spans:
        if any(s <= start and end <= e for s, e in claimed):
            continue
        if len(_WORD.findall(text[start:end])) < MIN_FLOATING_WORDS:
            continue
        if not _stands_alone(text, start, end):
            continue
        out.append(Found((start, end), None, None, _signoff(doc, end), 0.0))
    return out


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The quotation opens its paragraph or follows a colon: not a phrase inside prose."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in "\n:"


def _signoff(doc: Doc, end: int) -> tuple[int, int] | None:
    """Tokens of a trailing "-- Name" after a quotation, if the paragraph ends with one."""
    for p_start, p_end in paragraphs(doc.text):
        if p_start <= end <= p_end:
            match = _DASH_SIGNOFF.match(doc.text[end:p_end])
            if match:
                span = doc.char_span(end + match.start(1), p_end, alignment_mode="expand")
                if span is not None:
                    return span.start, span.end
    return None
