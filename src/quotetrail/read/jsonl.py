"""JSON Lines corpora: one ``{"id", "text", ...}`` object per line, read line by line.

A bad line becomes a Failure named ``path:lineno`` and reading goes on, so one broken record in
a million-line dump costs one record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from quotetrail.errors import MalformedRecord, TooLargeBytes, UnreadableSource
from quotetrail.read.failure import Failure, attempt
from quotetrail.read.ids import content_hash
from quotetrail.read.options import DEFAULT_OPTIONS, ReadOptions
from quotetrail.read.text import check_text, decode
from quotetrail.records import Article
from quotetrail.unicode import check_fields

__all__ = ["parse_record", "read_jsonl", "read_jsonl_stream"]

OPTIONAL_TEXT_FIELDS = ("url", "title", "outlet", "published")
LINE_END = b"\r\n"


def read_jsonl(
    path: str | Path, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Failure]:
    """Records of one .jsonl file in file order; blank lines are skipped."""
    try:
        with Path(path).open("rb") as stream:
            yield from read_jsonl_stream(stream, str(path), options)
    except OSError as err:
        yield Failure.from_error(str(path), UnreadableSource(str(path), err.strerror or str(err)))


def read_jsonl_stream(
    stream: BinaryIO, name: str, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Failure]:
    """Records of a binary JSON Lines stream; memory stays bounded by the longest allowed line."""
    limit = options.max_line_bytes
    for lineno, line in enumerate(_lines(stream, limit), start=1):
        source = f"{name}:{lineno}"
        if line is None:
            yield Failure.from_error(source, TooLargeBytes(source, limit + 1, limit))
        elif line.strip():
            yield attempt(
                source, lambda line=line, source=source: parse_record(line, source, options)
            )


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines without their terminator; ``None`` stands for a line over ``limit`` (skipped)."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line.rstrip(LINE_END)


def parse_record(line: bytes, source: str, options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    """One JSON line as an Article; ``id`` and ``text`` are required, other fields optional."""
    try:
        record = json.loads(decode(line, source))
    except json.JSONDecodeError as err:
        raise MalformedRecord(source, f"invalid JSON: {err.msg} at column {err.colno}") from None
    if not isinstance(record, dict):
        raise MalformedRecord(source, f"expected a JSON object, got {type(record).__name__}")
    text = _required(record, "text", source)
    record_id = record.get("id")
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        record_id = str(record_id)
    if not isinstance(record_id, str) or not record_id:
        raise MalformedRecord(source, '"id" must be a non-empty string or an integer')
    fields = {name: _optional(record, name, source) for name in OPTIONAL_TEXT_FIELDS}
    article = Article(
        id=record_id,
        text=check_text(text, source, max_chars=options.max_chars),
        source=source,
        authors=_authors(record.get("authors"), source),
        content_hash=content_hash(line),
        **fields,
    )
    check_fields(article, source)  # "\ud800" in any field: refused here, not at the store
    return article


def _required(record: dict[str, Any], name: str, source: str) -> str:
    if name not in record:
        raise MalformedRecord(source, f'missing "{name}"')
    value = record[name]
    if not isinstance(value, str):
        raise MalformedRecord(source, f'"{name}" must be a string, not {type(value).__name__}')
    return value


def _optional(record: dict[str, Any], name: str, source: str) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise MalformedRecord(source, f'"{name}" must be a string or null')
    return value or None


def _authors(value: object, source: str) -> tuple[str, ...]:
    """A list of names, or one name as a string; anything else is a malformed record."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return tuple(name for name in value if name.strip())
    raise MalformedRecord(source, '"authors" must be a list of strings, a string or null')
