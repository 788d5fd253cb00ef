"""`quotetrail` as a real subprocess on real files: output, offsets, skips, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import quotetrail
from quotetrail.output import Progress

SAMPLE = Path(str(resources.files("quotetrail").joinpath("samples", "council-vote.txt")))
QUOTE_KEYS = {
    "kind",
    "content",
    "cue",
    "speaker",
    "speaker_name",
    "speaker_kind",
    "speaker_role",
    "via",
    "via_kind",
    "confidence",
    "attribution",
}

GOOD = (
    "The city council approved a new budget for the public library on Thursday evening.\n"
    '"We finally have the money to stay open on Sundays," the head librarian, Anna Berg, said.\n'
    "Berg said that the library would also hire two new staff members before the autumn.\n"
)
GOOD_TOO = (
    "Hospital managers in the northern region warned on Friday that waiting lists had grown.\n"
    '"The winter has been very hard for everyone," chief executive Omar Haddad told staff.\n'
)
UNBALANCED = (
    "The school board met on Wednesday to discuss the new timetable for the coming year.\n"
    '"We need more time to consult the parents, said the board chair, David Moss.\n'
    "He added that a final decision would come in March, and that \u201cnothing is settled.\n"
)
FRENCH = (
    "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs touchés "
    "par la sécheresse. « Nous ne laisserons personne au bord du chemin », a déclaré le ministre "
    "de l'Agriculture lors d'une conférence de presse à Paris. Selon les syndicats agricoles, les "
    "pertes pourraient dépasser deux milliards d'euros cette année.\n"
)
LATIN1 = (
    "The caf\u00e9 owner, Jos\u00e9 Mart\u00ednez, said that prices would rise next month.\n"
).encode("latin-1")
BINARY = bytes(range(256)) * 8


def run_cli(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quotetrail.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def out_lines(result: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def err_text(result: subprocess.CompletedProcess) -> str:
    return result.stderr.decode("utf-8", "replace")


def assert_offsets(text: str, record: dict) -> None:
    """Every span of every quote is a slice of the text exactly as read."""
    for quote in record["quotes"]:
        assert set(quote) == QUOTE_KEYS
        assert quote["kind"] in {"direct", "indirect", "mixed"}
        for key in ("content", "cue", "speaker"):
            span = quote[key]
            if span is None:
                assert key != "content"
                continue
            assert text[span["start"] : span["end"]] == span["text"], (key, span)
        if quote["cue"] is not None:
            assert quote["cue"]["lemma"]
            assert 0.0 < quote["confidence"] <= 1.0  # scored by the finder
        else:
            assert quote["confidence"] is None  # a quotation given to the speaker in focus


def test_sample_gives_one_jsonl_line_with_exact_offsets(tmp_path: Path) -> None:
    result = run_cli("extract", str(SAMPLE), cwd=tmp_path)
    assert result.returncode == 0, err_text(result)
    assert err_text(result) == ""
    [record] = out_lines(result)
    assert set(record) == {"id", "source", "quotes"}
    assert record["source"] == str(SAMPLE)
    assert record["quotes"], "the sample article quotes several people"
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        assert_offsets(handle.read(), record)


def test_stdin_offsets_index_the_text_as_read(tmp_path: Path) -> None:
    text = (
        "The port authority said on Monday that the harbour would close for repairs.\r\n"
        "\u201cWe expect the work to take six weeks,\u201d said its director, Lena Vogt.\r\n"
    )
    result = run_cli("extract", "-", cwd=tmp_path, stdin=text.encode("utf-8"))
    assert result.returncode == 0, err_text(result)
    [record] = out_lines(result)
    assert record["source"] == "<stdin>"
    assert record["quotes"]
    assert_offsets(text, record)


def test_jsonl_input_skips_a_malformed_line_and_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "a1", "text": GOOD})
        + "\n{not json at all\n"
        + json.dumps({"id": "a2", "text": GOOD_TOO})
        + "\n",
        encoding="utf-8",
    )
    errors = tmp_path / "errors.jsonl"
    result = run_cli("extract", str(corpus), "--errors", str(errors), cwd=tmp_path)
    assert result.returncode == 0, err_text(result)
    records = out_lines(result)
    assert [r["id"] for r in records] == ["a1", "a2"]
    for record, text in zip(records, (GOOD, GOOD_TOO), strict=True):
        assert_offsets(text, record)
    assert f"skip {corpus}:2: [E106]" in err_text(result)
    [logged] = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert logged["source"] == f"{corpus}:2" and logged["code"] == "E106"


def test_directory_reports_each_bad_file_and_extracts_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.bin").write_bytes(BINARY)
    (folder / "latin1.txt").write_bytes(LATIN1)
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "unbalanced.txt").write_text(UNBALANCED, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("extract", str(folder), cwd=tmp_path)
    assert result.returncode == 0, err_text(result)
    stderr = err_text(result)
    assert "Traceback" not in stderr
    for name, code in [
        ("empty.txt", "E101"),
        ("image.bin", "E102"),
        ("latin1.txt", "E103"),
        ("french.txt", "E105"),
    ]:
        assert f"skip {folder / name}: [{code}]" in stderr, stderr
    records = out_lines(result)
    assert [r["source"] for r in records] == [
        str(folder / "good.txt"),
        str(folder / "unbalanced.txt"),
    ]
    assert_offsets(GOOD, records[0])
    assert_offsets(UNBALANCED, records[1])


def test_encoding_option_reads_a_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN1)
    result = run_cli("extract", "--encoding", "latin-1", str(path), cwd=tmp_path)
    assert result.returncode == 0, err_text(result)
    [record] = out_lines(result)
    assert_offsets(LATIN1.decode("latin-1"), record)


def test_every_input_failing_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.bin").write_bytes(BINARY)
    result = run_cli(
        "extract",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "image.bin"),
        "missing.txt",
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert result.stdout == b""
    stderr = err_text(result)
    assert "[E101]" in stderr and "[E102]" in stderr and "skip missing.txt: [E109]" in stderr


def test_table_names_the_article_and_its_speakers(tmp_path: Path) -> None:
    result = run_cli("extract", "--format", "table", str(SAMPLE), cwd=tmp_path)
    assert result.returncode == 0, err_text(result)
    table = result.stdout.decode("utf-8")
    assert table.splitlines()[0].startswith(str(SAMPLE))
    for name in ("Maria Okafor", "Ruth Abernathy", "Helen Brandt"):
        assert name in table


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "--encoding", "no-such-codec", "x.txt"],
        ["extract", "--threshold", "1.5", "x.txt"],
        ["extract", "--max-chars", "0", "x.txt"],
        ["extract"],
        ["frobnicate"],
        ["eval", "polnear", "no-such-dir"],
        ["train-cues", "no-such-dir", "--output", "cues.tsv"],
    ],
)
def test_usage_errors_exit_2_without_a_traceback(tmp_path: Path, args: list[str]) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in err_text(result)
    assert not (tmp_path / "cues.tsv").exists()


def test_missing_pipeline_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("extract", "--model", "no_such_pipeline", "good.txt", cwd=tmp_path)
    assert result.returncode == 2
    [line] = err_text(result).splitlines()
    assert line.startswith("quotetrail: error: [E200]") and "no_such_pipeline" in line


def test_version(tmp_path: Path) -> None:
    result = run_cli("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"quotetrail {quotetrail.__version__}"


def test_progress_is_silent_for_one_article_and_counts_after() -> None:
    stream = io.StringIO()
    progress = Progress(stream, enabled=True)
    progress.advance()
    assert stream.getvalue() == ""
    progress.advance()
    assert "2 articles" in stream.getvalue()
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")
