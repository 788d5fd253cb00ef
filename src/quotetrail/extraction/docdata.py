"""Statements on a Doc in serializable form, and the ``Quote`` records read back from it.

spaCy ships docs as bytes (``Doc.to_bytes``, ``DocBin``, ``nlp.pipe(n_process=...)``), which
takes only msgpack-safe values. So the component stores each statement's fields as plain data
in ``doc.user_data[DATA_KEY]`` (exact character offsets: a statement need not start or end on a
token boundary) and mirrors its spans in the span group ``doc.spans[SPANS_KEY]`` for displaCy
and for span-based tools. ``doc._.quotes`` is a getter that turns the data back into records.

Fields are handled through :func:`dataclasses.fields`, so a field added to :class:`Quote` (or to
its span records) is stored and restored without a change here.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, get_args, get_type_hints

from spacy.tokens import Doc, SpanGroup

from ..records import Quote

#: ``doc.user_data`` key: one dict of plain values per statement, in text order.
DATA_KEY = "quotetrail"
#: ``doc.spans`` key: every statement's content (labelled DIRECT, INDIRECT or MIXED), cue (CUE)
#: and speaker mention (SPEAKER), widened to whole tokens; ``span.id_`` is the statement's
#: index in ``doc._.quotes``.
SPANS_KEY = "quotetrail"
CUE_LABEL = "CUE"
SPEAKER_LABEL = "SPEAKER"
#: displaCy's colours for those labels (registered by the component module).
LABEL_COLORS = {
    "DIRECT": "#8ecae6",
    "INDIRECT": "#ffd166",
    "MIXED": "#f4a261",
    CUE_LABEL: "#b5e48c",
    SPEAKER_LABEL: "#cdb4db",
}


def store(doc: Doc, quotes: list[Quote]) -> None:
    """Write ``quotes`` onto ``doc``: the data, then the span group that shows it."""
    doc.user_data[DATA_KEY] = [_plain(quote, doc.text) for quote in quotes]
    group = SpanGroup(doc, name=SPANS_KEY)
    for i, quote in enumerate(quotes):
        parts = ((quote.content, quote.kind.upper()), (quote.cue, CUE_LABEL))
        for part, label in (*parts, (quote.speaker, SPEAKER_LABEL)):
            if part is None or part.end <= part.start:
                continue
            span = doc.char_span(part.start, part.end, label=label, alignment_mode="expand")
            if span is not None and len(span):
                span.id_ = str(i)
                group.append(span)
    doc.spans[SPANS_KEY] = group


def load(doc: Doc) -> list[Quote] | None:
    """The statements stored on ``doc``; None for a doc the component has not processed (or
    whose user data was left out when it was serialized)."""
    data = doc.user_data.get(DATA_KEY)
    if data is None:
        return None
    return [_record(Quote, item, doc.text) for item in data]


def _plain(record: Any, text: str) -> dict[str, Any]:
    """A record as a dict of msgpack-safe values; a span's text is left out when it is just
    ``text[start:end]`` (it is restored from the doc), so a DocBin does not hold it twice."""
    out: dict[str, Any] = {}
    for field in fields(record):
        value = getattr(record, field.name)
        if is_dataclass(value):
            value = _plain(value, text)
            keys = {"start", "end", "text"}
            if keys <= value.keys() and value["text"] == text[value["start"] : value["end"]]:
                del value["text"]
        out[field.name] = value
    return out


def _record(cls: type, data: dict[str, Any], text: str) -> Any:
    """``cls`` rebuilt from :func:`_plain`'s dict; keys it does not know are ignored and
    missing ones take the field's default, so data written by another version still reads."""
    nested = _nested_records(cls)
    values: dict[str, Any] = {}
    for field in fields(cls):
        if field.name not in data:
            continue
        value = data[field.name]
        if isinstance(value, dict) and field.name in nested:
            if "text" not in value:
                value = {**value, "text": text[value["start"] : value["end"]]}
            value = _record(nested[field.name], value, text)
        values[field.name] = value
    return cls(**values)


@cache
def _nested_records(cls: type) -> dict[str, type]:
    """Which fields of ``cls`` hold a record (``CueSpan | None`` -> CueSpan), from its hints."""
    hints = get_type_hints(cls)
    nested = {}
    for field in fields(cls):
        for option in (hints[field.name], *get_args(hints[field.name])):
            if isinstance(option, type) and is_dataclass(option):
                nested[field.name] = option
    return nested
