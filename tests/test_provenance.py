"""Provenance on small articles written here: copies, rewrites, templates, dates, edge cases."""

from __future__ import annotations

import pytest

from quotetrail.provenance import (
    InvalidOption,
    ProvArticle,
    ProvenanceOptions,
    analyse,
    normalise,
    pair_record,
    side_by_side,
)

COUNCIL = [
    "The city council voted on Tuesday to close the old harbour bridge for six months of repairs.",
    "Engineers found deep cracks in two of the steel supports during an inspection in March.",
    "Mayor Ellen Park said the closure was painful but necessary for the safety of drivers.",
    "Local shop owners warned that the detour would cost them customers during the summer.",
    "The repairs are expected to cost about twelve million dollars, paid from a state grant.",
    "A ferry service will run every twenty minutes between the two banks while work continues.",
    "Council member Tom Reyes voted against the plan and asked for a cheaper temporary fix.",
    "The bridge carried more than thirty thousand vehicles a day before the cracks appeared.",
    "Work crews will begin removing the damaged supports at the start of next month.",
]
WILDFIRE = [
    "Firefighters contained most of the wildfire that burned through the northern hills this week.",
    "Strong winds pushed the flames toward three villages before crews built a firebreak.",
    "About four hundred residents spent two nights in a school gym turned into a shelter.",
    "The regional fire chief praised volunteers who cleared brush with their own tractors.",
    "Investigators believe a spark from a farm machine started the blaze in dry grass.",
    "Rain forecast for the weekend should help crews put out the last hot spots near the river.",
    "Officials will decide on Monday whether families can return to their homes.",
    "Insurance companies have sent adjusters to assess the damage to barns and fences.",
]
FOOTER = (
    "Morgan Lee is a freelance writer who has covered regional affairs for many years. "
    "Before journalism, Morgan worked in logistics and taught evening classes at a college. "
    "Morgan lives with family and two dogs near the coast and restores old furniture."
)


def text(sentences: list[str], per_paragraph: int = 3) -> str:
    return "\n\n".join(
        " ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)
    )


def span_of(haystack: str, needle: str) -> tuple[int, int]:
    start = haystack.index(needle)
    return start, start + len(needle)


