"""Ingesting URLs from a real HTTP server on 127.0.0.1: conditional requests and the store agree.

The readers' HTTP cache (ETag per URL, kept beside the corpus) turns a re-run's requests into
304s. A 304 must never hide a page the corpus has not got: when the run that fetched it ended
before storing it, the ingester fetches it again in full.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from quotetrail.corpus import connect_readonly
from quotetrail.ingest import IngestOptions, ingest
from quotetrail.read import ReadOptions, http_cache_beside

PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Harbour wall to be rebuilt</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2024-04-09">
</head><body><article><h1>Harbour wall to be rebuilt</h1>
<p>The harbour board agreed on Tuesday to rebuild the old sea wall before the winter storms,
after engineers found cracks along most of its length during an inspection in March.</p>
<p>"We cannot wait for the next storm to finish the job for us," the harbour master, Lucia
Moreno, told the board at its monthly meeting in the town hall.</p>
<p>Moreno said that the work would cost about two million pounds and take most of the summer.</p>
</article></body></html>"""
ETAG = '"v1"'


class Handler(BaseHTTPRequestHandler):
    log: list[tuple[str, int]]

    def do_GET(self) -> None:
        # Log before answering: once the client has the response, the test may read the log.
        if self.headers.get("If-None-Match") == ETAG:
            self.log.append((self.path, 304))
            self.send_response(304)
            self.end_headers()
            return
        self.log.append((self.path, 200))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[tuple[str, int]]]]:
    log: list[tuple[str, int]] = []
    handler = type("LoggingHandler", (Handler,), {"log": log})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/wall.html", log
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def options_for(db: Path) -> IngestOptions:
    return IngestOptions(read=ReadOptions(request_interval=0, http_cache=http_cache_beside(db)))


def test_a_page_is_stored_once_and_rerun_with_a_conditional_request(
    server: tuple[str, list], tmp_path: Path
) -> None:
    url, log = server
    db = tmp_path / "corpus.db"
    first = ingest([url], db, options_for(db))
    assert (first.stored, first.failed) == (1, 0)
    row = connect_readonly(db).execute("SELECT url, published FROM articles").fetchone()
    assert (row["url"], row["published"]) == (url, "2024-04-09")
    again = ingest([url], db, options_for(db))
    assert (again.stored, again.skipped) == (0, 1)
    assert log == [("/wall.html", 200), ("/wall.html", 304)]


def test_an_unchanged_page_the_corpus_has_not_got_is_fetched_again(
    server: tuple[str, list], tmp_path: Path
) -> None:
    url, log = server
    db = tmp_path / "corpus.db"
    ingest([url], db, options_for(db))
    for leftover in tmp_path.glob("corpus.db*"):  # the cache stays: as if never stored
        leftover.unlink()
    report = ingest([url], db, options_for(db))
    assert (report.stored, report.skipped, report.failed) == (1, 0, 0)
    assert log == [("/wall.html", 200), ("/wall.html", 304), ("/wall.html", 200)]
    assert connect_readonly(db).execute("SELECT count(*) FROM quotes").fetchone()[0] >= 1
