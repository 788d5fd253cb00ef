"""The spaCy component as a spaCy user meets it, with the real English pipeline.

A processed doc must survive everything spaCy does with docs (bytes, DocBin, copies, worker
processes, a saved and reloaded pipeline) with every field of every statement unchanged; the
reference is what the same pipeline gives in this process, itself equal to ``extract``.
"""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from dataclasses import fields
from html import unescape
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab
from thinc.api import ConfigValidationError

from quotetrail import Article, Quote, extract
from quotetrail.extraction.component import EXTENSION
from quotetrail.extraction.docdata import DATA_KEY, SPANS_KEY
from quotetrail.nlp import DEFAULT_MODEL, new_pipeline
from quotetrail.read import read_sources

#: Real sentences beyond the samples, each chosen for a shape the storage must keep exactly.
EXTRA = [
    # The content ends inside the token "N.C." (the sentence's full stop is part of it).
    "Police chief Anna Holt warned that the protests could spread to the streets of cities "
    "like Charlotte, N.C.\n",
    # A floating quotation: no cue and no speaker mention of its own.
    "Mayor Helen Brandt spoke to reporters on Monday.\n"
    "“We will rebuild the harbour wall before winter,” she said.\n"
    "“Every family in the old town will have its street back by the spring, whatever it "
    "costs.”\n",
    # "according to" with a non-person source, and an indirect statement with a role.
    "According to the health ministry, more than 300 people were treated in hospital last "
    "week.\nFinance Minister Tom Baker said that the budget would be balanced by 2027.\n",
    # A partly quoted (mixed) statement.
    'Opposition leader Karen Walsh said the new levy was "a disaster for every family in the '
    'valley" and promised to repeal it.\n',
    # Non-ASCII text and an interrupted quotation.
    "“Cafés in Zürich are closing early,” said Jürgen Müller, the owner of a bakery. “It "
    "is the energy bill, nothing else.”\n",
]


def sample_texts() -> list[str]:
    folder = resources.files("quotetrail").joinpath("samples")
    articles = list(read_sources([str(folder)]))
    assert len(articles) == 3 and all(isinstance(a, Article) for a in articles), articles
    return [a.text for a in articles if isinstance(a, Article)]


TEXTS = sample_texts() + EXTRA


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = new_pipeline(DEFAULT_MODEL)  # the loader extract() uses, not its shared copy
    pipeline.add_pipe("quotetrail")
    return pipeline


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    return [nlp(text) for text in TEXTS]


@pytest.fixture(scope="module")
def expected(docs: list[Doc]) -> list[list[Quote]]:
    return [doc._.quotes for doc in docs]


def assert_same(got: list[list[Quote]], want: list[list[Quote]]) -> None:
    """Every field of every statement, named in the failure message."""
    assert len(got) == len(want)
    for d, (got_doc, want_doc) in enumerate(zip(got, want, strict=True)):
        assert got_doc is not None, f"doc {d}: no statements stored"
        assert len(got_doc) == len(want_doc), f"doc {d}"
        for q, (a, b) in enumerate(zip(got_doc, want_doc, strict=True)):
            for field in fields(Quote):
                left, right = getattr(a, field.name), getattr(b, field.name)
                assert left == right, f"doc {d}, statement {q}, {field.name}"
            assert type(a) is Quote


def spans_of(doc: Doc) -> list[tuple[str, str, int, int]]:
    return [(s.label_, s.id_, s.start_char, s.end_char) for s in doc.spans[SPANS_KEY]]


def test_the_texts_exercise_every_shape(docs: list[Doc], expected: list[list[Quote]]) -> None:
    """Guards the round-trip tests below against passing on easy input."""
    quotes = [q for doc in expected for q in doc]
    assert len(quotes) >= 30
    assert {q.kind for q in quotes} == {"direct", "indirect", "mixed"}
    assert any(q.cue is None and q.speaker is None for q in quotes)  # floating
    assert any(q.via for q in quotes)
    assert any(q.speaker_role for q in quotes)
    unaligned = [
        q
        for doc, doc_quotes in zip(docs, expected, strict=True)
        for q in doc_quotes
        if doc.char_span(q.content.start, q.content.end) is None
    ]
    assert unaligned, "every statement starts and ends on a token boundary"


