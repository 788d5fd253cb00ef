"""Text normalised for comparison, with a map back to offsets in the original text.

Two articles copy each other whatever their typography: curly or straight quotes, en or em
dashes, non-breaking or doubled spaces, invisible soft hyphens, capitals. Comparison runs on
casefolded text with those unified, while every span reported to people points into the
original text. ``normalise`` keeps the full offset map; the hot paths (``tokens``,
``line_words``, ``fast_words``) produce the same words without building it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from quotetrail.provenance.patterns import DASHES, DOUBLE_QUOTES, SINGLE_QUOTES

_DROP = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # invisible: soft hyphen, zero widths, BOM
# One character to one character (so offsets survive), or to nothing for invisible ones.
_MAP: dict[str, str] = {
    **{c: '"' for c in DOUBLE_QUOTES},
    **{c: "'" for c in SINGLE_QUOTES},
    **{c: "-" for c in DASHES},
    **{c: "" for c in _DROP},
}
_SPECIAL = re.compile("[" + re.escape("".join(c for c, m in _MAP.items() if c != m)) + "]")
_DROP_RE = re.compile(f"[{_DROP}]")
_SPACE_RUN = re.compile(r"\s+")
WORD = re.compile(r"\w+(?:'\w+)*")
_DIGITS = str.maketrans("0123456789", "0000000000")


def unify(text: str) -> str:
    """Quotes, dashes to ASCII; invisible characters removed. Whitespace is left alone."""
    return _SPECIAL.sub(lambda m: _MAP[m.group()], text)


@dataclass(frozen=True, slots=True)
class NormText:
    """``text`` normalised; ``_starts``/``_origins`` map runs of it back to the original.

    Normalised index ``i`` in the run beginning at ``_starts[k]`` comes from original index
    ``_origins[k] + (i - _starts[k])``; a new run begins wherever lengths stopped matching
    (collapsed whitespace, a dropped invisible character, a casefold that grew a character).
    """

    text: str
    _starts: tuple[int, ...]
    _origins: tuple[int, ...]
    original_length: int

    def to_original(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (``len(text)`` maps to the end)."""
        if i >= len(self.text):
            return self.original_length
        k = bisect_right(self._starts, i) - 1
        return self._origins[k] + (i - self._starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalised span, ending just after its last character."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def words(self) -> list[tuple[str, int, int]]:
        """Normalised words with their original (start, end)."""
        return [(m.group(), *self.span(m.start(), m.end())) for m in WORD.finditer(self.text)]


def normalise(text: str) -> NormText:
    """Casefold, unify quotes/dashes/whitespace, drop invisibles, collapse and strip spaces."""
    chars: list[str] = []
    origins: list[int] = []
    pending_space = False
    for i, c in enumerate(text):
        if c.isspace():
            pending_space = bool(chars)
            continue
        mapped = _MAP.get(c, c)
        if not mapped:
            continue
        if pending_space:
            chars.append(" ")
            origins.append(i - 1)
            pending_space = False
        for f in mapped.casefold():
            chars.append(f)
            origins.append(i)
    starts: list[int] = []
    runs: list[int] = []
    for n, o in enumerate(origins):
        if not runs or runs[-1] + (n - starts[-1]) != o:
            starts.append(n)
            runs.append(o)
    return NormText("".join(chars), tuple(starts), tuple(runs), len(text))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """``normalise(text).words()``, fast when normalising keeps every offset (the usual case)."""
    if not _DROP_RE.search(text):
        folded = unify(text).casefold()
        if len(folded) == len(text):
            return [(m.group(), m.start(), m.end()) for m in WORD.finditer(folded)]
    return normalise(text).words()


def fast_words(text: str) -> list[str]:
    """The words of ``normalise(text)`` without building the offset map (the hot path)."""
    return WORD.findall(unify(text).casefold())


def line_words(line: str) -> tuple[str, list[str]]:
    """(folded line for pattern tests, its normalised words) in one pass over the line."""
    folded = unify(line).casefold()
    return " ".join(folded.split()), WORD.findall(folded)


def line_key(words: list[str]) -> str:
    """A line reduced for counting repeats: its words, digits folded to 0 ("© 2016" = "© 2017")."""
    return " ".join(words).translate(_DIGITS)


def fold(text: str) -> str:
    """``normalise(text).text`` without the offset map: for keys and names."""
    return " ".join(unify(text).casefold().split())
