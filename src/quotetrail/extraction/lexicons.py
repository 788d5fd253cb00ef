"""Word lists shipped as data files (``extraction/data/*.txt``), loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


def data_text(filename: str, path: Path | str | None = None) -> str:
    """The text of a packaged data file, or of ``path`` when the caller names its own."""
    if path is not None:
        return Path(path).read_text(encoding="utf-8")
    source = resources.files("quotetrail.extraction").joinpath("data").joinpath(filename)
    return source.read_text(encoding="utf-8")


@cache
def word_list(name: str) -> frozenset[str]:
    """Lower-cased entries of ``data/<name>.txt``, comments and blank lines skipped."""
    lines = data_text(f"{name}.txt").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def is_outlet(name: str) -> bool:
    """True when a name is a known outlet or ends in a masthead word ("The Millbrook Ledger");
    a leading "the" and a possessive are ignored."""
    key = name.lower().removeprefix("the ").removesuffix("'s").removesuffix("’s").strip()
    outlets = word_list("outlets")
    if key in outlets or f"the {key}" in outlets:
        return True
    words = key.split()
    if len(words) >= 2 and f"~{words[-1]}" in outlets:
        return True
    return any(" ".join(words[i:]) in outlets for i in range(1, len(words)) if len(words) - i >= 2)
