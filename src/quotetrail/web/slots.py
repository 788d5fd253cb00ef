"""The provenance panels: "Copies and rewrites" on an article, "Spread" on each quote.

They read what ``quotetrail provenance`` stored (tables ``provenance_pairs`` and
``quote_clusters``); a corpus where it has not run shows no panel. Each answer is plain data
for ``templates/slots/*.html``, which escape it like every template.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["copies_panel", "link_panels", "spread_panels"]

ARTICLE_SQL = """SELECT a.id, a.title, a.source, a.published, a.text, o.name AS outlet
    FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?"""
#: Passages shown per pair; the rest are counted.
MAX_PASSAGES = 8


def copies_panel(conn: sqlite3.Connection, article: Mapping[str, Any]) -> list[dict] | None:
    """Other articles this one copies or is copied by, with the aligned passages side by side."""
    this_id = article["id"]
    rows = conn.execute(
        "SELECT * FROM provenance_pairs WHERE source_id = ? OR copy_id = ?", (this_id, this_id)
    ).fetchall()
    if not rows:
        return None
    this_text = article.get("text") or _article(conn, this_id)["text"]
    panel = []
    for row in rows:
        this_is_source = row["source_id"] == this_id
        other = _article(conn, row["copy_id"] if this_is_source else row["source_id"])
        if other is None:
            continue
        passages = json.loads(row["passages"])
        sides = []
        for s0, s1, c0, c1, verbatim, _quoted in passages[:MAX_PASSAGES]:
            mine, theirs = ((s0, s1), (c0, c1)) if this_is_source else ((c0, c1), (s0, s1))
            sides.append(
                {
                    "this": this_text[slice(*mine)],
                    "other": other["text"][slice(*theirs)],
                    "verbatim": bool(verbatim),
                }
            )
        a_in_b, b_in_a = row["source_in_copy"], row["copy_in_source"]
        panel.append(
            {
                "other": {k: other[k] for k in ("id", "title", "source", "published", "outlet")},
                "label": row["label"].replace("_", " "),
                "role": _role(row["direction"], this_is_source),
                "shared": round(100 * (a_in_b if this_is_source else b_in_a)),
                "passages": sides,
                "more": max(len(passages) - MAX_PASSAGES, 0),
            }
        )
    return panel


def _role(direction: str, this_is_source: bool) -> str:
    if direction != "dated":
        return "order undetermined (dates missing or tied)"
    return "this article is earlier (likely source)" if this_is_source else "the other is earlier"


def _article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(ARTICLE_SQL, (article_id,)).fetchone()
    return dict(row) if row is not None else None


def spread_panels(conn: sqlite3.Connection, quote_ids: Iterable[str]) -> dict[str, Any]:
    """For each quote seen in more than one article: every appearance, earliest first."""
    ids = list(quote_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    clusters = dict(
        conn.execute(
            f"SELECT quote_id, cluster FROM quote_clusters WHERE quote_id IN ({marks})", ids
        ).fetchall()
    )
    panels: dict[str, Any] = {}
    for quote_id, cluster in clusters.items():
        rows = conn.execute(
            """SELECT DISTINCT a.id, a.title, a.source, a.published, o.name AS outlet
               FROM quote_clusters c JOIN articles a ON a.id = c.article_id
               LEFT JOIN outlets o ON o.id = a.outlet_id
               WHERE c.cluster = ? ORDER BY a.published IS NULL, a.published, a.id""",
            (cluster,),
        ).fetchall()
        if len(rows) > 1:
            appearances = [dict(r) for r in rows]
            dated = [a for a in appearances if a["published"]]
            first = (
                dated[0]
                if dated and (len(dated) == 1 or dated[0]["published"] < dated[1]["published"])
                else None
            )
            panels[quote_id] = {"appearances": appearances, "first": first}
    return panels


def _first(dated: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first appearance only when its date is strictly the earliest: never a guess."""
    if not dated or (len(dated) > 1 and dated[0]["published"] >= dated[1]["published"]):
        return None
    return dated[0]


def link_panels(conn: sqlite3.Connection, quotes: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """For each quote that ``quotetrail link`` tied to others: its utterance cluster (a link to
    the cluster page), the cluster it takes back, and the statements that take it back."""
    rows = [q for q in quotes if q.get("cluster") or q.get("takes_back")]
    clusters = sorted({q["cluster"] for q in rows if q.get("cluster")})
    taken: dict[str, list[dict[str, Any]]] = {}
    if clusters:
        marks = ",".join("?" * len(clusters))
        for r in conn.execute(
            f"""SELECT t.cluster, t.quote_id, t.sense, q.article_id, a.title, a.published,
                o.name AS outlet FROM takes_back t JOIN quotes q ON q.id = t.quote_id
                JOIN articles a ON a.id = q.article_id LEFT JOIN outlets o ON o.id = a.outlet_id
                WHERE t.cluster IN ({marks}) ORDER BY a.published, t.quote_id""",
            clusters,
        ):
            taken.setdefault(r["cluster"], []).append(dict(r))
    sizes = {}
    if clusters:
        marks = ",".join("?" * len(clusters))
        sizes = dict(
            conn.execute(
                f"SELECT id, n_articles FROM utterance_clusters WHERE id IN ({marks})", clusters
            ).fetchall()
        )
    return {
        q["id"]: {
            "cluster": q.get("cluster"),
            "n_articles": sizes.get(q.get("cluster"), 0),
            "takes_back": q.get("takes_back"),
            "taken_back_by": taken.get(q.get("cluster") or "", []),
        }
        for q in rows
    }
