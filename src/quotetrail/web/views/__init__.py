"""The HTML pages, one module each; every route reads through the app's :class:`ReadPool`."""

from __future__ import annotations

from quotetrail.web.views import article, listings, overview, search, speaker, utterance

ROUTERS = (
    overview.router,
    search.router,
    listings.router,
    speaker.router,
    article.router,
    utterance.router,
)

__all__ = ["ROUTERS"]
