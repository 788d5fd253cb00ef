"""Learn the cue table from brat-annotated attributions (PolNeAR train).

Every candidate word (see :func:`candidates.candidates`) is one example, positive when it is
the syntactic root of a gold Cue span. Both the cue table and the classifier learn from the
same examples. Run it with ``quotetrail train-cues DIR``; the threshold in ``FindOptions`` was
chosen by training on the first four fifths of train and scoring the last fifth.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, Token

from quotetrail.eval.brat import GoldAttribution, load_split
from quotetrail.extraction.attribution import QuoteIndex
from quotetrail.extraction.candidates import candidates
from quotetrail.extraction.classifier import CueModel, features
from quotetrail.extraction.cues import CueTable

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


def examples(
    docs: Iterable[Doc], golds: Iterable[Sequence[GoldAttribution]]
) -> Iterator[tuple[Doc, list[tuple[Token, str, QuoteIndex, bool]]]]:
    """Each document with its candidates: (token, frame, quotation index, is a gold cue)."""
    for doc, gold in zip(docs, golds, strict=True):
        roots = cue_roots(doc, gold)
        quotes = QuoteIndex.of(doc.text)
        yield doc, [(t, f, quotes, t.i in roots) for t, f in candidates(doc, quotes)]


def count(rows: Iterable[tuple[Token, str, QuoteIndex, bool]]) -> CueTable:
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for token, frame, _, label in rows:
        key = (token.lemma_.lower(), frame)
        seen[key] += 1
        if label:
            hits[key] += 1
    kept = {k: (hits[k], n) for k, n in seen.items() if hits[k] or n >= MIN_SEEN}
    return CueTable.from_counts(kept)


def train(
    directory: Path, output: Path, *, model: str | None = None, progress: bool = False
) -> tuple[CueTable, CueModel]:
    """Write ``cues.tsv`` and ``cue_model.json`` into ``output`` from a brat split."""
    from quotetrail.nlp import load_pipeline

    nlp = load_pipeline(model)
    split = load_split(directory)
    docs = nlp.pipe((text for _, text, _ in split), batch_size=32)
    rows: list[tuple[Token, str, QuoteIndex, bool]] = []
    feats: list[tuple[list[str], bool]] = []
    for number, (_, candidates_) in enumerate(examples(docs, (g for _, _, g in split)), 1):
        rows.extend(candidates_)
        feats.extend((features(t, f, q), label) for t, f, q, label in candidates_)
        if progress and number % 50 == 0:
            print(f"  parsed {number}/{len(split)} articles", flush=True)
    table = count(rows)
    cue_model = CueModel.fit(feats)
    output.mkdir(parents=True, exist_ok=True)
    table.save(output / "cues.tsv")
    cue_model.save(output / "cue_model.json")
    return table, cue_model
