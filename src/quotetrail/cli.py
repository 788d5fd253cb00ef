"""The ``quotetrail`` command: parses arguments, calls the packages, prints.

Exit codes: 0 done (some input may have been skipped), 1 every input failed, 2 usage error or a
problem the user must fix first (such as a missing spaCy pipeline).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from quotetrail import __version__
from quotetrail.cliargs import (
    ALL_FAILED,
    OK,
    USAGE,
    min_confidence_option,
    reading_options,
    scope_option,
    unit_float,
    usage_error,
    width_option,
)
from quotetrail.corpus.cli import add_commands as add_corpus_commands
from quotetrail.errors import QuotetrailError
from quotetrail.eval.cli import add_commands as add_eval_commands
from quotetrail.extraction import FindOptions
from quotetrail.extraction.queue import extract_articles
from quotetrail.ingest.cli import add_commands as add_ingest_commands
from quotetrail.linking.cli import add_commands as add_linking_commands
from quotetrail.output import (
    CONTENT_WIDTH,
    Progress,
    article_record,
    format_table,
    jsonl_line,
    skip_line,
)
from quotetrail.provenance.cli import add_commands as add_provenance_commands
from quotetrail.read import read_sources
from quotetrail.records import Failure
from quotetrail.spark.cli import add_commands as add_spark_commands
from quotetrail.web.cli import add_commands as add_web_commands

PROG = "quotetrail"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Who said what: attributed statements in English news."
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ext = commands.add_parser(
        "extract",
        help="attributed statements of .txt/.html/.jsonl files, folders or - (stdin)",
        description="Print the attributed statements of each article: one JSON line per "
        "article (--format jsonl) or a table. Unusable inputs are reported on stderr as "
        "'skip SOURCE: [CODE] reason' and the run goes on.",
    )
    ext.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    ext.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default="jsonl",
        help="one JSON line per article (default), or a readable table per article",
    )
    reading_options(ext)
    ext.add_argument(
        "--threshold",
        type=unit_float,
        metavar="F",
        help=f"minimum cue probability for a statement (default {FindOptions().threshold})",
    )
    ext.add_argument(
        "--scorer",
        choices=("blend", "model", "table"),
        default="blend",
        help="cue scorer: classifier floored by the cue table (default), classifier, or table",
    )
    scope_option(ext)
    min_confidence_option(ext)
    ext.add_argument("--errors", type=Path, metavar="PATH", help="also write skips as jsonl")
    width_option(ext, CONTENT_WIDTH)
    ext.set_defaults(run=run_extract, parser=ext)

    add_eval_commands(commands)
    add_ingest_commands(commands)
    add_corpus_commands(commands)
    add_web_commands(commands)
    add_provenance_commands(commands)
    add_linking_commands(commands)
    add_spark_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # argparse exits for --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else USAGE
    args.argv = argv
    try:
        return args.run(args)
    except QuotetrailError as err:
        print(f"{PROG}: error: [{err.code}] {err}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `quotetrail extract ... | head`: stop quietly, as Python advises
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


# -- extract ---------------------------------------------------------------------------------
def run_extract(args: argparse.Namespace) -> int:
    threshold = args.threshold if args.threshold is not None else FindOptions().threshold
    options = FindOptions(
        threshold=threshold,
        scorer=args.scorer,
        scope=args.scope,
        min_confidence=args.min_confidence,
    )
    try:
        items = read_sources(args.paths, max_chars=args.max_chars, encoding=args.encoding)
    except LookupError as err:
        return usage_error(args.parser, str(err))
    try:
        errors = args.errors.open("w", encoding="utf-8") if args.errors else None
    except OSError as err:
        return usage_error(
            args.parser, f"cannot write --errors {args.errors}: {err.strerror or err}"
        )
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="backslashreplace")  # a table of odd text must still print
    run = _Run(sys.stderr, errors, progress=sys.stderr.isatty())
    # A terminal's width (or $COLUMNS); unlimited when the table goes to a file or a pipe.
    line_width = shutil.get_terminal_size((0, 0)).columns or None
    try:
        for result in extract_articles(items, model=args.model, options=options):
            if isinstance(result, Failure):
                run.skip(result)
                continue
            article, quotes = result
            if args.format == "table":
                table = format_table(
                    article, quotes, line_width=line_width, content_width=args.width
                )
                print(table, end="\n\n", file=out)
            else:
                print(jsonl_line(article_record(article, quotes)), file=out)
            run.succeeded()
        out.flush()
    finally:
        run.close()
    return ALL_FAILED if run.failed and not run.done else OK


class _Run:
    """Counts of one extract run, and the stderr side of it: skips and progress."""

    def __init__(self, stderr: TextIO, errors: TextIO | None, *, progress: bool) -> None:
        self.stderr = stderr
        self.errors = errors
        self.progress = Progress(stderr, enabled=progress)
        self.done = 0
        self.failed = 0

    def skip(self, failure: Failure) -> None:
        self.failed += 1
        self.progress.clear()
        print(skip_line(failure), file=self.stderr, flush=True)
        if self.errors is not None:
            print(jsonl_line(failure.to_dict()), file=self.errors, flush=True)

    def succeeded(self) -> None:
        self.done += 1
        self.progress.advance()

    def close(self) -> None:
        self.progress.clear()
        if self.errors is not None:
            self.errors.close()


if __name__ == "__main__":
    raise SystemExit(main())
