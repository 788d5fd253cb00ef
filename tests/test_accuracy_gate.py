"""Accuracy floors on a small hand-annotated gold set shipped with the tests.

tests/data/gold holds two news-style articles written for quotetrail with brat attributions in
PolNeAR's format (Source, Cue, Content). The floors sit a little below what extraction scores
today, so CI fails when a change makes extraction worse, never because of noise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrail import extract
from quotetrail.eval.polnear import evaluate

GOLD = Path(__file__).parent / "data" / "gold"


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate(GOLD)


def test_quote_f1_floor(report: dict) -> None:
    assert report["articles"] == 2 and report["n_gold"] == 21
    assert report["quotes"]["0.3"]["f1"] >= 0.78
    assert report["quotes"]["0.8"]["f1"] >= 0.75


def test_direct_quotes_are_all_found(report: dict) -> None:
    assert report["by_kind"]["direct"]["quotes"]["0.3"]["recall"] >= 0.9


def test_speaker_floor(report: dict) -> None:
    assert report["speaker_accuracy"] >= 0.85
    assert report["name_accuracy"] >= 0.85


def _by_content(quotes, words: str):
    hits = [q for q in quotes if words in q.content.text]
    assert hits, f"no statement contains {words!r}"
    return hits[0]


def test_canonical_speakers_on_the_strike_story() -> None:
    text = (GOLD / "text" / "harbour-strike.txt").read_text(encoding="utf-8")
    quotes = extract(text)
    first = _by_content(quotes, "night shifts were breaking people")
    assert (first.kind, first.speaker_name, first.speaker_kind) == (
        "direct",
        "Tomasz Nowak",
        "person",
    )
    # a quotation signed off on the next line with "-- Name, role"
    signed = _by_content(quotes, "heads up")
    assert signed.speaker_name == "Tomasz Nowak" and signed.cue is None
    assert signed.content.text.startswith('"This agreement is a start')
    # pronoun and apposition: "She added" follows "The port's chief executive, Amira Haddad"
    added = _by_content(quotes, "fair to everyone")
    assert (added.speaker_name, added.speaker_role) == ("Amira Haddad", "chief executive")
    later = _by_content(quotes, "Nine days do not undo forty years")
    assert later.speaker_name == "Amira Haddad"
    warned = _by_content(quotes, "win them back")
    assert warned.speaker.text == "He" and warned.speaker_name == "Pieter Claes"
    relayed = _by_content(quotes, "offered to mediate")
    assert (relayed.speaker_name, relayed.speaker_kind) == ("Calder Herald", "outlet")
