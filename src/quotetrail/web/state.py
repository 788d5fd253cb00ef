"""What the app factory puts on ``app.state``, read back with its type."""

from __future__ import annotations

from fastapi import Request

from quotetrail.web.db import ReadPool
from quotetrail.web.settings import Settings

__all__ = ["pool_of", "settings_of"]


def pool_of(request: Request) -> ReadPool:
    pool: ReadPool = request.app.state.pool
    return pool


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings
