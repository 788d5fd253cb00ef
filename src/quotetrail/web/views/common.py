"""Hits made ready to draw: content split where the search words matched."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from quotetrail.web.highlight import marked_pieces

__all__ = ["with_pieces"]


def with_pieces(hits: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each hit's content as (text, matched) pieces: the search words marked, nothing else."""
    ready = []
    for hit in hits:
        marked = hit.get("marked")
        hit["pieces"] = marked_pieces(marked) if marked else [(hit["content_text"], False)]
        ready.append(hit)
    return ready
