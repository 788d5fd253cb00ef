"""Spark scaling: the plain single-process extractor against the Spark job on 1 and 2 cores.

One run measures three passes over the same JSONL inputs (a folder of texts repeated under
distinct ids, split into several files so Spark has tasks to share, each file dated over a few
consecutive days like a crawl segment):

1. plain: ``read_sources`` + ``extract_texts`` in this process, writing one JSON line per
   article to a file, as ``quotetrail extract FILES > out.jsonl`` does;
2. ``quotetrail spark extract`` with ``local[1]``;
3. the same with ``local[2]``.

Every pass is timed whole, wall clock, from a cold pipeline: the plain pass includes loading
spaCy, each Spark pass runs in a fresh interpreter and includes starting its JVM and Python
workers (which load spaCy once each) and writing the Parquet tables. Reported: the overhead
of Spark on one core over plain (target at most 25%) and the speedup of two cores over one
(target at least 1.7x), with the machine's load average before and after each pass, since
other work on a 2-core machine skews both.

Example::

    python benchmarks/spark_scaling.py --texts ../shared/data/polnear/dev/text \\
        --articles 2000 --json build/spark_scaling.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import shlex
import shutil
import sys
import tempfile
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from quotetrail.extraction import extract_texts
from quotetrail.nlp import load_pipeline
from quotetrail.output import article_record, jsonl_line
from quotetrail.read import Failure, read_sources
from quotetrail.records import Article
from quotetrail.spark.job import JobOptions, run_job
from quotetrail.spark.session import LOCAL_DEFAULTS, build_session

FIRST_DATE = date(2016, 9, 1)
OVERHEAD_TARGET = 0.25
SPEEDUP_TARGET = 1.7


def say(*parts: object) -> None:
    print(*parts, flush=True)


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def write_inputs(
    texts_dir: Path, articles: int, files: int, folder: Path, days_per_file: int = 4
) -> list[str]:
    """``articles`` records cycling over the folder's texts, in ``files`` contiguous chunks;
    file N holds articles published on ``days_per_file`` consecutive days from day N *
    ``days_per_file``, as a crawl segment holds the news of a few days. Each (date, file) pair
    is one partition folder of each table, so this also sets how many files Spark writes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {texts_dir}")
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"part-{n:03d}.jsonl" for n in range(files)]
    per_file = -(-articles // files)
    for n, path in enumerate(paths):
        with path.open("w", encoding="utf-8") as out:
            for i in range(n * per_file, min(articles, (n + 1) * per_file)):
                day = n * days_per_file + i % days_per_file
                published = (FIRST_DATE + timedelta(days=day)).isoformat()
                record = {"id": f"bench-{i:06d}", "text": texts[i % len(texts)]}
                out.write(json.dumps({**record, "published": published}) + "\n")
    return [str(p) for p in paths]


def plain(inputs: list[str], out: Path) -> dict[str, Any]:
    load_pipeline.cache_clear()  # cold, like a fresh `quotetrail extract`
    started = time.perf_counter()
    articles = quotes = 0
    pending: deque[Article] = deque()

    def texts() -> Any:
        for item in read_sources(inputs):
            if not isinstance(item, Failure):
                pending.append(item)
                yield item.text

    with out.open("w", encoding="utf-8") as sink:
        for found in extract_texts(texts()):
            article = pending.popleft()
            sink.write(jsonl_line(article_record(article, found)) + "\n")
            articles += 1
            quotes += len(found)
    return {"articles": articles, "quotes": quotes, "seconds": time.perf_counter() - started}


def spark(inputs: list[str], master: str, output: Path) -> dict[str, Any]:
    """One Spark pass in a fresh interpreter, so each starts its own JVM as a real run does."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(_spark_pass, inputs, master, output).result()


def _spark_pass(inputs: list[str], master: str, output: Path) -> dict[str, Any]:
    shutil.rmtree(output, ignore_errors=True)
    started = time.perf_counter()
    session = build_session(master, app_name=f"spark_scaling {master}", conf=LOCAL_DEFAULTS)
    ready = time.perf_counter()
    try:
        report = run_job(session, JobOptions(inputs=tuple(inputs), output=str(output)))
    finally:
        session.stop()
    return {
        "articles": report.articles,
        "quotes": report.quotes,
        "seconds": time.perf_counter() - started,
        "session_start_seconds": ready - started,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--articles", type=int, default=2000, help="records (default 2000)")
    parser.add_argument("--files", type=int, default=16, help="JSONL input files (default 16)")
    parser.add_argument(
        "--days-per-file",
        type=int,
        default=4,
        help="distinct publication dates in each file (default 4)",
    )
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.articles < 2000:
        say("note: the issue's targets are for batches of 2,000 articles or more")
    work = args.work or Path(tempfile.mkdtemp(prefix="spark-scaling-"))
    folder = work / "inputs"
    inputs = write_inputs(args.texts, args.articles, args.files, folder, args.days_per_file)
    say(f"command: {shlex.join([sys.executable, *sys.argv])}")
    say(
        f"{args.articles:,} articles in {len(inputs)} JSONL files under {work}, "
        f"{args.days_per_file} publication dates per file"
    )
    load_before = load_average()
    say(f"load average before: {load_before}")
    runs: dict[str, dict[str, Any]] = {}
    for name, run in (
        ("plain", lambda: plain(inputs, work / "plain.jsonl")),
        ("local[1]", lambda: spark(inputs, "local[1]", work / "out-1")),
        ("local[2]", lambda: spark(inputs, "local[2]", work / "out-2")),
    ):
        result = run()
        result["articles_per_second"] = result["articles"] / result["seconds"]
        result["load_after"] = load_average()
        runs[name] = result
        say(
            f"{name:>9}: {result['articles']:,} articles, {result['quotes']:,} quotes in "
            f"{result['seconds']:.1f} s ({result['articles_per_second']:.2f} articles/s; "
            f"load average after {result['load_after'][0]:.2f})"
        )
    counts = {(r["articles"], r["quotes"]) for r in runs.values()}
    overhead = runs["local[1]"]["seconds"] / runs["plain"]["seconds"] - 1
    speedup = runs["local[1]"]["seconds"] / runs["local[2]"]["seconds"]
    say(f"same articles and quotes in all three passes: {len(counts) == 1}")
    verdict = "met" if overhead <= OVERHEAD_TARGET else "NOT met"
    say(f"Spark overhead on 1 core vs plain: {overhead:+.1%} (target <= 25%: {verdict})")
    verdict = "met" if speedup >= SPEEDUP_TARGET else "NOT met"
    say(f"speedup local[2] vs local[1]: {speedup:.2f}x (target >= 1.7x: {verdict})")
    say(f"load average after: {load_average()}")
    if args.json:
        payload = {
            "command": shlex.join([sys.executable, *sys.argv]),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "articles": args.articles,
            "files": len(inputs),
            "days_per_file": args.days_per_file,
            "load_before": load_before,
            "runs": runs,
            "overhead_1_core": overhead,
            "speedup_2_cores": speedup,
            "same_counts": len(counts) == 1,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
