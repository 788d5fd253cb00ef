"""Throughput and memory benchmark: bare spaCy pipeline versus spaCy plus quotetrail extraction.

Part 1 times, in one process and one run, (a) the bare ``nlp.pipe`` over a folder of texts and
(b) the same ``nlp.pipe`` with ``extract_doc`` on every document, and reports the ratio (b)/(a).
Both passes share the machine's load at that moment, so the ratio is meaningful even when
the absolute speeds are not. Extraction time is also summed inside (b) and reported as a
percentage of the parse time: that number does not depend on two separate passes.

Part 2 streams N articles (the folder repeated) through ``nlp.pipe`` + ``extract_doc`` and
samples the resident set size every K articles to show whether memory stays flat.

Example::

    python benchmarks/throughput.py --texts path/to/polnear/dev/text --articles 5000 \\
        --json build/bench_throughput.json
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import spacy

from quotetrail.extraction import MAX_PARSE_CHARS, extract_doc
from quotetrail.nlp import load_pipeline


def say(*parts: object) -> None:
    print(*parts, flush=True)


# --------------------------------------------------------------------------- input


def read_texts(folder: Path) -> list[str]:
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt files in {folder}")
    return [path.read_text(encoding="utf-8") for path in paths]


def word_count(text: str) -> int:
    """Whitespace-separated words: a tokenizer-independent measure of input size."""
    return len(text.split())


def repeated(texts: list[str], n: int) -> Iterator[str]:
    return itertools.islice(itertools.cycle(texts), n)


# --------------------------------------------------------------------------- memory


def rss_mib() -> tuple[float, str]:
    """Current resident set size in MiB, and where it was read from."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024, "VmRSS"
    except OSError:
        pass
    return peak_rss_mib(), "ru_maxrss (peak; no /proc)"


def hwm_mib() -> float | None:
    """VmHWM (the kernel's peak RSS so far) in MiB, or None without /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def checkpoint(label: str, marks: dict) -> None:
    mib, _ = rss_mib()
    peak = hwm_mib() or peak_rss_mib()
    marks[label] = {"rss_mib": mib, "peak_so_far_mib": peak}
    say(f"memory:   {label}: RSS {mib:.1f} MiB, peak (VmHWM) so far {peak:.1f} MiB")


def reset_hwm() -> bool:
    """Reset the kernel's peak-RSS counter (Linux >= 4.0), so a later VmHWM covers part 2 only."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --------------------------------------------------------------------------- part 1


@dataclass
class Pass:
    label: str
    seconds: float
    cpu_seconds: float
    articles: int
    words: int
    extract_seconds: float | None = None
    extract_cpu_seconds: float | None = None
    quotes: int | None = None
    failures: int | None = None

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    def as_dict(self) -> dict:
        data = asdict(self)
        data["articles_per_s"] = self.articles_per_s
        data["words_per_s"] = self.words_per_s
        return data


def own_pipes(nlp) -> list[str]:
    """Components quotetrail adds to the spaCy pipeline (part of its cost, not spaCy's)."""
    return [name for name in nlp.pipe_names if name.startswith("quotetrail")]


def time_bare(nlp, texts: list[str], words: int, batch_size: int) -> Pass:
    """The spaCy pipeline alone: quotetrail's own components are disabled for this pass."""
    own = own_pipes(nlp)
    gc.collect()
    with nlp.select_pipes(disable=own) if own else contextlib.nullcontext():
        cpu0, t0 = time.process_time(), time.perf_counter()
        n = 0
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            n += 1
        seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return Pass("bare", seconds, cpu, n, words)


def time_own_pipes(nlp, texts: list[str], rounds: int, batch_size: int) -> dict[str, float]:
    """Seconds spent in each of quotetrail's pipeline components, timed alone on docs
    carrying exactly the annotations the component sees inside the pipeline."""
    seconds: dict[str, float] = {}
    names = nlp.pipe_names
    for name in own_pipes(nlp):
        later = names[names.index(name) :]
        docs = list(nlp.pipe(texts, batch_size=batch_size, disable=later))
        proc = nlp.get_pipe(name)
        total = 0.0
        for _ in range(rounds):
            t0 = time.perf_counter()
            for doc in docs:
                proc(doc)
            total += time.perf_counter() - t0
        seconds[name] = total
        del docs
    return seconds


