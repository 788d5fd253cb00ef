"""``analyse``: boilerplate, candidates, alignment and verdict, stories, quote spread.

The corpus is read in passes (fit the boilerplate counts; sign every article; align only the
candidate pairs), so ``articles`` may be any sequence, including one that reads each text from
a store on access: memory then holds the signature matrix, not the corpus.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from quotetrail.provenance.align import Alignment, View, align, prepare
from quotetrail.provenance.boilerplate import Boilerplate, fit_boilerplate
from quotetrail.provenance.candidates import (
    ShingleHasher,
    band_pairs,
    estimated_containment,
    signatures,
)
from quotetrail.provenance.dates import DateKey, compare, date_key
from quotetrail.provenance.options import ProvenanceOptions
from quotetrail.provenance.records import (
    RELATED,
    PairResult,
    Passage,
    ProvArticle,
    ProvenanceResult,
    ProvQuote,
    Skip,
)
from quotetrail.provenance.spread import quote_clusters
from quotetrail.provenance.stories import group_stories
from quotetrail.provenance.verdict import verdict

log = logging.getLogger(__name__)
_SIGN_BATCH = 512


def analyse(
    articles: Sequence[ProvArticle],
    quotes: Iterable[ProvQuote | tuple] = (),
    *,
    options: ProvenanceOptions | None = None,
) -> ProvenanceResult:
    """Related pairs with passages and direction, stories, and quote clusters of a corpus."""
    options = options or ProvenanceOptions()
    stats: dict[str, float] = {"articles": len(articles)}
    clock = time.perf_counter()
    skipped: list[Skip] = []
    usable, dates = _usable(articles, skipped)
    quote_list = [q for q in map(ProvQuote._make, quotes) if q.article_id in dates]
    boiler = fit_boilerplate((articles[i] for i in np.flatnonzero(usable)), options)
    stats["boilerplate_lines"] = len(boiler.template_keys)
    clock = _lap(stats, "seconds_boilerplate", clock)

    sigs, sizes = _sign(articles, usable, boiler, options, skipped)
    clock = _lap(stats, "seconds_signatures", clock)
    pairs = band_pairs(sigs, usable, options)
    stats["lsh_pairs"] = len(pairs)
    pairs = pairs[estimated_containment(sigs, sizes, pairs) >= options.min_estimated_containment]
    stats["candidate_pairs"] = len(pairs)
    clock = _lap(stats, "seconds_candidates", clock)

    spans_by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for q in quote_list:
        spans_by_article[q.article_id].append((q.start, q.end))
    views = _Views(articles, boiler, spans_by_article, options.align_cache)
    results = []
    for i, j in pairs:
        al = align(views.get(int(i)), views.get(int(j)), options)
        label, reason = verdict(al, options)
        if label != "unrelated":
            results.append(_oriented(articles[int(i)], articles[int(j)], al, label, reason))
    stats["related_pairs"] = sum(1 for r in results if r.label in RELATED)
    clock = _lap(stats, "seconds_alignment", clock)

    by_id = {a.id: (n, a) for n, a in enumerate(articles)} if quote_list else {}
    clusters = quote_clusters(quote_list, {k: a for k, (_, a) in by_id.items()}, options)
    results += _quote_pairs(clusters, quote_list, results, views, by_id, options)
    stats["quote_clusters"] = len(clusters)
    stories = group_stories(results, dates)
    _lap(stats, "seconds_stories_and_quotes", clock)
    return ProvenanceResult(tuple(results), tuple(stories), tuple(clusters), tuple(skipped), stats)


def _quote_pairs(clusters, quotes, results, views, by_id, options) -> list[PairResult]:
    """Pairs that share a quote cluster but were not found related: "shares_quotes" pairs.

    LSH cannot see them (one shared quote barely moves a Jaccard), so each cluster's first
    appearance is paired with every other one and aligned; a pair the alignment finds
    related after all keeps that verdict.
    """
    seen = {frozenset((r.source_id, r.copy_id)) for r in results}
    spans = {(q.article_id, q.quote_id): (q.start, q.end) for q in quotes}
    out = []
    for cluster in clusters:
        head = cluster.appearances[0]
        for other in cluster.appearances[1:]:
            key = frozenset((head.article_id, other.article_id))
            if key in seen:
                continue
            seen.add(key)
            (i, a), (j, b) = by_id[head.article_id], by_id[other.article_id]
            al = align(views.get(i), views.get(j), options)
            label, reason = verdict(al, options)
            if label not in RELATED:
                shared = Passage(
                    spans[head.article_id, head.quote_id],
                    spans[other.article_id, other.quote_id],
                    verbatim=False,
                    quoted=True,
                )
                al = replace(al, passages=(shared,))
                label, reason = "shares_quotes", f"quote cluster {cluster.id}"
            out.append(_oriented(a, b, al, label, reason))
    return out


def _lap(stats: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    stats[name] = round(now - since, 3)
    log.debug("provenance %s: %.2f s", name, now - since)
    return now


def _usable(articles: Sequence[ProvArticle], skipped: list[Skip]) -> tuple[np.ndarray, dict]:
    """Which articles can be compared (a text, a new id), and every article's date key."""
    ok = np.ones(len(articles), dtype=bool)
    dates: dict[str, DateKey | None] = {}
    for n, a in enumerate(articles):
        reason = None
        if a.id in dates:
            reason = "duplicate id: only its first article is compared"
        elif not isinstance(a.text, str):
            reason = f"text is {type(a.text).__name__}, not str"
        elif not a.text.strip():
            reason = "empty text"
        if reason:
            ok[n] = False
            skipped.append(Skip(a.id, reason))
        dates.setdefault(a.id, date_key(a.published))
    return ok, dates


