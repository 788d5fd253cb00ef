"""Saved pages as collections ship them: gzipped pages and dumps, and ``.json`` files that are
article records or something else (a gold file) sitting in the same folder."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from quotetrail.errors import NotArticleJson, TooLargeDecompressed, UnreadableSource
from quotetrail.read import Failure, ReadOptions, read_html_file, read_sources
from quotetrail.read.compressed import gunzip_capped
from quotetrail.records import Article

DATA = Path(__file__).parent / "data" / "saved-pages"
SAMPLES = Path(__file__).parents[1] / "src" / "quotetrail" / "samples"
STORY = (
    "The council approved a road levy on Monday after a long debate in the town hall.\n"
    '"We cannot keep patching the same potholes every spring," Councillor Daniel Reyes said.\n'
)


def by_name(items: list[Article | Failure]) -> dict[str, Article | Failure]:
    """Items by file name, with the record suffix (``:line``, ``#item``) kept."""
    return {item.source.rsplit("/", 1)[-1]: item for item in items}


def test_a_gzipped_page_reads_exactly_like_the_page() -> None:
    page = read_html_file(SAMPLES / "bridge-closure.html")
    items = by_name(list(read_sources([str(DATA)])))
    gzipped = items["bridge-closure.html.gz"]
    assert isinstance(gzipped, Article)
    assert (gzipped.text, gzipped.title, gzipped.published, gzipped.outlet) == (
        page.text,
        page.title,
        page.published,
        page.outlet,
    )
    assert gzipped.content_hash == page.content_hash  # the page, not its compression, is hashed


def test_a_folder_of_saved_pages_sorts_into_stored_refused_and_skipped() -> None:
    items = by_name(list(read_sources([str(DATA)])))
    assert set(items) == {"bridge-closure.html.gz", "pont-ferme.html.gz", "ground-truth.json"}
    assert isinstance(items["bridge-closure.html.gz"], Article)
    assert isinstance(items["pont-ferme.html.gz"], Failure)
    assert items["pont-ferme.html.gz"].code == "E105"  # read as a page, refused as French
    gold = items["ground-truth.json"]
    assert isinstance(gold, Failure)
    assert (gold.code, gold.skipped) == (NotArticleJson.code, True)
    assert "no article records" in gold.message


def test_gz_of_text_and_jsonl_reads_the_file_inside(tmp_path: Path) -> None:
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    record = {"id": "r1", "text": STORY, "published": "2024-03-04"}
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    items = by_name(list(read_sources([str(tmp_path)])))
    assert isinstance(items["story.txt.gz"], Article)
    assert items["story.txt.gz"].text == STORY
    assert isinstance(items["dump.jsonl.gz:1"], Article)
    assert (items["dump.jsonl.gz:1"].id, items["dump.jsonl.gz:1"].published) == ("r1", "2024-03-04")


def test_corrupt_and_truncated_gzip_fail_with_a_code(tmp_path: Path) -> None:
    whole = gzip.compress(STORY.encode())
    (tmp_path / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "bad.html.gz").write_bytes(whole[:10] + b"\xff" * 40)
    items = by_name(list(read_sources([str(tmp_path)])))
    assert {name: item.code for name, item in items.items() if isinstance(item, Failure)} == {
        "cut.txt.gz": UnreadableSource.code,
        "cut.jsonl.gz": UnreadableSource.code,
        "bad.html.gz": UnreadableSource.code,
    }


def test_a_gzip_bomb_is_refused_without_inflating_past_the_cap(tmp_path: Path) -> None:
    bomb = gzip.compress(b" " * 64_000_000, compresslevel=9)  # 64 MB of spaces in ~62 KB
    limit = 1_000_000
    tracemalloc.start()
    with pytest.raises(TooLargeDecompressed):
        gunzip_capped(bomb, limit, "bomb.txt.gz")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 4 * limit  # the cap plus one chunk, never the 64 MB
    (tmp_path / "bomb.txt.gz").write_bytes(bomb)
    (failure,) = read_sources([str(tmp_path / "bomb.txt.gz")], options=ReadOptions(max_chars=1000))
    assert isinstance(failure, Failure) and failure.code == TooLargeDecompressed.code
    assert "decompresses to more than" in failure.message


def test_json_files_are_read_only_when_they_hold_article_records(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "a", "text": STORY}), encoding="utf-8")
    (tmp_path / "many.json").write_text(
        json.dumps([{"id": "b", "text": STORY + "More."}, {"id": "c"}, "text"]), encoding="utf-8"
    )
    (tmp_path / "config.json").write_text(json.dumps({"name": "x", "body": STORY}))
    (tmp_path / "numbers.json").write_text("[1, 2, 3]")
    (tmp_path / "broken.json").write_text('{"id": "d", "text": ')
    items = by_name(list(read_sources([str(tmp_path)])))
    outcome = {n: i.code if isinstance(i, Failure) else i.id for n, i in items.items()}
    assert outcome == {
        "broken.json": "E106",
        "config.json": NotArticleJson.code,
        "many.json#1": "b",
        "many.json#2": "E106",
        "many.json#3": "E106",
        "numbers.json": NotArticleJson.code,
        "one.json": "a",
    }


def test_ingest_of_saved_pages_stores_the_english_and_skips_the_gold_file(tmp_path: Path) -> None:
    folder = shutil.copytree(DATA, tmp_path / "pages")
    done = subprocess.run(
        [sys.executable, "-m", "quotetrail.cli", "ingest", "pages", "--db", "c.db"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "c.db: stored 1, duplicates 0, skipped 1, failed 1 in" in done.stdout
    assert "[E105]" in done.stderr and str(folder.name) in done.stderr
    assert "skip pages/ground-truth.json: [S103] skipped, a JSON file with no" in done.stderr
    conn = sqlite3.connect(tmp_path / "c.db")
    ((source, title),) = conn.execute("SELECT source, title FROM articles").fetchall()
    assert source.endswith("bridge-closure.html.gz") and "bridge" in title.lower()
