"""Stories without hub chaining, quote spread, and the MinHash stage against datasketch."""

from __future__ import annotations

import itertools

import numpy as np
from datasketch import MinHash, MinHashLSH

from quotetrail.provenance import (
    PairResult,
    Passage,
    ProvArticle,
    ProvenanceOptions,
    ProvQuote,
    analyse,
    cluster_record,
    group_stories,
    quote_clusters,
)
from quotetrail.provenance.candidates import ShingleHasher, band_pairs, signatures, to_minhash
from quotetrail.provenance.dates import date_key
from test_provenance import COUNCIL, WILDFIRE, text


def dates(**published: str | None):
    return {k: date_key(v) for k, v in published.items()}


def related(*pairs: tuple[str, str], spans: dict | None = None) -> list[PairResult]:
    """Rewrite pairs; ``spans[(a, b)]`` is the part of ``a`` aligned with ``b`` (else all)."""
    spans = spans or {}
    out = []
    for a, b in pairs:
        passage = Passage(spans.get((a, b), (0, 100)), spans.get((b, a), (0, 100)), False, False)
        out.append(PairResult(a, b, "rewrite", (1.0, 1.0), (passage,), "dated"))
    return out


def test_a_hub_does_not_chain_two_unrelated_articles_into_one_story():
    # a copies the first half of hub, b the second; a and b are not related to each other
    halves = {("hub", "a"): (0, 50), ("hub", "b"): (50, 100)}
    for order in itertools.permutations(("hub", "a", "b")):
        days = {name: f"2024-01-0{n + 1}" for n, name in enumerate(order)}
        stories = group_stories(related(("hub", "a"), ("hub", "b"), spans=halves), dates(**days))
        assert not any({"a", "b"} <= set(s.members) for s in stories), order
        assert any({"hub", "a"} <= set(s.members) for s in stories), order
        assert any({"hub", "b"} <= set(s.members) for s in stories), order


def test_a_hub_made_of_two_articles_links_to_both_but_they_stay_apart():
    a, b = text(COUNCIL), text(WILDFIRE)
    hub = text(COUNCIL[:5] + WILDFIRE[:4])
    result = analyse(
        [
            ProvArticle("a", a, "2024-01-01"),
            ProvArticle("b", b, "2024-01-02"),
            ProvArticle("hub", hub, "2024-01-03"),
        ]
    )
    pairs = {frozenset((p.source_id, p.copy_id)) for p in result.pairs if p.label == "rewrite"}
    assert pairs == {frozenset(("a", "hub")), frozenset(("b", "hub"))}
    assert sorted(s.members for s in result.stories) == [("a", "hub"), ("b", "hub")]
    assert all(s.source_id == s.members[0] for s in result.stories)


def test_a_family_stays_one_story_with_the_earliest_as_source():
    family = related(("s", "c1"), ("s", "c2"), ("s", "c3"), ("c1", "c2"), ("c1", "c3"))
    days = dates(s="2024-01-01", c1="2024-01-02", c2="2024-01-03", c3="2024-01-05")
    [story] = group_stories(family, days)
    assert story.members == ("s", "c1", "c2", "c3")
    assert (story.source_id, story.direction) == ("s", "dated")
    [tied] = group_stories(family, dates(s="2024-01-01", c1="2024-01-01", c2=None, c3=None))
    assert (tied.source_id, tied.direction) == (None, "undetermined")


def test_many_copies_of_one_story_stay_one_story_when_lsh_pairs_only_a_few():
    options = ProvenanceOptions(max_bucket=3)
    copies = [ProvArticle(f"c{n:02}", text(COUNCIL), f"2024-01-{n + 1:02}") for n in range(12)]
    result = analyse(copies, options=options)
    assert len(result.pairs) < 12 * 11 / 2  # a bucket over max_bucket pairs from 2 members
    [story] = result.stories
    assert story.members == tuple(c.id for c in copies) and story.source_id == "c00"


QUOTE = "We will not let this bridge fall down while I am the mayor of this city"


