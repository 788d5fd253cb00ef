"""The web server's settings, declared once with their help text (Datasette's ``SETTINGS``).

Every limit the server enforces is here, so ``quotetrail serve --setting NAME VALUE`` can change
it and the README documents it (a test checks that each one is).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from quotetrail.errors import InvalidOption

__all__ = ["SETTINGS", "Setting", "Settings"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: int
    help: str
    minimum: int = 1


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "default_page_size",
        20,
        "Quotes per page of search results and of /api/quotes when the request gives no per_page.",
    ),
    Setting(
        "max_page_size",
        100,
        "Largest per_page a request may ask for; a larger one is answered with HTTP 400.",
    ),
    Setting(
        "timeline_page_size",
        50,
        "Statements per page of a speaker's timeline (page and API).",
    ),
    Setting(
        "sql_time_limit_ms",
        1000,
        "Longest one request may spend in SQLite, in milliseconds. A query still running then "
        "is interrupted and the request is answered with HTTP 400, so one heavy search cannot "
        "hold a server thread.",
    ),
    Setting(
        "max_extract_chars",
        100_000,
        "Longest text POST /api/extract accepts, in characters; longer texts get HTTP 413.",
    ),
    Setting(
        "max_extract_bytes",
        1_000_000,
        "Largest request body POST /api/extract reads, in bytes; checked against "
        "Content-Length before reading and against the bytes actually received while reading "
        "(HTTP 413 either way).",
    ),
    Setting(
        "show_source_paths",
        0,
        "1 shows where local articles were read from as full paths (in ingest errors and "
        "article lists); 0, the default, shows only the file name, so visitors do not learn "
        "the server's folders. URLs are always shown.",
        minimum=0,
    ),
    Setting(
        "extract_processes",
        1,
        "Worker processes that run POST /api/extract (each loads the spaCy pipeline once, "
        "about 200 MB); extraction never runs in the server's own process, so it cannot stall "
        "reads.",
    ),
    Setting(
        "extract_queue",
        4,
        "Extract requests that may wait for a worker beyond those being parsed; one more is "
        "answered at once with HTTP 503 (W505).",
        minimum=0,
    ),
    Setting("overview_top", 10, "How many speakers and outlets the overview page lists."),
    Setting("overview_errors", 10, "Ingest errors per page of /errors (the overview counts them)."),
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """One options object for the app, built once from the defaults plus overrides."""

    default_page_size: int = _BY_NAME["default_page_size"].default
    max_page_size: int = _BY_NAME["max_page_size"].default
    timeline_page_size: int = _BY_NAME["timeline_page_size"].default
    sql_time_limit_ms: int = _BY_NAME["sql_time_limit_ms"].default
    max_extract_chars: int = _BY_NAME["max_extract_chars"].default
    max_extract_bytes: int = _BY_NAME["max_extract_bytes"].default
    extract_processes: int = _BY_NAME["extract_processes"].default
    extract_queue: int = _BY_NAME["extract_queue"].default
    show_source_paths: int = _BY_NAME["show_source_paths"].default
    overview_top: int = _BY_NAME["overview_top"].default
    overview_errors: int = _BY_NAME["overview_errors"].default

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            minimum = _BY_NAME[field.name].minimum
            if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
                raise InvalidOption(field.name, value, f"must be an integer >= {minimum}")
        if self.default_page_size > self.max_page_size:
            raise InvalidOption(
                "default_page_size", self.default_page_size, "must not exceed max_page_size"
            )

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Settings:
        """Settings from ``NAME VALUE`` pairs as typed on the command line."""
        values: dict[str, int] = {}
        for name, text in pairs:
            if name not in _BY_NAME:
                known = ", ".join(_BY_NAME)
                raise InvalidOption(name, text, f"is not a setting (settings: {known})")
            try:
                values[name] = int(text.replace("_", ""))
            except ValueError:
                raise InvalidOption(name, text, "must be an integer") from None
        return cls(**values)
