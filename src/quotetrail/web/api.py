"""The JSON API under /api/: the data of the pages, with the schema at /openapi.json."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from quotetrail.corpus.linkqueries import cluster_detail, story_detail
from quotetrail.corpus.queries import merged_speakers
from quotetrail.errors import NotFound
from quotetrail.web.models import (
    ArticleOut,
    ErrorOut,
    MergeOut,
    QuotePage,
    SpeakerOut,
    StoryOut,
    UtteranceOut,
)
from quotetrail.web.params import QuoteParams
from quotetrail.web.queries import (
    QuoteQuery,
    article,
    article_quotes,
    count_quotes,
    search_quotes,
    speaker,
)
from quotetrail.web.render import with_query
from quotetrail.web.state import pool_of, settings_of

__all__ = ["router"]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a bad filter, or a query over the time limit"},
    503: {"model": ErrorOut, "description": "the corpus database cannot be read"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "no such id"}}

router = APIRouter(prefix="/api", tags=["corpus"], responses=ERRORS)


def quote_page(
    query: QuoteQuery, rows: list[dict[str, Any]], total: int, path: str = "/api/quotes"
) -> dict[str, Any]:
    more = query.offset + len(rows) < total
    params = {**query.filters(), "per_page": query.per_page}
    return {
        "total": total,
        "page": query.page,
        "per_page": query.per_page,
        "next": with_query(path, params, page=query.page + 1) if more else None,
        "quotes": rows,
    }


@router.get("/quotes", response_model=QuotePage)
def api_quotes(request: Request, query: QuoteParams) -> dict[str, Any]:
    """Quotes matching every given filter, newest articles first, one page at a time."""
    with pool_of(request).read() as conn:
        rows = search_quotes(conn, query)
        total = count_quotes(conn, query)
    return quote_page(query, rows, total)


@router.get("/speakers/merged", response_model=list[MergeOut])
def api_merged(request: Request) -> list[dict[str, Any]]:
    """Every merge of ``quotetrail link``: the record, the record it joined, the score and the
    evidence (as ``quotetrail speakers --merged``); undo one with POST .../split."""
    with pool_of(request).read() as conn:
        return merged_speakers(conn)


@router.get("/speakers/{speaker_id}", response_model=SpeakerOut, responses=NOT_FOUND)
def api_speaker(request: Request, speaker_id: str) -> dict[str, Any]:
    """A speaker record: aliases, roles, statements per date, outlets, and the newest
    statements (``quotes.next`` continues with /api/quotes?speaker_id=...)."""
    settings = settings_of(request)
    query = QuoteQuery(speaker_id=speaker_id, per_page=settings.timeline_page_size)
    with pool_of(request).read() as conn:
        found = speaker(conn, speaker_id, top=settings.overview_top)
        if found is None:
            raise NotFound("speaker", speaker_id)
        rows = search_quotes(conn, query)
        relays = QuoteQuery(via_id=speaker_id, per_page=settings.timeline_page_size)
        relayed = search_quotes(conn, relays) if found["n_relayed"] else []
    total = sum(row["n"] for row in found["dates"])
    return {
        **found,
        "quotes": quote_page(query, rows, total),
        "relayed": quote_page(relays, relayed, found["n_relayed"]),
    }


@router.get("/articles/{article_id:path}", response_model=ArticleOut, responses=NOT_FOUND)
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    """An article's metadata and text, with its statements and their offsets into the text."""
    with pool_of(request).read() as conn:
        found = article(conn, article_id)
        if found is None:
            raise NotFound("article", article_id)
        found["quotes"] = article_quotes(conn, article_id)
    return found


@router.get("/utterances/{cluster_id}", response_model=UtteranceOut, responses=NOT_FOUND)
def api_utterance(request: Request, cluster_id: str) -> dict[str, Any]:
    """One utterance cluster: renderings earliest first with word-level changes against the
    first, its outlets in order, and the statements that take it back."""
    with pool_of(request).read() as conn:
        found = cluster_detail(conn, cluster_id)
    if found is None:
        raise NotFound("utterance", cluster_id)
    return found


@router.get("/stories/{article_id:path}", response_model=StoryOut, responses=NOT_FOUND)
def api_story(request: Request, article_id: str) -> dict[str, Any]:
    """The story of an article: the articles linked to it by copies, shared utterances and
    retractions, earliest first, with the utterances they share and what was taken back."""
    with pool_of(request).read() as conn:
        found = story_detail(conn, article_id)
    if found is None:
        raise NotFound("article", article_id)
    return found
