"""The Spark job on a real local[2] SparkSession: same rows as single-process extraction,
restartable without duplicates, errors recorded, and `load` idempotent into a real store."""

from __future__ import annotations

import io
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotetrail.cli import main as quotetrail_main
from quotetrail.corpus.export import parquet_schema
from quotetrail.errors import MalformedRecord
from quotetrail.extraction import extract_texts
from quotetrail.read import Failure, read_sources
from quotetrail.spark.inputs import resolve_inputs
from quotetrail.spark.job import DONE_DIR, JobOptions, run_job
from quotetrail.spark.load import load
from quotetrail.spark.schema import COLUMNS, PARTITIONS, arrow_schema, partition_date
from quotetrail.spark.session import JAVA_MIN, LOCAL_DEFAULTS, build_session, java_version

_JAVA = java_version()
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(
        _JAVA is None or _JAVA < JAVA_MIN,
        reason=f"Spark needs Java {JAVA_MIN}+ (found: {_JAVA}); run scripts/ensure-java.sh",
    ),
]

STORIES = [
    '"We cannot keep patching the same potholes every spring," Councillor Daniel Reyes said.\n'
    "Reyes said that the first repairs would begin on Mill Street before the summer.",
    "The treasurer, Maria Okafor, told members that the town had set aside barely a tenth of "
    'the cost. "It is not enough," she said.',
    'Police Chief Anna Lind said the bridge would stay closed. "Safety comes first," Lind said.',
    "The harbour will reopen in May, according to Mayor Tom Berg, who said crews were ahead "
    "of schedule.",
    "Nobody said anything of note at the meeting, which ended early because of the storm.",
]
DATES = ["2024-03-05", "2024-03-05", "2024-03-06", None, "not a date"]
WARC_PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Ferry delayed</title>"
    b"</head><body><main><article><p>Harbour officials in Portsmouth said on Monday that the new "
    b"ferry terminal would open in March, two years later than planned, after a dispute with the "
    b'main contractor over costs.</p><p>"We are disappointed, but the terminal will be worth the '
    b'wait," said Ellen Marsh, the chief executive of the port authority, adding that existing '
    b"sailings would not be affected.</p></article></main></body></html>"
)


def write_inputs(folder: Path) -> list[str]:
    folder.mkdir()
    lines = [
        json.dumps({"id": f"story-{n}", "text": text, "title": f"Story {n}", "published": date})
        for n, (text, date) in enumerate(zip(STORIES, DATES, strict=True), start=1)
    ]
    lines.insert(2, '{"id": "broken", "text": 42}')  # the bad record
    jsonl = folder / "news.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    warc = folder / "crawl.warc.gz"
    with warc.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for uri, status, ctype, body in (
            ("https://news.example.com/ferry", "200 OK", "text/html; charset=utf-8", WARC_PAGE),
            ("https://news.example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
        ):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2024-03-07T08:30:00Z"},
                )
            )
    return [str(jsonl), str(warc)]


@pytest.fixture(scope="module")
def spark() -> Any:
    conf = {**LOCAL_DEFAULTS, "spark.driver.memory": "512m", "spark.executor.memory": "512m"}
    session = build_session("local[2]", app_name="quotetrail-tests", conf=conf)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_inputs(tmp_path_factory.mktemp("spark") / "inputs")


def single_process(paths: list[str]) -> tuple[dict[str, dict[str, Any]], set[tuple], list[str]]:
    """What `quotetrail extract` computes: articles by id, quote tuples, failed sources."""
    articles, quotes, failed = {}, set(), []
    items = list(read_sources(paths))
    good = [item for item in items if not isinstance(item, Failure)]
    failed = [item.source for item in items if isinstance(item, Failure) and not item.skipped]
    for article, found in zip(good, extract_texts(a.text for a in good), strict=True):
        articles[article.id] = {"source": article.source, "date": partition_date(article.published)}
        for q in found:
            quotes.add(quote_tuple(article.id, q.kind, q.content.start, q.content.end, q))
    return articles, quotes, failed


def quote_tuple(article_id: str, kind: str, start: int, end: int, q: Any) -> tuple:
    cue = (q.cue.start, q.cue.end, q.cue.lemma) if q.cue else (None, None, None)
    speaker = (q.speaker.start, q.speaker.end) if q.speaker else (None, None)
    name = (q.speaker_name, q.speaker_kind, q.speaker_role, q.via)
    return (article_id, kind, start, end, *cue, *speaker, *name)


def table(output: Path, name: str) -> list[dict[str, Any]]:
    keys = pa.schema([arrow_schema(name).field(k) for k in PARTITIONS[name]])
    data = ds.dataset(
        str(output / name),
        schema=arrow_schema(name),
        format="parquet",
        partitioning=ds.partitioning(keys, flavor="hive"),
    )
    return data.to_table().to_pylist()


