"""URLs: an HTML page becomes an Article; a feed becomes the Articles of the pages it links to.

Every URL goes through one :class:`~quotetrail.read.fetch.Fetcher` per run (pacing, limits,
conditional requests). A 304 answer to a conditional request is a skip (``S101``), an HTTP error,
a network error or a non-HTML answer is a Failure, and reading goes on.

The HTTP cache learns a page's ETag/Last-Modified only after its Article was handed over and
the caller asked for the next record, and a feed's only once every entry was read or skipped:
a feed whose entries failed is fetched in full next time, so those entries are tried again.
"""

from __future__ import annotations

from collections.abc import Iterator

from quotetrail.errors import InputError, NotAPage, Unchanged
from quotetrail.read.failure import Failure, attempt
from quotetrail.read.feeds import FeedEntry, parse_feed, with_entry_fallbacks
from quotetrail.read.fetch import Fetcher, Response
from quotetrail.read.html import read_html
from quotetrail.read.media import media_kind
from quotetrail.read.options import ReadOptions
from quotetrail.records import Article

__all__ = ["FEED_HINT", "read_url"]

FEED_HINT = "feed:"  # ``feed:https://example.com/rss`` reads the URL as a feed, whatever it says
PAGE_OR_FEED = "an HTML page or an RSS/Atom feed"
LINKED_PAGE = "an HTML page (linked from a feed)"


def read_url(
    url: str, fetcher: Fetcher, options: ReadOptions, *, as_feed: bool = False
) -> Iterator[Article | Failure]:
    """One page's Article, or a feed's Articles; the kind comes from the response itself.

    ``as_feed`` reads the response as a feed even when its type and first bytes do not say so.
    """
    response = fetcher.fetch(url)
    if isinstance(response, Failure):
        yield response
        return
    if response.not_modified:
        yield Failure.from_error(url, Unchanged(url))
        return
    kind = "feed" if as_feed else media_kind(response.media_type, response.body)
    if kind == "feed":
        yield from _read_feed(url, response, fetcher, options)
    elif kind == "html":
        yield from _read_page(url, response, fetcher, options)
    else:
        yield Failure.from_error(url, NotAPage(url, response.media_type, PAGE_OR_FEED))


def _read_page(
    source: str,
    response: Response,
    fetcher: Fetcher,
    options: ReadOptions,
    entry: FeedEntry | None = None,
) -> Iterator[Article | Failure]:
    def read() -> Article:
        article = read_html(
            response.body, source, url=response.url, charset=response.charset, options=options
        )
        return with_entry_fallbacks(article, entry) if entry else article

    record = attempt(source, read)
    yield record
    if isinstance(record, Article):  # the caller took it and asked for more
        fetcher.remember(response)


def _read_feed(
    source: str, response: Response, fetcher: Fetcher, options: ReadOptions
) -> Iterator[Article | Failure]:
    try:
        entries = parse_feed(
            response.body,
            response.url,
            source,
            media_type=response.media_type,
            max_entries=options.max_feed_entries,
        )
    except InputError as err:
        yield Failure.from_error(source, err)
        return
    complete = True
    for entry in entries:
        for record in _read_entry(entry, fetcher, options):
            complete = complete and (isinstance(record, Article) or record.skipped)
            yield record
    if complete:
        fetcher.remember(response)


def _read_entry(
    entry: FeedEntry, fetcher: Fetcher, options: ReadOptions
) -> Iterator[Article | Failure]:
    response = fetcher.fetch(entry.link)
    if isinstance(response, Failure):
        yield response
    elif response.not_modified:
        yield Failure.from_error(entry.link, Unchanged(entry.link))
    elif media_kind(response.media_type, response.body) == "html":
        yield from _read_page(entry.link, response, fetcher, options, entry)
    else:
        yield Failure.from_error(entry.link, NotAPage(entry.link, response.media_type, LINKED_PAGE))
