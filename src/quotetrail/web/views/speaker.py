"""A speaker's page: who they are, a chart of statements over time, and their timeline."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from quotetrail.errors import NotFound
from quotetrail.web import slots
from quotetrail.web.chart import statements_chart
from quotetrail.web.paging import Pager
from quotetrail.web.params import WEB_MIN_CONFIDENCE, Page, show_low
from quotetrail.web.queries import QuoteQuery, count_quotes, search_quotes, speaker
from quotetrail.web.render import render
from quotetrail.web.state import pool_of, settings_of
from quotetrail.web.views.common import with_pieces

router = APIRouter(include_in_schema=False)


def by_article(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive statements from one article under one heading (hits come newest first)."""
    return [
        {"first": group[0], "quotes": group}
        for group in (list(g) for _, g in groupby(hits, key=lambda hit: hit["article_id"]))
    ]


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker_page(request: Request, speaker_id: str, page: Page = 1) -> HTMLResponse:
    settings = settings_of(request)
    showing_low = show_low(request)
    query = QuoteQuery(
        speaker_id=speaker_id,
        min_confidence=None if showing_low else WEB_MIN_CONFIDENCE,
        page=page,
        per_page=settings.timeline_page_size,
    )
    with pool_of(request).read() as conn:
        found = speaker(conn, speaker_id, top=settings.overview_top)
        if found is None:
            raise NotFound("speaker", speaker_id)
        hits = with_pieces(search_quotes(conn, query))
        spread = slots.spread_panels(conn, [hit["id"] for hit in hits])
        links = slots.link_panels(conn, hits)
        total = count_quotes(conn, query)
        relays = QuoteQuery(via_id=speaker_id, per_page=settings.timeline_page_size)
        relayed = with_pieces(search_quotes(conn, relays)) if found["n_relayed"] else []
    context = {
        "speaker": found,
        "chart": statements_chart((row["date"], row["n"]) for row in found["dates"]),
        "groups": by_article(hits),
        "relayed": relayed,
        "pager": Pager(page, query.per_page, total),
        "panels": {"spread": spread, "links": links},
        "show_low": showing_low,
        "edit_token": request.app.state.edit_token,  # None: no split button
        "low_confidence": WEB_MIN_CONFIDENCE,
    }
    return render(request, "speaker.html", context)
