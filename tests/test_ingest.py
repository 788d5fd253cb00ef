"""Ingesting real files with the real pipeline into real SQLite files: repeats, failures."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from quotetrail.corpus import connect_readonly
from quotetrail.extraction import extract_texts
from quotetrail.ingest import IngestOptions, IngestReport, ingest
from quotetrail.read import ReadOptions, http_cache_beside, read_sources

PEOPLE = [
    ("Anna Berg", "librarian"),
    ("Omar Haddad", "hospital director"),
    ("Lucia Moreno", "harbour master"),
    ("Daniel Reyes", "councillor"),
    ("Grace Achebe", "head teacher"),
]
TOPICS = ["the library", "the hospital", "the harbour", "the ring road", "the school"]


def story(n: int) -> str:
    """A short news story with a direct and an indirect quote; distinct for every ``n``."""
    name, role = PEOPLE[n % len(PEOPLE)]
    surname = name.split()[-1]
    topic = TOPICS[(n // len(PEOPLE)) % len(TOPICS)]
    return (
        f"Officials in the district approved {n + 3} new projects for {topic} on Tuesday.\n"
        f'"We have waited {n + 2} years for this decision," the {role}, {name}, said.\n'
        f"{surname} said that work on {topic} would start before the end of the year.\n"
    )


def write_stories(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"story-{n:03d}.txt"
        path.write_text(story(n), encoding="utf-8")
        paths.append(path)
    return paths


def rows(db: Path, table: str, columns: str = "*") -> list[tuple]:
    conn = sqlite3.connect(db)
    return sorted(tuple(r) for r in conn.execute(f"SELECT {columns} FROM {table}"))


def totals(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    names = ("articles", "quotes", "speakers", "speaker_aliases", "speaker_roles", "outlets")
    return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in names}


def test_every_article_is_stored_with_the_quotes_extraction_finds(tmp_path: Path) -> None:
    write_stories(tmp_path / "news", 6)
    report = ingest([str(tmp_path / "news")], tmp_path / "c.db")
    assert (report.stored, report.duplicates, report.skipped, report.failed) == (6, 0, 0, 0)
    conn = connect_readonly(tmp_path / "c.db")
    stored = conn.execute("SELECT id, text FROM articles ORDER BY source").fetchall()
    fresh = list(extract_texts(row["text"] for row in stored))
    for row, quotes in zip(stored, fresh, strict=True):
        n = conn.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (row["id"],))
        assert n.fetchone()[0] == len(quotes) > 0
    assert report.quotes == sum(len(quotes) for quotes in fresh)
    assert "stored 6, duplicates 0, skipped 0, failed 0 in" in report.summary()


def test_repeated_ingests_add_nothing(tmp_path: Path) -> None:
    write_stories(tmp_path / "news", 5)
    db = tmp_path / "c.db"
    ingest([str(tmp_path / "news")], db)
    before = {table: rows(db, table) for table in ("quotes", "speakers", "speaker_aliases")}
    counts = totals(db)
    for _ in range(2):
        again = ingest([str(tmp_path / "news"), str(tmp_path / "news")], db)
        assert (again.stored, again.skipped, again.duplicates) == (0, 5, 5)
    assert totals(db) == counts
    assert {table: rows(db, table) for table in before} == before  # n_quotes did not grow


def test_repeats_within_one_run_are_counted_not_stored(tmp_path: Path) -> None:
    paths = write_stories(tmp_path / "news", 3)
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes(paths[0].read_bytes())
    report = ingest([str(tmp_path / "news"), str(copy)], tmp_path / "c.db")
    assert (report.stored, report.duplicates) == (3, 1)
    assert totals(tmp_path / "c.db")["articles"] == 3


def test_new_files_in_a_folder_are_picked_up_by_the_next_run(tmp_path: Path) -> None:
    write_stories(tmp_path / "news", 3)
    ingest([str(tmp_path / "news")], tmp_path / "c.db")
    write_stories(tmp_path / "news", 2, start=3)
    report = ingest([str(tmp_path / "news")], tmp_path / "c.db")
    assert (report.stored, report.skipped) == (2, 3)


def test_every_failed_document_is_in_the_errors_table_with_its_reason(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write_stories(news, 2)
    (news / "empty.txt").write_text("  \n", encoding="utf-8")
    (news / "image.txt").write_bytes(bytes(range(256)) * 4)
    (news / "french.txt").write_text(
        "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs "
        "touchés par la sécheresse, selon le ministre de l'Agriculture à Paris cette semaine.",
        encoding="utf-8",
    )
    (news / "dump.jsonl").write_text(
        json.dumps({"id": "j1", "text": story(40), "published": "2024-03-01"})
        + "\n{not json\n"
        + json.dumps({"id": "j1", "text": story(41)})  # a second document claiming id j1
        + "\n",
        encoding="utf-8",
    )
    missing = str(tmp_path / "missing.txt")
    events: list[tuple[str, str | None]] = []
    report = ingest(
        [str(news), missing],
        tmp_path / "c.db",
        on_event=lambda outcome, failure: events.append((outcome, failure and failure.code)),
    )
    expected = {
        (str(news / "empty.txt"), "E101"),
        (str(news / "image.txt"), "E102"),
        (str(news / "french.txt"), "E105"),
        (f"{news / 'dump.jsonl'}:2", "E106"),
        (f"{news / 'dump.jsonl'}:3", "E310"),
        (missing, "E109"),
    }
    errors = connect_readonly(tmp_path / "c.db").execute("SELECT * FROM ingest_errors")
    recorded = {(row["source"], row["code"]): row["message"] for row in errors}
    assert set(recorded) == expected
    assert all(message.strip() for message in recorded.values())
    assert "already stored for a different document" in recorded[(f"{news}/dump.jsonl:3", "E310")]
    assert (report.stored, report.failed) == (3, 6)
    assert sorted(code for outcome, code in events if outcome == "failed") == sorted(
        code for _, code in expected
    )
    # a re-run records the same failures again without duplicating their rows
    ingest([str(news), missing], tmp_path / "c.db")
    assert len(rows(tmp_path / "c.db", "ingest_errors")) == len(expected)


def test_a_corpus_inside_the_folder_it_ingests_is_not_read_as_a_source(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write_stories(news, 3)
    db = news / "corpus.db"  # `quotetrail ingest .` with the default --db does this
    options = IngestOptions(read=ReadOptions(http_cache=http_cache_beside(db)))
    first = ingest([str(news)], db, options)
    again = ingest([str(news)], db, options)  # now corpus.db, -wal, -shm sit in the folder
    assert (first.stored, first.failed) == (3, 0)
    assert (again.stored, again.skipped, again.failed) == (0, 3, 0)
    assert rows(db, "ingest_errors") == []


def test_jsonl_metadata_reaches_the_articles_table(tmp_path: Path) -> None:
    record = {
        "id": "r1",
        "text": story(7),
        "url": "https://www.harbour-news.example/story?utm_medium=rss",
        "title": "Projects approved",
        "outlet": "Harbour News",
        "published": "2024-05-02T08:00:00Z",
        "authors": ["Ann Lee", "Bo Chen"],
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    ingest([str(tmp_path / "in.jsonl")], tmp_path / "c.db")
    conn = connect_readonly(tmp_path / "c.db")
    row = conn.execute(
        "SELECT a.*, o.name, o.domain FROM articles a JOIN outlets o ON o.id = a.outlet_id"
    ).fetchone()
    assert row["url"] == "https://www.harbour-news.example/story"  # canonical: no utm_*
    assert (row["name"], row["domain"]) == ("Harbour News", "harbour-news.example")
    assert (row["published"], row["seen_date"]) == ("2024-05-02T08:00:00Z", "2024-05-02")
    assert json.loads(row["authors"]) == ["Ann Lee", "Bo Chen"]
    assert row["title"] == "Projects approved"


def test_nothing_to_extract_loads_no_pipeline_and_is_fast(tmp_path: Path) -> None:
    report = ingest([], tmp_path / "c.db")
    assert report == IngestReport(seconds=report.seconds)
    assert totals(tmp_path / "c.db")["articles"] == 0


def test_bad_options_are_refused_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        IngestOptions(workers=0)


@pytest.mark.slow
def test_two_workers_build_the_same_database_as_one(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write_stories(news, 24)
    (news / "empty.txt").write_text("", encoding="utf-8")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([str(news)], one)
    report = ingest([str(news)], two, IngestOptions(workers=2, batch_size=4))
    assert (report.stored, report.failed) == (24, 1)
    columns = {
        "articles": "id, source, url, title, outlet_id, authors, published, text, content_hash",
        "quotes": "*",
        "speakers": "*",
        "speaker_aliases": "*",
        "speaker_roles": "*",
        "outlets": "*",
        "ingest_errors": "source, code, message",
    }
    for table, selected in columns.items():
        assert rows(one, table, selected) == rows(two, table, selected), table
    assert len(rows(one, "quotes")) > 24


def test_read_sources_is_the_only_reader(tmp_path: Path) -> None:
    """What ingest stores is exactly what the readers yield (no second reading path)."""
    write_stories(tmp_path / "news", 2)
    read = [item for item in read_sources([str(tmp_path / "news")])]
    ingest([str(tmp_path / "news")], tmp_path / "c.db")
    stored = rows(tmp_path / "c.db", "articles", "id, source, text, content_hash")
    assert stored == sorted((a.id, a.source, a.text, a.content_hash) for a in read)