def test_component_gives_what_extract_gives(expected: list[list[Quote]]) -> None:
    assert_same(expected, [extract(text, model=DEFAULT_MODEL) for text in TEXTS])


def test_doc_bytes_round_trip_into_a_fresh_vocab(docs: list[Doc], expected) -> None:
    vocab = Vocab()
    assert_same([Doc(vocab).from_bytes(doc.to_bytes())._.quotes for doc in docs], expected)


def test_docbin_round_trip(docs: list[Doc], expected: list[list[Quote]]) -> None:
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    loaded = list(DocBin().from_bytes(stored).get_docs(Vocab()))
    assert_same([doc._.quotes for doc in loaded], expected)
    assert [spans_of(doc) for doc in loaded] == [spans_of(doc) for doc in docs]


def test_docbin_without_user_data_keeps_the_spans_only(docs: list[Doc]) -> None:
    stored = DocBin(docs=docs).to_bytes()  # spaCy's default: store_user_data=False
    loaded = list(DocBin().from_bytes(stored).get_docs(Vocab()))
    assert [doc._.quotes for doc in loaded] == [None] * len(docs)
    assert [spans_of(doc) for doc in loaded] == [spans_of(doc) for doc in docs]


def test_doc_copy(docs: list[Doc], expected: list[list[Quote]]) -> None:
    copies = [doc.copy() for doc in docs]
    assert_same([doc._.quotes for doc in copies], expected)
    assert [spans_of(doc) for doc in copies] == [spans_of(doc) for doc in docs]


def test_two_processes(nlp: Language, expected: list[list[Quote]]) -> None:
    got = [doc._.quotes for doc in nlp.pipe(TEXTS, n_process=2, batch_size=2)]
    assert_same(got, expected)


def test_stored_data_is_plain(docs: list[Doc]) -> None:
    for doc in docs:
        data = doc.user_data[DATA_KEY]
        assert json.loads(json.dumps(data)) == data  # no objects, only msgpack/JSON values


def test_span_group_shows_each_statement(docs: list[Doc], expected) -> None:
    for doc, quotes in zip(docs, expected, strict=True):
        shown = {(int(s.id_), s.label_): s for s in doc.spans[SPANS_KEY]}
        assert len(shown) == len(doc.spans[SPANS_KEY])
        for i, quote in enumerate(quotes):
            parts = [(quote.kind.upper(), quote.content), ("CUE", quote.cue)]
            for label, part in [*parts, ("SPEAKER", quote.speaker)]:
                if part is None:
                    assert (i, label) not in shown
                    continue
                span = shown[(i, label)]  # whole tokens around the exact offsets
                assert span.start_char <= part.start < part.end <= span.end_char
                assert part.text in span.text


def test_displacy_shows_the_statements(docs: list[Doc]) -> None:
    """With no options but the key: each statement's words, and one label per span."""
    for doc in docs[:2]:
        html = displacy.render(doc, style="span", options={"spans_key": SPANS_KEY})
        words = unescape(re.sub(r"<[^>]+>", " ", html)).split()
        group = doc.spans[SPANS_KEY]
        labels = {span.label_ for span in group}
        assert labels >= {"CUE", "SPEAKER"}
        for label in labels:
            assert words.count(label) == sum(span.label_ == label for span in group), label
        shown = " ".join(word for word in words if word not in labels)
        for span in group:
            assert " ".join(t.text for t in span if not t.is_space) in shown
        assert "#8ecae6" in html  # the statements' own colours, registered by the component


def test_empty_text(nlp: Language) -> None:
    for text in ("", "  \n\n"):
        doc = nlp(text)
        assert doc._.quotes == [] and len(doc.spans[SPANS_KEY]) == 0
        assert Doc(Vocab()).from_bytes(doc.to_bytes())._.quotes == []
        with pytest.warns(UserWarning, match="W117"):  # spaCy's "no spans to show"
            displacy.render(doc, style="span", options={"spans_key": SPANS_KEY})


def test_an_unprocessed_doc_has_no_statements(nlp: Language) -> None:
    assert spacy.blank("en")("She said so.")._.quotes is None


