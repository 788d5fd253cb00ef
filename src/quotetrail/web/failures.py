"""How errors are answered: JSON under /api/, an HTML page elsewhere, one shape for both.

:class:`~quotetrail.web.errors.WebError` is the views' one exception; Starlette's own HTTP
errors (an unknown path, a wrong method) and FastAPI's parameter validation errors are
answered in the same shape, so an API client parses one error format.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from quotetrail.web.errors import WebError
from quotetrail.web.render import render

__all__ = ["install_error_handlers"]

API_PREFIXES = ("/api/", "/openapi.json")
VALIDATION_STATUS = 422


def _answer(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.startswith(API_PREFIXES):
        body = {"error": {"status": status, "code": code, "message": message}}
        return JSONResponse(body, status_code=status)
    context = {"status": status, "code": code, "message": message}
    return render(request, "error.html", context, status_code=status)


async def on_web_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebError)
    response = _answer(request, exc.status, exc.code, exc.message)
    response.headers.update(exc.headers)
    return response


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    response = _answer(request, exc.status_code, f"H{exc.status_code}", str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _describe(error: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
    return f"{where}: {error.get('msg', 'invalid')}"


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    message = "; ".join(_describe(error) for error in exc.errors())
    return _answer(request, VALIDATION_STATUS, "W422", message)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(WebError, on_web_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
