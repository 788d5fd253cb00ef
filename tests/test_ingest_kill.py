"""``kill -9`` in the middle of ``quotetrail ingest``: a consistent database, then a clean finish.

A real subprocess writes a real SQLite file; the test waits until some batches are committed,
SIGKILLs the ingester (with two workers, it checks that they exit on their own), checks the
file, and runs the same command again.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotetrail.extraction import extract_texts
from quotetrail.ingest import ingest

ARTICLES = 40
NAMES = ["Anna Berg", "Omar Haddad", "Lucia Moreno", "Grace Achebe", "Tomas Novak", "Mei Tanaka"]
PLACES = ["the library", "the harbour", "the ring road", "the school", "the hospital"]


def long_story(n: int) -> str:
    """About twenty-five sentences with several quotes, so one article takes a visible moment."""
    name = NAMES[n % len(NAMES)]
    surname = name.split()[-1]
    lines = [f"Council backs plan number {n} for {PLACES[n % len(PLACES)]}"]
    for k in range(8):
        place = PLACES[(n + k) % len(PLACES)]
        lines += [
            f"The council voted {k + 4}-{k % 3} on item {n}.{k} about {place} late on Monday.",
            f'"We will finish {place} within {k + 2} months," {name} told reporters.',
            f"{surname} said that the budget for stage {k} had grown by {n + k} percent.",
        ]
    return "\n".join(lines) + "\n"


def ingest_command(sources: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "quotetrail.cli", "ingest", str(sources), "--db", str(db)]


def committed_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or the schema is being written
        return 0


def children(pid: int) -> list[int]:
    """Child process ids (Linux /proc; empty elsewhere, where the check is skipped)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited; nobody reaped it yet


def wait_until_gone(pids: list[int], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def snapshot(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    queries = {
        "articles": "SELECT id, source, text, content_hash FROM articles",
        "quotes": "SELECT * FROM quotes",
        "speakers": "SELECT * FROM speakers",
        "speaker_aliases": "SELECT * FROM speaker_aliases",
        "speaker_roles": "SELECT * FROM speaker_roles",
    }
    out = {name: sorted(tuple(row) for row in conn.execute(sql)) for name, sql in queries.items()}
    out["quotes"] = [row[1:] for row in out["quotes"]]  # seq is an internal rowid
    return out


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_mid_ingest_leaves_a_consistent_db_and_a_rerun_finishes(
    tmp_path: Path, workers: int
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for n in range(ARTICLES):
        (news / f"{n:03d}.txt").write_text(long_story(n), encoding="utf-8")
    db = tmp_path / "killed.db"
    command = [*ingest_command(news, db), "--commit-every", "3", "--workers", str(workers)]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 120
    try:
        while committed_articles(db) < 6:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "no batch was committed in time"
            time.sleep(0.02)
        workers_before = children(process.pid)
        os.kill(process.pid, signal.SIGKILL)  # the ingester alone: its workers must notice
        process.wait()
        assert workers == 1 or len(workers_before) >= workers  # + the resource tracker
        assert wait_until_gone(workers_before), "worker processes outlived the ingester"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    if process.stderr:
        process.stderr.close()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = conn.execute("SELECT id, text FROM articles").fetchall()
    assert 6 <= len(stored) < ARTICLES, "the kill must land mid-run"
    fresh = list(extract_texts(text for _, text in stored))
    for (article_id, _), quotes in zip(stored, fresh, strict=True):
        n = conn.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (article_id,))
        assert n.fetchone()[0] == len(quotes) > 0, "an article without all its quotes"
    # speaker totals agree with the quotes that are there: no half-written article
    assert (
        conn.execute(
            "SELECT count(*) FROM speakers s WHERE n_quotes != "
            "(SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id)"
        ).fetchone()[0]
        == 0
    )
    conn.close()

    rerun = subprocess.run(ingest_command(news, db), capture_output=True, text=True, check=True)
    assert f"skipped {len(stored)}," in rerun.stdout
    assert f"stored {ARTICLES - len(stored)}," in rerun.stdout

    clean = tmp_path / "clean.db"
    ingest([str(news)], clean)
    assert snapshot(db) == snapshot(clean)
    assert len(snapshot(db)["articles"]) == ARTICLES
