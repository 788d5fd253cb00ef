"""Messages that lead somewhere: each names the problem as the user would and says what to do."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from quotetrail.corpus import Store
from quotetrail.errors import BinaryInput
from quotetrail.ingest import ingest
from quotetrail.output import Progress
from quotetrail.read import Failure, read_sources
from quotetrail.web import create_app

with warnings.catch_warnings():  # Starlette warns at import that it prefers httpx2 (as test_web)
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PROSE = b"The council said on Monday that the bridge would close for three weeks of repairs.\n"


def cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quotetrail.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    ("head", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n" + PROSE, "a PNG image"),
        (b"PK\x03\x04" + PROSE, "a ZIP archive"),
        (b"\x1f\x8b\x08\x00" + PROSE, "gzip-compressed data"),
    ],
)
def test_a_pdf_image_or_archive_is_named_not_blamed_on_the_encoding(
    tmp_path: Path, head: bytes, named: str
) -> None:
    # a gzipped .html is a page trafilatura inflates, so gzip is named for text files only
    for name in ("report.txt", "page.html")[: 1 if head.startswith(b"\x1f\x8b") else 2]:
        path = tmp_path / name
        path.write_bytes(head + PROSE * 5)
        (record,) = read_sources([str(path)])
        assert isinstance(record, Failure) and record.code == BinaryInput.code, name
        assert named in record.message and "--encoding" not in record.message


def test_a_mistyped_folder_creates_nothing_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    done = cli("ingest", "nwes", "--db", "corpus.db", cwd=tmp_path)
    assert done.returncode == 2
    assert "no such file or folder: nwes" in done.stderr
    assert "articles/s" not in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news"]  # no corpus.db, no cache


def test_failed_documents_are_not_counted_as_articles(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    report = ingest([str(tmp_path / "empty.txt"), str(tmp_path / "image.txt")], tmp_path / "c.db")
    assert report.failed == 2
    assert report.rate == 0.0 and "(0.0 articles/s)" in report.summary()
    terminal = io.StringIO()
    progress = Progress(terminal, enabled=True)
    progress.INTERVAL = 0.0
    for failed in (True, True, False):
        progress.advance(failed=failed)
    assert terminal.getvalue().rsplit("\r", 1)[-1].startswith("1 articles, ")
    assert ", 2 failed" in terminal.getvalue()


def test_serve_on_a_taken_port_says_which_and_how_to_pick_another(tmp_path: Path) -> None:
    Store.open(tmp_path / "c.db").close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = cli("serve", "--db", "c.db", "--port", str(port), cwd=tmp_path, timeout=60)
    assert done.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert "--port" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=2024-13-01", "since must be a date as YYYY-MM-DD, not '2024-13-01'"),
        ("kind=rumour", "kind must be one of 'direct', 'indirect' or 'mixed', not 'rumour'"),
        ("page=0", "page must be a number at least 1, not '0'"),
        ("per_page=many", "per_page must be a whole number, not 'many'"),
    ],
)
def test_a_wrong_parameter_is_named_with_what_it_accepts(
    tmp_path: Path, query: str, message: str
) -> None:
    Store.open(tmp_path / "c.db").close()
    client = TestClient(create_app(tmp_path / "c.db"))
    api = client.get(f"/api/quotes?{query}")
    assert api.status_code == 422
    assert api.json()["error"]["message"] == message
    page = client.get(f"/search?{query}")
    assert page.status_code == 422
    assert message.replace("'", "&#39;") in page.text and "Input should" not in page.text
