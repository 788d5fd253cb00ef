"""Cue scorers: functions rating a candidate word, chosen by name ("model" or "table")."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

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


@lru_cache(maxsize=4)
def load_scorer(kind: str = "model", path: str | None = None) -> CueScorer:
    """The packaged (or a given) cue model or table, loaded once per process."""
    location = Path(path) if path else None
    if kind == "model":
        return model_scorer(CueModel.load(location))
    if kind == "table":
        return table_scorer(CueTable.load(location))
    raise ValueError(f"unknown cue scorer {kind!r}: use 'model' or 'table'")
