"""Linking at scale: time and peak memory of ``quotetrail.linking.link`` on 10k and 100k articles.

The quotes are real text: the Content spans of PolNeAR's train and dev gold attributions
(about 13,000), drawn at random. The corpus around them is synthetic, shaped like the ingested
PolNeAR corpus (21 quotes an article, as ``quotetrail ingest`` finds there; 15% of quotes with
no speaker record): speakers are drawn from a Zipf law over a pool that grows with the corpus
(the most quoted speaker carries ~7% of the quotes, as Trump does in PolNeAR), 3% of speakers
also appear under a spelling variant, dates spread over a year (or, with
``--constant-density``, a year per 10k articles), and 8% of quotes are re-reported
1-3 times within three days in other articles, copied or with words dropped and swapped for
synonyms, so that clusters exist at every size. Every article has an outlet out of 500.

The synthetic re-reports are the one truth the corpus knows: the share that lands in its
original's cluster (``relays_joined``) shows whether the caps that bound the work lose
renderings as the corpus grows.

Each size is built and linked in a fresh subprocess, so the peak resident set (``ru_maxrss``)
is that size's alone; the parent reports the growth exponent log(t_big / t_small) /
log(size ratio), of CPU and of wall time.

    python benchmarks/linking_scale.py --polnear ../shared/data/polnear --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from quotetrail.eval.brat import read_ann
from quotetrail.linking import LinkingOptions, LinkQuote, LinkSpeaker, link
from quotetrail.provenance.synonyms import SYNONYMS

QUOTES_PER_ARTICLE = 21
UNNAMED_SHARE = 0.15
VARIANT_SHARE = 0.03
RELAY_SHARE = 0.08
OUTLETS = 500
START = date(2016, 1, 1)
ROLES = (
    "senator",
    "adviser",
    "mayor",
    "minister",
    "spokesman",
    "governor",
    "economist",
    "ambassador",
    "professor",
    "coach",
    "chief executive",
    "lawyer",
)


def gold_contents(root: Path) -> list[str]:
    texts = []
    for comp in ("train", "dev"):  # never test
        for ann in sorted((root / comp / "attributions").glob("*.ann")):
            texts += [a.content.text for a in read_ann(ann) if len(a.content.text.split()) >= 3]
    return texts


def _variant(name: str, rng: random.Random) -> str:
    given, surname = name.split(" ", 1)
    i = rng.randrange(1, len(surname) - 1)
    return f"{given} {surname[:i]}{surname[i]}{surname[i:]}"  # a doubled letter: a misspelling


def _reword(text: str, rng: random.Random) -> str:
    words = text.split()
    out = []
    for w in words:
        alts = SYNONYMS.get(w.lower())
        if alts and rng.random() < 0.5:
            out.append(rng.choice(alts))
        elif rng.random() > 0.08:
            out.append(w)
    return " ".join(out) or text


def build(n_articles: int, contents: list[str], seed: int = 5, days: int = 365):
    rng = random.Random(seed)
    n_speakers = max(200, n_articles // 2)
    # 36 syllables and 12 roles: with the 12 syllables and 3 roles of the first version, 43% of
    # 154,500 made-up speakers merged with another name one edit away, a crowding no real pool
    # of names has (it made identity, and the merged blocks, grow with the corpus)
    syllables = ["ka", "lo", "mi", "ren", "sto", "va", "dre", "ul", "ben", "tor", "si", "nak"]
    syllables += ["pe", "gar", "shi", "mun", "ya", "zel", "or", "fi", "hal", "cu", "bro", "en"]
    syllables += ["wi", "dal", "ne", "pra", "ko", "sem", "ta", "vi", "lek", "ru", "jo", "mar"]
    names = set()
    while len(names) < n_speakers:
        given = "".join(rng.choices(syllables, k=2)).title()
        surname = "".join(rng.choices(syllables, k=3)).title()
        names.add(f"{given} {surname}")
    people = sorted(names)
    last_seen = (START + timedelta(days=days - 1)).isoformat()
    cum = list(itertools.accumulate(1 / (k + 1) ** 1.1 for k in range(n_speakers)))
    population = range(n_speakers)
    speakers = [
        LinkSpeaker(
            f"s{k}",
            name,
            "person",
            (rng.choice(ROLES),),
            "2016-01-01",
            last_seen,
            0,
        )
        for k, name in enumerate(people)
    ]
    variants = {}
    for k in rng.sample(range(n_speakers), int(VARIANT_SHARE * n_speakers)):
        v = LinkSpeaker(
            f"v{k}",
            _variant(people[k], rng),
            "person",
            speakers[k].roles,
            "2016-01-01",
            last_seen,
            0,
        )
        variants[f"s{k}"] = v.id
        speakers.append(v)
    quotes: list[LinkQuote] = []
    per_day = max(1, n_articles // days)
    for a in range(n_articles):
        day = START + timedelta(days=a // per_day)
        outlet = f"outlet {rng.randrange(OUTLETS)}"
        for n in range(QUOTES_PER_ARTICLE):
            if rng.random() < UNNAMED_SHARE:
                speaker, name = None, rng.choice(["officials", "the spokesman", "analysts"])
            else:
                k = (
                    rng.choices(population, cum_weights=cum)[0]
                    if n % 3
                    else rng.randrange(n_speakers)
                )
                speaker, name = f"s{k}", people[k]
                if speaker in variants and rng.random() < 0.3:
                    speaker = variants[speaker]
            quotes.append(
                LinkQuote(
                    f"q{a}-{n}",
                    f"a{a}",
                    speaker,
                    rng.choice(contents),
                    day.isoformat(),
                    outlet,
                    "person",
                    None,
                    "say",
                    n * 100,
                    name,
                )
            )
    relays = []
    for q in rng.sample(quotes, int(RELAY_SHARE * len(quotes))):
        for r in range(rng.randint(1, 3)):
            day = date.fromisoformat(q.published) + timedelta(days=rng.randint(0, 3))
            text = q.content_text if rng.random() < 0.4 else _reword(q.content_text, rng)
            relays.append(
                LinkQuote(
                    f"{q.quote_id}-r{r}",
                    f"{q.article_id}-r{r}",
                    q.speaker,
                    text,
                    day.isoformat(),
                    f"outlet {rng.randrange(OUTLETS)}",
                    "person",
                    None,
                    "say",
                    0,
                    q.speaker_name,
                )
            )
    return speakers, quotes + relays


def run_one(n_articles: int, polnear: Path, constant_density: bool = False) -> dict:
    contents = gold_contents(polnear)
    days = max(365, 365 * n_articles // 10_000) if constant_density else 365
    speakers, quotes = build(n_articles, contents, days=days)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    result = link(speakers, quotes, options=LinkingOptions())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "articles": n_articles,
        "days": days,
        "quotes": len(quotes),
        "speakers": len(speakers),
        "wall": round(wall, 2),
        "cpu": round(cpu, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_before_link_mib": round(base / 1024, 1),
        "stats": result.stats,
        "relays_joined": relays_joined(quotes, result),
    }


def relays_joined(quotes: list[LinkQuote], result) -> dict[str, float]:
    """The share of re-reports in their original's cluster: the one truth the synthetic corpus
    knows, so a cap that saves time by losing renderings shows here (copies and rewordings
    apart; re-reports with no speaker record are left out: they join only as copies by design)."""
    cluster = {r.quote_id: c.id for c in result.clusters for r in c.renderings}
    by_id = {q.quote_id: q for q in quotes}
    tally: dict[str, list[int]] = {"copied": [0, 0], "reworded": [0, 0]}
    for q in quotes:
        if "-r" not in q.quote_id or q.speaker is None:
            continue
        original = by_id[q.quote_id.split("-r")[0]]
        kind = "copied" if q.content_text == original.content_text else "reworded"
        tally[kind][1] += 1
        c = cluster.get(q.quote_id)
        tally[kind][0] += c is not None and c == cluster.get(original.quote_id)
    return {k: round(j / n, 4) if n else 0.0 for k, (j, n) in tally.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--constant-density",
        action="store_true",
        help="spread the corpus over a year per 10k articles (an archive growing in time), "
        "instead of packing every size into one year (a denser news flow)",
    )
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.polnear, args.constant_density)))
        return
    rows = []
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--polnear", str(args.polnear), "--one", str(size)]
            + (["--constant-density"] if args.constant_density else []),
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(done.stdout))
        print(json.dumps(rows[-1]), flush=True)
    pairs = list(itertools.pairwise(rows))
    if len(rows) > 2:
        pairs.append((rows[0], rows[-1]))
    for a, b in pairs:
        span = math.log(b["articles"] / a["articles"])
        for clock in ("cpu", "wall"):  # CPU is the figure to compare on a shared machine
            print(
                f"growth exponent ({clock}) {a['articles']} -> {b['articles']}: "
                f"{math.log(b[clock] / a[clock]) / span:.2f}"
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
