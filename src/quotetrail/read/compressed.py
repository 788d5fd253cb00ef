"""Gzipped files: a ``.gz`` of any supported kind (``page.html.gz``, ``dump.jsonl.gz``) is read
as the file inside it, as saved-page collections and crawls ship them.

Decompression is bounded by the cap of the kind inside: it stops one byte past the cap, so a
small file that would expand to gigabytes costs at most the cap in memory and time.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

from quotetrail.errors import TooLargeDecompressed, UnreadableSource
from quotetrail.read.files import read_capped

__all__ = ["GZIP_SUFFIX", "gunzip_capped", "inner_name", "open_binary", "read_file_bytes"]

GZIP_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around a deflate stream
# Deflate never grows incompressible data by more than ~0.1% plus a header and trailer per member.
_COMPRESSED_SLACK = 1 << 12


def is_gzip_name(path: Path) -> bool:
    return path.name.lower().endswith(GZIP_SUFFIX)


def inner_name(path: Path) -> Path:
    """``page.html.gz`` -> ``page.html``: the name that decides how the content is read."""
    return path.with_name(path.name[: -len(GZIP_SUFFIX)]) if is_gzip_name(path) else path


def read_file_bytes(path: Path, limit: int, source: str) -> bytes:
    """A file's bytes, decompressed when it is gzip, never holding more than ``limit`` of them."""
    if not is_gzip_name(path):
        return read_capped(path, limit, source)
    data = read_capped(path, limit + limit // 500 + _COMPRESSED_SLACK, source)
    return gunzip_capped(data, limit, source) if data.startswith(GZIP_MAGIC) else data


def gunzip_capped(data: bytes, limit: int, source: str) -> bytes:
    """Inflate every gzip member of ``data``, refusing once more than ``limit`` bytes come out."""
    out = bytearray()
    rest = data
    while rest.startswith(GZIP_MAGIC):
        inflater = zlib.decompressobj(_GZIP_WBITS)
        try:
            out += inflater.decompress(rest, limit + 1 - len(out))
        except zlib.error as err:
            raise UnreadableSource(source, f"not a valid gzip file: {err}") from None
        if len(out) > limit:
            raise TooLargeDecompressed(source, limit)
        if not inflater.eof:
            raise UnreadableSource(source, "truncated gzip file")
        rest = inflater.unused_data
    return bytes(out)


def open_binary(path: Path) -> BinaryIO:
    """A file opened for streaming reads (``.jsonl``), decompressing on the fly when gzip.

    Reading a gzip stream can raise ``OSError`` (``gzip.BadGzipFile``), ``EOFError`` or
    ``zlib.error``; callers that stream record by record treat those as the file's failure.
    """
    if is_gzip_name(path):
        with path.open("rb") as probe:
            if probe.read(len(GZIP_MAGIC)) == GZIP_MAGIC:
                return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")
