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
