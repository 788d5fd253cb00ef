"""WARC and WARC.gz files written in the test with warcio, read through read_sources."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotetrail.errors import MalformedRecord, NotAnArticleRecord, UnreadableSource
from quotetrail.read import Failure, ReadOptions, kind_of, read_sources
from quotetrail.records import Article

CAPTURED = "2024-03-05T08:30:00Z"
ARTICLE_URI = "https://news.example.com/2024/ferry-terminal"
PARAGRAPHS = [
    "Harbour officials in Portsmouth said on Monday that the new ferry terminal would open in "
    "March, two years later than planned, after a dispute with the main contractor over costs.",
    '"We are disappointed, but the terminal will be worth the wait," said Ellen Marsh, the chief '
    "executive of the port authority, adding that existing sailings would not be affected.",
]
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Ferry terminal delayed</title></head><body><main><article>"
    + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    + "</article></main><footer>Copyright Example Media</footer></body></html>"
).encode()


def response(
    writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes, **extra: str
) -> None:
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *extra.items()], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        length=len(body),  # without it warcio spools the payload to a file it never closes
        http_headers=headers,
        warc_headers_dict={"WARC-Date": CAPTURED},
    )
    writer.write_record(record)


def broken_response(writer: WARCWriter, uri: str) -> None:
    """A response record whose HTTP status line and headers are not HTTP at all."""
    payload = b"THIS IS NOT HTTP\r\nno headers here\r\n\r\n<html></html>"
    record = writer.create_warc_record(
        uri,
        "resource",  # warcio would refuse to build a response with such a payload
        payload=io.BytesIO(payload),
        length=len(payload),
        warc_content_type="application/http; msgtype=response",
        warc_headers_dict={"WARC-Date": CAPTURED},
    )
    record.rec_headers.replace_header("WARC-Type", "response")
    writer.write_record(record)


def write_warc(path: Path, *, compress: bool) -> Path:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = b"GET /2024/ferry-terminal HTTP/1.1\r\nHost: news.example.com\r\n\r\n"
        writer.write_record(
            writer.create_warc_record(
                ARTICLE_URI, "request", payload=io.BytesIO(request), length=len(request)
            )
        )
        response(writer, ARTICLE_URI, "200 OK", "text/html; charset=utf-8", PAGE)
        response(writer, "https://news.example.com/logo.png", "200 OK", "image/png", b"\x89PNG")
        response(writer, "https://news.example.com/gone", "404 Not Found", "text/html", b"<p>")
        broken_response(writer, "https://news.example.com/broken")
    return path


def outcome(record: Article | Failure) -> tuple[str, str, bool]:
    if isinstance(record, Article):
        return (record.source, "article", False)
    return (record.source, record.code, record.skipped)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_yields_the_html_capture_and_reports_the_rest(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, compress=name.endswith(".gz"))
    records = list(read_sources([str(path)]))
    assert [outcome(record) for record in records] == [
        (f"{path}#record-3", "article", False),
        (f"{path}#record-4", NotAnArticleRecord.code, True),
        (f"{path}#record-5", NotAnArticleRecord.code, True),
        (f"{path}#record-6", MalformedRecord.code, False),
    ]
    article = records[0]
    assert isinstance(article, Article)
    assert article.url == ARTICLE_URI
    assert article.published == "2024-03-05"  # the page has no date: the capture date
    assert article.title == "Ferry terminal delayed"
    assert all(paragraph in article.text for paragraph in PARAGRAPHS)
    assert "image/png" in records[1].message and "HTTP 404" in records[2].message
    assert "news.example.com/broken" in records[3].message


def test_page_date_wins_over_the_capture_date(tmp_path: Path) -> None:
    dated = PAGE.replace(
        b"</title>", b"</title><meta property='article:published_time' content='2023-12-24'>"
    )
    path = tmp_path / "dated.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        response(writer, ARTICLE_URI, "200 OK", "text/html", dated)
    (article,) = read_sources([str(path)])
    assert isinstance(article, Article) and article.published == "2023-12-24"


def test_chunked_and_gzip_encoded_payloads_are_decoded(tmp_path: Path) -> None:
    body = gzip.compress(PAGE)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    path = tmp_path / "encoded.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        response(
            writer,
            ARTICLE_URI,
            "200 OK",
            "text/html",
            chunked,
            **{"Transfer-Encoding": "chunked", "Content-Encoding": "gzip"},
        )
    (article,) = read_sources([str(path)])
    assert isinstance(article, Article) and PARAGRAPHS[0] in article.text


def test_garbage_after_a_good_record_is_one_failure(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "damaged.warc", compress=False)
    data = path.read_bytes()
    cut = data.index(b"WARC/1.0", data.index(b"WARC-Type: response"))  # after the article
    path.write_bytes(data[:cut] + b"GARBAGE LINE\r\n\r\n" + data[cut:])
    records = list(read_sources([str(path)]))
    assert [outcome(record) for record in records] == [
        (f"{path}#record-3", "article", False),
        (f"{path}#record-4", MalformedRecord.code, False),
    ]


def test_files_that_are_not_warc_fail_without_raising(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.warc"
    garbage.write_bytes(b"these are my notes, not an archive\n" * 20)
    (record,) = read_sources([str(garbage)])
    assert isinstance(record, Failure) and record.code == MalformedRecord.code
    (missing,) = read_sources([str(tmp_path / "missing.warc.gz")])
    assert isinstance(missing, Failure) and missing.code == UnreadableSource.code
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert list(read_sources([str(empty)])) == []


def test_warc_files_in_a_folder_are_read_as_archives(tmp_path: Path) -> None:
    write_warc(tmp_path / "b.warc.gz", compress=True)
    assert kind_of(tmp_path / "b.warc.gz") == kind_of(tmp_path / "a.WARC") == "warc"
    records = list(read_sources([str(tmp_path)], options=ReadOptions(max_chars=100)))
    assert [outcome(record)[1] for record in records] == ["E104", "S102", "S102", "E106"]
