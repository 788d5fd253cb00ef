"""``quotetrail spark extract``: readers and extraction over many archives, on Spark.

Like Common Crawl's cc-pyspark jobs, the list of input files is the RDD, one file per task
(``--partitions`` changes that); each task reads its files and extracts in ``mapPartitions``
(:func:`quotetrail.spark.rows.extract_partition`), and the rows become three Parquet tables,
``DIR/articles``, ``DIR/quotes`` and ``DIR/errors``, in the schema of
:mod:`quotetrail.spark.schema`, under ``date=YYYY-MM-DD|unknown/input=KEY/`` directories.

Restartable, with no duplicates, by two mechanisms:

* **dynamic partition overwrite** on ``(date, input)``: a table write replaces exactly the
  partitions its inputs produce and no other, so re-running an input, whole or after a crash
  between the three table writes, rewrites its rows instead of adding to them, while other
  inputs' rows (other runs into the same ``DIR``) are untouched;
* **a ``_done`` marker per input** (``DIR/_done/KEY.json``, written once all three tables are
  committed), so a re-run skips finished inputs and only does the rest (``--redo``: all).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from quotetrail.errors import InvalidOption
from quotetrail.spark.rows import DONE, TaskSettings, extract_partition
from quotetrail.spark.schema import (
    PARTITIONS,
    TABLES,
    input_key,
    names,
    spark_union_schema,
    union_row,
)

__all__ = ["DONE_DIR", "JobOptions", "JobReport", "Markers", "run_job"]

DONE_DIR = "_done"


@dataclass(frozen=True, slots=True)
class JobOptions:
    """One run: its input files, where the tables go, and how the tasks work."""

    inputs: tuple[str, ...]
    output: str
    partitions: int | None = None  # Spark partitions (default: one per input file)
    redo: bool = False  # ignore the _done markers and process every input again
    task: TaskSettings = field(default_factory=TaskSettings)

    def __post_init__(self) -> None:
        if not self.inputs:
            raise InvalidOption("inputs", self.inputs, "a job needs at least one input")
        if self.partitions is not None and self.partitions < 1:
            raise InvalidOption("partitions", self.partitions, "must be at least 1")


@dataclass(slots=True)
class JobReport:
    """What one run did; ``finished_before``: inputs skipped thanks to their marker."""

    inputs: int = 0
    finished_before: int = 0
    articles: int = 0
    quotes: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        done = self.inputs - self.finished_before
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{done:,} of {self.inputs:,} inputs processed ({self.finished_before:,} finished "
            f"before): {self.articles:,} articles, {self.quotes:,} quotes, {self.errors:,} "
            f"errors, {self.skipped:,} skipped records in {self.seconds:.1f} s "
            f"({rate:.1f} articles/s)"
        )


class Markers:
    """The ``_done`` markers of an output directory, through Spark's own Hadoop filesystem
    client, so they live wherever Spark can write the tables (local, HDFS, s3a://, gs://...)."""

    def __init__(self, spark: Any, output: str) -> None:
        hadoop = spark.sparkContext._jvm.org.apache.hadoop
        self.path = hadoop.fs.Path
        self.folder = self.path(f"{output.rstrip('/')}/{DONE_DIR}")
        self.fs = self.folder.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
        self.fs.setWriteChecksum(False)  # no .crc sidecars beside the local markers
        self.fs.setVerifyChecksum(False)
        self.io = spark.sparkContext._jvm.org.apache.commons.io.IOUtils

    def finished(self) -> set[str]:
        """The inputs whose marker is whole; a truncated one (a crash while marking) is not."""
        from py4j.protocol import Py4JJavaError  # comes with pyspark

        if not self.fs.exists(self.folder):
            return set()
        done = set()
        for status in self.fs.listStatus(self.folder):
            if not status.getPath().getName().endswith(".json"):
                continue
            try:
                done.add(json.loads(self._read(status.getPath()))["input"])
            except (Py4JJavaError, ValueError, KeyError, TypeError):
                continue  # unreadable or incomplete: the input is done again
        return done

    def _read(self, path: Any) -> bytes:
        stream = self.fs.open(path)
        try:
            return bytes(self.io.toByteArray(stream))
        finally:
            stream.close()

    def mark(self, path: str, summary: dict[str, Any]) -> None:
        data = json.dumps({"input": path, **summary}, sort_keys=True).encode()
        stream = self.fs.create(self.path(self.folder, f"{input_key(path)}.json"), True)
        try:
            stream.write(bytearray(data))
        finally:
            stream.close()


def run_job(spark: Any, options: JobOptions) -> JobReport:
    """Process the inputs not finished yet and write their rows; see the module docstring.

    The tasks' rows cross from Python to the JVM once, as one DataFrame in the union layout
    (:func:`quotetrail.spark.schema.union_row`), cached; each table is then a filter and a
    projection of that cache run in the JVM alone, so extraction runs once per input.
    """
    started = time.perf_counter()
    markers = Markers(spark, options.output)
    finished = set() if options.redo else markers.finished()
    todo = [p for p in options.inputs if p not in finished]
    report = JobReport(inputs=len(options.inputs), finished_before=len(options.inputs) - len(todo))
    if not todo:
        return report
    slices = min(options.partitions or len(todo), len(todo))
    rows = (
        spark.sparkContext.parallelize(todo, slices)
        .mapPartitions(partial(extract_partition, options.task))
        .map(union_row)
    )
    frame = spark.createDataFrame(rows, spark_union_schema(), verifySchema=False).persist()
    try:
        for table in TABLES:
            _write(frame, table, options.output)
        summaries = frame.filter(frame["table"] == DONE).select("source", "summary").collect()
    finally:
        frame.unpersist()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for path, summary in summaries:
        counts = json.loads(summary)
        markers.mark(path, {**counts, "finished_at": now})
        report.articles += counts["articles"]
        report.quotes += counts["quotes"]
        report.errors += counts["errors"]
        report.skipped += counts["skipped"]
    report.seconds = time.perf_counter() - started
    return report


def _write(frame: Any, table: str, output: str) -> None:
    (
        frame.filter(frame["table"] == table)
        .select(*names(table))  # type: ignore[arg-type]
        .write.mode("overwrite")
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy(*PARTITIONS[table])  # type: ignore[index]
        .parquet(f"{output.rstrip('/')}/{table}")
    )
