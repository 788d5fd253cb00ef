"""Candidate cues (README "How extraction works", step 2): which word or phrase attributes a
statement, with its lemma, the speaker mention it finds and the content it governs."""

from __future__ import annotations

import pytest

# (text, cue text, cue lemma, speaker mention, content)
VERB_CUES = [
    pytest.param(
        "The mayor said the bridge would reopen in March.",
        "said",
        "say",
        "The mayor",
        "the bridge would reopen in March",
        id="said-bare-clause",
    ),
    pytest.param(
        "Helen Brandt told reporters that the budget was balanced.",
        "told",
        "tell",
        "Helen Brandt",
        "that the budget was balanced",
        id="told-addressee-that",
    ),
    pytest.param(
        "Health officials warned that the outbreak could spread to nearby towns.",
        "warned",
        "warn",
        "Health officials",
        "that the outbreak could spread to nearby towns",
        id="warned",
    ),
    pytest.param(
        "The company announced that it would close two factories in Ohio.",
        "announced",
        "announce",
        "The company",
        "that it would close two factories in Ohio",
        id="announced",
    ),
    pytest.param(
        "Prosecutors argued that the defendant had fled the country twice.",
        "argued",
        "argue",
        "Prosecutors",
        "that the defendant had fled the country twice",
        id="argued",
    ),
    pytest.param(
        "The senator insisted that the vote would go ahead as planned.",
        "insisted",
        "insist",
        "The senator",
        "that the vote would go ahead as planned",
        id="insisted",
    ),
    pytest.param(
        "Dr. Anita Rao explained that the vaccine needs two doses.",
        "explained",
        "explain",
        "Dr. Anita Rao",
        "that the vaccine needs two doses",
        id="explained-honorific-speaker",
    ),
    pytest.param(
        "The minister acknowledged that the rollout had been too slow.",
        "acknowledged",
        "acknowledge",
        "The minister",
        "that the rollout had been too slow",
        id="acknowledged",
    ),
    pytest.param(
        "The airline confirmed that three flights had been cancelled.",
        "confirmed",
        "confirm",
        "The airline",
        "that three flights had been cancelled",
        id="confirmed",
    ),
    pytest.param(
        "The governor added that more money would come next year.",
        "added",
        "add",
        "The governor",
        "that more money would come next year",
        id="added",
    ),
    pytest.param(
        "Hospital staff claimed that the new rota was unsafe.",
        "claimed",
        "claim",
        "Hospital staff",
        "that the new rota was unsafe",
        id="claimed",
    ),
    pytest.param(
        "The mayor wrote on Twitter that the park would reopen on Friday.",
        "wrote",
        "write",
        "The mayor",
        "that the park would reopen on Friday",
        id="wrote-on-platform",
    ),
    pytest.param(
        "Kowalski tweeted that the game had been postponed because of snow.",
        "tweeted",
        "tweet",
        "Kowalski",
        "that the game had been postponed because of snow",
        id="tweeted",
    ),
    pytest.param(
        "Mendez testified that he had never met the buyer.",
        "testified",
        "testify",
        "Mendez",
        "that he had never met the buyer",
        id="testified",
    ),
    pytest.param(
        "The spokeswoman noted that the agreement had not yet been signed.",
        "noted",
        "note",
        "The spokeswoman",
        "that the agreement had not yet been signed",
        id="noted",
    ),
    pytest.param(
        "The ministry denied that any data had been lost.",
        "denied",
        "deny",
        "The ministry",
        "that any data had been lost",
        id="denied-clause",
    ),
    pytest.param(
        "Helen Brandt chaired the meeting. Brandt predicted that turnout would be the highest in"
        " a decade.",
        "predicted",
        "predict",
        "Brandt",
        "that turnout would be the highest in a decade",
        id="predicted",
    ),
    pytest.param(
        "The report found that one in five bridges needs urgent repair.",
        "found",
        "find",
        "The report",
        "that one in five bridges needs urgent repair",
        id="document-found",
    ),
    pytest.param(
        "The survey, published on Monday, showed that most renters spend half their income on"
        " housing.",
        "showed",
        "show",
        "The survey",
        "that most renters spend half their income on housing",
        id="study-showed",
    ),
    pytest.param(
        "Residents have complained for months that the water tastes of chlorine.",
        "have complained",
        "complain",
        "Residents",
        "that the water tastes of chlorine",
        id="auxiliary-joins-cue",
    ),
    pytest.param(
        "The coach has said that he will not resign.",
        "has said",
        "say",
        "The coach",
        "that he will not resign",
        id="has-said",
    ),
    pytest.param(
        "Palmer pointed out that the stadium had never turned a profit.",
        "pointed out",
        "point",
        "Palmer",
        "that the stadium had never turned a profit",
        id="particle-joins-cue",
    ),
    pytest.param(
        "Officials called for a ban on fireworks during the drought.",
        "called for",
        "call",
        "Officials",
        "a ban on fireworks during the drought",
        id="preposition-joins-cue",
    ),
    pytest.param(
        "The prime minister urged lawmakers to pass the budget before the recess.",
        "urged",
        "urge",
        "The prime minister",
        "lawmakers to pass the budget before the recess",
        id="urged-object-infinitive",
    ),
    pytest.param(
        "The Ministry of Health said on Friday that hospital admissions had fallen.",
        "said",
        "say",
        "The Ministry of Health",
        "that hospital admissions had fallen",
        id="date-stays-out-of-content",
    ),
    pytest.param(
        "In a statement, the World Health Organization said the risk to the public remained low.",
        "said",
        "say",
        "the World Health Organization",
        "the risk to the public remained low",
        id="in-a-statement",
    ),
    pytest.param(
        "The mayor called for calm on Tuesday night.",
        "called for",
        "call",
        "The mayor",
        "calm",
        id="time-stays-out-of-object-content",
    ),
    pytest.param(
        "Officials warned of delays in March.",
        "warned of",
        "warn",
        "Officials",
        "delays",
        id="month-stays-out-of-prepositional-content",
    ),
    pytest.param(
        "The mayor smiled and said the budget was the best in years.",
        "said",
        "say",
        "The mayor",
        "the budget was the best in years",
        id="conjunct-verb-takes-first-subject",
    ),
    pytest.param(
        "Garcia, who leads the nurses' union, said the strike would begin on Monday.",
        "said",
        "say",
        "Garcia",
        "the strike would begin on Monday",
        id="speaker-without-its-relative-clause",
    ),
    pytest.param(
        "The minister, speaking to reporters in Ottawa, said the deal would be signed next week.",
        "said",
        "say",
        "The minister",
        "the deal would be signed next week",
        id="participle-aside-on-speaker",
    ),
]

