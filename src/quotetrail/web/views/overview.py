"""The overview page: corpus counts, most quoted speakers, most active outlets, ingest errors."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from quotetrail.web.queries import overview
from quotetrail.web.render import render
from quotetrail.web.sources import hide_paths
from quotetrail.web.state import pool_of, settings_of

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    settings = settings_of(request)
    with pool_of(request).read() as conn:
        found = overview(conn, top=settings.overview_top, errors=settings.overview_errors)
    if not settings.show_source_paths:
        found["errors"] = hide_paths(found["errors"])
    return render(request, "overview.html", {"overview": found})
