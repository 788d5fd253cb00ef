"""The web UI and HTTP API: browse who said what, read articles with attributions highlighted.

``create_app(db_path)`` builds the FastAPI app; ``quotetrail serve`` runs it with uvicorn
(see :mod:`quotetrail.web.cli`). The web layer only reads the corpus, through read-only
connections, except the opt-in ``POST /api/extract``.
"""

from __future__ import annotations

import logging

from quotetrail.web.settings import SETTINGS, Setting, Settings

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["SETTINGS", "Setting", "Settings", "create_app"]


def __getattr__(name: str) -> object:
    """``create_app`` on first use: importing the settings (for the CLI) stays light."""
    if name == "create_app":
        from quotetrail.web.app import create_app

        return create_app
    raise AttributeError(name)
