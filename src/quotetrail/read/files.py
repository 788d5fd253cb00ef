"""Bounded byte reading and directory walking, shared by every reader."""

from __future__ import annotations

import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from quotetrail.errors import LinkOutside, NotAFile, TooLargeBytes, UnreadableSource
from quotetrail.read.failure import Failure

CHUNK_BYTES = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def refuse_special(path: Path) -> Failure | None:
    """A Failure for a path that is not a regular file (a FIFO would block the run, /dev/zero
    never ends); ``None`` for a regular file, or one that cannot be stat'ed (its reader reports
    why). Links are followed here: a link met in a folder was checked by ``iter_files``."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    return Failure.from_error(str(path), NotAFile(str(path), _kind(mode)))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def read_capped(path: Path, limit: int, source: str) -> bytes:
    """Read a whole file, refusing before reading anything when its size is over ``limit``.

    Opened without blocking and checked to be a regular file before a byte is read, so a FIFO
    or a device swapped in after the folder was listed cannot hang the run either."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(source, _kind(mode))
        flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
        fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        stream = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise TooLargeBytes(source, size, limit)
        return read_stream_capped(stream, limit, source)  # files that grow, /proc


def read_stream_capped(stream: BinaryIO, limit: int, source: str) -> bytes:
    """Read a stream up to ``limit`` bytes, and never past ``limit + 1``: a stream over the
    limit may never end (``/dev/zero`` on stdin), so it is refused without reading on."""
    data = _read_up_to(stream, limit + 1)
    if len(data) > limit:
        raise TooLargeBytes(source, None, limit)
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


def iter_files(root: Path, top: Path | None = None) -> Iterator[Path | Failure]:
    """Files under ``root`` in sorted path order, or a Failure for a folder that cannot be listed.

    Hidden entries (``.git``, ``.DS_Store``) are skipped and symlinked folders are not followed,
    so a link loop cannot make the walk endless; a link to a file outside the folder given
    (``top``) is refused, so a link cannot make a run read ``/etc/passwd``.
    """
    top = top or root.resolve()
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as err:
        yield Failure.from_error(str(root), UnreadableSource(str(root), err.strerror or str(err)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from iter_files(Path(entry.path), top)
        elif entry.is_symlink() and not _inside(Path(entry.path), top):
            yield Failure.from_error(entry.path, LinkOutside(entry.path, str(top)))
        else:
            yield Path(entry.path)


def _inside(link: Path, top: Path) -> bool:
    try:
        return link.resolve().is_relative_to(top)
    except (OSError, RuntimeError):  # a link loop
        return False
