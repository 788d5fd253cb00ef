"""Provenance: which articles copy or rewrite which, the earliest source, how quotes spread.

>>> from quotetrail.provenance import ProvArticle, analyse, pair_record
>>> articles = [ProvArticle("a", text_a, "2023-08-17"), ProvArticle("b", text_b)]
>>> [pair_record(p) for p in analyse(articles).pairs]  # doctest: +SKIP

Everything here is pure: records in, records out. ``analyse`` runs the whole pipeline
(boilerplate → MinHash LSH candidates → sentence alignment → verdict → stories → quote
clusters); the stage functions are exported for callers that need one stage alone.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from quotetrail.provenance.align import Alignment, align, prepare
from quotetrail.provenance.boilerplate import Boilerplate, fit_boilerplate
from quotetrail.provenance.normalise import NormText, normalise
from quotetrail.provenance.options import InvalidOption, ProvenanceOptions
from quotetrail.provenance.pipeline import analyse
from quotetrail.provenance.records import (
    Direction,
    Label,
    PairResult,
    Passage,
    ProvArticle,
    ProvenanceResult,
    ProvQuote,
    QuoteAppearance,
    QuoteCluster,
    Skip,
    Story,
)
from quotetrail.provenance.spread import quote_clusters
from quotetrail.provenance.stories import group_stories
from quotetrail.provenance.verdict import verdict

__all__ = [
    "Alignment",
    "Boilerplate",
    "Direction",
    "InvalidOption",
    "Label",
    "NormText",
    "PairResult",
    "Passage",
    "ProvArticle",
    "ProvQuote",
    "ProvenanceOptions",
    "ProvenanceResult",
    "QuoteAppearance",
    "QuoteCluster",
    "Skip",
    "Story",
    "align",
    "analyse",
    "cluster_record",
    "fit_boilerplate",
    "group_stories",
    "normalise",
    "pair_record",
    "prepare",
    "quote_clusters",
    "side_by_side",
    "verdict",
]


def pair_record(pair: PairResult) -> dict[str, Any]:
    """The JSONL shape of issue 5: one line per related pair."""
    return {
        "source_id": pair.source_id,
        "copy_id": pair.copy_id,
        "label": pair.label,
        "containment": [pair.containment[0], pair.containment[1]],
        "passages": [
            {"source": [p.source[0], p.source[1]], "copy": [p.copy[0], p.copy[1]]}
            for p in pair.passages
        ],
        "direction": pair.direction,
    }


def cluster_record(cluster: QuoteCluster) -> dict[str, Any]:
    """A quote cluster as JSON: where and when a quote appeared, first appearance first."""
    return {
        "content": cluster.content,
        "speaker_name": cluster.speaker_name,
        "first": asdict(cluster.first) if cluster.first else None,
        "direction": cluster.direction,
        "appearances": [asdict(a) for a in cluster.appearances],
    }


def side_by_side(pair: PairResult, source_text: str, copy_text: str) -> list[tuple[str, str]]:
    """The aligned passages as (source text, copy text), for a panel that shows both."""
    return [(source_text[slice(*p.source)], copy_text[slice(*p.copy)]) for p in pair.passages]


logging.getLogger(__name__).addHandler(logging.NullHandler())
