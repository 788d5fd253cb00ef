"""Read queries the web pages and API need beyond :mod:`quotetrail.corpus.queries`.

Same rules as there: a read-only connection in, plain dicts out; user text is only ever a bound
parameter, and search text goes through :func:`~quotetrail.corpus.queries.fts_query`, so no
input can be an SQL or FTS5 syntax error. Offsets pagination is bounded by the pool's time limit.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from quotetrail.corpus.queries import filter_clauses, fts_query, table_counts, top_speakers
from quotetrail.web.listings import error_codes

__all__ = [
    "MARK_END",
    "MARK_START",
    "QuoteQuery",
    "article",
    "article_quotes",
    "count_quotes",
    "outlet_names",
    "overview",
    "search_quotes",
    "speaker",
]

#: What FTS5 ``highlight()`` puts around matched words: control characters news text lacks, so
#: the marked text can be split on them and each piece escaped on its own.
MARK_START, MARK_END = "\x02", "\x03"

QUOTE_COLUMNS = """q.id, q.article_id, a.seen_date AS date, a.published, o.name AS outlet,
    a.title, a.url, q.kind, coalesce(s.id, q.speaker_id) AS speaker_id,
    coalesce(s.name, q.speaker_name) AS speaker,
    q.speaker_text, q.speaker_name, q.speaker_kind, q.speaker_role, q.via, q.via_kind,
    coalesce((SELECT into_id FROM speaker_merges WHERE speaker_id = q.via_id), q.via_id)
        AS via_id,
    q.cue_text, q.cue_lemma, q.confidence, q.attribution, q.content_start, q.content_end,
    q.content_text,
    (SELECT u.cluster FROM utterances u WHERE u.quote_id = q.id) AS cluster,
    (SELECT t.cluster FROM takes_back t WHERE t.quote_id = q.id) AS takes_back"""
SEARCH_SQL = """SELECT {columns}, {marked} AS marked
FROM {source}
WHERE {where}
ORDER BY a.seen_date DESC, a.id, q.content_start
LIMIT :limit OFFSET :offset"""
COUNT_SQL = "SELECT count(*) FROM {source} WHERE {where}"
FTS_MARKED = f"highlight(quotes_fts, 0, '{MARK_START}', '{MARK_END}')"
# Which table drives the join decides the speed. Words: the full-text index finds the few
# matching quotes. A speaker: the quotes_speaker index. Neither: walk articles newest first
# by their date index (CROSS JOIN keeps that order), so page 1 reads ~20 rows, not all of them.
FROM_FTS = "quotes_fts JOIN quotes q ON q.seq = quotes_fts.rowid"
FROM_QUOTES = "quotes q"
FROM_ARTICLES = "articles a CROSS JOIN quotes q ON q.article_id = a.id"
JOIN_ARTICLE = " JOIN articles a ON a.id = q.article_id"
JOIN_OUTLET = " LEFT JOIN outlets o ON o.id = a.outlet_id"
# A record merged into another (quotetrail link) shows as the record it joined.
JOIN_SPEAKER = (
    " LEFT JOIN speakers s ON s.id = coalesce("
    "(SELECT into_id FROM speaker_merges WHERE speaker_id = q.speaker_id), q.speaker_id)"
)


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """Which quotes a search asks for; every filter is optional and they combine with AND."""

    q: str | None = None  # words that must all occur in the content (stemmed), or "a phrase"
    speaker: str | None = None  # a speaker's name or alias, any case (as the CLI's --speaker)
    speaker_id: str | None = None
    via_id: str | None = None  # the record of the party that relayed it ("told VG": VG's)
    outlet: str | None = None  # outlet name or web domain, any case
    kind: str | None = None  # direct | indirect | mixed
    min_confidence: float | None = None  # the finder's confidence at least this; unscored drop
    since: date | None = None  # article date on or after
    until: date | None = None  # ... on or before
    cluster: str | None = None  # an utterance cluster: its renderings and take-backs
    page: int = 1
    per_page: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def filters(self) -> dict[str, str]:
        """The filters as query-string parameters (for links to other pages of the results)."""
        values = {
            "q": self.q,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "via_id": self.via_id,
            "outlet": self.outlet,
            "kind": self.kind,
            "min_confidence": (
                f"{self.min_confidence:g}" if self.min_confidence is not None else None
            ),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "cluster": self.cluster,
        }
        return {name: value for name, value in values.items() if value}


@dataclass(frozen=True, slots=True)
class _Plan:
    search_source: str
    count_source: str
    where: str
    params: dict[str, Any]


def _plan(query: QuoteQuery) -> _Plan:
    """The FROM clauses (for the page and for the count) and the WHERE clause of ``query``."""
    clauses, params = filter_clauses(
        speaker=query.speaker,
        outlet=query.outlet,
        kind=query.kind,
        min_confidence=query.min_confidence,
        since=query.since,
        until=query.until,
        cluster=query.cluster,
    )
    if query.q:
        clauses.insert(0, "quotes_fts MATCH :search")
        params["search"] = fts_query(query.q)
    if query.speaker_id:  # the record and every record merged into it
        clauses.append(
            "q.speaker_id IN (SELECT :speaker_id UNION "
            "SELECT speaker_id FROM speaker_merges WHERE into_id = :speaker_id)"
        )
        params["speaker_id"] = query.speaker_id
    if query.via_id:  # relayed by the record or by a record merged into it
        clauses.append(
            "q.via_id IN (SELECT :via_id UNION "
            "SELECT speaker_id FROM speaker_merges WHERE into_id = :via_id)"
        )
        params["via_id"] = query.via_id
    by_quote = query.q or query.speaker or query.speaker_id or query.via_id or query.cluster
    first = FROM_FTS if query.q else FROM_QUOTES
    search = first + JOIN_ARTICLE if by_quote else FROM_ARTICLES
    search += JOIN_OUTLET + JOIN_SPEAKER
    count = first
    if query.since or query.until or query.outlet:  # the count joins only what it filters on
        count = first + JOIN_ARTICLE if by_quote else FROM_ARTICLES
    return _Plan(search, count, " AND ".join(clauses) or "1", params)


def search_quotes(conn: sqlite3.Connection, query: QuoteQuery) -> list[dict[str, Any]]:
    """One page of matching quotes, newest articles first; ``marked`` is the content with
    matched words between :data:`MARK_START` and :data:`MARK_END` (None without a search)."""
    plan = _plan(query)
    marked = FTS_MARKED if query.q else "NULL"
    sql = SEARCH_SQL.format(
        columns=QUOTE_COLUMNS, marked=marked, source=plan.search_source, where=plan.where
    )
    params = {**plan.params, "limit": query.per_page, "offset": query.offset}
    return [dict(row) for row in conn.execute(sql, params)]


def count_quotes(conn: sqlite3.Connection, query: QuoteQuery) -> int:
    plan = _plan(query)
    sql = COUNT_SQL.format(source=plan.count_source, where=plan.where)
    return int(conn.execute(sql, plan.params).fetchone()[0])


def outlet_names(conn: sqlite3.Connection, limit: int = 200) -> list[str]:
    """Outlets with the most articles first, for the search form's suggestions."""
    rows = conn.execute(
        "SELECT name FROM outlets o ORDER BY "
        "(SELECT count(*) FROM articles a WHERE a.outlet_id = o.id) DESC, name LIMIT ?",
        (limit,),
    )
    return [name for (name,) in rows]


