"""Schema versions: ``PRAGMA user_version`` says which migrations a database has had.

Opening a corpus for writing applies every pending migration, in order, inside one transaction
taken with ``BEGIN IMMEDIATE``: the version is re-read under the write lock, so two processes
opening one old database at once migrate it once, and a crash mid-migration changes nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from quotetrail.corpus.identity import is_name_of, normalise_name, speaker_id
from quotetrail.corpus.schema import (
    CORE_TABLES,
    V1_TABLES,
    V2_FULL_TEXT,
    V3_PROVENANCE,
    V4_CONFIDENCE,
    V5_UNKNOWN_DATES,
    V6_ATTRIBUTION,
    V7_LINKING,
    V8_VIA,
    V9_PERSON_ALIASES,
)
from quotetrail.errors import NotACorpus, SchemaTooNew

__all__ = ["LATEST", "MIGRATIONS", "Migration", "migrate", "schema_version", "user_tables"]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, outlets, speakers, quotes and ingest errors", V1_TABLES),
    Migration(2, "full-text index over quote content", V2_FULL_TEXT),
    Migration(3, "provenance pairs, quote clusters and runs", V3_PROVENANCE),
    Migration(4, "statement confidence", V4_CONFIDENCE),
    Migration(5, "unknown article dates stay unknown, also in first/last seen", V5_UNKNOWN_DATES),
    Migration(6, "attribution kind (communicated or belief)", V6_ATTRIBUTION),
    Migration(7, "speaker merges and splits, utterance clusters, take-backs", V7_LINKING),
    Migration(8, "relaying parties (via) as speaker records", V8_VIA),
    Migration(9, "a person's aliases are ways of naming them", V9_PERSON_ALIASES),
)
LATEST = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def user_tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows if not name.startswith("sqlite_")}


def check_version(conn: sqlite3.Connection, path: str, found: int) -> None:
    """Refuse a database from a newer quotetrail, or an unversioned one that has other tables."""
    if found > LATEST:
        raise SchemaTooNew(path, found, LATEST)
    if found == 0 and (tables := user_tables(conn)):
        raise NotACorpus(path, f"unversioned, with tables {', '.join(sorted(tables)[:5])}")
    if found > 0 and not set(CORE_TABLES) <= user_tables(conn):
        raise NotACorpus(path, "version set but corpus tables missing")


def _register_functions(conn: sqlite3.Connection) -> None:
    """The store's speaker keys as SQL functions, so a migration keys records as the writer does."""
    conn.create_function(
        "quotetrail_name_key", 1, lambda name: normalise_name(name or ""), deterministic=True
    )
    conn.create_function(
        "quotetrail_speaker_id", 2, lambda kind, key: speaker_id(kind, key), deterministic=True
    )
    conn.create_function(
        "quotetrail_is_name_of",
        2,
        lambda alias, key: is_name_of(alias or "", key or ""),
        deterministic=True,
    )


def migrate(conn: sqlite3.Connection, path: str, *, target: int = LATEST) -> list[int]:
    """Bring the database to ``target``; returns the versions applied (empty when up to date).

    ``conn`` must be in autocommit mode (``isolation_level=None``) so that this function owns
    the transaction; ``executescript`` is not used because it commits implicitly.
    """
    _register_functions(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(conn)
        check_version(conn, path, found)
        applied = []
        for migration in MIGRATIONS:
            if found < migration.version <= target:
                for statement in migration.statements:
                    conn.execute(statement)
                applied.append(migration.version)
        if applied:
            conn.execute(f"PRAGMA user_version = {applied[-1]:d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied
