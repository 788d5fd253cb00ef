"""Utterance clusters: the renderings of one utterance across articles, one cluster each.

Two quotes render one utterance when they have the same speaker (the merged identity, see
``identity``) and either

* were published within ``cluster_window_days`` of each other (one occasion is reported within
  days; the same words months later are another occasion) and their content words agree
  (``similarity``: synonyms and inflections folded, rare words weighted up) by the weighted
  overlap coefficient with enough shared words, or by the weighted Dice; or
* are near-verbatim copies of a long quote, whatever the dates.

A quote with no speaker record ("the Florida senator", "officials") joins only a near-verbatim
copy under the same speaker name within the window: a copied article, not a guess about who
spoke. Clusters grow by average linkage: two groups join only when most of their cross pairs
pass the tests, so one bridging pair cannot chain two occasions of a speaker together.

Cost: quotes are blocked by speaker; within a block, postings of content words sorted by date
propose only quotes of the same week or so that share rarely used words (words in more than
``max_postings`` of the speaker's quotes of that window propose nothing; they are still
scored), and long quotes meet at any distance only through their rarest words, each with its
next few in date order. A quote keeps at most ``max_candidates`` proposals, and pairs are scored
as they are proposed, never held. So the work and memory grow with the quotes, not with the
square of a speaker's quotes or of the copies of one quote, even for a speaker quoted a hundred
thousand times; a cluster still joins through the chain of its members' candidates.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import combinations, islice

from quotetrail.linking.names import fold_name
from quotetrail.linking.options import LinkingOptions
from quotetrail.linking.records import LinkQuote, Rendering, UtteranceCluster
from quotetrail.linking.similarity import (
    Idf,
    containment,
    dice,
    features,
    overlap,
    quoted_trigrams,
    quotes_fragment,
    words,
)

__all__ = ["block_key", "cluster_id", "same_utterance", "utterance_clusters"]

_LINK_SAMPLE = 8  # members per side compared when two groups meet
_ALWAYS_READ = 3  # a quote's rarest words read whatever the budget: a pair needs two shared


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def cluster_id(first_quote_id: str) -> str:
    """Stable across runs while the cluster's first rendering stays the same."""
    return "u" + hashlib.sha256(f"utterance\x1f{first_quote_id}".encode()).hexdigest()[:12]


def block_key(quote: LinkQuote) -> str | None:
    """Whose quotes a quote is compared with: its speaker record, else the name as written."""
    if quote.speaker:
        return quote.speaker
    name = fold_name(quote.speaker_name or "")  # cached
    return f"name:{name}" if name else None


def same_utterance(
    a: LinkQuote,
    b: LinkQuote,
    fa: frozenset[str],
    fb: frozenset[str],
    idf: Idf,
    options: LinkingOptions,
) -> float | None:
    """The pair's similarity when it passes the tests, else None."""
    key = block_key(a)
    if key is None or key != block_key(b) or a.article_id == b.article_id:
        return None
    da, db = _day(a.published), _day(b.published)
    near = da is not None and db is not None and abs((da - db).days) <= options.cluster_window_days
    if a.speaker is None:  # no record: only a near-verbatim copy under the same name
        if not near or overlap(fa, fb, idf)[0] < options.unnamed_containment:
            return None
        share, n = containment(a.content_text, b.content_text)
        ok = share >= options.unnamed_containment and n >= options.unnamed_min_words
        return share if ok else None
    score, shared = overlap(fa, fb, idf)
    if near and shared >= 2:
        close = abs((da - db).days) <= options.close_days  # type: ignore[operator]
        needed = options.close_similarity if close else options.cluster_similarity
        if score >= needed and shared >= options.min_shared_words:
            return score
        if dice(fa, fb, idf) >= options.dice_similarity:
            return score
        if score >= options.quoted_similarity and quoted_trigrams(a.content_text) & quoted_trigrams(
            b.content_text
        ):
            return score  # the same words in quotation marks in both
        if shared >= options.fragment_min_words and (
            quotes_fragment(a.content_text, b.content_text, options.fragment_min_words)
            or quotes_fragment(b.content_text, a.content_text, options.fragment_min_words)
        ):
            return score  # one quotes a fragment of the other, word for word
    # a verbatim copy shares nearly all its content words: only then align the word sequences
    if shared >= 2 and score >= options.verbatim_containment:
        if a.content_text == b.content_text:  # a copy: no need to align the words
            share, n = 1.0, len(words(a.content_text))
        else:
            share, n = containment(a.content_text, b.content_text)
        if share >= options.verbatim_containment and n >= options.verbatim_min_words:
            return max(score, share)
    return None


