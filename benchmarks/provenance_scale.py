"""Provenance at scale: time and peak memory of ``analyse`` on 10k and 100k articles.

The corpus is synthetic but made of real text: every base article is new text from a word
trigram chain trained on the PolNeAR (train, dev) and html-articles bodies (7-22 paragraphs of
1-3 sentences). The chain was chosen over recombining whole sentences because it matches how
much unrelated news shares: 4.2% of random pairs of its articles share a word 5-shingle and the
99th percentile Jaccard is 0.0027, against 3.6% and 0.0011 for PolNeAR's real articles (one
topic, one year), whereas recombined sentences gave 17% and 0.034. On top:
5% of the base articles get 1-3 copies made with the evaluation's recipes (exact, changed
footer, light and heavy rewrites), and 40% of the 500 outlets stamp a site template (a header
line and two footer lines) on every article, so boilerplate detection runs at scale too.

Each size is written once to ``--workdir`` as JSONL and analysed in a fresh subprocess that
reads articles from the file on access (as a store-backed sequence would), so the peak
resident set (``ru_maxrss``) is the pipeline's, not the generator's. The parent reports the
growth exponent log(t_big / t_small) / log(big / small) and extrapolates to 10M articles.

Example (both sizes; the 100k run takes minutes)::

    .venv/bin/python benchmarks/provenance_scale.py --polnear ../shared/data/polnear \\
        --html ../shared/data/html-articles --sizes 10000 100000 --json build/provscale.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from quotetrail.eval.provenance import load_originals
from quotetrail.provenance import ProvArticle, analyse
from quotetrail.provenance.records import RELATED
from quotetrail.provenance.transforms import RECIPES, paragraphs, sentences

KINDS = tuple(RECIPES)
OUTLETS = 500


class JsonlCorpus(Sequence[ProvArticle]):
    """Articles of a JSONL file, read and decoded on access: memory holds line offsets only.

    Reads go through ``os.pread``, not a memory map, so the file's pages never count in the
    resident set measured here.
    """

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDONLY)
        ends = []
        with path.open("rb") as f:
            offset = 0
            while chunk := f.read(1 << 24):
                ends.append(np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10) + offset)
                offset += len(chunk)
        self._ends = np.concatenate(ends) if ends else np.empty(0, dtype=np.int64)
        self._starts = np.concatenate(([0], self._ends[:-1] + 1))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        start = int(self._starts[i])
        row = json.loads(os.pread(self._fd, int(self._ends[i]) - start, start))
        return ProvArticle(row["id"], row["text"], row["published"], row["outlet"], row["url"])


class Chain:
    """A word trigram chain over whitespace tokens (punctuation and quotes stay on words)."""

    def __init__(self, originals) -> None:
        self.next: dict[tuple[str, str], list[str | None]] = defaultdict(list)
        self.starts: list[tuple[str, str]] = []
        for o in originals:
            for para in paragraphs(o.article.text):
                for s in sentences(para):
                    w = s.split()
                    if len(w) < 6:
                        continue
                    self.starts.append((w[0], w[1]))
                    for a, b, c in zip(w, w[1:], w[2:], strict=False):
                        self.next[a, b].append(c)
                    self.next[w[-2], w[-1]].append(None)

    def sentence(self, rng: random.Random) -> str:
        words = list(rng.choice(self.starts))
        while len(words) < 40:
            follow = self.next.get((words[-2], words[-1]))
            word = rng.choice(follow) if follow else None
            if word is None:
                break
            words.append(word)
        text = " ".join(words)
        return text if text[-1] in '.!?"”' else text + "."


def synthesize(n: int, chain: Chain, seed: int, out: Path, gold: Path) -> None:
    """Write ``n`` articles to ``out`` (JSONL) and their copy pairs to ``gold``."""
    rng = random.Random(seed)
    templates = {
        k: (
            f"Posted on outlet{k}.example | {{day}} March 2016 | Share on Facebook",
            f"outlet{k}.example is an independent publisher of news and opinion from around "
            "the world, edited every day by our newsroom staff.\nAll rights reserved. "
            "Reproduction without permission is prohibited.",
        )
        for k in range(OUTLETS)
        if k % 5 < 2
    }

    def article() -> str:
        return "\n\n".join(
            " ".join(chain.sentence(rng) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(7, 22))
        )

    def dress(text: str, outlet: int) -> str:
        if outlet not in templates:
            return text
        head, foot = templates[outlet]
        return f"{head.format(day=rng.randint(1, 28))}\n\n{text}\n\n{foot}"

    pairs = []
    written = 0
    with out.open("w", encoding="utf-8") as f:
        while written < n:
            base, outlet, day = article(), rng.randrange(OUTLETS), rng.randrange(300)
            sid = f"a{written}"
            rows = [(sid, dress(base, outlet), day, outlet)]
            if rng.random() < 0.05:
                for m, kind in enumerate(rng.sample(KINDS, rng.randint(1, 3))):
                    copy_outlet = rng.randrange(OUTLETS)
                    text = dress(RECIPES[kind].apply(base, rng), copy_outlet)
                    rows.append((f"{sid}~{kind}{m}", text, day + rng.randint(1, 5), copy_outlet))
                    pairs.append((sid, rows[-1][0], kind))
            for aid, text, d, o in rows[: n - written]:
                published = str(np.datetime64("2016-01-01") + np.timedelta64(d, "D"))
                site = f"outlet{o}.example"
                row = {"id": aid, "text": text, "published": published, "outlet": site,
                       "url": f"https://{site}/{aid}"}  # fmt: skip
                f.write(json.dumps(row) + "\n")
                written += 1
    gold.write_text(json.dumps(pairs), encoding="utf-8")


def run_one(corpus: Path, gold: Path) -> dict:
    """Analyse one corpus file in this process; report time, memory and copy recall."""
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    articles = JsonlCorpus(corpus)
    start, cpu = time.perf_counter(), time.process_time()
    result = analyse(articles)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    related = {frozenset((p.source_id, p.copy_id)) for p in result.pairs if p.label in RELATED}
    want = json.loads(gold.read_text(encoding="utf-8"))
    found = {kind: 0 for kind in KINDS}
    total = {kind: 0 for kind in KINDS}
    gold_keys = set()
    for source, copy, kind in want:
        total[kind] += 1
        found[kind] += frozenset((source, copy)) in related
        gold_keys.add(frozenset((source, copy)))
    families = {k for p in gold_keys for k in p}
    stray = sum(1 for k in related if not k <= families)
    return {
        "articles": len(articles),
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),  # wall time swells when other jobs share the 2 cores
        "peak_rss_mib": round(peak / 1024),
        "rss_before_mib": round(base_rss / 1024),
        "stats": result.stats,
        "copy_recall": {k: f"{found[k]}/{total[k]}" for k in KINDS},
        "related_pairs_outside_families": stray,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, help="PolNeAR root (texts for the generator)")
    parser.add_argument("--html", type=Path, help="html-articles directory")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/provenance-scale"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # child: one corpus file
    args = parser.parse_args(argv)
    if args.run:
        print(json.dumps(run_one(args.run, args.run.with_suffix(".gold.json"))))
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    chain = None
    runs = []
    for n in args.sizes:
        corpus = args.workdir / f"markov-{n}-{args.seed}.jsonl"
        if not corpus.exists():
            if chain is None:
                if args.polnear is None:
                    parser.error("--polnear is needed to generate a corpus")
                chain = Chain(load_originals(args.polnear, args.html))
            t = time.perf_counter()
            synthesize(n, chain, args.seed + n, corpus, corpus.with_suffix(".gold.json"))
            print(f"generated {n:,} articles in {time.perf_counter() - t:.0f} s", flush=True)
        child = subprocess.run(
            [sys.executable, __file__, "--run", str(corpus)],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(child.stdout))
        print(json.dumps(runs[-1]), flush=True)
    report = {"runs": runs}
    if len(runs) >= 2:
        small, big = runs[0], runs[-1]
        ratio = big["articles"] / small["articles"]
        exponent = math.log(big["seconds"] / small["seconds"]) / math.log(ratio)
        cpu_exponent = math.log(big["cpu_seconds"] / small["cpu_seconds"]) / math.log(ratio)
        scale = 10_000_000 / big["articles"]
        slope = (big["peak_rss_mib"] - small["peak_rss_mib"]) / (
            big["articles"] - small["articles"]
        )
        report["exponent"] = round(exponent, 3)
        report["cpu_exponent"] = round(cpu_exponent, 3)
        report["extrapolated_10M_hours"] = round(big["seconds"] * scale**exponent / 3600, 1)
        report["extrapolated_10M_cpu_hours"] = round(
            big["cpu_seconds"] * scale**cpu_exponent / 3600, 1
        )
        report["extrapolated_10M_rss_gib"] = round(
            (big["peak_rss_mib"] + slope * (10_000_000 - big["articles"])) / 1024, 1
        )
        print(json.dumps({k: v for k, v in report.items() if k != "runs"}))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
