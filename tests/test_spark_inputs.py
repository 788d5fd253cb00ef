"""The Spark job's inputs and keys, without Spark: Parquet records, URIs, partition values."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotetrail.errors import (
    EmptyInput,
    MalformedRecord,
    NoInputs,
    NotJobOutput,
    PipelineNotFound,
    UnreadableSource,
)
from quotetrail.read import Failure, read_sources
from quotetrail.records import Article, CueSpan, Quote, Span
from quotetrail.spark.cli import add_commands
from quotetrail.spark.inputs import read_input, read_parquet, resolve_inputs
from quotetrail.spark.rows import TaskSettings, quote_values
from quotetrail.spark.schema import COLUMNS, arrow_schema, input_key, partition_date

TEXT = "The mayor said that the bridge would reopen in May after repairs to its deck."


def test_parquet_rows_follow_the_jsonl_rules(tmp_path: Path) -> None:
    path = tmp_path / "dump.parquet"
    table = pa.table(
        {
            "id": ["a", "", "c", "d"],
            "text": [TEXT, TEXT, "   ", TEXT + " Again."],
            "url": ["https://example.com/a", None, None, None],
            "published": ["2024-03-05", None, None, "2024-03-06T10:00:00Z"],
            "extra": [1, 2, 3, 4],
        }
    )
    pq.write_table(table, path)
    items = list(read_parquet(str(path), TaskSettings().read))
    assert [item.source for item in items] == [f"{path}#row-{n}" for n in range(1, 5)]
    first, bad_id, empty, last = items
    assert isinstance(first, Article) and first.id == "a" and first.text == TEXT
    assert first.url == "https://example.com/a" and first.published == "2024-03-05"
    assert isinstance(bad_id, Failure) and bad_id.code == MalformedRecord.code
    assert isinstance(empty, Failure) and empty.code == EmptyInput.code
    assert isinstance(last, Article) and partition_date(last.published) == "2024-03-06"
    again = list(read_parquet(str(path), TaskSettings().read))
    assert [a.content_hash for a in again if isinstance(a, Article)] == [
        a.content_hash for a in items if isinstance(a, Article)
    ]


def test_a_parquet_file_without_text_or_not_parquet_is_one_failure(tmp_path: Path) -> None:
    no_text = tmp_path / "ids.parquet"
    pq.write_table(pa.table({"id": ["a"]}), no_text)
    (failure,) = read_parquet(str(no_text), TaskSettings().read)
    assert isinstance(failure, Failure) and failure.code == MalformedRecord.code
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet at all")
    (failure,) = read_parquet(str(junk), TaskSettings().read)
    assert isinstance(failure, Failure) and failure.code == UnreadableSource.code


def test_a_uri_is_read_from_a_copy_and_named_after_the_uri(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "one", "text": TEXT}), "{broken"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    uri = path.as_uri()
    article, failure = read_input(uri, TaskSettings().read)
    (local, local_failure) = read_sources([str(path)])
    assert isinstance(article, Article) and isinstance(local, Article)
    assert article.source == f"{uri}:1" and article.id == local.id
    assert article.content_hash == local.content_hash
    assert isinstance(failure, Failure) and failure.source == f"{uri}:2"
    assert uri in failure.message and "quotetrail-" not in failure.message
    (missing,) = read_input((tmp_path / "gone.jsonl").as_uri(), TaskSettings().read)
    assert isinstance(missing, Failure) and missing.code == UnreadableSource.code
    assert isinstance(local_failure, Failure)


def test_a_manifest_may_be_a_uri_with_relative_entries(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    manifest = tmp_path / "inputs.paths"
    manifest.write_text("a.jsonl\ns3://bucket/b.warc.gz\n", encoding="utf-8")
    folder_uri = tmp_path.as_uri()
    assert resolve_inputs(manifest.as_uri()) == [f"{folder_uri}/a.jsonl", "s3://bucket/b.warc.gz"]
    assert resolve_inputs(str(manifest)) == [str(tmp_path / "a.jsonl"), "s3://bucket/b.warc.gz"]


def test_resolve_inputs_refuses_a_spec_with_nothing_in_it(tmp_path: Path) -> None:
    with pytest.raises(NoInputs):
        resolve_inputs(str(tmp_path / "*.warc.gz"))
    with pytest.raises(NoInputs):
        resolve_inputs(str(tmp_path))  # an empty folder


def test_partition_values_are_dates_or_unknown_and_keys_are_never_numbers() -> None:
    assert partition_date("2024-03-05T08:30:00+01:00") == "2024-03-05"
    assert partition_date(None) == partition_date("last Tuesday") == "unknown"
    key = input_key("/data/crawl/CC-NEWS-20240305.warc.gz")
    assert key.startswith("CC-NEWS-20240305.warc.gz-") and key != input_key(
        "/other/CC-NEWS.warc.gz"
    )
    assert input_key("/data/12345") != input_key("/data2/12345")
    assert input_key("/data/12345").startswith("12345-")  # a name then "-": never a number


def test_schemas_agree_and_quote_rows_match_their_columns() -> None:
    for table, columns in COLUMNS.items():
        assert arrow_schema(table).names == [name for name, _, _ in columns]
    quote = Quote("direct", Span(0, 4, "Yes."), CueSpan(5, 9, "said", "say"), None, None, None)
    (row,) = quote_values("a1", [quote, quote], "2024-03-05", "k")
    assert len(row) == len(COLUMNS["quotes"])
    assert dict(zip(arrow_schema("quotes").names, row, strict=True))["cue_lemma"] == "say"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotetrail")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser


def test_commands_refuse_a_missing_model_and_a_folder_that_is_not_job_output(
    tmp_path: Path,
) -> None:
    args = _parser().parse_args(
        ["spark", "extract", "--input", "x.jsonl", "--output", "o", "--model", "no_such_model"]
    )
    with pytest.raises(PipelineNotFound):
        args.run(args)
    args = _parser().parse_args(["load", str(tmp_path), "--db", str(tmp_path / "c.db")])
    with pytest.raises(NotJobOutput):
        args.run(args)
    assert not (tmp_path / "c.db").exists()


def test_the_package_imports_without_pyspark() -> None:
    """`quotetrail` wires these commands in; without the extra it must still start."""
    code = (
        "import sys; sys.modules['pyspark'] = sys.modules['py4j'] = None; "
        "import quotetrail.spark, quotetrail.spark.cli, quotetrail.spark.load"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
