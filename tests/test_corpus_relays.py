"""Relaying parties as speaker records, on a real corpus: articles ingested with the real
pipeline (tests/data/relays/articles.jsonl: two outlets' stories relayed through Reuters, and a
senator who passes on what a governor told him), then read through SQL, the CLI, the export,
the JSON API and the pages; and an old corpus upgraded by the migration."""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import closing
from io import BytesIO
from pathlib import Path

import pytest

from quotetrail.cli import main
from quotetrail.corpus import connect_readonly, migrate
from quotetrail.corpus.db import connect_writer
from quotetrail.corpus.export import export_table
from quotetrail.corpus.queries import table_counts
from quotetrail.ingest import ingest
from quotetrail.web.app import create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

DATA = Path(__file__).parent / "data" / "relays" / "articles.jsonl"
#: The columns of ``quotes`` before version 8, in order.
V7_QUOTE_COLUMNS = (
    "seq, id, article_id, kind, content_start, content_end, content_text, cue_start, cue_end, "
    "cue_text, cue_lemma, speaker_start, speaker_end, speaker_text, speaker_name, speaker_kind, "
    "speaker_role, via, speaker_id, confidence, attribution"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("relays") / "corpus.db"
    assert ingest([str(DATA)], db).stored == 2
    return db


@pytest.fixture(scope="module")
def client(corpus: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus)) as test_client:
        yield test_client


def _rows(db: Path, sql: str, *params: object) -> list[dict]:
    with closing(connect_readonly(db)) as conn:
        return [dict(row) for row in conn.execute(sql, params)]


def _reuters(db: Path) -> dict:
    (record,) = _rows(db, "SELECT * FROM speakers WHERE name = 'Reuters'")
    return record


def test_two_articles_relaying_through_one_outlet_share_its_record(corpus: Path) -> None:
    reuters = _reuters(corpus)
    assert reuters["kind"] == "outlet"
    assert reuters["n_quotes"] == 0  # it relayed, it said nothing itself
    relayed = _rows(corpus, "SELECT * FROM quotes WHERE via_id = ?", reuters["id"])
    assert {q["article_id"] for q in relayed} == {"gazette-talks", "times-dam"}
    assert {q["speaker_name"] for q in relayed} == {"Olav Berg", "Maria Santos"}
    assert {q["via_kind"] for q in relayed} == {"outlet"}
    assert (reuters["first_seen"], reuters["last_seen"]) == ("2025-04-02", "2025-04-05")


def test_outlets_are_never_people(corpus: Path) -> None:
    people = {r["name"] for r in _rows(corpus, "SELECT name FROM speakers WHERE kind = 'person'")}
    assert "Reuters" not in people
    assert {"Olav Berg", "Maria Santos", "Paul Ames"} <= people


def test_a_record_that_only_relays_is_not_listed_or_counted_as_a_speaker(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["speakers", "--db", str(corpus), "--format", "jsonl"]) == 0
    names = {json.loads(line)["name"] for line in capsys.readouterr().out.splitlines()}
    assert names == {"Olav Berg", "Maria Santos", "Paul Ames"}
    with closing(connect_readonly(corpus)) as conn:
        assert table_counts(conn)["speakers"] == 3


def test_a_person_who_relays_another_is_their_own_record(corpus: Path) -> None:
    (ames,) = _rows(corpus, "SELECT * FROM speakers WHERE name = 'Paul Ames'")
    assert (ames["kind"], ames["n_quotes"]) == ("person", 1)
    (told,) = _rows(corpus, "SELECT * FROM quotes WHERE via = 'Paul Ames'")
    assert (told["speaker_name"], told["via_id"], told["via_kind"]) == (
        "Maria Santos",
        ames["id"],
        "person",
    )


