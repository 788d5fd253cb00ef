"""argparse pieces shared by every command-line module, so each command reads the same way:
value types, the corpus ``--db`` option, the model option's help, the exit codes and the
usage-error exit (argparse's own shape and code)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from quotetrail.corpus.db import DEFAULT_DB
from quotetrail.read import DEFAULT_MAX_CHARS, STDIN, is_url

__all__ = [
    "ALL_FAILED",
    "MODEL_HELP",
    "OK",
    "USAGE",
    "db_option",
    "iso_date",
    "min_confidence_option",
    "missing_paths",
    "positive_int",
    "reading_options",
    "scope_option",
    "unit_float",
    "usage_error",
    "width_option",
]

OK, ALL_FAILED, USAGE = 0, 1, 2
MODEL_HELP = "installed spaCy English pipeline (default: en_core_web_sm, else the pinned copy)"


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {value}")
    return number


def unit_float(value: str) -> float:
    number = float(value)
    if not 0.0 < number < 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1 (exclusive), not {value}")
    return number


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date as YYYY-MM-DD, not {value}") from None


def db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(DEFAULT_DB),
        metavar="PATH",
        help=f"corpus database (SQLite; default {DEFAULT_DB})",
    )


def reading_options(parser: argparse.ArgumentParser, *, encoding: bool = True) -> None:
    """How documents are read and parsed: the same for ``extract``, ``ingest`` and ``spark
    extract`` (whose WARC and JSONL inputs carry their own encodings)."""
    parser.add_argument("--model", metavar="NAME", help=MODEL_HELP)
    parser.add_argument(
        "--max-chars",
        type=positive_int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"skip documents longer than this (default {DEFAULT_MAX_CHARS:,})",
    )
    if encoding:
        parser.add_argument(
            "--encoding",
            default="utf-8",
            metavar="ENC",
            help="of text files and stdin (default utf-8)",
        )


def missing_paths(sources: list[str]) -> list[str]:
    """Local sources that do not exist (a mistyped folder), so a command can stop before it
    creates anything; ``-`` (stdin) and URLs are not paths."""
    return [s for s in sources if s != STDIN and not is_url(s) and not os.path.lexists(s)]


def _width(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (whole quotes) or more, not {value}")
    return number


def width_option(parser: argparse.ArgumentParser, default: int) -> None:
    """``--width N`` for the tables: characters of quote content per row, 0 for whole quotes."""
    parser.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help=f"characters of quote content per table row (default {default}, narrowed to fit "
        "a terminal; 0: whole quotes)",
    )


SCOPE_HELP = (
    "statements: only what a source communicated (said, wrote, stated in a document); all: "
    "also beliefs, plans and stances, as PolNeAR annotates them (each statement's "
    "attribution field says which)"
)


def scope_option(parser: argparse.ArgumentParser, *, default: str | None = "statements") -> None:
    """``--scope``: the one word for which attributions count, on every extracting command."""
    parser.add_argument(
        "--scope",
        choices=("statements", "all"),
        default=default,
        help=SCOPE_HELP + (f" (default {default})" if default else ""),
    )


def min_confidence_option(parser: argparse.ArgumentParser) -> None:
    """``--min-confidence``: the calibrated floor under which a candidate is not reported."""
    parser.add_argument(
        "--min-confidence",
        type=unit_float,
        default=None,
        metavar="F",
        help="report only statements with at least this calibrated confidence (default 0.5 "
        "with --scope statements: below it a statement is more likely wrong than right; 0 with "
        "--scope all, and 0 keeps every candidate)",
    )


def usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    """Report a problem found after parsing as argparse reports its own; the usage exit code."""
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return USAGE
