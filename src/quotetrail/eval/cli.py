"""``quotetrail eval polnear|provenance`` and ``quotetrail train-cues``: the gold-data commands.

Scorers and training are imported when a command runs, so ``quotetrail --help`` stays quick.
"""

from __future__ import annotations

import argparse
import json
import shlex
from importlib import resources
from pathlib import Path

from quotetrail.cliargs import MODEL_HELP, OK, positive_int, scope_option, usage_error

PROG = "quotetrail"

__all__ = [
    "add_commands",
    "run_eval_linking",
    "run_eval_polnear",
    "run_eval_provenance",
    "run_train_calibration",
    "run_train_cues",
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``eval`` (with its gold sets) and ``train-cues`` to the ``quotetrail`` parser."""
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
    scope_option(pol, default=None)
    pol.add_argument(
        "--fold",
        choices=("tune", "report"),
        help="only one half of the articles, split by a hash of their id: news-gold's tune fold "
        "(calibration was fitted on it) or its report fold (never tuned on)",
    )
    pol.epilog = (
        "--scope defaults to statements for a set whose sources carry AnnotatorNotes canonical "
        "names (news-gold) and to all for PolNeAR; the report prints the scope used."
    )
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
    ev = sets.add_parser(
        "provenance",
        help="labelled copy/rewrite benchmark built from real articles",
        description="Build the provenance benchmark (exact copies, changed footers, light and "
        "heavy rewrites, same-topic unrelated articles, shared boilerplate) from real texts and "
        "score pair precision/recall per label and source direction.",
    )
    ev.add_argument("--polnear", type=Path, required=True, metavar="DIR")
    ev.add_argument("--html", type=Path, metavar="DIR")
    ev.add_argument("--seed", type=int, default=13)
    ev.add_argument("--families", type=positive_int, default=300, metavar="N")
    ev.add_argument("--json", type=Path, metavar="PATH")
    ev.set_defaults(run=run_eval_provenance, parser=ev)
    ev = sets.add_parser(
        "linking",
        help="same-utterance and same-person pairs labelled on PolNeAR",
        description="Score utterance clusters and speaker merges against the labelled pairs "
        "(pair precision and recall). The corpus at --db is ingested from PolNeAR train and "
        "dev first when it does not exist yet.",
    )
    ev.add_argument("--polnear", type=Path, required=True, metavar="DIR")
    ev.add_argument("--db", type=Path, required=True, metavar="PATH")
    ev.add_argument("--pairs", type=Path, metavar="PATH", help="labelled pairs (default: shipped)")
    ev.add_argument("--json", type=Path, metavar="PATH")
    ev.set_defaults(run=run_eval_linking, parser=ev)

    cal = commands.add_parser(
        "train-calibration",
        help="fit the calibrated confidence from news-gold and PolNeAR dev",
        description="Extract both gold sets with raw scores, judge each statement at overlap "
        "0.3 and fit isotonic steps per (rule, kind, attribution); writes calibration.json.",
    )
    cal.add_argument("news_gold", type=Path, metavar="NEWS_GOLD", help="../shared/data/news-gold")
    cal.add_argument("polnear_dev", type=Path, metavar="DEV", help="../shared/data/polnear/dev")
    cal.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="calibration.json to write (default: the packaged extraction/data/ one)",
    )
    cal.set_defaults(run=run_train_calibration, parser=cal)


# -- eval polnear ----------------------------------------------------------------------------
def _check_compartment(args: argparse.Namespace) -> str | None:
    if not (args.directory / "text").is_dir():
        return f"{args.directory} is not a PolNeAR compartment (no text/ folder in it)"
    return None


def run_eval_polnear(args: argparse.Namespace) -> int:
    from quotetrail.eval.polnear import evaluate, format_report

    if problem := _check_compartment(args):
        return usage_error(args.parser, problem)
    command = shlex.join([PROG, *args.argv])
    # The path as given (../shared/...), not resolved: reports are pasted into committed notes.
    report = evaluate(
        args.directory, model=args.model, limit=args.limit, scope=args.scope, fold=args.fold
    )
    lines = format_report(report, title=f"PolNeAR evaluation: {args.directory}").split("\n")
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
    from quotetrail.eval.train_cues import train

    if problem := _check_compartment(args):
        return usage_error(args.parser, problem)
    output = args.output or packaged_data()
    table, cue_model = train(args.directory, output, model=args.model, progress=True)
    print(
        f"{len(table.pairs):,} (lemma, frame) pairs and {len(cue_model.weights):,} classifier "
        f"weights from {args.directory} written to {output}/"
    )
    return OK


def run_eval_provenance(args: argparse.Namespace) -> int:
    from quotetrail.eval.provenance import build_benchmark, evaluate_provenance, format_report

    bench = build_benchmark(args.polnear, args.html, args.seed, args.families)
    scores = evaluate_provenance(bench)
    print(format_report(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2), encoding="utf-8")
    return OK


def run_eval_linking(args: argparse.Namespace) -> int:
    from quotetrail.eval.linking import run_eval

    return run_eval(args)


def run_train_calibration(args: argparse.Namespace) -> int:
    from quotetrail.eval.calibrate import fit

    output = args.output or packaged_data() / "calibration.json"
    calibration = fit(args.news_gold, args.polnear_dev)
    output.write_text(calibration.to_json(), encoding="utf-8")
    print(f"{len(calibration.steps)} groups ({calibration.fitted_on}) -> {output}")
    return OK
