"""Read queries over the linking tables, shared by the command line, the API and the pages.

Each takes a read-only connection (rows are ``sqlite3.Row``) and returns plain dicts. A corpus
where ``quotetrail link`` has not run has empty linking tables: every answer is then empty.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from quotetrail.linking.similarity import word_diff

__all__ = ["cluster_detail", "cluster_of_quotes", "story_detail", "takebacks_of", "top_clusters"]

CLUSTERS_SQL = """SELECT c.id, c.n_articles, c.n_renderings, c.first_published, c.decided,
    c.outlets, c.speaker_id, coalesce(s.name, q.speaker_name) AS speaker,
    q.content_text AS content
    FROM utterance_clusters c JOIN quotes q ON q.id = c.first_quote_id
    LEFT JOIN speakers s ON s.id = c.speaker_id
    ORDER BY c.n_articles DESC, c.first_published, c.id LIMIT ?"""

RENDERINGS_SQL = """SELECT u.quote_id, u.position, u.score, q.article_id, q.content_text, q.kind,
    q.speaker_name, q.cue_text, a.title, a.source, a.published, o.name AS outlet
    FROM utterances u JOIN quotes q ON q.id = u.quote_id
    JOIN articles a ON a.id = q.article_id LEFT JOIN outlets o ON o.id = a.outlet_id
    WHERE u.cluster = ? ORDER BY u.position"""

TAKEBACKS_SQL = """SELECT t.quote_id, t.cluster, t.sense, t.score, t.evidence, q.article_id,
    q.content_text, q.speaker_name, a.title, a.published, o.name AS outlet
    FROM takes_back t JOIN quotes q ON q.id = t.quote_id
    JOIN articles a ON a.id = q.article_id LEFT JOIN outlets o ON o.id = a.outlet_id
    WHERE {where} ORDER BY a.published, q.id"""


def top_clusters(conn: sqlite3.Connection, limit: int | None = 20) -> list[dict[str, Any]]:
    """Utterance clusters seen in the most articles first."""
    rows = conn.execute(CLUSTERS_SQL, (-1 if limit is None else limit,))
    return [
        {**dict(r), "outlets": json.loads(r["outlets"]), "decided": bool(r["decided"])}
        for r in rows
    ]


def takebacks_of(
    conn: sqlite3.Connection, *, cluster: str | None = None, quote_ids: list[str] | None = None
) -> list[dict[str, Any]]:
    """Take-backs of one cluster, or the take-back links of some quotes."""
    if cluster is not None:
        where, args = "t.cluster = ?", [cluster]
    else:
        ids = quote_ids or []
        where, args = f"t.quote_id IN ({','.join('?' * len(ids)) or 'NULL'})", ids
    rows = conn.execute(TAKEBACKS_SQL.format(where=where), args)
    return [{**dict(r), "evidence": json.loads(r["evidence"])} for r in rows]


def cluster_of_quotes(conn: sqlite3.Connection, quote_ids: list[str]) -> dict[str, str]:
    """Each given quote's utterance cluster, for quotes that have one."""
    if not quote_ids:
        return {}
    marks = ",".join("?" * len(quote_ids))
    sql = f"SELECT quote_id, cluster FROM utterances WHERE quote_id IN ({marks})"
    return dict(conn.execute(sql, quote_ids).fetchall())


def cluster_detail(conn: sqlite3.Connection, cluster_id: str) -> dict[str, Any] | None:
    """One utterance cluster: its first appearance, outlets in order, each rendering with its
    word-level changes against the first, and the statements that take it back."""
    row = conn.execute("SELECT * FROM utterance_clusters WHERE id = ?", (cluster_id,)).fetchone()
    if row is None:
        return None
    renderings = [dict(r) for r in conn.execute(RENDERINGS_SQL, (cluster_id,))]
    base = renderings[0]["content_text"] if renderings else ""
    for n, r in enumerate(renderings):
        r["diff"] = [{"op": op, "text": text} for op, text in word_diff(base, r["content_text"])]
        r["first"] = n == 0
    speaker = None
    if row["speaker_id"]:
        found = conn.execute("SELECT id, name FROM speakers WHERE id = ?", (row["speaker_id"],))
        speaker = dict(found.fetchone() or {}) or None
    return {
        "id": row["id"],
        "speaker": speaker,
        "speaker_name": speaker["name"] if speaker else renderings[0]["speaker_name"],
        "first": renderings[0] if row["decided"] and renderings else None,
        "direction": "dated" if row["decided"] else "undetermined",
        "outlets": json.loads(row["outlets"]),
        "n_articles": row["n_articles"],
        "renderings": renderings,
        "taken_back_by": takebacks_of(conn, cluster=cluster_id),
    }


def story_detail(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The story an article belongs to: the articles reached from it through copy and rewrite
    pairs, shared utterance clusters and take-backs (breadth-first, bounded), with a timeline
    of first appearances, who relayed which utterance, and what was taken back."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        return None
    articles, clusters = _reach(conn, article_id)
    marks = ",".join("?" * len(articles))
    meta = {
        r["id"]: dict(r)
        for r in conn.execute(
            f"""SELECT a.id, a.title, a.source, a.published, o.name AS outlet FROM articles a
                LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN ({marks})""",
            list(articles),
        )
    }
    pairs = [
        dict(r)
        for r in conn.execute(
            f"""SELECT source_id, copy_id, label, direction FROM provenance_pairs
                WHERE source_id IN ({marks}) AND copy_id IN ({marks})""",
            list(articles) * 2,
        )
    ]
    utterances = [cluster_detail(conn, c) for c in sorted(clusters)]
    utterances = [u for u in utterances if u is not None]
    utterances.sort(key=lambda u: (u["renderings"][0]["published"] or "~", u["id"]))
    timeline = sorted(meta.values(), key=lambda a: (a["published"] or "~", a["id"]))
    retracted = [t for u in utterances for t in u["taken_back_by"]]
    return {
        "article_id": article_id,
        "articles": timeline,
        "pairs": pairs,
        "utterances": utterances,
        "retractions": retracted,
    }


#: A story view reads at most this many articles (a wire story copied everywhere stays bounded).
MAX_STORY_ARTICLES = 200


def _reach(conn: sqlite3.Connection, start: str) -> tuple[set[str], set[str]]:
    articles, clusters = {start}, set()
    frontier = [start]
    while frontier and len(articles) < MAX_STORY_ARTICLES:
        article = frontier.pop(0)
        linked = {
            r[0]
            for r in conn.execute(
                """SELECT copy_id FROM provenance_pairs WHERE source_id = ? AND label != 'unrelated'
                   UNION SELECT source_id FROM provenance_pairs WHERE copy_id = ?""",
                (article, article),
            )
        }
        mine = {
            r[0]
            for r in conn.execute(
                """SELECT cluster FROM utterances WHERE article_id = ?
                   UNION SELECT cluster FROM takes_back WHERE article_id = ?""",
                (article, article),
            )
        }
        for cluster in mine - clusters:
            clusters.add(cluster)
            linked.update(
                r[0]
                for r in conn.execute(
                    """SELECT article_id FROM utterances WHERE cluster = ?
                       UNION SELECT article_id FROM takes_back WHERE cluster = ?""",
                    (cluster, cluster),
                )
            )
        for other in sorted(linked - articles):
            if len(articles) >= MAX_STORY_ARTICLES:
                break
            articles.add(other)
            frontier.append(other)
    return articles, clusters
