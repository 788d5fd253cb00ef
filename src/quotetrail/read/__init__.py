"""Readers: turn files, directories and stdin into Article records, or Failures.

``read_sources`` is the one entry point for ``quotetrail extract PATH...`` and the corpus
ingester. It never raises for a per-document problem: each unusable document (missing, binary,
undecodable, empty, too large, not English, malformed, unextractable) yields a :class:`Failure`
carrying the stable error code, and reading goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from quotetrail.read.failure import Failure, attempt
from quotetrail.read.files import iter_files
from quotetrail.read.html import read_html, read_html_file
from quotetrail.read.ids import article_id, canonical_url, content_hash
from quotetrail.read.jsonl import read_jsonl
from quotetrail.read.options import DEFAULT_HTML_TIMEOUT, DEFAULT_MAX_CHARS, ReadOptions
from quotetrail.read.text import STDIN_SOURCE, check_text, decode, read_text_file, read_text_stream
from quotetrail.records import Article

__all__ = [
    "DEFAULT_HTML_TIMEOUT",
    "DEFAULT_MAX_CHARS",
    "STDIN",
    "Failure",
    "ReadOptions",
    "SourceKind",
    "article_id",
    "canonical_url",
    "check_text",
    "content_hash",
    "decode",
    "kind_of",
    "read_html",
    "read_html_file",
    "read_jsonl",
    "read_path",
    "read_sources",
    "read_text_file",
    "read_text_stream",
]

STDIN = "-"
SourceKind = Literal["text", "html", "jsonl"]
KIND_BY_SUFFIX: dict[str, SourceKind] = {".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_FILE_READERS: dict[SourceKind, Callable[[Path, ReadOptions], Article]] = {
    "text": read_text_file,
    "html": read_html_file,
}


def read_sources(
    paths: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    encoding: str = "utf-8",
    html_timeout: float = DEFAULT_HTML_TIMEOUT,
) -> Iterator[Article | Failure]:
    """Articles and Failures from each path in order; ``-`` reads text from ``stdin``.

    Raises only for bad options (``ValueError``, or ``LookupError`` for an unknown encoding),
    and does so before reading anything.
    """
    options = ReadOptions(max_chars=max_chars, encoding=encoding, html_timeout=html_timeout)
    return _read_all(list(paths), stdin, options)


def _read_all(
    paths: list[str], stdin: BinaryIO | None, options: ReadOptions
) -> Iterator[Article | Failure]:
    for path in paths:
        if path == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield attempt(STDIN_SOURCE, lambda s=stream: read_text_stream(s, STDIN_SOURCE, options))
        else:
            yield from read_path(Path(path), options)


def read_path(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """One file by its kind, or every file under a directory in sorted order."""
    if not path.is_dir():
        yield from _read_file(path, options)
        return
    for entry in iter_files(path):
        if isinstance(entry, Failure):
            yield entry
        else:
            yield from _read_file(entry, options)


def kind_of(path: Path) -> SourceKind:
    """The reader for a file, by extension; anything unknown is read as plain text."""
    return KIND_BY_SUFFIX.get(path.suffix.lower(), "text")


def _read_file(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    kind = kind_of(path)
    if kind == "jsonl":
        yield from read_jsonl(path, options)
    else:
        reader = _FILE_READERS[kind]
        yield attempt(str(path), lambda: reader(path, options))
