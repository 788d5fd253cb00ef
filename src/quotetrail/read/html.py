"""HTML pages: article body and metadata through trafilatura, under a real time limit.

Extraction runs with trafilatura's balanced defaults, comments excluded because quotes in reader
comments are not reporting. Measured on the 181 pages of article-extraction-benchmark
(``benchmarks/html_body.py``): body F1 0.960 (precision 0.942, recall 0.978). ``favor_precision``
scores 0.964 (0.958, 0.971) but loses whole articles on some layouts (Barron's: body F1 0.85 to
0) and paragraphs on others; a lost article loses every quote in it, so balanced stays.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import decode_file, handle_compressed_file

from quotetrail.errors import BinaryInput, NoBody, TooLargeBytes
from quotetrail.read.compressed import GZIP_MAGIC, read_file_bytes
from quotetrail.read.ids import article_id, content_hash
from quotetrail.read.options import DEFAULT_OPTIONS, ReadOptions
from quotetrail.read.text import check_text, file_type
from quotetrail.read.timeout import call_with_time_limit
from quotetrail.records import Article

__all__ = ["as_document", "decode_html", "extract_page", "read_html", "read_html_file"]

LOGGER = logging.getLogger(__name__)

CHARSET_SNIFF_BYTES = 4096
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)[\s>/]", re.I)
AUTHOR_SEPARATOR = "; "  # how trafilatura joins several authors
EXTRACTION_SETTINGS = {"include_comments": False}


def decode_html(data: bytes, max_bytes: int, charset: str | None = None) -> str:
    """Decompress if needed, then decode: UTF-8, else the declared charset, else a guess.

    Bytes that decode as UTF-8 almost surely are UTF-8, whatever a (often stale) server header
    says; otherwise the HTTP header's ``charset`` and then the page's own ``<meta charset>``
    beat a statistical guess on short pages; trafilatura's ``decode_file`` (charset detection,
    then lossy UTF-8) is the last resort.
    """
    data = handle_compressed_file(data, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = _DECLARED_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    for declared in (charset, meta.group(1).decode("ascii", "replace") if meta else None):
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                LOGGER.debug("declared charset %r does not decode the page", declared)
    return decode_file(data, max_bytes)


def as_document(markup: str) -> str:
    """Wrap a bare fragment, which trafilatura's loader would otherwise reject as not HTML."""
    if _DOCUMENT_TAG.search(markup):
        return markup
    return f"<html><body>{markup}</body></html>"


def _extract(
    html: str | bytes, url: str | None, source: str, max_bytes: int, charset: str | None
) -> Document | None:
    """Decode and extract; a crash on one odd page is logged and treated as no body."""
    markup = html if isinstance(html, str) else decode_html(html, max_bytes, charset)
    try:
        document = trafilatura.bare_extraction(
            as_document(markup), url=url, with_metadata=True, **EXTRACTION_SETTINGS
        )
    except Exception:
        LOGGER.warning("trafilatura failed on %s", source, exc_info=True)
        return None
    return document if isinstance(document, Document) else None


def extract_page(
    html: str | bytes,
    source: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> Document:
    """Body and metadata of one page, under the size cap and time limit, before any text check.

    ``charset`` is the encoding a server or archive declared for ``html`` bytes, if any.
    Raises TooLargeBytes, ExtractionTimeout or NoBody.
    """
    raw = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if len(raw) > options.max_html_bytes:
        raise TooLargeBytes(source, len(raw), options.max_html_bytes)
    document = call_with_time_limit(
        lambda: _extract(html, url, source, options.max_html_bytes, charset),
        options.html_timeout,
        source,
    )
    if document is None or not (document.text or "").strip():
        raise NoBody(source)
    return document


def read_html(
    html: str | bytes,
    source: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> Article:
    """One page as an Article; ``url`` (where it was fetched from) wins over the page's own."""
    document = extract_page(html, source, url=url, charset=charset, options=options)
    text = check_text(document.text, source, max_chars=options.max_chars)
    raw = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
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
    """Read one saved page (or ``.html.gz``); its size is checked before a byte is read.

    A file that is plainly something else (a PDF or an image saved as ``.html``) is refused as
    such, rather than reported as a page without a body.
    """
    source = str(path)
    data = read_file_bytes(Path(path), options.max_html_bytes, source)
    what = file_type(data)
    if what is not None and not data.startswith(GZIP_MAGIC):  # trafilatura inflates gzip
        raise BinaryInput(source, f"it is {what}, not an HTML page")
    return read_html(data, source, options=options)
