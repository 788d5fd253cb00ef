"""Turn found attributions into Quote records: kinds, resolved speakers, relays, floaters."""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from itertools import accumulate

from spacy.tokens import Doc

from ..records import CueSpan, Quote, Span
from .attribution import Found, QuoteIndex
from .calibration import Calibration
from .candidates import attribution_chars
from .lexicons import word_list
from .relay import cited_speaker, introduced_outlets, outlet_named, relay_via
from .resolution import ArticleSpeakers, Resolved

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


def assemble(
    doc: Doc, found: list[Found], index: QuoteIndex, calibration: Calibration | None = None
) -> list[Quote]:
    """Quote records of ``found``, in its order; ``calibration`` turns each raw score into a
    probability (without it, the raw cue score, and None for quotations no cue claimed)."""
    text = index.text
    speakers = ArticleSpeakers(doc, quoted=lambda char: index.containing(char) is not None)
    found, vias = _direct_relays(doc, found, speakers)
    resolved: list[Resolved | None] = []
    for item in found:
        if item.speaker is None:
            resolved.append(None)
        else:
            resolved.append(speakers.resolve(doc[item.speaker[0] : item.speaker[1]]))
    resolved = _fill_floating(text, found, resolved)
    quotes = []
    for item, who, (via, via_kind) in zip(found, resolved, vias, strict=True):
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
        kind = quote_kind(text, start, end, index.overlapping(start, end), attribution)
        if calibration is not None:
            confidence = calibration(item.rule, kind, item.attribution, item.score)
        else:
            confidence = round(item.score, 3) if item.cue is not None else None
        quotes.append(
            Quote(
                kind=kind,  # type: ignore[arg-type]
                content=Span(start, end, text[start:end]),
                cue=cue,
                speaker=speaker,
                speaker_name=who.name if who else None,
                speaker_kind=who.kind if who else None,  # type: ignore[arg-type]
                speaker_role=who.role if who else None,
                via=via,
                via_kind=via_kind,  # type: ignore[arg-type]
                confidence=confidence,
                attribution=item.attribution,
            )
        )
    return _relays(quotes)


def _direct_relays(
    doc: Doc, found: list[Found], speakers: ArticleSpeakers
) -> tuple[list[Found], list[tuple[str | None, str | None]]]:
    """Relays read off the cue itself ("told VG", "in an interview with the FT", "VG cites X as
    saying"), each as (name, kind); a citing verb's own statement, which repeats the cited
    words, is dropped."""
    known = introduced_outlets(doc)
    items: list[Found] = []
    vias: list[tuple[str | None, str | None]] = []
    citing: set[int] = set()
    for item in found:
        via, via_kind = None, None
        if item.cue is not None:
            cue = doc[item.cue[0] : item.cue[1]].root
            cited = cited_speaker(cue)
            if cited is not None:
                item = dataclasses.replace(item, speaker=cited.speaker)
                via, via_kind = outlet_named(cited.relayer, known), "outlet"
                if via is None:  # a person or body that quotes another: its own kind
                    who = speakers.resolve(doc[cited.relayer.left_edge.i : cited.relayer.i + 1])
                    via = who.name if who and who.name else cited.relayer.text
                    via_kind = who.kind if who and who.name else None
                citing.add(cited.verb.i)
            elif item.cue_lemma != "according to":  # its own source is its speaker
                via = relay_via(cue, known)
                via_kind = "outlet" if via else None
        items.append(item)
        vias.append((via, via_kind))
    keep = [
        i
        for i, item in enumerate(items)
        if item.cue is None or doc[item.cue[0] : item.cue[1]].root.i not in citing
    ]
    return [items[i] for i in keep], [vias[i] for i in keep]


def _fill_floating(
    text: str, found: list[Found], resolved: list[Resolved | None]
) -> list[Resolved | None]:
    """A quotation without cue or speaker belongs to the speaker the article is following;
    a statement reported inside the followed speaker's words ("X said Y was known for telling
    others ...") does not take the focus from X."""
    out = list(resolved)
    focus: Resolved | None = None
    focus_start = focus_end = 0
    for i, item in enumerate(found):
        if item.cue is None and item.speaker is None:
            gap = text.count("\n", focus_end, item.content[0])
            if focus is not None and gap <= FOCUS_PARAGRAPHS:
                out[i] = focus
        elif out[i] is not None and out[i].name:
            if focus is not None and focus_start <= item.content[0] < focus_end:
                continue  # nested in the followed statement
            focus, (focus_start, focus_end) = out[i], item.content
    return out


def _relays(quotes: list[Quote]) -> list[Quote]:
    """A statement whose cue sits inside the content of a reporting statement ("X reported that
    Y said ...", "according to X") is relayed by X; a floating quotation relays nothing.

    The reporting statements are sorted by where their content starts, so finding those that
    contain a cue looks back only as far as a content could still reach it: linear in the
    number of statements, not quadratic, on a page of thousands."""
    relays = word_list("relay_cues")
    order = sorted(
        (q.content.start, i)
        for i, q in enumerate(quotes)
        if q.cue is not None and q.cue.lemma in relays and q.speaker_name is not None
    )
    starts = [start for start, _ in order]
    reach = list(accumulate((quotes[i].content.end for _, i in order), max))
    out = []
    for position, inner in enumerate(quotes):
        via = via_kind = None
        if inner.cue is not None and inner.via is None:
            at = inner.cue.start
            j = bisect_right(starts, at) - 1
            first = None
            while j >= 0 and reach[j] > at:  # an earlier content might still contain ``at``
                i = order[j][1]
                outer = quotes[i]
                if (
                    i != position
                    and outer.speaker_name != inner.speaker_name
                    and at < outer.content.end
                    and (first is None or i < first)
                ):
                    first = i
                j -= 1
            if first is not None:
                via, via_kind = quotes[first].speaker_name, quotes[first].speaker_kind
        if via is not None:
            inner = Quote(**{**_fields(inner), "via": via, "via_kind": via_kind})
        out.append(inner)
    return out


def _fields(quote: Quote) -> dict:
    return {name: getattr(quote, name) for name in Quote.__slots__}
