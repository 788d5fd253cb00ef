"""The one table of error codes: unique, complete in the README, and each says what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotetrail.errors import InvalidOption, QuotetrailError, markdown_table, registry
from quotetrail.extraction import FindOptions
from quotetrail.ingest import IngestOptions
from quotetrail.read import ReadOptions

README = Path(__file__).resolve().parents[1] / "README.md"
SOURCE = Path(__file__).resolve().parents[1] / "src" / "quotetrail"


def test_every_code_is_defined_once() -> None:
    codes = [row.code for row in registry()]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    assert all(re.fullmatch(r"[EWHS]\d{3}", code) for code in codes)


def test_every_code_in_the_source_is_in_the_registry() -> None:
    """A code written as ``code = "X123"`` anywhere in the package is a registered class."""
    written = {
        match
        for path in SOURCE.rglob("*.py")
        for match in re.findall(r'\bcode = "([EWHS]\d{3})"', path.read_text(encoding="utf-8"))
    }
    families = {"E000", "E100", "E300", "E500", "S100", "W500"}
    assert written - families == {row.code for row in registry()}


def test_every_code_has_a_row_in_the_readme_table() -> None:
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([EWHS]\d{3})` \|", text, flags=re.M))
    missing = {row.code for row in registry()} - documented
    assert not missing, f"codes without a README row: {sorted(missing)}"


def test_the_readme_table_is_the_registry() -> None:
    """Row for row; after changing a code, paste ``markdown_table()``'s output into the README."""
    assert markdown_table() in README.read_text(encoding="utf-8")


def test_every_code_says_what_it_means_and_what_to_do() -> None:
    for row in registry():
        assert row.meaning and row.action, row.code
        assert 100 <= row.status < 600, row.code


@pytest.mark.parametrize(
    "build",
    [
        lambda: FindOptions(threshold=1.5),
        lambda: FindOptions(scorer="magic"),
        lambda: IngestOptions(workers=0),
        lambda: ReadOptions(max_chars=0),
    ],
)
def test_invalid_options_have_one_coded_style(build) -> None:
    with pytest.raises(InvalidOption) as raised:
        build()
    assert isinstance(raised.value, QuotetrailError) and isinstance(raised.value, ValueError)
    assert raised.value.code == "E401" and "is invalid" in str(raised.value)
