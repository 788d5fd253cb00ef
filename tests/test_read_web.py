"""URLs and feeds read from a real HTTP server on 127.0.0.1, started by these tests."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from typing import ClassVar

import pytest

from quotetrail.errors import (
    FetchFailed,
    HttpStatusError,
    MalformedRecord,
    NotAPage,
    TooLarge,
    Unchanged,
)
from quotetrail.read import Failure, ReadOptions, http_cache_beside, read_sources
from quotetrail.read.fetch import HostPacer
from quotetrail.records import Article

PARAGRAPHS_A = [
    "Harbour officials in Portsmouth said on Monday that the new ferry terminal would open in "
    "March, two years later than planned, after a dispute with the main contractor over costs.",
    '"We are disappointed, but the terminal will be worth the wait," said Ellen Marsh, the chief '
    "executive of the port authority, adding that existing sailings would not be affected.",
]
PARAGRAPHS_B = [
    "The city council voted on Tuesday evening to close the old library on Mill Street and to "
    "move its collection to the new community centre that opens in the spring of next year.",
    '"This is the end of an era, and we know that many people are sad about it," the council '
    "leader told residents who had gathered outside the town hall before the meeting began.",
]


def page(paragraphs: list[str], head: str = "") -> bytes:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head>"
        f"<body><nav><a href='/'>Home</a></nav><main><article>{body}</article></main>"
        "<footer>Copyright Example Media</footer></body></html>"
    ).encode()


PAGE_A = page(
    PARAGRAPHS_A,
    "<title>Ferry terminal delayed</title>"
    "<meta property='article:published_time' content='2024-03-05T08:30:00Z'>",
)
PAGE_B = page(PARAGRAPHS_B)  # no title, no date: a feed entry supplies them
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example News</title><link>/</link>
<item><title>Ferry entry title</title><link>/a.html</link>
  <pubDate>Sat, 02 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Library to close</title><link>/b.html</link>
  <pubDate>Wed, 06 Mar 2024 18:00:00 GMT</pubDate></item>
<item><title>Same page again</title><link>/b.html</link></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example News</title>
<id>urn:example:feed</id><updated>2024-03-06T18:00:00Z</updated>
<entry><title>Library to close</title><id>urn:example:b</id><link href="/b.html"/>
  <updated>2024-03-06T18:00:00Z</updated></entry>
<entry><title>Ferry</title><id>urn:example:a</id><link href="/a.html"/>
  <updated>2024-03-02T10:00:00Z</updated></entry>
</feed>"""
LAST_MODIFIED = "Tue, 05 Mar 2024 08:30:00 GMT"


@dataclass
class Seen:
    """A request as the server received it."""

    path: str
    at: float
    headers: dict[str, str] = field(default_factory=dict)


class Site(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Callable[[Site], None]]] = {}
    log: list[Seen]

    def do_GET(self) -> None:
        self.log.append(Seen(self.path, time.monotonic(), dict(self.headers.items())))
        route = self.routes.get(self.path.split("?")[0], Site.missing)
        # the client may hang up early (size cap, time limit): expected in those tests
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, body: bytes, content_type: str, status: int = 200, **headers: str) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def missing(self) -> None:
        self.send(b"<html><body><p>Not found</p></body></html>", "text/html", 404)

    def slow(self) -> None:
        time.sleep(0.1)
        self.send(PAGE_A, "text/html")

    def gzipped(self) -> None:
        body = gzip.compress(PAGE_B)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.end_headers()  # no Content-Length: read to the end of the stream
        self.wfile.write(body)
        self.close_connection = True

    def bomb(self) -> None:
        body = gzip.compress(b"<html><body>" + b" " * 5_000_000 + b"</body></html>")
        self.send(body, "text/html", Content_Encoding="gzip")

    def drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(40):
            self.wfile.write(b"<p>more</p>")
            self.wfile.flush()
            time.sleep(0.05)


