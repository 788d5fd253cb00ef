"""Content spans (README "How extraction works", steps 1 and 4): what a cue governs, widened to
whole quotations, and the kind of statement that makes it (direct, indirect or mixed)."""

from __future__ import annotations

import pytest

# (text, exact content, kind)
REPORTED = [
    pytest.param(
        "Prosecutors argued that the defendant had fled the country twice.",
        "that the defendant had fled the country twice",
        "indirect",
        id="that-clause-keeps-that",
    ),
    pytest.param(
        "The harbour master said the storm had torn three boats from their moorings.",
        "the storm had torn three boats from their moorings",
        "indirect",
        id="bare-clause",
    ),
    pytest.param(
        "Mayor Brandt told reporters that the audit, which began in May, would be published next"
        " week.",
        "that the audit, which began in May, would be published next week",
        "indirect",
        id="relative-clause-inside-content",
    ),
    pytest.param(
        "Okafor said the budget was short, because the state had cut its grant by a third.",
        "the budget was short, because the state had cut its grant by a third",
        "indirect",
        id="reason-clause-goes-with-content",
    ),
    pytest.param(
        "The ferry will run on weekends only, officials said on Friday.",
        "The ferry will run on weekends only",
        "indirect",
        id="clause-before-trailing-cue",
    ),
    pytest.param(
        "The vote was a mistake, Whitfield said, and the council would regret it.",
        "The vote was a mistake, Whitfield said, and the council would regret it",
        "indirect",
        id="interposed-cue-inside-its-clause",
    ),
    pytest.param(
        "The harbour master said the storm had torn three boats from their moorings.\n"
        "Volunteers spent the next morning clearing the beach.",
        "the storm had torn three boats from their moorings",
        "indirect",
        id="content-stays-in-its-paragraph",
    ),
]

QUOTED = [
    pytest.param(
        "“We will rebuild the school,” the principal said.",
        "“We will rebuild the school,”",
        "direct",
        id="quote-before-cue",
    ),
    pytest.param(
        "The principal said: “We will rebuild the school before winter.”",
        "“We will rebuild the school before winter.”",
        "direct",
        id="quote-after-colon",
    ),
    pytest.param(
        "The treasurer said:\n"
        "“We have borrowed from the repair fund for ten years. The bill has now arrived.”",
        "“We have borrowed from the repair fund for ten years. The bill has now arrived.”",
        "direct",
        id="colon-then-quoted-paragraph",
    ),
    pytest.param(
        "“The first part of the plan is simple,” Okafor said. “The second part will cost money.”",
        "“The first part of the plan is simple,” Okafor said. “The second part will cost money.”",
        "direct",
        id="split-quote-one-statement",
    ),
    pytest.param(
        "“The first part of the plan is simple,” Okafor told the council, “but the second part"
        " will cost money.”",
        "“The first part of the plan is simple,” Okafor told the council, “but the second part"
        " will cost money.”",
        "direct",
        id="quote-interrupted-mid-sentence",
    ),
    pytest.param(
        "“This is not over,” Nowak said, “and we will be back on Monday.”",
        "“This is not over,” Nowak said, “and we will be back on Monday.”",
        "direct",
        id="quote-interrupted-by-name-said",
    ),
    pytest.param(
        "“We have borrowed from the repair fund for ten years,” Okafor said. “The bill has now"
        " arrived.\n“Nobody in this town should be surprised by what comes next.”",
        "“We have borrowed from the repair fund for ten years,” Okafor said. “The bill has now"
        " arrived.\n“Nobody in this town should be surprised by what comes next.”",
        "direct",
        id="quote-runs-over-two-paragraphs",
    ),
    pytest.param(
        "Reyes said the fund was empty. “We have nothing left for the spring,” he said. “Nothing"
        " at all.”",
        "“We have nothing left for the spring,” he said. “Nothing at all.”",
        "direct",
        id="split-quote-after-indirect-sentence",
    ),
    pytest.param(
        "The mayor told the crowd, “We will rebuild every house that the river took from us,”"
        " and the crowd cheered.",
        "“We will rebuild every house that the river took from us,”",
        "direct",
        id="quote-introduced-after-addressee-ends-at-its-mark",
    ),
    pytest.param(
        "He said on Tuesday, “We will not back down from this fight.”",
        "“We will not back down from this fight.”",
        "direct",
        id="quote-after-cue-and-comma",
    ),
    pytest.param(
        "“Can anyone explain why the school is still closed?” asked Priya Natarajan, a parent"
        " of two.",
        "“Can anyone explain why the school is still closed?”",
        "direct",
        id="quoted-question-keeps-its-mark",
    ),
]

MIXED = [
    pytest.param(
        "Reyes said the plan was “the only honest option left to this council.”",
        "the plan was “the only honest option left to this council.”",
        "mixed",
        id="quoted-predicate",
    ),
    pytest.param(
        "The spokesman said the minister had “no recollection” of the meeting.",
        "the minister had “no recollection” of the meeting",
        "mixed",
        id="quoted-phrase-mid-clause",
    ),
    pytest.param(
        "In her speech, the prime minister said that Britain would “never again” depend on a"
        " single supplier.",
        "that Britain would “never again” depend on a single supplier",
        "mixed",
        id="quoted-adverb-in-that-clause",
    ),
    pytest.param(
        "She told the Ledger the plan “makes no sense at all” and would cost jobs.",
        "the plan “makes no sense at all” and would cost jobs",
        "mixed",
        id="quoted-verb-phrase",
    ),
    pytest.param(
        "Brandt said the repairs were overdue and that the town “cannot wait another winter.”",
        "the repairs were overdue and that the town “cannot wait another winter.”",
        "mixed",
        id="coordinated-clauses",
    ),
    pytest.param(
        "Reyes said the plan was sound. “It will pay for itself within ten years.”",
        "the plan was sound. “It will pay for itself within ten years.”",
        "mixed",
        id="unclaimed-quote-right-after-continues-it",
    ),
]

