"""Sources to corpus: read, skip what is stored already, extract, store.

The flow is ``read_sources`` -> dedupe (cheap key lookups, before any parsing) -> extraction
(in this process, or in worker processes that each load the spaCy pipeline once) -> the single
writer in this process. Results come back in input order whatever the number of workers, so
one input gives the same database with 1 or N workers.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from quotetrail.corpus.db import DEFAULT_DB
from quotetrail.corpus.keys import ArticleKeys, Match, SeenKeys
from quotetrail.corpus.store import Store
from quotetrail.errors import ArticleIdTaken, InvalidUnicode, Unchanged
from quotetrail.extraction.queue import Extracted
from quotetrail.ingest.options import IngestOptions
from quotetrail.ingest.workers import extract_stream
from quotetrail.read import ReadOptions, read_sources
from quotetrail.records import Article, Failure
from quotetrail.unicode import check_fields, printable

__all__ = ["IngestReport", "Outcome", "ingest"]

Outcome = Literal["stored", "duplicate", "skipped", "failed"]
OnEvent = Callable[[Outcome, Failure | None], None]
_COUNTERS: dict[Outcome, str] = {
    "stored": "stored",
    "duplicate": "duplicates",
    "skipped": "skipped",
    "failed": "failed",
}


@dataclass(slots=True)
class IngestReport:
    """What one run did. ``skipped``: already in the corpus (stored before the run, as when a
    resumed run skips what the interrupted one committed, or by another ingest meanwhile) or
    deliberately left unread by a reader (unchanged since the last fetch); ``duplicates``:
    repeats within this run's input; ``failed``: each one also has a row in
    ``ingest_errors``."""

    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    quotes: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.stored + self.duplicates + self.skipped + self.failed

    @property
    def rate(self) -> float:
        """Articles handled (not failed documents) per second of wall time."""
        articles = self.documents - self.failed
        return articles / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        return (
            f"stored {self.stored:,}, duplicates {self.duplicates:,}, skipped {self.skipped:,}, "
            f"failed {self.failed:,} in {self.seconds:.1f} s ({self.rate:.1f} articles/s)"
        )


def ingest(
    sources: Iterable[str],
    db_path: str | Path = DEFAULT_DB,
    options: IngestOptions | None = None,
    *,
    on_event: OnEvent | None = None,
) -> IngestReport:
    """Ingest files, folders and whatever else ``read_sources`` reads into the corpus at
    ``db_path``; ``on_event`` hears each document's outcome (for a progress line)."""
    options = options or IngestOptions()
    items = read_sources(list(sources), options=options.read)
    report = IngestReport()
    started = time.perf_counter()
    try:
        with Store.open(db_path, options=options.store) as store:
            run = _Run(store, report, options.read, on_event, _own_files(db_path, options.read))
            for result in extract_stream(run.fresh(items), options, store.commit):
                run.write(result)
    finally:
        report.seconds = time.perf_counter() - started
    return report


class _Run:
    """One run's bookkeeping: dedupe before extraction, outcomes after, counts and events."""

    def __init__(
        self,
        store: Store,
        report: IngestReport,
        read: ReadOptions,
        on_event: OnEvent | None,
        own_files: frozenset[Path] = frozenset(),
    ) -> None:
        self.own_files = own_files
        self.store = store
        self.report = report
        self.read = read
        self.on_event = on_event
        self.seen = SeenKeys()

    def fresh(self, items: Iterable[Article | Failure]) -> Iterator[Article]:
        """The articles worth extracting; failures, repeats and stored ones are settled here.

        What was written is committed before each source is read and before an article goes
        to extraction: reading and parsing take long, and another writer may be waiting."""
        for item in self._committing(items):
            if _path_of(item.source) in self.own_files:
                continue  # the corpus itself, met in a folder being ingested: not an input
            if printable(item.source) != item.source:  # a file name with undecodable bytes
                item = dataclasses.replace(item, source=printable(item.source))
            if isinstance(item, Failure):
                if item.code == Unchanged.code and not self.store.has_url(item.source):
                    yield from self.fresh(self._read_again(item.source))
                elif item.skipped:  # deliberate: unchanged since the last run, not a page
                    self.event("skipped", item)
                else:
                    self.fail(item)
                continue
            try:
                check_fields(item, item.source)  # any reader: SQLite cannot store a surrogate
            except InvalidUnicode as err:
                self.fail(Failure.from_error(item.source, err))
                continue
            keys = ArticleKeys.of(item)
            in_run = self.seen.match(keys)
            match = in_run if in_run is not Match.NEW else self.store.match(keys)
            if match is Match.ID_TAKEN:
                self.fail(_id_taken(item))
                continue
            self.seen.add(keys)
            if match is Match.NEW:
                self.store.commit()
                yield item
            else:
                self.event("duplicate" if in_run is Match.SAME else "skipped")

    def _committing(self, items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        iterator = iter(items)
        while True:
            self.store.commit()
            item = next(iterator, None)
            if item is None:
                return
            yield item

    def _read_again(self, url: str) -> Iterator[Article | Failure]:
        """A URL the HTTP cache says is unchanged, but that this corpus has not got: the run
        that fetched it ended before storing it (interrupted, or its batch was in flight), so
        fetch it in full, after the usual pause for its host. A feed URL is never an article,
        so an unchanged feed is read again and its entries are checked one by one."""
        time.sleep(self.read.request_interval)
        return read_sources([url], options=dataclasses.replace(self.read, http_cache=None))

    def write(self, result: Extracted) -> None:
        if isinstance(result, Failure):
            self.fail(result)
            return
        article, quotes = result
        match = self.store.add(article, quotes)
        if match is Match.NEW:
            self.report.quotes += len(quotes)
            self.event("stored")
        elif match is Match.SAME:  # another ingest stored it since our check: in the corpus
            self.event("skipped")
        else:
            self.fail(_id_taken(article))

    def fail(self, failure: Failure) -> None:
        self.store.add_failure(failure)
        self.event("failed", failure)

    def event(self, outcome: Outcome, failure: Failure | None = None) -> None:
        counter = _COUNTERS[outcome]
        setattr(self.report, counter, getattr(self.report, counter) + 1)
        if self.on_event is not None:
            self.on_event(outcome, failure)


def _own_files(db_path: str | Path, read: ReadOptions) -> frozenset[Path]:
    """The corpus database, its journal files and its HTTP cache: never read as sources."""
    bases = [Path(db_path)] + ([Path(read.http_cache)] if read.http_cache else [])
    suffixes = ("", "-wal", "-shm", "-journal")
    return frozenset(
        p for base in bases for s in suffixes if (p := _path_of(str(base) + s)) is not None
    )


def _path_of(source: str) -> Path | None:
    if "://" in source or source == "-":
        return None
    try:
        return Path(source).resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def _id_taken(article: Article) -> Failure:
    return Failure.from_error(article.source, ArticleIdTaken(article.source, article.id))
