"""Word lists shipped as data files (``extract/data/*.txt``), loaded once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """Lower-cased entries of ``data/<name>.txt``, comments and blank lines skipped."""
    text = resources.files("quotetrail.extract").joinpath("data").joinpath(f"{name}.txt")
    lines = text.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def is_outlet(name: str) -> bool:
    """True when a name is a known outlet, ignoring a leading "the" and a possessive."""
    key = name.lower().removeprefix("the ").removesuffix("'s").removesuffix("’s").strip()
    outlets = word_list("outlets")
    if key in outlets or f"the {key}" in outlets:
        return True
    words = key.split()
    return any(" ".join(words[i:]) in outlets for i in range(1, len(words)) if len(words) - i >= 2)
