"""An utterance cluster's page and a story's page (``quotetrail link`` results)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from quotetrail.corpus.linkqueries import cluster_detail, story_detail
from quotetrail.errors import NotFound
from quotetrail.web.render import render
from quotetrail.web.state import pool_of

router = APIRouter(include_in_schema=False)


@router.get("/utterances/{cluster_id}", response_class=HTMLResponse)
def utterance_page(request: Request, cluster_id: str) -> HTMLResponse:
    """Every rendering of one utterance, earliest first, with how the words changed."""
    with pool_of(request).read() as conn:
        found = cluster_detail(conn, cluster_id)
    if found is None:
        raise NotFound("utterance", cluster_id)
    return render(request, "utterance.html", {"cluster": found})


@router.get("/stories/{article_id:path}", response_class=HTMLResponse)
def story_page(request: Request, article_id: str) -> HTMLResponse:
    """The story an article belongs to: timeline, who relayed what, what was retracted."""
    with pool_of(request).read() as conn:
        found = story_detail(conn, article_id)
    if found is None:
        raise NotFound("article", article_id)
    return render(request, "story.html", {"story": found})
