"""The index pages' queries: every speaker, every outlet and every ingest error, filtered,
sorted and paged, so a researcher can browse the corpus rather than only search it.

Sort orders are a fixed table of SQL fragments chosen by name: a request never puts its own
text into the ORDER BY.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

__all__ = [
    "OUTLET_SORTS",
    "SPEAKER_KINDS",
    "SPEAKER_SORTS",
    "STATEMENT_KINDS",
    "Listing",
    "error_codes",
    "list_errors",
    "list_outlets",
    "list_speakers",
    "name_pattern",
]

SPEAKER_KINDS = ("person", "organization", "country", "outlet", "other")
STATEMENT_KINDS = ("direct", "indirect", "mixed")
SPEAKER_SORTS = {
    "statements": "s.n_quotes DESC, s.name COLLATE NOCASE, s.id",
    "articles": "n_articles DESC, s.n_quotes DESC, s.name COLLATE NOCASE, s.id",
    "name": "s.name COLLATE NOCASE, s.id",
    "last_seen": "s.last_seen IS NULL, s.last_seen DESC, s.n_quotes DESC, s.id",
}
OUTLET_SORTS = {
    "statements": "n_quotes DESC, n_articles DESC, o.name COLLATE NOCASE, o.id",
    "articles": "n_articles DESC, n_quotes DESC, o.name COLLATE NOCASE, o.id",
    "name": "o.name COLLATE NOCASE, o.id",
    "latest": "last_date IS NULL, last_date DESC, n_quotes DESC, o.id",
}


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of an index: its rows and how many match in all."""

    rows: list[dict[str, Any]]
    total: int


def name_pattern(text: str) -> str:
    """A LIKE pattern for ``text`` anywhere in a name, its own ``%`` and ``_`` taken literally."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


SPEAKERS_FROM = """FROM speakers s WHERE {where}"""
SPEAKER_MATCH = """(s.name LIKE :pattern ESCAPE '\\' OR EXISTS (SELECT 1 FROM speaker_aliases x
    WHERE x.speaker_id = s.id AND x.alias LIKE :pattern ESCAPE '\\'))"""
SPEAKERS_SQL = """SELECT s.id, s.name, s.kind, s.n_quotes, s.first_seen, s.last_seen,
    (SELECT count(DISTINCT q.article_id) FROM quotes q WHERE q.speaker_id = s.id) AS n_articles
{source} ORDER BY {order} LIMIT :limit OFFSET :offset"""


def list_speakers(
    conn: sqlite3.Connection,
    *,
    name: str | None,
    kind: str | None,
    sort: str,
    page: int,
    per_page: int,
) -> Listing:
    """Speakers whose name or an alias contains ``name`` (any case), of one ``kind`` or all."""
    clauses, params = ["1"], {"limit": per_page, "offset": (page - 1) * per_page}
    if name and name.strip():
        clauses.append(SPEAKER_MATCH)
        params["pattern"] = name_pattern(name)
    if kind:
        clauses.append("s.kind = :kind")
        params["kind"] = kind
    source = SPEAKERS_FROM.format(where=" AND ".join(clauses))
    rows = conn.execute(SPEAKERS_SQL.format(source=source, order=SPEAKER_SORTS[sort]), params)
    total = conn.execute(f"SELECT count(*) {source}", params).fetchone()[0]
    return Listing([dict(row) for row in rows], int(total))


OUTLETS_SQL = """SELECT o.id, o.name, o.domain, count(a.id) AS n_articles,
    coalesce(sum((SELECT count(*) FROM quotes q WHERE q.article_id = a.id {kind})), 0)
        AS n_quotes,
    max(a.seen_date) AS last_date
FROM outlets o LEFT JOIN articles a ON a.outlet_id = o.id
WHERE {where} GROUP BY o.id ORDER BY {order} LIMIT :limit OFFSET :offset"""


def list_outlets(
    conn: sqlite3.Connection,
    *,
    name: str | None,
    kind: str | None,
    sort: str,
    page: int,
    per_page: int,
) -> Listing:
    """Outlets by name or domain, with their articles and statements (of one ``kind`` or all)."""
    where, params = "1", {"limit": per_page, "offset": (page - 1) * per_page}
    if name and name.strip():
        where = "(o.name LIKE :pattern ESCAPE '\\' OR o.domain LIKE :pattern ESCAPE '\\')"
        params["pattern"] = name_pattern(name)
    kind_clause = ""
    if kind:
        kind_clause = "AND q.kind = :kind"
        params["kind"] = kind
    sql = OUTLETS_SQL.format(kind=kind_clause, where=where, order=OUTLET_SORTS[sort])
    rows = [dict(row) for row in conn.execute(sql, params)]
    total = conn.execute(f"SELECT count(*) FROM outlets o WHERE {where}", params).fetchone()[0]
    return Listing(rows, int(total))


ERRORS_SQL = """SELECT source, code, message, at FROM ingest_errors {where}
ORDER BY at DESC, source LIMIT :limit OFFSET :offset"""


def error_codes(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """How many ingest errors of each code, the most frequent first."""
    rows = conn.execute(
        "SELECT code, count(*) AS n FROM ingest_errors GROUP BY code ORDER BY n DESC, code"
    )
    return [dict(row) for row in rows]


def list_errors(conn: sqlite3.Connection, *, code: str | None, page: int, per_page: int) -> Listing:
    """Ingest errors, the latest first, of one code or all."""
    where = "WHERE code = :code" if code else ""
    params = {"code": code, "limit": per_page, "offset": (page - 1) * per_page}
    rows = [dict(row) for row in conn.execute(ERRORS_SQL.format(where=where), params)]
    total = conn.execute(f"SELECT count(*) FROM ingest_errors {where}", params).fetchone()[0]
    return Listing(rows, int(total))
