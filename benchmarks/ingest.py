"""Ingest benchmark: articles/s with 1 and 2 workers, the cost ingest adds to bare extraction,
and the store size per 1,000 articles.

Every pass runs in a fresh Python process started by this script, as a user's command would: it
imports quotetrail, loads the pipeline cold and works through the same N articles; nothing is
warm from an earlier pass (a pipeline that has already seen the texts runs 5-10% faster, which
would flatter whichever pass came second). Wall clock is taken around the whole process and CPU
time from the process and its waited-for descendants (the worker processes), so the 2-worker
pass is charged for starting its workers.

Input: a folder of .txt articles, repeated until there are N. Copy k of a text gets the line
``(Archive copy k.)`` appended, so every file has its own bytes and text hash and the ingester's
dedupe (same URL, same bytes or same text) does not drop the repeats; the line holds no quote.
The files are written to a temporary folder and ingested from there.

Passes (with ``--rounds R`` the three run R times, in reverse order every other round, and the
median of each is reported):
  extract    read the files, ``extract_texts`` over them: the floor ingest is compared with;
             this process then also times the writer alone (``Store.add`` of those articles and
             quotes into a fresh db) and the readers alone (``read_sources`` over the folder);
  ingest-1   ``ingest(folder, fresh.db)`` with 1 worker (extraction in the ingesting process);
  ingest-2   the same with 2 worker processes.

Two rates per pass: whole process (start to exit, what a user waits for) and steady state
(articles finished between the 10th and the 90th percentile of completions, over the time
between them: no interpreter start, model load or worker start-up, and no tail).

Example::

    python benchmarks/ingest.py --texts ../shared/data/polnear/dev/text --articles 1000 \\
        --json build/bench_ingest.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

PASSES = ("extract", "ingest-1", "ingest-2")


def say(*parts: object) -> None:
    print(*parts, flush=True)


def children_cpu() -> float:
    """CPU time of waited-for children, including their own waited-for children (workers)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def write_corpus(source: Path, count: int, folder: Path) -> int:
    texts = [path.read_text(encoding="utf-8") for path in sorted(source.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {source}")
    chars = 0
    for n, text in zip(range(count), itertools.cycle(texts), strict=False):
        copy = n // len(texts)
        body = text if copy == 0 else f"{text.rstrip()}\n(Archive copy {copy}.)\n"
        (folder / f"{n:05d}.txt").write_text(body, encoding="utf-8", newline="")
        chars += len(body)
    return chars


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def steady_rate(finished: list[float]) -> float:
    """Articles/s between the 10th and 90th percentile completion times."""
    if len(finished) < 10:
        return float("nan")
    low, high = len(finished) // 10, (len(finished) * 9) // 10
    span = finished[high] - finished[low]
    return (high - low) / span if span > 0 else float("nan")


# -- one pass, in its own process --------------------------------------------------------------
def child(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from quotetrail.nlp import load_pipeline

    result: dict = {"pass": args.child}
    if args.child == "extract":
        from quotetrail.corpus import Store
        from quotetrail.extraction import extract_texts
        from quotetrail.read import read_sources

        nlp = load_pipeline(args.model)
        result["model"] = f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
        result["startup_seconds"] = time.perf_counter() - started
        articles = list(read_sources([str(args.folder)]))
        finished, quotes = [], []
        for found in extract_texts([a.text for a in articles], model=args.model):
            quotes.append(found)
            finished.append(time.perf_counter())
        result["quotes"] = sum(len(q) for q in quotes)
        result["steady_articles_per_s"] = steady_rate(finished)

        wall, cpu = time.perf_counter(), time.process_time()
        with Store.open(args.db) as store:
            for article, found in zip(articles, quotes, strict=True):
                store.add(article, found)
        result["writer"] = {
            "seconds": time.perf_counter() - wall,
            "cpu_seconds": time.process_time() - cpu,
        }
        wall, cpu = time.perf_counter(), time.process_time()
        count = sum(1 for _ in read_sources([str(args.folder)]))
        result["readers"] = {
            "seconds": time.perf_counter() - wall,
            "cpu_seconds": time.process_time() - cpu,
            "articles": count,
        }
    else:
        from quotetrail.ingest import IngestOptions, ingest

        finished = []
        options = IngestOptions(workers=int(args.child.split("-")[1]), model=args.model)
        report = ingest(
            [str(args.folder)],
            args.db,
            options,
            on_event=lambda *_: finished.append(time.perf_counter()),
        )
        result["summary"] = report.summary()
        result["stored"] = report.stored
        result["quotes"] = report.quotes
        result["steady_articles_per_s"] = steady_rate(finished)
        result["bytes"] = db_bytes(args.db)
    args.result.write_text(json.dumps(result) + "\n", encoding="utf-8")
    return 0


def run_pass(name: str, folder: Path, work: Path, model: str | None, n: int) -> dict:
    db = work / f"{name}.db"
    for stale in work.glob(f"{name}.db*"):
        stale.unlink()
    out = work / f"{name}.json"
    command = [sys.executable, __file__, "--child", name, "--folder", str(folder)]
    command += ["--db", str(db), "--result", str(out)] + (["--model", model] if model else [])
    cpu, wall = children_cpu(), time.perf_counter()
    subprocess.run(command, check=True)
    row = json.loads(out.read_text(encoding="utf-8"))
    row["seconds"] = time.perf_counter() - wall
    row["cpu_seconds"] = children_cpu() - cpu
    if name == "extract":  # the writer and readers it timed afterwards are not extraction
        for part in ("writer", "readers"):
            row["seconds"] -= row[part]["seconds"]
            row["cpu_seconds"] -= row[part]["cpu_seconds"]
    row["articles_per_s"] = n / row["seconds"]
    if name.startswith("ingest") and row["stored"] != n:
        raise SystemExit(f"{name} stored {row['stored']} of {n}: {row['summary']}")
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, help="folder of .txt articles")
    parser.add_argument("--articles", type=int, default=1000, help="articles (set repeated)")
    parser.add_argument("--rounds", type=int, default=1, help="times to run the three passes")
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    parser.add_argument("--child", choices=PASSES, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    if args.texts is None:
        parser.error("--texts is required")

    work = Path(tempfile.mkdtemp(prefix="quotetrail-bench-"))
    try:
        return run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> int:
    folder = work / "articles"
    folder.mkdir()
    chars = write_corpus(args.texts, args.articles, folder)
    n = args.articles
    say("# quotetrail ingest benchmark")
    say(f"command:  {shlex.join([sys.executable, *sys.argv])}")
    say(f"date:     {datetime.now().astimezone().isoformat(timespec='seconds')}")
    say(f"cpus:     {os.cpu_count()}; loadavg at start {os.getloadavg()}")
    say(f"input:    {n} articles from {args.texts}, {chars:,} chars; {args.rounds} round(s)")

    runs: dict[str, list[dict]] = {name: [] for name in PASSES}
    for round_no in range(args.rounds):
        order = PASSES if round_no % 2 == 0 else tuple(reversed(PASSES))
        for name in order:
            row = run_pass(name, folder, work, args.model, n)
            runs[name].append(row)
            say(
                f"round {round_no + 1} {name:9s} {row['seconds']:8.1f} s  "
                f"cpu {row['cpu_seconds']:8.1f} s  {row['articles_per_s']:6.2f} articles/s  "
                f"steady {row['steady_articles_per_s']:6.2f} articles/s"
            )

    def median(name: str, key: str) -> float:
        return statistics.median(row[key] for row in runs[name])

    extract, one, two = (
        {key: median(name, key) for key in ("seconds", "cpu_seconds", "steady_articles_per_s")}
        for name in PASSES
    )
    first = runs["extract"][0]
    writer, readers = first["writer"], first["readers"]
    summary = {
        "ingest_over_extraction_wall": one["seconds"] / extract["seconds"],
        "ingest_over_extraction_cpu": one["cpu_seconds"] / extract["cpu_seconds"],
        "ingest_over_extraction_steady": extract["steady_articles_per_s"]
        / one["steady_articles_per_s"],
        "added_by_readers_and_writer_pct": 100
        * (readers["seconds"] + writer["seconds"])
        / (extract["seconds"] - first["startup_seconds"]),
        "speedup_2_over_1": one["seconds"] / two["seconds"],
        "speedup_2_over_1_steady": two["steady_articles_per_s"] / one["steady_articles_per_s"],
        "cpu_2_over_1": two["cpu_seconds"] / one["cpu_seconds"],
        "store_mib_per_1000_articles": runs["ingest-1"][0]["bytes"] / n * 1000 / 2**20,
        "quotes": runs["ingest-1"][0]["quotes"],
    }
    say(f"model:                           {first['model']}")
    say(f"pipeline load (extract pass):    {first['startup_seconds']:.1f} s")
    say(
        f"writer alone:                    {writer['seconds']:.2f} s "
        f"({1000 * writer['seconds'] / n:.2f} ms/article)"
    )
    say(
        f"readers alone:                   {readers['seconds']:.2f} s "
        f"({1000 * readers['seconds'] / n:.2f} ms/article)"
    )
    say(f"ingest / extraction, wall:       {summary['ingest_over_extraction_wall']:.3f}")
    say(f"ingest / extraction, CPU:        {summary['ingest_over_extraction_cpu']:.3f}")
    say(f"ingest / extraction, steady:     {summary['ingest_over_extraction_steady']:.3f}")
    say(f"readers + writer / extraction:   {summary['added_by_readers_and_writer_pct']:.1f}%")
    say(
        f"2 workers / 1 worker speed-up:   {summary['speedup_2_over_1']:.2f}x whole command, "
        f"{summary['speedup_2_over_1_steady']:.2f}x steady state "
        f"(CPU {summary['cpu_2_over_1']:.2f}x one worker's)"
    )
    say(
        f"store size per 1,000 articles:   {summary['store_mib_per_1000_articles']:.1f} MiB "
        f"({summary['quotes']:,} quotes in {n} articles)"
    )
    say(f"loadavg at end: {os.getloadavg()}")
    if args.json:
        report = {"articles": n, "runs": runs, "summary": summary, "loadavg": os.getloadavg()}
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
