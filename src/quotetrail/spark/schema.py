"""The Parquet tables the Spark job writes, declared once as data.

One column list per table gives both the pyarrow schema (for ``quotetrail load``, DuckDB and
tests) and the Spark ``StructType`` (for the job's writer), so the two cannot drift. Names and
types of the columns shared with ``quotetrail export --format parquet`` are the export's
(a test holds them together). Partition columns live in the directory names
(``date=2024-03-05/input=...``), not inside the files, as Hive-style readers expect.

Ids are deterministic: an article's id is the reader's, a quote's id is the corpus store's
:func:`quotetrail.corpus.rows.quote_id`, so a re-run, a Spark run and an ingest agree.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

from quotetrail.corpus.export import COLUMNS as EXPORT_COLUMNS
from quotetrail.corpus.export import arrow_types
from quotetrail.corpus.rows import quote_id, seen_date

__all__ = [
    "COLUMNS",
    "PARTITIONS",
    "TABLES",
    "UNION_COLUMNS",
    "UNKNOWN_DATE",
    "arrow_schema",
    "input_key",
    "partition_date",
    "quote_id",
    "spark_schema",
    "spark_union_schema",
    "union_row",
]

Kind = Literal["str", "int", "float", "list"]
Table = Literal["articles", "quotes", "errors"]
TABLES: tuple[Table, ...] = ("articles", "quotes", "errors")
UNKNOWN_DATE = "unknown"
KEY_NAME_CHARS = 48
KEY_HASH_CHARS = 10
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

#: Export columns only a corpus has: the day an article was seen and stored (Spark's ``date``
#: partition takes its place), the speaker and relaying party's record ids, and the links.
CORPUS_ONLY = frozenset(
    {"seen_date", "ingested_at", "speaker_id", "via_id", "cluster", "takes_back"}
)


def _exported(table: str) -> tuple[tuple[str, Kind, bool], ...]:
    return tuple(c for c in EXPORT_COLUMNS[table] if c[0] not in CORPUS_ONLY)  # type: ignore[misc]


# (name, kind, nullable) in column order; partition columns last, as Spark lays them out.
COLUMNS: dict[Table, tuple[tuple[str, Kind, bool], ...]] = {
    # Article and quote columns are those of `quotetrail export` (one definition, so the two
    # Parquet outputs cannot drift), minus CORPUS_ONLY.
    "articles": (
        *_exported("articles"),
        ("date", "str", False),
        ("input", "str", False),
    ),
    "quotes": (
        *_exported("quotes"),
        ("date", "str", False),
        ("input", "str", False),
    ),
    "errors": (
        ("source", "str", False),
        ("code", "str", False),
        ("message", "str", False),
        ("input", "str", False),
    ),
}

#: Directory levels of each table. ``input`` scopes every file to the one input it came from,
#: so overwriting a re-run input's partitions never touches another input's rows.
PARTITIONS: dict[Table, tuple[str, ...]] = {
    "articles": ("date", "input"),
    "quotes": ("date", "input"),
    "errors": ("input",),
}


def names(table: Table) -> tuple[str, ...]:
    return tuple(name for name, _, _ in COLUMNS[table])


def arrow_schema(table: Table, *, partitions: bool = True) -> Any:
    """The pyarrow schema; ``partitions=False`` gives what one Parquet file holds."""
    import pyarrow as pa

    types = arrow_types()
    skip = () if partitions else PARTITIONS[table]
    return pa.schema(
        [
            pa.field(name, types[kind], nullable=nullable)
            for name, kind, nullable in COLUMNS[table]
            if name not in skip
        ]
    )


#: One row layout for all three tables plus the per-input summaries ("done"): ``table`` names
#: the row's table and the other columns are the union of the tables' (a name means the same
#: type in every table). The job caches this one Spark DataFrame and writes each table from it.
UNION_COLUMNS: tuple[str, ...] = (
    "table",
    *dict.fromkeys(name for columns in COLUMNS.values() for name, _, _ in columns),
    "summary",
)
_KINDS: dict[str, Kind] = {name: kind for cols in COLUMNS.values() for name, kind, _ in cols}
_POSITIONS = {t: [UNION_COLUMNS.index(name) for name in names(t)] for t in TABLES}


def union_row(tagged: tuple[str, tuple[Any, ...]]) -> tuple[Any, ...]:
    """A ``(table, values)`` row of the job in the union layout; a ``done`` summary
    ``(input, summary_json)`` fills ``source`` and ``summary``."""
    table, values = tagged
    row: list[Any] = [None] * len(UNION_COLUMNS)
    row[0] = table
    positions = _POSITIONS.get(table) or [  # type: ignore[call-overload]
        UNION_COLUMNS.index("source"),
        UNION_COLUMNS.index("summary"),
    ]
    for position, value in zip(positions, values, strict=True):
        row[position] = value
    return tuple(row)


def spark_union_schema() -> Any:
    """The Spark StructType of :data:`UNION_COLUMNS` (all nullable but ``table``)."""
    from pyspark.sql import types as T

    kinds = {
        "str": T.StringType(),
        "int": T.LongType(),
        "float": T.DoubleType(),
        "list": T.ArrayType(T.StringType()),
    }
    fields = [T.StructField("table", T.StringType(), False)]
    for name in UNION_COLUMNS[1:]:
        fields.append(T.StructField(name, kinds[_KINDS.get(name, "str")], True))
    return T.StructType(fields)


def spark_schema(table: Table) -> Any:
    """The Spark StructType of the rows the job builds (pyspark is imported only here)."""
    from pyspark.sql import types as T

    kinds = {
        "str": T.StringType(),
        "int": T.LongType(),
        "float": T.DoubleType(),
        "list": T.ArrayType(T.StringType()),
    }
    return T.StructType(
        [T.StructField(name, kinds[kind], nullable) for name, kind, nullable in COLUMNS[table]]
    )


def partition_date(published: str | None) -> str:
    """``YYYY-MM-DD`` by the store's own rule for a published date, else ``unknown``."""
    return seen_date(published, UNKNOWN_DATE) or UNKNOWN_DATE


def input_key(path: str) -> str:
    """A readable, unique, directory-safe name for one input: its file name and a short hash.

    Never numeric nor a date, so Spark's and DuckDB's partition type inference keep it a string.
    """
    name = _UNSAFE.sub("_", path.rstrip("/").rsplit("/", 1)[-1])[-KEY_NAME_CHARS:].strip("._")
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:KEY_HASH_CHARS]
    return f"{name or 'input'}-{digest}"
