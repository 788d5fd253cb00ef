"""Runaway documents: a run of quotation marks is refused with a code before any parsing, long
texts and long runs are parsed in pieces that join back to the text exactly, and
POST /api/extract runs in a worker process with a bounded queue."""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path

import httpx
import pytest
import spacy

import quotetrail
from quotetrail.errors import TooCostly
from quotetrail.extraction import extract_texts
from quotetrail.extraction.bounds import MAX_RUN_MARKS, PIECE_CHARS, RUN_CHARS, parse, pieces
from quotetrail.ingest import ingest
from quotetrail.web import Settings
from quotetrail.web.app import create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

MARKS = '"“”«»'
STORY = '"We will rebuild the bridge by spring," Mayor Helen Brandt said on Monday.\n'


def test_a_run_of_20000_quotation_marks_is_refused_with_a_code() -> None:
    with pytest.raises(TooCostly) as raised:
        quotetrail.extract("It began. " + MARKS * 4000 + " The end.")
    assert raised.value.code == "E117" and "20,000 characters" in str(raised.value)


def test_a_long_word_is_not_refused_only_a_run_of_punctuation() -> None:
    text = STORY + "data:" + "QUJD" * 5000 + "\n" + STORY  # a 20,000-character blob of letters
    quotes = quotetrail.extract(text)
    assert [q.speaker_name for q in quotes] == ["Helen Brandt", "Helen Brandt"]


def test_a_shorter_run_is_parsed_in_pieces_with_exact_offsets() -> None:
    text = "Before. " + MARKS * (MAX_RUN_MARKS // len(MARKS) - 1) + "\n" + STORY
    quotes = quotetrail.extract(text)
    assert quotes and quotes[-1].speaker_name == "Helen Brandt"
    for quote in quotes:
        for span in (quote.content, quote.cue, quote.speaker):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_pieces_join_back_to_the_text_and_respect_their_bounds() -> None:
    text = (STORY * 1500) + "x" * 1000 + " " + (MARKS * 100) + "\n" + ("word " * 20_000)
    cut = pieces(text)
    assert "".join(cut) == text
    assert all(len(piece) <= PIECE_CHARS for piece in cut)
    assert max(len(p) for p in cut if not p.strip(MARKS + "x")) <= RUN_CHARS
    doc = parse(spacy.blank("en"), text)  # the joined Doc's text is the input, exactly
    assert doc.text == text and len(text) > PIECE_CHARS


def test_ingest_records_the_refusal_and_stores_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Said: " + MARKS * 5000 + "\n" + STORY, encoding="utf-8")
    report = ingest([str(tmp_path)], tmp_path / "corpus.db")
    assert (report.stored, report.failed) == (1, 1)
    results = list(extract_texts(["x " + MARKS * 5000]))
    assert isinstance(results[0], TooCostly)


def test_api_extract_refuses_a_mark_run_with_its_code(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    ingest([str(tmp_path / "a.txt")], tmp_path / "corpus.db")
    with TestClient(create_app(tmp_path / "corpus.db", allow_extract=True)) as client:
        refused = client.post("/api/extract", json={"text": MARKS * 5000})
        answered = client.post("/api/extract", json={"text": STORY})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "E117"
    assert answered.status_code == 200
    assert answered.json()["quotes"][0]["speaker_name"] == "Helen Brandt"


def test_api_extract_answers_busy_when_every_slot_is_taken(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    ingest([str(tmp_path / "a.txt")], tmp_path / "corpus.db")
    settings = Settings(extract_processes=1, extract_queue=1)
    app = create_app(tmp_path / "corpus.db", allow_extract=True, settings=settings)

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            posts = [client.post("/api/extract", json={"text": STORY}) for _ in range(4)]
            answers = await asyncio.gather(*posts)
            read = await client.get("/api/quotes")  # reads go on beside extraction
            assert read.status_code == 200
            return answers

    try:
        answers = asyncio.run(burst())
    finally:
        app.state.extractor.close()
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200, 200, 503, 503]
    busy = [a.json()["error"]["code"] for a in answers if a.status_code == 503]
    assert busy == ["W505", "W505"]
    assert all(a.headers["retry-after"] == "2" for a in answers if a.status_code == 503)