# A record merged into another (``quotetrail link``) is shown as part of it: its quotes, names
# and dates count for the record it joined. :ids is the JSON list of the record and its merged.
FAMILY = "(SELECT value FROM json_each(:ids))"
SPEAKER_SQL = f"""
SELECT s.id, s.name, s.kind,
    (SELECT sum(n_quotes) FROM speakers WHERE id IN {FAMILY}) AS n_quotes,
    (SELECT min(first_seen) FROM speakers WHERE id IN {FAMILY}) AS first_seen,
    (SELECT max(last_seen) FROM speakers WHERE id IN {FAMILY}) AS last_seen,
    (SELECT count(DISTINCT q.article_id) FROM quotes q WHERE q.speaker_id IN {FAMILY})
        AS n_articles,
    (SELECT json_group_array(alias) FROM (
        SELECT alias FROM speaker_aliases WHERE speaker_id IN {FAMILY}
        UNION SELECT name FROM speakers WHERE id IN {FAMILY} AND id <> s.id ORDER BY 1))
        AS aliases,
    (SELECT json_group_array(role) FROM (SELECT DISTINCT role FROM speaker_roles
        WHERE speaker_id IN {FAMILY} ORDER BY role)) AS roles,
    (SELECT count(*) FROM quotes q WHERE q.via_id IN {FAMILY}) AS n_relayed
FROM speakers s WHERE s.id = :id
"""
SPEAKER_DATES_SQL = f"""
SELECT a.seen_date AS date, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.speaker_id IN {FAMILY} GROUP BY a.seen_date ORDER BY a.seen_date
"""
SPEAKER_OUTLETS_SQL = f"""
SELECT o.name AS outlet, count(*) AS n, count(DISTINCT q.article_id) AS n_articles
FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN outlets o ON o.id = a.outlet_id
WHERE q.speaker_id IN {FAMILY} GROUP BY o.id ORDER BY n DESC, outlet LIMIT :top
"""


