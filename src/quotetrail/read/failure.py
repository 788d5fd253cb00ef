"""The record a reader yields instead of an Article when a document cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from quotetrail.errors import InputError, QuotetrailError, UnreadableSource
from quotetrail.records import Article


@dataclass(frozen=True, slots=True)
class Failure:
    """One unusable document: where it came from, the stable error code and the reason."""

    source: str
    code: str
    message: str

    @classmethod
    def from_error(cls, source: str, err: QuotetrailError) -> Failure:
        return cls(source=source, code=err.code, message=str(err))

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
