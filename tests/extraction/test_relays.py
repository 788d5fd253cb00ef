"""Relays: a statement passed on through an outlet carries that outlet as ``via``.

Each row of ``tests/data/relays.tsv`` is one construction (addressee, occasion, citing verb,
"according to" after the cue) or a near miss that must relay nothing ("told reporters").
"""

from __future__ import annotations

from pathlib import Path

import pytest

import quotetrail

ROWS = [
    line.split("\t")
    for line in (Path(__file__).parents[1] / "data" / "relays.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize(("sentence", "speaker", "starts", "via"), ROWS, ids=[r[3] for r in ROWS])
def test_relay(sentence: str, speaker: str, starts: str, via: str) -> None:
    quotes = [q for q in quotetrail.extract(sentence) if q.content.text.startswith(starts)]
    assert quotes, f"no statement starting {starts!r} in {sentence!r}"
    quote = quotes[0]
    assert quote.speaker_name == speaker
    assert quote.via == (None if via == "-" else via)


def test_the_cited_words_are_one_statement() -> None:
    """ "X cites Y as saying ...": Y's statement relayed by X, not a second one by X."""
    quotes = quotetrail.extract("The daily Dagbladet cites Ortiz as saying the plan was a mistake.")
    assert [(q.speaker_name, q.via) for q in quotes] == [("Ortiz", "Dagbladet")]
