"""The index pages: all speakers, all outlets and all ingest errors, each filtered, sorted and
paged (``/speakers?name=greta&kind=person&sort=statements``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from quotetrail.web.listings import (
    OUTLET_SORTS,
    SPEAKER_KINDS,
    SPEAKER_SORTS,
    STATEMENT_KINDS,
    error_codes,
    list_errors,
    list_outlets,
    list_speakers,
)
from quotetrail.web.paging import Pager
from quotetrail.web.params import Page, Text
from quotetrail.web.render import render
from quotetrail.web.sources import hide_paths
from quotetrail.web.state import pool_of, settings_of

router = APIRouter(include_in_schema=False)

SpeakerKind = Literal["person", "organization", "country", "outlet", "other"]
StatementKind = Literal["direct", "indirect", "mixed"]


def _blank(value: str | None) -> str | None:
    return value or None


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(
    request: Request,
    name: Annotated[Text, Query(description="part of a name or alias, any case")] = None,
    kind: Annotated[SpeakerKind | Literal[""] | None, Query()] = None,
    sort: Annotated[Literal["statements", "articles", "name", "last_seen"], Query()] = "statements",
    page: Page = 1,
) -> HTMLResponse:
    per_page = settings_of(request).default_page_size
    with pool_of(request).read() as conn:
        found = list_speakers(
            conn, name=name, kind=_blank(kind), sort=sort, page=page, per_page=per_page
        )
    filters = {"name": name or "", "kind": kind or "", "sort": sort}
    context = {
        "rows": found.rows,
        "pager": Pager(page, per_page, found.total),
        "filters": filters,
        "kinds": SPEAKER_KINDS,
        "sorts": list(SPEAKER_SORTS),
    }
    return render(request, "speakers.html", context)


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(
    request: Request,
    name: Annotated[Text, Query(description="part of a name or domain, any case")] = None,
    kind: Annotated[StatementKind | Literal[""] | None, Query()] = None,
    sort: Annotated[Literal["statements", "articles", "name", "latest"], Query()] = "statements",
    page: Page = 1,
) -> HTMLResponse:
    per_page = settings_of(request).default_page_size
    with pool_of(request).read() as conn:
        found = list_outlets(
            conn, name=name, kind=_blank(kind), sort=sort, page=page, per_page=per_page
        )
    filters = {"name": name or "", "kind": kind or "", "sort": sort}
    context = {
        "rows": found.rows,
        "pager": Pager(page, per_page, found.total),
        "filters": filters,
        "kinds": STATEMENT_KINDS,
        "sorts": list(OUTLET_SORTS),
    }
    return render(request, "outlets.html", context)


@router.get("/errors", response_class=HTMLResponse)
def errors_page(
    request: Request,
    code: Annotated[Text, Query(description="one error code, e.g. E105")] = None,
    page: Page = 1,
) -> HTMLResponse:
    per_page = settings_of(request).overview_errors
    with pool_of(request).read() as conn:
        found = list_errors(conn, code=code, page=page, per_page=per_page)
        codes = error_codes(conn)
    rows = found.rows if settings_of(request).show_source_paths else hide_paths(found.rows)
    context = {
        "rows": rows,
        "codes": codes,
        "pager": Pager(page, per_page, found.total),
        "filters": {"code": code or ""},
    }
    return render(request, "errors.html", context)
