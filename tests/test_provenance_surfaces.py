"""`quotetrail provenance` and the web panels over a real corpus: an original report, a rewrite
of it published two days later (sentences reordered and reworded, an "In conclusion" summary, an
empty "Source link" footer), and an unrelated story that carries the same footer."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from quotetrail.ingest import ingest
from quotetrail.web.app import create_app

DATA = Path(__file__).parent / "data" / "provenance"

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ORIGINAL = (DATA / "pier-original.txt").read_text(encoding="utf-8")

REWRITE = (DATA / "pier-rewrite.txt").read_text(encoding="utf-8")

UNRELATED = (DATA / "library.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("provenance")
    records = [
        {
            "id": "orig",
            "text": ORIGINAL,
            "url": "https://harbour.example/pier",
            "title": "Pier to close",
            "outlet": "Harbour Times",
            "published": "2024-04-02",
        },
        {
            "id": "copy",
            "text": REWRITE,
            "url": "https://aggregator.example/pier",
            "title": "Pier shut",
            "outlet": "Aggregator",
            "published": "2024-04-04",
        },
        {
            "id": "library",
            "text": UNRELATED,
            "url": "https://aggregator.example/library",
            "title": "Library Sundays",
            "outlet": "Aggregator",
            "published": "2024-04-04",
        },
    ]
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = folder / "corpus.db"
    report = ingest([str(source)], db)
    assert report.stored == 3
    return db


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quotetrail.cli", *args], capture_output=True, text=True, check=False
    )


def test_cli_finds_the_rewrite_and_its_source(corpus: Path) -> None:
    done = run_cli("provenance", "--db", str(corpus), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    pairs = [json.loads(line) for line in done.stdout.splitlines()]
    related = [p for p in pairs if p["label"] in ("duplicate", "rewrite")]
    assert [(p["source_id"], p["copy_id"], p["direction"]) for p in related] == [
        ("orig", "copy", "dated")
    ]
    pair = related[0]
    assert pair["label"] == "rewrite" and 0 < min(pair["containment"]) <= 1
    # the passages are evidence: spans of both texts that say the same thing
    for passage in pair["passages"]:
        source = ORIGINAL[slice(*passage["source"])]
        copy = REWRITE[slice(*passage["copy"])]
        shared = set(source.lower().split()) & set(copy.lower().split())
        assert len(shared) >= 0.5 * len(set(source.lower().split()))
    assert any("steel is tired" in ORIGINAL[slice(*p["source"])] for p in pair["passages"])
    # the shared footer alone never pairs the library story with anything
    assert all("library" not in (p["source_id"], p["copy_id"]) for p in pairs)


def test_cli_filters_by_article_and_prints_a_table(corpus: Path) -> None:
    done = run_cli("provenance", "--db", str(corpus), "--article", "library")
    assert done.returncode == 0, done.stderr
    assert "(no related articles)" in done.stdout
    done = run_cli("provenance", "--db", str(corpus), "--article", "copy")
    assert "rewrite" in done.stdout and "Pier to close" in done.stdout


def test_web_panels(corpus: Path) -> None:
    assert run_cli("provenance", "--db", str(corpus)).returncode == 0
    with TestClient(create_app(corpus)) as client:
        page = client.get("/articles/copy").text
        assert "Copies and rewrites" in page and "the other is earlier" in page
        assert "steel is tired" in page.split("Copies and rewrites", 1)[1]
        # the direct quote appears in both articles: its Spread panel names the first outlet
        assert "Spread: in 2 articles, first in Harbour Times on 2024-04-02" in page
        library = client.get("/articles/library").text
        assert 'data-slot="copies-and-rewrites"' in library and "Copies and rewrites" not in library
