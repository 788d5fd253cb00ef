"""Who said what: attributed statements from a parsed English news article."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ExtractionFailed, InputError
from ..nlp import load_pipeline
from ..records import Quote
from .assemble import assemble
from .attribution import QuoteIndex
from .bounds import check_parseable, needs_pieces, parse
from .calibration import load_calibration
from .find import FindOptions, find
from .scoring import CueScorer, load_scorer

logger = logging.getLogger(__name__)

__all__ = ["FindOptions", "extract", "extract_doc", "extract_texts"]

#: Texts longer than spaCy's default limit are still parsed; memory is bounded by the readers.
MAX_PARSE_CHARS = 2_000_000


def extract_doc(
    doc: Doc, options: FindOptions | None = None, scorer: CueScorer | None = None
) -> list[Quote]:
    """The statements of one parsed article, in text order."""
    options = options or FindOptions()
    if all(token.is_space for token in doc):
        return []
    scorer = scorer or load_scorer(options.scorer, options.scorer_path)
    quotes = QuoteIndex.of(doc.text)
    found = assemble(doc, find(doc, scorer, options, quotes), quotes, load_calibration())
    floor = options.floor
    return [q for q in found if q.confidence is None or q.confidence >= floor]


def extract(
    text: str, *, model: str | None = None, options: FindOptions | None = None
) -> list[Quote]:
    """Parse ``text`` with the English pipeline and return its statements.

    Raises a coded :class:`~quotetrail.errors.InputError` for text no pipeline can take (a lone
    surrogate, over ``MAX_PARSE_CHARS``), never a bare encoder or spaCy error.
    """
    check_parseable(text, MAX_PARSE_CHARS)
    nlp = load_pipeline(model)
    nlp.max_length = max(nlp.max_length, MAX_PARSE_CHARS)
    return extract_doc(parse(nlp, text), options)


def extract_texts(
    texts: Iterable[str],
    *,
    model: str | None = None,
    options: FindOptions | None = None,
    batch_size: int = 16,
) -> Iterator[list[Quote] | InputError]:
    """Statements for each text, streaming, in input order; the pipeline loads once per process.

    A document whose parsing or extraction raises yields an :class:`ExtractionFailed` in its
    place, and one refused before parsing (see :func:`check_parseable`) its coded
    :class:`InputError`, so callers keep their alignment and record the failure; the rest of its
    batch is kept (spaCy's ``nlp.pipe`` cannot resume after an error, so that batch is parsed
    again one text at a time).
    """
    nlp = load_pipeline(model)
    nlp.max_length = max(nlp.max_length, MAX_PARSE_CHARS)
    scorer = load_scorer(options.scorer, options.scorer_path) if options else None
    stream = iter(texts)
    while batch := list(islice(stream, batch_size)):
        refused = [_refusal(text) for text in batch]
        parsed = iter(_parse(nlp, [t for t, r in zip(batch, refused, strict=True) if r is None]))
        for refusal in refused:
            doc = refusal or next(parsed)
            if isinstance(doc, InputError):
                yield doc
                continue
            try:
                yield extract_doc(doc, options, scorer)
            except Exception as err:  # one odd parse must not end a batch of thousands
                logger.exception("extraction failed on a document")
                yield ExtractionFailed(f"{type(err).__name__}: {err}")


def _refusal(text: str) -> InputError | None:
    try:
        check_parseable(text, MAX_PARSE_CHARS)
    except InputError as err:
        return err
    return None


def _parse(nlp: Language, batch: list[str]) -> list[Doc | ExtractionFailed]:
    """Docs in batch order: ordinary texts through ``nlp.pipe`` together, long ones (see
    :mod:`.bounds`) in pieces of bounded cost."""
    if not any(needs_pieces(text) for text in batch):
        try:
            return list(nlp.pipe(batch, batch_size=len(batch)))
        except Exception:
            logger.warning("the pipeline failed on a batch; parsing its texts one at a time")
    docs: list[Doc | ExtractionFailed] = []
    for text in batch:
        try:
            docs.append(parse(nlp, text))
        except Exception as err:
            logger.exception("the pipeline failed on a document")
            docs.append(ExtractionFailed(f"pipeline: {type(err).__name__}: {err}"))
    return docs
