"""Ingest benchmark: articles/s with 1 and 2 workers, the cost ingest adds to bare extraction,
and the store size per 1,000 articles.

All passes run in one process, one after the other, over the same N articles, so they share the
machine's load of the moment; CPU times (this process plus its worker children) are reported
next to wall times because they do not depend on what else the machine is doing.

Input: a folder of .txt articles, repeated until there are N. Copy k of a text gets the line
``(Archive copy k.)`` appended, so every file has its own bytes and text hash and the ingester's
dedupe (same URL, same bytes or same text) does not drop the repeats; the line holds no quote.
The files are written to a temporary folder and ingested from there, as a user would.

Passes, in order:
  (a) extraction: ``extract_texts`` over the N texts (pipeline already loaded), no reading, no
      storing: the floor ingest is compared with;
  (b) ingest, 1 worker: ``ingest(folder, fresh.db)`` in this process (pipeline already loaded);
  (c) ingest, 2 workers: the same into another fresh db; includes starting the two worker
      processes and loading the pipeline in each (reported separately);
  (d) the writer alone: the quotes from (a) written with ``Store.add`` into a third fresh db,
      and (e) the readers alone: ``read_sources`` over the folder; (d) + (e) is what ingest adds
      to extraction, measured without the noise of two long passes.

Example::

    python benchmarks/ingest.py --texts ../shared/data/polnear/dev/text --articles 1000 \\
        --json /tmp/bench_ingest.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shlex
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from quotetrail.corpus import Store
from quotetrail.extraction import extract_texts
from quotetrail.ingest import IngestOptions, ingest
from quotetrail.nlp import load_pipeline
from quotetrail.read import read_sources


def say(*parts: object) -> None:
    print(*parts, flush=True)


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have been waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def write_corpus(source: Path, count: int, folder: Path) -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(source.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {source}")
    written = []
    for n, text in zip(range(count), itertools.cycle(texts), strict=False):
        copy = n // len(texts)
        body = text if copy == 0 else f"{text.rstrip()}\n(Archive copy {copy}.)\n"
        (folder / f"{n:05d}.txt").write_text(body, encoding="utf-8", newline="")
        written.append(body)
    return written


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def timed(label: str, run) -> dict:
    cpu, wall = cpu_seconds(), time.perf_counter()
    result = run()
    row = {
        "label": label,
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": cpu_seconds() - cpu,
    }
    return row | ({"result": result} if result is not None else {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--articles", type=int, default=1000, help="articles (set repeated)")
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="quotetrail-bench-"))
    try:
        return run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> int:
    folder = work / "articles"
    folder.mkdir()
    texts = write_corpus(args.texts, args.articles, folder)
    n = len(texts)
    nlp = load_pipeline(args.model)
    list(extract_texts(texts[:16], model=args.model))  # warm-up: pipeline and cue scorer
    say("# quotetrail ingest benchmark")
    say(f"command:  {shlex.join([sys.executable, *sys.argv])}")
    say(f"date:     {datetime.now().astimezone().isoformat(timespec='seconds')}")
    say(f"model:    {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}")
    say(f"cpus:     {os.cpu_count()}; loadavg at start {os.getloadavg()}")
    say(f"input:    {n} articles from {args.texts}, {sum(map(len, texts)):,} chars")

    quotes: list = []
    extraction = timed(
        "(a) extraction", lambda: quotes.extend(extract_texts(texts, model=args.model))
    )
    say(f"(a) extraction:        {_secs(extraction)}")

    passes = {}
    for workers in (1, 2):
        db = work / f"ingest-{workers}.db"
        options = IngestOptions(workers=workers, model=args.model)
        row = timed(f"ingest {workers}", lambda o=options, d=db: ingest([str(folder)], d, o))
        report = row.pop("result")
        assert report.stored == n, report.summary()
        row |= {"articles_per_s": n / row["seconds"], "summary": report.summary()}
        row["bytes"] = db_bytes(db)
        passes[workers] = row
        say(
            f"({'bc'[workers - 1]}) ingest, {workers} worker{'s' if workers > 1 else ' '}: "
            f"{row['seconds']:8.1f} s  cpu {row['cpu_seconds']:8.1f} s  "
            f"{row['articles_per_s']:6.2f} articles/s"
        )

    articles = [item for item in read_sources([str(folder)])]
    reading = timed("(e) readers", lambda: sum(1 for _ in read_sources([str(folder)])))

    def write_all() -> None:
        with Store.open(work / "writer.db") as store:
            for article, found in zip(articles, quotes, strict=True):
                store.add(article, found)

    writing = timed("(d) writer", write_all)
    spawn = timed("worker start", lambda: _start_two_workers(args.model))
    say(f"(d) writer alone:      {writing['seconds']:8.2f} s  ({_per_article(writing, n)})")
    say(f"(e) readers alone:     {reading['seconds']:8.2f} s  ({_per_article(reading, n)})")
    say(f"    2 workers' start-up (spawn + pipeline load): {spawn['seconds']:.1f} s")

    one, two = passes[1], passes[2]
    summary = {
        "ingest_over_extraction_wall": one["seconds"] / extraction["seconds"],
        "ingest_over_extraction_cpu": one["cpu_seconds"] / extraction["cpu_seconds"],
        "added_by_readers_and_writer_pct": 100
        * (reading["seconds"] + writing["seconds"])
        / extraction["seconds"],
        "speedup_2_over_1": one["seconds"] / two["seconds"],
        "speedup_2_over_1_without_startup": one["seconds"] / (two["seconds"] - spawn["seconds"]),
        "store_mib_per_1000_articles": one["bytes"] / n * 1000 / 2**20,
        "quotes": sum(len(q) for q in quotes),
    }
    say(f"ingest / extraction, wall:       {summary['ingest_over_extraction_wall']:.3f}")
    say(f"ingest / extraction, CPU:        {summary['ingest_over_extraction_cpu']:.3f}")
    say(f"readers + writer / extraction:   {summary['added_by_readers_and_writer_pct']:.1f}%")
    say(
        f"2 workers / 1 worker speed-up:   {summary['speedup_2_over_1']:.2f}x "
        f"({summary['speedup_2_over_1_without_startup']:.2f}x without worker start-up)"
    )
    say(
        f"store size per 1,000 articles:   {summary['store_mib_per_1000_articles']:.1f} MiB "
        f"({summary['quotes']:,} quotes in {n} articles)"
    )
    say(f"loadavg at end: {os.getloadavg()}")
    if args.json:
        report = {
            "articles": n,
            "extraction": extraction,
            "ingest": passes,
            "writer": writing,
            "readers": reading,
            "worker_start": spawn,
            "summary": summary,
            "loadavg_end": os.getloadavg(),
        }
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


def _secs(row: dict) -> str:
    return f"{row['seconds']:8.1f} s  cpu {row['cpu_seconds']:8.1f} s"


def _per_article(row: dict, n: int) -> str:
    return f"{1000 * row['seconds'] / n:.2f} ms/article"


def _start_two_workers(model: str | None) -> None:
    """What pass (c) pays before its first article: two spawned processes loading the pipeline."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        list(pool.map(load_pipeline_named, [model, model]))


def load_pipeline_named(model: str | None) -> str:
    return load_pipeline(model).meta["name"]


if __name__ == "__main__":
    sys.exit(main())
