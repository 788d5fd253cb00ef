"""Learn the cue table from brat-annotated attributions (PolNeAR train).

Every candidate word (see :func:`attribution.candidates`) is counted once, and counted as a cue
when it is the syntactic root of a gold Cue span. Run it with ``quotetrail train-cues DIR``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc

from ..eval.brat import GoldAttribution, load_split
from .attribution import QuoteIndex, candidates
from .cues import CueTable
from .marks import quote_spans

#: Pairs seen fewer times than this, and never as a cue, are left to the back-off.
MIN_SEEN = 3


def cue_roots(doc: Doc, gold: Sequence[GoldAttribution]) -> set[int]:
    """Token indices that head a gold cue span."""
    roots = set()
    for attribution in gold:
        if attribution.cue is None:
            continue
        tokens = set()
        for start, end in attribution.cue.fragments:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                tokens.update(t.i for t in span)
        for i in tokens:
            head = doc[i].head
            if head.i not in tokens or head.i == i:
                roots.add(i)
                break
    return roots


def count(docs: Iterable[Doc], golds: Iterable[Sequence[GoldAttribution]]) -> CueTable:
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for doc, gold in zip(docs, golds, strict=True):
        roots = cue_roots(doc, gold)
        quotes = QuoteIndex(quote_spans(doc.text))
        for token, frame in candidates(doc, quotes):
            key = (token.lemma_.lower(), frame)
            seen[key] += 1
            if token.i in roots:
                hits[key] += 1
    kept = {k: (hits[k], n) for k, n in seen.items() if hits[k] or n >= MIN_SEEN}
    return CueTable.from_counts(kept)


def train(directory: Path, output: Path, *, model: str | None = None) -> CueTable:
    from ..nlp import load_pipeline

    nlp = load_pipeline(model)
    split = load_split(directory)
    docs = nlp.pipe((text for _, text, _ in split), batch_size=32)
    table = count(docs, (gold for _, _, gold in split))
    table.save(output)
    return table
