"""POST /api/extract: statements of posted text, only when the server allows it.

Off unless ``--allow-extract``: it is the one route that runs the spaCy pipeline, which costs
CPU and memory per request. Extraction runs in worker processes with a
bounded queue (see :class:`Extractor`), so it never stalls the server's reads. The body is
limited where it is read: a Content-Length over
``max_extract_bytes`` is refused before reading, the bytes actually received are counted while
reading (a chunked or lying body stops at the limit), and the decoded text is held to
``max_extract_chars``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from fastapi import APIRouter, Request

from quotetrail.errors import (
    BadRequest,
    BodyTooLarge,
    ExtractBusy,
    ExtractDisabled,
    ExtractUnavailable,
    InputError,
    PipelineNotFound,
    QuotetrailError,
    TextTooLong,
    UnsupportedMediaType,
)
from quotetrail.records import Quote
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
                "properties": {
                    "text": {"type": "string"},
                    "scope": {"type": "string", "enum": ["statements", "all"]},
                },
            }
        },
        "text/plain": {"schema": {"type": "string"}},
    },
}


class Extractor:
    """:func:`quotetrail.extraction.extract` in worker processes, never in the server's own.

    Parsing holds the GIL for as long as it runs, so extraction in a server thread stalls every
    read; in ``processes`` spawned workers (each loads the pipeline once) it cannot. At most
    ``queue`` texts wait for a worker beyond those being parsed; one more is answered at once
    with 503 ``W505`` (busy), so a burst of large posts cannot pile up work or memory."""

    def __init__(self, model: str | None = None, *, processes: int = 1, queue: int = 4) -> None:
        self.model = model
        self.processes = processes
        self.capacity = processes + queue
        self.in_flight = 0  # changed only on the event loop's thread
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(), self.model),
            )
        return self._pool

    def start(self) -> None:
        """Start the workers and their pipeline load now, not on the first request."""
        self._executor().submit(_warm)

    def check_capacity(self) -> None:
        if self.in_flight >= self.capacity:
            raise ExtractBusy(self.capacity)

    async def __call__(self, text: str, scope: str = "statements") -> list[Quote]:
        self.check_capacity()
        self.in_flight += 1
        try:
            answer = await asyncio.wrap_future(self._executor().submit(_extract, text, scope))
        except BrokenProcessPool:
            self.close()  # a worker died (out of memory?): the next request starts a new pool
            raise ExtractUnavailable("the extraction worker process died; try again") from None
        finally:
            self.in_flight -= 1
        if isinstance(answer, tuple):
            kind, code, message = answer
            if kind == "unavailable":
                raise ExtractUnavailable(message)
            raise QuotetrailError.rebuilt(code, message)
        return answer

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


_model: str | None = None
#: Extraction is background work next to the reads the server answers: lower its priority.
WORKER_NICENESS = 10


def _start_worker(parent: int, model: str | None) -> None:
    """In a worker: leave when the server is gone (even if it died while this process was
    starting), and remember the pipeline name."""
    global _model
    _model = model
    if os.getppid() != parent:
        os._exit(1)
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)  # on a busy machine the server's reads get the CPU first
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _warm() -> None:
    from quotetrail.nlp import load_pipeline

    with contextlib.suppress(PipelineNotFound):
        load_pipeline(_model)


def _extract(text: str, scope: str) -> list[Quote] | tuple[str, str, str]:
    """Quotes, or (kind, code, message): coded errors do not unpickle faithfully."""
    from quotetrail.extraction import FindOptions, extract  # spaCy loads only if used

    try:
        return extract(text, model=_model, options=FindOptions(scope=scope))
    except PipelineNotFound as err:
        return ("unavailable", err.code, str(err))
    except InputError as err:
        return ("refused", err.code, str(err))


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


SCOPES = ("statements", "all")


def posted(body: bytes, content_type: str, scope: str | None = None) -> tuple[str, str]:
    """The text and scope of a JSON ``{"text": ..., "scope": ...}`` body or of a text/plain
    body (UTF-8); ``scope`` (the ``?scope=`` query) applies when the body names none."""
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
        return record["text"], _scope(record.get("scope", scope))
    if media in ("text/plain", ""):
        return decoded, _scope(scope)
    raise UnsupportedMediaType(media)


def _scope(value: object) -> str:
    if value is None:
        return "statements"
    if value not in SCOPES:
        raise BadRequest(f'scope must be "statements" or "all", not {value!r}')
    return str(value)


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
        503: {
            "model": ErrorOut,
            "description": "no spaCy pipeline installed, or every extraction slot is taken",
        },
    },
)
async def api_extract(request: Request) -> dict[str, Any]:
    """The attributed statements of the posted text (the output of ``quotetrail extract``)."""
    extractor: Extractor | None = request.app.state.extractor
    if extractor is None:
        raise ExtractDisabled()
    extractor.check_capacity()  # before reading a body that could not be served anyway
    settings = settings_of(request)
    body = await read_limited(request, settings.max_extract_bytes)
    content_type = request.headers.get("content-type", "")
    text, scope = posted(body, content_type, request.query_params.get("scope"))
    if len(text) > settings.max_extract_chars:
        raise TextTooLong(len(text), settings.max_extract_chars)
    quotes = await extractor(text, scope)
    return {"chars": len(text), "scope": scope, "quotes": [q.to_dict() for q in quotes]}
