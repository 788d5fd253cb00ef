"""Bounded byte reading and directory walking, shared by every reader."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from quotetrail.errors import TooLargeBytes, UnreadableSource
from quotetrail.read.failure import Failure

CHUNK_BYTES = 1 << 20


def read_capped(path: Path, limit: int, source: str) -> bytes:
    """Read a whole file, refusing before reading anything when its size is over ``limit``."""
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise TooLargeBytes(source, size, limit)
        return read_stream_capped(stream, limit, source)  # files that grow, FIFOs, /proc


def read_stream_capped(stream: BinaryIO, limit: int, source: str) -> bytes:
    """Read a stream to its end but keep at most ``limit`` bytes in memory."""
    data = _read_up_to(stream, limit + 1)
    if len(data) > limit:
        raise TooLargeBytes(source, len(data) + _count_rest(stream), limit)
    return data


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """``read(size)`` that tolerates raw streams returning short reads before EOF."""
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, CHUNK_BYTES))
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _count_rest(stream: BinaryIO) -> int:
    """Drain what is left so the reported size is exact and a pipe's writer is not cut off."""
    total = 0
    while chunk := stream.read(CHUNK_BYTES):
        total += len(chunk)
    return total


def iter_files(root: Path) -> Iterator[Path | Failure]:
    """Files under ``root`` in sorted path order, or a Failure for a folder that cannot be listed.

    Hidden entries (``.git``, ``.DS_Store``) are skipped and symlinked folders are not followed,
    so a link loop cannot make the walk endless.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as err:
        yield Failure.from_error(str(root), UnreadableSource(str(root), err.strerror or str(err)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from iter_files(Path(entry.path))
        else:
            yield Path(entry.path)
