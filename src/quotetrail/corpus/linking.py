"""Linking over a stored corpus: run :func:`quotetrail.linking.link` on every speaker record and
quote and keep the results (merges, utterance clusters, take-backs) in its linking tables.

Results depend on the whole corpus, so a run replaces them in one transaction. Splits are the
user's: :func:`split_speakers` records one (and undoes the merge at once); every later run
respects it, because :func:`refresh` passes all recorded splits to the linker.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from quotetrail.corpus.db import connect_writer
from quotetrail.corpus.rows import now_utc
from quotetrail.linking import LinkingOptions, LinkingResult, LinkQuote, LinkSpeaker, link

__all__ = ["LinkingRun", "read_inputs", "refresh", "split_speakers", "stale"]

SPEAKERS_SQL = """SELECT s.id, s.name, s.kind,
    (SELECT json_group_array(role) FROM speaker_roles r WHERE r.speaker_id = s.id),
    s.first_seen, s.last_seen, s.n_quotes FROM speakers s ORDER BY s.id"""
QUOTES_SQL = """SELECT q.id, q.article_id, q.speaker_id, q.content_text, a.published, o.name,
    q.speaker_kind, q.speaker_role, q.cue_lemma, q.content_start, q.speaker_name
    FROM quotes q JOIN articles a ON a.id = q.article_id
    LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY q.seq"""


@dataclass(frozen=True, slots=True)
class LinkingRun:
    articles: int
    quotes: int
    merges: int
    clusters: int
    takes_back: int
    seconds: float


def read_inputs(conn: sqlite3.Connection) -> tuple[list[LinkSpeaker], list[LinkQuote], list]:
    """The speaker records, quotes and recorded splits of a corpus, as the linker reads them."""
    speakers = [
        LinkSpeaker(sid, name, kind, tuple(json.loads(roles)), first, last, n)
        for sid, name, kind, roles, first, last, n in conn.execute(SPEAKERS_SQL)
    ]
    quotes = [LinkQuote(*row) for row in conn.execute(QUOTES_SQL)]
    splits = [tuple(row) for row in conn.execute("SELECT a_id, b_id FROM speaker_splits")]
    return speakers, quotes, splits


def stale(conn: sqlite3.Connection) -> bool:
    """True when no run has been stored, or quotes were added since the last one."""
    last = conn.execute("SELECT quotes FROM linking_runs ORDER BY rowid DESC LIMIT 1").fetchone()
    (count,) = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()
    return last is None or last[0] != count


def refresh(db_path: str | Path, options: LinkingOptions | None = None) -> LinkingRun:
    """Recompute the links of the whole corpus and replace the stored ones."""
    started = time.perf_counter()
    conn = connect_writer(db_path)
    try:
        speakers, quotes, splits = read_inputs(conn)
        result = link(speakers, quotes, options=options, splits=splits)
        seconds = time.perf_counter() - started
        (articles,) = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
        _replace(conn, result, articles, len(quotes), seconds)
        return LinkingRun(
            articles,
            len(quotes),
            len(result.merges),
            len(result.clusters),
            len(result.takes_back),
            round(seconds, 3),
        )
    finally:
        conn.close()


def _replace(
    conn: sqlite3.Connection, result: LinkingResult, articles: int, quotes: int, seconds: float
) -> None:
    article_of = {r.quote_id: r.article_id for c in result.clusters for r in c.renderings}
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ("speaker_merges", "utterance_clusters", "utterances", "takes_back"):
            conn.execute(f"DELETE FROM {table}")
        conn.executemany(
            "INSERT INTO speaker_merges VALUES (?, ?, ?, ?)",
            ((m.speaker_id, m.into_id, m.score, json.dumps(m.evidence)) for m in result.merges),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO utterance_clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    c.id,
                    c.speaker or None,
                    c.renderings[0].quote_id,
                    c.renderings[0].article_id,
                    c.renderings[0].published,
                    int(c.first is not None),
                    len(c.renderings),
                    len(c.articles),
                    json.dumps(list(c.outlets)),
                )
                for c in result.clusters
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO utterances VALUES (?, ?, ?, ?, ?)",
            (
                (r.quote_id, c.id, r.article_id, n, r.score)
                for c in result.clusters
                for n, r in enumerate(c.renderings)
            ),
        )
        articles_of = dict(
            conn.execute(
                "SELECT id, article_id FROM quotes WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([t.quote_id for t in result.takes_back]),),
            ).fetchall()
        )
        conn.executemany(
            "INSERT INTO takes_back VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    t.quote_id,
                    t.cluster,
                    articles_of.get(t.quote_id, article_of.get(t.quote_id, "")),
                    t.sense,
                    t.score,
                    json.dumps(t.evidence),
                )
                for t in result.takes_back
            ),
        )
        conn.execute(
            "INSERT INTO linking_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                now_utc(),
                articles,
                quotes,
                len(result.merges),
                len(result.clusters),
                len(result.takes_back),
                round(seconds, 3),
            ),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def split_speakers(db_path: str | Path, a_id: str, b_id: str) -> bool:
    """Record that two speaker records are two people and undo any merge joining them.

    Returns False when either id is not a speaker record. The split is kept across runs; the
    merges of the rest of the group are recomputed by the next ``refresh``.
    """
    conn = connect_writer(db_path)
    try:
        ids = {a_id, b_id}
        found = conn.execute(
            "SELECT COUNT(*) FROM speakers WHERE id IN (?, ?)", (a_id, b_id)
        ).fetchone()[0]
        if a_id == b_id or found != 2:
            return False
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "INSERT OR IGNORE INTO speaker_splits VALUES (?, ?, ?)",
                (*sorted(ids), now_utc()),
            )
            # the merged record of the pair leaves its group now, before any re-run
            conn.execute(
                """DELETE FROM speaker_merges WHERE (speaker_id = ? AND into_id = ?)
                   OR (speaker_id = ? AND into_id = ?)
                   OR (speaker_id IN (?, ?) AND into_id IN
                       (SELECT into_id FROM speaker_merges WHERE speaker_id IN (?, ?)))""",
                (a_id, b_id, b_id, a_id, a_id, b_id, a_id, b_id),
            )
            conn.execute("DELETE FROM linking_runs")  # stale: the next read recomputes
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return True
    finally:
        conn.close()
