"""Conditional requests across runs: the ETag and Last-Modified each URL last answered with.

The cache is one SQLite file (``ReadOptions.http_cache``; by convention beside the store, see
``http_cache_beside``). SQLite rather than JSON because ingest workers are separate processes
that may finish at the same moment: each writes its own rows in one transaction, no merge and
no lost update, and a run never loads the whole table.

What a run learns is written once, when reading ends (``close``), and only for pages the caller
took: an interrupted run (kill -9) records nothing, so its pages are fetched in full again and
the store's deduplication absorbs them, rather than being skipped as "unchanged" before the
store has them.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from quotetrail.private import create_private

__all__ = ["HttpCache", "Validators"]

LOGGER = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    stored_at TEXT NOT NULL
)
"""
BUSY_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies this version of a resource; either may be missing."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)

    def request_headers(self) -> dict[str, str]:
        """The headers that ask the server for the resource only if it changed."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class HttpCache:
    """Validators per URL: looked up from the file, new ones held in memory until ``close``.

    A missing cache file is created on ``close``; an unreadable one is logged and ignored (the
    run then fetches everything in full), because a cache must never stop a run.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._pending: dict[str, Validators] = {}
        self._db: sqlite3.Connection | None = None
        if path is not None and path.exists():
            self._db = self._connect(path)

    def get(self, url: str) -> Validators:
        if url in self._pending:
            return self._pending[url]
        if self._db is None:
            return Validators()
        try:
            row = self._db.execute(
                "SELECT etag, last_modified FROM validators WHERE url = ?", (url,)
            ).fetchone()
        except sqlite3.Error as err:
            LOGGER.warning("HTTP cache %s unreadable, ignoring it: %s", self.path, err)
            return Validators()
        return Validators(*row) if row else Validators()

    def remember(self, url: str, validators: Validators) -> None:
        if validators and self.path is not None:
            self._pending[url] = validators

    def close(self) -> None:
        """Write what this run learned in one transaction, then release the file."""
        try:
            if self._pending and self.path is not None:
                if self._db is None:
                    self._db = self._connect(self.path)
                if self._db is not None:
                    self._write(self._db)
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _write(self, db: sqlite3.Connection) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [(url, v.etag, v.last_modified, now) for url, v in self._pending.items()]
        try:
            with db:
                db.executemany(
                    "INSERT INTO validators VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                    "etag = excluded.etag, last_modified = excluded.last_modified, "
                    "stored_at = excluded.stored_at",
                    rows,
                )
        except sqlite3.Error as err:
            LOGGER.warning("could not save the HTTP cache %s: %s", self.path, err)
            return
        self._pending.clear()

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection | None:
        try:
            create_private(path)  # it names every URL the corpus read
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        except (sqlite3.Error, OSError) as err:
            LOGGER.warning("HTTP cache %s unusable, ignoring it: %s", path, err)
            return None
        try:
            db.execute(_SCHEMA)
        except sqlite3.Error as err:
            db.close()
            LOGGER.warning("HTTP cache %s unusable, ignoring it: %s", path, err)
            return None
        return db