class _Groups:
    """Union-find whose groups also list their members (for the linkage test); a quote alone
    has no list (most quotes stay alone: millions of one-item lists would be memory for
    nothing)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.lists: dict[int, list[int]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, root: int) -> list[int]:
        return self.lists.get(root) or [root]

    def union(self, ri: int, rj: int) -> None:
        mi, mj = self.members(ri), self.members(rj)
        if len(mi) < len(mj):
            ri, rj, mi, mj = rj, ri, mj, mi
        self.parent[rj] = ri
        mi.extend(mj)  # a one-item list is a fresh one: keep it now
        self.lists[ri] = mi
        self.lists.pop(rj, None)


def candidate_pairs(
    quotes: Sequence[LinkQuote],
    bags: Sequence[frozenset[str]],
    options: LinkingOptions,
    idf: Idf,
) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of quotes with one speaker that share rarely used content
    words: within the date window through per-word postings sorted by date, and at any distance
    (long or undated quotes, the only ones that can pass the verbatim test) through their three
    rarest words.

    Bounded work and memory: one speaker block at a time, each quote looks only forward in
    date order (a pair is proposed once); a word in more than ``max_postings`` of the speaker's
    quotes in the window proposes nothing; a quote reads about ``max_scanned`` postings at most,
    of its rarest words first; it proposes only quotes that share ``candidate_share`` of the
    lighter side's weight in the words read (every test but the verbatim one needs far more, and
    that has a route of its own); and it keeps at most ``max_candidates`` of its proposals, those
    sharing the most rare weight. So a block costs about its quotes times those caps, however
    many quotes a week the corpus holds, and pairs are yielded, not kept.
    A pair may be yielded twice (by both routes); scoring it twice is harmless.
    """
    days = [d.toordinal() if (d := _day(q.published)) else None for q in quotes]
    window, cap, keep = options.cluster_window_days, options.max_postings, options.max_candidates
    scan, share = options.max_scanned, options.candidate_share
    blocks: dict[str, list[int]] = defaultdict(list)
    for n, q in enumerate(quotes):
        key = block_key(q)
        if key is not None and bags[n]:
            blocks[key].append(n)
    for members in blocks.values():
        if len(members) < 2:
            continue
        dated = sorted((d, n) for n in members if (d := days[n]) is not None)
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for d, n in dated:
            for f in bags[n]:
                postings[f].append((d, n))
        for d, n in dated:
            counts: Counter[int] = Counter()
            weight: defaultdict[int, float] = defaultdict(float)
            spans = []
            for f in bags[n]:
                post = postings[f]
                lo = bisect_left(post, (d - window, -1))
                hi = bisect_right(post, (d + window, len(quotes)))
                if hi - lo > cap:
                    continue
                here = bisect_right(post, (d, n))  # forward only: later in (date, index)
                if here < hi:
                    spans.append((hi - here, f, here, hi))
            spans.sort()  # the speaker's rarest words of the window first, while the budget lasts
            budget = scan
            for k, (size, f, here, hi) in enumerate(spans):
                if budget <= 0 and k >= _ALWAYS_READ:
                    break
                budget -= size
                w = idf(f)
                for _, m in postings[f][here:hi]:
                    counts[m] += 1
                    weight[m] += w
            need = min(2, len(bags[n]))
            mine = idf.total(bags[n])
            found = [
                m
                for m, c in counts.items()
                if c >= need and weight[m] >= share * min(mine, idf.total(bags[m]))
            ]
            if len(found) > keep:
                found = sorted(found, key=lambda m: (-weight[m], m))[:keep]
            for m in found:
                yield (n, m) if n < m else (m, n)
        keyed: dict[tuple[str, str], list[int]] = defaultdict(list)
        for n in members:
            if len(bags[n]) >= options.verbatim_min_words or days[n] is None:
                rare = sorted(bags[n], key=lambda f: (-idf(f), f))[:3]
                for key in combinations(sorted(rare), 2):
                    keyed[key].append(n)
        for group in keyed.values():
            if 1 < len(group) <= cap:
                group.sort(key=lambda n: (days[n] if days[n] is not None else 10**7, n))
                yield from _chain(group, quotes, keep)


