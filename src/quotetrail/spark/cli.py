"""Command-line wiring of ``quotetrail spark extract`` and ``quotetrail load``.

``add_commands`` plugs both into the main ``quotetrail`` parser; ``submit_main`` is the same
``extract`` for ``spark-submit``, which runs a file rather than the ``quotetrail`` script.
Nothing here imports PySpark: the extra is needed only when a Spark command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quotetrail.cliargs import (
    OK,
    USAGE,
    db_option,
    positive_int,
    reading_options,
    scope_option,
)
from quotetrail.errors import PipelineNotFound, QuotetrailError
from quotetrail.read import ReadOptions

__all__ = ["add_commands", "run_load", "run_spark_extract", "submit_main"]


def add_commands(commands: Any) -> None:
    """Add ``spark extract`` and ``load`` to the subcommands of the ``quotetrail`` parser."""
    spark = commands.add_parser(
        "spark",
        help="run extraction over many archives on Apache Spark (extra: quotetrail[spark])",
        description="Jobs on Apache Spark; needs `pip install 'quotetrail[spark]'` and Java 17+.",
    )
    jobs = spark.add_subparsers(dest="spark_job", required=True, metavar="JOB")
    extract = jobs.add_parser(
        "extract",
        help="WARC/JSONL/Parquet files to Parquet tables of articles, quotes and errors",
        description="Read and extract every input file on Spark (one file per task) and write "
        "the Parquet tables DIR/articles, DIR/quotes and DIR/errors, partitioned by "
        "publication date. Re-running skips finished inputs and never duplicates rows.",
    )
    add_extract_arguments(extract)
    extract.set_defaults(run=run_spark_extract, parser=extract)

    load = commands.add_parser(
        "load",
        help="bring the Parquet tables of `quotetrail spark extract` into a corpus database",
        description="Store the articles, quotes and errors of a `spark extract` output folder "
        "in the corpus, by the rules of `quotetrail ingest` (an article already stored is "
        "stored once; loading twice adds nothing).",
    )
    load.add_argument("directory", type=Path, metavar="DIR", help="the --output of spark extract")
    db_option(load)
    load.set_defaults(run=run_load, parser=load)


def add_extract_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input",
        required=True,
        metavar="MANIFEST|GLOB",
        help="a glob or folder of .warc/.warc.gz/.jsonl/.parquet files, or a manifest: a text "
        "file with one path or URI per line",
    )
    parser.add_argument("--output", required=True, metavar="DIR", help="folder for the tables")
    parser.add_argument(
        "--master", metavar="URL", help="Spark master (default: spark-submit's, else local[*])"
    )
    parser.add_argument(
        "--partitions",
        type=positive_int,
        metavar="N",
        help="Spark partitions (default: one per input file)",
    )
    reading_options(parser, encoding=False)
    scope_option(parser)
    parser.add_argument(
        "--redo",
        action="store_true",
        help="process finished inputs again (their rows are replaced)",
    )


def run_spark_extract(args: argparse.Namespace) -> int:
    from quotetrail.extraction import FindOptions
    from quotetrail.spark.inputs import resolve_inputs
    from quotetrail.spark.job import JobOptions, run_job
    from quotetrail.spark.rows import TaskSettings
    from quotetrail.spark.session import spark_session

    if args.model and not _installed(args.model):  # say so here, not in a failed task
        raise PipelineNotFound(args.model)
    options = JobOptions(
        inputs=tuple(resolve_inputs(args.input)),
        output=args.output,
        partitions=args.partitions,
        redo=args.redo,
        task=TaskSettings(
            model=args.model,
            read=ReadOptions(max_chars=args.max_chars),
            find=FindOptions(scope=args.scope),
        ),
    )
    with spark_session(args.master, app_name="quotetrail spark extract") as spark:
        report = run_job(spark, options)
    print(f"{args.output}: {report.summary()}")
    return OK


def _installed(model: str) -> bool:
    import spacy.util

    return bool(spacy.util.is_package(model))


def run_load(args: argparse.Namespace) -> int:
    from quotetrail.spark.load import load

    report = load(args.directory, args.db)
    print(f"{args.db}: {report.summary()}")
    return OK


def submit_main(argv: Sequence[str] | None = None) -> int:
    """``extract`` alone, for ``spark-submit path/to/quotetrail/spark/submit.py --input ...``."""
    parser = argparse.ArgumentParser(
        prog="quotetrail spark extract", description="quotetrail's extraction job on Spark"
    )
    add_extract_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run_spark_extract(args)
    except QuotetrailError as err:
        print(f"{parser.prog}: error: [{err.code}] {err}", file=sys.stderr)
        return USAGE