Site.routes = {
    "/a.html": lambda s: s.send(PAGE_A, "text/html; charset=utf-8"),
    "/b.html": lambda s: s.send(PAGE_B, "text/html"),
    "/etag.html": lambda s: s.send(PAGE_A, "text/html", Last_Modified=LAST_MODIFIED),
    "/rss.xml": lambda s: s.send(RSS, "application/rss+xml"),
    "/atom.xml": lambda s: s.send(ATOM, "application/atom+xml"),
    "/feed.txt": lambda s: s.send(RSS, "text/plain"),
    "/odd-feed": lambda s: s.send(ATOM, "application/x-unknown"),
    "/broken-feed.xml": lambda s: s.send(RSS.replace(b"<link>/b.html", b"<link>/gone"), "text/xml"),
    "/latin1.html": lambda s: s.send(
        page([PARAGRAPHS_B[0].replace("community centre", "Café Müller")])
        .decode()
        .encode("latin-1"),
        "text/html; charset=ISO-8859-1",
    ),
    "/image.png": lambda s: s.send(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
    "/old": lambda s: s.send(b"", "text/html", 301, Location="/a.html"),
    "/loop": lambda s: s.send(b"", "text/html", 302, Location="/loop"),
    "/slow.html": Site.slow,
    "/gzip.html": Site.gzipped,
    "/bomb.html": Site.bomb,
    "/drip.html": Site.drip,
}


@dataclass
class Server:
    base: str
    log: list[Seen]

    def url(self, path: str) -> str:
        return self.base + path

    def requests_for(self, path: str) -> list[Seen]:
        return [seen for seen in self.log if seen.path == path]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    log: list[Seen] = []
    handler = type("LoggedSite", (Site,), {"log": log})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", log)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


FAST = ReadOptions(request_interval=0.0, fetch_timeout=5.0)


def read(*sources: str, options: ReadOptions = FAST) -> list[Article | Failure]:
    return list(read_sources(sources, options=options))


def failure(record: Article | Failure) -> Failure:
    assert isinstance(record, Failure), record
    return record


# --- pages -------------------------------------------------------------------------------------


def test_page_becomes_an_article_with_the_url_and_our_user_agent(server: Server) -> None:
    (article,) = read(server.url("/a.html"))
    assert isinstance(article, Article)
    assert all(paragraph in article.text for paragraph in PARAGRAPHS_A)
    assert "Copyright" not in article.text
    assert (article.source, article.url) == (server.url("/a.html"), server.url("/a.html"))
    assert (article.title, article.published) == ("Ferry terminal delayed", "2024-03-05")
    assert article.content_hash == hashlib.sha256(PAGE_A).hexdigest()
    (seen,) = server.log
    assert seen.headers["User-Agent"].startswith("quotetrail/")
    assert "+https://github.com/quotetrail" in seen.headers["User-Agent"]


def test_user_agent_is_configurable(server: Server) -> None:
    read(server.url("/a.html"), options=ReadOptions(request_interval=0, user_agent="bot/2 (me)"))
    assert server.log[0].headers["User-Agent"] == "bot/2 (me)"


def test_http_errors_and_other_content_are_failures_and_reading_goes_on(server: Server) -> None:
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/x.html"
    records = read(server.url("/missing"), server.url("/image.png"), closed, server.url("/b.html"))
    missing, image, refused, article = records
    assert (failure(missing).code, failure(missing).skipped) == (HttpStatusError.code, False)
    assert "HTTP 404" in missing.message and missing.source == server.url("/missing")
    assert failure(image).code == NotAPage.code and "image/png" in image.message
    assert failure(refused).code == FetchFailed.code
    assert isinstance(article, Article)


def test_the_charset_the_server_declares_decodes_the_page(server: Server) -> None:
    (article,) = read(server.url("/latin1.html"))
    assert isinstance(article, Article) and "Café Müller" in article.text


def test_redirects_are_followed_and_the_final_url_kept(server: Server) -> None:
    (article,) = read(server.url("/old"))
    assert isinstance(article, Article)
    assert (article.source, article.url) == (server.url("/old"), server.url("/a.html"))
    (loop,) = read(server.url("/loop"))
    assert failure(loop).code == FetchFailed.code and "redirects" in loop.message


def test_gzip_bodies_are_decoded_and_gzip_bombs_stop_at_the_cap(server: Server) -> None:
    (article,) = read(server.url("/gzip.html"))
    assert isinstance(article, Article) and PARAGRAPHS_B[0] in article.text
    assert server.log[0].headers["Accept-Encoding"] == "gzip"
    small = ReadOptions(request_interval=0, max_chars=10_000)  # 100 kB of markup
    (bomb,) = read(server.url("/bomb.html"), options=small)
    assert failure(bomb).code == TooLarge.code


def test_size_cap_refuses_a_declared_large_page(server: Server) -> None:
    (record,) = read(server.url("/a.html"), options=ReadOptions(request_interval=0, max_chars=50))
    assert failure(record).code == TooLarge.code
    assert f"{len(PAGE_A):,} bytes" in record.message


def test_fetch_timeout_bounds_a_dripping_server(server: Server) -> None:
    started = time.monotonic()
    (record,) = read(server.url("/drip.html"), options=ReadOptions(fetch_timeout=0.3))
    assert failure(record).code == FetchFailed.code and "longer than 0.3 s" in record.message
    assert time.monotonic() - started < 1.5


# --- politeness --------------------------------------------------------------------------------


def test_requests_to_one_host_are_spaced_by_the_interval(server: Server) -> None:
    urls = [server.url(f"/slow.html?n={n}") for n in range(3)]
    records = read(*urls, options=ReadOptions(request_interval=0.2))
    assert all(isinstance(record, Article) for record in records)
    arrivals = [seen.at for seen in server.log]
    assert len(arrivals) == 3
    assert all(later - earlier >= 0.2 for earlier, later in pairwise(arrivals))


def test_pacing_is_per_host() -> None:
    pacer = HostPacer(0.3)
    pacer.done("a.example")
    started = time.monotonic()
    pacer.wait("b.example")
    assert time.monotonic() - started < 0.1
    pacer.wait("a.example")
    assert time.monotonic() - started >= 0.25


# --- conditional requests ----------------------------------------------------------------------


def test_second_run_asks_if_changed_and_skips_an_unchanged_page(
    server: Server, tmp_path: Path
) -> None:
    options = ReadOptions(request_interval=0, http_cache=tmp_path / "corpus.http-cache.sqlite")
    (first,) = read(server.url("/etag.html"), options=options)
    assert isinstance(first, Article)
    (second,) = read(server.url("/etag.html"), options=options)
    assert (failure(second).code, second.skipped) == (Unchanged.code, True)
    sent_first, sent_second = (seen.headers for seen in server.log)
    assert "If-None-Match" not in sent_first
    assert sent_second["If-None-Match"] == '"' + hashlib.sha256(PAGE_A).hexdigest()[:16] + '"'
    assert sent_second["If-Modified-Since"] == LAST_MODIFIED


def test_cache_lives_beside_the_store_and_no_cache_means_full_fetches(
    server: Server, tmp_path: Path
) -> None:
    assert http_cache_beside(tmp_path / "corpus.db") == tmp_path / "corpus.http-cache.sqlite"
    read(server.url("/etag.html"))
    read(server.url("/etag.html"))
    assert all("If-None-Match" not in seen.headers for seen in server.log)


def test_a_run_stopped_early_remembers_only_what_was_taken(server: Server, tmp_path: Path) -> None:
    options = ReadOptions(request_interval=0, http_cache=tmp_path / "cache.sqlite")
    records = read_sources([server.url("/a.html"), server.url("/b.html")], options=options)
    assert isinstance(next(records), Article)
    assert isinstance(next(records), Article)  # b was handed over, but never followed by a next()
    records.close()
    codes = [
        getattr(record, "code", "article")
        for record in read(server.url("/a.html"), server.url("/b.html"), options=options)
    ]
    assert codes == [Unchanged.code, "article"]


# --- feeds -------------------------------------------------------------------------------------


def test_rss_feed_yields_its_pages_with_entry_fallbacks(server: Server) -> None:
    a, b = read(server.url("/rss.xml"))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.url, a.source) == (server.url("/a.html"), server.url("/a.html"))
    assert (a.title, a.published) == ("Ferry terminal delayed", "2024-03-05")  # the page's own
    assert (b.title, b.published) == ("Library to close", "2024-03-06")  # from the entry
    assert [seen.path for seen in server.log] == ["/rss.xml", "/a.html", "/b.html"]


