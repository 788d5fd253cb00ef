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
utterance cluster (names: both records in one merged speaker; a name no record carries is looked
up among the records' aliases). Precision and recall are over
the labelled pairs.

The default thresholds were chosen on these same pairs, so the whole-set figure flatters them.
``two_fold`` says how they generalise: the utterance pairs are shuffled (fixed seed) and halved;
on one half a small grid of cluster thresholds is searched pairwise (the highest recall at
precision >= 0.95), the whole corpus is then linked with the thresholds found and the *other*
half is scored from the clusters; and the other way round.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import sys
import tempfile
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

from quotetrail.corpus.db import connect_readonly
from quotetrail.linking import LinkingOptions

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
    from quotetrail.extraction import FindOptions
    from quotetrail.ingest import IngestOptions, ingest

    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "polnear.jsonl"
        with dump.open("w", encoding="utf-8") as f:
            for record in polnear_records(root):
                f.write(json.dumps(record) + "\n")
        # scope "all": the pairs were labelled on PolNeAR's wider notion (beliefs, plans and
        # stances too); the default "statements" scope would not store many labelled quotes.
        options = IngestOptions(workers=2, find=FindOptions(scope="all"))
        report = ingest([str(dump)], db, options)
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


#: Searched on each half in the two-fold check; everything else keeps its default.
GRID: dict[str, tuple[float | int, ...]] = {
    "cluster_similarity": (0.5, 0.55, 0.6, 0.65, 0.7),
    "close_similarity": (0.45, 0.5, 0.55, 0.6),
    "dice_similarity": (0.4, 0.5, 0.6),
    "cluster_window_days": (5, 7, 10),
}
TARGET_PRECISION = 0.95
FOLD_SEED = 3


def _grid() -> list[LinkingOptions]:
    keys = list(GRID)
    return [
        LinkingOptions(**dict(zip(keys, v, strict=True))) for v in itertools.product(*GRID.values())
    ]


def _choose(decisions: list[list[bool]], labels: list[bool]) -> int:
    """The grid point with the highest recall at precision >= the target (else the most
    precise), ties to the more precise, then to the later point (higher thresholds)."""

    def key(k: int) -> tuple:
        tp = sum(d and y for d, y in zip(decisions[k], labels, strict=True))
        fp = sum(d and not y for d, y in zip(decisions[k], labels, strict=True))
        pos = sum(labels) or 1
        p = tp / (tp + fp) if tp + fp else 1.0
        return (p >= TARGET_PRECISION, tp / pos if p >= TARGET_PRECISION else p, p, k)

    return max(range(len(decisions)), key=key)


def two_fold(db: Path, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """Tune on one half, score the other (see the module docstring); both ways."""
    from quotetrail.corpus.linking import read_inputs, refresh
    from quotetrail.linking import Idf, features, merge_speakers, same_utterance

    utterance = [p for p in pairs if p["type"] == "utterance"]
    random.Random(FOLD_SEED).shuffle(utterance)
    halves = [utterance[: len(utterance) // 2], utterance[len(utterance) // 2 :]]
    with closing(connect_readonly(db)) as conn:
        speakers, quotes, splits = read_inputs(conn)
        found = [(_find(conn, p["a"]), _find(conn, p["b"])) for p in utterance]
    grid = _grid()
    into = {m.speaker_id: m.into_id for m in merge_speakers(speakers, grid[0], splits)}
    at = {q.quote_id: n for n, q in enumerate(quotes)}
    keyed = [replace(q, speaker=into[q.speaker]) if q.speaker in into else q for q in quotes]
    bags = [features(q.content_text) for q in keyed]
    idf = Idf(bags)
    where = {id(p): f for p, f in zip(utterance, found, strict=True)}

    def decide(options: LinkingOptions, half: list[dict[str, Any]]) -> list[bool]:
        out = []
        for p in half:
            qa, qb = where[id(p)]
            if qa is None or qb is None:
                out.append(False)
                continue
            i, j = at[qa], at[qb]
            out.append(
                same_utterance(keyed[i], keyed[j], bags[i], bags[j], idf, options) is not None
            )
        return out

    folds = []
    totals = [0, 0, 0]
    for k, (tune, held) in enumerate((halves, halves[::-1])):
        labels = [bool(p["label"]) for p in tune]
        chosen = grid[_choose([decide(o, tune) for o in grid], labels)]
        refresh(db, chosen)
        result = score(db, held)["utterance_pairs"]
        for n, name in enumerate(("tp", "fp", "fn")):
            totals[n] += result[name]
        folds.append(
            {"fold": k + 1, "tuned": {name: getattr(chosen, name) for name in GRID}, **result}
        )
    refresh(db)  # leave the corpus linked with the defaults
    return {"seed": FOLD_SEED, "folds": folds, "held_out": _prf(*totals)}


def score(db: Path, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    with closing(connect_readonly(db)) as conn:
        cluster = dict(conn.execute("SELECT quote_id, cluster FROM utterances").fetchall())
        head = dict(conn.execute("SELECT speaker_id, into_id FROM speaker_merges").fetchall())
        ids: dict[str, list[str]] = {}
        for sid, name in conn.execute("SELECT id, name FROM speakers"):
            ids.setdefault(name, []).append(sid)
        # a name no record carries may still be an alias of one: ingest gives "Paul Ryan" and
        # "Paul D. Ryan" one record, named by the fuller form
        aliased: dict[str, list[str]] = {}
        for sid, alias in conn.execute(
            "SELECT a.speaker_id, a.alias FROM speaker_aliases a"
            " JOIN speakers s ON s.id = a.speaker_id WHERE s.kind = 'person'"
        ):
            aliased.setdefault(alias, []).append(sid)
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
                ra = ids.get(pair["a"]) or aliased.get(pair["a"])
                rb = ids.get(pair["b"]) or aliased.get(pair["b"])
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
    report["two_fold"] = folds = two_fold(args.db, pairs)
    for fold in folds["folds"]:
        tuned = ", ".join(f"{k} {v}" for k, v in fold["tuned"].items())
        print(
            f"two-fold, held-out half {fold['fold']}: precision {fold['precision']:.3f}  "
            f"recall {fold['recall']:.3f}  (tp {fold['tp']}, fp {fold['fp']}, fn {fold['fn']}; "
            f"tuned on the other half: {tuned})"
        )
    h = folds["held_out"]
    print(
        f"two-fold, both held-out halves: precision {h['precision']:.3f}  recall {h['recall']:.3f}"
        f"  (tp {h['tp']}, fp {h['fp']}, fn {h['fn']}; seed {folds['seed']})"
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0
