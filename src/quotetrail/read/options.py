"""Reading limits: one options object, built once per run, validated here and passed down.

Every size limit is derived from ``max_chars`` so that one flag (``--max-chars``) governs them all
and each is enforced where the bytes are read, before any decoding or parsing; a fetched page or
feed is held to the same byte cap as a saved page.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from quotetrail.errors import InvalidOption

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_HTML_TIMEOUT = 20.0
DEFAULT_FETCH_TIMEOUT = 30.0
DEFAULT_REQUEST_INTERVAL = 1.0  # seconds between two requests to one host: 1 request/s
DEFAULT_MAX_FEED_ENTRIES = 100
HTTP_CACHE_SUFFIX = ".http-cache.sqlite"


def _default_user_agent() -> str:
    try:
        version = metadata.version("quotetrail")
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    return f"quotetrail/{version} (+https://github.com/quotetrail)"


DEFAULT_USER_AGENT = _default_user_agent()


def http_cache_beside(db_path: str | Path) -> Path:
    """The conventional HTTP cache of a store: ``corpus.db`` -> ``corpus.http-cache.sqlite``.

    One cache per store, kept beside it, so a 304 (skip: unchanged) never hides a page that
    this store has not got; delete the cache file to fetch everything again.
    """
    path = Path(db_path)
    return path.with_name(path.stem + HTTP_CACHE_SUFFIX)


# A code point never takes more than 4 bytes in UTF-8 (nor in UTF-16/32), so a text file larger
# than 4 bytes per allowed character is over the limit without decoding it.
MAX_BYTES_PER_CHAR = 4
# Markup allowance per character of body text: 2M characters -> 20 MB, trafilatura's MAX_FILE_SIZE.
HTML_BYTES_PER_CHAR = 10
# A JSON string spends at most 12 bytes on one code point (a \uXXXX\uXXXX surrogate pair).
JSON_BYTES_PER_CHAR = 12
# Room for the BOM of a text file and the metadata fields of a JSON line.
SLACK_BYTES = 1 << 16


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How much to read, how to decode it, how long each step may take, how to fetch URLs.

    ``request_interval`` is the pause in seconds between the end of one request and the start of
    the next to the same host (1.0 = at most one request per second per host). ``http_cache`` is
    a SQLite file remembering ETag/Last-Modified per URL for conditional requests on re-runs
    (``None``: no cache, every URL fetched in full; see :func:`http_cache_beside`).
    ``max_feed_entries`` caps the linked pages read per RSS/Atom feed, in feed order.
    """

    max_chars: int = DEFAULT_MAX_CHARS
    encoding: str = "utf-8"
    html_timeout: float = DEFAULT_HTML_TIMEOUT
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    request_interval: float = DEFAULT_REQUEST_INTERVAL
    user_agent: str = DEFAULT_USER_AGENT
    http_cache: Path | None = None
    max_feed_entries: int = DEFAULT_MAX_FEED_ENTRIES

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise InvalidOption("max_chars", self.max_chars, "must be at least 1")
        for name in ("html_timeout", "fetch_timeout"):
            if not getattr(self, name) > 0:
                raise InvalidOption(name, getattr(self, name), "must be a positive number")
        if not self.request_interval >= 0:
            raise InvalidOption("request_interval", self.request_interval, "must be 0 or more")
        if self.max_feed_entries < 1:
            raise InvalidOption("max_feed_entries", self.max_feed_entries, "must be at least 1")
        if not self.user_agent.strip() or any(c in self.user_agent for c in "\r\n"):
            raise InvalidOption("user_agent", self.user_agent, "must be one non-empty line")
        if self.http_cache is not None:
            object.__setattr__(self, "http_cache", Path(self.http_cache))
        codecs.lookup(self.encoding)  # LookupError names an unknown encoding up front

    @property
    def max_text_bytes(self) -> int:
        return self.max_chars * MAX_BYTES_PER_CHAR + SLACK_BYTES

    @property
    def max_html_bytes(self) -> int:
        return self.max_chars * HTML_BYTES_PER_CHAR

    @property
    def max_line_bytes(self) -> int:
        return self.max_chars * JSON_BYTES_PER_CHAR + SLACK_BYTES


DEFAULT_OPTIONS = ReadOptions()
