"""The ``quotetrail`` command: parses arguments, calls the packages, prints.

Exit codes: 0 done (some input may have been skipped), 1 every input failed, 2 usage error or a
problem the user must fix first (such as a missing spaCy pipeline).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shlex
import shutil
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import date
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import TextIO

from quotetrail import __version__
from quotetrail.argtypes import positive_int
from quotetrail.corpus.db import connect_readonly
from quotetrail.corpus.export import FORMATS, TABLES
from quotetrail.corpus.store import StoreOptions
from quotetrail.errors import ExtractionFailed, QuotetrailError
from quotetrail.extraction import FindOptions, extract_texts
from quotetrail.ingest import DEFAULT_DB
from quotetrail.output import Progress, article_record, format_table, jsonl_line, skip_line
from quotetrail.provenance_cli import add_commands as add_provenance_commands
from quotetrail.read import (
    DEFAULT_MAX_CHARS,
    Failure,
    ReadOptions,
    http_cache_beside,
    read_sources,
)
from quotetrail.records import Article
from quotetrail.spark.cli import add_commands as add_spark_commands
from quotetrail.web.cli import add_commands as add_web_commands

OK, ALL_FAILED, USAGE = 0, 1, 2
PROG = "quotetrail"
MODEL_HELP = "installed spaCy English pipeline (default: en_core_web_sm, else the pinned copy)"


def _unit_float(value: str) -> float:
    number = float(value)
    if not 0.0 < number < 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1 (exclusive), not {value}")
    return number


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date as YYYY-MM-DD, not {value}") from None


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
    ext.add_argument("--model", metavar="NAME", help=MODEL_HELP)
    ext.add_argument(
        "--max-chars",
        type=positive_int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"skip documents longer than this (default {DEFAULT_MAX_CHARS:,})",
    )
    ext.add_argument(
        "--encoding", default="utf-8", metavar="ENC", help="of text files and stdin (default utf-8)"
    )
    ext.add_argument(
        "--threshold",
        type=_unit_float,
        metavar="F",
        help=f"minimum cue probability for a statement (default {FindOptions().threshold})",
    )
    ext.add_argument(
        "--scorer",
        choices=("blend", "model", "table"),
        default="blend",
        help="cue scorer: classifier floored by the cue table (default), classifier, or table",
    )
    ext.add_argument("--errors", type=Path, metavar="PATH", help="also write skips as jsonl")
    ext.set_defaults(run=run_extract, parser=ext)

    ev = commands.add_parser("eval", help="score extraction against a gold set")
    sets = ev.add_subparsers(dest="gold_set", required=True, metavar="SET")
    pol = sets.add_parser(
        "polnear",
        help="PolNeAR brat files",
        description="Score against a PolNeAR compartment (DIR/text/*.txt, DIR/attributions/).",
    )
    pol.add_argument("directory", type=Path, metavar="DIR")
    pol.add_argument("--model", metavar="NAME", help=MODEL_HELP)
    pol.add_argument("--limit", type=positive_int, metavar="N", help="first N articles only")
    pol.add_argument("--json", type=Path, metavar="PATH", help="also write the report as JSON")
    pol.set_defaults(run=run_eval_polnear, parser=pol)

    train = commands.add_parser(
        "train-cues",
        help="learn the cue table and cue classifier from PolNeAR train",
        description="Learn cues from a PolNeAR compartment; writes cues.tsv and cue_model.json.",
    )
    train.add_argument("directory", type=Path, metavar="DIR")
    train.add_argument(
        "--output",
        type=Path,
        metavar="DIR",
        help="folder for cues.tsv and cue_model.json (default: the packaged extraction/data/)",
    )
    train.add_argument("--model", metavar="NAME", help=MODEL_HELP)
    train.set_defaults(run=run_train_cues, parser=train)
    _add_corpus_commands(commands)
    add_web_commands(commands)
    add_provenance_commands(commands, sets)
    add_spark_commands(commands)
    return parser


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(DEFAULT_DB),
        metavar="PATH",
        help=f"corpus database (SQLite; default {DEFAULT_DB})",
    )


def _add_corpus_commands(commands: argparse._SubParsersAction) -> None:
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
    _db_option(ing)
    ing.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        metavar="N",
        help="extraction processes, each loading the pipeline once (default 1: in-process)",
    )
    ing.add_argument("--model", metavar="NAME", help=MODEL_HELP)
    ing.add_argument(
        "--max-chars",
        type=positive_int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"skip documents longer than this (default {DEFAULT_MAX_CHARS:,})",
    )
    ing.add_argument(
        "--encoding", default="utf-8", metavar="ENC", help="of text files and stdin (default utf-8)"
    )
    ing.add_argument(
        "--commit-every",
        type=positive_int,
        default=StoreOptions().commit_every,
        metavar="N",
        help=f"articles per transaction (default {StoreOptions().commit_every}; a transaction "
        f"is also committed after {StoreOptions().commit_seconds:g} s)",
    )
    ing.set_defaults(run=run_ingest, parser=ing)

    spk = commands.add_parser(
        "speakers",
        help="the most quoted speakers in a corpus",
        description="Speakers recognised across articles, most quoted first, with the roles "
        "and names they appeared under and the dates of the articles they appeared in.",
    )
    _db_option(spk)
    spk.add_argument(
        "--top", type=positive_int, default=20, metavar="N", help="how many (default 20)"
    )
    spk.add_argument("--format", choices=("table", "jsonl"), default="table")
    spk.set_defaults(run=run_speakers, parser=spk)

    qts = commands.add_parser(
        "quotes",
        help="list and search the quotes in a corpus",
        description="Quotes from the newest articles first; the filters combine.",
    )
    _db_option(qts)
    qts.add_argument("--speaker", metavar="NAME", help="a speaker's name or any alias, any case")
    qts.add_argument(
        "--search",
        metavar="TEXT",
        help='words that must all occur in the quote (stemmed: "repair" finds "repairs"); '
        "wrap the text in double quotes for an exact phrase",
    )
    qts.add_argument("--since", type=_iso_date, metavar="DATE", help="articles dated on or after")
    qts.add_argument("--until", type=_iso_date, metavar="DATE", help="articles dated on or before")
    qts.add_argument("--outlet", metavar="NAME", help="outlet name or web domain")
    qts.add_argument("--kind", choices=("direct", "indirect", "mixed"))
    qts.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help="at most N (default 20)"
    )
    qts.add_argument("--format", choices=("table", "jsonl"), default="table")
    qts.set_defaults(run=run_quotes, parser=qts)

    exp = commands.add_parser(
        "export",
        help="write a corpus table as JSON Lines, CSV or Parquet",
        description="Write every row of one table. Articles carry source, URL, title, outlet, "
        "authors, dates, text and content hash; quotes carry article id, offsets and speaker "
        "id; Parquet columns and types are fixed (see README).",
    )
    _db_option(exp)
    exp.add_argument("--table", choices=TABLES, required=True)
    exp.add_argument("--format", choices=FORMATS, default="jsonl", help="(default jsonl)")
    exp.add_argument(
        "--output",
        default="-",
        metavar="PATH",
        help="file to write (replaced only once complete), or - for stdout (default)",
    )
    exp.set_defaults(run=run_export, parser=exp)


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


def _usage_error(args: argparse.Namespace, message: str) -> int:
    args.parser.print_usage(sys.stderr)
    print(f"{args.parser.prog}: error: {message}", file=sys.stderr)
    return USAGE


# -- extract ---------------------------------------------------------------------------------
def run_extract(args: argparse.Namespace) -> int:
    threshold = args.threshold if args.threshold is not None else FindOptions().threshold
    options = FindOptions(threshold=threshold, scorer=args.scorer)
    try:
        items = read_sources(args.paths, max_chars=args.max_chars, encoding=args.encoding)
    except LookupError as err:
        return _usage_error(args, str(err))
    try:
        errors = args.errors.open("w", encoding="utf-8") if args.errors else None
    except OSError as err:
        return _usage_error(args, f"cannot write --errors {args.errors}: {err.strerror or err}")
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="backslashreplace")  # a table of odd text must still print
    run = _Run(sys.stderr, errors, progress=sys.stderr.isatty())
    # A terminal's width (or $COLUMNS); unlimited when the table goes to a file or a pipe.
    line_width = shutil.get_terminal_size((0, 0)).columns or None
    try:
        pending: deque[Article] = deque()  # read but not yet extracted: at most one batch
        texts = run.texts(items, pending)
        first = next(texts, None)
        if first is not None:  # load the pipeline only when there is something to parse
            for quotes in extract_texts(chain([first], texts), model=args.model, options=options):
                article = pending.popleft()
                if isinstance(quotes, ExtractionFailed):
                    run.skip(Failure.from_error(article.source, quotes))
                    continue
                if args.format == "table":
                    table = format_table(article, quotes, line_width=line_width)
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

    def texts(self, items: Iterator[Article | Failure], pending: deque[Article]) -> Iterator[str]:
        """Texts of the Articles, queued for the results; each Failure is reported as read."""
        for item in items:
            if isinstance(item, Failure):
                self.skip(item)
            else:
                pending.append(item)
                yield item.text

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


# -- corpus: ingest, speakers, quotes, export --------------------------------------------------
def run_ingest(args: argparse.Namespace) -> int:
    from quotetrail.ingest import IngestOptions, ingest

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
        )
    except (ValueError, LookupError) as err:
        return _usage_error(args, str(err))
    progress = Progress(sys.stderr, enabled=sys.stderr.isatty())

    def on_event(outcome: str, failure: Failure | None) -> None:
        if failure is not None and outcome == "failed":
            progress.clear()
            print(skip_line(failure), file=sys.stderr, flush=True)
        progress.advance()

    try:
        report = ingest(args.sources, args.db, options, on_event=on_event)
    finally:
        progress.clear()
    print(f"{args.db}: {report.summary()}")
    usable = report.stored + report.duplicates + report.skipped
    return ALL_FAILED if report.failed and not usable else OK


def run_speakers(args: argparse.Namespace) -> int:
    from quotetrail.corpus.queries import top_speakers
    from quotetrail.corpus.tables import format_speakers

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
            return _usage_error(args, str(err))
    where = QuoteFilter(
        speaker=args.speaker,
        search=args.search,
        since=args.since,
        until=args.until,
        outlet=args.outlet,
        kind=args.kind,
        limit=args.limit,
    )
    with closing(connect_readonly(args.db)) as conn:
        rows = find_quotes(conn, where)
    if args.format == "jsonl":
        for row in rows:
            print(jsonl_line(row))
    else:
        line_width = shutil.get_terminal_size((0, 0)).columns or None
        print(format_quotes(rows, line_width=line_width))
    return OK


def run_export(args: argparse.Namespace) -> int:
    from quotetrail.corpus.export import export_table

    to_stdout = args.output == "-"
    if to_stdout and args.format == "parquet" and sys.stdout.isatty():
        return _usage_error(args, "Parquet is binary: pass --output PATH or redirect stdout")
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
                return _usage_error(args, f"cannot write {target}: {err.strerror or err}")
    where = "stdout" if to_stdout else args.output
    print(f"exported {count:,} {args.table} rows to {where}", file=sys.stderr)
    return OK


# -- eval polnear ----------------------------------------------------------------------------
def _check_compartment(args: argparse.Namespace) -> str | None:
    if not (args.directory / "text").is_dir():
        return f"{args.directory} is not a PolNeAR compartment (no text/ folder in it)"
    return None


def run_eval_polnear(args: argparse.Namespace) -> int:
    from quotetrail.eval.polnear import evaluate, format_report

    if problem := _check_compartment(args):
        return _usage_error(args, problem)
    data = args.directory.resolve()
    command = shlex.join([PROG, *args.argv])
    report = evaluate(data, model=args.model, limit=args.limit)
    lines = format_report(report, title=f"PolNeAR evaluation: {data}").split("\n")
    lines.insert(2, f"command: {command}")
    print("\n".join(lines))
    if args.json:
        payload = {"command": command, **report}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"\nreport written to {args.json}")
    return OK


# -- train-cues ------------------------------------------------------------------------------
def packaged_data() -> Path:
    """The package's data folder, as a writable path (editable or unpacked install)."""
    return Path(str(resources.files("quotetrail.extraction").joinpath("data")))


def run_train_cues(args: argparse.Namespace) -> int:
    from quotetrail.extraction.train import train

    if problem := _check_compartment(args):
        return _usage_error(args, problem)
    output = args.output or packaged_data()
    table, cue_model = train(args.directory, output, model=args.model, progress=True)
    print(
        f"{len(table.pairs):,} (lemma, frame) pairs and {len(cue_model.weights):,} classifier "
        f"weights from {args.directory} written to {output}/"
    )
    return OK


if __name__ == "__main__":
    raise SystemExit(main())
