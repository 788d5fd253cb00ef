"""What a corpus gives away: its files are private to their owner, and the web shows local
sources by file name unless the operator opts in."""

from __future__ import annotations

import os
import stat
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotetrail.corpus.store import Store
from quotetrail.ingest import ingest
from quotetrail.read import http_cache_beside
from quotetrail.read.http_cache import HttpCache, Validators
from quotetrail.web import Settings
from quotetrail.web.app import create_app
from quotetrail.web.sources import shown_source

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

STORY = (
    "The harbour master, Lucia Moreno, spoke to reporters on Monday.\n"
    '"The new pier will open in May," Moreno said.\n'
)


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)  # the common default, which lets SQLite make files world-readable
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_corpus_its_journals_and_its_http_cache_are_created_0600(
    tmp_path: Path, umask: None
) -> None:
    db = tmp_path / "corpus.db"
    store = Store.open(db)
    try:
        wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
        assert wal.exists() and shm.exists()
        assert {mode(db), mode(wal), mode(shm)} == {0o600}
    finally:
        store.close()
    cache = HttpCache(http_cache_beside(db))
    cache.remember("https://example.com/a", Validators(etag='"x"'))
    cache.close()
    assert mode(http_cache_beside(db)) == 0o600


def test_a_stricter_umask_still_applies(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        Store.open(tmp_path / "corpus.db").close()
    finally:
        os.umask(old)
    assert mode(tmp_path / "corpus.db") == 0o600


def test_shown_source_keeps_urls_and_names_local_files() -> None:
    assert shown_source("https://example.com/news/1") == "https://example.com/news/1"
    assert shown_source("/home/ana/leaks/memo.txt") == "memo.txt"
    assert shown_source("/home/ana/dumps/all.jsonl:12") == "all.jsonl:12"
    assert shown_source("<stdin>") == "<stdin>"


def test_the_web_shows_local_sources_by_file_name_unless_the_operator_opts_in(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "private-folder"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    db = tmp_path / "corpus.db"
    ingest([str(folder)], db)
    with TestClient(create_app(db)) as client:
        errors = client.get("/errors").text  # the overview shows counts; this page, the rows
        overview = client.get("/").text
        quotes = client.get("/api/quotes").text
    assert "empty.txt" in errors and "E101" in errors
    assert all(str(folder) not in page for page in (errors, overview, quotes))
    opted_in = Settings(show_source_paths=1)
    with TestClient(create_app(db, settings=opted_in)) as client:
        assert str(folder / "empty.txt") in client.get("/errors").text