def time_full(nlp, texts: list[str], words: int, batch_size: int) -> Pass:
    gc.collect()
    extract_s = extract_cpu = 0.0
    quotes = failures = n = 0
    cpu0, t0 = time.process_time(), time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        c, t = time.process_time(), time.perf_counter()
        try:
            quotes += len(extract_doc(doc))
        except Exception:  # counted, as extract_texts would yield ExtractionFailed
            failures += 1
        extract_s += time.perf_counter() - t
        extract_cpu += time.process_time() - c
        n += 1
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return Pass("full", seconds, cpu, n, words, extract_s, extract_cpu, quotes, failures)


def ratio_part(nlp, texts: list[str], rounds: int, batch_size: int) -> dict:
    words = sum(word_count(text) for text in texts)
    bare: list[Pass] = []
    full: list[Pass] = []
    for r in range(rounds):
        order = ("bare", "full") if r % 2 == 0 else ("full", "bare")
        for which in order:
            if which == "bare":
                bare.append(time_bare(nlp, texts, words, batch_size))
            else:
                full.append(time_full(nlp, texts, words, batch_size))
        pa, pb = bare[-1], full[-1]
        say(
            f"  round {r + 1}/{rounds} ({order[0]} first): bare {pa.seconds:7.2f} s "
            f"(cpu {pa.cpu_seconds:.2f}), full {pb.seconds:7.2f} s (cpu {pb.cpu_seconds:.2f}), "
            f"ratio {pb.seconds / pa.seconds:.3f}, extraction {pb.extract_seconds:6.2f} s"
        )

    a = sum(p.seconds for p in bare)
    b = sum(p.seconds for p in full)
    a_cpu = sum(p.cpu_seconds for p in bare)
    b_cpu = sum(p.cpu_seconds for p in full)
    ex = sum(p.extract_seconds or 0.0 for p in full)
    ex_cpu = sum(p.extract_cpu_seconds or 0.0 for p in full)
    parse_in_b = b - ex
    parse_cpu_in_b = b_cpu - ex_cpu
    n_articles = rounds * len(texts)
    own = time_own_pipes(nlp, texts, rounds, batch_size)
    own_total = sum(own.values())
    spacy_in_b = parse_in_b - own_total
    return {
        "rounds": rounds,
        "articles_per_round": len(texts),
        "words_per_round": words,
        "batch_size": batch_size,
        "bare": {
            "seconds": a,
            "cpu_seconds": a_cpu,
            "articles_per_s": n_articles / a,
            "words_per_s": rounds * words / a,
        },
        "full": {
            "seconds": b,
            "cpu_seconds": b_cpu,
            "articles_per_s": n_articles / b,
            "words_per_s": rounds * words / b,
            "extract_seconds": ex,
            "extract_cpu_seconds": ex_cpu,
            "extract_ms_per_article": 1000 * ex / n_articles,
            "quotes_per_round": full[0].quotes,
            "failures": sum(p.failures or 0 for p in full),
        },
        "ratio_full_over_bare": b / a,
        "overhead_pct": 100 * (b - a) / a,
        "cpu_ratio_full_over_bare": b_cpu / a_cpu,
        "cpu_overhead_pct": 100 * (b_cpu - a_cpu) / a_cpu,
        "extract_pct_of_parse": 100 * ex / parse_in_b,
        "min_cpu_share": min(p.cpu_seconds / p.seconds for p in [*bare, *full]),
        "own_pipes_excluded_from_bare": list(own),
        "own_pipes_seconds": own,
        "own_pipes_ms_per_article": 1000 * own_total / n_articles,
        "quotetrail_pct_of_spacy": 100 * (ex + own_total) / spacy_in_b,
        "extract_cpu_pct_of_parse_cpu": 100 * ex_cpu / parse_cpu_in_b,
        "per_round": [
            {
                "bare": pa.as_dict(),
                "full": pb.as_dict(),
                "ratio": pb.seconds / pa.seconds,
                "extract_pct_of_parse": 100
                * (pb.extract_seconds or 0.0)
                / (pb.seconds - (pb.extract_seconds or 0.0)),
            }
            for pa, pb in zip(bare, full, strict=True)
        ],
    }


