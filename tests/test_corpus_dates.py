"""Unknown dates stay unknown: an undated article is not dated the day it was ingested, in the
store, in speakers' first/last seen, in queries, exports and the web; ``ingested_at`` is apart."""

from __future__ import annotations

import json
import sqlite3
import warnings
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quotetrail.corpus import Store, connect_readonly, migrate
from quotetrail.corpus.export import export_table
from quotetrail.corpus.queries import QuoteFilter, find_quotes, top_speakers
from quotetrail.corpus.tables import format_quotes, format_speakers
from quotetrail.ingest import ingest
from quotetrail.web import create_app

with warnings.catch_warnings():  # Starlette warns at import that it prefers httpx2 (as test_web)
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

UNDATED = (
    "The council met on Tuesday to discuss the harbour.\n"
    '"The harbour wall will not survive another storm," the harbour master, Lucia Moreno, said.\n'
    "Councillor Daniel Reyes said that repairs would start in the spring.\n"
)
DATED = {
    "id": "d1",
    "published": "2023-05-02",
    "text": "The town approved a new road levy on Monday after a long debate.\n"
    '"We cannot keep patching the same potholes every spring," Councillor Daniel Reyes '
    "said.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dates")
    (root / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (root / "dated.jsonl").write_text(json.dumps(DATED) + "\n", encoding="utf-8")
    report = ingest([str(root / "undated.txt"), str(root / "dated.jsonl")], root / "c.db")
    assert report.stored == 2
    return root / "c.db"


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def test_an_undated_article_has_no_date_but_keeps_its_ingest_time(corpus: Path) -> None:
    with closing(connect_readonly(corpus)) as conn:
        rows = {Path(r["source"]).name: dict(r) for r in conn.execute("SELECT * FROM articles")}
    undated, dated = rows["undated.txt"], rows["dated.jsonl:1"]
    assert undated["seen_date"] is None and undated["published"] is None
    assert undated["ingested_at"][:10] == today()
    assert dated["seen_date"] == "2023-05-02"


def test_speakers_first_and_last_seen_come_only_from_dated_articles(corpus: Path) -> None:
    with closing(connect_readonly(corpus)) as conn:
        speakers = {row["name"]: row for row in top_speakers(conn, 10)}
    reyes, moreno = speakers["Daniel Reyes"], speakers["Lucia Moreno"]
    assert reyes["n_articles"] == 2
    assert (reyes["first_seen"], reyes["last_seen"]) == ("2023-05-02", "2023-05-02")
    assert (moreno["first_seen"], moreno["last_seen"]) == (None, None)
    table = format_speakers(list(speakers.values()))
    assert today() not in table


def test_queries_tables_and_exports_never_show_the_ingest_day(corpus: Path) -> None:
    with closing(connect_readonly(corpus)) as conn:
        quotes = find_quotes(conn, QuoteFilter())
        assert quotes[0]["date"] == "2023-05-02"  # the dated article sorts first
        assert {q["date"] for q in quotes} == {"2023-05-02", None}
        assert today() not in format_quotes(quotes)
        since = find_quotes(conn, QuoteFilter(since=datetime.now(UTC).date()))
        assert since == []  # an undated quote is not "from today"
        for table in ("articles", "speakers"):
            with open(corpus.with_suffix(f".{table}.jsonl"), "wb") as out:
                export_table(conn, table, "jsonl", out)
    articles = corpus.with_suffix(".articles.jsonl").read_text().splitlines()
    assert sorted(str(json.loads(line)["seen_date"]) for line in articles) == [
        "2023-05-02",
        "None",
    ]
    speakers = corpus.with_suffix(".speakers.jsonl").read_text()
    assert today() not in speakers


def test_the_web_says_unknown_instead_of_a_date(corpus: Path) -> None:
    client = TestClient(create_app(corpus))
    with closing(connect_readonly(corpus)) as conn:
        (moreno,) = conn.execute("SELECT id FROM speakers WHERE name = 'Lucia Moreno'").fetchone()
        (undated,) = conn.execute("SELECT id FROM articles WHERE published IS NULL").fetchone()
    api = client.get(f"/api/speakers/{moreno}").json()
    assert (api["first_seen"], api["last_seen"]) == (None, None)
    assert client.get(f"/api/articles/{undated}").json()["date"] is None
    for path in (f"/speakers/{moreno}", f"/articles/{undated}", "/search", "/"):
        page = client.get(path)
        assert page.status_code == 200 and today() not in page.text, path
    assert "unknown" in client.get(f"/speakers/{moreno}").text


def test_a_version_4_corpus_forgets_the_ingest_days_it_stored_as_dates(tmp_path: Path) -> None:
    db = tmp_path / "v4.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, str(db), target=4)
    articles = [  # (id, published, seen_date as version 4 wrote it)
        ("a1", None, "2026-01-05"),
        ("a2", "2023-05-02T10:00:00", "2023-05-02"),
        ("a3", "sometime in May", "2026-01-05"),
    ]
    for n, (article_id, published, seen) in enumerate(articles):
        conn.execute(
            "INSERT INTO articles (id, source, published, text, content_hash, text_hash, "
            "ingested_at, seen_date) VALUES (?, ?, ?, 'text', ?, ?, '2026-01-05T10:00:00', ?)",
            (article_id, f"{article_id}.txt", published, f"c{n}", f"t{n}", seen),
        )
    for speaker, article_id in (("s1", "a1"), ("s2", "a2"), ("s2", "a3")):
        conn.execute(
            "INSERT OR IGNORE INTO speakers (id, name, key, kind, first_seen, last_seen) "
            "VALUES (?, ?, ?, 'person', '2026-01-05', '2026-01-05')",
            (speaker, speaker, speaker),
        )
        conn.execute(
            "INSERT INTO quotes (id, article_id, kind, content_start, content_end, content_text, "
            "speaker_id) VALUES (?, ?, 'direct', 0, 4, 'text', ?)",
            (f"q-{speaker}-{article_id}", article_id, speaker),
        )
    conn.close()
    Store.open(db).close()  # migrates
    with closing(connect_readonly(db)) as conn:
        dates = dict(conn.execute("SELECT id, seen_date FROM articles").fetchall())
        seen = {
            r[0]: (r[1], r[2])
            for r in conn.execute("SELECT id, first_seen, last_seen FROM speakers")
        }
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert dates == {"a1": None, "a2": "2023-05-02", "a3": None}
    assert seen == {"s1": (None, None), "s2": ("2023-05-02", "2023-05-02")}