@pytest.mark.parametrize(
    ("config", "field"),
    [
        ({"threshold": 1.5}, "threshold"),
        ({"threshold": 0}, "threshold"),
        ({"threshold": "high"}, "threshold"),
        ({"scope": "everything"}, "scope"),
        ({"scorer": "neural"}, "scorer"),
        ({"floating": "sometimes"}, "floating"),
        ({"min_confidence": 1.2}, "min_confidence"),
        ({"treshold": 0.5}, "treshold"),
    ],
)
def test_invalid_config_is_rejected(config: dict, field: str) -> None:
    with pytest.raises(ConfigValidationError, match=field):
        spacy.blank("en").add_pipe("quotetrail", config=config)


CUSTOM = {
    "threshold": 0.6,
    "scope": "all",
    "floating": False,
    "scorer": "model",
    "min_confidence": 0.0,
}


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[Quote]]]:
    """A pipeline with non-default settings on disk, and its statements in this process."""
    custom = new_pipeline(DEFAULT_MODEL)
    custom.add_pipe("quotetrail", config=CUSTOM)
    path = tmp_path_factory.mktemp("pipeline") / "custom"
    custom.to_disk(path)
    return path, [doc._.quotes for doc in custom.pipe(TEXTS)]


def test_config_is_written_and_read_back(saved, expected) -> None:
    path, custom_quotes = saved
    config = spacy.util.load_config(path / "config.cfg")
    assert {k: config["components"]["quotetrail"][k] for k in CUSTOM} == CUSTOM
    loaded = spacy.load(path)
    options = loaded.get_pipe("quotetrail").options
    assert {k: getattr(options, k) for k in CUSTOM} == CUSTOM
    assert_same([doc._.quotes for doc in loaded.pipe(TEXTS)], custom_quotes)
    assert custom_quotes != expected  # the settings did change what was found


FRESH = """
import json, sys
import spacy
from spacy.tokens import DocBin
from spacy.vocab import Vocab
from quotetrail.extraction.component import register_extensions

path, texts, docbin = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
if path == "-":  # only read docs processed elsewhere: the extension is opt-in
    register_extensions()
    docs = DocBin().from_disk(docbin).get_docs(Vocab())
else:
    docs = spacy.load(path).pipe(texts, n_process=2, batch_size=2)
print(json.dumps([[q.to_dict() for q in doc._.quotes] for doc in docs]))
"""


def in_a_fresh_process(*args: str) -> list[list[dict]]:
    result = subprocess.run(
        [sys.executable, "-c", FRESH, *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_saved_pipeline_in_a_fresh_process_with_two_workers(saved) -> None:
    path, custom_quotes = saved
    got = in_a_fresh_process(str(path), json.dumps(TEXTS), "-")
    assert got == [[q.to_dict() for q in doc] for doc in custom_quotes]


def test_docbin_read_in_a_fresh_process(docs, expected, tmp_path: Path) -> None:
    DocBin(store_user_data=True, docs=docs).to_disk(tmp_path / "docs.spacy")
    got = in_a_fresh_process("-", "[]", str(tmp_path / "docs.spacy"))
    assert got == [[q.to_dict() for q in doc] for doc in expected]


def test_the_extension_is_opt_in_and_idempotent() -> None:
    code = (
        "from spacy.tokens import Doc\n"
        "import quotetrail.extraction.component as c\n"
        f"assert not Doc.has_extension({EXTENSION!r})\n"
        "c.register_extensions(); c.register_extensions()\n"
        f"assert Doc.has_extension({EXTENSION!r})\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()


def test_the_component_pickles(nlp: Language, expected: list[list[Quote]]) -> None:
    """Worker processes started by "spawn" (macOS, Windows) receive the pipeline pickled."""
    component = pickle.loads(pickle.dumps(nlp.get_pipe("quotetrail")))
    assert component.options == nlp.get_pipe("quotetrail").options
    doc = nlp.make_doc(TEXTS[0])
    for name, proc in nlp.pipeline:
        doc = component(doc) if name == "quotetrail" else proc(doc)
    assert_same([doc._.quotes], expected[:1])