def covers(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def test_exact_copy_is_a_duplicate_covering_everything_dated_from_the_earlier():
    source = text(COUNCIL)
    copy = source + "\n\nSource link"
    result = analyse(
        [ProvArticle("copy", copy, "2024-05-03"), ProvArticle("orig", source, "2024-05-02")]
    )
    [pair] = result.pairs
    assert (pair.source_id, pair.copy_id, pair.label) == ("orig", "copy", "duplicate")
    assert pair.direction == "dated"
    assert pair.containment == (1.0, 1.0)
    assert pair.passages[0].source == (0, len(source))
    assert pair.passages[0].copy == (0, len(source))  # the "Source link" footer is boilerplate
    assert pair_record(pair) == {
        "source_id": "orig",
        "copy_id": "copy",
        "label": "duplicate",
        "containment": [1.0, 1.0],
        "passages": [{"source": [0, len(source)], "copy": [0, len(source)]}],
        "direction": "dated",
    }
    [story] = result.stories
    assert (story.source_id, story.members, story.direction) == ("orig", ("orig", "copy"), "dated")


REWRITE = [
    # paragraph order changed, sentences swapped, words swapped for synonyms, a summary added
    "Engineers discovered deep cracks in two of the steel supports during an inspection in March.",
    "The city council voted on Tuesday to shut the old harbour bridge for six months of repairs.",
    "Mayor Ellen Park stated the closure was painful but necessary for the safety of drivers.",
    "The repairs are anticipated to cost about twelve million dollars, paid from a state grant.",
    "Local shop owners cautioned that the detour would cost them customers during the summer.",
    "A ferry service will run every twenty minutes between the two banks while work continues.",
    "The bridge carried more than thirty thousand vehicles a day before the cracks appeared.",
    "Council member Tom Reyes voted against the proposal and asked for a cheaper temporary fix.",
    "Work crews will start removing the damaged supports at the start of next month.",
]
SUMMARY = (
    "In conclusion, the council has chosen to shut the harbour bridge for half a year so that "
    "the cracked supports can be mended, despite objections from traders and one member."
)


def test_rewrite_aligns_reordered_and_reworded_sentences_to_their_originals():
    source = text(COUNCIL)
    copy = text(REWRITE) + "\n\n" + SUMMARY
    result = analyse(
        [ProvArticle("src", source, "2024-05-02"), ProvArticle("cp", copy, "2024-05-04")]
    )
    [pair] = result.pairs
    assert (pair.source_id, pair.copy_id, pair.label) == ("src", "cp", "rewrite")
    assert pair.containment[0] == 1.0  # every source sentence is found in the copy
    assert 0.6 < pair.containment[1] < 1.0  # the summary is the copy's own
    summary = span_of(copy, SUMMARY)
    assert not any(p.copy[1] > summary[0] for p in pair.passages)
    for original, rewritten in ((COUNCIL[0], REWRITE[1]), (COUNCIL[1], REWRITE[0]),
                                (COUNCIL[4], REWRITE[3]), (COUNCIL[6], REWRITE[7])):  # fmt: skip
        src_span, copy_span = span_of(source, original), span_of(copy, rewritten)
        assert any(covers(p.source, src_span) and covers(p.copy, copy_span) for p in pair.passages)
    for s, c in side_by_side(pair, source, copy):  # every passage: same sentences on both sides
        assert s.count(".") == c.count(".")
    moved = [p for p in pair.passages if p.source[0] == span_of(source, COUNCIL[4])[0]]
    assert moved and copy[slice(*moved[0].copy)] == REWRITE[3]
    assert not all(p.verbatim for p in pair.passages)


def test_unrelated_articles_sharing_a_long_footer_are_not_paired():
    a = text(COUNCIL) + "\n\n" + FOOTER
    b = text(WILDFIRE) + "\n\n" + FOOTER
    result = analyse([ProvArticle("a", a, "2024-01-01"), ProvArticle("b", b, "2024-01-02")])
    assert result.pairs == ()
    assert result.stories == ()


def test_a_template_repeated_across_an_outlet_is_boilerplate_but_copied_news_is_not():
    blurb = "Sign up for our newsletter to get the best local stories in your inbox each morning."
    pieces = [COUNCIL[0:2], COUNCIL[2:4], COUNCIL[4:6], COUNCIL[6:9]]
    articles = [
        ProvArticle(f"n{k}", text(p) + "\n\nThe Harbour Times, keeping you informed since 1921.",
                    f"2024-02-0{k + 1}", "Harbour Times")
        for k, p in enumerate(pieces)
    ]  # fmt: skip
    articles.append(ProvArticle("w1", text(WILDFIRE) + "\n\n" + blurb, "2024-03-01", "Wire"))
    articles.append(ProvArticle("w2", text(WILDFIRE) + "\n\n" + blurb, "2024-03-02", "Wire"))
    result = analyse(articles)
    related = {(p.source_id, p.copy_id): p.label for p in result.pairs}
    assert related == {("w1", "w2"): "duplicate"}
    assert result.stats["boilerplate_lines"] == 1


def test_tied_or_missing_dates_are_undetermined():
    source = text(COUNCIL)
    for dates in (("2024-05-02", "2024-05-02"), ("2024-05-02", None), (None, None),
                  ("2024-05-02", "2024-05-02T09:00:00"), ("2024-05-02", "not a date")):  # fmt: skip
        result = analyse([ProvArticle("b", source, dates[0]), ProvArticle("a", source, dates[1])])
        [pair] = result.pairs
        assert pair.direction == "undetermined", dates
        assert (pair.source_id, pair.copy_id) == ("a", "b")  # id order, not a guess
        assert result.stories[0].source_id is None
    timed = analyse([ProvArticle("b", source, "2024-05-02T10:00:00+02:00"),
                     ProvArticle("a", source, "2024-05-02T09:30:00Z")])  # fmt: skip
    assert (timed.pairs[0].source_id, timed.pairs[0].direction) == ("b", "dated")


@pytest.mark.parametrize("bad", ["", "   \n\n ", "Too short to compare.", "Source link"])
def test_empty_and_short_texts_are_skipped_not_fatal(bad):
    articles = [ProvArticle("x", bad), ProvArticle("y", bad), ProvArticle("z", text(COUNCIL))]
    result = analyse(articles)
    assert result.pairs == ()
    assert {s.article_id for s in result.skipped} == {"x", "y"}
    assert analyse([]).pairs == ()


def test_duplicate_ids_keep_the_first_article():
    result = analyse([ProvArticle("x", text(COUNCIL)), ProvArticle("x", text(COUNCIL))])
    assert result.pairs == ()
    [skip] = result.skipped
    assert skip.reason == "duplicate id: only its first article is compared"


def test_normalised_text_maps_back_to_original_offsets():
    original = "  “Hello,”  she said —\u00a0it’s ﬁne.\n\nStra\u00adße  ends "
    norm = normalise(original)
    assert norm.text == '"hello," she said - it\'s fine. strasse ends'
    for word, start, end in norm.words():
        assert normalise(original[start:end]).text == word
    start = norm.text.index("she said")
    assert original[slice(*norm.span(start, start + len("she said")))] == "she said"


def test_options_are_validated_once():
    with pytest.raises(InvalidOption, match="rewrite_containment"):
        ProvenanceOptions(rewrite_containment=1.5)
    with pytest.raises(InvalidOption, match="min_words"):
        ProvenanceOptions(min_words=0)
    assert ProvenanceOptions().lsh_params == (128, 2)
