"""Extraction cost against document size: one quote-heavy paragraph of 100 KB, 1 MB and 2 MB,
and a 20,000-character run of quotation marks.

Each size runs in a fresh process (``quotetrail.extract`` as a library caller would use it), so
its peak resident memory (``ru_maxrss``) is its own. The text is one paragraph, no line breaks,
of short statements with varied speakers and cues: the shape that made extraction superlinear
(quadratic relay, nesting and kind passes over the statements; one Doc for the whole text).
Reports wall and CPU seconds, both per MB (flat = linear; CPU time is the fairer figure on a
shared machine, where wall time depends on the neighbours) and peak RSS per size.

Example::

    python benchmarks/big_docs.py --sizes 100000 1000000 2000000 --json big_docs.json
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

NAMES = ["Anna Berg", "Omar Haddad", "Lucia Moreno", "Grace Achebe", "Tomas Novak", "Mei Tanaka"]
CUES = ["said", "told reporters", "added", "warned", "insisted"]


def quote_heavy(size: int) -> str:
    """One paragraph of ``size`` characters of statements, every one different."""
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        name = NAMES[n % len(NAMES)]
        cue = CUES[(n // len(NAMES)) % len(CUES)]
        part = (
            f'"We will rebuild bridge number {n} by spring," {name} {cue}, adding that '
            f'"nobody wanted item {n * 7 % 1000} to wait." '
        )
        parts.append(part)
        total += len(part)
        n += 1
    return "".join(parts)[:size]


def measure(kind: str, size: int) -> dict[str, object]:
    """In this (fresh) process: load the pipeline, then time one ``extract`` call."""
    from quotetrail.errors import QuotetrailError
    from quotetrail.extraction import extract
    from quotetrail.nlp import load_pipeline

    load_pipeline(None)
    text = quote_heavy(size) if kind == "prose" else ('"“”«»' * size)[:size]
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        outcome: object = len(extract(text))
    except QuotetrailError as err:
        outcome = err.code
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "kind": kind,
        "chars": size,
        "seconds": round(seconds, 3),
        "seconds_per_mb": round(seconds / (size / 1_000_000), 2),
        "cpu_seconds": round(cpu, 3),
        "cpu_seconds_per_mb": round(cpu / (size / 1_000_000), 2),
        "quotes_or_code": outcome,
        "peak_rss_mb": round(peak / 1024),
        "rss_before_mb": round(base / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 2_000_000])
    parser.add_argument("--marks", type=int, default=20_000, help="quote-mark run length")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # kind size, in a child
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    runs = [("marks", args.marks)] + [("prose", size) for size in args.sizes]
    results = []
    for kind, size in runs:
        child = [sys.executable, __file__, "--one", kind, str(size)]
        out = subprocess.run(child, capture_output=True, text=True, check=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    prose = [r for r in results if r["kind"] == "prose"]
    for key in ("seconds_per_mb", "cpu_seconds_per_mb"):
        per_mb = [float(r[key]) for r in prose]  # type: ignore[arg-type]
        if per_mb:
            print(f"{key}: max/min = {max(per_mb) / min(per_mb):.2f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out_file:
            json.dump(results, out_file, indent=1)


if __name__ == "__main__":
    main()