# Cues set off after or inside their content, and quotation cues.
PLACED_CUES = [
    pytest.param(
        "The factory will close by June, the company said.",
        "said",
        "say",
        "the company",
        "The factory will close by June",
        id="trailing-subject-cue",
    ),
    pytest.param(
        "The factory will close by June, said Tom Hale, a union organiser.",
        "said",
        "say",
        "Tom Hale, a union organiser",
        "The factory will close by June",
        id="trailing-inverted-cue",
    ),
    pytest.param(
        "The fire chief spoke to reporters on Sunday. The blaze was under control, he said.",
        "said",
        "say",
        "he",
        "The blaze was under control",
        id="trailing-pronoun-cue",
    ),
    pytest.param(
        "“The talks have collapsed,” said Tom Hale, a union organiser.",
        "said",
        "say",
        "Tom Hale, a union organiser",
        "“The talks have collapsed,”",
        id="quote-said-name",
    ),
    pytest.param(
        "“The talks have collapsed,” Hale told the Associated Press on Tuesday.",
        "told",
        "tell",
        "Hale",
        "“The talks have collapsed,”",
        id="quote-name-told-outlet",
    ),
    pytest.param(
        "“We are ready to talk whenever they are,” she added.",
        "added",
        "add",
        "she",
        "“We are ready to talk whenever they are,”",
        id="quote-she-added",
    ),
    pytest.param(
        "“Can anyone explain why the school is still closed?” asked Priya Natarajan, a parent"
        " of two.",
        "asked",
        "ask",
        "Priya Natarajan, a parent of two",
        "“Can anyone explain why the school is still closed?”",
        id="quoted-question-asked",
    ),
    pytest.param(
        "Helen Brandt said: “The work starts on Monday and will take three weeks.”",
        "said:",
        "say",
        "Helen Brandt",
        "“The work starts on Monday and will take three weeks.”",
        id="colon-joins-cue",
    ),
    pytest.param(
        "“We are ready to talk whenever they are,” the union said in a statement on Friday.",
        "said",
        "say",
        "the union",
        "“We are ready to talk whenever they are,”",
        id="quote-cue-with-circumstances",
    ),
]

