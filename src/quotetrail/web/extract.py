"""POST /api/extract: statements of posted text, only when the server allows it.

Off unless ``--allow-extract``: it is the one route that runs the spaCy pipeline, which costs
CPU and memory per request. The body is limited where it is read: a Content-Length over
``max_extract_bytes`` is refused before reading, the bytes actually received are counted while
reading (a chunked or lying body stops at the limit), and the decoded text is held to
``max_extract_chars``.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from quotetrail.errors import InputError, PipelineNotFound
from quotetrail.records import Quote
from quotetrail.web.errors import (
    BadRequest,
    BodyTooLarge,
    ExtractDisabled,
    ExtractUnavailable,
    TextRefused,
    TextTooLong,
    UnsupportedMediaType,
)
from quotetrail.web.models import ErrorOut, ExtractOut
from quotetrail.web.state import settings_of

__all__ = ["Extractor", "router"]

router = APIRouter(prefix="/api", tags=["extraction"])

REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string"}},
            }
        },
        "text/plain": {"schema": {"type": "string"}},
    },
}


class Extractor:
    """:func:`quotetrail.extraction.extract` one text at a time: spaCy does not promise a
    pipeline is safe to share between threads, and one parse at a time bounds memory."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._lock = threading.Lock()

    def __call__(self, text: str) -> list[Quote]:
        from quotetrail.extraction import extract  # spaCy loads only if extraction is used

        with self._lock:
            return extract(text, model=self.model)


async def read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise BadRequest("Content-Length must be a number of bytes")
        if int(declared) > limit:
            raise BodyTooLarge(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(limit)
    return bytes(body)


def posted_text(body: bytes, content_type: str) -> str:
    """The text of a JSON ``{"text": ...}`` body or of a text/plain body (UTF-8)."""
    media = content_type.split(";", 1)[0].strip().lower()
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadRequest(f"the body is not valid UTF-8 (byte {err.start})") from None
    if media == "application/json":
        try:
            record = json.loads(decoded)
        except json.JSONDecodeError as err:
            raise BadRequest(f"the body is not valid JSON ({err.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise BadRequest('send a JSON object with a "text" string')
        return record["text"]
    if media in ("text/plain", ""):
        return decoded
    raise UnsupportedMediaType(media)


@router.post(
    "/extract",
    response_model=ExtractOut,
    openapi_extra={"requestBody": REQUEST_BODY},
    responses={
        400: {"model": ErrorOut, "description": "a body that is not JSON or UTF-8 text"},
        403: {"model": ErrorOut, "description": "the server was started without --allow-extract"},
        413: {"model": ErrorOut, "description": "body or text over the size limits"},
        415: {"model": ErrorOut, "description": "neither application/json nor text/plain"},
        422: {"model": ErrorOut, "description": "text refused with its quotetrail code"},
        503: {"model": ErrorOut, "description": "no spaCy pipeline installed"},
    },
)
async def api_extract(request: Request) -> dict[str, Any]:
    """The attributed statements of the posted text (the output of ``quotetrail extract``)."""
    extractor: Extractor | None = request.app.state.extractor
    if extractor is None:
        raise ExtractDisabled()
    settings = settings_of(request)
    body = await read_limited(request, settings.max_extract_bytes)
    text = posted_text(body, request.headers.get("content-type", ""))
    if len(text) > settings.max_extract_chars:
        raise TextTooLong(len(text), settings.max_extract_chars)
    try:
        quotes = await run_in_threadpool(extractor, text)
    except PipelineNotFound as err:
        raise ExtractUnavailable(str(err)) from None
    except InputError as err:
        raise TextRefused(err.code, str(err)) from None
    return {"chars": len(text), "quotes": [quote.to_dict() for quote in quotes]}
