"""Stories: related pairs grouped without chaining unrelated articles through a hub.

Connected components would merge two unrelated articles that both copied parts of one
roundup. Instead stories are anchored (leader clustering in date order):

* articles are taken earliest first (undated last, ties by id);
* an article joins a story when it is related to the story's core (its earliest member) and,
  for at least half of the story's other members, it is related to that member too or both
  share the same part of the core (their aligned passages in the core overlap by at least
  half of the smaller). The second test keeps a thousand copies of one wire story in one
  story even though LSH pairs each copy with only a few of the others;
* an article that joins no story opens one: on the earliest earlier article it is related to,
  if any (so a roundup can sit in several stories, each holding the articles that share *its*
  part of it), else on itself.

A story's source is its core only when dates decide it: the core has a date strictly earlier
than every other member's. Otherwise (a missing date, a tie) the direction is "undetermined"
and no source is named.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from quotetrail.provenance.dates import DateKey, compare, sort_key
from quotetrail.provenance.records import RELATED, PairResult, Story

Spans = tuple[tuple[int, int], ...]


def group_stories(pairs: Iterable[PairResult], dates: Mapping[str, DateKey | None]) -> list[Story]:
    """Stories from the related (duplicate or rewrite) pairs; ``dates`` by article id."""
    adj: dict[str, set[str]] = defaultdict(set)
    spans: dict[tuple[str, str], Spans] = {}  # (a, b) -> spans of a aligned with b
    for p in pairs:
        if p.label in RELATED and p.source_id != p.copy_id:
            adj[p.source_id].add(p.copy_id)
            adj[p.copy_id].add(p.source_id)
            spans[p.source_id, p.copy_id] = tuple(x.source for x in p.passages)
            spans[p.copy_id, p.source_id] = tuple(x.copy for x in p.passages)
    order = sorted(adj, key=lambda x: (sort_key(dates.get(x)), x))
    rank = {x: i for i, x in enumerate(order)}
    cores: list[str] = []
    members: list[list[str]] = []
    by_core: dict[str, list[int]] = defaultdict(list)
    for x in order:
        joined = False
        for core in sorted(adj[x] & by_core.keys(), key=rank.__getitem__):
            for s in by_core[core]:
                others = members[s][1:]
                near = sum(
                    1
                    for m in others
                    if m in adj[x] or _same_part(spans[core, x], spans.get((core, m), ()))
                )
                if 2 * near >= len(others):
                    members[s].append(x)
                    joined = True
        if joined:
            continue
        earlier = [y for y in adj[x] if rank[y] < rank[x]]
        anchor = min(earlier, key=rank.__getitem__) if earlier else x
        by_core[anchor].append(len(cores))
        cores.append(anchor)
        members.append([anchor, x] if anchor != x else [x])
    ordered = sorted(range(len(cores)), key=lambda i: rank[cores[i]])
    return [_story(n, cores[i], members[i], dates, rank) for n, i in enumerate(ordered)]


def _same_part(a: Spans, b: Spans) -> bool:
    """Do two sets of spans in one text overlap by at least half of the smaller?"""
    size_a, size_b = sum(e - s for s, e in a), sum(e - s for s, e in b)
    if not size_a or not size_b:
        return False
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    return 2 * shared >= min(size_a, size_b)


def _story(
    n: int, core: str, members: list[str], dates: Mapping[str, DateKey | None], rank
) -> Story:
    ordered = tuple(sorted(members, key=rank.__getitem__))
    decided = len(ordered) > 1 and all(
        compare(dates.get(core), dates.get(m)) == -1 for m in ordered if m != core
    )
    return Story(
        id=n,
        core_id=core,
        members=ordered,
        source_id=core if decided else None,
        direction="dated" if decided else "undetermined",
    )
