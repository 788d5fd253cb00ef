"""The shared vocabulary: small immutable records that every layer passes along.

Offsets are Python string indices into the article text exactly as read, so a record can
always be checked with ``text[start:end] == span.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from quotetrail.errors import QuotetrailError, Skipped

QuoteKind = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organization", "country", "outlet", "other"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class CueSpan:
    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True, slots=True)
class Quote:
    """One statement attributed to someone (or, when floating, to the speaker in focus)."""

    kind: QuoteKind
    content: Span
    cue: CueSpan | None
    speaker: Span | None
    speaker_name: str | None
    speaker_kind: SpeakerKind | None
    speaker_role: str | None = None
    via: str | None = None
    #: How likely this is a real attributed statement: the finder's score for its rule (cue
    #: classifier, "according to", lead-in, sign-off, floating quotation) calibrated on held-out
    #: data (extraction/data/calibration.json), so 0.8 means about 80% of such are right.
    #: None only in records stored before calibration.
    confidence: float | None = None
    #: "communicated" (said, written, stated in a document: a statement) or "belief" (a belief,
    #: plan, stance or knowledge not reported as communicated; only with scope "all").
    attribution: str = "communicated"
    #: The kind of the relaying party in ``via`` ("outlet" for a news organisation; the kind of
    #: a person or organisation that relays another's words), None without a relay.
    via_kind: SpeakerKind | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Article:
    """A document as read from a source, before extraction."""

    id: str
    text: str
    source: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = field(default_factory=tuple)
    published: str | None = None
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class Failure:
    """One unusable document: where it came from, the stable error code and the reason.

    ``skipped`` marks a deliberate skip (code ``S1xx``: unchanged since the last run, a WARC
    record that is not a page), which a summary counts apart from real failures.
    """

    source: str
    code: str
    message: str
    skipped: bool = False

    @classmethod
    def from_error(cls, source: str, err: QuotetrailError) -> Failure:
        return cls(source=source, code=err.code, message=str(err), skipped=isinstance(err, Skipped))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
