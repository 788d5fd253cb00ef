"""RSS and Atom feeds: the article pages an entry list points to, with the entry's metadata.

Parsing is pure (bytes in, :class:`FeedEntry` records out, through feedparser, which reads RSS
0.9x-2.0, RSS 1.0/RDF and Atom and copes with the malformed XML feeds often are); fetching the
feed and its pages happens in ``web.py`` through the same polite Fetcher. A page knows its own
title and date best; the entry's title and date only fill in what the page lacks.
"""

from __future__ import annotations

import dataclasses
import io
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser

from quotetrail.errors import MalformedRecord
from quotetrail.records import Article

__all__ = ["FeedEntry", "parse_feed", "with_entry_fallbacks"]

DATE_FIELDS = ("published_parsed", "updated_parsed", "created_parsed")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item that links to a page: absolute URL, title, publication date (ISO)."""

    link: str
    title: str | None = None
    published: str | None = None


def parse_feed(
    body: bytes, url: str, source: str, *, media_type: str = "", max_entries: int
) -> list[FeedEntry]:
    """The first ``max_entries`` distinct http(s) links of the feed at ``url``, in feed order.

    Raises MalformedRecord when ``body`` is no feed at all; a feed that parses with errors
    (feedparser's "bozo" flag) still gives the entries it could read.
    """
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={"content-location": url, "content-type": media_type or "text/xml"},
    )
    if not parsed.entries and not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise MalformedRecord(source, f"not a readable RSS/Atom feed: {reason}")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in parsed.entries:
        link = _link(item, url)
        if link is None or link in seen:
            continue
        seen.add(link)
        entries.append(FeedEntry(link, (item.get("title") or "").strip() or None, _date(item)))
        if len(entries) == max_entries:
            break
    return entries


def with_entry_fallbacks(article: Article, entry: FeedEntry) -> Article:
    """The page's Article, its missing title and date taken from the feed entry."""
    return dataclasses.replace(
        article,
        title=article.title or entry.title,
        published=article.published or entry.published,
    )


def _link(item: feedparser.FeedParserDict, feed_url: str) -> str | None:
    href = item.get("link") or next(
        (link.get("href") for link in item.get("links", []) if link.get("href")), None
    )
    if not href:
        return None
    absolute = urljoin(feed_url, href.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _date(item: feedparser.FeedParserDict) -> str | None:
    """The entry's date as YYYY-MM-DD (feedparser normalises it to UTC)."""
    for name in DATE_FIELDS:
        stamp = item.get(name)
        if isinstance(stamp, time.struct_time):
            return time.strftime("%Y-%m-%d", stamp)
    return None