# Fixed constructions and the speaker found through participles, passives and relatives.
CONSTRUCTIONS = [
    pytest.param(
        "According to the county auditor, the fund is nearly empty.",
        "According to",
        "according to",
        "the county auditor",
        "the fund is nearly empty",
        id="according-to-first",
    ),
    pytest.param(
        "The fund is nearly empty, according to the county auditor.",
        "according to",
        "according to",
        "the county auditor",
        "The fund is nearly empty",
        id="according-to-last",
    ),
    pytest.param(
        "Lindsey Graham: “Trump's rhetoric is destroying the party we built”",
        ":",
        ":",
        "Lindsey Graham",
        "“Trump's rhetoric is destroying the party we built”",
        id="name-colon-lead-in",
    ),
    pytest.param(
        "“This agreement is a start, not an end, and everyone should keep their heads up.”\n"
        "-- Amira Haddad, chief executive",
        None,
        None,
        "Amira Haddad, chief executive",
        "“This agreement is a start, not an end, and everyone should keep their heads up.”",
        id="dash-sign-off-next-line",
    ),
    pytest.param(
        "“Nobody expected the river to rise this fast in a single night.” — Tomas Berg",
        None,
        None,
        "Tomas Berg",
        "“Nobody expected the river to rise this fast in a single night.”",
        id="em-dash-sign-off-same-line",
    ),
    pytest.param(
        "The fire chief spoke to reporters on Sunday, saying the blaze was under control.",
        "saying",
        "say",
        "The fire chief",
        "the blaze was under control",
        id="participle-saying",
    ),
    pytest.param(
        "The union issued a statement on Monday, stating that the strike would continue.",
        "stating",
        "state",
        "The union",
        "that the strike would continue",
        id="participle-stating",
    ),
    pytest.param(
        "Officials said the company had broken the rules, saying it had ignored three warnings.",
        "saying",
        "say",
        "Officials",
        "it had ignored three warnings",
        id="participle-inside-reported-clause-belongs-to-reporter",
    ),
    pytest.param(
        "The board was told by the inspector that the roof was unsafe.",
        "was told",
        "tell",
        "the inspector",
        "that the roof was unsafe",
        id="passive-agent-told-by",
    ),
    pytest.param(
        "The council was warned by engineers that the dam could fail in a heavy storm.",
        "was warned",
        "warn",
        "engineers",
        "that the dam could fail in a heavy storm",
        id="passive-agent-warned-by",
    ),
    pytest.param(
        "The plan was drawn up by Sarah Lin, a lawyer who said rents would be frozen for two"
        " years.",
        "said",
        "say",
        "who",
        "rents would be frozen for two years",
        id="relative-who-said",
    ),
]

CUE_FIELDS = ("text", "cue", "lemma", "speaker", "content")


@pytest.mark.parametrize(CUE_FIELDS, VERB_CUES)
def test_verb_cue(statement, text, cue, lemma, speaker, content) -> None:
    like = {"cue": cue, "lemma": lemma, "speaker": speaker, "content": content}
    assert statement(text, content, like) == like


@pytest.mark.parametrize(CUE_FIELDS, PLACED_CUES)
def test_cue_after_or_before_its_content(statement, text, cue, lemma, speaker, content) -> None:
    like = {"cue": cue, "lemma": lemma, "speaker": speaker, "content": content}
    assert statement(text, content, like) == like


@pytest.mark.parametrize(CUE_FIELDS, CONSTRUCTIONS)
def test_fixed_construction(statement, text, cue, lemma, speaker, content) -> None:
    like = {"cue": cue, "lemma": lemma, "speaker": speaker, "content": content}
    assert statement(text, content, like) == like


@pytest.mark.parametrize(
    ("text", "cue", "content", "name"),
    [
        pytest.param(
            "Officials pointed to comments by the governor's spokesman that suggested the plant"
            " would close.",
            "suggested",
            "the plant would close",
            "spokesman",
            id="comments-by-x-that-suggested",
        ),
        pytest.param(
            "The nurses, who warned in May that wards were understaffed, walked out on Monday.",
            "warned",
            "that wards were understaffed",
            "nurses",
            id="subject-who-warned",
        ),
        pytest.param(
            "The plan was drawn up by Sarah Lin, a lawyer who said rents would be frozen for two"
            " years.",
            "said",
            "rents would be frozen for two years",
            "Sarah Lin",
            id="apposition-who-said",
        ),
    ],
)
def test_relative_clause_cue_speaks_for_its_noun(statement, text, cue, content, name) -> None:
    """A cue in a relative clause ("..., who said", "comments by X that suggested") gives the
    statement to the noun the clause describes, or to the agent of that noun."""
    like = {"cue": cue, "content": content, "name": name}
    assert statement(text, content, like) == like