ACCORDING = [
    pytest.param(
        "According to the county auditor, the fund is nearly empty.",
        "the fund is nearly empty",
        "the county auditor",
        id="phrase-first",
    ),
    pytest.param(
        "The fund is nearly empty, according to the county auditor.",
        "The fund is nearly empty",
        "the county auditor",
        id="phrase-last",
    ),
    pytest.param(
        "According to the town engineer, Paul Lindqvist, the bridge has not been inspected since"
        " 2019.",
        "the bridge has not been inspected since 2019",
        "the town engineer, Paul Lindqvist",
        id="source-with-name-in-apposition",
    ),
    pytest.param(
        "According to the Millbrook Ledger, the mayor said the audit had found irregularities.",
        "the mayor said the audit had found irregularities",
        "the Millbrook Ledger",
        id="relayed-statement-inside",
    ),
]


@pytest.mark.parametrize(("text", "content", "kind"), REPORTED)
def test_reported_speech_content(statement, text, content, kind) -> None:
    like = {"content": content, "kind": kind}
    assert statement(text, content, like) == like


@pytest.mark.parametrize(("text", "content", "kind"), QUOTED)
def test_direct_quotation_content(statement, text, content, kind) -> None:
    like = {"content": content, "kind": kind}
    assert statement(text, content, like) == like


@pytest.mark.parametrize(("text", "content", "kind"), MIXED)
def test_mixed_quotation_content(statement, text, content, kind) -> None:
    like = {"content": content, "kind": kind}
    assert statement(text, content, like) == like


@pytest.mark.parametrize(("text", "content", "speaker"), ACCORDING)
def test_according_to_content_leaves_the_phrase_out(statement, text, content, speaker) -> None:
    like = {"content": content, "speaker": speaker, "lemma": "according to", "kind": "indirect"}
    assert statement(text, content, like) == like


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        pytest.param(
            "“The first part of the plan is simple,” Okafor said. But she added, “The second part"
            " will cost money.”",
            ("“The first part of the plan is simple,”", "said"),
            ("“The second part will cost money.”", "added"),
            id="second-quote-with-its-own-cue",
        ),
        pytest.param(
            "Trump said the deal was “a disaster.” “I think we can do much better than that,” he"
            " said.",
            ("the deal was “a disaster.”", "said"),
            ("“I think we can do much better than that,”", "said"),
            id="mixed-then-direct-with-cue",
        ),
        pytest.param(
            "Whitfield said the town had ignored the grants. “We never even filled in the forms,”"
            " she said.",
            ("the town had ignored the grants", "said"),
            ("“We never even filled in the forms,”", "said"),
            id="indirect-then-direct",
        ),
    ],
)
def test_two_statements_stay_two(statements, text, first, second) -> None:
    """A quotation with a cue of its own is a statement of its own, not the previous one's tail."""
    got = [(q.content.text, q.cue.text if q.cue else None) for q in statements(text)]
    assert got == [first, second]


def test_floating_quotation_is_direct_without_cue_or_speaker(statement) -> None:
    text = (
        "Helen Brandt said the council had made its choice.\n"
        "“Three weeks of detours is a small price for a bridge that lasts another fifty years.”"
    )
    content = (
        "“Three weeks of detours is a small price for a bridge that lasts another fifty years.”"
    )
    like = {"content": content, "kind": "direct", "cue": None, "speaker": None}
    assert statement(text, content, like) == like


def test_offsets_index_text_with_windows_newlines(statements) -> None:
    """Spans index the text exactly as read: a CRLF paragraph break is not normalised away."""
    text = (
        "The council met on Tuesday.\r\n"
        "“We have borrowed from the repair fund for ten years,” Okafor said.\r\n"
    )
    [quote] = statements(text)
    assert quote.content.text == "“We have borrowed from the repair fund for ten years,”"
    assert text[quote.content.start : quote.content.end] == quote.content.text
    assert text[quote.cue.start : quote.cue.end] == "said"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The company released a statement saying that the plant would close in June.",
            [("that the plant would close in June", "saying")],
            id="statement-saying-is-one-statement",
        ),
        pytest.param(
            "She wrote and said that the plan had failed.",
            [("that the plan had failed", "said")],
            id="two-cues-one-content",
        ),
        pytest.param(
            "“We will win this fight,” said Ruth Fowler, who has backed Brandt since 2019. “And"
            " we will win it in the courts.”",
            [
                (
                    "“We will win this fight,” said Ruth Fowler, who has backed Brandt since 2019."
                    " “And we will win it in the courts.”",
                    "said",
                )
            ],
            id="aside-about-speaker-between-quotes",
        ),
    ],
)
def test_one_act_of_speech_is_one_statement(statements, text, expected) -> None:
    """A speaker's own cue inside their content, a second cue over the same words, or a note
    about the speaker between two parts of a quotation add no statement of their own."""
    assert [(q.content.text, q.cue.text if q.cue else None) for q in statements(text)] == expected
