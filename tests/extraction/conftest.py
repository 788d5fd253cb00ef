"""Construction tests: small sentences, each a real parse through the shipped pipeline.

The pipeline is loaded once per session through the project's loader (``quotetrail.nlp``) and
every text is parsed once, however many tests read it. Statements come from ``extract_doc``,
the function the CLI, ingest and the spaCy component all end in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from quotetrail.extraction import extract_doc
from quotetrail.nlp import load_pipeline
from quotetrail.records import Quote

Statements = Callable[[str], list[Quote]]
Statement = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def statements() -> Statements:
    """``statements(text)``: the statements of ``text``, with every span checked against it."""
    nlp = load_pipeline()
    parsed: dict[str, list[Quote]] = {}

    def run(text: str) -> list[Quote]:
        if text not in parsed:
            quotes = extract_doc(nlp(text))
            for quote in quotes:
                for span in (quote.content, quote.cue, quote.speaker):
                    if span is not None:
                        assert text[span.start : span.end] == span.text, span
            parsed[text] = quotes
        return parsed[text]

    return run


def view(quote: Quote) -> dict[str, Any]:
    """The fields a construction test pins, by short names."""
    return {
        "content": quote.content.text,
        "kind": quote.kind,
        "cue": quote.cue.text if quote.cue else None,
        "lemma": quote.cue.lemma if quote.cue else None,
        "speaker": quote.speaker.text if quote.speaker else None,
        "name": quote.speaker_name,
        "speaker_kind": quote.speaker_kind,
        "role": quote.speaker_role,
        "via": quote.via,
    }


@pytest.fixture(scope="session")
def statement(statements: Statements) -> Statement:
    """``statement(text, words, like)``: the one statement whose content is ``words``, else
    the one that holds them, as a :func:`view` cut to the keys of ``like`` (so ``== like``
    shows a field-by-field diff); fails when none or several qualify."""

    def pick(text: str, words: str, like: dict[str, Any] | None = None) -> dict[str, Any]:
        quotes = statements(text)
        hits = [q for q in quotes if q.content.text == words]
        hits = hits or [q for q in quotes if words in q.content.text]
        assert len(hits) == 1, (words, [q.content.text for q in quotes])
        got = view(hits[0])
        return got if like is None else {key: got[key] for key in like}

    return pick
