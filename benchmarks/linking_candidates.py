"""Candidate pairs for the labelled linking set (``benchmarks/data/linking_pairs.jsonl``).

Run on a corpus ingested from PolNeAR train and dev (``quotetrail eval linking`` makes one); it
prints, for a person to label, pairs of quotes in different articles whose speakers share a
folded surname and whose content words overlap at all (much looser than the linker: any date
distance, unweighted overlap >= 0.2), sampled across similarity bands so that hard negatives
(same speaker, another occasion) are as present as the easy positives; and pairs of speaker
records whose surnames are alike. The labels were given by reading each pair, not by any
threshold of the linker.

    python benchmarks/linking_candidates.py corpus.db --quotes 400 --names 120 > candidates.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
from collections import defaultdict
from datetime import date
from itertools import combinations

from quotetrail.linking.names import jaro_winkler, name_parts, transliteration_fold
from quotetrail.linking.similarity import features


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--quotes", type=int, default=400)
    ap.add_argument("--names", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--max-days", type=int, help="only pairs published this close (more positives)")
    ap.add_argument("--skip", help="a previous candidates file whose pairs are left out")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    rows = conn.execute(
        """SELECT q.article_id, q.content_start, q.content_end, q.content_text, q.speaker_name,
           q.speaker_kind, a.published FROM quotes q JOIN articles a ON a.id = q.article_id
           WHERE q.speaker_name IS NOT NULL"""
    ).fetchall()
    by_key: dict[str, list[int]] = defaultdict(list)
    for n, r in enumerate(rows):
        parts = name_parts(r[4]) if r[5] == "person" else None
        key = transliteration_fold(parts.surname) if parts else r[4].casefold()
        by_key[key].append(n)
    bags = [features(r[3]) for r in rows]
    skip = set()
    if args.skip:
        with open(args.skip, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["type"] == "utterance":
                    skip.add(frozenset((_key(d["a"]), _key(d["b"]))))
    bands: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for members in by_key.values():
        post: dict[str, list[int]] = defaultdict(list)
        for n in members:
            for f in bags[n]:
                post[f].append(n)
        seen = set()
        for n in members:
            for f in bags[n]:
                if len(post[f]) > 300:
                    continue
                for m in post[f]:
                    if m > n and (n, m) not in seen and rows[n][0] != rows[m][0]:
                        seen.add((n, m))
                        a, b = bags[n], bags[m]
                        shared = len(a & b)
                        score = shared / min(len(a), len(b)) if a and b else 0
                        pair = frozenset((_key(_side(rows[n])), _key(_side(rows[m]))))
                        if pair in skip or not _close(rows[n][6], rows[m][6], args.max_days):
                            continue
                        if shared >= 2 and score >= 0.2:
                            bands[min(int(score * 5), 4)].append((n, m, round(score, 2)))
    per_band = args.quotes // 5
    for band in sorted(bands):
        picks = rng.sample(bands[band], min(per_band, len(bands[band])))
        for n, m, score in picks:
            print(
                json.dumps(
                    {
                        "type": "utterance",
                        "band": band,
                        "overlap": score,
                        "a": _side(rows[n]),
                        "b": _side(rows[m]),
                    }
                )
            )
    if args.names == 0:
        return
    names = conn.execute("SELECT id, name, kind FROM speakers WHERE kind = 'person'").fetchall()
    by_block: dict[str, list[tuple]] = defaultdict(list)
    for row in names:
        parts = name_parts(row[1])
        if parts:
            by_block[transliteration_fold(parts.surname)[:3]].append((row, parts))
    pairs = []
    for block in by_block.values():
        for (ra, pa), (rb, pb) in combinations(block, 2):
            sim = jaro_winkler(transliteration_fold(pa.surname), transliteration_fold(pb.surname))
            if sim >= 0.85:
                pairs.append((ra[1], rb[1], round(sim, 3)))
    for a, b, sim in rng.sample(pairs, min(args.names, len(pairs))):
        print(json.dumps({"type": "name", "a": a, "b": b, "surname_sim": sim}))


def _key(side: dict) -> tuple:
    return (side["article"], side["start"], side["end"])


def _close(a: str | None, b: str | None, days: int | None) -> bool:
    if days is None:
        return True
    if not a or not b:
        return False
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= days


def _side(row: tuple) -> dict:
    article, start, end, text, speaker, _kind, published = row
    return {
        "article": article,
        "start": start,
        "end": end,
        "speaker": speaker,
        "published": published,
        "text": " ".join(text.split()),
    }


if __name__ == "__main__":
    main()
