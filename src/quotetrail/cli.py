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
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import TextIO

from quotetrail import __version__
from quotetrail.cliargs import (
    ALL_FAILED,
    MODEL_HELP,
    OK,
    USAGE,
    positive_int,
    reading_options,
    unit_float,
    usage_error,
)
from quotetrail.corpus.cli import add_commands as add_corpus_commands
from quotetrail.errors import InputError, QuotetrailError
from quotetrail.extraction import FindOptions, extract_texts
from quotetrail.output import Progress, article_record, format_table, jsonl_line, skip_line
from quotetrail.provenance_cli import add_commands as add_provenance_commands
from quotetrail.read import Failure, read_sources
from quotetrail.records import Article
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
    add_corpus_commands(commands)
    add_web_commands(commands)
    add_provenance_commands(commands, sets)
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
    options = FindOptions(threshold=threshold, scorer=args.scorer)
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
        pending: deque[Article] = deque()  # read but not yet extracted: at most one batch
        texts = run.texts(items, pending)
        first = next(texts, None)
        if first is not None:  # load the pipeline only when there is something to parse
            for quotes in extract_texts(chain([first], texts), model=args.model, options=options):
                article = pending.popleft()
                if isinstance(quotes, InputError):
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


# -- eval polnear ----------------------------------------------------------------------------
def _check_compartment(args: argparse.Namespace) -> str | None:
    if not (args.directory / "text").is_dir():
        return f"{args.directory} is not a PolNeAR compartment (no text/ folder in it)"
    return None


def run_eval_polnear(args: argparse.Namespace) -> int:
    from quotetrail.eval.polnear import evaluate, format_report

    if problem := _check_compartment(args):
        return usage_error(args.parser, problem)
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
        return usage_error(args.parser, problem)
    output = args.output or packaged_data()
    table, cue_model = train(args.directory, output, model=args.model, progress=True)
    print(
        f"{len(table.pairs):,} (lemma, frame) pairs and {len(cue_model.weights):,} classifier "
        f"weights from {args.directory} written to {output}/"
    )
    return OK


if __name__ == "__main__":
    raise SystemExit(main())
