"""The web app and JSON API against a real corpus: articles ingested with the real pipeline.

``build_corpus`` is shared with ``test_browser.py``: a few news articles written for these
tests (three outlets, three dates, speakers quoted across articles), one article whose text,
title, authors, outlet and URL carry script and attribute-breaking payloads, and one
unreadable document so the overview has an ingest error to show.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quotetrail.errors import QueryTooSlow
from quotetrail.ingest import ingest
from quotetrail.web import SETTINGS, Settings
from quotetrail.web.app import create_app
from quotetrail.web.db import ReadPool

with warnings.catch_warnings():
    # Starlette 1.x warns once, at import, that it would rather drive httpx2 than the httpx
    # 0.28 pinned here; the test client works the same with either.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
ARTICLES: list[dict[str, Any]] = [
    {
        "id": "ledger-levy",
        "url": "https://millbrookledger.example.com/2024/03/12/council-approves-road-levy",
        "title": "Millbrook council approves road levy after a long night of debate",
        "outlet": "Millbrook Ledger",
        "authors": ["Sam Ortiz"],
        "published": "2024-03-12",
        "text": (
            "Millbrook council approves road levy after a long night of debate\n"
            "The Millbrook town council voted 5-2 on Tuesday night to add a small levy to "
            "property tax bills, raising money for road and bridge repairs.\n"
            '"We cannot keep patching the same potholes every spring and calling it a plan," '
            "Councillor Daniel Reyes said.\n"
            "The council's treasurer, Maria Okafor, told members that the town had set aside "
            "barely a tenth of what the work would cost.\n"
            '"For ten years we have borrowed from the repair fund to balance the budget," she '
            'said. "The bill for that has now arrived."\n'
            "Ruth Abernathy, a retired teacher, spoke against the measure during public "
            "comment.\n"
            '"Many of us on fixed incomes already struggle with the bills we have," Abernathy '
            "said.\n"
            "Mayor Helen Brandt closed the meeting shortly after midnight.\n"
            '"Nobody in this room wanted to raise taxes," Brandt said. "But a bridge that '
            'closes costs far more than a bridge that is repaired."\n'
        ),
    },
    {
        "id": "gazette-bridge",
        "url": "https://harborgazette.example.org/news/mill-street-bridge-to-close",
        "title": "Mill Street bridge to close for three weeks of repairs",
        "outlet": "Harbor Gazette",
        "authors": ["Lena Park", "Tom Reid"],
        "published": "2024-05-20",
        "text": (
            "Mill Street bridge to close for three weeks of repairs\n"
            "The Mill Street bridge will close to traffic on June 3 while crews replace its "
            "deck, the town said on Monday.\n"
            '"The deck is worn through in places and the railings are loose," the town '
            "engineer, Paul Lindqvist, said.\n"
            "Lindqvist said that the bridge had not had a full inspection since 2019.\n"
            '"Three weeks of detours is a small price for a bridge that lasts another fifty '
            'years," Mayor Helen Brandt said.\n'
            "Daniel Reyes, the councillor who proposed the levy, said the repairs were the "
            "first paid for by the new money.\n"
        ),
    },
    {
        "id": "times-petition",
        "url": "https://valleytimes.example.net/2024/06/petition-levy-vote",
        "title": "Residents gather signatures to put road levy to a vote",
        "outlet": "Valley Times",
        "authors": "Priya Shah",
        "published": "2024-06-08",
        "text": (
            "Residents gather signatures to put road levy to a vote\n"
            "A group of Millbrook residents has begun collecting signatures to force a "
            "town-wide vote on the road levy.\n"
            '"People are not against the repairs," Ruth Abernathy said. "They want to be '
            'asked before they are billed."\n'
            "Daniel Reyes, the councillor who proposed the levy, said that a vote would delay "
            "the repairs by at least a year.\n"
            '"Every month we wait, the bill gets bigger," Reyes said.\n'
        ),
    },
    {
        "id": "xss-article",
        "url": f"javascript:alert(1)//{BREAKOUT}",
        "title": f"{SCRIPT} Council {BREAKOUT} vote",
        "outlet": f"Evil {BREAKOUT} News {SCRIPT}",
        "authors": [BREAKOUT, SCRIPT],
        "published": "2024-07-01",
        "text": (
            f"{SCRIPT} Hostile headline {BREAKOUT}\n"
            f'"The {SCRIPT} budget is {BREAKOUT} final," Councillor Janet Whitfield said.\n'
            f"Whitfield said that {BREAKOUT} nobody had read the plan.\n"
        ),
    },
]


def build_corpus(folder: Path) -> Path:
    """Ingest the test articles (and one unreadable file) into ``folder/corpus.db``."""
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / "articles.jsonl"
    dump.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    empty = folder / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    db = folder / "corpus.db"
    report = ingest([str(dump), str(empty)], db)
    assert (report.stored, report.failed) == (len(ARTICLES), 1)
    return db


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(corpus: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def extract_client(corpus: Path) -> Iterator[TestClient]:
    settings = Settings(max_extract_chars=2_000, max_extract_bytes=10_000)
    app = create_app(corpus, allow_extract=True, settings=settings)
    with TestClient(app) as test_client:
        yield test_client


def speaker_id(client: TestClient, name: str) -> str:
    quotes = client.get("/api/quotes", params={"speaker": name}).json()["quotes"]
    ids = {q["speaker_id"] for q in quotes}
    assert len(ids) == 1 and None not in ids, ids
    return ids.pop()


# -- search ------------------------------------------------------------------------------------
def test_search_finds_quotes_by_words_with_stemming(client: TestClient) -> None:
    found = client.get("/api/quotes", params={"q": "repaired"}).json()
    assert found["total"] >= 1
    assert all("repair" in q["content_text"].lower() for q in found["quotes"])
    assert "Helen Brandt" in {q["speaker"] for q in found["quotes"]}  # "repaired" itself
    assert found["total"] < client.get("/api/quotes").json()["total"]


def test_search_filters_combine(client: TestClient) -> None:
    everything = client.get("/api/quotes", params={"per_page": 100}).json()
    assert everything["total"] == len(everything["quotes"]) >= 10
    for name, value, check in [
        ("speaker", "Daniel Reyes", lambda q: q["speaker"] == "Daniel Reyes"),
        ("speaker", "reyes", lambda q: q["speaker"] == "Daniel Reyes"),  # an alias, any case
        ("outlet", "Harbor Gazette", lambda q: q["outlet"] == "Harbor Gazette"),
        ("outlet", "valleytimes.example.net", lambda q: q["outlet"] == "Valley Times"),
        ("kind", "indirect", lambda q: q["kind"] == "indirect"),
        ("since", "2024-05-01", lambda q: q["date"] >= "2024-05-01"),
        ("until", "2024-05-31", lambda q: q["date"] <= "2024-05-31"),
        ("min_confidence", "0.9", lambda q: q["confidence"] is not None and q["confidence"] >= 0.9),
    ]:
        found = client.get("/api/quotes", params={name: value, "per_page": 100}).json()
        assert 0 < found["total"] < everything["total"], (name, value)
        assert all(check(q) for q in found["quotes"]), (name, value)
    both = {"speaker": "Daniel Reyes", "outlet": "Valley Times", "kind": "direct"}
    found = client.get("/api/quotes", params=both).json()["quotes"]
    assert [q["content_text"] for q in found] == ['"Every month we wait, the bill gets bigger,"']


def test_search_form_offers_a_confidence_filter_and_refuses_bad_values(client: TestClient) -> None:
    html = client.get("/search", params={"min_confidence": "0.8"}).text
    assert '<select name="min_confidence">' in html
    assert '<option value="0.8" selected>' in html
    assert "min_confidence: 0.8" in html  # the filter chip
    assert client.get("/search", params={"min_confidence": ""}).status_code == 200  # "any"
    for bad, status in (("1.5", 400), ("-0.1", 400), ("high", 422)):  # as the other filters
        assert client.get("/api/quotes", params={"min_confidence": bad}).status_code == status


def test_search_pages_through_every_quote_once(client: TestClient) -> None:
    total = client.get("/api/quotes").json()["total"]
    seen: list[str] = []
    path: str | None = "/api/quotes?per_page=3"
    while path:
        page = client.get(path).json()
        assert page["total"] == total and len(page["quotes"]) <= 3
        seen += [q["id"] for q in page["quotes"]]
        path = page["next"]
    assert len(seen) == len(set(seen)) == total
    dates = [
        q["date"] for q in client.get("/api/quotes", params={"per_page": 100}).json()["quotes"]
    ]
    assert dates == sorted(dates, reverse=True)  # newest articles first


def test_bad_search_parameters_are_client_errors(client: TestClient) -> None:
    for params, status in [
        ({"q": "!!!"}, 400),  # no word to search for
        ({"per_page": 1000}, 400),  # over max_page_size
        ({"since": "2024-06-01", "until": "2024-01-01"}, 400),
        ({"kind": "rumour"}, 422),
        ({"since": "2024-13-01"}, 422),
        ({"page": 0}, 422),
    ]:
        response = client.get("/api/quotes", params=params)
        assert response.status_code == status, params
        error = response.json()["error"]
        assert error["status"] == status and error["code"].startswith("W") and error["message"]


def test_fts_syntax_in_user_text_is_only_words(client: TestClient) -> None:
    for text in ['bridge" OR "x', "NEAR(bridge levy)", "bridge*", "-bridge", "content_text:x"]:
        response = client.get("/api/quotes", params={"q": text})
        assert response.status_code == 200, text


def test_search_page_shows_hits_with_speaker_cue_outlet_date_and_link(client: TestClient) -> None:
    page = client.get("/search", params={"q": "bridge", "speaker": "Helen Brandt"})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    html = page.text
    assert html.count('class="hit"') == 2
    assert 'class="match">bridge</mark>' in html
    for expected in ("Helen Brandt", "said", "Harbor Gazette", "2024-05-20", "Millbrook Ledger"):
        assert expected in html
    assert 'href="/articles/gazette-bridge#q-' in html
    assert 'href="/speakers/' in html


def test_an_empty_form_submission_lists_everything(client: TestClient) -> None:
    empty = {"q": "", "speaker": "", "outlet": "", "kind": "", "since": "", "until": ""}
    assert client.get("/search", params=empty).status_code == 200
    assert client.get("/api/quotes", params=empty).json()["total"] > 0


def test_search_pages_link_to_the_next_page_with_the_filters(client: TestClient) -> None:
    html = client.get("/search", params={"kind": "direct", "per_page": 2}).text
    assert 'href="/search?kind=direct&amp;per_page=2&amp;page=2"' in html
    assert 'aria-current="page">1<' in html
    html = client.get("/search", params={"kind": "direct"}).text
    assert "per_page" not in html  # the default size is not spelled out


# -- speakers and articles ---------------------------------------------------------------------
def test_speaker_api_has_aliases_roles_dates_outlets_and_statements(client: TestClient) -> None:
    found = client.get(f"/api/speakers/{speaker_id(client, 'Daniel Reyes')}").json()
    assert found["name"] == "Daniel Reyes" and found["kind"] == "person"
    assert "Reyes" in found["aliases"]
    assert any(role.lower().startswith("councillor") for role in found["roles"])
    assert {row["outlet"] for row in found["outlets"]} == {
        "Millbrook Ledger",
        "Harbor Gazette",
        "Valley Times",
    }
    assert sum(row["n"] for row in found["dates"]) == found["quotes"]["total"] >= 3
    assert found["first_seen"] == "2024-03-12" and found["last_seen"] == "2024-06-08"
    assert {q["speaker"] for q in found["quotes"]["quotes"]} == {"Daniel Reyes"}


def test_speaker_page_has_the_chart_and_the_timeline(client: TestClient) -> None:
    html = client.get(f"/speakers/{speaker_id(client, 'Helen Brandt')}").text
    assert "<svg" in html and 'class="bar"' in html
    assert "Statements over time" in html and "Timeline" in html
    assert html.count('class="timeline-item"') == 2  # two articles quote her
    assert "Mayor" in html


def test_article_api_has_text_metadata_and_offsets(client: TestClient) -> None:
    found = client.get("/api/articles/ledger-levy").json()
    assert found["outlet"] == "Millbrook Ledger" and found["authors"] == ["Sam Ortiz"]
    assert found["date"] == found["published"] == "2024-03-12"
    assert found["quotes"]
    for quote in found["quotes"]:
        start, end = quote["content_start"], quote["content_end"]
        assert found["text"][start:end] == quote["content_text"]
        if quote["cue_lemma"] is not None:  # scored by the finder; shown on hover too
            assert 0.0 < quote["confidence"] <= 1.0
    html = client.get("/articles/ledger-levy").text
    scored = [q for q in found["quotes"] if q["confidence"] is not None]
    assert scored and f"confidence {scored[0]['confidence']:.2f}" in html


def test_article_page_highlights_content_cue_and_speaker_by_speaker(client: TestClient) -> None:
    article = client.get("/api/articles/ledger-levy").json()
    html = client.get("/articles/ledger-levy").text
    assert html.count("hl-content") >= len(article["quotes"])
    assert "hl-cue" in html and "hl-speaker" in html
    # "she said" is highlighted as a mention of the treasurer, her name shown on hover and tag
    assert re.search(r'class="hl hl-speaker spk-\d" [^>]*title="Maria Okafor[^"]*"', html)
    assert '<span class="hl-label">Maria Okafor</span>' in html
    colours = set(re.findall(r"hl-content spk-(\d)", html))
    assert len(colours) >= 4  # four speakers, four colours
    assert html.count('class="statement spk-') == len(article["quotes"])
    assert 'href="https://millbrookledger.example.com/' in html


def test_article_page_leaves_marked_slots_for_the_provenance_panels(client: TestClient) -> None:
    html = client.get("/articles/ledger-levy").text
    assert 'data-slot="copies-and-rewrites"' in html
    assert 'data-slot="spread"' in html


def test_unknown_ids_are_404_in_pages_and_api(client: TestClient) -> None:
    for path in ("/api/speakers/nobody", "/api/articles/nothing", "/api/nowhere"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["error"]["status"] == 404
    for path in ("/speakers/nobody", "/articles/nothing", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404 and "text/html" in response.headers["content-type"]


def test_overview_counts_speakers_outlets_and_errors(client: TestClient) -> None:
    html = client.get("/").text
    counts = client.get("/api/quotes").json()["total"]
    assert f'<span class="n">{counts}</span><span class="what">statements</span>' in html
    assert "Daniel Reyes" in html and "Harbor Gazette" in html
    assert "E101" in html and 'href="/errors"' in html  # the unreadable document, counted
    assert "empty.txt" in client.get("/errors?code=E101").text  # and listed on its own page


def test_openapi_schema_describes_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/quotes", "/api/speakers/{speaker_id}", "/api/articles/{article_id}"):
        assert "get" in paths[path]
    assert "post" in paths["/api/extract"]
    names = {p["name"] for p in paths["/api/quotes"]["get"]["parameters"]}
    assert {"q", "speaker", "outlet", "kind", "since", "until", "page", "per_page"} <= names
    assert not any(path.startswith(("/search", "/speakers/", "/articles/")) for path in paths)


# -- untrusted text ----------------------------------------------------------------------------
def assert_escaped(html: str) -> None:
    """No payload survives as markup; the script tag is there, as text."""
    assert SCRIPT not in html and "<img" not in html and "onerror=alert(1)>" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_script_and_attribute_payloads_are_escaped_everywhere(client: TestClient) -> None:
    article = client.get("/api/articles/xss-article").json()
    assert SCRIPT in article["title"] and BREAKOUT in article["authors"]  # stored as written
    assert_escaped(client.get("/articles/xss-article").text)
    assert_escaped(client.get("/search", params={"q": "budget final"}).text)
    assert_escaped(client.get("/search", params={"q": SCRIPT}).text)  # echoed in the form
    assert_escaped(client.get("/search", params={"outlet": article["outlet"]}).text)
    whitfield = speaker_id(client, "Janet Whitfield")
    assert_escaped(client.get(f"/speakers/{whitfield}").text)
    overview = client.get("/").text
    assert SCRIPT not in overview and "<img" not in overview


def test_pages_forbid_scripts_with_a_content_security_policy(client: TestClient) -> None:
    response = client.get("/articles/xss-article")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in client.get("/").text  # the pages need no script at all


# -- extraction --------------------------------------------------------------------------------
def test_extract_is_forbidden_without_the_flag(client: TestClient) -> None:
    response = client.post("/api/extract", json={"text": '"Yes," she said.'})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "W403"


def test_extract_returns_the_statements_of_posted_text(extract_client: TestClient) -> None:
    text = 'The mayor, Helen Brandt, spoke on Monday.\n"The bridge opens in June," Brandt said.\n'
    for response in (
        extract_client.post("/api/extract", json={"text": text}),
        extract_client.post("/api/extract", content=text, headers={"content-type": "text/plain"}),
    ):
        assert response.status_code == 200
        found = response.json()
        assert found["chars"] == len(text)
        (quote,) = found["quotes"]
        assert quote["speaker_name"] == "Helen Brandt" and quote["cue"]["lemma"] == "say"
        assert text[quote["content"]["start"] : quote["content"]["end"]] == quote["content"]["text"]
    assert extract_client.post("/api/extract", json={"text": ""}).json()["quotes"] == []


def test_extract_takes_the_scope_in_the_body_or_the_query(extract_client: TestClient) -> None:
    text = "The mayor believes the new bridge will be finished by the summer.\n"
    default = extract_client.post("/api/extract", json={"text": text}).json()
    assert default["scope"] == "statements" and default["quotes"] == []
    wide = extract_client.post("/api/extract", json={"text": text, "scope": "all"}).json()
    assert wide["scope"] == "all" and [q["attribution"] for q in wide["quotes"]] == ["belief"]
    plain = extract_client.post(
        "/api/extract?scope=all", content=text, headers={"content-type": "text/plain"}
    ).json()
    assert [q["attribution"] for q in plain["quotes"]] == ["belief"]
    bad = extract_client.post("/api/extract", json={"text": text, "scope": "beliefs"})
    assert bad.status_code == 400 and "scope" in bad.json()["error"]["message"]


def test_extract_refuses_a_declared_body_over_the_limit(extract_client: TestClient) -> None:
    response = extract_client.post("/api/extract", content=b"x" * 10_001)  # Content-Length set
    assert response.status_code == 413 and response.json()["error"]["code"] == "W413"


def test_extract_stops_reading_a_streamed_body_at_the_limit(extract_client: TestClient) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:  # chunked transfer: no Content-Length to trust
        nonlocal sent
        for _ in range(100):
            sent += 1
            yield b"y" * 1_000

    response = extract_client.post("/api/extract", content=chunks())
    assert response.status_code == 413 and response.json()["error"]["code"] == "W413"


def test_extract_refuses_text_over_the_character_limit(extract_client: TestClient) -> None:
    response = extract_client.post("/api/extract", json={"text": "word " * 500})  # 2,500 chars
    assert response.status_code == 413 and response.json()["error"]["code"] == "W414"


def test_extract_rejects_bodies_it_cannot_read(extract_client: TestClient) -> None:
    post = extract_client.post
    assert (
        post(
            "/api/extract", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert post("/api/extract", json={"txt": "x"}).status_code == 400
    assert (
        post(
            "/api/extract", content=b"\xff\xfe", headers={"content-type": "text/plain"}
        ).status_code
        == 400
    )
    assert (
        post("/api/extract", content=b"x", headers={"content-type": "image/png"}).status_code == 415
    )


def test_default_limit_is_100000_characters() -> None:
    assert Settings().max_extract_chars == 100_000


def test_the_package_exports_the_app_factory() -> None:
    import quotetrail.web

    assert quotetrail.web.create_app is create_app


# -- limits, settings, serving -----------------------------------------------------------------
def test_a_query_over_the_time_limit_is_interrupted(corpus: Path) -> None:
    pool = ReadPool(corpus, time_limit_ms=50)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n"
    started = time.monotonic()
    with pytest.raises(QueryTooSlow), pool.read() as conn:
        conn.execute(endless).fetchone()
    assert time.monotonic() - started < 2
    with pool.read() as conn:  # the connection is fine for the next request
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] > 0
    pool.close()


def test_served_connections_cannot_write(corpus: Path) -> None:
    pool = ReadPool(corpus, time_limit_ms=1000)
    with pool.read() as conn, pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM quotes")
    pool.close()


def test_a_missing_corpus_fails_at_startup_with_its_code(tmp_path: Path) -> None:
    from quotetrail.errors import CorpusNotFound

    with pytest.raises(CorpusNotFound):
        create_app(tmp_path / "nothing.db")


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Web UI and HTTP API", 1)[1].split("\n## ", 1)[0]
    for setting in SETTINGS:
        assert setting.help.strip(), setting.name
        assert f"`{setting.name}`" in section, f"README does not document {setting.name}"
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)


def test_settings_are_validated() -> None:
    assert Settings.from_pairs([("max_page_size", "500")]).max_page_size == 500
    for pairs in ([("nope", "1")], [("max_page_size", "many")], [("sql_time_limit_ms", "0")]):
        with pytest.raises(ValueError):
            Settings.from_pairs(pairs)
    with pytest.raises(ValueError):
        Settings(default_page_size=50, max_page_size=10)


def test_serve_binds_to_loopback_and_warns_for_other_hosts(capsys: pytest.CaptureFixture) -> None:
    import argparse

    from quotetrail.web.cli import add_commands, is_loopback, run_serve

    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    args = parser.parse_args(["serve"])
    assert (args.host, args.port, args.allow_extract) == ("127.0.0.1", 8000, False)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.com")
    args = parser.parse_args(["serve", "--host", "0.0.0.0", "--db", "/nonexistent/x.db"])
    from quotetrail.errors import CorpusNotFound

    with pytest.raises(CorpusNotFound):  # the main CLI prints it with its code, exit 2
        run_serve(args)
    assert "not a loopback address" in capsys.readouterr().err


def test_low_confidence_statements_hide_behind_one_toggle(tmp_path: Path) -> None:
    db = build_corpus(tmp_path / "low")
    with sqlite3.connect(db) as conn:  # one statement the finder was unsure of
        (qid, article_id, speaker) = conn.execute(
            "SELECT id, article_id, speaker_id FROM quotes WHERE speaker_id IS NOT NULL "
            "ORDER BY seq LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE quotes SET confidence = 0.2 WHERE id = ?", (qid,))
    with TestClient(create_app(db)) as low:
        for path in ("/search", f"/speakers/{speaker}", f"/articles/{article_id}"):
            hidden = low.get(path).text
            shown = low.get(path, params={"show_low": "1"}).text
            assert f"q-{qid}" not in hidden and f"q-{qid}" in shown, path
            assert "Show low-confidence statements (below 0.5)" in hidden
            assert 'aria-checked="false"' in hidden and 'aria-checked="true"' in shown
            assert "conf 0.20" in shown
        # the API hides nothing unless asked
        api = low.get("/api/quotes", params={"per_page": 100}).json()["quotes"]
        assert qid in {q["id"] for q in api}
