"""How errors are answered: JSON under /api/, an HTML page elsewhere, one shape for both.

Every :class:`~quotetrail.errors.QuotetrailError` (the views raise its ``WebError`` family; the
corpus's E3xx reach here too) is answered with its ``status`` and code; Starlette's own HTTP
errors (an unknown path, a wrong method) and FastAPI's parameter validation errors are
answered in the same shape, so an API client parses one error format.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from quotetrail.errors import InvalidParameter, QuotetrailError
from quotetrail.web.render import render

__all__ = ["install_error_handlers"]

API_PREFIXES = ("/api/", "/openapi.json")


def _answer(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.startswith(API_PREFIXES):
        body = {"error": {"status": status, "code": code, "message": message}}
        return JSONResponse(body, status_code=status)
    context = {"status": status, "code": code, "message": message}
    return render(request, "error.html", context, status_code=status)


async def on_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QuotetrailError)
    response = _answer(request, exc.status, exc.code, str(exc))
    response.headers.update(exc.headers)
    return response


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    response = _answer(request, exc.status_code, f"H{exc.status_code}", str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


# What a parameter accepts, by pydantic's error type: a reader's words, not a validator's.
_ACCEPTS = {
    "date_parsing": "a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "a date as YYYY-MM-DD",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "string_type": "text",
    "bool_parsing": "true or false",
}
MAX_SHOWN_INPUT = 40


def _accepts(error: dict[str, Any]) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "literal_error":
        return f"one of {ctx.get('expected', 'the listed values')}"
    bounds = {"greater_than_equal": "at least", "less_than_equal": "at most"}
    bounds |= {"greater_than": "more than", "less_than": "less than"}
    if kind in bounds:
        limit = next(iter(ctx.values()), "?")
        return f"a number {bounds[kind]} {limit}"
    return _ACCEPTS.get(kind) or error.get("msg", "valid").lower()


def _describe(error: dict[str, Any]) -> str:
    """``since must be a date as YYYY-MM-DD, not '2024-13-01'``: which parameter, what it takes."""
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "the request body"
    if error.get("type") == "missing":
        return f"{where} is required"
    shown = str(error.get("input", ""))
    if len(shown) > MAX_SHOWN_INPUT:
        shown = shown[: MAX_SHOWN_INPUT - 1] + "…"
    return f"{where} must be {_accepts(error)}, not {shown!r}"


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    message = "; ".join(_describe(error) for error in exc.errors())
    return _answer(request, InvalidParameter.status, InvalidParameter.code, message)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(QuotetrailError, on_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
