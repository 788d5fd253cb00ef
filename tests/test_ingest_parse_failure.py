"""A document the pipeline itself cannot process fails alone, in process and in workers.

The pipeline is the real English one, saved with one extra real spaCy component that raises on
documents carrying a marker: spaCy's own ``nlp.pipe`` then raises mid-batch, as a parser or
tagger fault would, and the ingester must keep the rest of the batch and record the one.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quotetrail.extraction import extract_texts
from quotetrail.ingest import IngestOptions, ingest
from quotetrail.nlp import DEFAULT_MODEL, FALLBACKS, PARAGRAPHS
from test_ingest import rows, write_stories

MARKER = "SELF-DESTRUCT"
FAILING = "quotetrail_test_fails_on_marker"


@Language.component(FAILING)
def fails_on_marker(doc: Doc) -> Doc:
    if MARKER in doc.text:
        raise ValueError("this document breaks the pipeline")
    return doc


@pytest.fixture(scope="module")
def failing_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    for name in (*FALLBACKS, DEFAULT_MODEL):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.add_pipe(FAILING, before="parser")
    path = tmp_path_factory.mktemp("model") / "failing"
    nlp.to_disk(path)
    return str(path)


def news_with_a_breaking_document(folder: Path) -> Path:
    write_stories(folder, 6)
    bad = folder / "story-002.txt"
    bad.write_text(bad.read_text(encoding="utf-8") + f"({MARKER})\n", encoding="utf-8")
    return bad


def test_extract_texts_keeps_the_rest_of_a_batch(failing_model: str, tmp_path: Path) -> None:
    write_stories(tmp_path, 4)
    texts = [p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("*.txt"))]
    clean = list(extract_texts(texts, model=failing_model, batch_size=4))
    results = list(extract_texts([*texts[:2], MARKER, *texts[2:]], model=failing_model))
    assert [type(r).__name__ for r in results] == ["list", "list", "ExtractionFailed", "list"] + [
        "list"
    ] * (len(texts) - 3)
    assert "this document breaks the pipeline" in str(results[2])
    assert [r for i, r in enumerate(results) if i != 2] == clean
    assert all(clean)  # the stories do have quotes: the comparison is not of empty lists


def test_ingest_records_the_document_and_stores_the_batch(
    failing_model: str, tmp_path: Path
) -> None:
    bad = news_with_a_breaking_document(tmp_path / "news")
    db = tmp_path / "c.db"
    report = ingest([str(tmp_path / "news")], db, IngestOptions(model=failing_model))
    assert (report.stored, report.failed) == (5, 1)
    [(source, code, message)] = rows(db, "ingest_errors", "source, code, message")
    assert (source, code) == (str(bad), "E110")
    assert "this document breaks the pipeline" in message
    assert str(bad) not in {row[0] for row in rows(db, "articles", "source")}


def test_workers_record_the_document_and_store_the_batch(
    failing_model: str, tmp_path: Path
) -> None:
    """In worker processes (spawned: they import the script that registers the component)."""
    bad = news_with_a_breaking_document(tmp_path / "news")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([str(tmp_path / "news")], one, IngestOptions(model=failing_model))
    script = tmp_path / "run.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from spacy.language import Language
            from quotetrail.ingest import IngestOptions, ingest

            @Language.component({FAILING!r})
            def fails_on_marker(doc):
                if {MARKER!r} in doc.text:
                    raise ValueError("this document breaks the pipeline")
                return doc

            if __name__ == "__main__":
                options = IngestOptions(workers=2, batch_size=3, model=sys.argv[3])
                print(ingest([sys.argv[1]], sys.argv[2], options).summary())
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "news"), str(two), failing_model],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "stored 5," in done.stdout and "failed 1 " in done.stdout
    assert rows(two, "ingest_errors", "source, code") == [(str(bad), "E110")]
    for table in ("quotes", "speakers", "speaker_aliases"):
        assert rows(one, table) == rows(two, table), table
    assert sqlite3.connect(two).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
