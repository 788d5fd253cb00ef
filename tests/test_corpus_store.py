"""The single writer on real SQLite files: dedupe, conflicts, errors, batches, atomicity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quotetrail.corpus import ArticleKeys, Match, Store, StoreOptions, connect_readonly
from quotetrail.read import Failure, article_id
from quotetrail.records import Article, CueSpan, Quote, Span

TEXT = '"The bridge will reopen in June," the engineer, Paul Lindqvist, said on Monday.'


def quote(text: str = TEXT, name: str = "Paul Lindqvist", kind: str = "direct") -> Quote:
    content = text[: text.index(",") + 2]
    mention = "the engineer, Paul Lindqvist"
    start = text.index(mention)
    cue = text.index("said")
    return Quote(
        kind=kind,  # type: ignore[arg-type]
        content=Span(0, len(content), content),
        cue=CueSpan(cue, cue + 4, "said", "say"),
        speaker=Span(start, start + len(mention), mention),
        speaker_name=name,
        speaker_kind="person",
        speaker_role="engineer",
    )


def article(text: str = TEXT, *, source: str = "a.txt", url: str | None = None, **kw) -> Article:
    return Article(
        id=kw.pop("id", article_id(url, text)),
        text=text,
        source=source,
        url=url,
        content_hash=kw.pop("content_hash", f"bytes-of-{source}-{text}"),
        **kw,
    )


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    tables = ("articles", "quotes", "speakers", "speaker_aliases", "ingest_errors")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_an_article_is_stored_with_its_quotes_and_speaker(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        assert store.add(article(), [quote()]) is Match.NEW
    assert counts(db) == {
        "articles": 1,
        "quotes": 1,
        "speakers": 1,
        "speaker_aliases": 1,  # the name; the mention has a comma, so it is a description
        "ingest_errors": 0,
    }
    row = connect_readonly(db).execute("SELECT * FROM quotes").fetchone()
    assert TEXT[row["content_start"] : row["content_end"]] == row["content_text"]
    assert TEXT[row["cue_start"] : row["cue_end"]] == row["cue_text"] == "said"


def test_the_same_url_is_stored_once_even_when_the_page_changed(tmp_path: Path) -> None:
    url = "https://news.example.com/bridge?utm_source=feed#top"
    with Store.open(tmp_path / "c.db") as store:
        assert store.add(article(url=url), [quote()]) is Match.NEW
        later = article(TEXT + " Updated at noon.", url="https://NEWS.example.com/bridge")
        assert store.match(ArticleKeys.of(later)) is Match.SAME
        assert store.add(later, [quote()]) is Match.SAME
    assert counts(tmp_path / "c.db")["articles"] == 1
    assert counts(tmp_path / "c.db")["quotes"] == 1


def test_the_same_content_from_another_source_is_stored_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        assert store.add(article(source="a.txt", content_hash="same-bytes"), [quote()]) is Match.NEW
        copy = article(source="copy/a.txt", content_hash="same-bytes")
        assert store.add(copy, [quote()]) is Match.SAME
        # the same text reached through another reader (other bytes, other id) is a repeat too
        jsonl = article(source="dump.jsonl:7", id="7", content_hash="line-bytes")
        assert store.add(jsonl, [quote()]) is Match.SAME
    assert counts(tmp_path / "c.db")["articles"] == 1


def test_a_different_document_under_a_taken_id_is_a_conflict(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        store.add(article(source="one.jsonl:1", id="1"), [quote()])
        other = article("Another story entirely.", source="two.jsonl:1", id="1")
        assert store.match(ArticleKeys.of(other)) is Match.ID_TAKEN
        assert store.add(other, []) is Match.ID_TAKEN
    assert counts(tmp_path / "c.db")["articles"] == 1


def test_failures_are_recorded_once_and_cleared_when_the_source_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        store.add_failure(Failure("a.txt", "E101", "a.txt: the document is empty"))
        store.add_failure(Failure("a.txt", "E101", "a.txt: the document is empty (again)"))
        store.add_failure(Failure("b.txt", "E105", "b.txt: does not look like English"))
    rows = connect_readonly(db).execute("SELECT source, code, message FROM ingest_errors")
    assert sorted(tuple(r) for r in rows) == [
        ("a.txt", "E101", "a.txt: the document is empty (again)"),
        ("b.txt", "E105", "b.txt: does not look like English"),
    ]
    with Store.open(db) as store:  # a.txt was fixed and now reads
        store.add(article(source="a.txt"), [quote()])
    assert [r[0] for r in connect_readonly(db).execute("SELECT source FROM ingest_errors")] == [
        "b.txt"
    ]


def test_writes_are_committed_in_batches(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store = Store.open(db, options=StoreOptions(commit_every=3, commit_seconds=3600))
    reader = connect_readonly(db)
    texts = [f"Story number {n}. " + TEXT for n in range(4)]
    seen = []
    for text in texts:
        store.add(article(text), [quote(text)])
        seen.append(reader.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert seen == [0, 0, 3, 3]  # readers see whole batches only
    store.close()  # closing commits the open batch
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_an_article_whose_quotes_cannot_be_written_leaves_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        store.add(article("First story. " + TEXT), [quote("First story. " + TEXT)])
        with pytest.raises(sqlite3.IntegrityError):
            store.add(article(), [quote(kind="shouted")])  # violates the kind CHECK
        store.add(article("Third story. " + TEXT), [])
    assert counts(db) | {"speaker_aliases": 0} == {
        "articles": 2,
        "quotes": 1,
        "speakers": 1,
        "speaker_aliases": 0,
        "ingest_errors": 0,
    }
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT n_quotes FROM speakers").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_article_without_quotes_is_still_stored(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        assert store.add(article("Nobody said anything today."), []) is Match.NEW
    assert counts(tmp_path / "c.db")["articles"] == 1
