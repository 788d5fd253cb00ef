"""Read queries shared by the command line and (later) the web app, over read-only connections.

Each function takes a connection from :func:`quotetrail.corpus.db.connect_readonly` (rows are
``sqlite3.Row``) and returns plain dicts, so callers can print, serialise or template them.
User text never becomes SQL: values are bound parameters, and search text is turned into
quoted FTS5 terms by :func:`fts_query`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from quotetrail.corpus.identity import normalise_name

__all__ = [
    "OUTLET_MATCH",
    "SPEAKER_MATCH",
    "QuoteFilter",
    "filter_clauses",
    "find_quotes",
    "fts_query",
    "iter_rows",
    "merged_speakers",
    "table_counts",
    "top_speakers",
]

_WORD = re.compile(r"\w+")
_LISTS = ("aliases", "roles", "authors")

#: Each speaker record with the record it was merged into (``quotetrail link``), or itself.
FAMILY_CTE = """WITH fam(member, head) AS (
    SELECT id, id FROM speakers WHERE id NOT IN (SELECT speaker_id FROM speaker_merges)
    UNION ALL SELECT speaker_id, into_id FROM speaker_merges)"""

# Merged records are listed once, under the record they were merged into: their quotes,
# articles and dates count there, and their names become its aliases.
SPEAKERS_SQL = (
    FAMILY_CTE
    + """
SELECT s.id, s.name, s.kind,
    (SELECT sum(x.n_quotes) FROM fam f JOIN speakers x ON x.id = f.member
        WHERE f.head = s.id) AS n_quotes,
    (SELECT count(DISTINCT q.article_id) FROM fam f JOIN quotes q ON q.speaker_id = f.member
        WHERE f.head = s.id) AS n_articles,
    (SELECT min(x.first_seen) FROM fam f JOIN speakers x ON x.id = f.member
        WHERE f.head = s.id) AS first_seen,
    (SELECT max(x.last_seen) FROM fam f JOIN speakers x ON x.id = f.member
        WHERE f.head = s.id) AS last_seen,
    (SELECT json_group_array(alias) FROM (
        SELECT a.alias FROM fam f JOIN speaker_aliases a ON a.speaker_id = f.member
            WHERE f.head = s.id
        UNION SELECT x.name FROM fam f JOIN speakers x ON x.id = f.member
            WHERE f.head = s.id AND x.id <> s.id
        ORDER BY 1)) AS aliases,
    (SELECT json_group_array(role) FROM (
        SELECT DISTINCT r.role FROM fam f JOIN speaker_roles r ON r.speaker_id = f.member
            WHERE f.head = s.id ORDER BY 1)) AS roles
FROM speakers s
WHERE s.id NOT IN (SELECT speaker_id FROM speaker_merges)
    -- a record that only relayed others' words (an outlet: "told Reuters") is no speaker
    AND EXISTS (SELECT 1 FROM fam f JOIN speakers x ON x.id = f.member
        WHERE f.head = s.id AND x.n_quotes > 0)
ORDER BY n_quotes DESC, s.name, s.kind
LIMIT ?
"""
)

MERGED_SQL = """SELECT m.speaker_id, x.name AS name, m.into_id, s.name AS into_name, m.score,
    m.evidence FROM speaker_merges m JOIN speakers x ON x.id = m.speaker_id
    JOIN speakers s ON s.id = m.into_id ORDER BY s.name, x.name"""

QUOTES_SQL = """
SELECT q.id, q.article_id, a.seen_date AS date, a.published, o.name AS outlet, a.title, a.url,
    a.source, q.kind, coalesce(m.into_id, q.speaker_id) AS speaker_id,
    coalesce(s.name, q.speaker_name) AS speaker,
    q.speaker_text, q.speaker_name, q.speaker_kind, q.speaker_role, q.via, q.via_kind,
    coalesce((SELECT into_id FROM speaker_merges WHERE speaker_id = q.via_id), q.via_id)
        AS via_id,
    q.cue_text, q.cue_lemma, q.confidence, q.attribution, q.content_start, q.content_end,
    q.content_text,
    (SELECT u.cluster FROM utterances u WHERE u.quote_id = q.id) AS cluster,
    (SELECT t.cluster FROM takes_back t WHERE t.quote_id = q.id) AS takes_back
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN speaker_merges m ON m.speaker_id = q.speaker_id
LEFT JOIN speakers s ON s.id = coalesce(m.into_id, q.speaker_id)
WHERE {where}
ORDER BY a.seen_date DESC, a.id, q.content_start
LIMIT :limit
"""

# A name matches a speaker record by its normalised name or any alias, or an unlinked quote
# by the name the article gave it ("Clinton" finds every Clinton, each under their own name).
SPEAKER_MATCH = """(
    q.speaker_id IN (
        WITH hit(id) AS (
            SELECT id FROM speakers WHERE key = :speaker_key
            UNION SELECT speaker_id FROM speaker_aliases WHERE alias = :speaker COLLATE NOCASE),
        head(id) AS (SELECT coalesce(m.into_id, hit.id) FROM hit
            LEFT JOIN speaker_merges m ON m.speaker_id = hit.id)
        SELECT id FROM head
        UNION SELECT speaker_id FROM speaker_merges WHERE into_id IN (SELECT id FROM head))
    OR (q.speaker_id IS NULL AND q.speaker_name = :speaker COLLATE NOCASE)
)"""
#: The renderings of one utterance cluster, and the take-backs that refer to it.
CLUSTER_MATCH = """(q.id IN (SELECT quote_id FROM utterances WHERE cluster = :cluster)
    OR q.id IN (SELECT quote_id FROM takes_back WHERE cluster = :cluster))"""


# By outlet id, so the articles_outlet index can serve it and a count needs no outlets join.
OUTLET_MATCH = """a.outlet_id IN (SELECT id FROM outlets
    WHERE name = :outlet COLLATE NOCASE OR domain = :outlet COLLATE NOCASE)"""


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes to list; every field is optional and they combine with AND."""

    speaker: str | None = None
    search: str | None = None  # words that must all occur in the content (stemmed)
    since: date | None = None  # article date (published, else ingested) on or after
    until: date | None = None  # ... on or before
    outlet: str | None = None  # outlet name or domain, any case
    kind: str | None = None  # direct | indirect | mixed
    min_confidence: float | None = None  # unscored quotes (given to the speaker in focus) drop
    cluster: str | None = None  # an utterance cluster id: its renderings and take-backs
    limit: int | None = 50  # None: no limit


