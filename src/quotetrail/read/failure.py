"""The record a reader yields instead of an Article when a document cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from quotetrail.errors import InputError, QuotetrailError, Skipped, UnreadableSource
from quotetrail.records import Article


@dataclass(frozen=True, slots=True)
class Failure:
    """One unusable document: where it came from, the stable error code and the reason.

    ``skipped`` marks a deliberate skip (code ``S1xx``: unchanged since the last run, a WARC
    record that is not a page), which a summary counts apart from real failures.
    """

    source: str
    code: str
    message: str
    skipped: bool = False

    @classmethod
    def from_error(cls, source: str, err: QuotetrailError) -> Failure:
        return cls(source=source, code=err.code, message=str(err), skipped=isinstance(err, Skipped))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
