"""Articles in, statements out, in input order: the one queue every batch driver shares.

``extract``, the ingester and each Spark task read a stream of Articles and Failures, send the
texts to :func:`~quotetrail.extraction.extract_texts` and need each result matched back to
its article. Read failures pass through in their place, so a caller reports them in the
order they were met; a document the pipeline fails on comes back as a Failure (E110).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain

from quotetrail.records import Article, Failure, Quote

from . import FindOptions, extract_texts

__all__ = ["Extracted", "extract_articles"]

#: One result of :func:`extract_articles`: an article with its statements, or a Failure.
Extracted = tuple[Article, list[Quote]] | Failure


def extract_articles(
    items: Iterable[Article | Failure],
    *,
    model: str | None = None,
    options: FindOptions | None = None,
    batch_size: int = 16,
) -> Iterator[Extracted]:
    """Each article with its statements, or a Failure, in input order.

    The pipeline loads only once there is a first article, so a run whose every input failed
    (or was already stored) costs no model load. At most one batch of articles is held.
    """
    queue: deque[Article | Failure] = deque()

    def texts() -> Iterator[str]:
        for item in items:
            queue.append(item)
            if isinstance(item, Article):
                yield item.text

    def failures() -> Iterator[Failure]:
        while queue and isinstance(queue[0], Failure):
            yield queue.popleft()  # type: ignore[misc]

    stream = texts()
    first = next(stream, None)
    if first is not None:
        results = extract_texts(
            chain([first], stream), model=model, options=options, batch_size=batch_size
        )
        for result in results:
            yield from failures()
            article = queue.popleft()
            assert isinstance(article, Article)
            if isinstance(result, list):
                yield article, result
            else:
                yield Failure.from_error(article.source, result)
    yield from failures()
