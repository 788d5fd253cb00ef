"""Plain text: strict decoding and the checks every document's text must pass.

Nothing here rewrites the text (no newline or Unicode normalisation): offsets downstream are
indices into the text exactly as read, so ``\\r\\n`` stays ``\\r\\n``.
"""

from __future__ import annotations

import codecs
import re
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from spacy.lang.en.stop_words import STOP_WORDS

from quotetrail.errors import (
    BinaryInput,
    EmptyInput,
    EncodingFailure,
    NotEnglish,
    TooLarge,
    TooLargeBytes,
)
from quotetrail.read.compressed import read_file_bytes
from quotetrail.read.files import read_stream_capped
from quotetrail.read.ids import article_id, content_hash
from quotetrail.read.options import DEFAULT_MAX_CHARS, DEFAULT_OPTIONS, ReadOptions
from quotetrail.records import Article
from quotetrail.unicode import check_unicode

__all__ = [
    "DEFAULT_MAX_CHARS",
    "article_from_bytes",
    "check_text",
    "decode",
    "english_ratio",
    "read_text_file",
    "read_text_stream",
]

STDIN_SOURCE = "<stdin>"
SNIFF_BYTES = 8192
# Text has almost no C0 controls besides tab/newlines/form feed; executables and images do.
MAX_CONTROL_SHARE = 0.10
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_WIDE_CODECS = ("utf-16", "utf-32")  # NUL bytes are normal there
# File signatures ("magic bytes") of what people most often pass by mistake, so a refusal can
# say what the file is instead of blaming its encoding.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP archives)"),
    (b"\x1f\x8b", "gzip-compressed data (name it .gz, e.g. page.html.gz, to have it read)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls/.ppt)"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Share of spaCy's English stop words among alphabetic tokens. Measured: 924 PolNeAR news
# articles 0.26-0.64 (median 0.46); French/German/Spanish news prose 0.02-0.05, Russian 0.
MIN_ENGLISH_RATIO = 0.15
MIN_WORDS_TO_JUDGE = 20
MAX_WORDS_TO_JUDGE = 5000  # enough for a stable ratio; keeps the check cheap on long texts
_WORD = re.compile(r"[^\W\d_]+")


def file_type(data: bytes) -> str | None:
    """What the bytes are by their signature (a PDF, an image, an archive), or None."""
    return next((what for magic, what in SIGNATURES if data.startswith(magic)), None)


def decode(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode strictly: refuse binary data, fail with the byte position, strip only a UTF-8 BOM."""
    if (what := file_type(data)) is not None:
        raise BinaryInput(source, f"it is {what}; quotetrail reads text, HTML, JSON and WARC files")
    codec = codecs.lookup(encoding).name
    wide = codec.startswith(_WIDE_CODECS)
    if not wide:
        _refuse_binary(data, source)
    skipped = 0
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        skipped = len(codecs.BOM_UTF8)
    try:
        text = data[skipped:].decode(encoding)
    except UnicodeDecodeError as err:
        raise EncodingFailure(source, err.start + skipped, encoding) from None
    if wide:
        _refuse_binary(text[:SNIFF_BYTES].encode("utf-8", "surrogatepass"), source)
    return text


def _refuse_binary(data: bytes, source: str) -> None:
    """Raise BinaryInput for NUL bytes anywhere or many control bytes near the start."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInput(source, f"NUL byte at {nul}")
    sample = data[:SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInput(source, f"{controls} control bytes in the first {len(sample)}")


def english_ratio(text: str) -> tuple[float, int]:
    """Share of common English function words among the first alphabetic tokens, and how many."""
    words = [m.group().lower() for m in islice(_WORD.finditer(text), MAX_WORDS_TO_JUDGE)]
    if not words:
        return 0.0, 0
    return sum(word in STOP_WORDS for word in words) / len(words), len(words)


def check_text(text: str, source: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return ``text`` unchanged if it is non-empty, within the limit and looks English."""
    if not text.strip():
        raise EmptyInput(source)
    if len(text) > max_chars:
        raise TooLarge(source, len(text), max_chars)
    check_unicode(text, source)
    ratio, words = english_ratio(text)
    if words >= MIN_WORDS_TO_JUDGE and ratio < MIN_ENGLISH_RATIO:
        raise NotEnglish(source, ratio)
    return text


def article_from_bytes(data: bytes, source: str, options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    """A text Article from raw bytes: no URL, so its id hashes the text."""
    if len(data) > options.max_text_bytes:
        raise TooLargeBytes(source, len(data), options.max_text_bytes)
    text = check_text(decode(data, source, options.encoding), source, max_chars=options.max_chars)
    return Article(
        id=article_id(None, text), text=text, source=source, content_hash=content_hash(data)
    )


def read_text_file(path: str | Path, options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    """Read one text file (or ``.gz`` of one); its size is checked before a byte is read."""
    source = str(path)
    return article_from_bytes(
        read_file_bytes(Path(path), options.max_text_bytes, source), source, options
    )


def read_text_stream(
    stream: BinaryIO, source: str = STDIN_SOURCE, options: ReadOptions = DEFAULT_OPTIONS
) -> Article:
    """Read text from a binary stream such as ``sys.stdin.buffer``."""
    data = read_stream_capped(stream, options.max_text_bytes, source)
    return article_from_bytes(data, source, options)
