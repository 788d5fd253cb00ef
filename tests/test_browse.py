"""Browsing like a researcher: index pages of speakers and outlets, speaker search by part of a
name, ingest errors behind a count, confidence on cards and in the tables, a phone-width form,
and Parquet never written to a terminal. The corpus is the bundled samples, ingested for real."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from quotetrail.ingest import ingest
from quotetrail.web import create_app

with warnings.catch_warnings():  # Starlette warns at import that it prefers httpx2 (as test_web)
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / "src" / "quotetrail" / "samples"
STYLE = ROOT / "src" / "quotetrail" / "web" / "static" / "style.css"
FAILURES = 25
QUOTETRAIL = [sys.executable, "-m", "quotetrail.cli"]
TAG = re.compile(r"<[^>]+>")
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browse")
    broken = root / "broken"
    broken.mkdir()
    for n in range(FAILURES):  # enough ingest errors to have filled the overview before
        (broken / f"a-rather-long-file-name-for-an-empty-document-{n:02d}.txt").write_text("")
    report = ingest([str(SAMPLES), str(broken)], root / "c.db")
    assert (report.stored, report.failed) == (3, FAILURES)
    return root / "c.db"


@pytest.fixture(scope="module")
def client(corpus: Path) -> TestClient:
    return TestClient(create_app(corpus))


def cells(html: str) -> list[list[str]]:
    """The text of each body row's cells."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    return [[TAG.sub("", cell).strip() for cell in CELL.findall(row)] for row in rows]


def test_the_speakers_index_lists_everyone_most_quoted_first(client: TestClient) -> None:
    page = client.get("/speakers")
    assert page.status_code == 200
    rows = cells(page.text)
    counts = [int(row[2]) for row in rows]
    assert len(rows) >= 8 and counts == sorted(counts, reverse=True)
    assert rows[0][0] == "Daniel Reyes"
    by_name = cells(client.get("/speakers?sort=name").text)
    names = [row[0] for row in by_name]
    assert names == sorted(names, key=str.casefold)


def test_speakers_are_found_by_part_of_a_name_and_filtered_by_kind(client: TestClient) -> None:
    def names(query: str) -> set[str]:
        return {row[0] for row in cells(client.get(f"/speakers?{query}").text)}

    assert names("name=reyes") == {"Daniel Reyes", "Sofia Reyes"}
    assert names("name=abern") == {"Ruth Abernathy"}
    assert names("name=HELEN") == {"Helen Brandt"}
    assert names("name=100%25") == set()  # a LIKE wildcard is taken literally
    organizations = names("kind=organization")
    assert organizations and all("Reyes" not in name for name in organizations)
    assert client.get("/speakers?kind=robot").status_code == 422


def test_the_outlets_index_counts_articles_and_statements_by_kind(client: TestClient) -> None:
    rows = cells(client.get("/outlets").text)
    ledger = next(row for row in rows if row[0].startswith("Millbrook Ledger"))
    direct = next(
        row for row in cells(client.get("/outlets?kind=direct").text) if row[0].startswith("Mill")
    )
    assert ledger[1] == "1" and int(ledger[2]) > int(direct[2]) > 0


def test_ingest_errors_are_a_count_on_the_overview_and_listed_on_their_own_page(
    client: TestClient,
) -> None:
    overview = client.get("/").text
    assert f"{FAILURES} documents not stored" in overview and 'href="/errors"' in overview
    assert "a-rather-long-file-name" not in overview  # no longer listed one per row
    first = client.get("/errors")
    assert len(cells(first.text)) == 10  # the overview_errors setting: per page
    assert "E101" in first.text and "Earlier →" in first.text
    assert len(cells(client.get("/errors?page=3").text)) == FAILURES - 20


def test_cards_and_tables_show_the_confidence(client: TestClient, corpus: Path) -> None:
    page = client.get("/search?q=bridge&kind=direct").text
    assert re.search(r"conf [01]\.\d\d", page)
    quotes = subprocess.run(
        [*QUOTETRAIL, "quotes", "--db", str(corpus), "--limit", "3", "--width", "0"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    header = quotes.splitlines()[0].split()
    # the samples relay a statement through a newspaper: the table gives it a via column
    assert header == ["date", "source", "speaker", "via", "kind", "conf", "content"]
    assert re.search(r"  [01]\.\d\d  ", quotes) and "…" not in quotes  # --width 0: whole quotes
    table = subprocess.run(
        [*QUOTETRAIL, "extract", "--format", "table", "--width", "30", str(SAMPLES)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "conf" in table.splitlines()[1] and re.search(r"  [01]\.\d\d  ", table)


def test_the_search_form_stacks_into_one_column_on_a_phone() -> None:
    css = STYLE.read_text(encoding="utf-8")
    queries = re.findall(r"@media \(max-width: (\d+)px\) \{(.*?)\n\}", css, re.DOTALL)
    one_column = [
        int(width)
        for width, rules in queries
        if re.search(r"\.search-form \{ grid-template-columns: 1fr; \}", rules)
    ]
    assert one_column and min(one_column) >= 390  # applies at a 390 px wide phone


def test_parquet_is_never_written_to_a_terminal(corpus: Path) -> None:
    main, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [*QUOTETRAIL, "export", "--db", str(corpus), "--table", "quotes", "--format=parquet"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(terminal)
        os.close(main)
    assert done.returncode == 2
    assert "Parquet is binary: pass --output PATH or redirect stdout" in done.stderr
