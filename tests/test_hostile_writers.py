"""Writers that meet: a write lock held only while writing, so other ingests into the same
corpus wait their turn and finish, and each counts what the others stored as skipped."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotetrail.corpus.store import Store, StoreOptions
from quotetrail.errors import CorpusUnavailable
from quotetrail.read import Failure

NAMES = ["Anna Berg", "Omar Haddad", "Lucia Moreno", "Grace Achebe", "Tomas Novak"]


def story(n: int) -> str:
    """A few sentences with quotes, so each article takes a visible moment to parse."""
    name = NAMES[n % len(NAMES)]
    lines = [f"Council backs plan number {n} for the harbour"]
    for k in range(5):
        lines += [
            f"The council voted {k + 4}-{k % 3} on item {n}.{k} late on Monday.",
            f'"We will finish stage {k} within {k + n + 2} months," {name} told reporters.',
            f"{name.split()[-1]} said that the budget for stage {k} had grown by {n + k} percent.",
        ]
    return "\n".join(lines) + "\n"


def write_news(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:03d}.txt").write_text(story(n), encoding="utf-8")
    return folder


def ingest_process(news: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "quotetrail.cli", "ingest", str(news), "--db", str(db)]
    return subprocess.Popen(
        [*command, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_another_writer_gets_the_lock_while_an_ingest_is_extracting(tmp_path: Path) -> None:
    news = write_news(tmp_path / "news", 30)
    db = tmp_path / "corpus.db"
    process = ingest_process(news, db)
    attempts, refused = 0, 0
    try:
        deadline = time.monotonic() + 120
        while stored_count(db) < 1:
            assert process.poll() is None and time.monotonic() < deadline, "nothing stored"
            time.sleep(0.05)
        while process.poll() is None and stored_count(db) < 25:
            conn = sqlite3.connect(db, timeout=0.5, isolation_level=None)
            try:
                conn.execute("BEGIN IMMEDIATE")  # what a second ingest does to write
                conn.execute("COMMIT")
            except sqlite3.OperationalError:
                refused += 1
            finally:
                conn.close()
            attempts += 1
            time.sleep(0.1)
        _out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert attempts >= 5, "the ingest ended before the check could run"
    assert refused == 0, f"{refused} of {attempts} writers could not get the lock in 0.5 s"


def test_three_ingests_into_one_corpus_all_finish_and_store_each_article_once(
    tmp_path: Path,
) -> None:
    count = 12
    news = write_news(tmp_path / "news", count)
    db = tmp_path / "corpus.db"
    processes = [ingest_process(news, db) for _ in range(3)]
    results = [process.communicate(timeout=300) for process in processes]
    for process, (_out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err
    summaries = [
        re.search(r"stored (\d+), duplicates (\d+), skipped (\d+)", out) for out, _ in results
    ]
    counts = [tuple(int(n) for n in found.groups()) for found in summaries if found]
    assert len(counts) == 3, results
    assert sum(stored for stored, _, _ in counts) == count  # each article stored by one of them
    # the input has no repeats: what another ingest stored is skipped, not a duplicate
    assert all(duplicates == 0 for _, duplicates, _ in counts), counts
    assert all(stored + skipped == count for stored, _, skipped in counts), counts
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (count,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_lock_held_past_the_timeout_is_a_coded_error_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    Store.open(db).close()  # create and migrate
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that never lets go
    store = Store(sqlite3.connect(db, timeout=0.1, isolation_level=None), str(db), StoreOptions())
    try:
        with pytest.raises(CorpusUnavailable) as raised:
            store.add_failure(Failure("a.txt", "E101", "a.txt: empty"))
        assert raised.value.code == "E305" and "locked" in str(raised.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()
