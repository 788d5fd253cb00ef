"""An article's page: its text with each statement highlighted, and the list of statements."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from quotetrail.errors import NotFound
from quotetrail.web import slots
from quotetrail.web.highlight import segments, speaker_colours, speaker_key, statement_anchor
from quotetrail.web.params import WEB_MIN_CONFIDENCE, show_low
from quotetrail.web.queries import article, article_quotes
from quotetrail.web.render import render
from quotetrail.web.sources import hide_paths
from quotetrail.web.state import pool_of, settings_of

router = APIRouter(include_in_schema=False)


def legend(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per speaker in order of appearance: name, colour, record id, statements."""
    colours = speaker_colours(quotes)
    entries: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        key = speaker_key(quote)
        if key is None:
            continue
        entry = entries.setdefault(
            key,
            {"name": quote["speaker"], "id": quote["speaker_id"], "colour": colours[key], "n": 0},
        )
        entry["n"] += 1
    return list(entries.values())


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    with pool_of(request).read() as conn:
        found = article(conn, article_id)
        if found is None:
            raise NotFound("article", article_id)
        quotes = article_quotes(conn, article_id)
        hidden = 0
        if not show_low(request):
            kept = [q for q in quotes if not _low(q)]
            hidden, quotes = len(quotes) - len(kept), kept
        copies = slots.copies_panel(conn, found)
        spread = slots.spread_panels(conn, [quote["id"] for quote in quotes])
        links = slots.link_panels(conn, quotes)
    if not settings_of(request).show_source_paths:
        copies, spread, links = hide_paths(copies), hide_paths(spread), hide_paths(links)
    colours = speaker_colours(quotes)
    for index, quote in enumerate(quotes):
        key = speaker_key(quote)
        quote["colour"] = colours[key] if key is not None else "none"
        quote["anchor"] = statement_anchor(quote, index)
    context = {
        "article": found,
        "segments": segments(found["text"], quotes),
        "quotes": quotes,
        "legend": legend(quotes),
        "panels": {"copies": copies, "spread": spread, "links": links},
        "show_low": show_low(request),
        "hidden": hidden,
        "low_confidence": WEB_MIN_CONFIDENCE,
    }
    return render(request, "article.html", context)


def _low(quote: dict[str, Any]) -> bool:
    return quote.get("confidence") is not None and quote["confidence"] < WEB_MIN_CONFIDENCE
