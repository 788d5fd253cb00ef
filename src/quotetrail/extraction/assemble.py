"""Turn found attributions into Quote records: kinds, resolved speakers, relays, floaters."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import CueSpan, Quote, Span
from .attribution import Found, QuoteIndex, attribution_chars
from .lexicons import word_list
from .speakers import ArticleSpeakers, Resolved

#: A floating quotation inherits the speaker in focus only this many paragraphs on.
FOCUS_PARAGRAPHS = 2


def quote_kind(
    text: str,
    start: int,
    end: int,
    marks: list[tuple[int, int]],
    attribution: set[int] = frozenset(),  # type: ignore[assignment]
) -> str:
    """direct: quotation throughout, the attribution interrupting it aside ("“A,” she told
    reporters, “B.”"); mixed: quoted in part; else indirect."""
    inside = [(s, e) for s, e in marks if s < end and e > start]
    if not inside:
        return "indirect"
    quoted = {i for s, e in inside for i in range(max(s, start), min(e, end))}
    for i in range(start, end):
        if text[i].isalnum() and i not in quoted and i not in attribution:
            return "mixed"
    return "direct"


def assemble(doc: Doc, found: list[Found], index: QuoteIndex) -> list[Quote]:
    text = index.text
    marks = index.spans
    speakers = ArticleSpeakers(doc, quoted=lambda char: index.containing(char) is not None)
    resolved: list[Resolved | None] = []
    for item in found:
        if item.speaker is None:
            resolved.append(None)
        else:
            resolved.append(speakers.resolve(doc[item.speaker[0] : item.speaker[1]]))
    resolved = _fill_floating(text, found, resolved)
    quotes = []
    for item, who in zip(found, resolved, strict=True):
        start, end = item.content
        cue = None
        if item.cue is not None:
            cue_span = doc[item.cue[0] : item.cue[1]]
            lemma = item.cue_lemma or ""
            cue = CueSpan(cue_span.start_char, cue_span.end_char, cue_span.text, lemma)
        speaker = None
        attribution = attribution_chars(doc[item.cue[1] - 1]) if item.cue else set()
        if item.speaker is not None:
            mention = doc[item.speaker[0] : item.speaker[1]]
            speaker = Span(mention.start_char, mention.end_char, mention.text)
            root = mention.root  # with its relative clause: "said X, who chairs the branch"
            last = root.right_edge
            attribution.update(range(root.left_edge.idx, last.idx + len(last)))
        quotes.append(
            Quote(
                kind=quote_kind(text, start, end, marks, attribution),  # type: ignore[arg-type]
                content=Span(start, end, text[start:end]),
                cue=cue,
                speaker=speaker,
                speaker_name=who.name if who else None,
                speaker_kind=who.kind if who else None,  # type: ignore[arg-type]
                speaker_role=who.role if who else None,
                via=None,
                confidence=round(item.score, 3) if item.cue is not None else None,
            )
        )
    return _relays(quotes)


def _fill_floating(
    text: str, found: list[Found], resolved: list[Resolved | None]
) -> list[Resolved | None]:
    """A quotation without cue or speaker belongs to the speaker the article is following."""
    out = list(resolved)
    focus: Resolved | None = None
    focus_end = 0
    for i, item in enumerate(found):
        if item.cue is None and item.speaker is None:
            gap = text.count("\n", focus_end, item.content[0])
            if focus is not None and gap <= FOCUS_PARAGRAPHS:
                out[i] = focus
        elif out[i] is not None and out[i].name:
            focus, focus_end = out[i], item.content[1]
    return out


def _relays(quotes: list[Quote]) -> list[Quote]:
    """A statement whose cue sits inside the content of a reporting statement ("X reported that
    Y said ...", "according to X") is relayed by X; a floating quotation relays nothing."""
    relays = word_list("relay_cues")
    out = []
    for inner in quotes:
        via = None
        if inner.cue is not None:
            for outer in quotes:
                if outer is inner or outer.speaker_name is None:
                    continue
                if outer.speaker_name == inner.speaker_name:
                    continue
                if outer.cue is None or outer.cue.lemma not in relays:
                    continue
                if outer.content.start <= inner.cue.start < outer.content.end:
                    via = outer.speaker_name
                    break
        if via is not None:
            inner = Quote(**{**_fields(inner), "via": via})
        out.append(inner)
    return out


def _fields(quote: Quote) -> dict:
    return {name: getattr(quote, name) for name in Quote.__slots__}
