"""JSON Lines corpora: one ``{"id", "text", ...}`` object per line, read line by line; and
``.json`` files holding one such record or a list of them.

A bad line becomes a Failure named ``path:lineno`` and reading goes on, so one broken record in
a million-line dump costs one record. A ``.json`` file that holds no article record (a gold file,
a config) is skipped with ``S103`` rather than read as an article.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from quotetrail.errors import (
    InputError,
    MalformedRecord,
    NotArticleJson,
    TooLargeBytes,
    UnreadableSource,
)
from quotetrail.read.compressed import open_binary, read_file_bytes
from quotetrail.read.failure import Failure, attempt
from quotetrail.read.ids import content_hash
from quotetrail.read.options import DEFAULT_OPTIONS, ReadOptions
from quotetrail.read.text import check_text, decode
from quotetrail.records import Article
from quotetrail.unicode import check_fields

__all__ = ["parse_record", "read_json", "read_jsonl", "read_jsonl_stream"]

OPTIONAL_TEXT_FIELDS = ("url", "title", "outlet", "published")
LINE_END = b"\r\n"


def read_jsonl(
    path: str | Path, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Failure]:
    """Records of one .jsonl (or .jsonl.gz) file in file order; blank lines are skipped."""
    try:
        with open_binary(Path(path)) as stream:
            yield from read_jsonl_stream(stream, str(path), options)
    except OSError as err:
        yield Failure.from_error(str(path), UnreadableSource(str(path), err.strerror or str(err)))
    except (EOFError, zlib.error) as err:  # a truncated or corrupt .gz
        yield Failure.from_error(str(path), UnreadableSource(str(path), f"bad gzip data: {err}"))


def read_json(
    path: str | Path, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Failure]:
    """A .json file: one article record, or a list of them (named ``path#N``, from 1).

    Anything else (an object without ``"text"``, such as a folder's ground-truth file) is
    skipped with ``S103``, never read as the text of an article.
    """
    source = str(path)
    try:
        raw = read_file_bytes(Path(path), options.max_line_bytes, source)
        value = _load(raw, source)
    except InputError as err:
        yield Failure.from_error(source, err)
        return
    except OSError as err:
        yield Failure.from_error(source, UnreadableSource(source, err.strerror or str(err)))
        return
    if _is_record(value):
        yield attempt(source, lambda: record_article(value, source, raw, options))
    elif isinstance(value, list) and value and any(_is_record(item) for item in value):
        for n, item in enumerate(value, start=1):
            name = f"{source}#{n}"
            yield attempt(name, lambda i=item, s=name: _list_item(i, s, options))
    else:
        yield Failure.from_error(source, NotArticleJson(source, _describe(value)))


def _is_record(value: object) -> bool:
    return isinstance(value, dict) and "text" in value


def _list_item(item: object, source: str, options: ReadOptions) -> Article:
    if not isinstance(item, dict):
        raise MalformedRecord(source, f"expected a JSON object, got {type(item).__name__}")
    raw = json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return record_article(item, source, raw, options)


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return f'an object of {len(value):,} keys, none of them "text"'
    if isinstance(value, list):
        return f"a list of {len(value):,} items, none an article" if value else "an empty list"
    return f"a JSON {type(value).__name__}"


def _load(raw: bytes, source: str) -> object:
    try:
        return json.loads(decode(raw, source))
    except json.JSONDecodeError as err:
        raise MalformedRecord(source, f"invalid JSON: {err.msg} at line {err.lineno}") from None


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
    return record_article(record, source, line, options)


def record_article(
    record: dict[str, Any], source: str, raw: bytes, options: ReadOptions = DEFAULT_OPTIONS
) -> Article:
    """An article record (already parsed) as an Article; ``raw`` is what its hash is taken of."""
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
        content_hash=content_hash(raw),
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
