"""``quotetrail provenance``: argparse wiring only (the benchmark: ``eval provenance``)."""

from __future__ import annotations

import argparse
import json
import sys

from quotetrail.cliargs import db_option

PROVENANCE_HELP = (
    "Which articles of a corpus copy or rewrite which: one line per related pair, with the "
    "aligned passages as evidence and the direction (dated when publication dates decide it, "
    "undetermined when they are missing or tied). Results are computed over the whole corpus "
    "and stored in it; they are recomputed when articles were added since, or with --refresh."
)


Subparsers = argparse._SubParsersAction


def add_commands(commands: Subparsers) -> None:
    prov = commands.add_parser(
        "provenance", help="copies, rewrites and their sources", description=PROVENANCE_HELP
    )
    db_option(prov)
    prov.add_argument("--article", metavar="ID", help="only the pairs this article is in")
    prov.add_argument("--format", choices=("table", "jsonl"), default="table")
    prov.add_argument("--refresh", action="store_true", help="recompute even if up to date")
    prov.set_defaults(run=run_provenance, parser=prov)


def run_provenance(args: argparse.Namespace) -> int:
    from quotetrail.corpus.db import connect_readonly, is_stale
    from quotetrail.corpus.provenance import pair_rows, refresh, stale

    if is_stale(args.db, stale) or args.refresh:
        run = refresh(args.db)
        print(
            f"provenance: {run.articles} articles, {run.pairs} related pairs, "
            f"{run.clusters} quote clusters in {run.seconds:.1f} s",
            file=sys.stderr,
        )
    conn = connect_readonly(args.db)
    try:
        rows = pair_rows(conn, args.article)
        titles = dict(conn.execute("SELECT id, COALESCE(title, source) FROM articles").fetchall())
    finally:
        conn.close()
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=True))
        return 0
    print(f"{'label':<13} {'direction':<12} {'containment':<11} source -> copy")
    for row in rows:
        a, b = row["containment"]
        print(
            f"{row['label']:<13} {row['direction']:<12} {a:.2f}/{b:.2f}   "
            f"{row['source_id']} ({_short(titles.get(row['source_id']))}) -> "
            f"{row['copy_id']} ({_short(titles.get(row['copy_id']))}), "
            f"{len(row['passages'])} passages"
        )
    if not rows:
        print("(no related articles)")
    return 0


def _short(title: str | None, width: int = 40) -> str:
    text = " ".join((title or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"
