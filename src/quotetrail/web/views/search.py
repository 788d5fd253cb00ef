"""The search page: full-text search over quote content with filters, paginated."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from quotetrail.web import slots
from quotetrail.web.paging import Pager
from quotetrail.web.params import (
    CONFIDENCE_STEPS,
    KINDS,
    WEB_MIN_CONFIDENCE,
    QuoteParams,
    show_low,
)
from quotetrail.web.queries import count_quotes, outlet_names, search_quotes
from quotetrail.web.render import render
from quotetrail.web.state import pool_of, settings_of
from quotetrail.web.views.common import with_pieces

router = APIRouter(include_in_schema=False)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, query: QuoteParams) -> HTMLResponse:
    showing_low = show_low(request)
    filters = query.filters()  # links keep the reader's filters, not the default cut
    if query.min_confidence is None and not showing_low:
        query = replace(query, min_confidence=WEB_MIN_CONFIDENCE)
    with pool_of(request).read() as conn:
        hits = with_pieces(search_quotes(conn, query))
        total = count_quotes(conn, query)
        outlets = outlet_names(conn)
        spread = slots.spread_panels(conn, [hit["id"] for hit in hits])
        links = slots.link_panels(conn, hits)
    if query.per_page != settings_of(request).default_page_size:  # keep it across pages
        filters["per_page"] = str(query.per_page)
    toggle = dict(filters)
    if showing_low:
        filters["show_low"] = "1"
    context = {
        "query": query,
        "filters": filters,
        "hits": hits,
        "pager": Pager(query.page, query.per_page, total),
        "outlets": outlets,
        "kinds": KINDS,
        "confidence_steps": CONFIDENCE_STEPS,
        "show_low": showing_low,
        "toggle_params": toggle,
        "low_confidence": WEB_MIN_CONFIDENCE,
        "panels": {"spread": spread, "links": links},
    }
    return render(request, "search.html", context)
