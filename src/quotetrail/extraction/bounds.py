"""The work one document may cost: refused with a code before parsing, or parsed in pieces.

Two shapes of text make spaCy's cost grow faster than the text. Its tokenizer strips affixes
one character at a time and re-slices what is left, so a long run with no whitespace (20,000
quotation marks: 28 s) is quadratic; and one ``Doc`` holds every layer's activations for the
whole text at once (a 1 MB paragraph: 3.8 GB). So a text with such a run or over
``PIECE_CHARS`` is parsed as pieces, cut at paragraph breaks (else at whitespace) and inside
long runs, and the pieces are joined back into one ``Doc`` with ``Doc.from_docs`` and no
whitespace added: its text is the input exactly, so every offset still indexes the text as
read, and extraction (speaker resolution included) runs over the whole article as before.
Texts of ordinary news length are parsed whole, exactly as before.

spaCy raises ``UnicodeEncodeError`` on a lone surrogate and ``ValueError [E088]`` over its
``max_length``; both are a caller's input, so both become coded errors here, as does a run of
over ``MAX_RUN_MARKS`` punctuation characters with no whitespace (``E117``): cheap to tokenize
in pieces, but every mark is a token the whole pipeline must then process.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from quotetrail.errors import TooCostly, TooLarge
from quotetrail.unicode import check_unicode

__all__ = [
    "MAX_RUN_MARKS",
    "PIECE_CHARS",
    "RUN_CHARS",
    "check_parseable",
    "needs_pieces",
    "parse",
    "pieces",
]

SOURCE = "<text>"
#: Longest text parsed as one Doc: far above a news article (PolNeAR's longest is ~25,000).
PIECE_CHARS = 50_000
#: Longest run without whitespace tokenized at once: a URL fits; 200 marks cost ~1 ms.
RUN_CHARS = 200
_LONG_RUN = re.compile(rf"\S{{{RUN_CHARS + 1},}}")
#: Most punctuation one run without whitespace may hold: each mark is a token to tag, parse
#: and recognise (20,000 marks cost as much as 100 KB of prose), and no prose has such a run.
MAX_RUN_MARKS = 1_000
_WORDLIKE = re.compile(r"\w+")


def check_parseable(text: str, max_chars: int, source: str = SOURCE) -> None:
    """Raise a coded InputError for a text the pipeline cannot parse."""
    if len(text) > max_chars:
        raise TooLarge(source, len(text), max_chars)
    check_unicode(text, source)
    for run in _LONG_RUN.finditer(text):
        marks = len(run.group()) - sum(len(w) for w in _WORDLIKE.findall(run.group()))
        if marks > MAX_RUN_MARKS:
            raise TooCostly(
                source,
                f"a run of {len(run.group()):,} characters with no whitespace at character "
                f"{run.start():,}, {marks:,} of them punctuation; at most {MAX_RUN_MARKS:,} "
                "are parsed",
            )


def needs_pieces(text: str) -> bool:
    return len(text) > PIECE_CHARS or _LONG_RUN.search(text) is not None


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, with bounded work per piece for a long text or one with long runs."""
    if not needs_pieces(text):
        return nlp(text)
    docs = []
    for doc in nlp.pipe(pieces(text), batch_size=1):  # one piece in the pipeline at a time
        doc.tensor = numpy.zeros((0,), dtype="float32")  # token vectors: not needed after it
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


def pieces(text: str) -> list[str]:
    """``text`` cut into pieces that join back to it exactly: long runs into ``RUN_CHARS``
    slices, the rest into pieces of at most ``PIECE_CHARS`` ending at a line break or after
    whitespace, so no token spans two pieces unless it is a long run."""
    out: list[str] = []
    pos = 0
    for run in _LONG_RUN.finditer(text):
        out.extend(_plain(text, pos, run.start()))
        out.extend(
            text[i : min(i + RUN_CHARS, run.end())]
            for i in range(run.start(), run.end(), RUN_CHARS)
        )
        pos = run.end()
    out.extend(_plain(text, pos, len(text)))
    return out


def _plain(text: str, start: int, end: int) -> Iterator[str]:
    """Pieces of ``text[start:end]`` (no long runs) of at most ``PIECE_CHARS``."""
    while end - start > PIECE_CHARS:
        limit = start + PIECE_CHARS
        cut = text.rfind("\n", start + PIECE_CHARS // 2, limit)
        if cut < 0:
            cut = max(text.rfind(" ", start + PIECE_CHARS // 2, limit), start + PIECE_CHARS // 2)
        yield text[start : cut + 1]
        start = cut + 1
    if end > start:
        yield text[start:end]
