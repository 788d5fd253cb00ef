"""Linking on real records: name comparisons and take-back patterns as pure functions, then a
real corpus ingested with the real pipeline from made-up multi-outlet articles
(tests/data/linking/articles.jsonl): an alliance aide's remark at a panel, relayed a day later
re-translated and under a misspelt name, answered by an adviser spelt two ways, and taken back
("It was a mistake"); the same aide on another occasion and a teacher who shares his surname
must stay apart."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from quotetrail.corpus import connect_readonly
from quotetrail.corpus.export import export_table
from quotetrail.corpus.linking import refresh, split_speakers
from quotetrail.corpus.linkqueries import cluster_detail
from quotetrail.eval.linking import _choose
from quotetrail.ingest import ingest
from quotetrail.linking import (
    LinkingOptions,
    LinkQuote,
    LinkSpeaker,
    compare_names,
    merge_speakers,
    name_parts,
    same_utterance,
    takeback_sense,
    transliteration_fold,
    utterance_clusters,
    word_diff,
)
from quotetrail.linking.clusters import candidate_pairs
from quotetrail.linking.similarity import Idf, features, quotes_fragment

DATA = Path(__file__).parent / "data" / "linking" / "articles.jsonl"
OPTIONS = LinkingOptions()


def _names_agree(a: str, b: str) -> bool:
    pa, pb = name_parts(a), name_parts(b)
    assert pa is not None and pb is not None
    return compare_names(pa, pb, OPTIONS) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mykhailo Podolyak", "Mikhaylo Podoliak"),
        ("Oleh Nikolenko", "Oleg Nikolenko"),
        ("Stian Jenssen", "Stian Jensen"),
        ("Chuck Grassley", "Charles E. Grassley"),
        ("François Hollande", "Francois Hollande"),
        ("FranÃ§ois Hollande", "François Hollande"),  # UTF-8 read as Latin-1 upstream
        ("FranA\u0303\u0083A\u0302\u00a7ois Hollande", "Francois Hollande"),  # twice, decomposed
    ],
)
def test_spellings_of_one_name_agree(a: str, b: str) -> None:
    assert _names_agree(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hillary Clinton", "Bill Clinton"),
        ("Donald Trump", "Donald Trump Jr."),
        ("George W. Bush", "George H. W. Bush"),
        ("Mike Pence", "Mike Pompeo"),
        ("J. Smith", "John Smith"),
    ],
)
def test_different_people_do_not(a: str, b: str) -> None:
    assert not _names_agree(a, b)


def test_transliterations_fold_to_one_form() -> None:
    assert transliteration_fold("podolyak") == transliteration_fold("podoliak")
    assert transliteration_fold("jenssen") == transliteration_fold("jensen")


def test_a_misnaming_needs_a_shared_role_and_a_split_is_respected() -> None:
    stian = LinkSpeaker(
        "a", "Stian Jenssen", "person", ("chief of staff",), "2025-01-01", "2025-01-02", 5
    )
    stefan = LinkSpeaker(
        "b", "Stefan Jenssen", "person", ("chief of staff",), "2025-01-02", "2025-01-02", 1
    )
    other = LinkSpeaker(
        "c", "Stefan Jenssen", "person", ("footballer",), "2025-01-02", "2025-01-02", 1
    )
    (merge,) = merge_speakers([stian, stefan])
    assert (merge.speaker_id, merge.into_id) == ("b", "a")
    assert merge.evidence["rule"] == "misnaming with the same role"
    assert merge.evidence["shared_roles"] == ["staff"]
    assert merge_speakers([stian, other]) == []
    assert merge_speakers([stian, stefan], splits=[("a", "b")]) == []


def test_spellings_that_differ_in_their_first_letters_still_meet() -> None:
    # two edits, one of them in the first three letters: a prefix block would keep them apart
    a = LinkSpeaker(
        "a",
        "Sviatlana Tsikhanouskaya",
        "person",
        ("opposition leader",),
        "2024-03-01",
        "2024-03-09",
        6,
    )
    b = LinkSpeaker(
        "b",
        "Sviatlana Tikhanovskaya",
        "person",
        ("opposition leader",),
        "2024-03-05",
        "2024-03-05",
        1,
    )
    stranger = LinkSpeaker(
        "c", "Sviatlana Tikhonova", "person", ("opposition leader",), "2024-03-05", "2024-03-05", 1
    )
    merges = merge_speakers([a, b, stranger])
    assert [(m.speaker_id, m.into_id) for m in merges] == [("b", "a")]


def test_a_third_record_never_bridges_two_people() -> None:
    speakers = [
        LinkSpeaker("h", "Hillary Clinton", "person", (), "2016-01-01", "2016-02-01", 9),
        LinkSpeaker("x", "Hillary R. Clinton", "person", (), "2016-01-01", "2016-02-01", 2),
        LinkSpeaker("b", "Bill Clinton", "person", (), "2016-01-01", "2016-02-01", 4),
    ]
    merges = merge_speakers(speakers)
    assert [(m.speaker_id, m.into_id) for m in merges] == [("x", "h")]


@pytest.mark.parametrize(
    ("text", "sense"),
    [
        ("It was a mistake.", "retraction"),
        ("I shouldn't have said it that way", "retraction"),
        ("the statement a mistake", "retraction"),
        ("that the candidate misspoke", "correction"),
        ("apologized for his remarks about the judge", "apology"),
        ("that it was a mistake to invade Iraq", None),
        ("his earlier comments as a mistake", "retraction"),  # "described ... as a mistake"
        ("the invasion as a mistake", None),
        ("the Iraq war was a mistake", None),
        ("I am sorry to say that the factory will close", None),
    ],
)
def test_take_back_senses(text: str, sense: str | None) -> None:
    assert takeback_sense(LinkQuote("q", "a", "s", text)) == sense


@pytest.mark.parametrize(
    ("cue", "text", "sense"),
    [
        ("revise", "his previous statement", "correction"),
        ("correct", "her remarks on the budget", "correction"),
        ("revise", "the growth forecast", None),  # not about words said
        ("correct", "the reporter", None),
    ],
)
def test_a_cue_makes_a_take_back_only_about_words_said(cue: str, text: str, sense) -> None:
    assert takeback_sense(LinkQuote("q", "a", "s", text, cue_lemma=cue)) == sense


def test_word_diff_shows_how_the_words_changed() -> None:
    diff = word_diff("a solution could be", "a possible solution is")
    assert ("added", "possible") in diff and ("removed", "could be") in diff
    assert ("same", "a") in diff


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("linking") / "corpus.db"
    assert ingest([str(DATA)], db).stored == 7
    run = refresh(db)
    assert run.quotes >= 7
    return db


def _quotes(db: Path) -> list[dict]:
    with closing(connect_readonly(db)) as conn:
        return [
            dict(r)
            for r in conn.execute(
                """SELECT q.id, q.article_id, q.speaker_name, q.content_text, u.cluster,
                   t.cluster AS takes_back FROM quotes q
                   LEFT JOIN utterances u ON u.quote_id = q.id
                   LEFT JOIN takes_back t ON t.quote_id = q.id"""
            )
        ]


def _merged(db: Path) -> set[tuple[str, str]]:
    with closing(connect_readonly(db)) as conn:
        rows = conn.execute(
            """SELECT x.name, s.name FROM speaker_merges m
               JOIN speakers x ON x.id = m.speaker_id JOIN speakers s ON s.id = m.into_id"""
        )
        return {(a, b) for a, b in rows}


def test_misspelt_names_are_merged_with_evidence_and_namesakes_kept_apart(corpus: Path) -> None:
    merged = _merged(corpus)
    assert ("Henrik Solbaken", "Henrik Solbakken") in merged
    assert ("Mikola Petrenko", "Mykola Petrenko") in merged
    assert not any("Anna" in a or "Anna" in b for a, b in merged)
    with closing(connect_readonly(corpus)) as conn:
        (evidence,) = conn.execute(
            """SELECT evidence FROM speaker_merges m JOIN speakers x ON x.id = m.speaker_id
               WHERE x.name = 'Henrik Solbaken'"""
        ).fetchone()
    assert json.loads(evidence)["shared_roles"]


def test_renderings_of_one_remark_form_one_cluster_and_another_occasion_stays_out(
    corpus: Path,
) -> None:
    quotes = _quotes(corpus)
    panel = next(
        q for q in quotes if q["article_id"] == "herald-panel" and "islands" in q["content_text"]
    )
    relay = next(
        q for q in quotes if q["article_id"] == "wire-relay" and "islands" in q["content_text"]
    )
    january = next(q for q in quotes if q["article_id"] == "herald-january")
    teacher = next(q for q in quotes if q["article_id"] == "local-teacher")
    assert panel["cluster"] and panel["cluster"] == relay["cluster"]
    assert january["cluster"] != panel["cluster"] and teacher["cluster"] != panel["cluster"]
    with closing(connect_readonly(corpus)) as conn:
        detail = cluster_detail(conn, panel["cluster"])
    assert detail is not None
    assert detail["first"]["article_id"] == "herald-panel"
    assert detail["outlets"][0] == "Nordic Herald" and "Wire Daily" in detail["outlets"]
    relayed = next(r for r in detail["renderings"] if r["article_id"] == "wire-relay")
    assert {"op": "added", "text": "possible"} in [
        {"op": d["op"], "text": d["text"].strip('"').lower()} for d in relayed["diff"]
    ] or any(d["op"] != "same" for d in relayed["diff"])
    replies = {
        q["cluster"]
        for q in quotes
        if q["article_id"] in ("capital-reply", "post-reply") and "absurd" in q["content_text"]
    }
    assert len(replies) == 1 and None not in replies


def test_the_retraction_is_linked_to_the_remark_it_takes_back(corpus: Path) -> None:
    quotes = _quotes(corpus)
    panel = next(
        q for q in quotes if q["article_id"] == "herald-panel" and "islands" in q["content_text"]
    )
    (retraction,) = [q for q in quotes if q["takes_back"]]
    assert "mistake" in retraction["content_text"]
    assert retraction["takes_back"] == panel["cluster"]
    with closing(connect_readonly(corpus)) as conn:
        detail = cluster_detail(conn, panel["cluster"])
    assert detail is not None
    assert [t["quote_id"] for t in detail["taken_back_by"]] == [retraction["id"]]


def test_exports_carry_cluster_takes_back_and_merged_aliases(corpus: Path) -> None:
    import io

    with closing(connect_readonly(corpus)) as conn:
        out = io.BytesIO()
        export_table(conn, "quotes", "jsonl", out)
        rows = [json.loads(line) for line in out.getvalue().decode().splitlines()]
        out = io.BytesIO()
        export_table(conn, "speakers", "jsonl", out)
        speakers = [json.loads(line) for line in out.getvalue().decode().splitlines()]
    assert any(r["cluster"] for r in rows) and sum(1 for r in rows if r["takes_back"]) == 1
    henrik = next(s for s in speakers if s["name"] == "Henrik Solbakken")
    assert "Henrik Solbaken" in henrik["aliases"]
    assert not any(s["name"] == "Henrik Solbaken" for s in speakers)  # listed once, merged
    relay = next(r for r in rows if r["article_id"] == "wire-relay" and r["cluster"])
    assert relay["speaker_id"] == henrik["id"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quotetrail.cli", *args], capture_output=True, text=True, check=False
    )


def test_cli_lists_merges_filters_a_cluster_and_a_split_sticks(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(corpus, db)
    done = run_cli("speakers", "--db", str(db), "--merged", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    merges = [json.loads(line) for line in done.stdout.splitlines()]
    solbaken = next(m for m in merges if m["name"] == "Henrik Solbaken")
    assert solbaken["evidence"]["rule"] == "spelling variant"
    cluster = next(
        q["cluster"] for q in _quotes(db) if q["article_id"] == "wire-relay" and q["cluster"]
    )
    done = run_cli("quotes", "--db", str(db), "--cluster", cluster, "--format", "jsonl")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert {r["article_id"] for r in rows} >= {"herald-panel", "wire-relay", "wire-retraction"}
    done = run_cli(
        "speakers", "--db", str(db), "--split", solbaken["speaker_id"], solbaken["into_id"]
    )
    assert done.returncode == 0, done.stderr
    assert ("Henrik Solbaken", "Henrik Solbakken") not in _merged(db)
    done = run_cli("link", "--db", str(db), "--refresh")
    assert done.returncode == 0, done.stderr
    assert ("Henrik Solbaken", "Henrik Solbakken") not in _merged(db)
    assert ("Mikola Petrenko", "Mykola Petrenko") in _merged(db)
    assert not split_speakers(db, solbaken["speaker_id"], "no-such-id")
    assert run_cli("speakers", "--db", str(db), "--split", "x", "y").returncode == 2


def test_web_and_api_show_clusters_take_backs_and_the_story(corpus: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient

    from quotetrail.web.app import create_app

    quotes = _quotes(corpus)
    cluster = next(q["cluster"] for q in quotes if q["article_id"] == "wire-relay" and q["cluster"])
    with TestClient(create_app(corpus)) as client:
        api = client.get("/api/utterances/" + cluster).json()
        assert api["renderings"][0]["article_id"] == "herald-panel"
        assert [t["sense"] for t in api["taken_back_by"]] == ["retraction"]
        listed = client.get("/api/quotes", params={"cluster": cluster}).json()["quotes"]
        assert {q["takes_back"] for q in listed} == {cluster, None}
        page = client.get("/utterances/" + cluster).text
        assert "Taken back" in page and "<ins>" in page and "Nordic Herald" in page
        # both sides of the retraction link, on the article pages
        assert "takes back" in client.get("/articles/wire-retraction").text
        panel = client.get("/articles/herald-panel").text
        assert "taken back in" in panel and "/utterances/" + cluster in panel
        story = client.get("/api/stories/herald-panel").json()
        assert {a["id"] for a in story["articles"]} >= {
            "herald-panel",
            "wire-relay",
            "wire-retraction",
        }
        assert "local-teacher" not in {a["id"] for a in story["articles"]}
        assert story["retractions"] and "The story" in client.get("/stories/herald-panel").text
        assert client.get("/utterances/nope").status_code == 404
    # with provenance run too, the Spread panel of a clustered quote links to its cluster page
    from quotetrail.corpus.provenance import refresh as refresh_provenance

    refresh_provenance(corpus)
    with TestClient(create_app(corpus)) as client:
        page = client.get("/articles/herald-panel").text
        assert "Spread: in 2 articles" in page
        assert "All renderings of this utterance" in page.split("Spread: in", 1)[1]
        assert client.get("/api/stories/nope").status_code == 404


def test_options_out_of_range_are_refused_with_a_code() -> None:
    from quotetrail.errors import InvalidOption

    with pytest.raises(InvalidOption) as err:
        LinkingOptions(cluster_similarity=2)
    assert err.value.code == "E401"
    with pytest.raises(InvalidOption):
        LinkingOptions(cluster_window_days=-1)


# -- renderings of real PolNeAR quotes (tests/data/linking/renderings.jsonl: pairs from the
# -- labelled set of benchmarks/data/linking_pairs.jsonl, each with why it is or is not one) --

RENDERINGS = Path(__file__).parent / "data" / "linking" / "renderings.jsonl"


def _rendering_pairs() -> list[dict]:
    with RENDERINGS.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _link_quote(side: dict, n: int) -> LinkQuote:
    return LinkQuote(
        f"q{n}",
        side["article"],
        side["speaker"],
        side["text"],
        side["published"],
        side["outlet"],
        "person",
        speaker_name=side["speaker"],
    )


@pytest.mark.parametrize("pair", _rendering_pairs(), ids=lambda p: p["why"][:40])
def test_real_rendering_pairs_are_decided_as_labelled(pair: dict) -> None:
    quotes = [_link_quote(s, n) for n, p in enumerate(_rendering_pairs()) for s in (p["a"], p["b"])]
    bags = [features(q.content_text) for q in quotes]
    idf = Idf(bags)
    a = next(n for n, q in enumerate(quotes) if q.content_text == pair["a"]["text"])
    b = next(n for n, q in enumerate(quotes) if q.content_text == pair["b"]["text"])
    decided = same_utterance(quotes[a], quotes[b], bags[a], bags[b], idf, OPTIONS)
    assert (decided is not None) == pair["label"], pair["why"]


def test_a_quoted_fragment_must_recur_word_for_word_and_say_something() -> None:
    long = (
        'Trump\'s remarks about a federal judge was "the textbook definition of a racist comment,"'
    )
    assert quotes_fragment("“textbook definition”", long, 2)
    assert not quotes_fragment("“definition textbook”", long, 2)  # not in that order
    assert not quotes_fragment('"Obama-Clinton"', "from the Obama-Clinton disaster", 1)  # a name
    assert not quotes_fragment("textbook definition", long, 2)  # nothing in quotation marks


def test_prepositions_are_no_content_words() -> None:
    assert features("Bush throughout the campaign") == features("Bush during the campaign")
    assert not features("during throughout against although")


def test_a_widely_relayed_remark_stays_one_cluster_past_the_candidate_cap() -> None:
    """Each quote keeps only ``max_candidates`` candidates, yet twelve renderings of one remark
    still meet: the cluster joins through every member's candidates."""
    text = "the textbook definition of a racist comment"  # short: no verbatim route at any distance
    quotes = [
        LinkQuote(f"q{n}", f"a{n}", "ryan", text, f"2016-06-{8 + n % 3:02d}", f"o{n}", "person")
        for n in range(12)
    ]
    options = LinkingOptions(max_candidates=2)
    bags = [features(q.content_text) for q in quotes]
    pairs = list(candidate_pairs(quotes, bags, options, Idf(bags)))
    assert len(set(pairs)) <= 12 * 2  # each quote proposed at most two, not all eleven others
    clusters = utterance_clusters(quotes, options)
    assert len(clusters) == 1 and len(clusters[0].renderings) == 12