def _sign(articles, usable, boiler: Boilerplate, options, skipped) -> tuple[np.ndarray, ...]:
    """MinHash signatures of each article's content words, in batches to bound memory."""
    hasher = ShingleHasher(options.shingle_words)
    sigs = np.empty((len(articles), options.num_perm), dtype=np.uint32)
    sizes = np.zeros(len(articles), dtype=np.int64)
    for lo in range(0, len(articles), _SIGN_BATCH):
        batch = []
        for n in range(lo, min(lo + _SIGN_BATCH, len(articles))):
            text = articles[n].text
            words = [w for *_, ws in boiler.content(text) for w in ws] if usable[n] else []
            if usable[n] and len(words) < options.min_words:
                usable[n] = False
                skipped.append(Skip(articles[n].id, f"{len(words)} content words: too short"))
            batch.append(hasher.shingles(words) if usable[n] else np.empty(0, np.uint32))
            sizes[n] = batch[-1].size
        sigs[lo : lo + len(batch)] = signatures(batch, options)
    return sigs, sizes


class _Views:
    """Articles prepared for alignment, the most recently used kept (pairs come sorted)."""

    def __init__(self, articles, boiler: Boilerplate, quote_spans, size: int) -> None:
        self.articles, self.boiler, self.quote_spans = articles, boiler, quote_spans
        self.size = size
        self.cache: OrderedDict[int, View] = OrderedDict()

    def get(self, n: int) -> View:
        if n in self.cache:
            self.cache.move_to_end(n)
            return self.cache[n]
        a = self.articles[n]
        view = prepare(a.text, self.boiler.content(a.text), self.quote_spans.get(a.id, []))
        self.cache[n] = view
        if len(self.cache) > self.size:
            self.cache.popitem(last=False)
        return view


def _oriented(a: ProvArticle, b: ProvArticle, al: Alignment, label, reason) -> PairResult:
    """The pair with the earlier article as source, or in id order when dates cannot say."""
    order = compare(date_key(a.published), date_key(b.published))
    flip = order == 1 or (order in (0, None) and b.id < a.id)
    passages = al.passages
    containment = al.containment
    if flip:
        a, b = b, a
        passages = tuple(Passage(p.copy, p.source, p.verbatim, p.quoted) for p in passages)
        containment = (containment[1], containment[0])
    return PairResult(
        source_id=a.id,
        copy_id=b.id,
        label=label,
        containment=(round(containment[0], 4), round(containment[1], 4)),
        passages=passages,
        direction="dated" if order in (-1, 1) else "undetermined",
        verbatim_share=round(al.verbatim_share, 4),
        reason=reason,
    )
