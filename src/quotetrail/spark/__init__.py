"""quotetrail on Apache Spark: extraction over many archives, and its tables back into a corpus.

``quotetrail spark extract`` (:mod:`quotetrail.spark.job`) runs the readers and the extractor in
Spark tasks and writes Parquet tables (:mod:`quotetrail.spark.schema`); ``quotetrail load``
(:mod:`quotetrail.spark.load`) stores those tables in the SQLite corpus. PySpark is an optional
extra (``quotetrail[spark]``) and is imported only inside the functions that start Spark, so
importing this package, the schemas or the loader never needs it.
"""

from __future__ import annotations

import logging

from quotetrail.errors import (
    JavaNotFound,
    NoInputs,
    NotJobOutput,
    SparkError,
    SparkNotInstalled,
)
from quotetrail.spark.job import JobOptions, JobReport, run_job
from quotetrail.spark.load import LoadReport, load
from quotetrail.spark.rows import TaskSettings
from quotetrail.spark.schema import arrow_schema, spark_schema
from quotetrail.spark.session import build_session, java_version

__all__ = [
    "JavaNotFound",
    "JobOptions",
    "JobReport",
    "LoadReport",
    "NoInputs",
    "NotJobOutput",
    "SparkError",
    "SparkNotInstalled",
    "TaskSettings",
    "arrow_schema",
    "build_session",
    "java_version",
    "load",
    "run_job",
    "spark_schema",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
