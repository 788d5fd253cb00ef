"""End to end in a real browser: Debian's Chromium, driven by Playwright, against the real
server (uvicorn on a free loopback port) over a corpus built by the real ingest.

Skipped, with the reason, when Chromium or Playwright is missing. Screenshots go to the folder
named by $QUOTETRAIL_SCREENSHOTS (the README's are made with ``docs/screenshots``), else to a
temporary folder.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_web import BREAKOUT, SCRIPT, build_corpus

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1320, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} is not installed (apt-get install chromium): no browser to drive",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app under uvicorn in a thread, on a port the OS picked; its base URL."""
    import uvicorn

    from quotetrail.web.app import create_app

    app = create_app(build_corpus(tmp_path_factory.mktemp("browser")))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", ws="none", lifespan="on")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=20)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: sync_api.Browser) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport=VIEWPORT)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("QUOTETRAIL_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_search_then_open_a_speaker(server: str, page: sync_api.Page, shots: Path) -> None:
    page.goto(f"{server}/search")
    page.fill("form.search-form input[name=q]", "repairs")
    page.click("form.search-form button[type=submit]")
    page.wait_for_url(lambda url: "q=repairs" in url)
    hits = page.locator("li.hit")
    assert hits.count() >= 3
    assert page.locator("li.hit mark.match").first.inner_text().lower().startswith("repair")
    assert "statements" in page.locator("p.summary").inner_text()
    page.screenshot(path=shots / "search.png", full_page=True)

    page.locator("li.hit a.speaker-name", has_text="Daniel Reyes").first.click()
    page.wait_for_url("**/speakers/**")
    assert page.locator("h1").inner_text().startswith("Daniel Reyes")
    assert page.locator("svg.chart rect.bar").count() >= 1
    assert page.locator(".timeline-item").count() == 3  # three articles quote him
    page.screenshot(path=shots / "speaker.png", full_page=True)


def test_article_shows_highlights_with_resolved_names(
    server: str, page: sync_api.Page, shots: Path
) -> None:
    expected = page.request.get(f"{server}/api/articles/ledger-levy").json()["quotes"]
    page.goto(f"{server}/articles/ledger-levy")
    contents = page.locator(".article-text mark.hl-content")
    statements = {contents.nth(i).get_attribute("data-quote") for i in range(contents.count())}
    assert len(statements) == len(expected)
    assert page.locator(".article-text mark.hl-cue").count() == len(expected)
    assert page.locator(".article-text mark.hl-speaker").count() >= 5
    she = page.locator(".article-text mark.hl-speaker", has_text="she").first
    she.hover()
    assert (she.get_attribute("title") or "").startswith("Maria Okafor")
    assert she.locator(".hl-label").inner_text().lower() == "maria okafor"
    # distinct speakers are drawn in distinct colours
    colours = page.eval_on_selector_all(
        ".article-text mark.hl-speaker",
        "marks => [...new Set(marks.map(m => getComputedStyle(m).backgroundColor))]",
    )
    assert len(colours) >= 4
    assert page.locator("aside.statements li.statement").count() == len(expected)
    page.screenshot(path=shots / "article.png", full_page=True)


@pytest.mark.parametrize("path", ["/articles/xss-article", "/search?q=budget", "/"])
def test_hostile_article_runs_nothing(browser: sync_api.Browser, server: str, path: str) -> None:
    # bypass_csp: the page's Content-Security-Policy would stop a script anyway; this checks
    # that escaping alone keeps the payloads inert.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # an onerror handler would fire as the image fails to load
    assert dialogs == []
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    if path.startswith("/articles/"):
        assert SCRIPT in page.locator("h1").inner_text()  # shown as text, as written
        assert BREAKOUT in page.locator(".article-text").inner_text()
        assert page.locator("a[href^='javascript:']").count() == 0
    context.close()


def test_the_search_form_fits_a_phone(server: str, browser: sync_api.Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        phone.goto(f"{server}/search")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
        for field in ("q", "speaker", "outlet", "since"):
            box = phone.locator(f"form.search-form [name={field}]").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, field
            assert box["width"] >= 200, field  # one field per row, wide enough to type in
    finally:
        context.close()
