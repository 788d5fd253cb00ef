"""The records linking reads and returns: plain, immutable, free of any store.

Inputs carry only what the decisions need (names, roles, dates, outlets, quote contents), so the
corpus store, a JSONL file or a test can feed them alike. Dates are ISO strings or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class LinkSpeaker:
    """A speaker record as identity needs it: one spelling of a name, with its context."""

    id: str
    name: str
    kind: str
    roles: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None
    n_quotes: int = 0


@dataclass(frozen=True, slots=True)
class SpeakerMerge:
    """``speaker_id`` is the same person as ``into_id``; ``evidence`` says why, for people."""

    speaker_id: str
    into_id: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LinkQuote:
    """A stored quote as clustering needs it; ``speaker`` is its speaker record id (None when
    it has none: then only near-verbatim copies under the same ``speaker_name`` are joined)."""

    quote_id: str
    article_id: str
    speaker: str | None
    content_text: str
    published: str | None = None
    outlet: str | None = None
    speaker_kind: str | None = None
    speaker_role: str | None = None
    cue_lemma: str | None = None
    start: int = 0
    speaker_name: str | None = None  # as the article named them (for quotes with no record)


@dataclass(frozen=True, slots=True)
class Rendering:
    """One member of an utterance cluster, in first-appearance order."""

    quote_id: str
    article_id: str
    published: str | None
    outlet: str | None
    content_text: str
    score: float  # similarity to the cluster's first rendering (1.0 for the first itself)


@dataclass(frozen=True, slots=True)
class UtteranceCluster:
    """The renderings of one utterance across articles; ``first`` is the earliest dated one
    (None when dates are missing or tied)."""

    id: str
    speaker: str
    renderings: tuple[Rendering, ...]  # earliest first, undated last
    first: Rendering | None

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.outlet for r in self.renderings if r.outlet))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.article_id for r in self.renderings))


@dataclass(frozen=True, slots=True)
class TakeBack:
    """Quote ``quote_id`` retracts, corrects or clarifies the utterance ``cluster``."""

    quote_id: str
    cluster: str
    sense: str  # retraction | apology | correction | clarification
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LinkingResult:
    merges: tuple[SpeakerMerge, ...]
    clusters: tuple[UtteranceCluster, ...]
    takes_back: tuple[TakeBack, ...]
    stats: dict[str, float] = field(default_factory=dict)
