"""HTML pages: article body and metadata through trafilatura, under a real time limit.

Extraction runs with trafilatura's balanced defaults (neither ``favor_precision`` nor
``favor_recall``, as in its published benchmark runs), comments excluded because quotes in
reader comments are not reporting.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import decode_file, handle_compressed_file

from quotetrail.errors import NoBody, TooLargeBytes
from quotetrail.read.files import read_capped
from quotetrail.read.ids import article_id, content_hash
from quotetrail.read.options import DEFAULT_OPTIONS, ReadOptions
from quotetrail.read.text import check_text
from quotetrail.read.timeout import call_with_time_limit
from quotetrail.records import Article

__all__ = ["as_document", "decode_html", "read_html", "read_html_file"]

LOGGER = logging.getLogger(__name__)

CHARSET_SNIFF_BYTES = 4096
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)[\s>/]", re.I)
AUTHOR_SEPARATOR = "; "  # how trafilatura joins several authors


def decode_html(data: bytes, max_bytes: int) -> str:
    """Decompress if needed, then decode: UTF-8, else the declared charset, else a guess.

    A page's own ``<meta charset>`` beats a statistical guess on short pages; trafilatura's
    ``decode_file`` (charset detection, then lossy UTF-8) is the last resort.
    """
    data = handle_compressed_file(data, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            LOGGER.debug("declared charset %r does not decode the page", declared.group(1))
    return decode_file(data, max_bytes)


def as_document(markup: str) -> str:
    """Wrap a bare fragment, which trafilatura's loader would otherwise reject as not HTML."""
    if _DOCUMENT_TAG.search(markup):
        return markup
    return f"<html><body>{markup}</body></html>"


def _extract(html: str | bytes, url: str | None, source: str, max_bytes: int) -> Document | None:
    """Decode and extract; a crash on one odd page is logged and treated as no body."""
    markup = html if isinstance(html, str) else decode_html(html, max_bytes)
    try:
        document = trafilatura.bare_extraction(
            as_document(markup), url=url, include_comments=False, with_metadata=True
        )
    except Exception:
        LOGGER.warning("trafilatura failed on %s", source, exc_info=True)
        return None
    return document if isinstance(document, Document) else None


def read_html(
    html: str | bytes,
    source: str,
    *,
    url: str | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> Article:
    """One page as an Article; ``url`` (where it was fetched from) wins over the page's own."""
    raw = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if len(raw) > options.max_html_bytes:
        raise TooLargeBytes(source, len(raw), options.max_html_bytes)
    document = call_with_time_limit(
        lambda: _extract(html, url, source, options.max_html_bytes), options.html_timeout, source
    )
    if document is None or not (document.text or "").strip():
        raise NoBody(source)
    text = check_text(document.text, source, max_chars=options.max_chars)
    page_url = url or document.url or None
    return Article(
        id=article_id(page_url, text),
        text=text,
        source=source,
        url=page_url,
        title=document.title or None,
        outlet=document.sitename or None,
        authors=_authors(document.author),
        published=document.date or None,
        content_hash=content_hash(raw),
    )


def _authors(joined: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (joined or "").split(AUTHOR_SEPARATOR) if name.strip())


def read_html_file(path: str | Path, options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    """Read one saved page; its size is checked before a byte of it is read."""
    source = str(path)
    return read_html(
        read_capped(Path(path), options.max_html_bytes, source), source, options=options
    )
