"""The corpus commands: ``speakers``, ``quotes`` and ``export``.

In ``quotetrail/cli.py``'s ``build_parser``: ``add_commands(commands)``. The query modules are
imported when a command runs, so ``quotetrail --help`` stays quick.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from contextlib import closing
from pathlib import Path

from quotetrail.cliargs import (
    OK,
    db_option,
    iso_date,
    positive_int,
    unit_float,
    usage_error,
    width_option,
)
from quotetrail.corpus.db import connect_readonly
from quotetrail.corpus.export import FORMATS, TABLES
from quotetrail.corpus.tables import CONTENT_WIDTH
from quotetrail.output import jsonl_line

__all__ = ["add_commands", "run_export", "run_quotes", "run_speakers"]


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``speakers``, ``quotes`` and ``export`` to the ``quotetrail`` parser."""
    spk = commands.add_parser(
        "speakers",
        help="the most quoted speakers in a corpus",
        description="Speakers recognised across articles, most quoted first, with the roles "
        "and names they appeared under and the dates of the articles they appeared in.",
    )
    db_option(spk)
    spk.add_argument(
        "--top", type=positive_int, default=20, metavar="N", help="how many (default 20)"
    )
    spk.add_argument("--format", choices=("table", "jsonl"), default="table")
    spk.add_argument(
        "--merged",
        action="store_true",
        help="list the records `quotetrail link` merged (spelling variants, misnamings) and why",
    )
    spk.add_argument(
        "--split",
        nargs=2,
        metavar="ID",
        help="undo a merge: the two speaker records are two people, in every later link run",
    )
    spk.set_defaults(run=run_speakers, parser=spk)

    qts = commands.add_parser(
        "quotes",
        help="list and search the quotes in a corpus",
        description="Quotes from the newest articles first; the filters combine.",
    )
    db_option(qts)
    qts.add_argument("--speaker", metavar="NAME", help="a speaker's name or any alias, any case")
    qts.add_argument(
        "--search",
        metavar="TEXT",
        help='words that must all occur in the quote (stemmed: "repair" finds "repairs"); '
        "wrap the text in double quotes for an exact phrase",
    )
    qts.add_argument("--since", type=iso_date, metavar="DATE", help="articles dated on or after")
    qts.add_argument("--until", type=iso_date, metavar="DATE", help="articles dated on or before")
    qts.add_argument("--outlet", metavar="NAME", help="outlet name or web domain")
    qts.add_argument("--kind", choices=("direct", "indirect", "mixed"))
    qts.add_argument(
        "--min-confidence",
        type=unit_float,
        metavar="F",
        help="only statements the finder rated at least F (0-1); drops unscored quotations "
        "given to the speaker in focus",
    )
    qts.add_argument(
        "--cluster",
        metavar="ID",
        help="the renderings of one utterance cluster (and statements taking it back)",
    )
    qts.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help="at most N (default 20)"
    )
    qts.add_argument("--format", choices=("table", "jsonl"), default="table")
    width_option(qts, CONTENT_WIDTH)
    qts.set_defaults(run=run_quotes, parser=qts)

    exp = commands.add_parser(
        "export",
        help="write a corpus table as JSON Lines, CSV or Parquet",
        description="Write every row of one table. Articles carry source, URL, title, outlet, "
        "authors, dates, text and content hash; quotes carry article id, offsets and speaker "
        "id; Parquet columns and types are fixed (see README).",
    )
    db_option(exp)
    exp.add_argument("--table", choices=TABLES, required=True)
    exp.add_argument("--format", choices=FORMATS, default="jsonl", help="(default jsonl)")
    exp.add_argument(
        "--output",
        default="-",
        metavar="PATH",
        help="file to write (replaced only once complete), or - for stdout (default)",
    )
    exp.set_defaults(run=run_export, parser=exp)


def run_speakers(args: argparse.Namespace) -> int:
    from quotetrail.corpus.queries import merged_speakers, top_speakers
    from quotetrail.corpus.tables import format_merges, format_speakers

    if args.split:
        from quotetrail.corpus.linking import split_speakers

        connect_readonly(args.db).close()  # a missing or foreign corpus is reported as such
        if not split_speakers(args.db, *args.split):
            return usage_error(args.parser, "--split needs the ids of two different speakers")
        print(f"split {args.split[0]} and {args.split[1]}: kept apart by every later link run")
        return OK
    if args.merged:
        with closing(connect_readonly(args.db)) as conn:
            merges = merged_speakers(conn)
        if args.format == "jsonl":
            for row in merges:
                print(jsonl_line(row))
        else:
            print(format_merges(merges))
        return OK
    with closing(connect_readonly(args.db)) as conn:
        rows = top_speakers(conn, args.top)
    if args.format == "jsonl":
        for row in rows:
            print(jsonl_line(row))
    else:
        print(format_speakers(rows))
    return OK


def run_quotes(args: argparse.Namespace) -> int:
    from quotetrail.corpus.queries import QuoteFilter, find_quotes, fts_query
    from quotetrail.corpus.tables import format_quotes

    if args.search is not None:
        try:
            fts_query(args.search)
        except ValueError as err:
            return usage_error(args.parser, str(err))
    where = QuoteFilter(
        speaker=args.speaker,
        search=args.search,
        since=args.since,
        until=args.until,
        outlet=args.outlet,
        kind=args.kind,
        min_confidence=args.min_confidence,
        cluster=args.cluster,
        limit=args.limit,
    )
    with closing(connect_readonly(args.db)) as conn:
        rows = find_quotes(conn, where)
    if args.format == "jsonl":
        for row in rows:
            print(jsonl_line(row))
    else:
        line_width = shutil.get_terminal_size((0, 0)).columns or None
        print(format_quotes(rows, line_width=line_width, content_width=args.width))
    return OK


def run_export(args: argparse.Namespace) -> int:
    from quotetrail.corpus.export import export_table

    to_stdout = args.output == "-"
    if to_stdout and args.format == "parquet" and sys.stdout.isatty():
        return usage_error(args.parser, "Parquet is binary: pass --output PATH or redirect stdout")
    with closing(connect_readonly(args.db)) as conn:
        if to_stdout:
            sys.stdout.flush()
            count = export_table(conn, args.table, args.format, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            target = Path(args.output)
            partial = target.with_name(f".{target.name}.partial")
            try:
                with partial.open("wb") as out:
                    count = export_table(conn, args.table, args.format, out)
                partial.replace(target)
            except OSError as err:
                partial.unlink(missing_ok=True)
                return usage_error(args.parser, f"cannot write {target}: {err.strerror or err}")
    where = "stdout" if to_stdout else args.output
    print(f"exported {count:,} {args.table} rows to {where}", file=sys.stderr)
    return OK
