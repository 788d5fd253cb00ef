"""Reading limits: one options object, built once per run, validated here and passed down.

Every limit is derived from ``max_chars`` so that one flag (``--max-chars``) governs them all and
each is enforced where the bytes are read, before any decoding or parsing.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_HTML_TIMEOUT = 20.0

# A code point never takes more than 4 bytes in UTF-8 (nor in UTF-16/32), so a text file larger
# than 4 bytes per allowed character is over the limit without decoding it.
MAX_BYTES_PER_CHAR = 4
# Markup allowance per character of body text: 2M characters -> 20 MB, trafilatura's MAX_FILE_SIZE.
HTML_BYTES_PER_CHAR = 10
# A JSON string spends at most 12 bytes on one code point (a \uXXXX\uXXXX surrogate pair).
JSON_BYTES_PER_CHAR = 12
# Room for the BOM of a text file and the metadata fields of a JSON line.
SLACK_BYTES = 1 << 16


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How much to read, how to decode it and how long HTML extraction may take."""

    max_chars: int = DEFAULT_MAX_CHARS
    encoding: str = "utf-8"
    html_timeout: float = DEFAULT_HTML_TIMEOUT

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise ValueError(f"max_chars must be at least 1, not {self.max_chars}")
        if not self.html_timeout > 0:
            raise ValueError(f"html_timeout must be a positive number, not {self.html_timeout}")
        codecs.lookup(self.encoding)  # LookupError names an unknown encoding up front

    @property
    def max_text_bytes(self) -> int:
        return self.max_chars * MAX_BYTES_PER_CHAR + SLACK_BYTES

    @property
    def max_html_bytes(self) -> int:
        return self.max_chars * HTML_BYTES_PER_CHAR

    @property
    def max_line_bytes(self) -> int:
        return self.max_chars * JSON_BYTES_PER_CHAR + SLACK_BYTES


DEFAULT_OPTIONS = ReadOptions()
