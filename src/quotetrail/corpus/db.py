"""Opening a corpus: the one writer's connection and read-only connections, Datasette-style.

The writer runs in WAL mode by default, so readers (``quotetrail quotes``, a web server) never
block it and it never blocks them; ``synchronous=NORMAL`` is WAL's documented safe setting
against application crashes (a ``kill -9`` loses at most the open transaction, never
consistency). Read-only connections open the file with ``mode=ro`` and ``query_only``, so a bug
in a query cannot write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from quotetrail.corpus.migrations import LATEST, check_version, migrate, schema_version
from quotetrail.errors import (
    CorpusNotFound,
    CorpusUnavailable,
    InvalidOption,
    NotACorpus,
    SchemaOutdated,
)
from quotetrail.private import create_private

__all__ = [
    "BUSY_TIMEOUT",
    "DEFAULT_DB",
    "JOURNAL_MODES",
    "connect_readonly",
    "connect_writer",
    "is_stale",
]

#: The corpus every command uses when not given ``--db``: in the current folder.
DEFAULT_DB = "quotetrail.db"

#: Seconds a connection waits on another's lock (a second writer, a checkpoint) before failing.
BUSY_TIMEOUT = 30.0
JOURNAL_MODES = ("wal", "delete", "truncate", "persist")


def connect_writer(path: str | Path, *, journal_mode: str = "wal") -> sqlite3.Connection:
    """A connection that may write, with the schema migrated to the latest version."""
    if journal_mode not in JOURNAL_MODES:
        raise InvalidOption(
            "journal_mode", journal_mode, f"must be one of {', '.join(JOURNAL_MODES)}"
        )
    name = str(path)
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    try:
        create_private(name)  # 0600, and so its -wal and -shm files
    except OSError as err:
        raise CorpusUnavailable(name, err.strerror or str(err)) from None
    conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        conn.execute(f"PRAGMA journal_mode = {journal_mode}")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, name)
    except sqlite3.OperationalError as err:  # locked, read-only, disk full, a failed migration
        conn.close()
        raise CorpusUnavailable(name, str(err)) from None
    except sqlite3.DatabaseError as err:  # "file is not a database"
        conn.close()
        raise NotACorpus(name, str(err)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write, to a corpus at the latest schema version."""
    file = Path(path)
    if not file.is_file():
        raise CorpusNotFound(str(path))
    uri = f"{file.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA query_only = ON")
        found = schema_version(conn)
        check_version(conn, str(path), found)
        if found == 0:
            raise NotACorpus(str(path), "empty database")
        if found < LATEST:
            raise SchemaOutdated(str(path), found, LATEST)
    except sqlite3.OperationalError as err:
        conn.close()
        raise CorpusUnavailable(str(path), str(err)) from None
    except sqlite3.DatabaseError as err:
        conn.close()
        raise NotACorpus(str(path), str(err)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def is_stale(path: str | Path, stale: Callable[[sqlite3.Connection], bool]) -> bool:
    """Whether tables derived from the whole corpus (provenance pairs, links) are out of date
    by ``stale``'s test; an older corpus is first brought up to the latest schema, and a
    missing one is reported (E301) as every read does."""
    if Path(path).is_file():
        connect_writer(path).close()
    conn = connect_readonly(path)
    try:
        return stale(conn)
    finally:
        conn.close()
