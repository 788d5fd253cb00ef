"""Readers: turn files, directories, WARC archives, URLs, feeds and stdin into Articles.

``read_sources`` is the one entry point for ``quotetrail extract PATH...`` and the corpus
ingester. It never raises for a per-document problem: each unusable document (missing, binary,
undecodable, empty, too large, not English, malformed, unextractable, an HTTP or network error)
yields a :class:`Failure` carrying the stable error code, and reading goes on. Deliberate skips
(a page unchanged since the last run, a WARC capture that is no page) are Failures with
``skipped=True`` and an ``S1xx`` code.

Sources by shape: ``-`` is stdin; ``http://`` and ``https://`` URLs are fetched and read as a
page or, when the response is RSS/Atom, as a feed of pages (``feed:URL`` forces a feed);
``.warc`` and ``.warc.gz`` files are web archives; ``.html``/``.htm`` pages, ``.jsonl`` corpora,
``.json`` article records (other JSON is skipped), directories (walked in sorted order); anything
else is plain text. A ``.gz`` of any of these is read as the file inside it.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

from quotetrail.read.compressed import inner_name
from quotetrail.read.failure import Failure, attempt
from quotetrail.read.feeds import FeedEntry, parse_feed
from quotetrail.read.fetch import Fetcher, Response
from quotetrail.read.files import iter_files, refuse_special
from quotetrail.read.html import read_html, read_html_file
from quotetrail.read.ids import article_id, canonical_url, content_hash
from quotetrail.read.jsonl import read_json, read_jsonl
from quotetrail.read.options import (
    DEFAULT_HTML_TIMEOUT,
    DEFAULT_MAX_CHARS,
    ReadOptions,
    http_cache_beside,
)
from quotetrail.read.text import STDIN_SOURCE, check_text, decode, read_text_file, read_text_stream
from quotetrail.read.warc import read_warc
from quotetrail.read.web import FEED_HINT, read_url
from quotetrail.records import Article

__all__ = [
    "DEFAULT_HTML_TIMEOUT",
    "DEFAULT_MAX_CHARS",
    "FEED_HINT",
    "STDIN",
    "Failure",
    "FeedEntry",
    "Fetcher",
    "ReadOptions",
    "Response",
    "SourceKind",
    "article_id",
    "canonical_url",
    "check_text",
    "content_hash",
    "decode",
    "http_cache_beside",
    "is_url",
    "kind_of",
    "parse_feed",
    "read_html",
    "read_html_file",
    "read_json",
    "read_jsonl",
    "read_path",
    "read_sources",
    "read_text_file",
    "read_text_stream",
    "read_url",
    "read_warc",
]

STDIN = "-"
URL_PREFIXES = ("http://", "https://")
SourceKind = Literal["text", "html", "jsonl", "json", "warc"]
KIND_BY_SUFFIX: dict[str, SourceKind] = {
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
}
WARC_SUFFIXES = (".warc", ".warc.gz")
_FILE_READERS: dict[SourceKind, Callable[[Path, ReadOptions], Article]] = {
    "text": read_text_file,
    "html": read_html_file,
}


def read_sources(
    sources: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    options: ReadOptions | None = None,
    max_chars: int | None = None,
    encoding: str | None = None,
    html_timeout: float | None = None,
) -> Iterator[Article | Failure]:
    """Articles and Failures from each source in order (see the module docstring for kinds).

    ``options`` (default: ``ReadOptions()``) carries every setting; ``max_chars``, ``encoding``
    and ``html_timeout`` are shorthands that override it. Raises only for bad options
    (``ValueError``, or ``LookupError`` for an unknown encoding), before reading anything.
    URLs share one Fetcher, so pacing per host spans the run and the HTTP cache is saved once,
    when reading ends.
    """
    overrides: dict[str, Any] = {
        name: value
        for name, value in (
            ("max_chars", max_chars),
            ("encoding", encoding),
            ("html_timeout", html_timeout),
        )
        if value is not None
    }
    resolved = dataclasses.replace(options or ReadOptions(), **overrides)
    return _read_all(list(sources), stdin, resolved)


def is_url(source: str) -> bool:
    """Whether a source is fetched over HTTP (with or without the ``feed:`` hint)."""
    return source.removeprefix(FEED_HINT).lower().startswith(URL_PREFIXES)


def _read_all(
    sources: list[str], stdin: BinaryIO | None, options: ReadOptions
) -> Iterator[Article | Failure]:
    fetcher: Fetcher | None = None
    try:
        for source in sources:
            if source == STDIN:
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield attempt(
                    STDIN_SOURCE, lambda s=stream: read_text_stream(s, STDIN_SOURCE, options)
                )
            elif is_url(source):
                fetcher = fetcher or Fetcher(options)
                url = source.removeprefix(FEED_HINT)
                yield from read_url(url, fetcher, options, as_feed=url != source)
            else:
                yield from read_path(Path(source), options)
    finally:
        if fetcher is not None:
            fetcher.close()


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
    """The reader for a file, by extension (a ``.gz`` by the name inside it: ``page.html.gz``
    is a page); anything unknown is read as plain text."""
    if path.name.lower().endswith(WARC_SUFFIXES):
        return "warc"
    return KIND_BY_SUFFIX.get(inner_name(path).suffix.lower(), "text")


def _read_file(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    if (refused := refuse_special(path)) is not None:  # a FIFO, a device: never opened
        yield refused
        return
    kind = kind_of(path)
    if kind == "jsonl":
        yield from read_jsonl(path, options)
    elif kind == "json":
        yield from read_json(path, options)
    elif kind == "warc":
        yield from read_warc(path, options)
    else:
        reader = _FILE_READERS[kind]
        yield attempt(str(path), lambda: reader(path, options))
