"""Query-string parameters shared by the search page and ``/api/quotes``.

One dependency parses and checks them for both, so a filter means the same thing in the page
and in the API. An HTML form sends empty fields as ``since=``; those count as absent.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from quotetrail.corpus.queries import fts_query
from quotetrail.errors import BadRequest
from quotetrail.web.queries import QuoteQuery
from quotetrail.web.state import settings_of

__all__ = [
    "CONFIDENCE_STEPS",
    "KINDS",
    "WEB_MIN_CONFIDENCE",
    "Page",
    "QuoteParams",
    "quote_params",
    "show_low",
]

KINDS = ("direct", "indirect", "mixed")


def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


Blank = BeforeValidator(_blank_is_none)
Text = Annotated[str | None, Blank]
Day = Annotated[date | None, Blank]
Kind = Annotated[Literal["direct", "indirect", "mixed"] | None, Blank]
Confidence = Annotated[float | None, Blank]
CONFIDENCE_STEPS = (0.6, 0.8, 0.9)  # the search form's choices; the API takes any value
#: The web pages hide statements whose calibrated confidence is below this (about half of them
#: are wrong) until the reader ticks "show low-confidence statements" (``?show_low=1``); the
#: JSON API hides nothing unless asked with min_confidence.
WEB_MIN_CONFIDENCE = 0.5


def show_low(request: Request) -> bool:
    """The web pages' toggle: ``?show_low=1`` shows statements below WEB_MIN_CONFIDENCE."""
    return request.query_params.get("show_low") == "1"


Page = Annotated[int, Query(ge=1, le=1_000_000, description="page number, from 1")]
PerPage = Annotated[
    int | None,
    Blank,
    Query(ge=1, description="results per page (default and maximum: settings)"),
]


def quote_params(
    request: Request,
    q: Annotated[
        Text,
        Query(
            description='words that must all occur in the quote (stemmed: "repair" finds '
            '"repairs"); wrap the text in double quotes for an exact phrase'
        ),
    ] = None,
    speaker: Annotated[Text, Query(description="a speaker's name or any alias, any case")] = None,
    speaker_id: Annotated[Text, Query(description="a speaker record's id")] = None,
    via_id: Annotated[
        Text, Query(description="the record of the party that relayed the statement (an outlet)")
    ] = None,
    outlet: Annotated[Text, Query(description="outlet name or web domain, any case")] = None,
    kind: Annotated[Kind, Query(description="direct, indirect or mixed")] = None,
    min_confidence: Annotated[
        Confidence,
        Query(
            description="only statements the finder rated at least this (0-1); drops "
            "unscored quotations given to the speaker in focus",
        ),
    ] = None,
    since: Annotated[Day, Query(description="articles dated on or after (YYYY-MM-DD)")] = None,
    until: Annotated[Day, Query(description="articles dated on or before (YYYY-MM-DD)")] = None,
    cluster: Annotated[
        Text, Query(description="an utterance cluster id: its renderings and take-backs")
    ] = None,
    page: Page = 1,
    per_page: PerPage = None,
) -> QuoteQuery:
    settings = settings_of(request)
    size = per_page or settings.default_page_size
    if size > settings.max_page_size:
        raise BadRequest(f"per_page must be at most {settings.max_page_size}")
    if since and until and since > until:
        raise BadRequest("since must not be after until")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise BadRequest("min_confidence must be between 0 and 1")
    if q is not None:
        try:
            fts_query(q)
        except ValueError as err:
            raise BadRequest(str(err)) from None
    return QuoteQuery(
        q=q.strip() if q else None,
        speaker=speaker,
        speaker_id=speaker_id,
        via_id=via_id,
        outlet=outlet,
        kind=kind,
        min_confidence=min_confidence,
        since=since,
        until=until,
        cluster=cluster,
        page=page,
        per_page=size,
    )


QuoteParams = Annotated[QuoteQuery, Depends(quote_params)]
