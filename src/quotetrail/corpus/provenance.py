"""Provenance over a stored corpus: run :func:`quotetrail.provenance.analyse` on every article
and quote in the database and keep the results in its provenance tables.

The results depend on the whole corpus (a new article can be the copy of an old one), so a run
replaces them in one transaction. Texts are read on demand, so memory holds signatures, not the
corpus.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from quotetrail.corpus.db import connect_writer
from quotetrail.corpus.rows import now_utc
from quotetrail.provenance import (
    PairResult,
    ProvArticle,
    ProvenanceOptions,
    ProvenanceResult,
    ProvQuote,
    analyse,
)

__all__ = ["ProvenanceRun", "pair_rows", "refresh", "stale"]


class StoredArticles(Sequence[ProvArticle]):
    """Articles of a corpus as a sequence whose texts are fetched when an item is read."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rows = conn.execute(
            """SELECT a.id, a.published, o.name, a.url FROM articles a
               LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.id"""
        ).fetchall()

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> ProvArticle: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ProvArticle]: ...
    def __getitem__(self, index: int | slice) -> ProvArticle | Sequence[ProvArticle]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        article_id, published, outlet, url = self.rows[index]
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,))
        (text,) = row.fetchone()
        return ProvArticle(article_id, text, published, outlet, url)

    def __iter__(self) -> Iterator[ProvArticle]:
        return (self[i] for i in range(len(self)))


def stored_quotes(conn: sqlite3.Connection) -> list[ProvQuote]:
    rows = conn.execute(
        "SELECT article_id, id, content_text, speaker_name, content_start, content_end FROM quotes"
    )
    return [ProvQuote(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class ProvenanceRun:
    articles: int
    pairs: int
    clusters: int
    seconds: float


def stale(conn: sqlite3.Connection) -> bool:
    """True when no run has been stored, or articles were added since the last one."""
    sql = "SELECT articles FROM provenance_runs ORDER BY rowid DESC LIMIT 1"
    last = conn.execute(sql).fetchone()
    (count,) = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
    return last is None or last[0] != count


def refresh(db_path: str | Path, options: ProvenanceOptions | None = None) -> ProvenanceRun:
    """Recompute provenance for the whole corpus and replace the stored results."""
    started = time.perf_counter()
    conn = connect_writer(db_path)
    try:
        articles = StoredArticles(conn)
        result = analyse(articles, stored_quotes(conn), options=options)
        seconds = time.perf_counter() - started
        _replace(conn, result, len(articles), seconds)
        return ProvenanceRun(len(articles), len(result.pairs), len(result.quote_clusters), seconds)
    finally:
        conn.close()


def _replace(conn: sqlite3.Connection, result: ProvenanceResult, n: int, seconds: float) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM provenance_pairs")
        conn.execute("DELETE FROM quote_clusters")
        conn.executemany(
            "INSERT OR REPLACE INTO provenance_pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_pair_row(p) for p in result.pairs),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO quote_clusters VALUES (?, ?, ?)",
            (
                (cluster.id, quote_id, article_id)
                for cluster in result.quote_clusters
                for article_id, quote_id in cluster.members
            ),
        )
        conn.execute(
            "INSERT INTO provenance_runs VALUES (?, ?, ?, ?, ?)",
            (now_utc(), n, len(result.pairs), len(result.quote_clusters), round(seconds, 3)),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _pair_row(pair: PairResult) -> tuple[Any, ...]:
    passages = [[*p.source, *p.copy, p.verbatim, p.quoted] for p in pair.passages]
    return (
        pair.source_id,
        pair.copy_id,
        pair.label,
        pair.containment[0],
        pair.containment[1],
        pair.direction,
        pair.verbatim_share,
        pair.reason,
        json.dumps(passages),
    )


def pair_rows(conn: sqlite3.Connection, article_id: str | None = None) -> list[dict[str, Any]]:
    """Stored pairs (all, or those of one article) in the JSONL shape of ``provenance``."""
    sql = "SELECT * FROM provenance_pairs"
    args: tuple[str, ...] = ()
    if article_id is not None:
        sql += " WHERE source_id = ? OR copy_id = ?"
        args = (article_id, article_id)
    out = []
    for row in conn.execute(sql + " ORDER BY source_id, copy_id", args):
        (source_id, copy_id, label, a_in_b, b_in_a, direction, _, _, passages) = tuple(row)
        out.append(
            {
                "source_id": source_id,
                "copy_id": copy_id,
                "label": label,
                "containment": [a_in_b, b_in_a],
                "passages": [
                    {"source": [p[0], p[1]], "copy": [p[2], p[3]]} for p in json.loads(passages)
                ],
                "direction": direction,
            }
        )
    return out