def speaker(conn: sqlite3.Connection, speaker_id: str, top: int = 10) -> dict[str, Any] | None:
    """A speaker record with aliases, roles, statements per date and the outlets quoting them."""
    merged = [r[0] for r in conn.execute(MERGED_INTO_SQL, (speaker_id,))]
    params = {"id": speaker_id, "ids": json.dumps([speaker_id, *merged]), "top": top}
    row = conn.execute(SPEAKER_SQL, params).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["aliases"] = json.loads(found["aliases"])
    found["roles"] = json.loads(found["roles"])
    found["dates"] = [dict(r) for r in conn.execute(SPEAKER_DATES_SQL, params)]
    found["outlets"] = [dict(r) for r in conn.execute(SPEAKER_OUTLETS_SQL, params)]
    found["merged_into"] = merged_into(conn, speaker_id)
    found["merged"] = [
        {**dict(r), "evidence": json.loads(r["evidence"])}
        for r in conn.execute(MERGED_DETAIL_SQL, (speaker_id,))
    ]
    return found


#: The records merged into one, with the linker's evidence (shown on its page, where a user
#: who knows better can split them again).
MERGED_DETAIL_SQL = """SELECT m.speaker_id AS id, x.name, m.score, m.evidence
FROM speaker_merges m JOIN speakers x ON x.id = m.speaker_id WHERE m.into_id = ?
ORDER BY x.name"""


MERGED_INTO_SQL = "SELECT speaker_id FROM speaker_merges WHERE into_id = ?"


def merged_into(conn: sqlite3.Connection, speaker_id: str) -> str | None:
    """The record a merged record joined (its page redirects there), else None."""
    row = conn.execute(
        "SELECT into_id FROM speaker_merges WHERE speaker_id = ?", (speaker_id,)
    ).fetchone()
    return row[0] if row else None


ARTICLE_SQL = """
SELECT a.id, a.url, a.title, o.name AS outlet, o.domain, a.authors, a.published,
    a.seen_date AS date, a.ingested_at, a.source, a.text
FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?
"""
ARTICLE_QUOTES_SQL = """
SELECT q.id, q.kind, q.content_start, q.content_end, q.content_text, q.cue_start, q.cue_end,
    q.cue_text, q.cue_lemma, q.speaker_start, q.speaker_end, q.speaker_text, q.speaker_name,
    q.speaker_kind, q.speaker_role, q.via, q.via_kind,
    coalesce((SELECT into_id FROM speaker_merges WHERE speaker_id = q.via_id), q.via_id)
        AS via_id,
    q.confidence, q.attribution, coalesce(s.id, q.speaker_id) AS speaker_id,
    coalesce(s.name, q.speaker_name) AS speaker,
    (SELECT u.cluster FROM utterances u WHERE u.quote_id = q.id) AS cluster,
    (SELECT t.cluster FROM takes_back t WHERE t.quote_id = q.id) AS takes_back
FROM quotes q LEFT JOIN speakers s ON s.id = coalesce(
    (SELECT into_id FROM speaker_merges WHERE speaker_id = q.speaker_id), q.speaker_id)
WHERE q.article_id = ? ORDER BY q.content_start, q.content_end
"""


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(ARTICLE_SQL, (article_id,)).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["authors"] = json.loads(found["authors"])
    return found


def article_quotes(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """An article's statements in text order, with every offset (for highlighting)."""
    return [dict(row) for row in conn.execute(ARTICLE_QUOTES_SQL, (article_id,))]


TOP_OUTLETS_SQL = """
SELECT o.name, o.domain, count(*) AS n_articles,
    sum((SELECT count(*) FROM quotes q WHERE q.article_id = a.id)) AS n_quotes,
    max(a.seen_date) AS last_date
FROM outlets o JOIN articles a ON a.outlet_id = o.id
GROUP BY o.id ORDER BY n_articles DESC, n_quotes DESC, o.name LIMIT ?
"""
SPAN_SQL = "SELECT min(seen_date) AS first, max(seen_date) AS last FROM articles"


def overview(conn: sqlite3.Connection, *, top: int) -> dict[str, Any]:
    """What the overview page shows: counts, date span, top speakers and outlets, and the
    ingest errors as counts per code (the errors themselves are listed on /errors)."""
    span = conn.execute(SPAN_SQL).fetchone()
    return {
        "counts": table_counts(conn),
        "first": span["first"],
        "last": span["last"],
        "speakers": top_speakers(conn, top),
        "outlets": [dict(r) for r in conn.execute(TOP_OUTLETS_SQL, (top,))],
        "error_codes": error_codes(conn),
    }
