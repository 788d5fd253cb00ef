"""Where per-document reading problems stop being exceptions and become Failure records."""

from __future__ import annotations

from collections.abc import Callable

from quotetrail.errors import InputError, UnreadableSource
from quotetrail.records import Article, Failure

__all__ = ["Failure", "attempt"]


def attempt(source: str, read: Callable[[], Article]) -> Article | Failure:
    """Run one document's reader, turning its coded error (or an I/O error) into a Failure.

    This is the single place where per-document problems stop being exceptions, so a batch
    records them and moves on; anything else is a bug and propagates.
    """
    try:
        return read()
    except InputError as err:
        return Failure.from_error(source, err)
    except OSError as err:
        return Failure.from_error(source, UnreadableSource(source, err.strerror or str(err)))
