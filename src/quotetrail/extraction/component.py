"""The spaCy component: ``nlp.add_pipe("quotetrail")`` finds each doc's statements.

Results are stored in serializable form (see :mod:`.docdata`): ``doc.spans["quotetrail"]``
and ``doc.user_data["quotetrail"]``, so a processed doc survives ``to_bytes``, a ``DocBin`` and
``nlp.pipe(n_process=2)``; ``doc._.quotes`` reads them back as :class:`Quote` records.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import ConfigValidationError

from . import docdata
from .find import FindOptions
from .scoring import load_scorer

EXTENSION = "quotes"


def register_extensions() -> None:
    """Opt-in, idempotent: make ``doc._.quotes`` available in this process.

    Building the component calls it; a process that only reads docs processed elsewhere
    (``Doc.from_bytes``, a ``DocBin``) calls it itself. Importing quotetrail never does.
    """
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, getter=docdata.load)


class QuotetrailComponent:
    """A thin shell over :func:`quotetrail.extraction.extract_doc`; its state is its config."""

    def __init__(self, options: FindOptions) -> None:
        register_extensions()
        self.options = options
        self.scorer = load_scorer(options.scorer, options.scorer_path)

    def __call__(self, doc: Doc) -> Doc:
        from . import extract_doc

        docdata.store(doc, extract_doc(doc, self.options, self.scorer))
        return doc

    def __reduce__(self) -> tuple[Any, ...]:
        # The scorer is a closure: rebuild it from the options where the pipeline is unpickled
        # (worker processes started by "spawn", the default on macOS and Windows).
        return (QuotetrailComponent, (self.options,))


_DEFAULTS = FindOptions()

# Like the factory below, a registration in spaCy's own registry (the Doc is untouched): displaCy
# colours the statements' labels with no options.
registry.displacy_colors.register("quotetrail", func=lambda: dict(docdata.LABEL_COLORS))


@Language.factory(
    "quotetrail",
    assigns=[f"doc._.{EXTENSION}", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    default_config={
        "threshold": _DEFAULTS.threshold,
        "floating": _DEFAULTS.floating,
        "scorer": _DEFAULTS.scorer,
        "scorer_path": None,
        "scope": _DEFAULTS.scope,
        "min_confidence": _DEFAULTS.min_confidence,
    },
)
def make_quotetrail(
    nlp: Language,
    name: str,
    threshold: float,
    floating: bool,
    scorer: str,
    scorer_path: str | None,
    scope: str,
    min_confidence: float | None,
) -> QuotetrailComponent:
    """spaCy checks each setting's type against this signature; FindOptions checks its value,
    reported the way spaCy reports a bad type (a ``ConfigValidationError``, a ``ValueError``)."""
    config = {
        "threshold": threshold,
        "floating": floating,
        "scorer": scorer,
        "scorer_path": scorer_path,
        "scope": scope,
        "min_confidence": min_confidence,
    }
    try:
        options = FindOptions(**config)
    except ValueError as err:
        raise ConfigValidationError(
            config=config,
            errors=[{"loc": [name], "msg": str(err)}],
            title=f"Config error for {name!r}",
        ) from err
    return QuotetrailComponent(options)
