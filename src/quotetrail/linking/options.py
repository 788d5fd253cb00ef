"""One options object for linking, built once and validated in its constructor.

Every threshold lives here with the reason for its default; the cluster thresholds were tuned on
the labelled PolNeAR pairs of ``benchmarks/data/linking_pairs.jsonl`` (``quotetrail eval
linking``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from quotetrail.errors import InvalidOption

__all__ = ["InvalidOption", "LinkingOptions"]


@dataclass(frozen=True)
class LinkingOptions:
    # -- identity ----------------------------------------------------------------------------
    # Surnames after transliteration folding: Jaro-Winkler at least this ("Jenssen"/"Jensen"
    # fold equal; "Nikolenko"/"Nikolaenko" 0.98; "Pence"/"Pompeo" 0.62).
    surname_sim: float = 0.9
    # Given names not equal after folding ("Stian"/"Stefan" 0.86, "Hillary"/"Bill" 0.67):
    # a misnaming, accepted only with a shared role.
    given_sim: float = 0.84
    # Two records' seen windows may be this many days apart and still be one person.
    identity_window_days: int = 60
    # -- utterance clusters ------------------------------------------------------------------
    # Tuned on the labelled PolNeAR pairs (benchmarks/data/linking_pairs.jsonl); pairwise, these
    # keep precision >= 0.95 there. Renderings of one occasion are reported within days of each
    # other; further apart it is another occasion unless the quote is a long verbatim copy.
    cluster_window_days: int = 7
    # IDF-weighted overlap coefficient of content words (synonyms, inflections folded) ...
    cluster_similarity: float = 0.6
    # Reports a day apart are more often one occasion: this lower overlap suffices then.
    close_days: int = 1
    close_similarity: float = 0.6
    # ... with at least this many shared content words (one shared name is not a quote) ...
    min_shared_words: int = 3
    # ... or a weighted Dice (symmetric: a short quote inside a long one does not count) this high
    # with at least two shared words.
    dice_similarity: float = 0.5
    # ... or the same three words in quotation marks in both, with at least this overlap.
    quoted_similarity: float = 1.0
    # ... or one rendering's only quoted span, with at least this many content words, recurs
    # word for word in the other (a fragment quoted from the fuller rendering).
    fragment_min_words: int = 2
    # Near-verbatim: this share of the shorter rendering's words aligned in order, and at least
    # this many words: one utterance whatever the dates.
    verbatim_containment: float = 0.85
    verbatim_min_words: int = 10
    # Quotes with no speaker record ("the Florida senator", "officials") join only as near-verbatim
    # copies (this share of words) under the same speaker name, within the window.
    unnamed_containment: float = 0.9
    unnamed_min_words: int = 4
    # A group joins another only when at least this share of their cross pairs pass the tests
    # (average linkage: one bridging pair cannot chain two occasions together).
    linkage: float = 0.3
    # A word in more of a speaker's quotes than this, within the window, proposes no candidates
    # (it is still scored): keeps a prolific speaker's block near-linear.
    max_postings: int = 200
    # A quote reads at most about this many postings, its rarest words' first: renderings of one
    # utterance share their rare words, so the budget is spent where they are, and a quote's
    # work stays the same however many quotes a week its speaker has.
    max_scanned: int = 30
    # A candidate shares at least this share of the lighter quote's weight in the words read:
    # the overlap and Dice tests need 0.45 or more, so two quotes sharing two everyday words
    # (more of them the denser a speaker's week) are not scored at all.
    candidate_share: float = 0.3
    # A quote keeps at most this many candidates (those sharing the most rare weight): a
    # rendering shares most of its words with the others, so it stays among them, and the
    # cluster still joins through the union of every member's candidates.
    max_candidates: int = 50
    # -- retractions -------------------------------------------------------------------------
    # A retraction refers to an utterance reported at most this many days before it.
    retraction_window_days: int = 14

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "float" and not 0.0 <= value <= 1.0:  # a share or a similarity
                raise InvalidOption(f.name, value, "must be between 0 and 1")
            if isinstance(value, int) and not isinstance(value, bool) and value < 0:
                raise InvalidOption(f.name, value, "must be >= 0")