def test_two_fold_picks_the_highest_recall_at_the_target_precision() -> None:
    labels = [True, True, True, False, False]
    strict = [True, False, False, False, False]  # precision 1.0, recall 1/3
    loose = [True, True, True, True, True]  # precision 0.6: under the target
    middle = [True, True, False, False, False]  # precision 1.0, recall 2/3
    assert _choose([strict, loose, middle], labels) == 2
    assert _choose([loose], labels) == 0  # nothing reaches the target: the most precise


def test_short_forms_and_doubled_consonants_fold_to_one_feature() -> None:
    # two renderings of one proposal in the labelled PolNeAR pairs
    assert features("to ban Muslims from entering the U.S.") == features(
        "banning Muslims from entering the United States"
    )
    assert features("the EU and Britain") == features("the European Union and the U.K.")
    assert features("us") == frozenset()  # the pronoun is no country


def test_copies_of_a_long_quote_months_apart_chain_into_one_cluster_within_the_cap() -> None:
    """Verbatim copies meet at any distance through their rarest words; each proposes only its
    next few copies in date order, yet all twelve form one cluster."""
    text = _rendering_pairs()[0]["b"]["text"]  # long: eleven content words
    quotes = [
        LinkQuote(f"q{n}", f"a{n}", "ryan", text, f"2016-{1 + n:02d}-09", f"o{n}", "person")
        for n in range(12)
    ]
    options = LinkingOptions(max_candidates=2)
    bags = [features(q.content_text) for q in quotes]
    assert len(set(candidate_pairs(quotes, bags, options, Idf(bags)))) <= 12 * 2
    clusters = utterance_clusters(quotes, options)
    assert len(clusters) == 1 and len(clusters[0].renderings) == 12


