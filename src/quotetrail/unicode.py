"""Text that cannot be encoded: lone surrogates, refused with a code wherever text comes in.

JSON (``"\\ud800"``), ``surrogateescape`` decoding and Python callers can all produce a ``str``
holding a lone surrogate. Nothing downstream accepts one (spaCy's string store, SQLite and the
UTF-8 output all raise ``UnicodeEncodeError``), so each entry point checks its text first and
refuses the document with :class:`~quotetrail.errors.InvalidUnicode` instead.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from quotetrail.errors import InvalidUnicode

__all__ = ["check_fields", "check_unicode", "printable"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_unicode(text: str, source: str, field: str = "the text") -> str:
    """Return ``text`` unchanged, or raise InvalidUnicode naming the first lone surrogate."""
    found = _SURROGATE.search(text)
    if found is not None:
        raise InvalidUnicode(source, field, found.start(), found.group())
    return text


def check_fields(record: Any, source: str) -> None:
    """Check every string (or tuple of strings) field of a dataclass record, such as an
    Article, whichever fields it has."""
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if isinstance(item, str):
                check_unicode(item, source, f'"{field.name}"')


def printable(name: str) -> str:
    """A source name that can be stored and printed: a file name with undecodable bytes
    (``os.fsdecode`` turns byte 0xff into U+DCFF) shows them as ``\\xff``."""
    return _SURROGATE.sub(_escape, name)


def _escape(found: re.Match[str]) -> str:
    point = ord(found.group())
    return f"\\x{point - 0xDC00:02x}" if 0xDC80 <= point <= 0xDCFF else f"\\u{point:04x}"
