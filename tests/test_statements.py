"""What counts as a statement (news-gold's definition), on real parsed sentences.

Each rule of ``extraction/statements.py`` and of the lead-in finder is checked with the real
English pipeline: the default scope drops what is not communicated speech, ``scope="all"``
keeps PolNeAR's wider notion and marks it. Sentences are written for these tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrail import extract
from quotetrail.corpus.db import connect_readonly
from quotetrail.extraction import FindOptions
from quotetrail.extraction.calibration import (
    Calibration,
    fit_examples,
    fit_level,
    isotonic,
    load_calibration,
    tune_fold,
)
from quotetrail.records import Quote

ALL = FindOptions(scope="all")


def covering(quotes: list[Quote], text: str, words: str) -> list[Quote]:
    start = text.index(words)
    end = start + len(words)
    return [q for q in quotes if q.content.start < end and start < q.content.end]


@pytest.mark.parametrize(
    ("rule", "text", "words"),
    [
        ("action with an object", "The club laid off its coach after six losses.", "coach"),
        ("order", "The mayor ordered an audit of the housing department last week.", "audit"),
        ("plea", "A local man pleaded guilty to fraud charges in federal court.", "fraud"),
        ("belief", "The minister believes the economy will recover by the end of next year.",
         "economy"),
        ("plan", "The company plans to open three new stores in the city next spring.", "stores"),
        ("negated speech", "The governor has not said whether he will sign the bill into law.",
         "sign the bill"),
        ("withheld speech", "The company declined to say how many workers would lose their jobs.",
         "workers"),
        ("generic speech", "When an employer tells a worker to stay home, the worker should get "
         "paid.", "stay home"),
        ("writer's wish", "We'd love to know which of the senators voted against the measure.",
         "senators"),
        ("discourse phrase", "That said, the road to a deal remains long and uncertain for both "
         "sides.", "road to a deal"),
        ("headline lead-in", "Graham: The plan to cut taxes is going nowhere this year",
         "cut taxes"),
        ("naming passive", 'The rare condition is called "pigeon keeper\'s lung."', "pigeon"),
        ("hedging passive", "The population of the camp is estimated at around 40,000 people.",
         "40,000"),
        ("handled object", "The senator released a letter from his physician on Friday.", "letter"),
    ],
)  # fmt: skip
def test_not_a_statement_in_the_default_scope(rule: str, text: str, words: str) -> None:
    assert not covering(extract(text), text, words), rule


def test_a_dateline_is_not_a_speaker() -> None:
    text = "NEW DELHI: The government will raise fuel prices next month, officials said.\n"
    quotes = extract(text)
    assert [q.speaker.text for q in quotes if q.speaker] == ["officials"]
    assert all(q.cue is None or q.cue.text != ":" for q in extract(text, options=ALL))


@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        ("The minister said the economy would recover by the end of next year.", "economy",
         "said"),
        ("The union called for a ban on overtime at the plant after the accident.", "ban",
         "called for"),
        ("Doctors warned of long delays at the hospital during the winter months.", "delays",
         "warned of"),
        ("Police confirmed the deaths of two climbers on the mountain on Sunday.", "deaths",
         "confirmed"),
        ('Jane Porter: "We will not stop until the factory is closed for good."', "factory", ":"),
        ("The tenants' union said in a statement that the rent rise should be put to a vote.",
         "rent rise", "said in"),
        ("The plan was approved, according to an official who asked not to be identified.",
         "approved", "according to"),
    ],
)  # fmt: skip
def test_communicated_statements_stay(text: str, words: str, cue: str) -> None:
    quotes = covering(extract(text), text, words)
    assert [q.cue.text if q.cue else None for q in quotes] == [cue]
    assert quotes[0].attribution == "communicated"
    assert 0.0 < (quotes[0].confidence or 0.0) < 1.0  # calibrated, lead-ins included


def test_anonymity_request_is_not_a_second_statement() -> None:
    text = "The plan was approved, according to an official who asked not to be identified.\n"
    assert [q.cue.text for q in extract(text) if q.cue] == ["according to"]


def test_scope_all_keeps_beliefs_and_marks_them() -> None:
    text = "The minister believes the economy will recover by the end of next year.\n"
    (belief,) = covering(extract(text, options=ALL), text, "economy")
    assert belief.attribution == "belief" and belief.cue and belief.cue.lemma == "believe"
    said = "The minister said the economy will recover by the end of next year.\n"
    assert {q.attribution for q in extract(said, options=ALL)} == {"communicated"}


def test_quoted_words_after_a_belief_verb_are_communicated() -> None:
    text = 'The chief executive sees the old factory as its "Achilles heel" in the market.\n'
    assert all(q.attribution == "communicated" for q in extract(text, options=ALL))


def test_scope_is_validated() -> None:
    with pytest.raises(ValueError, match="scope"):
        FindOptions(scope="beliefs")


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quotetrail.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
    )


BELIEF_ARTICLE = (
    "The mayor believes the new bridge will be finished by the summer.\n"
    "The mayor said the council would vote on the budget in May.\n"
)


def test_extract_cli_scope_option(tmp_path: Path) -> None:
    default = run("extract", "-", cwd=tmp_path, stdin=BELIEF_ARTICLE)
    wide = run("extract", "--scope", "all", "-", cwd=tmp_path, stdin=BELIEF_ARTICLE)
    assert default.returncode == wide.returncode == 0, default.stderr + wide.stderr
    narrow = json.loads(default.stdout)["quotes"]
    every = json.loads(wide.stdout)["quotes"]
    assert {q["attribution"] for q in narrow} == {"communicated"}
    assert "belief" in {q["attribution"] for q in every} and len(every) > len(narrow)
    table = run("extract", "--format", "table", "-", cwd=tmp_path, stdin=BELIEF_ARTICLE)
    assert "conf" in table.stdout.splitlines()[1]
    bad = run("extract", "--scope", "beliefs", "-", cwd=tmp_path, stdin=BELIEF_ARTICLE)
    assert bad.returncode == 2 and "--scope" in bad.stderr


def test_ingest_stores_the_attribution_column(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BELIEF_ARTICLE, encoding="utf-8")
    done = run("ingest", "a.txt", "--db", "wide.db", "--scope", "all", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    conn = connect_readonly(tmp_path / "wide.db")
    kinds = {row[0] for row in conn.execute("SELECT attribution FROM quotes")}
    assert kinds == {"communicated", "belief"}
    done = run("ingest", "a.txt", "--db", "narrow.db", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    conn = connect_readonly(tmp_path / "narrow.db")
    assert {row[0] for row in conn.execute("SELECT attribution FROM quotes")} == {"communicated"}
    quotes = run("quotes", "--db", "narrow.db", cwd=tmp_path)
    assert quotes.stdout.splitlines()[0].split()[4] == "conf"


def test_packaged_calibration_loads_and_is_monotone() -> None:
    calibration = load_calibration()
    assert calibration.fitted_on and "*" in calibration.steps
    for _, values in calibration.steps.values():
        assert list(values) == sorted(values) and all(0.0 <= v <= 1.0 for v in values)
    low = calibration("cue", "indirect", "communicated", 0.36)
    high = calibration("cue", "indirect", "communicated", 0.99)
    assert low < high
    assert calibration("never-seen-rule", "direct", "communicated", 1.0) == pytest.approx(
        calibration.leveled(calibration.steps["*"][1][0])
    )


def test_calibration_round_trips_and_rejects_bad_steps() -> None:
    points = [(x / 100, x > 50) for x in range(100)]
    fitted = fit_examples([("cue", "direct", "communicated", x, y) for x, y in points])
    again = Calibration.from_json(fitted.to_json())
    assert again.steps == fitted.steps
    assert again("cue", "direct", "communicated", 0.1) < again("cue", "direct", "communicated", 0.9)
    bounds, values = isotonic(points)
    assert list(bounds) == sorted(bounds) and list(values) == sorted(values)
    with pytest.raises(ValueError, match="ascend"):
        Calibration.from_json('{"steps": {"cue": {"upper": [0.9, 0.1], "p": [0.1, 0.2]}}}')


def test_level_moves_every_step_by_the_same_logistic_shift() -> None:
    steps = fit_examples([("cue", "direct", "communicated", x / 100, x > 30) for x in range(100)])
    # data whose statements are right more often than the steps say: the level raises them
    better = [(steps("cue", "direct", "communicated", x / 100), x > 10) for x in range(100)]
    a, b = fit_level(better)
    assert a > 0 and b > 0
    leveled = Calibration(steps.steps, level=(a, b))
    raws = [x / 100 for x in range(100)]
    before = [steps("cue", "direct", "communicated", r) for r in raws]
    after = [leveled("cue", "direct", "communicated", r) for r in raws]
    assert after == sorted(after) and sum(after) > sum(before)  # order kept, level raised
    again = Calibration.from_json(leveled.to_json())
    assert again.level == (a, b) and again("cue", "direct", "communicated", 0.5) == after[50]
    # data right exactly as often as the probabilities say leaves them where they were
    same = [(p / 10, i < p * 10) for p in (2, 5, 8) for i in range(100)]
    a0, b0 = fit_level(same)
    assert abs(a0) < 0.05 and abs(b0 - 1) < 0.05
    with pytest.raises(ValueError, match="slope"):
        Calibration.from_json('{"level": [0, -1], "steps": {}}')


TWO_CUES = (
    "Mayor Helen Brandt said on Monday that the bridge would reopen in May. "
    "Engineers had warned in a report that the cables were corroded."
)


def test_min_confidence_drops_what_is_below_it() -> None:
    every = extract(TWO_CUES, options=FindOptions(min_confidence=0.0))
    confidences = sorted(q.confidence or 0.0 for q in every)
    assert len(every) >= 2
    default = extract(TWO_CUES)
    assert FindOptions().floor == 0.5 and FindOptions(scope="all").floor == 0.0
    assert all((q.confidence or 0.0) >= 0.5 for q in default)
    assert {q.content.start for q in default} <= {q.content.start for q in every}
    floor = (confidences[0] + confidences[-1]) / 2
    if confidences[0] == confidences[-1]:
        pytest.fail(f"the sentences should be rated differently: {confidences}")
    strict = extract(TWO_CUES, options=FindOptions(min_confidence=floor))
    assert 0 < len(strict) < len(every)
    assert all((q.confidence or 0.0) >= floor for q in strict)
    with pytest.raises(ValueError, match="min_confidence"):
        FindOptions(min_confidence=1.5)


def test_news_gold_folds_split_by_article_hash() -> None:
    ids = [f"{n:016x}" for n in range(200)]
    tune = [i for i in ids if tune_fold(i)]
    assert 60 < len(tune) < 140 and tune_fold(ids[0]) == tune_fold(ids[0])