def test_atom_feed_in_entry_order_and_capped(server: Server) -> None:
    b, a = read(server.url("/atom.xml"))
    assert (getattr(b, "url", None), getattr(a, "url", None)) == (
        server.url("/b.html"),
        server.url("/a.html"),
    )
    capped = ReadOptions(request_interval=0, max_feed_entries=1)
    (only,) = read(server.url("/atom.xml"), options=capped)
    assert isinstance(only, Article) and only.url == server.url("/b.html")


def test_feeds_are_recognised_by_their_content_or_the_feed_hint(server: Server) -> None:
    assert [type(r).__name__ for r in read(server.url("/feed.txt"))] == ["Article", "Article"]
    (unknown,) = read(server.url("/odd-feed"))
    assert failure(unknown).code == NotAPage.code
    hinted = read("feed:" + server.url("/odd-feed"))
    assert [type(r).__name__ for r in hinted] == ["Article", "Article"]
    (not_a_feed,) = read("feed:" + server.url("/a.html"))
    assert failure(not_a_feed).code == MalformedRecord.code


def test_feed_unchanged_on_rerun_unless_an_entry_failed(server: Server, tmp_path: Path) -> None:
    options = ReadOptions(request_interval=0, http_cache=tmp_path / "cache.sqlite")
    assert len(read(server.url("/rss.xml"), options=options)) == 2
    (again,) = read(server.url("/rss.xml"), options=options)
    assert (failure(again).code, again.skipped) == (Unchanged.code, True)
    first = [
        getattr(r, "code", "article") for r in read(server.url("/broken-feed.xml"), options=options)
    ]
    assert first == [Unchanged.code, HttpStatusError.code]  # /a.html is known from the RSS run
    second = [
        getattr(r, "code", "article") for r in read(server.url("/broken-feed.xml"), options=options)
    ]
    assert second == first  # the feed was fetched in full again, to retry /gone
    feed_requests = server.requests_for("/broken-feed.xml")
    assert all("If-None-Match" not in seen.headers for seen in feed_requests)


def test_an_unusable_cache_file_is_ignored_not_fatal(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"this is not a SQLite database" * 10)
    options = ReadOptions(request_interval=0, http_cache=cache)
    for _ in range(2):
        (article,) = read(server.url("/etag.html"), options=options)
        assert isinstance(article, Article)
    assert all("If-None-Match" not in seen.headers for seen in server.log)


@pytest.mark.parametrize(
    "bad",
    [
        {"request_interval": -1},
        {"fetch_timeout": 0},
        {"max_feed_entries": 0},
        {"user_agent": "two\r\nlines"},
    ],
)
def test_bad_fetch_options_fail_before_any_request(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ReadOptions(**bad)  # type: ignore[arg-type]
