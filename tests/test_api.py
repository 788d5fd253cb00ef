"""The Python API and the spaCy component, with the real English pipeline.

Assertions are what any reader of the text would insist on (who is speaking, which words they
said, that the writer's own sentences are nobody's statement), not the extractor's exact spans.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import quotetrail
from quotetrail import Quote, extract
from quotetrail.nlp import DEFAULT_MODEL

SAMPLE = resources.files("quotetrail").joinpath("samples", "council-vote.txt")

DIRECT = (
    "Sarah Collins, the project manager, met reporters at the building site on Monday.\n"
    '"The new bridge will open in May, and it will open on budget," she said.\n'
)
INDIRECT = (
    "Finance Minister Tom Baker said that the budget would be balanced by 2027.\n"
    "The plan was published on the ministry's website on Tuesday.\n"
)
ACCORDING = (
    "According to the health ministry, more than 300 people were treated in hospital last week.\n"
)
TEXTS = [DIRECT, INDIRECT, ACCORDING]


def containing(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.content.text]
    assert hits, f"no statement contains {words!r}: {[q.content.text for q in quotes]}"
    return hits[0]


def covers(quotes: list[Quote], text: str, words: str) -> bool:
    start = text.index(words)
    end = start + len(words)
    return any(q.content.start < end and start < q.content.end for q in quotes)


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.load(DEFAULT_MODEL)
    pipeline.add_pipe("quotetrail")
    return pipeline


def test_direct_quote_with_trailing_pronoun_cue() -> None:
    quotes = extract(DIRECT, model=DEFAULT_MODEL)
    quote = containing(quotes, "The new bridge will open in May")
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.text == "she"
    assert quote.speaker_name == "Sarah Collins"
    assert quote.cue is not None and quote.cue.lemma == "say"
    assert not covers(quotes, DIRECT, "met reporters at the building site")


def test_indirect_speech_with_said_that() -> None:
    quotes = extract(INDIRECT, model=DEFAULT_MODEL)
    quote = containing(quotes, "the budget would be balanced by 2027")
    assert quote.kind == "indirect"
    assert quote.speaker_name == "Tom Baker"
    assert quote.cue is not None and quote.cue.lemma == "say"
    assert not covers(quotes, INDIRECT, "The plan was published")


def test_according_to() -> None:
    quotes = extract(ACCORDING, model=DEFAULT_MODEL)
    quote = containing(quotes, "more than 300 people were treated in hospital")
    assert quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == "According to"
    assert quote.speaker is not None and "health ministry" in quote.speaker.text
    assert quote.speaker_kind != "person"


CONTINUED = (
    "The mayor spoke to supporters in the town hall on Friday evening.\n"
    "“We will rebuild the harbour wall before winter,” said Mayor Lena Ortiz, speaking of the "
    "storm that flooded the old town. “Every family will have its street back.”\n"
)
TWO_STATEMENTS = (
    "The mayor spoke to supporters in the town hall on Friday evening.\n"
    "“We will rebuild the harbour wall before winter,” said Mayor Lena Ortiz, speaking of the "
    "storm that flooded the old town. “Nobody will be left behind,” her deputy Omar Khan added.\n"
)


def test_quotation_goes_on_after_a_long_attribution_sentence() -> None:
    quote = containing(extract(CONTINUED, model=DEFAULT_MODEL), "rebuild the harbour wall")
    assert "Every family will have its street back" in quote.content.text
    assert quote.speaker_name == "Lena Ortiz"


def test_a_quotation_with_its_own_cue_is_its_own_statement() -> None:
    quotes = extract(TWO_STATEMENTS, model=DEFAULT_MODEL)
    first = containing(quotes, "rebuild the harbour wall")
    assert "Nobody will be left behind" not in first.content.text
    assert containing(quotes, "Nobody will be left behind").speaker_name != "Lena Ortiz"


@pytest.mark.parametrize("text", ["", "   \n\n", "\r\n"])
def test_empty_text_gives_no_quotes(text: str, nlp: Language) -> None:
    assert extract(text, model=DEFAULT_MODEL) == []
    assert nlp(text)._.quotes == []


@pytest.mark.parametrize("text", TEXTS, ids=["direct", "indirect", "according"])
def test_component_sets_the_same_quotes_as_extract(text: str, nlp: Language) -> None:
    assert nlp(text)._.quotes == extract(text, model=DEFAULT_MODEL)


def test_saved_pipeline_gives_the_same_quotes(nlp: Language, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded(text)._.quotes == nlp(text)._.quotes
    assert loaded("")._.quotes == []


def test_saved_pipeline_keeps_its_component_config(tmp_path: Path) -> None:
    custom = spacy.load(DEFAULT_MODEL)
    custom.add_pipe("quotetrail", config={"threshold": 0.9, "floating": False})
    custom.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    component = loaded.get_pipe("quotetrail")
    assert (component.options.threshold, component.options.floating) == (0.9, False)
    assert loaded(DIRECT)._.quotes == custom(DIRECT)._.quotes


def test_component_scope_config_keeps_beliefs() -> None:
    text = "The mayor believes the new bridge will be finished by the summer.\n"
    wide = spacy.load(DEFAULT_MODEL)
    wide.add_pipe("quotetrail", config={"scope": "all"})
    assert [q.attribution for q in wide(text)._.quotes] == ["belief"]
    narrow = spacy.load(DEFAULT_MODEL)
    narrow.add_pipe("quotetrail")
    assert narrow.get_pipe("quotetrail").options.scope == "statements"
    assert narrow(text)._.quotes == []


def test_import_loads_no_pipeline_and_registers_no_extension() -> None:
    code = (
        "import sys, quotetrail\n"
        "from spacy.tokens import Doc\n"
        "assert not [m for m in sys.modules if m.startswith('en_core_web')], 'pipeline loaded'\n"
        "assert not Doc.has_extension('quotes'), 'Doc extension set on import'\n"
        "assert callable(quotetrail.extract)\n"
        "import quotetrail.extraction.component\n"
        "assert callable(quotetrail.extract), 'subpackage import rebinds quotetrail.extract'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()


def test_public_api() -> None:
    assert set(quotetrail.__all__) == {
        "extract",
        "extract_texts",
        "Quote",
        "Span",
        "CueSpan",
        "Article",
        "FindOptions",
        "__version__",
    }
    assert all(hasattr(quotetrail, name) for name in quotetrail.__all__)
    assert quotetrail.__version__


# -- the bundled sample: every construction it was written to show, read as a reader would ----
@pytest.fixture(scope="module")
def sample() -> tuple[str, list[Quote]]:
    text = SAMPLE.read_text(encoding="utf-8")
    return text, extract(text, model=DEFAULT_MODEL)


def test_sample_pronoun_speaker(sample: tuple[str, list[Quote]]) -> None:
    quote = containing(sample[1], "borrowed from the repair fund")
    assert quote.speaker is not None and quote.speaker.text == "she"
    assert quote.speaker_name == "Maria Okafor"


def test_sample_appositive_role(sample: tuple[str, list[Quote]]) -> None:
    quote = containing(sample[1], "barely a tenth of what the work would cost")
    assert quote.speaker_name == "Maria Okafor"
    assert quote.speaker_role is not None and "treasurer" in quote.speaker_role


def test_sample_quote_across_two_paragraphs(sample: tuple[str, list[Quote]]) -> None:
    quote = containing(sample[1], "I am against asking the same people")
    assert "Another increase" in quote.content.text  # the quotation goes on past the break
    assert quote.speaker_name == "Ruth Abernathy"


def test_sample_colon_lead_in(sample: tuple[str, list[Quote]]) -> None:
    quote = containing(sample[1], "Nobody in this room wanted to raise taxes")
    assert quote.kind == "direct"
    assert quote.speaker_name == "Helen Brandt"


def test_sample_organization_speaker(sample: tuple[str, list[Quote]]) -> None:
    quote = containing(sample[1], "put to a town-wide vote")
    assert quote.speaker_name == "Harbor Valley Residents Association"
    assert quote.speaker_kind == "organization"


def test_sample_relayed_claim(sample: tuple[str, list[Quote]]) -> None:
    report = containing(sample[1], "state inspectors had told the town")
    assert report.speaker_name == "Millbrook Ledger"
    assert report.speaker_kind != "person"
    relayed = [q for q in sample[1] if q.cue is not None and q.cue.lemma == "tell"]
    relayed = [q for q in relayed if "bridge needed urgent work" in q.content.text]
    assert relayed and relayed[0].via == "Millbrook Ledger"


def test_sample_writer_sentences_are_nobodys(sample: tuple[str, list[Quote]]) -> None:
    text, quotes = sample
    for words in (
        "approves road levy after a long night of debate",  # the headline
        "voted 5-2 on Tuesday night",
        "The levy takes effect on July 1",
        "The council will meet again on June 12",
    ):
        assert not covers(quotes, text, words), words


def test_sample_relative_clause_is_no_statement(sample: tuple[str, list[Quote]]) -> None:
    text, quotes = sample
    assert not covers(quotes, text, "votes only to break a tie")  # "Mayor X, who votes only..."


def test_a_cue_keeps_its_particle_and_preposition() -> None:
    text = (
        "The council met on Tuesday to discuss the harbour.\n"
        "Councillor Janet Whitfield pointed out that the wall was built in 1902.\n"
        "Harbour master Lucia Moreno called for a full survey of the old wall.\n"
    )
    quotes = extract(text, model=DEFAULT_MODEL)
    pointed = containing(quotes, "the wall was built in 1902")
    assert pointed.cue is not None and pointed.cue.text == "pointed out"
    called = containing(quotes, "a full survey of the old wall")
    assert called.cue is not None and called.cue.text == "called for"
    assert called.content.text.startswith("a full survey")


@pytest.mark.parametrize("dash", ["--", "—", "–", "―"])
def test_a_dash_sign_off_names_the_speaker(dash: str) -> None:
    text = (
        "Readers told us what they think of the harbour plan.\n"
        f"“The wall has protected this town for a century and deserves better.”\xa0{dash} "
        "Lucia Moreno.\xa0\n"
        "“Nobody asked the fishermen before the plans were drawn up last spring.” "
        f"{dash} Omar Haddad\n"
    )
    quotes = extract(text, model=DEFAULT_MODEL)
    first = containing(quotes, "deserves better")
    assert first.speaker is not None and first.speaker.text == "Lucia Moreno"
    assert first.speaker_name == "Lucia Moreno"
    assert containing(quotes, "Nobody asked the fishermen").speaker_name == "Omar Haddad"


def test_a_speech_verb_in_a_relative_clause_is_still_a_statement() -> None:
    text = (
        "The harbour plan was discussed at length on Monday.\n"
        "Harbour master Lucia Moreno, who says the old wall will not survive another storm, "
        "left the meeting early.\n"
    )
    quote = containing(extract(text, model=DEFAULT_MODEL), "old wall will not survive")
    assert quote.speaker_name == "Lucia Moreno"


def test_sample_titled_name_and_surname(sample: tuple[str, list[Quote]]) -> None:
    direct = containing(sample[1], "patching the same potholes")
    assert direct.kind == "direct"
    assert (direct.speaker_name, direct.speaker_kind) == ("Daniel Reyes", "person")
    later = containing(sample[1], "first repairs would begin on Mill Street")
    assert later.kind == "indirect"
    assert later.speaker is not None and later.speaker.text == "Reyes"
    assert (later.speaker_name, later.speaker_kind) == ("Daniel Reyes", "person")


def test_sample_according_to_with_apposition(sample: tuple[str, list[Quote]]) -> None:
    quote = containing(sample[1], "full inspection since 2019")
    assert quote.cue is not None and quote.cue.lemma == "according to"
    assert quote.speaker_name == "Paul Lindqvist"
    assert "Lindqvist" not in quote.content.text
