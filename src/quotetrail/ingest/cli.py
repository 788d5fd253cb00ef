"""The ``ingest`` command: sources into a corpus database.

In ``quotetrail/cli.py``'s ``build_parser``: ``add_commands(commands)``. The ingester is
imported when the command runs, so ``quotetrail --help`` stays quick.
"""

from __future__ import annotations

import argparse
import sys

from quotetrail.cliargs import (
    ALL_FAILED,
    OK,
    db_option,
    min_confidence_option,
    missing_paths,
    positive_int,
    reading_options,
    scope_option,
    usage_error,
)
from quotetrail.corpus.store import StoreOptions
from quotetrail.errors import NotArticleJson
from quotetrail.ingest.options import IngestOptions
from quotetrail.output import Progress, skip_line
from quotetrail.read import ReadOptions, http_cache_beside
from quotetrail.records import Failure

__all__ = ["add_commands", "run_ingest"]

#: Deliberate skips worth a line on stderr: a file the user gave that was left unread. Routine
#: ones (a page unchanged since the last run, a WARC capture that is an image) stay quiet.
ANNOUNCED_SKIPS = frozenset({NotArticleJson.code})


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``ingest`` to the ``quotetrail`` parser."""
    ing = commands.add_parser(
        "ingest",
        help="extract statements from sources and store them in a corpus database",
        description="Read each source (file, folder, URL, RSS/Atom feed, WARC file, .jsonl "
        "dump, - for stdin), skip articles already stored (same URL or content), extract the "
        "rest and store articles, quotes and speakers. Safe to interrupt and re-run: the "
        "re-run finishes the job without duplicates. Unusable inputs are reported on stderr "
        "and recorded in the ingest_errors table.",
    )
    ing.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="file, folder, URL, feed, WARC, or -"
    )
    db_option(ing)
    ing.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        metavar="N",
        help="extraction processes, each loading the pipeline once (default 1: in-process)",
    )
    reading_options(ing)
    scope_option(ing)
    min_confidence_option(ing)
    ing.add_argument(
        "--commit-every",
        type=positive_int,
        default=StoreOptions().commit_every,
        metavar="N",
        help=f"articles per transaction (default {StoreOptions().commit_every}; a transaction "
        f"is also committed after {StoreOptions().commit_seconds:g} s)",
    )
    ing.set_defaults(run=run_ingest, parser=ing)


def run_ingest(args: argparse.Namespace) -> int:
    from quotetrail.extraction import FindOptions
    from quotetrail.ingest.run import ingest

    try:
        options = IngestOptions(
            workers=args.workers,
            model=args.model,
            read=ReadOptions(
                max_chars=args.max_chars,
                encoding=args.encoding,
                http_cache=http_cache_beside(args.db),
            ),
            store=StoreOptions(commit_every=args.commit_every),
            find=FindOptions(scope=args.scope, min_confidence=args.min_confidence),
        )
    except (ValueError, LookupError) as err:
        return usage_error(args.parser, str(err))
    if missing := missing_paths(args.sources):
        return usage_error(
            args.parser,
            f"no such file or folder: {', '.join(missing)} (nothing was read or created)",
        )
    progress = Progress(sys.stderr, enabled=sys.stderr.isatty())

    def on_event(outcome: str, failure: Failure | None) -> None:
        if failure is not None and (outcome == "failed" or failure.code in ANNOUNCED_SKIPS):
            progress.clear()
            print(skip_line(failure), file=sys.stderr, flush=True)
        progress.advance(failed=outcome == "failed")

    try:
        report = ingest(args.sources, args.db, options, on_event=on_event)
    finally:
        progress.clear()
    print(f"{args.db}: {report.summary()}")
    usable = report.stored + report.duplicates + report.skipped
    return ALL_FAILED if report.failed and not usable else OK
