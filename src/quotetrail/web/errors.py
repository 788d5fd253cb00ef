"""The web layer's one domain exception: a status for the response and a coded message.

Views raise a :class:`WebError` subclass; the handlers in :mod:`quotetrail.web.app` answer it as
JSON under ``/api/`` and as an HTML page elsewhere (Datasette's ``DatasetteError``).
"""

from __future__ import annotations

__all__ = [
    "BadRequest",
    "BodyTooLarge",
    "CorpusUnavailable",
    "ExtractBusy",
    "ExtractDisabled",
    "ExtractUnavailable",
    "NotFound",
    "QueryTooSlow",
    "TextRefused",
    "TextTooLong",
    "UnsupportedMediaType",
    "WebError",
]


class WebError(Exception):
    """Base class: ``status`` is the HTTP status, ``code`` stable and machine-readable."""

    status = 500
    code = "W500"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.headers: dict[str, str] = {}  # extra response headers (Retry-After)


class BadRequest(WebError):
    status = 400
    code = "W400"


class QueryTooSlow(WebError):
    status = 400
    code = "W401"

    def __init__(self, limit_ms: int) -> None:
        super().__init__(
            f"the query took longer than the {limit_ms:,} ms limit and was stopped; "
            "narrow the search (more words, a speaker, an outlet or a date range)"
        )


class ExtractDisabled(WebError):
    status = 403
    code = "W403"

    def __init__(self) -> None:
        super().__init__(
            "extraction is disabled on this server; start it with `quotetrail serve "
            "--allow-extract` to enable POST /api/extract"
        )


class NotFound(WebError):
    status = 404
    code = "W404"

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"no {what} with id {key!r} in this corpus")


class BodyTooLarge(WebError):
    status = 413
    code = "W413"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"the request body is over the limit of {limit:,} bytes (setting max_extract_bytes)"
        )


class TextTooLong(WebError):
    status = 413
    code = "W414"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"the text has {size:,} characters, over the limit of {limit:,} "
            "(setting max_extract_chars)"
        )


class TextRefused(WebError):
    """Text extraction refuses (a lone surrogate, too costly to parse): answered with the
    quotetrail code of the reason, as ``quotetrail extract`` would report it."""

    status = 422

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class UnsupportedMediaType(WebError):
    status = 415
    code = "W415"

    def __init__(self, media_type: str) -> None:
        super().__init__(
            f"cannot read a body of type {media_type!r}: send application/json "
            '({"text": "..."}) or text/plain'
        )


class CorpusUnavailable(WebError):
    status = 503
    code = "W503"


class ExtractUnavailable(WebError):
    status = 503
    code = "W504"


class ExtractBusy(WebError):
    status = 503
    code = "W505"
    RETRY_AFTER_SECONDS = 2

    def __init__(self, capacity: int) -> None:
        super().__init__(
            f"all {capacity} extraction slots are taken (settings extract_processes and "
            f"extract_queue); try again in {self.RETRY_AFTER_SECONDS} s"
        )
        self.headers = {"Retry-After": str(self.RETRY_AFTER_SECONDS)}
