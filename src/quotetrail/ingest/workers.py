"""Extraction for the ingester: in this process, or in worker processes, results in input order.

Workers are started with the ``spawn`` method (no forked copy of the parent's SQLite connection
or threads) and each loads the spaCy pipeline once, in its initializer; ``load_pipeline`` is
cached per process. Only texts travel to a worker and only quotes come back, so the pickling
cost is small next to parsing. A bounded number of batches is held (see ``_in_workers``), so
memory stays bounded however long the input.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from quotetrail.errors import InputError, WorkerCrashed
from quotetrail.extraction import FindOptions, extract_texts
from quotetrail.extraction.queue import Extracted, extract_articles
from quotetrail.ingest.options import IngestOptions
from quotetrail.nlp import load_pipeline
from quotetrail.records import Article, Failure, Quote

__all__ = ["extract_stream"]
UNFINISHED_PER_WORKER = 2  # tasks queued or being parsed, per worker
HELD_PER_WORKER = 8  # tasks held in input order (finished or not), per worker
PARENT_CHECK_SECONDS = 1.0
_worker_settings: tuple[str | None, FindOptions | None] = (None, None)


def extract_stream(
    articles: Iterator[Article], options: IngestOptions, idle: Callable[[], None] | None = None
) -> Iterator[Extracted]:
    """Each article with its quotes, or the Failure its extraction became, in input order.

    The pipeline (and any worker) starts only once there is a first article, so a re-run that
    skips everything costs no model load. ``idle`` is called before waiting on workers (the
    writer commits then, so it holds no lock while nothing is written).
    """
    first = next(articles, None)
    if first is None:
        return
    stream = chain([first], articles)
    if options.workers == 1:
        yield from extract_articles(
            stream, model=options.model, options=options.find, batch_size=options.batch_size
        )
    else:
        yield from _in_workers(stream, options, idle or (lambda: None))


def _failure(article: Article, coded: tuple[str, str]) -> Failure:
    code, message = coded
    return Failure(article.source, code, message)


def _in_workers(
    articles: Iterator[Article], options: IngestOptions, idle: Callable[[], None]
) -> Iterator[Extracted]:
    """Keep every worker fed while results wait for their turn: tasks are topped up as any of
    them finishes (not only the oldest), so one long batch holding up the ordered output does
    not leave the other workers idle; finished results are handed on as soon as all before
    them are, and at most ``HELD_PER_WORKER * workers`` tasks are held, bounding memory."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        options.workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(), options.model, options.find),
    )
    held: deque[tuple[list[Article], Future[list[list[Quote] | tuple[str, str]]]]] = deque()
    max_unfinished = UNFINISHED_PER_WORKER * options.workers
    max_held = HELD_PER_WORKER * options.workers
    exhausted = False
    try:
        while True:
            while held and held[0][1].done():
                yield from _collect(*held.popleft())
            unfinished = [future for _, future in held if not future.done()]
            if not exhausted and len(held) < max_held and len(unfinished) < max_unfinished:
                if batch := list(islice(articles, options.batch_size)):
                    texts = [article.text for article in batch]
                    held.append((batch, pool.submit(_extract_batch, texts, options.batch_size)))
                    continue
                exhausted = True
            if not held:
                break
            idle()
            wait(unfinished, return_when=FIRST_COMPLETED)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _collect(
    batch: list[Article], future: Future[list[list[Quote] | tuple[str, str]]]
) -> Iterator[Extracted]:
    try:
        results = future.result()
    except BrokenProcessPool as err:
        raise WorkerCrashed(str(err) or type(err).__name__) from None
    for article, result in zip(batch, results, strict=True):
        yield _failure(article, result) if isinstance(result, tuple) else (article, result)


# -- in the worker process -------------------------------------------------------------------
def _start_worker(parent: int, model: str | None, find: FindOptions | None) -> None:
    """Load the pipeline before the first batch; Ctrl-C is the parent's to handle, and a
    parent killed outright (``kill -9``) must not leave its workers behind. ``parent`` is the
    pid the parent passed: one read here with ``getppid()`` would already be the new parent's
    if the ingester died while this process was still starting (importing spaCy takes
    seconds)."""
    global _worker_settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _worker_settings = (model, find)
    load_pipeline(model)


def _exit_with(parent: int) -> None:
    """A worker blocks on its task queue forever once the parent is gone (it holds both ends of
    the pipe, so it never sees EOF); being re-parented is the sign to leave."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _extract_batch(texts: list[str], batch_size: int) -> list[list[Quote] | tuple[str, str]]:
    """Quotes per text, or the failure's (code, message) (exceptions do not pickle back
    faithfully)."""
    model, find = _worker_settings
    return [
        (result.code, str(result)) if isinstance(result, InputError) else result
        for result in extract_texts(texts, model=model, options=find, batch_size=batch_size)
    ]
