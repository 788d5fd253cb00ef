"""Text no encoder accepts (a lone surrogate) and text over the parse limit: every entry point
refuses the document with a quotetrail code, and a batch goes on without it."""

from __future__ import annotations

import json
import os
import sqlite3
import warnings
from pathlib import Path

import pytest

import quotetrail
from quotetrail.errors import InputError, InvalidUnicode, TooLarge
from quotetrail.extraction import MAX_PARSE_CHARS, extract_texts
from quotetrail.ingest import ingest
from quotetrail.web.app import create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

STORY = (
    "The harbour master, Lucia Moreno, spoke to reporters on Monday.\n"
    '"The new pier will open in {month}," Moreno said.\n'
)
MONTHS = ["March", "April", "May", "June", "July"]


def record(n: int, **fields: object) -> str:
    """One JSON line; ``json.dumps`` writes a lone surrogate as the escape ``\\ud800``."""
    return json.dumps({"id": f"r{n}", "text": STORY.format(month=MONTHS[n]), **fields}) + "\n"


@pytest.mark.parametrize("field", ["title", "text", "outlet", "url", "id", "authors"])
def test_a_record_with_a_lone_surrogate_is_refused_and_the_rest_are_stored(
    tmp_path: Path, field: str
) -> None:
    bad = {
        "title": {"title": "Pier \ud800 opens"},
        "text": {"text": STORY.format(month="May \ud800")},
        "outlet": {"outlet": "Harbour \udfff News"},
        "url": {"url": "https://example.com/\ud800"},
        "id": {"id": "r\ud800"},
        "authors": {"authors": ["Ann \ud800"]},
    }[field]
    dump = tmp_path / "dump.jsonl"
    dump.write_text(record(0) + record(1, **bad) + record(2), encoding="utf-8")
    db = tmp_path / "corpus.db"
    report = ingest([str(dump)], db)
    assert (report.stored, report.failed) == (2, 1)
    with sqlite3.connect(db) as conn:
        errors = conn.execute("SELECT source, code FROM ingest_errors").fetchall()
        assert errors == [(f"{dump}:2", InvalidUnicode.code)]
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    assert ingest([str(dump)], db).skipped == 2  # a re-run does not die on it either


def test_a_file_name_with_undecodable_bytes_is_stored_under_a_printable_name(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(name, "wb") as file:
        file.write(STORY.format(month="May").encode())
    db = tmp_path / "corpus.db"
    assert ingest([str(folder)], db).stored == 1
    with sqlite3.connect(db) as conn:
        (source,) = conn.execute("SELECT source FROM articles").fetchone()
    assert source.endswith("caf\\xe9.txt")


def test_extract_refuses_a_lone_surrogate_with_a_code() -> None:
    with pytest.raises(InvalidUnicode) as raised:
        quotetrail.extract('"We will open in May \ud800," Moreno said.')
    assert raised.value.code == "E114" and "U+D800" in str(raised.value)


def test_extract_refuses_text_over_the_parse_limit_with_a_code() -> None:
    with pytest.raises(TooLarge) as raised:
        quotetrail.extract("word " * (MAX_PARSE_CHARS // 5 + 1))
    assert raised.value.code == "E104"


def test_extract_texts_yields_the_coded_refusal_in_place_and_keeps_the_rest() -> None:
    texts = [STORY.format(month="May"), "bad \udc80 text", STORY.format(month="June")]
    results = list(extract_texts(texts))
    assert [type(r).__name__ for r in results] == ["list", "InvalidUnicode", "list"]
    assert isinstance(results[1], InputError) and results[1].code == "E114"
    assert results[0] and results[2]


def test_api_extract_answers_a_lone_surrogate_with_its_code(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(record(0), encoding="utf-8")
    ingest([str(dump)], tmp_path / "corpus.db")
    with TestClient(create_app(tmp_path / "corpus.db", allow_extract=True)) as client:
        response = client.post(
            "/api/extract",
            content=b'{"text": "Moreno said \\ud800 yes."}',
            headers={"content-type": "application/json"},
        )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "E114"
