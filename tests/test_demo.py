"""The README's ``make demo`` output is what the demo prints: the Makefile's demo commands run on
the bundled samples into a temporary corpus, and their output must equal the README's block,
timing figures aside. ``QUOTETRAIL_UPDATE_README=1 pytest tests/test_demo.py`` rewrites the
block from the run (after a change that moves the output on purpose)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
MARKER = "<!-- demo-output: written from a real run; tests/test_demo.py keeps it true -->"
BLOCK = re.compile(re.escape(MARKER) + r"\n```\n(.*?)```\n", re.DOTALL)
TIMING = re.compile(r" in [\d.,]+ s \([\d.,]+ articles/s\)")
DEMO_DB = "$(DEMO_DB)"


def demo_recipe() -> list[list[str] | None]:
    """The demo target's commands as argv lists (``None`` for an ``@echo`` blank line)."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:", 1)[1].split("\n")
    steps: list[list[str] | None] = []
    for line in lines[1:]:
        if not line.startswith("\t"):
            break
        command = line.strip()
        if command == "@echo":
            steps.append(None)
        elif command.startswith("$(VENV)/bin/quotetrail "):
            steps.append(shlex.split(command.removeprefix("$(VENV)/bin/quotetrail ")))
    return steps


def run_demo(db: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    parts = []
    for step in demo_recipe():
        if step is None:
            parts.append("\n")
            continue
        argv = [str(db) if arg == DEMO_DB else arg for arg in step]
        done = subprocess.run(
            [sys.executable, "-m", "quotetrail.cli", *argv],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=True,
        )
        parts.append(done.stdout.replace(str(db), "build/demo.db"))
    return "".join(parts)


def test_the_readme_shows_what_make_demo_prints(tmp_path: Path) -> None:
    steps = demo_recipe()
    assert sum(step is not None for step in steps) >= 3  # ingest, speakers, quotes
    printed = run_demo(tmp_path / "demo.db")
    readme = README.read_text(encoding="utf-8")
    found = BLOCK.search(readme)
    assert found, f"README.md has no fenced block after {MARKER!r}"
    if os.environ.get("QUOTETRAIL_UPDATE_README") == "1":
        README.write_text(readme.replace(found.group(1), printed), encoding="utf-8")
        return
    assert TIMING.sub(" in T s (R articles/s)", found.group(1)) == TIMING.sub(
        " in T s (R articles/s)", printed
    )
