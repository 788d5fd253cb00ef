"""Cue scorers: functions rating a candidate word, chosen by name ("blend", "model", "table")."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from quotetrail.errors import InvalidOption

from .attribution import QuoteIndex
from .classifier import CueModel, features
from .cues import CueTable

CueScorer = Callable[[Token, str, QuoteIndex], float]


def table_scorer(table: CueTable) -> CueScorer:
    def score(token: Token, frame: str, quotes: QuoteIndex) -> float:
        return table.probability(token.lemma_.lower(), frame)

    return score


def model_scorer(model: CueModel) -> CueScorer:
    def score(token: Token, frame: str, quotes: QuoteIndex) -> float:
        return model.probability(features(token, frame, quotes))

    return score


#: A (lemma, frame) pair seen this often as a cue in training is trusted whatever the context.
SURE_PAIR_MIN_SEEN = 10
SURE_PAIR_MIN_P = 0.7


def blended_scorer(model: CueModel, table: CueTable) -> CueScorer:
    """The classifier, floored by the table for pairs that are nearly always cues ("reporting
    that ...", whatever the parser attached it to)."""
    rate = model_scorer(model)

    def score(token: Token, frame: str, quotes: QuoteIndex) -> float:
        p = rate(token, frame, quotes)
        hits, seen = table.pairs.get((token.lemma_.lower(), frame), (0, 0))
        if seen >= SURE_PAIR_MIN_SEEN and hits / seen >= SURE_PAIR_MIN_P:
            return max(p, hits / seen)
        return p

    return score


@lru_cache(maxsize=4)
def load_scorer(kind: str = "blend", path: str | None = None) -> CueScorer:
    """The packaged (or a given) cue model or table, loaded once per process."""
    location = Path(path) if path else None
    if kind == "model":
        return model_scorer(CueModel.load(location))
    if kind == "table":
        return table_scorer(CueTable.load(location))
    if kind == "blend":
        folder = location.parent if location else None
        return blended_scorer(
            CueModel.load(folder / "cue_model.json" if folder else None),
            CueTable.load(folder / "cues.tsv" if folder else None),
        )
    raise InvalidOption("scorer", kind, "must be 'blend', 'model' or 'table'")
