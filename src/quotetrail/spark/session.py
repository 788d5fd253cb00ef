"""Starting Spark: check for Java and PySpark first, so a missing piece is one clear message.

Without these checks a missing ``java`` surfaces as PySpark's "Java gateway process exited
before sending its port number", which names neither the cause nor the fix.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from quotetrail.errors import JavaNotFound, SparkNotInstalled

__all__ = ["JAVA_MIN", "LOCAL_DEFAULTS", "build_session", "java_version", "spark_session"]

#: Spark 4 runs on Java 17 or 21.
JAVA_MIN = 17
#: Settings for a run on this machine (tests, benchmarks, a laptop); a cluster sets its own.
LOCAL_DEFAULTS: Mapping[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.driver.memory": "1g",
}
_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')


def java_version() -> int | None:
    """The major version of the ``java`` Spark would start (JAVA_HOME first), or None."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        return None
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = _VERSION.search(done.stderr + done.stdout)
    if match is None:
        return None
    major, minor = int(match.group(1)), int(match.group(2) or 0)
    return minor if major == 1 else major  # "1.8.0" is Java 8


def build_session(
    master: str | None = None,
    *,
    app_name: str = "quotetrail",
    conf: Mapping[str, str] | None = None,
) -> Any:
    """A SparkSession: ``master`` if given, else spark-submit's, else ``local[*]``.

    Under spark-submit the cluster's settings win; ``conf`` adds to them (tests pass
    :data:`LOCAL_DEFAULTS`). A local master runs its Python workers with this interpreter
    unless ``PYSPARK_PYTHON`` names another.
    """
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkNotInstalled() from None
    found = java_version()
    if found is None or found < JAVA_MIN:
        raise JavaNotFound(found, JAVA_MIN)
    settings = {**(conf or {})}
    master = master or SparkConf().get("spark.master") or "local[*]"
    if master.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        # Workers on this machine run this interpreter (the venv with quotetrail and spaCy),
        # not whatever `python3` is first on PATH; PySpark reads only the variable for that.
        os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName(app_name).master(master)
    for name, value in settings.items():
        builder = builder.config(name, value)
    return builder.getOrCreate()


@contextmanager
def spark_session(
    master: str | None = None,
    *,
    app_name: str = "quotetrail",
    conf: Mapping[str, str] | None = None,
) -> Iterator[Any]:
    """A session for one command, stopped afterwards unless it was running before (a test's,
    a notebook's), which its owner stops."""
    running = _active()
    session = build_session(master, app_name=app_name, conf=conf)
    try:
        yield session
    finally:
        if running is None:
            session.stop()


def _active() -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()
