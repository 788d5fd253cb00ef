"""Quote spread: one quote across articles as a cluster with its first appearance.

Two quotes are the same quote when their normalised contents are equal, or near-equal (word
sequence similarity at least ``quote_similarity``, found through MinHash LSH on word
trigrams so the cost stays near-linear), and their speakers agree: equal names when both are
known; an unnamed quote joins a named cluster but never makes two named speakers one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher

import numpy as np
from datasketch import MinHashLSH

from quotetrail.provenance.candidates import ShingleHasher, signatures
from quotetrail.provenance.dates import compare, date_key, sort_key
from quotetrail.provenance.normalise import fast_words, fold
from quotetrail.provenance.options import ProvenanceOptions
from quotetrail.provenance.records import ProvArticle, ProvQuote, QuoteAppearance, QuoteCluster


class _Clusters:
    """Union-find that refuses to join two different known speakers."""

    def __init__(self, speakers: list[str | None]) -> None:
        self.parent = list(range(len(speakers)))
        self.speaker = list(speakers)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        si, sj = self.speaker[ri], self.speaker[rj]
        if ri == rj or (si and sj and si != sj):
            return
        self.parent[rj] = ri
        self.speaker[ri] = si or sj


def quote_clusters(
    quotes: Iterable[ProvQuote | tuple],
    articles: Mapping[str, ProvArticle],
    options: ProvenanceOptions,
) -> list[QuoteCluster]:
    """Clusters of the same quote in two or more articles, earliest appearance first.

    Quotes of articles missing from ``articles`` count as undated and without outlet.
    """
    dates = {k: date_key(a.published) for k, a in articles.items()}
    items = [ProvQuote(*q) for q in quotes]
    words = [tuple(fast_words(q.content_text)) for q in items]
    keep = [i for i, w in enumerate(words) if len(w) >= options.quote_min_words]
    speakers = [fold(q.speaker_name) if q.speaker_name else None for q in items]
    uf = _Clusters(speakers)
    by_text: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in keep:
        by_text[words[i]].append(i)
    groups = list(by_text.values())
    for g in groups:  # equal texts: one cluster per named speaker, unnamed join the first
        lead: dict[str | None, int] = {}
        for i in sorted(g, key=lambda i: uf.speaker[i] is None):
            name = uf.speaker[i]
            target = lead.get(name) if name else next(iter(lead.values()), None)
            if target is None:
                lead[name] = i
            else:
                uf.union(target, i)
    # one member per speaker stands for its equal-text group (the rest are joined to it)
    reps = [list({speakers[i]: i for i in g}.values()) for g in groups]
    for ga, gb in _near_pairs([words[g[0]] for g in groups], options):
        for i in reps[ga]:
            for j in reps[gb]:
                uf.union(i, j)
    return _collect(items, uf, keep, dates, articles)


def _near_pairs(texts: list[tuple[str, ...]], options: ProvenanceOptions) -> list[tuple[int, int]]:
    """Pairs of distinct quote texts whose word sequences are near-equal."""
    if len(texts) < 2:
        return []
    hasher = ShingleHasher(3)
    sigs = signatures([hasher.shingles(t) for t in texts], options)
    lsh = MinHashLSH(threshold=0.5, num_perm=options.num_perm)
    bands, rows = lsh.b, lsh.r
    found = set()
    for band in range(bands):
        block = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i in range(len(texts)):
            buckets[block[i].tobytes()].append(i)
        for members in buckets.values():
            if len(members) <= options.max_bucket:
                found.update((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
            else:  # as for articles: a crowded bucket pairs its first member with the rest
                found.update((members[0], b) for b in members[1:])
    return [
        (a, b)
        for a, b in sorted(found)
        if SequenceMatcher(None, texts[a], texts[b], autojunk=False).ratio()
        >= options.quote_similarity
    ]


def _collect(items, uf: _Clusters, keep, dates, articles) -> list[QuoteCluster]:
    comps: dict[int, list[int]] = defaultdict(list)
    for i in keep:
        comps[uf.find(i)].append(i)
    clusters = []
    for idx in comps.values():
        first_in_article: dict[str, int] = {}
        for i in sorted(idx, key=lambda i: (items[i].article_id, items[i].start)):
            first_in_article.setdefault(items[i].article_id, i)
        if len(first_in_article) < 2:
            continue
        chosen = sorted(
            first_in_article.values(),
            key=lambda i: (sort_key(dates.get(items[i].article_id)), items[i].article_id),
        )
        apps = tuple(
            QuoteAppearance(
                items[i].article_id,
                items[i].quote_id,
                _meta(articles, items[i].article_id, "published"),
                _meta(articles, items[i].article_id, "outlet"),
            )
            for i in chosen
        )
        head = dates.get(apps[0].article_id)
        decided = all(compare(head, dates.get(a.article_id)) == -1 for a in apps[1:])
        named = next((items[i].speaker_name for i in chosen if items[i].speaker_name), None)
        members = tuple(sorted((items[i].article_id, items[i].quote_id) for i in idx))
        clusters.append((members, chosen[0], apps, decided, named))
    clusters.sort(key=lambda c: (sort_key(dates.get(c[2][0].article_id)), c[2][0].article_id))
    return [
        QuoteCluster(
            id=n,
            content=items[first].content_text,
            speaker_name=named,
            appearances=apps,
            first=apps[0] if decided else None,
            direction="dated" if decided else "undetermined",
            members=members,
        )
        for n, (members, first, apps, decided, named) in enumerate(clusters)
    ]


def _meta(articles: Mapping[str, ProvArticle], article_id: str, name: str) -> str | None:
    article = articles.get(article_id)
    return getattr(article, name) if article is not None else None
