"""One options object for provenance, built once and validated in its constructor.

Every threshold of the pipeline lives here with the reason for its default, so a caller tunes
one object instead of threading flags through the stages.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property

from datasketch import MinHashLSH

from quotetrail.errors import InvalidOption


@dataclass(frozen=True)
class ProvenanceOptions:
    # -- candidates (MinHash LSH) ------------------------------------------------------------
    # Heavy rewrites keep few of their 5-word shingles (Jaccard 0.13 at the 5th percentile on
    # the benchmark, light rewrites 0.5), so the LSH S-curve must sit low. datasketch's choice
    # for threshold 0.08 and 256 permutations is 128 bands of 2 rows: a pair is found with
    # probability 1 - (1 - J^2)^128, i.e. 0.89 at J = 0.13, 0.99 at J = 0.2. With 128
    # permutations the best is 64 bands (0.66 at J = 0.13): heavy-rewrite recall fell to ~0.85.
    # Alignment then discards the extra pairs a low threshold lets through.
    num_perm: int = 256
    shingle_words: int = 5
    seed: int = 1
    lsh_threshold: float = 0.08
    # Pairs whose signatures estimate less shared content than this (share of the smaller
    # article's shingles) are not aligned.
    min_estimated_containment: float = 0.08
    # A band bucket holding more articles than this yields pairs only from its first members,
    # so a thousand copies of one wire story cost a thousand pairs, not half a million.
    max_bucket: int = 50
    # Articles with fewer content words than this are not paired: one shared sentence is not
    # evidence of copying.
    min_words: int = 25
    # -- boilerplate ---------------------------------------------------------------------------
    # A line is a template when this many different articles of one outlet carry it ...
    outlet_min_articles: int = 4
    # ... or this many different articles across the corpus (wire copies count once).
    corpus_min_articles: int = 20
    # Built-in template patterns apply only to lines up to this long.
    pattern_max_words: int = 60
    # -- alignment -------------------------------------------------------------------------
    # Two sentences align when their word-trigram Dice or content-word Dice reaches these.
    sentence_trigram_dice: float = 0.5
    sentence_word_dice: float = 0.6
    min_sentence_words: int = 4
    # A sentence match is quoted speech when this share of its shared trigrams is quoted.
    quoted_share: float = 0.7
    align_cache: int = 256  # articles kept prepared for alignment (~225 KiB each)
    # -- verdict -----------------------------------------------------------------------------
    duplicate_containment: float = 0.85  # both directions
    duplicate_verbatim: float = 0.9  # share of aligned words aligned word for word
    rewrite_containment: float = 0.3  # the larger direction
    rewrite_min_sentences: int = 2
    # -- quote spread ------------------------------------------------------------------------
    quote_similarity: float = 0.8
    quote_min_words: int = 4

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and not 0.0 <= value <= 1.0:
                raise InvalidOption(f.name, value, "must be between 0 and 1")
            integer = isinstance(value, int) and not isinstance(value, bool)
            if integer and value < 1 and f.name != "seed":
                raise InvalidOption(f.name, value, "must be at least 1")
        if self.num_perm < 16:
            raise InvalidOption("num_perm", self.num_perm, "must be at least 16")
        if self.lsh_threshold <= 0.0:
            raise InvalidOption("lsh_threshold", self.lsh_threshold, "must be > 0")
        if self.seed < 0:
            raise InvalidOption("seed", self.seed, "must be >= 0")
        _ = self.lsh_params  # computed once here, so a bad combination fails now

    @cached_property
    def lsh_params(self) -> tuple[int, int]:
        """(bands, rows) datasketch's MinHashLSH picks for ``lsh_threshold``."""
        lsh = MinHashLSH(threshold=self.lsh_threshold, num_perm=self.num_perm)
        return lsh.b, lsh.r
