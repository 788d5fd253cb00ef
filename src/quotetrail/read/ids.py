"""Stable identifiers: the same article read twice, from anywhere, gets the same id."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

ID_HEX_CHARS = 16
TRACKING_PARAM_PREFIXES = ("utm_",)


def canonical_url(url: str) -> str:
    """Drop what varies between shares of one page: case of scheme/host, fragment, utm_* tags.

    The remaining query parameters keep their order and spelling, so distinct pages stay distinct.
    """
    parts = urlsplit(url.strip())
    kept = [
        param
        for param in parts.query.split("&")
        if param and not param.split("=", 1)[0].lower().startswith(TRACKING_PARAM_PREFIXES)
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", "&".join(kept), "")
    )


def article_id(url: str | None, text: str) -> str:
    """First 16 hex digits of sha256 over the canonical URL when there is one, else the text."""
    key = canonical_url(url) if url else text
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:ID_HEX_CHARS]


def content_hash(data: bytes) -> str:
    """sha256 of the bytes as read, to tell whether a source changed since it was last read."""
    return hashlib.sha256(data).hexdigest()
