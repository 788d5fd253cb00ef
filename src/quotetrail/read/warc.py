"""WARC and WARC.gz files (Common Crawl CC-NEWS and other crawls): HTML captures as Articles.

Only ``response`` records carrying HTTP are documents. A 200 capture of an HTML page becomes an
Article whose ``url`` is the WARC-Target-URI and whose ``published`` falls back to the capture
date (WARC-Date) when the page states none; any other capture (an image, a redirect, a 404) is
a skip (``S102``); requests, metadata and warcinfo records are not documents and yield nothing.
Records are named ``path#record-N`` (N counts every record from 1) and one bad record never
stops the file.

FastWARC reads the file. warcio takes over for a record whose HTTP headers FastWARC cannot
parse, and from the last record FastWARC read when it stops early (a corrupt or truncated
record), so whatever either library can read is read.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType
from warcio.archiveiterator import ArchiveIterator as WarcioIterator

from quotetrail.errors import MalformedRecord, NotAnArticleRecord, TooLargeBytes, UnreadableSource
from quotetrail.read.failure import Failure, attempt
from quotetrail.read.html import read_html
from quotetrail.read.media import media_kind, split_content_type
from quotetrail.read.options import DEFAULT_OPTIONS, ReadOptions
from quotetrail.records import Article

__all__ = ["Capture", "read_warc"]

LOGGER = logging.getLogger(__name__)
OK = 200


@dataclass(frozen=True, slots=True)
class Capture:
    """One HTTP response record, whichever library parsed it; the payload is read on demand."""

    uri: str | None
    date: str | None  # capture date, YYYY-MM-DD
    status: int | None  # None: HTTP headers that cannot be parsed
    media_type: str
    charset: str | None
    length: int  # record block length: an upper bound on the payload
    read: Callable[[int], bytes]


def read_warc(
    path: str | Path, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Failure]:
    """Articles (and skips and Failures) of one WARC file, in record order."""
    path, source = Path(path), str(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        yield Failure.from_error(source, UnreadableSource(source, err.strerror or str(err)))
        return
    index, offset = 0, None  # the last record FastWARC read, and where it starts
    with stream:
        records = iter(ArchiveIterator(stream, parse_http=True, auto_decode="all"))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as err:  # FastWARC gave up; warcio tries below
                LOGGER.info("FastWARC stopped after record %d of %s: %s", index, source, err)
                break
            index, offset = index + 1, record.stream_pos
            if record.record_type != WarcRecordType.response or not record.is_http:
                continue
            capture = _fastwarc_capture(record)
            if capture is None:
                yield from _read_with_warcio(path, offset, index, options, only_first=True)
            else:
                yield from _read_capture(f"{source}#record-{index}", capture, options)
    if offset is None:  # FastWARC read no record at all
        yield from _read_with_warcio(path, 0, 1, options)
    else:  # on from FastWARC's last record, in case it stopped early
        yield from _read_with_warcio(path, offset, index, options, skip_first=True)


def _fastwarc_capture(record: WarcRecord) -> Capture | None:
    http = record.http_headers
    status = http.status_code if http is not None else None
    if status is None:
        return None
    return Capture(
        uri=record.headers.get("WARC-Target-URI"),
        date=_iso_date(record.headers.get("WARC-Date")),
        status=status,
        media_type=(record.http_content_type or "").lower(),
        charset=record.http_charset,
        length=record.content_length,
        read=record.reader.read,
    )


def _read_with_warcio(
    path: Path,
    offset: int,
    number: int,
    options: ReadOptions,
    *,
    skip_first: bool = False,
    only_first: bool = False,
) -> Iterator[Article | Failure]:
    """Records from ``offset`` on with warcio; ``number`` is the record number found there."""
    first = number
    with path.open("rb") as stream:
        stream.seek(offset)
        records = iter(WarcioIterator(stream, arc2warc=False))
        for number in itertools.count(first):
            source = f"{path}#record-{number}"
            try:
                record = next(records)
                if record.format != "warc":
                    raise ValueError(f"{record.format} data, not a WARC record")
            except StopIteration:
                return
            except Exception as err:  # neither library can read on from here
                if not (skip_first and number == first):  # FastWARC read that one: say nothing
                    yield Failure.from_error(source, MalformedRecord(source, f"unreadable: {err}"))
                return
            if _is_http_response(record) and not (skip_first and number == first):
                yield from _read_capture(source, _warcio_capture(record), options)
            if only_first:
                return


def _is_http_response(record: Any) -> bool:
    """A response record that holds HTTP (parsed or not); dns: and whois: captures do not."""
    declared = record.rec_headers.get_header("Content-Type") or ""
    return record.rec_type == "response" and (
        record.http_headers is not None or declared.startswith("application/http")
    )


def _warcio_capture(record: Any) -> Capture:
    http = record.http_headers
    code = (http.get_statuscode() if http is not None else None) or ""
    content_type = http.get_header("Content-Type") if http is not None else None
    media_type, charset = split_content_type(content_type)
    return Capture(
        uri=record.rec_headers.get_header("WARC-Target-URI"),
        date=_iso_date(record.rec_headers.get_header("WARC-Date")),
        status=int(code) if code.isdigit() else None,
        media_type=media_type,
        charset=charset,
        length=int(record.rec_headers.get_header("Content-Length") or 0),
        read=record.content_stream().read,
    )


def _read_capture(
    source: str, capture: Capture, options: ReadOptions
) -> Iterator[Article | Failure]:
    what = capture.uri or "no target URI"
    if capture.status is None:
        error: Exception = MalformedRecord(source, f"unparsable HTTP headers, capture of {what}")
    elif capture.status != OK:
        error = NotAnArticleRecord(source, f"HTTP {capture.status} capture of {what}")
    elif capture.length > options.max_html_bytes:
        error = TooLargeBytes(source, capture.length, options.max_html_bytes)
    else:
        yield attempt(source, lambda: _article(source, capture, options))
        return
    yield Failure.from_error(source, error)  # type: ignore[arg-type]


def _article(source: str, capture: Capture, options: ReadOptions) -> Article:
    try:
        body = capture.read(options.max_html_bytes + 1)
    except Exception as err:  # a broken payload encoding, say
        raise MalformedRecord(source, f"payload unreadable: {err}") from None
    if len(body) > options.max_html_bytes:
        raise TooLargeBytes(source, len(body), options.max_html_bytes)
    if media_kind(capture.media_type, body) != "html":
        media = capture.media_type or "untyped"
        raise NotAnArticleRecord(source, f"{media} capture of {capture.uri}, not an HTML page")
    article = read_html(body, source, url=capture.uri, charset=capture.charset, options=options)
    if article.published is None and capture.date:
        article = dataclasses.replace(article, published=capture.date)
    return article


def _iso_date(value: str | None) -> str | None:
    """``2024-03-05T08:30:00Z`` -> ``2024-03-05``; None when absent or not a date."""
    try:
        return datetime.fromisoformat(value).date().isoformat() if value else None
    except ValueError:
        return None
