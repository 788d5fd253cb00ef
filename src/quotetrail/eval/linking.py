"""Linking benchmark: labelled same-utterance and same-person pairs on PolNeAR train and dev.

``benchmarks/data/linking_pairs.jsonl`` holds pairs read and labelled by a person (how they
were drawn: ``benchmarks/linking_candidates.py``): quotes of two articles whose speakers share
a surname and whose words overlap at all, labelled *same utterance* (same speaker, same
occasion: copies, re-wordings) or not (hard negatives: same speaker, another occasion); and
pairs of speaker names, labelled *same person* or not.

Scoring runs the real pipeline: the PolNeAR articles (train and dev only) are ingested into a
corpus with their outlet and date (once; ``--db`` is reused when it exists), ``quotetrail link``
runs over it, and each labelled quote is found again by its article and content offsets (the
stored quote covering most of it). A pair is predicted positive when both quotes sit in one
utterance cluster (names: both records in one merged speaker). Precision and recall are over
the labelled pairs.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

from quotetrail.corpus.db import connect_readonly

DEFAULT_PAIRS = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "linking_pairs.jsonl"
COMPARTMENTS = ("train", "dev")  # never test


def polnear_records(root: Path) -> list[dict[str, Any]]:
    """The train and dev articles as ingest records, with publisher and date from metadata."""
    meta: dict[tuple[str, str], dict[str, str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["compartment"], row["filename"]] = row
    out = []
    for comp in COMPARTMENTS:
        for path in sorted((root / comp / "text").glob("*.txt")):
            m = meta.get((comp, path.stem), {})
            out.append(
                {
                    "id": f"{comp}/{path.stem}",
                    "text": path.read_text(encoding="utf-8"),
                    "outlet": m.get("publisher"),
                    "published": m.get("publication_date"),
                    "title": m.get("title"),
                }
            )
    return out


def ensure_corpus(root: Path, db: Path) -> None:
    """Ingest PolNeAR train and dev into ``db`` unless it already holds them."""
    if db.is_file():
        return
    from quotetrail.ingest import IngestOptions, ingest

    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "polnear.jsonl"
        with dump.open("w", encoding="utf-8") as f:
            for record in polnear_records(root):
                f.write(json.dumps(record) + "\n")
        report = ingest([str(dump)], db, IngestOptions(workers=2))
    print(f"{db}: {report.summary()}", file=sys.stderr)


def _find(conn, side: dict[str, Any]) -> str | None:
    """The stored quote that covers most of a labelled span (at least half of it)."""
    rows = conn.execute(
        """SELECT id, content_start, content_end FROM quotes WHERE article_id = ?
           AND content_start < ? AND content_end > ?""",
        (side["article"], side["end"], side["start"]),
    ).fetchall()
    best, cover = None, 0
    for qid, start, end in rows:
        shared = min(end, side["end"]) - max(start, side["start"])
        if shared > cover:
            best, cover = qid, shared
    return best if cover * 2 >= side["end"] - side["start"] else None


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "tp": tp, "fp": fp, "fn": fn}


def score(db: Path, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    with closing(connect_readonly(db)) as conn:
        cluster = dict(conn.execute("SELECT quote_id, cluster FROM utterances").fetchall())
        head = dict(conn.execute("SELECT speaker_id, into_id FROM speaker_merges").fetchall())
        ids: dict[str, list[str]] = {}
        for sid, name in conn.execute("SELECT id, name FROM speakers"):
            ids.setdefault(name, []).append(sid)
        counts = {"utterance": [0, 0, 0], "name": [0, 0, 0]}
        missing = {"utterance": 0, "name": 0}
        errors: list[dict[str, Any]] = []
        for pair in pairs:
            kind = pair["type"]
            if kind == "utterance":
                qa, qb = _find(conn, pair["a"]), _find(conn, pair["b"])
                if qa is None or qb is None:
                    missing[kind] += 1
                predicted = bool(
                    qa and qb and cluster.get(qa) and cluster.get(qa) == cluster.get(qb)
                )
            else:
                ra, rb = ids.get(pair["a"]), ids.get(pair["b"])
                if not ra or not rb:
                    missing[kind] += 1
                    predicted = False
                else:
                    heads_a = {head.get(x, x) for x in ra}
                    predicted = any(head.get(x, x) in heads_a for x in rb)
            c = counts[kind]
            if predicted and pair["label"]:
                c[0] += 1
            elif predicted:
                c[1] += 1
                errors.append({"error": "false merge", **pair})
            elif pair["label"]:
                c[2] += 1
                errors.append({"error": "missed", **pair})
    labelled = {k: sum(1 for p in pairs if p["type"] == k) for k in counts}
    positives = {k: sum(1 for p in pairs if p["type"] == k and p["label"]) for k in counts}
    return {
        "utterance_pairs": {
            **_prf(*counts["utterance"]),
            "labelled": labelled["utterance"],
            "positives": positives["utterance"],
            "not_found": missing["utterance"],
        },
        "name_pairs": {
            **_prf(*counts["name"]),
            "labelled": labelled["name"],
            "positives": positives["name"],
            "not_found": missing["name"],
        },
        "errors": errors,
    }


def run_eval(args: argparse.Namespace) -> int:
    """``quotetrail eval linking``: ingest PolNeAR once, link, score the labelled pairs."""
    from quotetrail.corpus.linking import refresh

    args.pairs = args.pairs or DEFAULT_PAIRS

    ensure_corpus(args.polnear, args.db)
    run = refresh(args.db)
    with args.pairs.open(encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    report = score(args.db, pairs)
    report["data"] = {"polnear": str(args.polnear), "pairs": str(args.pairs), "db": str(args.db)}
    report["run"] = {
        "quotes": run.quotes,
        "articles": run.articles,
        "merges": run.merges,
        "clusters": run.clusters,
        "takes_back": run.takes_back,
        "seconds": run.seconds,
    }
    for name in ("utterance_pairs", "name_pairs"):
        r = report[name]
        print(
            f"{name:<16} precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
            f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']}; {r['labelled']} labelled, "
            f"{r['positives']} positive, {r['not_found']} not found in the corpus)"
        )
    print(
        f"corpus: {run.articles} articles, {run.quotes} quotes; {run.merges} merges, "
        f"{run.clusters} clusters, {run.takes_back} take-backs in {run.seconds:.1f} s"
    )
    print(f"command: quotetrail eval linking --polnear {args.polnear} --db {args.db}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0