def _chain(group: list[int], quotes: Sequence[LinkQuote], keep: int) -> Iterator[tuple[int, int]]:
    """Pairs of a date-ordered group of long quotes sharing rare words: each exact copy with
    the copy before it, each distinct text (its first copy) with the next ``keep`` distinct
    texts. A quote copied by two hundred outlets is one chain, not 200 x ``keep`` pairs."""
    last: dict[str, int] = {}
    firsts: list[int] = []
    for n in group:
        text = quotes[n].content_text
        before = last.get(text)
        if before is None:
            firsts.append(n)
        else:
            yield (before, n) if before < n else (n, before)
        last[text] = n
    for at, n in enumerate(firsts):
        for m in firsts[at + 1 : at + 1 + keep]:
            yield (n, m) if n < m else (m, n)


def utterance_clusters(
    quotes: Sequence[LinkQuote],
    options: LinkingOptions | None = None,
    bags: Sequence[frozenset[str]] | None = None,
    idf: Idf | None = None,
) -> list[UtteranceCluster]:
    """Clusters of the renderings of one utterance seen in two or more articles (``bags`` and
    ``idf``, the quotes' content words and their weights, are computed when not given)."""
    options = options or LinkingOptions()
    bags = bags if bags is not None else [features(q.content_text) for q in quotes]
    idf = idf or Idf(bags)
    scored: dict[tuple[int, int], float] = {}  # only the pairs that pass: few
    for i, j in candidate_pairs(quotes, bags, options, idf):
        if (i, j) in scored:
            continue
        score = same_utterance(quotes[i], quotes[j], bags[i], bags[j], idf, options)
        if score is not None:
            scored[i, j] = score
    edges = sorted(((s, i, j) for (i, j), s in scored.items()), key=lambda e: (-e[0], e[1], e[2]))
    groups = _Groups(len(quotes))
    for _score, i, j in edges:
        ri, rj = groups.find(i), groups.find(j)
        if ri != rj and _linked(groups.members(ri), groups.members(rj), quotes, bags, idf, options):
            groups.union(ri, rj)
    out = []
    for members in groups.lists.values():
        if len({quotes[n].article_id for n in members}) >= 2:
            out.append(_cluster(quotes, bags, idf, members))
    out.sort(key=lambda c: (_order_key(c.renderings[0]), c.id))
    return out


def _linked(gi, gj, quotes, bags, idf, options: LinkingOptions) -> bool:
    """Average linkage: enough of the (sampled) cross pairs pass the tests."""
    if len(gi) == 1 and len(gj) == 1:
        return True  # the edge itself passed
    tried = passed = 0
    for x in islice(gi, _LINK_SAMPLE):
        for y in islice(gj, _LINK_SAMPLE):
            if quotes[x].article_id == quotes[y].article_id:
                continue
            tried += 1
            ok = same_utterance(quotes[x], quotes[y], bags[x], bags[y], idf, options)
            passed += ok is not None
    return tried == 0 or passed >= options.linkage * tried


def _order_key(r: Rendering | LinkQuote) -> tuple:
    day = _day(r.published)
    return (day is None, day or date.min, r.article_id)


def _cluster(quotes, bags, idf: Idf, members: list[int]) -> UtteranceCluster:
    ordered = sorted(members, key=lambda n: (*_order_key(quotes[n]), quotes[n].start))
    head = ordered[0]
    renderings = tuple(
        Rendering(
            quotes[n].quote_id,
            quotes[n].article_id,
            quotes[n].published,
            quotes[n].outlet,
            quotes[n].content_text,
            1.0 if n == head else round(overlap(bags[head], bags[n], idf)[0], 3),
        )
        for n in ordered
    )
    first_day = _day(renderings[0].published)
    others = [_day(r.published) for r in renderings if r.article_id != renderings[0].article_id]
    decided = first_day is not None and all(d is not None and first_day < d for d in others)
    return UtteranceCluster(
        id=cluster_id(quotes[head].quote_id),
        speaker=block_key(quotes[head]) or "",
        renderings=renderings,
        first=renderings[0] if decided else None,
    )