def test_exact_copies_pair_with_the_copy_before_not_with_every_later_copy() -> None:
    """Forty copies of one long quote by one speaker cost a chain of pairs, not forty times
    ``max_candidates``, and still form one cluster."""
    text = (
        "We will not raise the retirement age, and we will protect every pension that working "
        "families have earned over a lifetime of labour"
    )
    quotes = [
        LinkQuote(f"q{n}", f"a{n}", "ryan", text, f"2016-{1 + n % 12:02d}-{1 + n // 12:02d}")
        for n in range(40)
    ]
    bags = [features(q.content_text) for q in quotes]
    pairs = set(candidate_pairs(quotes, bags, LinkingOptions(), Idf(bags)))
    assert len(pairs) < 40 * 2
    clusters = utterance_clusters(quotes)
    assert len(clusters) == 1 and len(clusters[0].renderings) == 40


def test_a_small_posting_budget_still_finds_renderings_through_their_rare_words() -> None:
    """A speaker's busy week: fifty quotes share everyday words; two renderings of one remark
    share rare ones. Read rarest first, a budget of one posting still proposes the pair."""
    busy = [
        LinkQuote(
            f"b{n}",
            f"x{n}",
            "ryan",
            f"the economy and jobs and growth matter for families, item {n}",
            "2016-06-08",
        )
        for n in range(50)
    ]
    pair = [
        LinkQuote(
            "r1", "a1", "ryan", "zeppelin tariffs would bankrupt Liechtenstein", "2016-06-08"
        ),
        LinkQuote(
            "r2", "a2", "ryan", "the zeppelin tariffs will bankrupt Liechtenstein", "2016-06-09"
        ),
    ]
    options = LinkingOptions(max_scanned=1)
    clusters = utterance_clusters(busy + pair, options)
    together = [c for c in clusters if {r.quote_id for r in c.renderings} >= {"r1", "r2"}]
    assert len(together) == 1
