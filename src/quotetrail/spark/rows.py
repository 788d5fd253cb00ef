"""What one task does with its inputs: read, extract, and turn records into table rows.

Pure Python, no Spark: :func:`extract_partition` is the function the job hands to
``mapPartitions``, and it can be called (and tested) on its own. The spaCy pipeline comes from
:func:`quotetrail.nlp.load_pipeline`, cached per process, so a Python worker that Spark reuses
(``spark.python.worker.reuse``, on by default) loads it once for all its tasks; each task parses
its texts in one ``nlp.pipe`` stream in this process, with no ``n_process`` inside the task.

Rows are tagged tuples ``(table, values)`` in the column order of
:data:`quotetrail.spark.schema.COLUMNS`, plus one ``("done", (input, summary_json))`` per input.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from quotetrail.corpus.keys import ArticleKeys
from quotetrail.errors import InvalidOption
from quotetrail.extraction import FindOptions
from quotetrail.extraction.queue import extract_articles
from quotetrail.read import ReadOptions
from quotetrail.records import Article, Failure, Quote
from quotetrail.spark.inputs import read_input
from quotetrail.spark.schema import input_key, partition_date, quote_id

__all__ = ["DONE", "TaskSettings", "article_values", "extract_input", "extract_partition"]

DONE = "done"
Row = tuple[str, tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class TaskSettings:
    """What every task needs to know; built once on the driver and shipped with the closure."""

    model: str | None = None  # spaCy pipeline (None: load_pipeline's default)
    batch_size: int = 16  # texts per nlp.pipe batch
    read: ReadOptions = field(default_factory=ReadOptions)
    find: FindOptions | None = None

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise InvalidOption("batch_size", self.batch_size, "must be at least 1")


def extract_partition(settings: TaskSettings, inputs: Iterable[str]) -> Iterator[Row]:
    """The rows of every input in one Spark partition, input after input."""
    for path in inputs:
        yield from extract_input(path, settings)


def extract_input(path: str, settings: TaskSettings) -> Iterator[Row]:
    """Article, quote and error rows of one input, then its ``done`` summary (counts, time).

    Deliberate skips (``S1xx``: a WARC capture that is no page) are counted, not written, as
    the corpus store does; every other Failure becomes an error row.
    """
    key, started = input_key(path), time.perf_counter()
    counts = {"articles": 0, "quotes": 0, "errors": 0, "skipped": 0}
    results = extract_articles(
        read_input(path, settings.read),
        model=settings.model,
        options=settings.find,
        batch_size=settings.batch_size,
    )
    for result in results:
        if isinstance(result, Failure):
            if result.skipped:
                counts["skipped"] += 1
            else:
                counts["errors"] += 1
                yield "errors", (result.source, result.code, result.message, key)
            continue
        article, quotes = result
        date = partition_date(article.published)
        counts["articles"] += 1
        yield "articles", article_values(article, date, key)
        for values in quote_values(article.id, quotes, date, key):
            counts["quotes"] += 1
            yield "quotes", values
    seconds = round(time.perf_counter() - started, 3)
    yield DONE, (path, json.dumps({"key": key, **counts, "seconds": seconds}))


def article_values(article: Article, date: str, key: str) -> tuple[Any, ...]:
    return (
        article.id,
        article.source,
        article.url,
        article.title,
        article.outlet,
        list(article.authors),
        article.published,
        article.text,
        ArticleKeys.of(article).content_hash,
        date,
        key,
    )


def quote_values(
    article_id: str, quotes: Iterable[Quote], date: str, key: str
) -> Iterator[tuple[Any, ...]]:
    """One row per quote id, in text order: the store keeps one quote per id the same way."""
    unique = {quote_id(article_id, quote): quote for quote in quotes}
    for qid, quote in unique.items():
        cue, speaker = quote.cue, quote.speaker
        yield (
            qid,
            article_id,
            quote.kind,
            quote.content.start,
            quote.content.end,
            quote.content.text,
            cue.start if cue else None,
            cue.end if cue else None,
            cue.lemma if cue else None,
            speaker.start if speaker else None,
            speaker.end if speaker else None,
            quote.speaker_name,
            quote.speaker_kind,
            quote.speaker_role,
            quote.via,
            quote.via_kind,
            quote.confidence,
            quote.attribution,
            date,
            key,
        )
