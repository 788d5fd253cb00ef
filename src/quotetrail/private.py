"""Files only their owner can read: the corpus and its HTTP cache hold every article read.

SQLite creates a database 0644 (less the umask) and gives its journal, WAL and shared-memory
files the database file's mode, so creating the database file 0600 first, before SQLite opens
it, keeps all of them private; a stricter umask still applies.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PRIVATE_MODE", "create_private"]

PRIVATE_MODE = 0o600


def create_private(path: str | Path) -> None:
    """Create ``path`` empty with mode 0600 (less the umask) unless it exists already."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    except FileExistsError:
        return
    os.close(descriptor)