# --------------------------------------------------------------------------- part 2


@dataclass
class MemoryRun:
    samples: list[dict] = field(default_factory=list)
    quotes: int = 0
    failures: int = 0
    seconds: float = 0.0
    peak_mib: float = 0.0


def memory_part(nlp, stream: Iterable[str], total: int, every: int, batch_size: int) -> MemoryRun:
    """Stream ``total`` articles, sampling RSS every ``every`` articles.

    Each sample records the current RSS and, where the kernel allows resetting VmHWM, the peak
    RSS within the window since the previous sample. The current RSS depends on which batch
    is in flight when the sample is taken; the window peak does not, so it is the steadier
    measure of a leak.
    """
    run = MemoryRun()
    gc.collect()
    mib, source = rss_mib()
    windowed = reset_hwm()
    run.samples.append({"articles": 0, "rss_mib": mib, "articles_per_s": None, "source": source})
    say(
        f"  {'articles':>8}  {'RSS MiB':>8}  {'window peak':>11}  "
        f"{'art/s so far':>12}  {'art/s window':>12}"
    )
    say(f"  {0:>8}  {mib:>8.1f}")
    t0 = last_t = time.perf_counter()
    last_n = 0
    for n, doc in enumerate(nlp.pipe(stream, batch_size=batch_size), start=1):
        try:
            run.quotes += len(extract_doc(doc))
        except Exception:
            run.failures += 1
        del doc
        if n % every == 0 or n == total:
            now = time.perf_counter()
            mib, source = rss_mib()
            window_peak = hwm_mib() if windowed else None
            if windowed:
                run.peak_mib = max(run.peak_mib, window_peak or 0.0)
                reset_hwm()
            so_far = n / (now - t0)
            window = (n - last_n) / (now - last_t)
            run.samples.append(
                {
                    "articles": n,
                    "rss_mib": mib,
                    "window_peak_rss_mib": window_peak,
                    "articles_per_s": so_far,
                    "window_articles_per_s": window,
                    "source": source,
                }
            )
            peak_text = f"{window_peak:>11.1f}" if window_peak is not None else f"{'n/a':>11}"
            say(f"  {n:>8}  {mib:>8.1f}  {peak_text}  {so_far:>12.2f}  {window:>12.2f}")
            last_t, last_n = now, n
    run.seconds = time.perf_counter() - t0
    return run


