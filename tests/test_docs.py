"""The committed documents stay true to the code and usable on any machine."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOCUMENTS = [ROOT / "README.md", ROOT / "benchmarks" / "RESULTS.md", *ROOT.glob("docs/**/*.md")]
# A path that exists on one machine only: the workspace, temporary files, home folders.
MACHINE_PATH = re.compile(r"(?<![\w.~/-])/(?:work|tmp|home|root|Users|mnt|var/folders)/[^\s`)]*")


def test_documents_name_no_absolute_machine_paths() -> None:
    found = [
        f"{doc.relative_to(ROOT)}:{n}: {match.group()}"
        for doc in DOCUMENTS
        for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1)
        for match in MACHINE_PATH.finditer(line)
    ]
    assert not found, "use ../shared/... and relative output paths:\n" + "\n".join(found)


SOURCE = ROOT / "src" / "quotetrail"
CODE_LITERAL = re.compile(r"""["']([EWSH]\d{3})["']""")
# Category bases, never given to a user: each names a family whose members the table lists.
CATEGORY_BASES = {"E000", "E100", "E300", "E500", "S100"}
# The web's H codes are Starlette's own statuses (f"H{status}"); these are the ones it answers.
STARLETTE_CODES = {"H404", "H405"}
TABLE_ROW = re.compile(r"^\| `([A-Z]\d{3})` \|", re.MULTILINE)


def test_every_code_in_the_source_is_in_the_readme_table() -> None:
    defined = {
        code
        for path in SOURCE.rglob("*.py")
        for code in CODE_LITERAL.findall(path.read_text(encoding="utf-8"))
    }
    assert {"E101", "S101", "W422", "E401", "E501"} <= defined  # the scan finds each family
    documented = TABLE_ROW.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(documented) == len(set(documented)), "a code is listed twice"
    missing = (defined - CATEGORY_BASES) | STARLETTE_CODES
    assert sorted(missing - set(documented)) == []
    assert sorted(set(documented) - missing) == []  # and none that no longer exists
