"""quotetrail: who said what, when, according to whom, in English news.

>>> import quotetrail
>>> quotes = quotetrail.extract('"We will rebuild," the mayor said.')  # doctest: +SKIP

Importing the package loads no spaCy pipeline: the first call to :func:`extract` or
:func:`extract_texts` does, once per process. ``nlp.add_pipe("quotetrail")`` finds the spaCy
component through the ``spacy_factories`` entry point.
"""

from __future__ import annotations

import logging
from importlib import metadata

# The extraction code lives in ``quotetrail.extraction`` so that ``quotetrail.extract`` can only
# ever be this function. Importing it loads spaCy's code but no pipeline.
from quotetrail.extraction import FindOptions, extract, extract_texts
from quotetrail.records import Article, CueSpan, Quote, Span

__all__ = [
    "Article",
    "CueSpan",
    "FindOptions",
    "Quote",
    "Span",
    "__version__",
    "extract",
    "extract_texts",
]

try:
    __version__ = metadata.version("quotetrail")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

logging.getLogger(__name__).addHandler(logging.NullHandler())
