"""Where an article came from, as the web shows it: a URL as it is, a local file by its name.

The corpus keeps each source path as the user gave it (absolute or relative); a server shows that
machine's folders to every visitor only when its operator opts in with the setting
``show_source_paths``.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

__all__ = ["hide_paths", "shown_source"]

_RECORD = re.compile(r"^(?P<path>.*?)(?P<line>:\d+)?$", re.DOTALL)  # "dump.jsonl:12"
_KEEP = ("http://", "https://", "feed:", "<")  # URLs, <stdin>, <text>


def shown_source(source: str) -> str:
    """A URL or ``<stdin>`` unchanged; a local path as its file name (and record line)."""
    if source.startswith(_KEEP):
        return source
    found = _RECORD.match(source)
    assert found is not None  # the pattern matches any string
    return (PurePath(found["path"]).name or found["path"]) + (found["line"] or "")


def hide_paths(value: Any) -> Any:
    """``value`` with every ``source`` entry of its dicts (at any depth) shown by file name, and
    that path removed from the dict's ``message`` too (coded messages begin with it)."""
    if isinstance(value, list):
        return [hide_paths(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: hide_paths(item) for key, item in value.items()}
    source = out.get("source")
    if isinstance(source, str):
        out["source"] = shown_source(source)
        if isinstance(out.get("message"), str):
            out["message"] = out["message"].replace(source, out["source"])
    return out
