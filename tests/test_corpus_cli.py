"""``quotetrail ingest | speakers | quotes | export`` as real subprocesses on a real corpus."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from quotetrail.corpus import connect_readonly
from quotetrail.corpus.export import FORMATS, TABLES, export_table, parquet_schema
from quotetrail.corpus.queries import QuoteFilter, find_quotes, fts_query

STORIES = [
    # (id, outlet, url, published, text)
    (
        "r1",
        "Harbour News",
        "https://harbour-news.example/levy",
        "2024-03-04",
        "The council approved a road levy on Monday after a long debate.\n"
        '"We cannot keep patching the same potholes every spring," Councillor Daniel Reyes '
        "said.\nReyes said that the first repairs would begin on Mill Street in the summer.\n",
    ),
    (
        "r2",
        "Valley Times",
        "https://valley-times.example/bridge",
        "2024-06-14",
        "The Mill Street bridge will close for three weeks of urgent repairs.\n"
        '"The bridge is safe today, but it will not stay safe another winter," the town '
        "engineer, Paul Lindqvist, said.\n"
        "Councillor Daniel Reyes said that the closure was the price of years of delay.\n",
    ),
    (
        "r3",
        "Valley Times",
        "https://valley-times.example/library",
        "2024-09-20",
        "The library will open on Sundays from October, the town announced on Friday.\n"
        '"Families have asked us for this for years," the head librarian, Anna Berg, said.\n',
    ),
]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quotetrail.cli", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus built by ``quotetrail ingest`` from a JSONL dump (dates and outlets) and a file."""
    root = tmp_path_factory.mktemp("corpus")
    lines = [
        json.dumps({"id": i, "outlet": o, "url": u, "published": p, "text": t})
        for i, o, u, p, t in STORIES
    ]
    (root / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    done = run("ingest", "dump.jsonl", "empty.txt", "--db", "news.db", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "news.db: stored 3, duplicates 0, skipped 0, failed 1 in" in done.stdout
    assert "skip empty.txt: [E101]" in done.stderr
    return root


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_speakers_lists_the_most_quoted_first(corpus: Path) -> None:
    table = run("speakers", "--db", "news.db", cwd=corpus)
    assert table.returncode == 0, table.stderr
    header, _rule, first, *_ = table.stdout.splitlines()
    assert header.split()[:4] == ["speaker", "kind", "quotes", "articles"]
    assert first.startswith("Daniel Reyes") and "2024-03-04  2024-06-14" in first
    rows = jsonl(run("speakers", "--db", "news.db", "--format", "jsonl", cwd=corpus).stdout)
    reyes = rows[0]
    assert (reyes["name"], reyes["n_articles"], reyes["roles"]) == (
        "Daniel Reyes",
        2,
        ["Councillor"],
    )
    assert "Reyes" in reyes["aliases"]
    top = run("speakers", "--db", "news.db", "--top", "1", "--format", "jsonl", cwd=corpus)
    assert len(jsonl(top.stdout)) == 1


def quote_rows(corpus: Path, **where: object) -> list[dict]:
    """The query behind ``quotetrail quotes``, in-process on a read-only connection."""
    with closing(connect_readonly(corpus / "news.db")) as conn:
        return find_quotes(conn, QuoteFilter(**where))  # type: ignore[arg-type]


def test_quotes_filters_by_speaker_date_outlet_and_kind(corpus: Path) -> None:
    def ids(**where: object) -> set[str]:
        return {row["article_id"] for row in quote_rows(corpus, **where)}

    assert ids() == {"r1", "r2", "r3"}
    assert ids(speaker="daniel reyes") == {"r1", "r2"}
    assert ids(speaker="Reyes") == {"r1", "r2"}  # an alias
    assert ids(since=date(2024, 6, 14)) == {"r2", "r3"}
    assert ids(until=date(2024, 6, 13)) == {"r1"}
    assert ids(since=date(2024, 4, 1), until=date(2024, 7, 1)) == {"r2"}
    assert ids(outlet="valley times") == {"r2", "r3"}
    assert ids(outlet="harbour-news.example") == {"r1"}
    assert ids(kind="direct", speaker="Anna Berg") == {"r3"}
    assert len(quote_rows(corpus, limit=2)) == 2


def test_quotes_keep_the_finders_confidence_and_filter_on_it(corpus: Path) -> None:
    rows = quote_rows(corpus, limit=None)
    scored = [row["confidence"] for row in rows if row["cue_lemma"] is not None]
    assert scored and all(0.0 < c <= 1.0 for c in scored)
    assert all(row["confidence"] is None for row in rows if row["cue_lemma"] is None)
    cut = sorted(scored)[len(scored) // 2]  # a real cut: some quotes below it, some above
    kept = quote_rows(corpus, limit=None, min_confidence=cut)
    assert {row["id"] for row in kept} == {
        row["id"] for row in rows if row["confidence"] is not None and row["confidence"] >= cut
    }
    assert 0 < len(kept) < len(rows)
    done = run("quotes", "--db", "news.db", "--min-confidence", "1.5", cwd=corpus)
    assert done.returncode == 2 and "between 0 and 1" in done.stderr


def test_search_finds_a_quote_by_a_word_and_quotes_user_text_safely(corpus: Path) -> None:
    def contents(text: str) -> list[str]:
        return [row["content_text"] for row in quote_rows(corpus, search=text)]

    assert [c for c in contents("potholes") if "potholes" in c]
    assert contents("pothole")  # stemmed
    assert len(contents("families")) == 1
    assert contents('"safe today"') and not contents('"today safe"')  # a phrase
    for hostile in ('potholes" OR "x', "NEAR(a b)", "content_text:*", "'; DROP TABLE quotes; --"):
        contents(hostile)  # no FTS5 syntax error, no SQL
    with pytest.raises(ValueError, match="nothing to search for"):
        fts_query("?!")


def test_quotes_command_filters_and_prints_a_table(corpus: Path) -> None:
    done = run("quotes", "--db", "news.db", "--speaker", "Anna Berg", "--search", "families",
               "--since", "2024-09-01", cwd=corpus)  # fmt: skip
    assert done.returncode == 0, done.stderr
    header, _rule, row = done.stdout.splitlines()
    assert header.split() == ["date", "source", "speaker", "kind", "conf", "content"]
    assert row.startswith("2024-09-20  Valley Times") and "Anna Berg" in row
    done = run("quotes", "--db", "news.db", "--search", "?!", "--format", "jsonl", cwd=corpus)
    assert done.returncode == 2 and "nothing to search for" in done.stderr


@pytest.mark.parametrize("table", TABLES)
def test_exports_round_trip_every_row_in_each_format(corpus: Path, table: str) -> None:
    conn = connect_readonly(corpus / "news.db")
    expected = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    assert expected >= 3
    written = {}
    for fmt in FORMATS:
        buffer = io.BytesIO()
        assert export_table(conn, table, fmt, buffer) == expected
        written[fmt] = buffer.getvalue()
    assert len(written["jsonl"].decode("utf-8").splitlines()) == expected
    assert len(list(csv.DictReader(io.StringIO(written["csv"].decode("utf-8"))))) == expected
    assert pq.read_table(io.BytesIO(written["parquet"])).num_rows == expected
    assert pq.read_schema(io.BytesIO(written["parquet"])) == parquet_schema(table)


def test_export_command_writes_parquet_files_and_jsonl_to_stdout(corpus: Path) -> None:
    done = run("export", "--db", "news.db", "--table", "quotes", "--format", "parquet",
               "--output", "q.parquet", cwd=corpus)  # fmt: skip
    assert done.returncode == 0, done.stderr
    schema = pq.read_schema(corpus / "q.parquet")
    assert set(schema.names) == {
        "id",
        "article_id",
        "kind",
        "content_start",
        "content_end",
        "content_text",
        "cue_start",
        "cue_end",
        "cue_lemma",
        "speaker_start",
        "speaker_end",
        "speaker_name",
        "speaker_kind",
        "speaker_role",
        "via",
        "via_kind",
        "via_id",
        "confidence",
        "attribution",
        "speaker_id",
        "cluster",
        "takes_back",
    }
    assert str(schema.field("content_start").type) == "int64"
    assert str(schema.field("confidence").type) == "double"
    assert str(schema.field("attribution").type) == "string"
    assert not list(corpus.glob(".*.partial"))
    quotes = pq.read_table(corpus / "q.parquet").to_pylist()
    assert f"exported {len(quotes)} quotes rows to q.parquet" in done.stderr
    done = run("export", "--db", "news.db", "--table", "articles", cwd=corpus)
    articles = {row["id"]: row for row in jsonl(done.stdout)}
    assert {
        "source",
        "url",
        "title",
        "outlet",
        "authors",
        "published",
        "text",
        "content_hash",
    } <= set(articles["r1"])
    for row in quotes:  # offsets index the exported article text
        text = articles[row["article_id"]]["text"]
        assert text[row["content_start"] : row["content_end"]] == row["content_text"]


def test_reading_commands_explain_a_missing_corpus(tmp_path: Path) -> None:
    for command in (["speakers"], ["export", "--table", "quotes"]):
        done = run(*command, "--db", "absent.db", cwd=tmp_path)
        assert done.returncode == 2
        assert "[E301]" in done.stderr and "quotetrail ingest" in done.stderr
    assert not (tmp_path / "absent.db").exists()


def test_bad_dates_are_usage_errors(tmp_path: Path) -> None:
    done = run("quotes", "--db", "news.db", "--since", "last tuesday", cwd=tmp_path)
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr
