"""What must not become a statement: the writer's own assertions, scare quotes and titles,
questions, headings, and issue 10's error patterns (actions, negated, withheld, generic and
hypothetical speech, the writer's wishes, datelines, the same words reported twice)."""

from __future__ import annotations

import pytest

NOT_STATEMENTS = [
    pytest.param(
        "The Mill Street bridge opened in 1962 and carries 40,000 cars a day.",
        id="writer-fact",
    ),
    pytest.param(
        "The council met on Tuesday. The meeting lasted four hours.",
        id="writer-narration",
    ),
    pytest.param("The rally, which drew 2,000 people, ended peacefully.", id="writer-relative"),
    pytest.param("She took bronze in the 200 metres.", id="action-took-bronze"),
    pytest.param("Lindqvist's report on the bridge runs to 300 pages.", id="document-as-thing"),
    pytest.param(
        "Mayor Helen Brandt, who votes only to break a tie, closed the meeting shortly after"
        " midnight.",
        id="habitual-relative-clause",
    ),
    pytest.param("The so-called “reform” passed by a single vote.", id="scare-quote"),
    pytest.param("The word “resilience” appears 40 times in the plan.", id="mentioned-word"),
    pytest.param("She starred in “The Long Night of the Harbour” last year.", id="quoted-title"),
    pytest.param("Tickets for “Hamlet at the Harbour” go on sale Friday.", id="quoted-show"),
    pytest.param(
        "The phrase “build back better than ever before, together” was printed on every banner.",
        id="long-quotation-inside-prose",
    ),
    pytest.param("The council met on Tuesday.\n“We did it.”", id="short-floating-quotation"),
    pytest.param("Will the bridge reopen before the first snow of the winter?", id="question"),
    pytest.param("Why did the council wait so long to repair the bridge?", id="wh-question"),
    pytest.param("Weather: Rain is expected through Sunday", id="section-heading-colon"),
    pytest.param("Jane Doe, 41: possession of a controlled substance.", id="police-log-colon"),
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_not_a_statement(statements, text) -> None:
    assert [q.content.text for q in statements(text)] == []


def test_headline_without_cue_is_not_a_statement_but_the_quote_below_is(statements) -> None:
    text = (
        "Millbrook council approves road levy after a long night of debate\n"
        "“We cannot keep patching the same potholes every spring,” Councillor Daniel Reyes"
        " said."
    )
    got = [(q.content.text, q.speaker_name) for q in statements(text)]
    assert got == [("“We cannot keep patching the same potholes every spring,”", "Daniel Reyes")]


def test_statement_beside_writer_sentences_is_found_alone(statements) -> None:
    """The writer's sentences around a statement stay out of its content."""
    text = (
        "The levy takes effect on July 1. Councillor Janet Whitfield argued that the town should"
        " apply for state grants. The council will meet again on June 12."
    )
    got = [q.content.text for q in statements(text)]
    assert got == ["that the town should apply for state grants"]


#: Issue 10's error patterns (examples written here; the patterns are real).
KNOWN_WRONG = [
    pytest.param(
        "The former treasurer pleaded guilty to two counts of fraud.",
        id="action-pleaded-guilty",
    ),
    pytest.param(
        "The club laid off its head coach after a winless season.",
        id="action-laid-off",
    ),
    pytest.param(
        "The mayor ordered an audit of the road fund.",
        id="action-ordered-an-audit",
    ),
    pytest.param(
        "The ministry denied the permit for the new pipeline.",
        id="action-denied-a-permit",
    ),
    pytest.param(
        "The candidate released a letter from his physician on Monday.",
        id="action-released-a-letter",
    ),
    pytest.param(
        "The senator had written the letter months before the vote.",
        id="action-had-written-the-letter",
    ),
    pytest.param(
        "The governor has not said whether he will sign the bill.",
        id="negated-has-not-said",
    ),
    pytest.param(
        "Nobody in the village said a word when the bulldozers arrived.",
        id="negated-nobody-said",
    ),
    pytest.param(
        "The company declined to comment on the report.",
        id="withheld-declined-to-comment",
    ),
    pytest.param(
        "The minister refused to say whether the talks would resume.",
        id="withheld-refused-to-say",
    ),
    pytest.param(
        "When an employer tells a worker to skip a break, the worker can file a complaint.",
        id="generic-speech",
    ),
    pytest.param(
        "If anyone tells you the bridge is safe, ask to see the inspection report.",
        id="hypothetical-speech",
    ),
    pytest.param(
        "We'd love to know which council members voted for the levy.",
        id="writer-wish",
    ),
    pytest.param(
        "That said, the road will stay closed until spring.",
        id="discourse-that-said",
    ),
    pytest.param(
        "NEW DELHI: India's central bank left interest rates unchanged on Thursday.",
        id="dateline-colon",
    ),
    pytest.param(
        "That promises 355 horsepower and a top speed of 150 miles an hour.",
        id="thing-as-subject",
    ),
    pytest.param(
        "Heroes like Obi-Wan are briefly shown or mentioned in the film.",
        id="agentless-passive",
    ),
    pytest.param(
        "Smooth muscle in the airway expresses receptors for the hormone.",
        id="express-a-thing",
    ),
]


@pytest.mark.parametrize("text", KNOWN_WRONG)
def test_known_non_statement(statements, text) -> None:
    """Issue 10's error patterns: actions, absent speech and the writer's voice say nothing."""
    assert [q.content.text for q in statements(text)] == []


def test_quotation_inside_a_mixed_statement_is_not_reported_again(statements) -> None:
    text = (
        "Brandt said the bridge was “a danger to every driver who crosses it,” and the council"
        " agreed."
    )
    quotes = statements(text)
    assert len([q for q in quotes if "a danger to every driver" in q.content.text]) == 1


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The company denied the allegations on Monday.", "the allegations"),
        ("Asked about the report, she denied it.", "it"),
        ("The minister rejected the claim that the talks had failed.", "the talks had failed"),
        ("No sooner had the vote ended than Brandt said the levy was dead.", "the levy was dead"),
        ("Brandt said the bridge was unsafe, and Okafor said it would close.", "it would close"),
        ("The minister expressed concern about the delay.", "concern about the delay"),
        ("Two firms have been accused of hiding the losses.", "hiding the losses"),
        ("It was announced on Monday that the plant would close.", "the plant would close"),
    ],
)  # fmt: skip
def test_near_misses_of_the_patterns_stay_statements(statements, text, content) -> None:
    """What the rules above must not take away: a denial of a claim, a negation that is not
    the speaker's, a second speaker whose words lie outside the first one's."""
    assert any(content in q.content.text for q in statements(text))
