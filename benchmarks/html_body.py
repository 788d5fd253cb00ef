"""HTML body extraction benchmark: our HTML reader scored the way article-extraction-benchmark does.

The data folder holds gzipped pages named ``<sha256>.html.gz`` and ``ground-truth.json`` mapping
each sha256 to ``{"url", "articleBody"}`` (scrapinghub/article-extraction-benchmark, 181 pages).

Scoring follows that benchmark's ``evaluate.py`` (reimplemented here, not copied): text is split
into ``\\w+`` tokens (case kept), each text becomes a multiset of 4-token shingles, and per page
TP = shared shingles, FP = extra predicted ones, FN = missed true ones, normalised by their sum
so long pages weigh no more than short ones. Precision is the mean of the per-page precisions
over pages that predicted something, recall the mean per-page recall over pages with a true
body, F1 the harmonic mean of those two means; ``±`` is the bootstrap standard deviation.

Two figures are printed. "extraction" scores the body from ``extract_page`` (the reader's
decoding, trafilatura settings and time limit) on every page: that is what the published
trafilatura figure (0.958) measures. "as read" scores what ``read_html`` yields, so the pages
its English check refuses (22 of the 181: Korean, Russian, Portuguese, German... pages)
count as empty predictions; "as read, English pages" does the same on the pages whose true body
passes that English check, the pages quotetrail is for. A page with no body or over the time
limit is an empty prediction in all three.

Example::

    python benchmarks/html_body.py --data ../shared/data/html-articles --json build/html.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import shlex
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import trafilatura

from quotetrail.errors import ExtractionTimeout, InputError
from quotetrail.read import ReadOptions, check_text
from quotetrail.read.html import decode_html, extract_page

SHINGLE_TOKENS = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    key: str
    url: str
    tp: float
    fp: float
    fn: float
    exact: bool
    code: str | None  # the reader's error code when it yields a Failure for this page
    seconds: float
    english: bool  # the true body passes the reader's English check

    def as_read(self) -> PageScore:
        """The score of what read_html yields: a page it refuses is an empty prediction."""
        if self.code is None or self.tp + self.fp == 0:
            return self
        total = self.tp + self.fn
        return dataclasses.replace(self, tp=0.0, fp=0.0, fn=1.0 if total else 0.0, exact=False)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Overlapping 4-token shingles; a text shorter than that is one shingle of all its tokens."""
    words = tokens(text)
    count = max(1, len(words) - SHINGLE_TOKENS + 1)
    return Counter(tuple(words[i : i + SHINGLE_TOKENS]) for i in range(count) if words[i:])


def match(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) over shingle counts of one page."""
    gold, guess = shingles(true), shingles(pred)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def summarize(pages: list[PageScore]) -> dict[str, float]:
    precision = statistics.mean(page_precision(p.tp, p.fp, p.fn) for p in pages if p.tp + p.fp > 0)
    recall = statistics.mean(page_recall(p.tp, p.fp, p.fn) for p in pages if p.tp + p.fn > 0)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "accuracy": statistics.mean(float(p.exact) for p in pages),
    }


def bootstrap_std(pages: list[PageScore], rounds: int, seed: int = 0) -> dict[str, float]:
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {}
    for _ in range(rounds):
        drawn = [pages[rng.randrange(len(pages))] for _ in pages]
        for key, value in summarize(drawn).items():
            samples.setdefault(key, []).append(value)
    return {key: statistics.stdev(values) for key, values in samples.items()}


def predict(path: Path, url: str, extractor: str, options: ReadOptions) -> tuple[str, str | None]:
    """Extracted body text, and the code of the Failure read_html would yield for the page."""
    data = path.read_bytes()
    if extractor == "trafilatura":  # the benchmark's own trafilatura run, for comparison
        html = decode_html(data, options.max_html_bytes)
        return trafilatura.extract(html, include_comments=False) or "", None
    try:
        text = extract_page(data, str(path), url=url, options=options).text
    except InputError as err:
        return "", err.code
    try:
        check_text(text, str(path), max_chars=options.max_chars)
    except InputError as err:
        return text, err.code
    return text, None


def is_english(text: str) -> bool:
    """Whether a text passes the reader's English check."""
    try:
        check_text(text, "ground truth")
    except InputError:
        return False
    return True


def run(data: Path, extractor: str, options: ReadOptions) -> list[PageScore]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        started = time.perf_counter()
        pred, code = predict(data / f"{key}.html.gz", item["url"], extractor, options)
        seconds = time.perf_counter() - started
        true = item.get("articleBody") or ""
        tp, fp, fn = match(true, pred)
        exact = tokens(true) == tokens(pred)
        english = is_english(true)
        pages.append(PageScore(key, item["url"], tp, fp, fn, exact, code, seconds, english))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with ground-truth.json")
    parser.add_argument("--json", type=Path, help="write per-page results here")
    parser.add_argument("--timeout", type=float, default=ReadOptions().html_timeout)
    parser.add_argument("--bootstrap", type=int, default=1000, help="resamples for the ± figures")
    parser.add_argument(
        "--extractor",
        choices=["reader", "trafilatura"],
        default="reader",
        help="quotetrail's read_html (default) or bare trafilatura.extract as the benchmark ran it",
    )
    args = parser.parse_args(argv)
    options = ReadOptions(html_timeout=args.timeout)
    started = time.perf_counter()
    pages = run(args.data, args.extractor, options)
    elapsed = time.perf_counter() - started
    codes = Counter(p.code for p in pages if p.code)
    print("command: python", shlex.join(["benchmarks/html_body.py", *(argv or sys.argv[1:])]))
    print(f"extractor: {args.extractor}, pages: {len(pages)}, {elapsed:.1f} s")
    report: dict[str, object] = {}
    english = [p.as_read() for p in pages if p.english]
    for label, scored in (
        ("extraction", pages),
        ("as read", [p.as_read() for p in pages]),
        (f"as read, {len(english)} English pages", english),
    ):
        metrics = summarize(scored)
        spread = bootstrap_std(scored, args.bootstrap) if args.bootstrap > 1 else {}
        report[label] = {"metrics": metrics, "std": spread}
        print(
            f"{label}: "
            + "  ".join(
                f"{name}={metrics[name]:.3f} ± {spread.get(name, 0.0):.3f}"
                for name in ("f1", "precision", "recall", "accuracy")
            )
        )
    timed_out = codes.get(ExtractionTimeout.code, 0)
    by_code = dict(sorted(codes.items()))
    print(f"reader failures: {sum(codes.values())} {by_code}, timed out: {timed_out}")
    print(f"slowest page: {max(p.seconds for p in pages):.2f} s")
    if args.json:
        report["pages"] = [asdict(p) for p in pages]
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
