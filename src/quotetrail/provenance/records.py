"""The records provenance reads and returns: plain, immutable, free of any store.

Inputs are deliberately minimal (an id, the text, a date, an outlet, a URL; quotes as content
spans) so that the corpus store, a JSONL file or a test can feed them alike. Offsets are Python
string indices into the article text exactly as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Label = Literal["duplicate", "rewrite", "shares_quotes", "unrelated"]
Direction = Literal["dated", "undetermined"]
RELATED: frozenset[str] = frozenset({"duplicate", "rewrite"})


@dataclass(frozen=True, slots=True)
class ProvArticle:
    """An article as provenance needs it; ``published`` is an ISO date or datetime, or None."""

    id: str
    text: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


class ProvQuote(NamedTuple):
    """A quote as ``(article_id, quote_id, content_text, speaker_name, start, end)``."""

    article_id: str
    quote_id: str
    content_text: str
    speaker_name: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Passage:
    """Aligned text: ``source`` and ``copy`` are (start, end) spans into each original text."""

    source: tuple[int, int]
    copy: tuple[int, int]
    verbatim: bool
    quoted: bool  # the shared words are quoted speech in both texts


@dataclass(frozen=True, slots=True)
class PairResult:
    """One candidate pair after alignment.

    ``source_id`` is the earlier article when ``direction`` is "dated"; when it is
    "undetermined" the two ids are merely in sorted order. ``containment`` is
    (share of the source's content found in the copy, share of the copy's found in the source).
    """

    source_id: str
    copy_id: str
    label: Label
    containment: tuple[float, float]
    passages: tuple[Passage, ...]
    direction: Direction
    verbatim_share: float = 0.0  # of the aligned words, the share aligned word for word
    reason: str = ""  # why the verdict rule chose the label, for people


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that carry the same content; ``source_id`` is set only when dates decide it."""

    id: int
    core_id: str  # the earliest member in processing order (the anchor the rule checks against)
    members: tuple[str, ...]  # earliest first; undated members last
    source_id: str | None
    direction: Direction


@dataclass(frozen=True, slots=True)
class QuoteAppearance:
    article_id: str
    quote_id: str
    published: str | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class QuoteCluster:
    """One quote across articles; ``first`` is set only when dates decide the first appearance."""

    id: int
    content: str  # the content text of the earliest appearance
    speaker_name: str | None
    appearances: tuple[QuoteAppearance, ...]  # earliest first; undated last
    first: QuoteAppearance | None
    direction: Direction
    members: tuple[tuple[str, str], ...] = ()  # every (article_id, quote_id), repeats included

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.outlet for a in self.appearances if a.outlet))

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.published for a in self.appearances if a.published))


@dataclass(frozen=True, slots=True)
class Skip:
    """An article left out of pairing and why (empty, too short after boilerplate, bad date)."""

    article_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ProvenanceResult:
    pairs: tuple[PairResult, ...]  # related or shares_quotes pairs only; unrelated are dropped
    stories: tuple[Story, ...]
    quote_clusters: tuple[QuoteCluster, ...]
    skipped: tuple[Skip, ...] = ()
    stats: dict[str, float] = field(default_factory=dict)  # counts and seconds per stage

    def pairs_of(self, article_id: str) -> tuple[PairResult, ...]:
        """The pairs an article is in: its "Copies and rewrites" panel."""
        return tuple(p for p in self.pairs if article_id in (p.source_id, p.copy_id))

    def stories_of(self, article_id: str) -> tuple[Story, ...]:
        return tuple(s for s in self.stories if article_id in s.members)

    def spread_of(self, article_id: str, quote_id: str) -> QuoteCluster | None:
        """The cluster a quote belongs to: its "Spread" panel (None if seen only once)."""
        for cluster in self.quote_clusters:
            if (article_id, quote_id) in cluster.members:
                return cluster
        return None
