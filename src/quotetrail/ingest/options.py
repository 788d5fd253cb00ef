"""The options of an ingest run, built once from defaults plus overrides and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field

from quotetrail.corpus.store import StoreOptions
from quotetrail.errors import InvalidOption
from quotetrail.extraction import FindOptions
from quotetrail.read import ReadOptions

__all__ = ["IngestOptions"]


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Everything an ingest run can be told, built once and passed down.

    ``read.http_cache`` turns re-fetches of URLs into conditional requests; the command line
    keeps it beside the corpus (``read.http_cache_beside(db)``), and so should callers that
    want it: one cache per corpus, or a 304 could hide a page this corpus has not got.
    """

    workers: int = 1  # extraction processes; 1 extracts in this process
    model: str | None = None  # spaCy pipeline name (None: load_pipeline's default)
    # Texts per nlp.pipe batch and per task sent to a worker. Small tasks keep two workers
    # evenly loaded to the end (240 articles: 24 s with 4, 30 s with 16); the CPU pipeline is no
    # faster on bigger batches.
    batch_size: int = 4
    read: ReadOptions = field(default_factory=ReadOptions)
    find: FindOptions | None = None
    store: StoreOptions = field(default_factory=StoreOptions)

    def __post_init__(self) -> None:
        for name in ("workers", "batch_size"):
            if getattr(self, name) < 1:
                raise InvalidOption(name, getattr(self, name), "must be at least 1")
