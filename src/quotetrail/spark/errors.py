"""Errors of the Spark job and the loader (codes E5xx), each with one code and one message.

They live beside the job so that the optional extra stays self-contained; they subclass the
project's :class:`~quotetrail.errors.QuotetrailError`, so the command line reports them like
any other (``[CODE] message``, exit status 2).
"""

from __future__ import annotations

from quotetrail.errors import QuotetrailError

__all__ = ["JavaNotFound", "NoInputs", "NotJobOutput", "SparkError", "SparkNotInstalled"]


class SparkError(QuotetrailError):
    """The Spark job or the loader cannot run as asked; the command stops."""

    code = "E500"


class SparkNotInstalled(SparkError):
    code = "E501"

    def __init__(self) -> None:
        super().__init__(
            "PySpark is not installed; install the extra with `pip install 'quotetrail[spark]'`"
        )


class JavaNotFound(SparkError):
    code = "E502"

    def __init__(self, found: int | None, wanted: int) -> None:
        have = f"Java {found} was found" if found else "no `java` was found on PATH or JAVA_HOME"
        super().__init__(
            f"Spark needs Java {wanted} or newer and {have}; run scripts/ensure-java.sh "
            "(installs Debian's default-jre-headless) or set JAVA_HOME"
        )


class NoInputs(SparkError):
    code = "E503"

    def __init__(self, spec: str) -> None:
        super().__init__(
            f"{spec}: no input files (give a glob of .warc/.warc.gz/.jsonl/.parquet files, a "
            "folder of them, or a manifest: a text file with one path or URI per line)"
        )


class NotJobOutput(SparkError):
    code = "E504"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path}: not the output of `quotetrail spark extract` (no articles/ table in it)"
        )
