"""What a text must satisfy before it is parsed: refused with a code, never a bare error.

spaCy raises ``UnicodeEncodeError`` on a lone surrogate and ``ValueError [E088]`` over its
``max_length``; both are a caller's input, so both become coded errors here.
"""

from __future__ import annotations

from quotetrail.errors import TooLarge
from quotetrail.unicode import check_unicode

__all__ = ["check_parseable"]

SOURCE = "<text>"


def check_parseable(text: str, max_chars: int, source: str = SOURCE) -> None:
    """Raise a coded InputError for a text the pipeline cannot parse."""
    if len(text) > max_chars:
        raise TooLarge(source, len(text), max_chars)
    check_unicode(text, source)
