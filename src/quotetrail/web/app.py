"""The app factory: a read-only corpus browser and JSON API over one SQLite file.

``create_app`` checks the corpus once (a missing or foreign file fails here, with the corpus
layer's coded error, not at the first request), then wires the pool, the templates, the
routes and the error handlers. The Swagger and ReDoc pages are off: they load scripts from a
CDN; the schema itself is at /openapi.json.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from quotetrail import __version__
from quotetrail.web import api, edit, extract
from quotetrail.web.db import ReadPool
from quotetrail.web.failures import install_error_handlers
from quotetrail.web.headers import SecurityHeaders
from quotetrail.web.render import make_templates
from quotetrail.web.settings import Settings
from quotetrail.web.views import ROUTERS

__all__ = ["create_app"]

STATIC = Path(__file__).parent / "static"
DESCRIPTION = (
    "Who said what, when, according to whom: the statements of a quotetrail corpus. "
    "Read-only; POST /api/extract only on servers started with --allow-extract, and "
    "POST /api/speakers/{id}/split only with --allow-edit."
)
TELEMETRY_OFF = {"tracing": False, "metrics": False, "logs": False}


def create_app(
    db_path: str | Path,
    *,
    allow_extract: bool = False,
    allow_edit: bool = False,
    settings: Settings | None = None,
    model: str | None = None,
) -> FastAPI:
    """A FastAPI app serving the corpus at ``db_path``; raises a ``CorpusError`` if it can't.

    ``allow_extract`` turns on POST /api/extract; ``allow_edit`` the speaker split (web/edit.py).
    """
    settings = settings or Settings()
    pool = ReadPool(db_path, time_limit_ms=settings.sql_time_limit_ms)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.extractor is not None:
            app.state.extractor.start()
        yield
        pool.close()
        if app.state.extractor is not None:
            app.state.extractor.close()

    app = FastAPI(
        title="quotetrail",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        telemetry=TELEMETRY_OFF,  # type: ignore[arg-type]
    )
    app.state.pool = pool
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.extractor = (
        extract.Extractor(model, processes=settings.extract_processes, queue=settings.extract_queue)
        if allow_extract
        else None
    )
    # the split form's secret; None keeps the one write (a speaker split) off
    app.state.edit_token = edit.edit_token() if allow_edit else None
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in (*ROUTERS, api.router, extract.router, edit.api_router, edit.page_router):
        app.include_router(router)
    install_error_handlers(app)
    return app