def parquet_quote_tuple(row: dict[str, Any]) -> tuple:
    cue = (row["cue_start"], row["cue_end"], row["cue_lemma"])
    speaker = (row["speaker_start"], row["speaker_end"])
    name = (row["speaker_name"], row["speaker_kind"], row["speaker_role"], row["via"])
    start, end = row["content_start"], row["content_end"]
    return (row["article_id"], row["kind"], start, end, *cue, *speaker, *name)


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        names = ("articles", "quotes", "speakers", "ingest_errors")
        return {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


@pytest.fixture(scope="module")
def first_run(spark: Any, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("spark") / "out"
    report = run_job(spark, JobOptions(inputs=tuple(inputs), output=str(output)))
    assert report.articles == 6 and report.errors == 1 and report.skipped == 1
    return output


def test_rows_equal_single_process_extraction(first_run: Path, inputs: list[str]) -> None:
    want_articles, want_quotes, want_failed = single_process(inputs)
    articles = table(first_run, "articles")
    assert {row["id"]: {"source": row["source"], "date": row["date"]} for row in articles} == (
        want_articles
    )
    quotes = table(first_run, "quotes")
    assert {parquet_quote_tuple(row) for row in quotes} == want_quotes
    assert len(quotes) == len(want_quotes) > 5
    assert len({row["id"] for row in quotes}) == len(quotes)
    for row in quotes:
        text = next(a["text"] for a in articles if a["id"] == row["article_id"])
        assert text[row["content_start"] : row["content_end"]] == row["content_text"]
    assert [row["source"] for row in table(first_run, "errors")] == want_failed


def test_partitions_by_date_and_errors_hold_the_bad_record(first_run: Path) -> None:
    dates = {row["id"]: row["date"] for row in table(first_run, "articles")}
    assert dates["story-1"] == "2024-03-05" and dates["story-3"] == "2024-03-06"
    assert dates["story-4"] == dates["story-5"] == "unknown"
    assert [d.name for d in sorted((first_run / "articles").glob("date=*"))] == [
        "date=2024-03-05",
        "date=2024-03-06",
        "date=2024-03-07",
        "date=unknown",
    ]
    (error,) = table(first_run, "errors")
    assert error["source"].endswith("news.jsonl:3") and error["code"] == MalformedRecord.code


def test_schema_is_stable_and_shared_with_export(first_run: Path) -> None:
    for name in ("articles", "quotes", "errors"):
        files = [p for p in (first_run / name).rglob("*.parquet")]
        assert files
        for file in files:
            found = ds.dataset(str(file), format="parquet").schema
            want = arrow_schema(name, partitions=False)
            assert [(f.name, f.type) for f in found] == [(f.name, f.type) for f in want]
    for name in ("articles", "quotes"):
        export = parquet_schema(name)
        shared = [c for c, _, _ in COLUMNS[name] if c in export.names]
        assert len(shared) >= 9
        for column in shared:
            assert arrow_schema(name).field(column).type == export.field(column).type


def test_rerun_skips_finished_inputs_and_redo_never_duplicates(
    spark: Any, first_run: Path, inputs: list[str]
) -> None:
    before = {name: Counter(map(repr, table(first_run, name))) for name in PARTITIONS}
    assert len(list((first_run / DONE_DIR).glob("*.json"))) == 2
    again = run_job(spark, JobOptions(inputs=tuple(inputs), output=str(first_run)))
    assert again.finished_before == 2 and again.articles == 0
    redo = run_job(spark, JobOptions(inputs=tuple(inputs), output=str(first_run), redo=True))
    assert redo.finished_before == 0 and redo.articles == 6
    after = {name: Counter(map(repr, table(first_run, name))) for name in PARTITIONS}
    assert after == before


def test_an_unfinished_input_is_redone_without_touching_the_others(
    spark: Any, first_run: Path, inputs: list[str]
) -> None:
    before = Counter(map(repr, table(first_run, "quotes")))
    marker = next(p for p in (first_run / DONE_DIR).glob("*.json") if "news.jsonl" in p.name)
    marker.write_text('{"input": "trunc', encoding="utf-8")  # a crash while marking
    report = run_job(spark, JobOptions(inputs=tuple(inputs), output=str(first_run)))
    assert report.finished_before == 1 and report.articles == 5
    assert Counter(map(repr, table(first_run, "quotes"))) == before


def test_load_is_idempotent_and_matches_ingest(
    first_run: Path, inputs: list[str], tmp_path: Path
) -> None:
    db = tmp_path / "corpus.db"
    first = load(first_run, db)
    assert first.stored == 6 and first.failed == 1
    once = counts(db)
    assert once["articles"] == 6 and once["ingest_errors"] == 1 and once["quotes"] == first.quotes
    second = load(first_run, db)
    assert second.stored == 0 and second.duplicates == 6
    assert counts(db) == once
    ingested = tmp_path / "ingested.db"
    assert quotetrail_main(["ingest", *inputs, "--db", str(ingested)]) == 0
    assert counts(ingested) == once
    sql = "SELECT id, article_id, content_start, content_end, speaker_id FROM quotes ORDER BY id"
    with sqlite3.connect(db) as a, sqlite3.connect(ingested) as b:
        assert a.execute(sql).fetchall() == b.execute(sql).fetchall()


def test_inputs_from_a_manifest_glob_or_folder(inputs: list[str], tmp_path: Path) -> None:
    folder = Path(inputs[0]).parent
    manifest = tmp_path / "paths.txt"
    manifest.write_text(f"# inputs\n{inputs[1]}\n\n{inputs[0]}\n{inputs[1]}\n", encoding="utf-8")
    assert resolve_inputs(str(manifest)) == [inputs[1], inputs[0]]
    assert resolve_inputs(str(folder / "*")) == sorted(inputs)
    assert resolve_inputs(str(folder)) == sorted(inputs)


def test_command_line_extract_then_load(inputs: list[str], tmp_path: Path, capsys: Any) -> None:
    """The `spark extract` and `load` commands, wired as cli.py wires them."""
    import argparse

    from quotetrail.spark.cli import add_commands

    parser = argparse.ArgumentParser(prog="quotetrail")
    add_commands(parser.add_subparsers(dest="command", required=True))
    output, db = tmp_path / "out", tmp_path / "c.db"
    glob = str(Path(inputs[0]).parent / "*.jsonl")
    args = parser.parse_args(["spark", "extract", "--input", glob, "--output", str(output)])
    args.master = "local[1]"
    assert args.run(args) == 0
    assert "5 articles" in capsys.readouterr().out
    args = parser.parse_args(["load", str(output), "--db", str(db)])
    assert args.run(args) == 0
    assert counts(db)["articles"] == 5