def test_a_quote_across_three_articles_is_one_cluster_with_the_earliest_first():
    arts = {
        "x": ProvArticle("x", "", "2024-03-05", "Daily Post"),
        "y": ProvArticle("y", "", "2024-03-02", "Harbour Times"),
        "z": ProvArticle("z", "", None, "Copy Site"),
        "w": ProvArticle("w", "", "2024-03-01", "Other"),
    }
    quotes = [
        ProvQuote("x", "q1", f"“{QUOTE},”", "Ellen Park", 10, 90),
        ProvQuote("y", "q7", QUOTE.lower() + ".", None, 0, 80),
        ProvQuote("z", "q2", QUOTE.replace("this city", "the city"), "Ellen Park", 5, 85),
        ProvQuote("w", "q3", QUOTE, "Tom Reyes", 0, 80),  # same words, another speaker
        ProvQuote("x", "q9", "Something else entirely was said here today", "Ellen Park", 0, 9),
    ]
    [cluster] = quote_clusters(quotes, arts, ProvenanceOptions())
    assert [a.article_id for a in cluster.appearances] == ["y", "x", "z"]
    assert cluster.speaker_name == "Ellen Park"
    assert cluster.outlets == ("Harbour Times", "Daily Post", "Copy Site")
    assert cluster.dates == ("2024-03-02", "2024-03-05")
    assert cluster.first is None and cluster.direction == "undetermined"  # z has no date
    assert ("w", "q3") not in cluster.members and ("x", "q1") in cluster.members
    dated = {**arts, "z": ProvArticle("z", "", "2024-03-09")}
    [cluster] = quote_clusters(quotes, dated, ProvenanceOptions())
    assert cluster.first is not None and cluster.first.article_id == "y"
    assert cluster.direction == "dated"
    record = cluster_record(cluster)
    assert record["first"]["article_id"] == "y" and len(record["appearances"]) == 3


def test_articles_sharing_only_a_quote_are_a_shares_quotes_pair():
    quote = "“We will not let this bridge fall down while I am the mayor of this city,”"
    a = text(COUNCIL) + f"\n\n{quote} Park said."
    b = text(WILDFIRE) + f"\n\nAsked about the harbour, the mayor repeated: {quote}"
    qa, qb = a.index(quote), b.index(quote)
    result = analyse(
        [ProvArticle("a", a, "2024-01-01"), ProvArticle("b", b, "2024-01-02")],
        [("a", "1", quote, "Ellen Park", qa, qa + len(quote)),
         ("b", "1", quote, None, qb, qb + len(quote))],
    )  # fmt: skip
    [pair] = result.pairs
    assert (pair.label, pair.source_id, pair.direction) == ("shares_quotes", "a", "dated")
    assert a[slice(*pair.passages[0].source)] == quote
    assert result.stories == ()
    assert result.spread_of("b", "1") == result.quote_clusters[0]
    assert result.pairs_of("b") == result.pairs and result.spread_of("b", "2") is None


def test_signatures_are_datasketch_minhashes_and_bands_match_minhashlsh():
    options = ProvenanceOptions(num_perm=64, lsh_threshold=0.3)
    hasher = ShingleHasher(options.shingle_words)
    docs = [text(COUNCIL), text(COUNCIL[:7]), text(WILDFIRE), text(WILDFIRE[2:]), "too short"]
    sets = [hasher.shingles(d.lower().split()) for d in docs]
    sigs = signatures(sets, options)
    lsh = MinHashLSH(num_perm=options.num_perm, params=options.lsh_params)
    for n, (s, row) in enumerate(zip(sets, sigs, strict=True)):
        reference = MinHash(num_perm=options.num_perm, seed=options.seed, hashfunc=int)
        reference.update_batch(s.tolist())
        assert np.array_equal(reference.hashvalues, row)
        lsh.insert(n, to_minhash(row, options))
    expected = {
        (min(n, m), max(n, m))
        for n in range(len(docs))
        for m in lsh.query(to_minhash(sigs[n], options))
        if m != n
    }
    found = band_pairs(sigs, np.ones(len(docs), dtype=bool), options)
    assert {tuple(p) for p in found.tolist()} == expected == {(0, 1), (2, 3)}
