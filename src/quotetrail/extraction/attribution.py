"""What the steps of finding attributions share: the Found record and the quotation index.

The steps, one module each, over a parsed Doc: candidate cues (``candidates.py``), what a cue
governs (``content.py``), who said it (``mentions.py``) and "according to X" (``according.py``);
``find.py`` runs them per sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .marks import quote_spans


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution in token and character terms, before speakers are resolved."""

    content: tuple[int, int]  # characters
    cue: tuple[int, int] | None  # tokens [start, end)
    cue_lemma: str | None
    speaker: tuple[int, int] | None  # tokens [start, end)
    score: float
    #: "communicated" (speech, writing, documents) or "belief" (beliefs, plans, stances).
    attribution: str = "communicated"
    #: Which rule found it: "cue" (a scored word), "according", "leadin" ("Name: “...”"),
    #: "signoff" ("-- Name") or "floating"; calibration (calibration.py) is per rule.
    rule: str = "cue"


class QuoteIndex:
    """The document's text and which of its characters lie inside quotation spans.

    Holding the text here matters: ``Doc.text`` rebuilds the string on every access.
    """

    def __init__(self, spans: Sequence[tuple[int, int]], text: str = "") -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.text = text

    @classmethod
    def of(cls, text: str) -> QuoteIndex:
        return cls(quote_spans(text), text)

    def containing(self, char: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, char) - 1
        if i >= 0 and self.spans[i][0] <= char < self.spans[i][1]:
            return self.spans[i]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(bisect_right(self.starts, start) - 1, 0)
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                out.append(self.spans[i])
            i += 1
        return out


def token_in_quote(token: Token, quotes: QuoteIndex) -> bool:
    return quotes.containing(token.idx) is not None


def sentence_has_quote(sent: Span, quotes: QuoteIndex) -> bool:
    return bool(quotes.overlapping(sent.start_char, sent.end_char))
