"""The spaCy component: ``nlp.add_pipe("quotetrail")`` fills ``doc._.quotes``."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .cues import CueTable
from .find import FindOptions

EXTENSION = "quotes"


def register_extensions() -> None:
    """Opt-in, idempotent: only building the component touches ``Doc``'s attributes."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


class QuotetrailComponent:
    """A thin shell over :func:`quotetrail.extract.extract_doc`."""

    def __init__(self, *, options: FindOptions, table: CueTable) -> None:
        register_extensions()
        self.options = options
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        from . import extract_doc

        doc._.set(EXTENSION, extract_doc(doc, self.options, self.table))
        return doc


@Language.factory(
    "quotetrail",
    assigns=[f"doc._.{EXTENSION}"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    default_config={"threshold": FindOptions.threshold, "floating": True, "cue_table": None},
)
def make_quotetrail(
    nlp: Language, name: str, threshold: float, floating: bool, cue_table: str | None
) -> QuotetrailComponent:
    table = CueTable.load(Path(cue_table)) if cue_table else CueTable.load()
    return QuotetrailComponent(options=FindOptions(threshold, floating), table=table)
