"""What a fetched or archived response holds: an HTML page, a feed, or something else.

The declared media type decides when it is specific; when it is vague (``text/xml``, none at
all, ``application/octet-stream``) or when a server labels a feed ``text/html``, the first bytes
decide, as browsers and feed readers do.
"""

from __future__ import annotations

import re
from email.message import Message
from typing import Literal

__all__ = ["MediaKind", "media_kind", "split_content_type"]

MediaKind = Literal["html", "feed", "other"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
VAGUE_TYPES = frozenset(
    {"", "text/xml", "application/xml", "text/plain", "application/octet-stream"}
)
SNIFF_BYTES = 2048
BOMS = (b"\xef\xbb\xbf",)

# A feed's root element, after an optional XML declaration, comments, processing instructions
# (xml-stylesheet) and a DOCTYPE.
_FEED_ROOT = re.compile(
    rb"\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


def split_content_type(value: str | None) -> tuple[str, str | None]:
    """``text/html; charset=ISO-8859-1`` -> (``text/html``, ``ISO-8859-1``); ("", None) if none."""
    if not value or not value.strip():
        return "", None
    message = Message()
    message["Content-Type"] = value
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def media_kind(media_type: str, body: bytes) -> MediaKind:
    """Classify a response by its media type (without parameters) and its first bytes."""
    media_type = media_type.lower()
    head = body[:SNIFF_BYTES]
    for bom in BOMS:
        head = head.removeprefix(bom)
    sniffable = media_type in VAGUE_TYPES or media_type in HTML_TYPES
    if media_type in FEED_TYPES or (sniffable and _FEED_ROOT.match(head)):
        return "feed"
    if media_type in HTML_TYPES or (media_type in VAGUE_TYPES and _HTML_TAG.search(head)):
        return "html"
    return "other"
