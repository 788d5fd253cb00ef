"""The corpus schema on real SQLite files: creation, versioned migrations, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quotetrail.corpus import LATEST, Store, StoreOptions, connect_readonly, migrate
from quotetrail.corpus.migrations import schema_version
from quotetrail.errors import (
    CorpusNotFound,
    CorpusUnavailable,
    NotACorpus,
    SchemaOutdated,
    SchemaTooNew,
)

TABLES = {
    "articles",
    "outlets",
    "quotes",
    "speakers",
    "speaker_aliases",
    "speaker_roles",
    "ingest_errors",
    "quotes_fts",
}


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_a_new_corpus_has_every_table_in_wal_mode_at_the_latest_version(tmp_path: Path) -> None:
    db = tmp_path / "new" / "corpus.db"  # the folder is created too
    Store.open(db).close()
    conn = raw(db)
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert names >= TABLES
    assert schema_version(conn) == LATEST
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_journal_mode_is_an_option(tmp_path: Path) -> None:
    Store.open(tmp_path / "c.db", options=StoreOptions(journal_mode="delete")).close()
    assert raw(tmp_path / "c.db").execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with pytest.raises(ValueError):
        StoreOptions(journal_mode="memory-please")


def test_reopening_migrates_nothing(tmp_path: Path) -> None:
    Store.open(tmp_path / "c.db").close()
    conn = raw(tmp_path / "c.db")
    assert migrate(conn, "c.db") == []


def _version_1_with_a_quote(db: Path) -> None:
    """A corpus as the first released schema wrote it, holding one article and one quote."""
    conn = raw(db)
    assert migrate(conn, str(db), target=1) == [1]
    conn.execute(
        "INSERT INTO articles (id, source, text, content_hash, text_hash, ingested_at, seen_date)"
        " VALUES ('a1', 'old.txt', 'The levy passed.', 'c1', 't1', '2024-01-01', '2024-01-01')"
    )
    conn.execute(
        "INSERT INTO quotes (id, article_id, kind, content_start, content_end, content_text)"
        " VALUES ('q1', 'a1', 'indirect', 0, 16, 'the bridge repairs will start in June')"
    )
    conn.close()


def test_an_older_corpus_is_migrated_on_open_and_its_quotes_become_searchable(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    _version_1_with_a_quote(db)
    with pytest.raises(SchemaOutdated) as outdated:  # read-only opens cannot migrate
        connect_readonly(db)
    assert outdated.value.code == "E304"

    with Store.open(db) as store:
        assert schema_version(store.connection) == LATEST
    conn = connect_readonly(db)
    found = conn.execute(
        "SELECT q.id FROM quotes_fts JOIN quotes q ON q.seq = quotes_fts.rowid "
        "WHERE quotes_fts MATCH 'repair'"  # stemmed: matches "repairs"
    ).fetchall()
    assert [row["id"] for row in found] == ["q1"]
    # quotes stored before confidence was recorded keep NULL, not a made-up score
    assert conn.execute("SELECT confidence FROM quotes WHERE id = 'q1'").fetchone()[0] is None
    # ... and read as statements (the attribution column, version 5, defaults to communicated)
    assert conn.execute("SELECT attribution FROM quotes WHERE id = 'q1'").fetchone()[0] == (
        "communicated"
    )


def test_a_failed_migration_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _version_1_with_a_quote(db)
    conn = raw(db)
    conn.execute("CREATE TABLE quotes_fts (x)")  # in the way of version 2's virtual table
    conn.close()
    with pytest.raises(CorpusUnavailable) as failed:
        Store.open(db)
    assert failed.value.code == "E305" and "quotes_fts" in str(failed.value)
    conn = raw(db)
    assert schema_version(conn) == 1
    triggers = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
    assert triggers.fetchone()[0] == 0


def test_version_9_keeps_only_aliases_that_name_the_person(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store.open(db).close()
    conn = raw(db)
    conn.execute(
        "INSERT INTO speakers (id, name, key, kind) VALUES"
        " ('p', 'Donald Trump', 'donald trump', 'person'),"
        " ('o', 'Bank of England', 'bank of england', 'organization')"
    )
    aliases = [
        ("p", "Donald Trump"),
        ("p", "Mr. Trump"),
        ("p", "Republican nominee Donald Trump"),
        ("p", "Thirty percent"),
        ("p", "Trump supporters"),
        ("p", "popularity of Mr. Trump"),
        ("o", "Bank of England"),  # not a person: kept as it was
    ]
    conn.executemany("INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)", aliases)
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    Store.open(db).close()  # opening for writing migrates
    conn = raw(db)
    assert schema_version(conn) == LATEST
    kept = conn.execute("SELECT speaker_id, alias FROM speaker_aliases ORDER BY 1, 2").fetchall()
    assert kept == [
        ("o", "Bank of England"),
        ("p", "Donald Trump"),
        ("p", "Mr. Trump"),
        ("p", "Republican nominee Donald Trump"),
    ]


def test_a_corpus_from_a_newer_quotetrail_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store.open(db).close()
    raw(db).execute(f"PRAGMA user_version = {LATEST + 1}")
    for opener in (Store.open, connect_readonly):
        with pytest.raises(SchemaTooNew) as too_new:
            opener(db)
        assert too_new.value.code == "E303"


def test_other_databases_and_other_files_are_not_corpora(tmp_path: Path) -> None:
    foreign = tmp_path / "app.db"
    raw(foreign).execute("CREATE TABLE users (name TEXT)")
    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just some text " * 100, encoding="utf-8")
    for path in (foreign, text):
        with pytest.raises(NotACorpus) as refused:
            Store.open(path)
        assert refused.value.code == "E302"
    assert raw(foreign).execute("SELECT name FROM sqlite_master").fetchall() == [("users",)]


def test_reading_a_missing_corpus_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(CorpusNotFound) as missing:
        connect_readonly(tmp_path / "nowhere.db")
    assert missing.value.code == "E301"
    assert "quotetrail ingest" in str(missing.value)
    assert not (tmp_path / "nowhere.db").exists()


def test_read_only_connections_cannot_write(tmp_path: Path) -> None:
    Store.open(tmp_path / "c.db").close()
    conn = connect_readonly(tmp_path / "c.db")
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")
