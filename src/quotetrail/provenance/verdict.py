"""The verdict on an aligned pair: duplicate, rewrite, shares_quotes or unrelated.

The rule, in order (thresholds are ``ProvenanceOptions`` fields):

1. nothing aligned → **unrelated**;
2. everything aligned closes both texts (or opens both), after (before) at least half of each
   text that aligned nothing → **unrelated**: a shared footer or header ("About the
   company", an author bio), a template the corpus was too small to count, is not shared
   content. The price: two stories that share only their closing paragraphs are not paired;
3. every aligned sentence pair shares quoted speech only (``quoted_share`` of its shared
   trigrams inside quotation marks or given quote spans in both texts) → **shares_quotes**;
4. each text covers at least ``duplicate_containment`` of the other, at least
   ``duplicate_verbatim`` of the aligned words are aligned word for word, and the passages
   keep their order → **duplicate** (a changed footer or a reflowed paragraph stays a copy);
5. the larger containment reaches ``rewrite_containment`` with at least
   ``rewrite_min_sentences`` aligned sentences → **rewrite** (light or heavy: reordered,
   reworded, shortened or padded; ``verbatim_share`` says how much was kept word for word);
6. otherwise → **unrelated** (a sentence or two in common is what same-topic articles share).
"""

from __future__ import annotations

from quotetrail.provenance.align import Alignment
from quotetrail.provenance.options import ProvenanceOptions
from quotetrail.provenance.records import Label


def verdict(al: Alignment, options: ProvenanceOptions) -> tuple[Label, str]:
    """The label of an aligned pair and a short reason naming the rule that decided it."""
    if not al.passages:
        return "unrelated", "nothing aligned"
    hi, lo = max(al.containment), min(al.containment)
    if al.edge_only:
        return "unrelated", "only a shared header or footer aligned"
    if al.quoted_share >= 1.0 - 1e-9:
        return "shares_quotes", f"{al.matches} aligned sentence(s), all quoted speech"
    if (
        lo >= options.duplicate_containment
        and al.verbatim_share >= options.duplicate_verbatim
        and _in_order(al)
    ):
        return "duplicate", f"containment {lo:.2f}/{hi:.2f}, {al.verbatim_share:.0%} verbatim"
    if hi >= options.rewrite_containment and al.matches >= options.rewrite_min_sentences:
        return "rewrite", f"containment {hi:.2f}, {al.verbatim_share:.0%} verbatim"
    return "unrelated", f"containment {hi:.2f} over {al.matches} sentence(s): too little"


def _in_order(al: Alignment) -> bool:
    """Passages appear in the same order in both texts (a copy, not a reshuffle)."""
    copy_starts = [p.copy[0] for p in sorted(al.passages, key=lambda p: p.source[0])]
    return copy_starts == sorted(copy_starts)
