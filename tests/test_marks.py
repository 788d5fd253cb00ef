"""Quotation spans found in raw text before parsing: pairing, typos and paragraphs."""

from __future__ import annotations

from quotetrail.extraction.marks import quote_spans


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quote_spans(text)]


def test_curly_and_straight_pairs() -> None:
    text = '“We will win,” she said. He replied: "Not this year."\n'
    assert quoted(text) == ["“We will win,”", '"Not this year."']


def test_a_closer_of_the_other_style_ends_the_quote() -> None:
    text = "“And I don't think he has done anything like this. He ought to pull that back.\"\n"
    assert quoted(text) == [text.rstrip("\n")]
    text = '"Oz has a huge bully pulpit,” said David Gorski, a professor of surgery.\n'
    assert quoted(text) == ['"Oz has a huge bully pulpit,”']


def test_inner_marks_of_the_other_style_do_not_end_the_quote() -> None:
    text = '“He called it "a disgrace" and walked out,” the aide said.\n'
    assert quoted(text) == ['“He called it "a disgrace" and walked out,”']
    # a transcript: each paragraph opens a mark, only the last closes; “...” pairs inside
    text = '"PENCE: She thinks this is “Shark Tank.” But this is America.\n"WALLACE: Next."\n'
    assert quoted(text) == [text.rstrip("\n")]


def test_a_quote_runs_on_into_a_paragraph_that_opens_with_a_mark() -> None:
    text = "“The first part of the statement.\n“And the second part.”\nShe left.\n"
    assert quoted(text) == ["“The first part of the statement.\n“And the second part.”"]


def test_an_unbalanced_mark_does_not_swallow_the_article() -> None:
    text = "He called it “a disgrace and left.\nThe council met on Tuesday. “Yes,” he said.\n"
    assert quoted(text) == ["“Yes,”"]


def test_typewriter_double_singles_read_as_one_mark() -> None:
    text = "''It has the important virtue of being fiscally responsible,'' Burman said.\n"
    assert quoted(text) == ["''It has the important virtue of being fiscally responsible,''"]
