"""PolNeAR scorer on small hand-built articles whose scores can be worked out by hand."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import replace

import pytest

from quotetrail.eval.brat import GoldAttribution, GoldSpan
from quotetrail.eval.polnear import (
    confidence_band,
    evaluate,
    format_report,
    gold_kind,
    match,
    normalise,
    score,
    speaker_form,
)
from quotetrail.records import CueSpan, Quote, Span

TEXT = 'Trump said "we will win big." The mayor claimed that taxes are far too high.'


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def gspan(text: str, *subs: str) -> GoldSpan:
    fragments = tuple(at(text, sub) for sub in subs)
    return GoldSpan(fragments, " ".join(text[s:e] for s, e in fragments))


def gold(text: str, content: str, cue: str | None, source: str | None) -> GoldAttribution:
    return GoldAttribution(
        content=gspan(text, content),
        cue=gspan(text, cue) if cue else None,
        source=gspan(text, source) if source else None,
    )


def span(text: str, sub: str) -> Span:
    return Span(*at(text, sub), sub)


def quote(
    text: str, content: str, cue: str | None, speaker: str | None, kind: str = "indirect"
) -> Quote:
    return Quote(
        kind=kind,  # type: ignore[arg-type]
        content=span(text, content),
        cue=CueSpan(*at(text, cue), cue, cue) if cue else None,
        speaker=span(text, speaker) if speaker else None,
        speaker_name=speaker,
        speaker_kind=None,
    )


GOLD = [
    gold(TEXT, '"we will win big."', "said", "Trump"),
    gold(TEXT, "that taxes are far too high", "claimed", "The mayor"),
]
ARTICLES = [("a1", TEXT, GOLD)]


def test_perfect_prediction_scores_one_everywhere() -> None:
    pred = [
        quote(TEXT, '"we will win big."', "said", "Trump", "direct"),
        quote(TEXT, "that taxes are far too high", "claimed", "The mayor"),
    ]
    report = score(ARTICLES, [pred])
    for th in ("0.3", "0.8"):
        q = report["quotes"][th]
        assert (q["precision"], q["recall"], q["f1"], q["n_matched"]) == (1.0, 1.0, 1.0, 2)
    assert (report["n_gold"], report["n_pred"], report["n_matched"]) == (2, 2, 2)
    assert report["speaker_accuracy"] == report["cue_accuracy"] == 1.0
    for role in ("source", "cue", "content"):
        for how in ("overlap", "exact"):
            assert report["spans"][role][how]["f1"] == 1.0
    assert report["by_kind"]["direct"]["n_gold"] == 1
    assert report["by_kind"]["indirect"]["quotes"]["0.8"]["recall"] == 1.0
    assert report["by_kind"]["mixed"]["n_gold"] == 0
    assert report["by_kind"]["mixed"]["quotes"]["0.3"]["recall"] is None
    assert report["by_speaker_form"]["name"]["n_gold"] == 1
    assert report["by_speaker_form"]["role_noun"]["speaker_accuracy"] == 1.0
    assert report["by_speaker_form"]["pronoun"]["speaker_accuracy"] is None
    json.dumps(report)  # JSON-serialisable as is


def test_half_overlap_matches_at_lenient_threshold_only() -> None:
    # "taxes are f" is 11 of the 22 characters of "taxes are far too high": ratio 0.5.
    text = "The mayor said taxes are far too high."
    articles = [("a", text, [gold(text, "taxes are far too high", "said", "The mayor")])]
    report = score(articles, [[quote(text, "taxes are f", "said", "mayor")]])
    assert report["quotes"]["0.3"]["n_matched"] == 1
    assert report["quotes"]["0.3"]["f1"] == 1.0
    assert report["quotes"]["0.8"]["n_matched"] == 0
    assert report["quotes"]["0.8"]["precision"] == report["quotes"]["0.8"]["f1"] == 0.0
    assert report["speaker_accuracy"] == 1.0  # "mayor" overlaps "The mayor"


def test_threshold_is_strict() -> None:
    gold_chars = [set(range(10))]
    assert match(gold_chars, [set(range(3))], 0.3) == {}
    assert match(gold_chars, [set(range(4))], 0.3) == {0: 0}


def test_greedy_matching_is_one_to_one_and_takes_best_pairs_first() -> None:
    g1, g2 = set(range(0, 10)), set(range(20, 30))
    p1 = set(range(0, 26))  # covers g1 fully, g2 at 0.6
    p2 = set(range(26, 30))  # covers g2 at 0.4
    assert match([g1, g2], [p1, p2], 0.3) == {0: 0, 1: 1}
    assert match([g1, g2], [p1, p2], 0.8) == {0: 0}
    # Two predictions on one gold quote: only one counts.
    assert match([g1], [set(range(10)), set(range(5))], 0.3) == {0: 0}


def test_equal_coverage_goes_to_the_tighter_prediction() -> None:
    inner, outer = set(range(10)), set(range(40))
    # The outer prediction covers the nested gold quote fully too, but is listed first.
    assert match([inner, outer], [outer, inner], 0.3) == {0: 1, 1: 0}


def test_duplicate_prediction_is_not_double_counted() -> None:
    content = "that taxes are far too high"
    pred = [quote(TEXT, content, "claimed", "The mayor")] * 2
    q = score(ARTICLES, [pred])["quotes"]["0.3"]
    assert (q["n_matched"], q["precision"], q["recall"]) == (1, 0.5, 0.5)
    assert q["f1"] == pytest.approx(0.5)


def test_one_prediction_over_two_quotes_matches_one() -> None:
    whole = TEXT[at(TEXT, '"we')[0] : at(TEXT, "high")[1]]
    report = score(ARTICLES, [[quote(TEXT, whole, None, None)]])
    assert report["quotes"]["0.8"]["n_matched"] == 1
    assert report["quotes"]["0.8"]["recall"] == 0.5


def test_speaker_and_cue_accuracy_on_matched_quotes() -> None:
    text = 'He said "no." Later, officials noted that it rained. "Yes," someone wrote.'
    gold_quotes = [
        gold(text, '"no."', "said", "He"),
        gold(text, "that it rained", "noted", "officials"),
        gold(text, '"Yes,"', None, None),
    ]
    pred = [
        quote(text, '"no."', "said", "officials"),  # wrong speaker, right cue
        quote(text, "that it rained", None, "officials"),  # right speaker, missing cue
        quote(text, '"Yes,"', None, None),  # both absent on both sides: correct
    ]
    report = score([("a", text, gold_quotes)], [pred])
    assert report["n_matched"] == 3
    assert report["n_speaker_correct"] == 2
    assert report["speaker_accuracy"] == pytest.approx(2 / 3)
    assert report["cue_accuracy"] == pytest.approx(2 / 3)
    forms = report["by_speaker_form"]
    assert forms["pronoun"]["speaker_accuracy"] == 0.0
    assert forms["role_noun"]["speaker_accuracy"] == 1.0
    assert forms["role_noun"]["cue_accuracy"] == 0.0
    assert forms["none"]["speaker_accuracy"] == forms["none"]["cue_accuracy"] == 1.0


def test_unmatched_quotes_do_not_enter_accuracy() -> None:
    report = score(ARTICLES, [[quote(TEXT, "Trump", "said", "Trump")]])
    assert report["n_matched"] == 0
    assert report["speaker_accuracy"] is None


def test_char_overlap_counts_non_whitespace_characters() -> None:
    # Gold contents have 15 + 22 non-space characters; the prediction "taxes are" 8, all gold.
    pred = [quote(TEXT, "taxes are", None, None)]
    content = score(ARTICLES, [pred])["spans"]["content"]["overlap"]
    gold_solid = 15 + 22
    assert content["precision"] == 1.0
    assert content["recall"] == pytest.approx(8 / gold_solid)
    assert (content["n_pred"], content["n_gold"], content["n_correct"]) == (8, gold_solid, 8)


def test_exact_match_ignores_quote_marks_whitespace_and_trailing_punctuation() -> None:
    assert normalise(TEXT, *at(TEXT, '"we will win big."')) == at(TEXT, "we will win big")
    assert normalise(TEXT, *at(TEXT, " said ")) == at(TEXT, "said")
    assert normalise(TEXT, *at(TEXT, '."')) is None
    pred = [
        quote(TEXT, "we will win big", "said ", "Trump", "direct"),
        quote(TEXT, "that taxes are far too", "claimed", "mayor"),
    ]
    spans = score(ARTICLES, [pred])["spans"]
    assert spans["content"]["exact"]["f1"] == 0.5
    assert spans["cue"]["exact"]["f1"] == 1.0
    assert spans["source"]["exact"]["precision"] == spans["source"]["exact"]["recall"] == 0.5


def test_discontinuous_gold_content() -> None:
    text = '"We will win," he said, "and win again."'
    gold_quote = GoldAttribution(gspan(text, '"We will win,"', '"and win again."'), None, None)
    pred = [quote(text, text, None, None)]  # the whole sentence, gap included
    report = score([("a", text, [gold_quote])], [pred])
    assert report["quotes"]["0.8"]["n_matched"] == 1
    overlap = report["spans"]["content"]["overlap"]
    assert overlap["recall"] == 1.0
    assert overlap["precision"] == pytest.approx(len('"Wewillwin,""andwinagain."') / 33)
    assert report["spans"]["content"]["exact"]["f1"] == 1.0  # extent (start, end) is compared


def test_gold_fragments_out_of_text_order() -> None:
    # brat may list a later fragment first; the exact extent is still first..last character.
    text = "Taxes, she said, are far too high."
    content = GoldSpan((at(text, "are far too high"), at(text, "Taxes")), "are far too high Taxes")
    gold_quote = GoldAttribution(content, gspan(text, "said"), gspan(text, "she"))
    report = score([("a", text, [gold_quote])], [[quote(text, text, "said", "she")]])
    assert report["spans"]["content"]["exact"]["f1"] == 1.0
    assert report["quotes"]["0.8"]["n_matched"] == 1


def test_breakdown_precision_uses_predicted_kind() -> None:
    # The direct gold quote is found but labelled indirect; the indirect one is missed.
    pred = [quote(TEXT, '"we will win big."', "said", "mayor", "indirect")]
    report = score(ARTICLES, [pred])
    kinds = report["by_kind"]
    assert kinds["direct"]["quotes"]["0.3"]["recall"] == 1.0
    assert kinds["direct"]["quotes"]["0.3"]["precision"] is None  # no quote predicted direct
    assert kinds["direct"]["n_pred"] == 0
    assert kinds["indirect"]["quotes"]["0.3"]["precision"] == 1.0
    assert kinds["indirect"]["quotes"]["0.3"]["recall"] == 0.0
    assert kinds["indirect"]["quotes"]["0.3"]["n_pred_matched"] == 1
    assert kinds["direct"]["speaker_accuracy"] == 0.0  # "mayor" does not overlap "Trump"
    forms = report["by_speaker_form"]
    assert (forms["role_noun"]["n_pred"], forms["role_noun"]["n_gold"]) == (1, 1)
    assert forms["role_noun"]["quotes"]["0.3"]["precision"] == 1.0  # matched, to a name quote
    assert forms["role_noun"]["quotes"]["0.3"]["recall"] == 0.0
    assert forms["name"]["quotes"]["0.3"]["recall"] == 1.0


def test_precision_by_confidence_band() -> None:
    g = [gold(TEXT, "taxes are far too high", "claimed", "The mayor")]
    sure = quote(TEXT, "taxes are far too high", "claimed", "The mayor")
    unsure = quote(TEXT, "we will win big.", "said", "Trump")
    floating = quote(TEXT, "The mayor", None, None)
    preds = [replace(sure, confidence=0.93), replace(unsure, confidence=0.41), floating]
    bands = score([("a", TEXT, g)], [preds])["by_confidence"]
    assert bands["0.8-1.0"] == {
        "n_pred": 1,
        "n_pred_matched": 1,
        "precision": 1.0,
        "mean_confidence": 0.93,
    }
    assert bands["0.4-0.6"]["n_pred"] == 1 and bands["0.4-0.6"]["precision"] == 0.0
    assert bands["0.6-0.8"]["n_pred"] == 0 and bands["0.6-0.8"]["precision"] is None
    assert bands["unscored"]["n_pred"] == 1
    assert [confidence_band(c) for c in (0.8, 0.79, 0.6, 0.41, 0.2, 0.0, None)] == [
        "0.8-1.0",
        "0.6-0.8",
        "0.6-0.8",
        "0.4-0.6",
        "0.2-0.4",
        "0.0-0.2",
        "unscored",
    ]
    table = format_report(score([("a", TEXT, g)], [preds]), title="t")
    assert "Reliability" in table and "midpoint" in table


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('"We will win."', "direct"),
        ("“We will win,” “and win again.”", "direct"),
        ("''It refreshes the library,''", "direct"),
        ("“We will win,” he added", "mixed"),
        ('that it was "a disaster"', "mixed"),
        ("that ''liberals'' won", "mixed"),
        ("that taxes rose", "indirect"),
        ("that Trump's plan failed", "indirect"),
    ],
)
def test_gold_kind(text: str, kind: str) -> None:
    assert gold_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (None, "none"),
        ("he", "pronoun"),
        ("They", "pronoun"),
        ("who", "pronoun"),
        ("Trump", "name"),
        ("The New York Post", "name"),
        ("Sen. Ted Cruz", "name"),
        ("CNN", "name"),
        ("Trump’s campaign", "name"),
        ("a spokesman", "role_noun"),
        ("officials", "role_noun"),
        ("the campaign", "role_noun"),
        ("His campaign", "role_noun"),
        ("a spokesman for Clinton", "role_noun"),
    ],
)
def test_speaker_form(text: str | None, form: str) -> None:
    assert speaker_form(text) == form


def test_empty_and_mismatched_inputs() -> None:
    report = score([], [])
    assert (report["n_gold"], report["quotes"]["0.3"]["f1"]) == (0, None)
    with pytest.raises(ValueError):
        score(ARTICLES, [])


def test_format_report_has_aligned_tables() -> None:
    text = format_report(score(ARTICLES, [[]]), title="PolNeAR dev")
    lines = text.splitlines()
    assert lines[:2] == ["PolNeAR dev", "==========="]
    assert "speaker accuracy" in text and "role_noun" in text and "unscored" in text
    # Every table (blocks of indented lines) has rows of one width.
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("  ") and "accuracy" not in line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    tables = [b for b in blocks if b]
    assert len(tables) == 5  # quotes, spans, by kind, by speaker form, by confidence
    for table in tables:
        assert len({len(row) for row in table}) == 1


def test_evaluate_loads_split_and_scores(tmp_path, monkeypatch) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for name in ("a", "b"):
        (tmp_path / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        s, e = at(TEXT, "Trump")
        cs, ce = at(TEXT, '"we will win big."')
        (tmp_path / "attributions" / f"{name}_x.ann").write_text(
            f"T1\tSource {s} {e}\tTrump\nT2\tContent {cs} {ce}\t{TEXT[cs:ce]}\n"
            "E1\tAttribution:T3 Content:T2 Source:T1\n",
            encoding="utf-8",
        )
    seen: dict = {}

    from quotetrail.extraction.find import FindOptions

    def fake_extract(texts, *, model=None, options=None):
        seen["model"], seen["scope"] = model, options.scope
        for text in texts:
            yield [quote(text, '"we will win big."', "said", "Trump", "direct")]

    module = types.ModuleType("quotetrail.extraction")
    module.extract_texts = fake_extract  # type: ignore[attr-defined]
    module.FindOptions = FindOptions  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "quotetrail.extraction", module)
    report = evaluate(tmp_path, model="m", limit=1)
    assert (report["data"], report["articles"], seen["model"]) == (str(tmp_path), 1, "m")
    # no AnnotatorNotes: PolNeAR's format, evaluated with the wide scope
    assert seen["scope"] == report["scope"] == "all"
    assert report["quotes"]["0.8"]["f1"] == 1.0
    assert report["cue_accuracy"] == 0.0  # gold has no cue, the prediction does