def slope_per_1000(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of MiB against articles, in MiB per 1,000 articles."""
    if len(points) < 2:
        return None
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return 1000 * sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def growth(samples: list[dict], baseline_at: int, key: str = "rss_mib") -> dict | None:
    """Growth of ``key`` from the first sample at or after ``baseline_at`` to the last sample."""
    usable = [s for s in samples if s["articles"] > 0 and s.get(key) is not None]
    after = [s for s in usable if s["articles"] >= baseline_at] or usable
    if not after:
        return None
    first, last = after[0], after[-1]
    mib = last[key] - first[key]
    return {
        "measure": key,
        "baseline_articles": first["articles"],
        "baseline_mib": first[key],
        "last_articles": last["articles"],
        "last_mib": last[key],
        "growth_mib": mib,
        "growth_pct": 100 * mib / first[key],
        "min_mib": min(s[key] for s in after),
        "max_mib": max(s[key] for s in after),
        "slope_mib_per_1000_articles": slope_per_1000([(s["articles"], s[key]) for s in after]),
    }


# --------------------------------------------------------------------------- environment


def git_state() -> dict:
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=10
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "dirty_src": bool(git("status", "--porcelain", "--", "src")),
    }


def environment(nlp) -> dict:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = None
    return {
        "command": shlex.join([sys.executable, *sys.argv]),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": spacy.__version__,
        "model": f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}",
        "model_version": nlp.meta.get("version"),
        "pipes": list(nlp.pipe_names),
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "loadavg_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "git": git_state(),
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: load_pipeline's)")
    parser.add_argument(
        "--articles", type=int, default=5000, help="articles streamed in part 2 (set repeated)"
    )
    parser.add_argument("--sample-every", type=int, default=250, help="RSS sample interval")
    parser.add_argument(
        "--ratio-rounds",
        type=int,
        default=2,
        help="passes of each kind in part 1, alternating which goes first",
    )
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--baseline-at",
        type=int,
        default=500,
        help="memory growth is measured from the first sample at or after this many articles",
    )
    parser.add_argument(
        "--flat-pct", type=float, default=5.0, help="growth below this percent counts as flat"
    )
    parser.add_argument("--json", type=Path, default=None, help="write all numbers here")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.sample_every < 1 or args.ratio_rounds < 1:
        parser.error("--articles, --sample-every and --ratio-rounds must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    marks: dict[str, dict] = {}
    texts = read_texts(args.texts)
    nlp = load_pipeline(args.model)
    nlp.max_length = max(nlp.max_length, MAX_PARSE_CHARS)  # as extract_texts does
    env = environment(nlp)

    say("# quotetrail throughput benchmark")
    say(f"command:  {env['command']}")
    say(f"date:     {env['date']}")
    say(f"python:   {env['python']} ({env['platform']})")
    say(f"spacy:    {env['spacy']}; model {env['model']} {env['model_version']} {env['pipes']}")
    say(f"cpus:     {env['cpu_count']} (usable {env['cpus_usable']})")
    say(f"loadavg:  {env['loadavg_start']}")
    say(f"git:      {env['git']['commit']} (src dirty: {env['git']['dirty_src']})")
    words = sum(word_count(text) for text in texts)
    checkpoint("after loading the pipeline", marks)
    say(f"input:    {len(texts)} texts, {words} words, {sum(map(len, texts))} chars")

    # Warm-up: first-call costs of the pipeline and the cue scorer (loaded on first extract_doc).
    t = time.perf_counter()
    for doc in nlp.pipe(texts[:16], batch_size=args.batch_size):
        extract_doc(doc)
    say(f"warm-up:  {time.perf_counter() - t:.2f} s on {min(16, len(texts))} texts")
    checkpoint("after warm-up", marks)

    say(f"\n## Part 1: ratio, {args.ratio_rounds} round(s) over {len(texts)} texts")
    ratio = ratio_part(nlp, texts, args.ratio_rounds, args.batch_size)
    a, b = ratio["bare"], ratio["full"]
    say(f"  {'':<26} {'seconds':>9} {'cpu s':>9} {'articles/s':>11} {'words/s':>9}")
    for label, row in (("(a) bare spaCy nlp.pipe", a), ("(b) nlp.pipe + extract_doc", b)):
        say(
            f"  {label:<26} {row['seconds']:>9.2f} {row['cpu_seconds']:>9.2f} "
            f"{row['articles_per_s']:>11.2f} {row['words_per_s']:>9.0f}"
        )
    say(f"  ratio (b)/(a):                 {ratio['ratio_full_over_bare']:.3f}")
    say(f"  extraction overhead (b-a)/a:   {ratio['overhead_pct']:+.1f}%")
    say(f"  same on CPU time:              {ratio['cpu_overhead_pct']:+.1f}%")
    say(
        f"  extraction-only inside (b):    {b['extract_seconds']:.2f} s = "
        f"{b['extract_ms_per_article']:.1f} ms/article = "
        f"{ratio['extract_pct_of_parse']:.1f}% of parse time "
        f"({ratio['extract_cpu_pct_of_parse_cpu']:.1f}% on CPU time)"
    )
    if ratio["own_pipes_excluded_from_bare"]:
        say(
            f"  quotetrail components in (b), disabled in (a): "
            f"{', '.join(ratio['own_pipes_excluded_from_bare'])}; timed alone "
            f"{sum(ratio['own_pipes_seconds'].values()):.2f} s = "
            f"{ratio['own_pipes_ms_per_article']:.2f} ms/article"
        )
        say(
            f"  all quotetrail work inside (b) (extract_doc + components): "
            f"{ratio['quotetrail_pct_of_spacy']:.1f}% of spaCy's own time"
        )
    say(f"  quotes per pass: {b['quotes_per_round']}; extraction failures: {b['failures']}")
    checkpoint("after part 1", marks)

    say(f"\n## Part 2: memory over {args.articles} articles, sampled every {args.sample_every}")
    # memory_part resets the kernel's peak counter (which also resets ru_maxrss), so the
    # whole-process peak is the larger of the peak before part 2 and the peaks within it.
    before = hwm_mib() or peak_rss_mib()
    run = memory_part(
        nlp, repeated(texts, args.articles), args.articles, args.sample_every, args.batch_size
    )
    part2_peak = run.peak_mib or None
    peak = max(before, part2_peak or 0.0, hwm_mib() or peak_rss_mib())
    grown = {
        key: growth(run.samples, args.baseline_at, key)
        for key in ("rss_mib", "window_peak_rss_mib")
    }
    say(
        f"  {args.articles} articles in {run.seconds:.1f} s = "
        f"{args.articles / run.seconds:.2f} articles/s; quotes {run.quotes}; "
        f"failures {run.failures}"
    )
    say(f"  peak RSS (whole process incl. load and part 1): {peak:.1f} MiB")
    if part2_peak is not None:
        say(f"  peak RSS during part 2 (max of window peaks): {part2_peak:.1f} MiB")
    verdicts = []
    for key, label in (("rss_mib", "RSS at sample"), ("window_peak_rss_mib", "window peak RSS")):
        g = grown[key]
        if g is None:
            continue
        slope = g["slope_mib_per_1000_articles"]
        slope_text = f"; trend {slope:+.2f} MiB per 1,000 articles" if slope is not None else ""
        say(
            f"  {label} growth from {g['baseline_articles']} to {g['last_articles']} articles: "
            f"{g['baseline_mib']:.1f} -> {g['last_mib']:.1f} MiB = "
            f"{g['growth_mib']:+.1f} MiB ({g['growth_pct']:+.1f}%); "
            f"range {g['min_mib']:.1f}-{g['max_mib']:.1f}{slope_text}"
        )
        verdicts.append(g["growth_pct"] < args.flat_pct)
    flat = bool(verdicts) and all(verdicts)
    since = grown["rss_mib"]["baseline_articles"] if grown["rss_mib"] else args.baseline_at
    say(
        f"  verdict: memory {'FLAT' if flat else 'NOT FLAT'} "
        f"(growth {'<' if flat else '>='} {args.flat_pct:g}% from article {since} on)"
    )
    overhead_ok = ratio["overhead_pct"] <= 15.0
    say(
        f"  verdict: extraction overhead {ratio['overhead_pct']:+.1f}% wall-clock "
        f"{'meets' if overhead_ok else 'MISSES'} the <= 15% target; "
        f"{ratio['cpu_overhead_pct']:+.1f}% on CPU time; quotetrail-only work "
        f"{ratio['quotetrail_pct_of_spacy']:.1f}% of spaCy's time"
    )
    if ratio["min_cpu_share"] < 0.9:
        say(
            f"  warning: a timed pass got only {ratio['min_cpu_share']:.0%} of a CPU "
            "(other load on the machine); the wall-clock ratio is unreliable, prefer the CPU "
            "and quotetrail-only numbers"
        )
    env["loadavg_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    say(f"loadavg at end: {env['loadavg_end']}")

    if args.json:
        report = {
            "environment": env,
            "input": {"texts": len(texts), "words": words, "folder": str(args.texts)},
            "ratio": ratio,
            "memory": {
                "articles": args.articles,
                "sample_every": args.sample_every,
                "seconds": run.seconds,
                "articles_per_s": args.articles / run.seconds,
                "words_per_s": sum(map(word_count, repeated(texts, args.articles))) / run.seconds,
                "quotes": run.quotes,
                "failures": run.failures,
                "peak_rss_mib": peak,
                "part2_peak_rss_mib": part2_peak,
                "checkpoints": marks,
                "samples": run.samples,
                "growth": grown,
                "flat_threshold_pct": args.flat_pct,
                "flat": flat,
            },
            "targets": {"overhead_le_15pct": overhead_ok, "memory_flat": flat},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        say(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
