"""Records to rows: the one place that knows how an Article and its Quotes sit in the tables."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from quotetrail.corpus.keys import ArticleKeys
from quotetrail.records import Article, Quote

__all__ = [
    "ARTICLE_COLUMNS",
    "QUOTE_COLUMNS",
    "article_row",
    "now_utc",
    "outlet_row",
    "quote_id",
    "quote_row",
    "seen_date",
]

ARTICLE_COLUMNS = (
    "id",
    "source",
    "url",
    "title",
    "outlet_id",
    "authors",
    "published",
    "text",
    "content_hash",
    "text_hash",
    "ingested_at",
    "seen_date",
)
QUOTE_COLUMNS = (
    "id",
    "article_id",
    "kind",
    "content_start",
    "content_end",
    "content_text",
    "cue_start",
    "cue_end",
    "cue_text",
    "cue_lemma",
    "speaker_start",
    "speaker_end",
    "speaker_text",
    "speaker_name",
    "speaker_kind",
    "speaker_role",
    "via",
    "confidence",
    "attribution",
    "speaker_id",
    "via_kind",
    "via_id",
)
ID_HEX_CHARS = 16
ISO_DATE_CHARS = 10


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def seen_date(published: str | None, unknown: str | None = None) -> str | None:
    """The article's date for filters and first/last seen: its published date if that reads as
    an ISO date (trafilatura's format; a full timestamp counts by its date), else ``unknown``.

    Never the day of ingest: a 2023 story read today is not news of today, so an undated
    article has no date (``ingested_at`` records when it was read).
    """
    if published:
        try:
            return date.fromisoformat(published.strip()[:ISO_DATE_CHARS]).isoformat()
        except ValueError:
            pass
    return unknown


def _short_hash(*parts: object) -> str:
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:ID_HEX_CHARS]


def quote_id(article_id: str, quote: Quote) -> str:
    """Deterministic: a re-run writes the same id, so the unique constraint absorbs a repeat."""
    return _short_hash("quote", article_id, quote.content.start, quote.content.end)


def outlet_row(article: Article) -> dict[str, Any] | None:
    """The outlet named by the reader (site name), else the URL's host; None for neither."""
    host = urlsplit(article.url).hostname if article.url else None
    domain = host.removeprefix("www.") if host else None
    name = (article.outlet or "").strip() or domain
    if not name:
        return None
    return {"id": _short_hash("outlet", name.casefold()), "name": name, "domain": domain}


def article_row(
    article: Article, keys: ArticleKeys, outlet_id: str | None, ingested_at: str
) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "url": keys.url,
        "title": article.title,
        "outlet_id": outlet_id,
        "authors": json.dumps(list(article.authors)),
        "published": article.published,
        "text": article.text,
        "content_hash": keys.content_hash,
        "text_hash": keys.text_hash,
        "ingested_at": ingested_at,
        "seen_date": seen_date(article.published),
    }


def quote_row(
    article_id: str, quote: Quote, speaker_id: str | None, via_id: str | None = None
) -> dict[str, Any]:
    cue, speaker = quote.cue, quote.speaker
    return {
        "id": quote_id(article_id, quote),
        "article_id": article_id,
        "kind": quote.kind,
        "content_start": quote.content.start,
        "content_end": quote.content.end,
        "content_text": quote.content.text,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "cue_text": cue.text if cue else None,
        "cue_lemma": cue.lemma if cue else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_text": speaker.text if speaker else None,
        "speaker_name": quote.speaker_name,
        "speaker_kind": quote.speaker_kind,
        "speaker_role": quote.speaker_role,
        "via": quote.via,
        "confidence": quote.confidence,
        "attribution": quote.attribution,
        "speaker_id": speaker_id,
        "via_kind": quote.via_kind if quote.via else None,
        "via_id": via_id,
    }
