"""A polite HTTP client on the standard library: one GET per URL, paced, bounded, conditional.

Politeness: a User-Agent naming the project, and per host at least ``request_interval`` seconds
between the end of one request and the start of the next (redirect hops count), so a slow
server gets more room, not less. Limits are enforced while the body is read: the byte cap
(``ReadOptions.max_html_bytes``, also on the gunzipped size, so a gzip bomb stops at the cap)
and ``fetch_timeout`` for the whole exchange (each socket read is bounded by it too, and the
body is read in small pieces so a server dripping bytes cannot stretch it). Redirects are
followed here, hop by hop, only to http(s). A Fetcher is not thread-safe: one per process.
"""

from __future__ import annotations

import http.client
import time
import urllib.request
import zlib
from dataclasses import dataclass
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit

from quotetrail.errors import FetchFailed, HttpStatusError, InputError, TooLargeBytes
from quotetrail.read.failure import Failure
from quotetrail.read.http_cache import HttpCache, Validators
from quotetrail.read.media import split_content_type
from quotetrail.read.options import DEFAULT_OPTIONS, ReadOptions

__all__ = ["Fetcher", "HostPacer", "Response"]

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_MODIFIED = 304
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,*/*;q=0.5"
)
READ_BYTES = 64 * 1024
GZIP_OR_ZLIB = 32 + zlib.MAX_WBITS  # let zlib detect either header
DECODABLE = frozenset({"gzip", "x-gzip", "deflate"})


@dataclass(frozen=True, slots=True)
class Response:
    """One answer: 200-like with its (decompressed) body, or 304 "not modified" without one."""

    url: str  # where the body came from, after redirects
    status: int
    media_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None
    body: bytes
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == NOT_MODIFIED


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: str


class HostPacer:
    """Per host, wait until ``interval`` seconds have passed since its last request ended."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._ready_at: dict[str, float] = {}

    def wait(self, host: str) -> None:
        delay = self._ready_at.get(host, 0.0) - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def done(self, host: str) -> None:
        self._ready_at[host] = time.monotonic() + self.interval


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back to the Fetcher, which paces, checks and caches each hop itself."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Fetcher:
    """Fetch URLs for one run; ``close`` saves what the run learned to the HTTP cache."""

    def __init__(self, options: ReadOptions = DEFAULT_OPTIONS) -> None:
        self.options = options
        self.cache = HttpCache(options.http_cache)
        self._pacer = HostPacer(options.request_interval)
        self._opener = urllib.request.build_opener(_NoRedirects())

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.cache.close()

    def remember(self, response: Response) -> None:
        """Record the response's validators: next run asks for this URL only if it changed."""
        self.cache.remember(response.url, response.validators)

    def fetch(self, url: str) -> Response | Failure:
        """GET ``url``, following redirects; any problem is a Failure named after ``url``."""
        try:
            target = url
            for _ in range(MAX_REDIRECTS + 1):
                result = self._get(target, url)
                if isinstance(result, Response):
                    return result
                target = result.location
            raise FetchFailed(url, f"more than {MAX_REDIRECTS} redirects")
        except InputError as err:
            return Failure.from_error(url, err)

    def _get(self, url: str, source: str) -> Response | _Redirect:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchFailed(source, f"not an http(s) URL: {url}")
        conditional = self.cache.get(url)
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": self.options.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip",
                **conditional.request_headers(),
            },
        )
        host = parts.netloc.lower()
        self._pacer.wait(host)
        deadline = time.monotonic() + self.options.fetch_timeout
        try:
            with self._opener.open(request, timeout=self.options.fetch_timeout) as answer:
                body = self._read_body(answer, source, deadline)
                media_type, charset = split_content_type(answer.headers.get("Content-Type"))
                validators = Validators(
                    answer.headers.get("ETag"), answer.headers.get("Last-Modified")
                )
                return Response(url, answer.status, media_type, charset, body, validators)
        except HTTPError as err:
            with err:
                return self._answer_to_error(err, url, source, conditional)
        except (OSError, http.client.HTTPException, ValueError) as err:
            raise FetchFailed(source, str(getattr(err, "reason", None) or err)) from None
        finally:
            self._pacer.done(host)

    @staticmethod
    def _answer_to_error(
        err: HTTPError, url: str, source: str, conditional: Validators
    ) -> Response | _Redirect:
        location = err.headers.get("Location") if err.headers else None
        if err.code in REDIRECT_STATUSES and location:
            return _Redirect(urljoin(url, location))
        if err.code == NOT_MODIFIED and conditional:
            return Response(url, NOT_MODIFIED, "", None, b"", conditional)
        raise HttpStatusError(source, err.code, str(err.reason or ""))

    def _read_body(self, answer: http.client.HTTPResponse, source: str, deadline: float) -> bytes:
        """The body, decompressed, refused as soon as it is over the cap or the deadline."""
        limit = self.options.max_html_bytes
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLargeBytes(source, int(declared), limit)
        coding = answer.headers.get("Content-Encoding", "identity").strip().lower()
        if coding not in DECODABLE | {"identity", ""}:
            raise FetchFailed(source, f"unsupported Content-Encoding {coding!r}")
        inflate = zlib.decompressobj(GZIP_OR_ZLIB) if coding in DECODABLE else None
        parts: list[bytes] = []
        size = 0
        while chunk := answer.read1(READ_BYTES):
            if time.monotonic() > deadline:
                raise FetchFailed(source, f"took longer than {self.options.fetch_timeout:g} s")
            if inflate is not None:
                try:
                    chunk = inflate.decompress(chunk, limit + 1 - size)
                except zlib.error as err:
                    raise FetchFailed(source, f"broken {coding} data: {err}") from None
                if inflate.unconsumed_tail:
                    raise TooLargeBytes(source, limit + 1, limit)
            size += len(chunk)
            if size > limit:
                raise TooLargeBytes(source, size, limit)
            parts.append(chunk)
        return b"".join(parts)