def fts_query(text: str) -> str:
    """User text as an FTS5 query that cannot be a syntax error: each word a quoted term (all
    required), or one quoted phrase when the whole text is in double quotes."""
    words = _WORD.findall(text)
    if not words:
        raise ValueError(f"nothing to search for in {text!r}: give at least one word")
    stripped = text.strip()
    if len(stripped) > 1 and stripped[0] == stripped[-1] == '"':
        return '"' + " ".join(words) + '"'
    return " ".join(f'"{word}"' for word in words)


def top_speakers(conn: sqlite3.Connection, limit: int | None = 20) -> list[dict[str, Any]]:
    """Speakers with the most quotes first; aliases and roles as lists."""
    rows = conn.execute(SPEAKERS_SQL, (-1 if limit is None else limit,))
    return [_decode_lists(dict(row)) for row in rows]


def find_quotes(conn: sqlite3.Connection, where: QuoteFilter) -> list[dict[str, Any]]:
    """Quotes with their article's date, outlet and speaker, newest articles first."""
    clauses, params = _clauses(where)
    params["limit"] = -1 if where.limit is None else where.limit
    sql = QUOTES_SQL.format(where=" AND ".join(clauses) or "1")
    return [dict(row) for row in conn.execute(sql, params)]


def _clauses(where: QuoteFilter) -> tuple[list[str], dict[str, Any]]:
    clauses, params = filter_clauses(
        speaker=where.speaker,
        outlet=where.outlet,
        kind=where.kind,
        min_confidence=where.min_confidence,
        since=where.since,
        until=where.until,
        cluster=where.cluster,
    )
    if where.search:
        clauses.append("q.seq IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :search)")
        params["search"] = fts_query(where.search)
    return clauses, params


def filter_clauses(
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    min_confidence: float | None = None,
    since: date | None = None,
    until: date | None = None,
    cluster: str | None = None,
) -> tuple[list[str], dict[str, Any]]:
    """WHERE clauses and bound values of the filters the CLI and the web share, over quotes
    ``q`` joined to their articles ``a``; one definition, so a filter means the same in both."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if speaker:
        clauses.append(SPEAKER_MATCH)
        params.update(speaker=speaker.strip(), speaker_key=normalise_name(speaker))
    if kind:
        clauses.append("q.kind = :kind")
        params["kind"] = kind
    if min_confidence is not None:
        clauses.append("q.confidence >= :min_confidence")
        params["min_confidence"] = min_confidence
    if outlet:
        clauses.append(OUTLET_MATCH)
        params["outlet"] = outlet.strip()
    if since:
        clauses.append("a.seen_date >= :since")
        params["since"] = since.isoformat()
    if until:
        clauses.append("a.seen_date <= :until")
        params["until"] = until.isoformat()
    if cluster:
        clauses.append(CLUSTER_MATCH)
        params["cluster"] = cluster.strip()
    return clauses, params


def merged_speakers(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every merge of ``quotetrail link``: the record, the record it joined, and why."""
    return [
        {**dict(row), "evidence": json.loads(row["evidence"])} for row in conn.execute(MERGED_SQL)
    ]


#: What each count counts; speakers are records with statements of their own, not the
#: outlets that only relayed others' (their records exist for ``via_id``).
COUNTED = {
    "articles": "articles",
    "quotes": "quotes",
    "speakers": "speakers WHERE n_quotes > 0",
    "outlets": "outlets",
    "ingest_errors": "ingest_errors",
}


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        name: conn.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
        for name, source in COUNTED.items()
    }


def _decode_lists(row: dict[str, Any]) -> dict[str, Any]:
    for name in _LISTS:
        if name in row:
            row[name] = json.loads(row[name])
    return row


def iter_rows(conn: sqlite3.Connection, sql: str) -> Iterator[dict[str, Any]]:
    """Stream a query's rows as dicts with JSON list columns decoded (for export)."""
    for row in conn.execute(sql):
        yield _decode_lists(dict(row))
