"""The split button in a real browser: Chromium (Playwright) posts the speaker page's plain
form to a real server started with edits allowed, under the pages' Content-Security-Policy and
no-referrer policy (so the browser sends ``Origin: null``), and the merge is undone.

Skipped, with the reason, when Chromium or Playwright is missing (as tests/test_browser.py).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from quotetrail.corpus import connect_readonly
from quotetrail.corpus.linking import refresh
from quotetrail.ingest import ingest

CHROMIUM = Path("/usr/bin/chromium")
DATA = Path(__file__).parent / "data" / "linking" / "articles.jsonl"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} is not installed (apt-get install chromium): no browser to drive",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A linked corpus served with --allow-edit on a free loopback port; (base URL, db)."""
    import uvicorn

    from quotetrail.web.app import create_app

    db = tmp_path_factory.mktemp("browser-split") / "corpus.db"
    assert ingest([str(DATA)], db).stored == 7
    refresh(db)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(create_app(db, allow_edit=True), log_level="warning", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", db
    server.should_exit = True
    thread.join(timeout=20)
    sock.close()


def test_the_split_button_undoes_a_merge(served: tuple[str, Path]) -> None:
    base, db = served
    with closing(connect_readonly(db)) as conn:
        merged, into = conn.execute(
            """SELECT m.speaker_id, m.into_id FROM speaker_merges m
               JOIN speakers x ON x.id = m.speaker_id WHERE x.name = 'Henrik Solbaken'"""
        ).fetchone()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.goto(f"{base}/speakers/{into}")
            row = page.locator("#merged tr", has_text="Henrik Solbaken")
            row.locator("button[type=submit]").click()
            page.wait_for_load_state()
            assert page.url.startswith(f"{base}/speakers/{into}")
            assert page.locator("#merged tr", has_text="Henrik Solbaken").count() == 0
        finally:
            browser.close()
    with closing(connect_readonly(db)) as conn:
        rows = conn.execute("SELECT a_id, b_id FROM speaker_splits").fetchall()
        assert [tuple(r) for r in rows] == [tuple(sorted((merged, into)))]
