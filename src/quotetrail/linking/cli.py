"""``quotetrail link``: argparse wiring only (its evaluation is ``quotetrail eval linking``)."""

from __future__ import annotations

import argparse
import json
import sys

from quotetrail.cliargs import db_option

LINK_HELP = (
    "Link statements and speakers across the articles of a corpus: merge speaker records that "
    "are one person under different spellings (with the evidence kept), group the renderings "
    "of one utterance across outlets into clusters (copied, translated or paraphrased), and "
    "link statements that retract or clarify an utterance to it. Results are stored in the "
    "corpus; they are recomputed when quotes were added since, or with --refresh."
)

Subparsers = argparse._SubParsersAction


def add_commands(commands: Subparsers) -> None:
    lnk = commands.add_parser(
        "link",
        help="speakers under every spelling, utterance clusters, retractions",
        description=LINK_HELP,
    )
    db_option(lnk)
    lnk.add_argument("--refresh", action="store_true", help="recompute even if up to date")
    lnk.add_argument("--format", choices=("table", "jsonl"), default="table")
    lnk.add_argument("--top", type=int, default=20, metavar="N", help="clusters to list")
    lnk.set_defaults(run=run_link, parser=lnk)


def run_link(args: argparse.Namespace) -> int:
    from quotetrail.corpus.db import connect_readonly, is_stale
    from quotetrail.corpus.linking import refresh, stale
    from quotetrail.corpus.linkqueries import top_clusters

    if is_stale(args.db, stale) or args.refresh:
        run = refresh(args.db)
        print(
            f"link: {run.quotes} quotes in {run.articles} articles: {run.merges} speaker merges, "
            f"{run.clusters} utterance clusters, {run.takes_back} take-backs in "
            f"{run.seconds:.1f} s",
            file=sys.stderr,
        )
    conn = connect_readonly(args.db)
    try:
        rows = top_clusters(conn, args.top)
    finally:
        conn.close()
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=True))
        return 0
    print(f"{'cluster':<14} {'articles':>8} {'first':<10} {'speaker':<24} content")
    for row in rows:
        content = " ".join(row["content"].split())
        print(
            f"{row['id']:<14} {row['n_articles']:>8} {row['first_published'] or '-':<10} "
            f"{(row['speaker'] or '-')[:24]:<24} {content[:70]}"
        )
    if not rows:
        print("(no utterance seen in more than one article)")
    return 0
