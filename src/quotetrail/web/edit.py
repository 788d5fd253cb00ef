"""Splitting merged speakers over HTTP: the server's one corpus write, only with --allow-edit.

``quotetrail link`` merges spellings of one person; a reader who knows better splits them
again, as ``quotetrail speakers --split A B`` does: the same :func:`split_speakers`, on its own
short write connection (``BEGIN IMMEDIATE`` with the corpus's busy timeout), while every read
stays on the read-only pool. Two doors, each guarded against cross-site requests (CSRF):

* ``POST /api/speakers/{id}/split`` with JSON ``{"other": "<id>"}``: a page on another site
  cannot send JSON without a CORS preflight (which this server never grants), and an
  ``Origin`` other than this server's is refused;
* ``POST /speakers/{id}/split``, the speaker page's plain HTML form (no script: the pages'
  policy forbids it), carries a token made when the server started; a form on another site
  cannot know it.

Both also require a loopback ``Host`` ("localhost", 127.0.0.1, ::1), so a page that rebinds its
own domain name to this machine (DNS rebinding) is refused too: edits are for a local tool.
"""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from quotetrail.corpus.linking import split_speakers
from quotetrail.errors import (
    BadRequest,
    CrossSiteWrite,
    EditDisabled,
    NotFound,
    UnsupportedMediaType,
)
from quotetrail.web.extract import read_limited
from quotetrail.web.hosts import is_loopback
from quotetrail.web.models import ErrorOut, SplitOut
from quotetrail.web.render import speaker_path
from quotetrail.web.state import pool_of

__all__ = ["EDIT_BODY_BYTES", "api_router", "edit_token", "page_router"]

#: A split names two ids; a body longer than this is not one.
EDIT_BODY_BYTES = 4096
FORM = "application/x-www-form-urlencoded"

api_router = APIRouter(prefix="/api", tags=["edits"])
page_router = APIRouter(include_in_schema=False)

REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["other"],
                "properties": {"other": {"type": "string", "description": "the other record"}},
            }
        }
    },
}


def edit_token() -> str:
    """A fresh per-server secret for the split form (a new one each start)."""
    return secrets.token_urlsafe(32)


def _allowed(request: Request) -> str:
    """The server's form token, if edits are on and the request comes through a loopback name."""
    token: str | None = request.app.state.edit_token
    if token is None:
        raise EditDisabled()
    host = urlsplit(f"//{request.headers.get('host', '')}").hostname or ""
    if not is_loopback(host):
        raise CrossSiteWrite(
            f"edits are accepted only through a loopback address (localhost, 127.0.0.1), "
            f"not {host or 'a request without a Host'!r}"
        )
    return token


def _own_origin(request: Request, also: tuple[str, ...] = ()) -> None:
    """Refuse an ``Origin`` that is not this server's (browsers send one with every POST)."""
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if origin is not None and origin != own and origin not in also:
        raise CrossSiteWrite(f"refused a write from {origin!r}: only this server's pages may edit")


async def _split(request: Request, speaker_id: str, other: object) -> tuple[str, str]:
    """Check both ids against the corpus, then record the split on a short write connection."""
    if not isinstance(other, str) or not other.strip():
        raise BadRequest('name the other speaker record: {"other": "<speaker id>"}')
    other = other.strip()
    if other == speaker_id:
        raise BadRequest("a record cannot be split from itself: give two different ids")
    with pool_of(request).read() as conn:
        for key in (speaker_id, other):
            if conn.execute("SELECT 1 FROM speakers WHERE id = ?", (key,)).fetchone() is None:
                raise NotFound("speaker", key)
    db = pool_of(request).path
    if not await run_in_threadpool(split_speakers, db, speaker_id, other):
        raise NotFound("speaker", other)  # removed between the check and the write
    return speaker_id, other


@api_router.post(
    "/speakers/{speaker_id}/split",
    response_model=SplitOut,
    openapi_extra={"requestBody": REQUEST_BODY},
    responses={
        400: {"model": ErrorOut, "description": "no other id, or the same id twice"},
        403: {
            "model": ErrorOut,
            "description": "the server runs without --allow-edit (W406), or a cross-site or "
            "non-loopback request (W407)",
        },
        404: {"model": ErrorOut, "description": "either id is not a speaker record"},
        413: {"model": ErrorOut, "description": "a body too long to be a split"},
        415: {"model": ErrorOut, "description": "a body that is not application/json"},
    },
)
async def api_split(request: Request, speaker_id: str) -> dict[str, Any]:
    """Split two speaker records ``quotetrail link`` took for one person: the split is kept by
    every later link run (as ``quotetrail speakers --split``). Only with ``--allow-edit``."""
    _allowed(request)
    _own_origin(request)
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise UnsupportedMediaType(media, 'application/json ({"other": "<speaker id>"})')
    body = await read_limited(request, EDIT_BODY_BYTES)
    try:
        record = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadRequest('the body is not JSON: send {"other": "<speaker id>"}') from None
    other = record.get("other") if isinstance(record, dict) else None
    return {"split": list(await _split(request, speaker_id, other))}


@page_router.post("/speakers/{speaker_id}/split")
async def page_split(request: Request, speaker_id: str) -> RedirectResponse:
    """The speaker page's split button: back to the page, the record split off."""
    token = _allowed(request)
    _own_origin(request, also=("null",))  # our pages send no referrer, so Origin is "null"
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != FORM:
        raise UnsupportedMediaType(media, FORM)
    body = await read_limited(request, EDIT_BODY_BYTES)
    fields = parse_qs(body.decode("utf-8", "replace"))
    sent = (fields.get("token") or [""])[0]
    if not hmac.compare_digest(sent.encode(), token.encode()):
        raise CrossSiteWrite("the form's token is missing or wrong: reload the speaker page")
    await _split(request, speaker_id, (fields.get("other") or [""])[0])
    return RedirectResponse(f"{speaker_path(speaker_id)}#merged", status_code=303)
