"""Linking: statements and speakers across articles (identity, utterances, take-backs).

>>> from quotetrail.linking import LinkQuote, LinkSpeaker, link
>>> result = link(speakers, quotes)  # doctest: +SKIP
>>> result.merges, result.clusters, result.takes_back  # doctest: +SKIP

Everything here is pure: records in, records out; ``quotetrail.corpus.linking`` reads them from
a corpus and stores the results. ``link`` runs the three stages in order, because each needs the
one before: identity decides whose quotes are compared, clusters decide what a take-back refers
to.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from quotetrail.linking.clusters import cluster_id, same_utterance, utterance_clusters
from quotetrail.linking.identity import compare_names, evidence_for, merge_speakers
from quotetrail.linking.names import fold_name, jaro_winkler, name_parts, transliteration_fold
from quotetrail.linking.options import InvalidOption, LinkingOptions
from quotetrail.linking.records import (
    LinkingResult,
    LinkQuote,
    LinkSpeaker,
    Rendering,
    SpeakerMerge,
    TakeBack,
    UtteranceCluster,
)
from quotetrail.linking.retractions import link_takebacks, takeback_sense
from quotetrail.linking.similarity import Idf, features, word_diff

__all__ = [
    "InvalidOption",
    "LinkQuote",
    "LinkSpeaker",
    "LinkingOptions",
    "LinkingResult",
    "Rendering",
    "SpeakerMerge",
    "TakeBack",
    "UtteranceCluster",
    "cluster_id",
    "compare_names",
    "evidence_for",
    "fold_name",
    "jaro_winkler",
    "link",
    "link_takebacks",
    "merge_speakers",
    "name_parts",
    "same_utterance",
    "takeback_sense",
    "transliteration_fold",
    "utterance_clusters",
    "word_diff",
]

log = logging.getLogger(__name__)


def link(
    speakers: Sequence[LinkSpeaker],
    quotes: Sequence[LinkQuote],
    *,
    options: LinkingOptions | None = None,
    splits: Iterable[tuple[str, str]] = (),
) -> LinkingResult:
    """Merged speaker records, utterance clusters and take-back links of a corpus.

    ``quotes[i].speaker`` is the quote's speaker record id as stored; merged records are
    replaced by the record they were merged into before clustering. ``splits`` are pairs of
    record ids a user said are two people.
    """
    options = options or LinkingOptions()
    stats: dict[str, float] = {"speakers": len(speakers), "quotes": len(quotes)}
    clock = time.perf_counter()
    merges = merge_speakers(speakers, options, splits)
    into = {m.speaker_id: m.into_id for m in merges}
    stats["merges"] = len(merges)
    clock = _lap(stats, "seconds_identity", clock)
    # a copy only where the record was merged: the quotes may be millions
    keyed = [replace(q, speaker=into[q.speaker]) if q.speaker in into else q for q in quotes]
    bags = [features(q.content_text) for q in keyed]
    idf = Idf(bags)
    clusters = utterance_clusters(keyed, options, bags, idf)
    stats["clusters"] = len(clusters)
    clock = _lap(stats, "seconds_clusters", clock)
    cluster_of = _ClusterOf({r.quote_id: c.id for c in clusters for r in c.renderings})
    size = {c.id: len(c.articles) for c in clusters}
    names = {s.id: s.name for s in speakers}
    takes_back = link_takebacks(keyed, cluster_of, size, options, names, idf, bags)
    singles = _single_clusters(keyed, takes_back, size)
    stats["takes_back"] = len(takes_back)
    _lap(stats, "seconds_takes_back", clock)
    return LinkingResult(tuple(merges), tuple(clusters) + singles, tuple(takes_back), stats)


class _ClusterOf(Mapping[str, str]):
    """Quote id -> utterance cluster; a quote seen in one article is an utterance of its own,
    whose id is made when asked for (not stored for each of millions of quotes)."""

    def __init__(self, clustered: dict[str, str]) -> None:
        self.clustered = clustered

    def __getitem__(self, quote_id: str) -> str:
        return self.clustered.get(quote_id) or cluster_id(quote_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.clustered)

    def __len__(self) -> int:
        return len(self.clustered)


def _single_clusters(quotes, takes_back, size) -> tuple[UtteranceCluster, ...]:
    """One-rendering clusters for take-back targets seen in one article only."""
    wanted = {t.cluster for t in takes_back} - size.keys()
    out = []
    for q in quotes:
        cid = cluster_id(q.quote_id)
        if cid in wanted:
            wanted.discard(cid)
            r = Rendering(q.quote_id, q.article_id, q.published, q.outlet, q.content_text, 1.0)
            out.append(UtteranceCluster(cid, q.speaker or "", (r,), r if q.published else None))
    return tuple(out)


def _lap(stats: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    stats[name] = round(now - since, 3)
    log.debug("linking %s: %.2f s", name, now - since)
    return now


logging.getLogger(__name__).addHandler(logging.NullHandler())
