"""Read-only SQLite for serving: a small pool of ``mode=ro`` connections and a time limit.

The corpus is checked once with :func:`quotetrail.corpus.db.connect_readonly` (schema version,
tables); requests then borrow pooled connections opened the same way (``mode=ro`` URI plus
``query_only``) but shareable between the server's worker threads, one thread at a time, so
each keeps a warm page cache. Every borrow sets a deadline enforced by SQLite's progress
handler: a query still running past ``sql_time_limit_ms`` is interrupted where it runs
(Datasette's ``sql_time_limit_ms``), not merely abandoned.
"""

from __future__ import annotations

import queue
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quotetrail.corpus.db import BUSY_TIMEOUT, connect_readonly
from quotetrail.errors import CorpusUnavailable, QueryTooSlow

__all__ = ["PROGRESS_STEPS", "ReadPool"]

#: SQLite virtual-machine steps between two looks at the clock (cheap; well under 1 ms apart).
PROGRESS_STEPS = 1000
IDLE_CONNECTIONS = 8


class ReadPool:
    """Borrow a read-only connection with :meth:`read`; idle ones are kept for the next request."""

    def __init__(self, path: str | Path, *, time_limit_ms: int, idle: int = IDLE_CONNECTIONS):
        self.path = Path(path)
        self.time_limit_ms = time_limit_ms
        connect_readonly(self.path).close()  # raises a CorpusError for a missing or wrong file
        self._uri = f"{self.path.resolve().as_uri()}?mode=ro"
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=idle)

    def _open(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self._uri,
                uri=True,
                timeout=BUSY_TIMEOUT,
                isolation_level=None,
                check_same_thread=False,  # the pool guarantees one thread at a time
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error as err:
            raise CorpusUnavailable(str(self.path), f"cannot be read: {err}") from None
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A connection for one request; its queries stop at the request's deadline."""
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._open()
        deadline = time.monotonic() + self.time_limit_ms / 1000
        conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        reusable = True
        try:
            yield conn
        except sqlite3.OperationalError as err:
            if str(err) == "interrupted":
                raise QueryTooSlow(self.time_limit_ms) from None
            reusable = False
            raise CorpusUnavailable(str(self.path), f"cannot be read: {err}") from None
        finally:
            conn.set_progress_handler(None, 0)
            self._release(conn, reusable and not conn.in_transaction)

    def _release(self, conn: sqlite3.Connection, reusable: bool) -> None:
        if reusable:
            try:
                self._idle.put_nowait(conn)
                return
            except queue.Full:
                pass
        conn.close()

    def close(self) -> None:
        """Close the idle connections (at shutdown); borrowed ones close when returned."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
