"""Templates: one Jinja2 environment, autoescaping every template, with the link helpers.

Autoescape is on for every file whatever its extension, undefined names are errors, and
no template marks untrusted text ``|safe``. Links to the outside (an article's URL) pass
:func:`external_href`, which lets only http(s) through: escaping alone does not stop a
``javascript:`` URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from quotetrail import __version__

__all__ = [
    "article_path",
    "external_href",
    "make_templates",
    "render",
    "search_path",
    "speaker_path",
    "with_query",
]

TEMPLATES = Path(__file__).parent / "templates"
SAFE_SCHEMES = frozenset({"http", "https"})


def article_path(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def speaker_path(speaker_id: str) -> str:
    return "/speakers/" + quote(speaker_id, safe="")


def utterance_path(cluster_id: str) -> str:
    return "/utterances/" + quote(cluster_id, safe="")


def story_path(article_id: str) -> str:
    return "/stories/" + quote(article_id, safe="")


def with_query(path: str, params: Mapping[str, Any] | None = None, **more: Any) -> str:
    """``path`` with the non-empty parameters as its query; ``more`` overrides ``params``."""
    merged = {**(params or {}), **more}
    kept = {name: value for name, value in merged.items() if value not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def search_path(params: Mapping[str, Any] | None = None, **more: Any) -> str:
    return with_query("/search", params, **more)


def external_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL (safe to link), else None (shown as text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc else None


def _number(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        article_path=article_path,
        speaker_path=speaker_path,
        utterance_path=utterance_path,
        story_path=story_path,
        search_path=search_path,
        with_query=with_query,
        version=__version__,
    )
    env.filters.update(href=external_href, num=_number)
    return Jinja2Templates(env=env)


def render(
    request: Request, name: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status_code)