def test_the_quotes_command_shows_the_relaying_party(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quotes", "--db", str(corpus)]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["date", "source", "speaker", "via"]
    berg = next(line for line in table.splitlines() if "Olav Berg" in line)
    assert "Reuters" in berg
    assert main(["quotes", "--db", str(corpus), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    reuters = _reuters(corpus)["id"]
    assert {r["speaker_name"] for r in rows if r["via_id"] == reuters} == {
        "Olav Berg",
        "Maria Santos",
    }


def test_exports_carry_the_relaying_record_next_to_via(corpus: Path) -> None:
    out = BytesIO()
    with closing(connect_readonly(corpus)) as conn:
        export_table(conn, "quotes", "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().decode().splitlines()]
    names = list(rows[0])
    assert names[names.index("via") + 1 : names.index("via") + 3] == ["via_kind", "via_id"]
    berg = next(r for r in rows if r["speaker_name"] == "Olav Berg")
    assert (berg["via"], berg["via_kind"], berg["via_id"]) == (
        "Reuters",
        "outlet",
        _reuters(corpus)["id"],
    )


def test_the_api_gives_each_quote_its_relaying_record(client: TestClient, corpus: Path) -> None:
    reuters = _reuters(corpus)["id"]
    page = client.get("/api/quotes", params={"via_id": reuters}).json()
    assert page["total"] == 2
    assert {q["via"] for q in page["quotes"]} == {"Reuters"}
    article = client.get("/api/articles/gazette-talks").json()
    (berg,) = [q for q in article["quotes"] if q["speaker_name"] == "Olav Berg"]
    assert (berg["via"], berg["via_kind"], berg["via_id"]) == ("Reuters", "outlet", reuters)


def test_an_outlets_page_lists_what_it_relayed_apart_from_what_it_said(
    client: TestClient, corpus: Path
) -> None:
    reuters = _reuters(corpus)["id"]
    found = client.get(f"/api/speakers/{reuters}").json()
    assert (found["kind"], found["n_quotes"], found["n_relayed"]) == ("outlet", 0, 2)
    assert found["quotes"]["total"] == 0
    assert {q["speaker_name"] for q in found["relayed"]["quotes"]} == {
        "Olav Berg",
        "Maria Santos",
    }
    html = client.get(f"/speakers/{reuters}").text
    assert "Statements relayed" in html
    assert "The talks will resume next week" in html


def test_quote_cards_link_the_relaying_party_to_its_page(client: TestClient, corpus: Path) -> None:
    path = f'href="/speakers/{_reuters(corpus)["id"]}"'
    assert path in client.get("/articles/gazette-talks").text
    assert path in client.get("/search", params={"q": "talks"}).text


def test_the_migration_links_the_relays_of_an_older_corpus(corpus: Path, tmp_path: Path) -> None:
    """A version 7 corpus holding the same quotes (via as text only) is upgraded on open to the
    records the writer gives them now."""
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(conn, str(old), target=7)
    conn.execute("ATTACH DATABASE ? AS new", (str(corpus),))
    conn.execute("INSERT INTO outlets SELECT * FROM new.outlets")
    conn.execute("INSERT INTO articles SELECT * FROM new.articles")
    # speakers the quotes spoke as, without the relaying outlets' records (version 8 made them)
    conn.execute(
        "INSERT INTO speakers (id, name, key, kind, first_seen, last_seen, n_quotes) "
        "SELECT id, name, key, kind, first_seen, last_seen, n_quotes FROM new.speakers "
        "WHERE n_quotes > 0"
    )
    conn.execute(
        f"INSERT INTO quotes ({V7_QUOTE_COLUMNS}) SELECT {V7_QUOTE_COLUMNS} FROM new.quotes"
    )
    conn.execute("DETACH DATABASE new")
    conn.close()

    connect_writer(old).close()  # migrates
    sql = "SELECT id, via, via_kind, via_id FROM quotes ORDER BY id"
    assert _rows(old, sql) == _rows(corpus, sql)
    assert _reuters(old)["kind"] == "outlet"
    assert _rows(old, "SELECT alias FROM speaker_aliases WHERE speaker_id = ?", _reuters(old)["id"])
