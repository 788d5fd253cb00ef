"""The spaCy component: ``nlp.add_pipe("quotetrail")`` fills ``doc._.quotes``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .find import FindOptions
from .scoring import load_scorer

EXTENSION = "quotes"


def register_extensions() -> None:
    """Opt-in, idempotent: only building the component touches ``Doc``'s attributes."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


class QuotetrailComponent:
    """A thin shell over :func:`quotetrail.extraction.extract_doc`; its state is its config."""

    def __init__(self, options: FindOptions) -> None:
        register_extensions()
        self.options = options
        self.scorer = load_scorer(options.scorer, options.scorer_path)

    def __call__(self, doc: Doc) -> Doc:
        from . import extract_doc

        doc._.set(EXTENSION, extract_doc(doc, self.options, self.scorer))
        return doc


_DEFAULTS = FindOptions()


@Language.factory(
    "quotetrail",
    assigns=[f"doc._.{EXTENSION}"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    default_config={
        "threshold": _DEFAULTS.threshold,
        "floating": _DEFAULTS.floating,
        "scorer": _DEFAULTS.scorer,
        "scorer_path": None,
        "scope": _DEFAULTS.scope,
    },
)
def make_quotetrail(
    nlp: Language,
    name: str,
    threshold: float,
    floating: bool,
    scorer: str,
    scorer_path: str | None,
    scope: str = _DEFAULTS.scope,
) -> QuotetrailComponent:
    options = FindOptions(
        threshold=threshold,
        floating=floating,
        scorer=scorer,
        scorer_path=scorer_path,
        scope=scope,
    )
    return QuotetrailComponent(options)
