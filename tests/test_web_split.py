"""Splitting merged speakers over HTTP, on a real corpus and a real app client: the made-up
multi-outlet articles of tests/data/linking (a misspelt aide merged into his record by
``quotetrail link``), served read-only by default and with --allow-edit."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from quotetrail.corpus import connect_readonly
from quotetrail.corpus.linking import refresh
from quotetrail.ingest import ingest
from quotetrail.web.app import create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

DATA = Path(__file__).parent / "data" / "linking" / "articles.jsonl"
LOCAL = "http://127.0.0.1:8000"  # edits are taken only through a loopback address
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def _build(folder: Path) -> Path:
    db = folder / "corpus.db"
    assert ingest([str(DATA)], db).stored == 7
    refresh(db)
    return db


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("split"))


@pytest.fixture(scope="module")
def reader(corpus: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus), base_url=LOCAL) as client:
        yield client


@pytest.fixture
def editable(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """A fresh corpus per test: splits change it."""
    db = _build(tmp_path)
    with TestClient(create_app(db, allow_edit=True), base_url=LOCAL) as client:
        yield client, db


def _merge(client: TestClient, name: str) -> dict:
    merges = client.get("/api/speakers/merged").json()
    return next(m for m in merges if m["name"] == name)


def _merged_pairs(db: Path) -> set[tuple[str, str]]:
    with closing(connect_readonly(db)) as conn:
        return {(a, b) for a, b in conn.execute("SELECT speaker_id, into_id FROM speaker_merges")}


def test_merges_are_listed_with_their_evidence(reader: TestClient) -> None:
    merge = _merge(reader, "Henrik Solbaken")
    assert merge["into_name"] == "Henrik Solbakken"
    assert merge["evidence"]["shared_roles"] and merge["score"] > 0
    html = reader.get(f"/speakers/{merge['into_id']}").text
    assert "Merged name variants" in html and "Henrik Solbaken" in html
    assert "/split" not in html and "token" not in html  # no split button when read-only


def test_a_split_is_forbidden_without_the_flag(reader: TestClient, corpus: Path) -> None:
    merge = _merge(reader, "Henrik Solbaken")
    before = _merged_pairs(corpus)
    response = reader.post(
        f"/api/speakers/{merge['into_id']}/split", json={"other": merge["speaker_id"]}
    )
    assert (response.status_code, response.json()["error"]["code"]) == (403, "W406")
    page = reader.post(
        f"/speakers/{merge['into_id']}/split", data={"other": merge["speaker_id"], "token": "x"}
    )
    assert page.status_code == 403 and "W406" in page.text
    assert _merged_pairs(corpus) == before


def test_the_api_splits_and_the_split_outlives_a_later_link_run(
    editable: tuple[TestClient, Path],
) -> None:
    client, db = editable
    merge = _merge(client, "Henrik Solbaken")
    pair = (merge["speaker_id"], merge["into_id"])
    response = client.post(f"/api/speakers/{pair[1]}/split", json={"other": pair[0]})
    assert response.status_code == 200
    assert response.json() == {"split": [pair[1], pair[0]]}
    assert pair not in _merged_pairs(db)
    assert all(m["name"] != "Henrik Solbaken" for m in client.get("/api/speakers/merged").json())
    refresh(db)  # `quotetrail link` again: the user's word stands
    assert pair not in _merged_pairs(db)
    assert ("Mikola Petrenko", "Mykola Petrenko") in {
        (m["name"], m["into_name"]) for m in client.get("/api/speakers/merged").json()
    }


def test_the_page_button_splits_with_the_servers_token(editable: tuple[TestClient, Path]) -> None:
    client, db = editable
    merge = _merge(client, "Mikola Petrenko")
    page = client.get(f"/speakers/{merge['into_id']}").text
    (token,) = TOKEN.findall(page)
    path = f"/speakers/{merge['into_id']}/split"
    forged = client.post(path, data={"other": merge["speaker_id"], "token": "guessed"})
    assert forged.status_code == 403 and "W407" in forged.text
    assert (merge["speaker_id"], merge["into_id"]) in _merged_pairs(db)
    done = client.post(
        path,
        data={"other": merge["speaker_id"], "token": token},
        headers={"Origin": "null"},  # what a browser sends from a no-referrer page
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith("#merged")
    assert (merge["speaker_id"], merge["into_id"]) not in _merged_pairs(db)


def test_cross_site_and_non_loopback_writes_are_refused(editable: tuple[TestClient, Path]) -> None:
    client, db = editable
    merge = _merge(client, "Henrik Solbaken")
    path = f"/api/speakers/{merge['into_id']}/split"
    body = {"other": merge["speaker_id"]}
    other_site = client.post(path, json=body, headers={"Origin": "https://evil.example"})
    assert (other_site.status_code, other_site.json()["error"]["code"]) == (403, "W407")
    rebound = client.post(path, json=body, headers={"Host": "evil.example:8000"})
    assert (rebound.status_code, rebound.json()["error"]["code"]) == (403, "W407")
    as_form = client.post(path, data=body)
    assert (as_form.status_code, as_form.json()["error"]["code"]) == (415, "W415")
    assert (merge["speaker_id"], merge["into_id"]) in _merged_pairs(db)


@pytest.mark.parametrize(
    ("target", "body", "status", "code"),
    [
        ("nope", {"other": "SOLBAKEN"}, 404, "W404"),
        ("SOLBAKKEN", {"other": "nope"}, 404, "W404"),
        ("SOLBAKKEN", {"other": "SOLBAKKEN"}, 400, "W400"),
        ("SOLBAKKEN", {}, 400, "W400"),
        ("SOLBAKKEN", ["SOLBAKEN"], 400, "W400"),
    ],
)
def test_bad_ids_are_coded_client_errors(
    editable: tuple[TestClient, Path], target: str, body: object, status: int, code: str
) -> None:
    client, db = editable
    merge = _merge(client, "Henrik Solbaken")
    ids = {"SOLBAKKEN": merge["into_id"], "SOLBAKEN": merge["speaker_id"]}

    def real(value: object) -> object:
        if isinstance(value, dict):
            return {k: ids.get(v, v) for k, v in value.items()}
        if isinstance(value, list):
            return [ids.get(v, v) for v in value]
        return ids.get(value, value)  # type: ignore[arg-type]

    response = client.post(f"/api/speakers/{real(target)}/split", json=real(body))
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)
    assert (merge["speaker_id"], merge["into_id"]) in _merged_pairs(db)
