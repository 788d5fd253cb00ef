"""Whole tables out of the corpus as JSON Lines, CSV or Parquet, streamed in bounded memory.

One column list per table serves all three formats. The Parquet schemas are fixed here, not
inferred from the data, so every export (and a Spark job writing the same files) agrees on
names and types even when a column happens to be all null. Lists (authors, aliases, roles)
are Parquet lists and JSON arrays; CSV cells hold them as JSON text.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from itertools import islice
from typing import Any, BinaryIO

from quotetrail.corpus.queries import FAMILY_CTE, iter_rows

__all__ = ["EXPORT_SQL", "FORMATS", "TABLES", "arrow_types", "export_table", "parquet_schema"]

TABLES = ("articles", "quotes", "speakers")
FORMATS = ("jsonl", "csv", "parquet")
PARQUET_BATCH_ROWS = 5_000

EXPORT_SQL = {
    "articles": """SELECT a.id, a.source, a.url, a.title, o.name AS outlet, a.authors,
        a.published, a.seen_date, a.text, a.content_hash, a.ingested_at
        FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.rowid""",
    # speaker_id is the record a merged one was merged into, so quotes join speakers' rows
    "quotes": """SELECT q.id, q.article_id, q.kind, q.content_start, q.content_end,
        q.content_text, q.cue_start, q.cue_end, q.cue_lemma, q.speaker_start, q.speaker_end,
        q.speaker_name, q.speaker_kind, q.speaker_role, q.via, q.via_kind,
        coalesce(v.into_id, q.via_id) AS via_id, q.confidence, q.attribution,
        coalesce(m.into_id, q.speaker_id) AS speaker_id, u.cluster AS cluster,
        t.cluster AS takes_back FROM quotes q
        LEFT JOIN speaker_merges m ON m.speaker_id = q.speaker_id
        LEFT JOIN speaker_merges v ON v.speaker_id = q.via_id
        LEFT JOIN utterances u ON u.quote_id = q.id
        LEFT JOIN takes_back t ON t.quote_id = q.id ORDER BY q.seq""",
    # one row per person after merges: a merged record's names are aliases of its row
    "speakers": FAMILY_CTE
    + """ SELECT s.id, s.name, s.kind,
        (SELECT json_group_array(alias) FROM (
            SELECT a.alias FROM fam f JOIN speaker_aliases a ON a.speaker_id = f.member
                WHERE f.head = s.id
            UNION SELECT x.name FROM fam f JOIN speakers x ON x.id = f.member
                WHERE f.head = s.id AND x.id <> s.id
            ORDER BY 1)) AS aliases,
        (SELECT json_group_array(role) FROM (
            SELECT DISTINCT r.role FROM fam f JOIN speaker_roles r ON r.speaker_id = f.member
                WHERE f.head = s.id ORDER BY 1)) AS roles,
        (SELECT min(x.first_seen) FROM fam f JOIN speakers x ON x.id = f.member
            WHERE f.head = s.id) AS first_seen,
        (SELECT max(x.last_seen) FROM fam f JOIN speakers x ON x.id = f.member
            WHERE f.head = s.id) AS last_seen,
        (SELECT sum(x.n_quotes) FROM fam f JOIN speakers x ON x.id = f.member
            WHERE f.head = s.id) AS n_quotes
        FROM speakers s WHERE s.id NOT IN (SELECT speaker_id FROM speaker_merges)
        ORDER BY s.rowid""",
}

# (column, type, nullable) in export order; type "str", "int", "float" or "list" (of strings).
# Where the quote columns meet those of ``quotetrail.spark.schema``, names, types and
# nullability agree.
COLUMNS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "articles": (
        ("id", "str", False),
        ("source", "str", False),
        ("url", "str", True),
        ("title", "str", True),
        ("outlet", "str", True),
        ("authors", "list", False),
        ("published", "str", True),
        ("seen_date", "str", True),
        ("text", "str", False),
        ("content_hash", "str", False),
        ("ingested_at", "str", False),
    ),
    "quotes": (
        ("id", "str", False),
        ("article_id", "str", False),
        ("kind", "str", False),
        ("content_start", "int", False),
        ("content_end", "int", False),
        ("content_text", "str", False),
        ("cue_start", "int", True),
        ("cue_end", "int", True),
        ("cue_lemma", "str", True),
        ("speaker_start", "int", True),
        ("speaker_end", "int", True),
        ("speaker_name", "str", True),
        ("speaker_kind", "str", True),
        ("speaker_role", "str", True),
        ("via", "str", True),
        ("via_kind", "str", True),
        ("via_id", "str", True),
        ("confidence", "float", True),
        ("attribution", "str", False),
        ("speaker_id", "str", True),
        ("cluster", "str", True),
        ("takes_back", "str", True),
    ),
    "speakers": (
        ("id", "str", False),
        ("name", "str", False),
        ("kind", "str", False),
        ("aliases", "list", False),
        ("roles", "list", False),
        ("first_seen", "str", True),
        ("last_seen", "str", True),
        ("n_quotes", "int", False),
    ),
}


def export_table(conn: sqlite3.Connection, table: str, fmt: str, out: BinaryIO) -> int:
    """Write every row of ``table`` to ``out`` in ``fmt``; returns the number of rows."""
    if table not in TABLES or fmt not in FORMATS:
        raise ValueError(f"table must be one of {TABLES} and format one of {FORMATS}")
    rows = iter_rows(conn, EXPORT_SQL[table])
    if fmt == "parquet":
        return _parquet(rows, table, out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        return _jsonl(rows, text) if fmt == "jsonl" else _csv(rows, table, text)
    finally:
        text.flush()
        text.detach()  # the caller owns ``out``


def _jsonl(rows: Iterator[dict[str, Any]], out: io.TextIOWrapper) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row) + "\n")
        count += 1
    return count


def _csv(rows: Iterator[dict[str, Any]], table: str, out: io.TextIOWrapper) -> int:
    names = [name for name, _, _ in COLUMNS[table]]
    lists = [name for name, kind, _ in COLUMNS[table] if kind == "list"]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({**row, **{name: json.dumps(row[name]) for name in lists}})
        count += 1
    return count


def arrow_types() -> dict[str, Any]:
    """The Arrow type of each column type named in ``COLUMNS`` (and in the Spark schema)."""
    import pyarrow as pa

    return {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "list": pa.list_(pa.string()),
    }


def parquet_schema(table: str) -> Any:
    """The pyarrow schema of a table's Parquet export (pyarrow is imported only here)."""
    import pyarrow as pa

    types = arrow_types()
    return pa.schema(
        [pa.field(name, types[kind], nullable=null) for name, kind, null in COLUMNS[table]]
    )


def _parquet(rows: Iterator[dict[str, Any]], table: str, out: BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(table)
    count = 0
    with pq.ParquetWriter(pa.PythonFile(out, mode="w"), schema) as writer:
        while batch := list(islice(rows, PARQUET_BATCH_ROWS)):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
