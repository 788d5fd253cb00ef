"""How alike two renderings of an utterance are, across copying, re-translation and paraphrase.

A rendering becomes a bag of content words: function words dropped, inflections stripped
("solutions" -> "solut"), synonyms folded to one class (``provenance.synonyms``: "stated" and
"said" are one word). Two bags are compared by their IDF-weighted overlap coefficient (shared
weight over the smaller bag's weight), so a short paraphrase inside a longer rendering still
scores high, and rare words ("Crimea", "membership") count more than common ones ("people").
Word order is measured separately (``sequence``) for the near-verbatim test.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from quotetrail.provenance.normalise import fast_words
from quotetrail.provenance.synonyms import SYNONYMS

__all__ = ["Idf", "containment", "dice", "features", "overlap", "sequence", "word_diff"]

STOPWORDS = frozenset(
    """a an the and or but if then so of to in on at by for with from as into about over
    than that this these those there here is are was were be been being am do does did
    done have has had having will would shall should can could may might must i me my we us our
    you your he him his she her it its they them their what which who whom whose when where why
    how not no nor all any some such only own same too very just also s t don doesn didn isn
    wasn aren weren won wouldn couldn shouldn ll re ve d m o said says say told tell
    during throughout amid among after before while since until against within without
    through between although though even because""".split()  # noqa: SIM905
)
_UNDOUBLE = frozenset({"ing", "ings", "ingly", "ed", "edly"})
_SUFFIXES = ("ations", "ation", "ingly", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s")


def _synonym_classes() -> dict[str, str]:
    """Each one-word synonym to one representative (the smallest word of its class)."""
    parent: dict[str, str] = {}

    def find(w: str) -> str:
        while parent.setdefault(w, w) != w:
            w = parent[w]
        return w

    for word, alts in SYNONYMS.items():
        for alt in alts:
            if " " not in alt:
                a, b = find(word), find(alt)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {w: find(w) for w in parent}


_CLASSES = _synonym_classes()
_NUMBER = re.compile(r"\d")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = _CLASSES.get(word, word)
    if _NUMBER.search(word):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if suffix in _UNDOUBLE and word[-1] == word[-2] and word[-1] not in "aeiouyls":
                word = word[:-1]  # "banning" -> "ban", as "bans" -> "ban"
            return word
    return word


def words(text: str) -> list[str]:
    return fast_words(text)


# One country or body under its usual short forms: "entering the U.S." and "entering the United
# States" are one phrase (the short forms' letters alone are no features at all).
_ALIASES = (
    (
        re.compile(
            r"\b(?:the\s+)?(?:United\s+States(?:\s+of\s+America)?|U\.\s?S\.(?:A\.)?|USA)(?!\w)"
        ),
        " usa ",
    ),
    (re.compile(r"\b(?:the\s+)?(?:United\s+Kingdom|U\.\s?K\.|Britain)(?!\w)"), " uk "),
    (re.compile(r"\b(?:the\s+)?(?:United\s+Nations|U\.\s?N\.)(?!\w)"), " un "),
    (re.compile(r"\b(?:the\s+)?(?:European\s+Union|E\.\s?U\.|EU)(?!\w)"), " eu "),
)


def features(text: str) -> frozenset[str]:
    """The content words of a rendering, inflections, synonyms and short forms folded."""
    for pattern, alias in _ALIASES:
        text = pattern.sub(alias, text)
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1)


class Idf:
    """Inverse document frequency of features over the renderings being linked."""

    def __init__(self, bags: Iterable[frozenset[str]]) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        for bag in bags:
            self.df.update(bag)
            self.n += 1

        self.weights: dict[str, float] = {}
        self.totals: dict[frozenset[str], float] = {}

    def __call__(self, feature: str) -> float:
        w = self.weights.get(feature)
        if w is None:
            w = math.log((self.n + 1) / (self.df.get(feature, 0) + 1)) + 1.0
            self.weights[feature] = w
        return w

    def total(self, bag: frozenset[str]) -> float:
        """The summed weight of a bag (cached: each bag is compared many times)."""
        t = self.totals.get(bag)
        if t is None:
            t = self.totals[bag] = sum(map(self, bag))
        return t


def overlap(a: frozenset[str], b: frozenset[str], idf: Idf) -> tuple[float, int]:
    """(IDF-weighted overlap coefficient, number of shared features)."""
    if not a or not b:
        return 0.0, 0
    shared = a & b
    if not shared:
        return 0.0, 0
    return sum(map(idf, shared)) / min(idf.total(a), idf.total(b)), len(shared)


def sequence(a: str, b: str) -> float:
    """Word-order similarity of two renderings (difflib's ratio over their words)."""
    return SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def word_diff(base: str, other: str) -> list[tuple[str, str]]:
    """``other`` as (op, text) runs against ``base``: "same", "added", "removed": how the
    words changed from one rendering to the next ("a solution could be" -> "a possible
    solution is")."""
    a, b = base.split(), other.split()
    key_a = [w.strip(".,;:!?\"'“”‘’()").casefold() for w in a]
    key_b = [w.strip(".,;:!?\"'“”‘’()").casefold() for w in b]
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, key_a, key_b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(b[j1:j2])))
    return out


def dice(a: frozenset[str], b: frozenset[str], idf: Idf) -> float:
    """IDF-weighted Dice coefficient: symmetric, so a short quote inside a long one scores low."""
    total = idf.total(a) + idf.total(b)
    return 2 * sum(map(idf, a & b)) / total if total else 0.0


@lru_cache(maxsize=65536)
def containment(a: str, b: str) -> tuple[float, int]:
    """(share of the shorter rendering's words aligned in order with the other, its length).
    Cached: the members of a growing cluster are aligned again each time it meets another."""
    wa, wb = _word_tuple(a), _word_tuple(b)
    shorter = min(len(wa), len(wb))
    if not shorter:
        return 0.0, 0
    blocks = SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / shorter, shorter


_QUOTE_CHARS = re.compile("[\"“”‘’]|''")
_RAW_WORD = re.compile(r"[^\W\d_]+")
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]|''(.+?)''|‘([^‘’]+)’")


@lru_cache(maxsize=65536)
def _quoted_span(text: str) -> tuple[tuple[str, ...], int] | None:
    """The words of the one span ``text`` puts in quotation marks and how many of them are
    lower-case content words (None: no span, or several)."""
    if not _QUOTE_CHARS.search(text):
        return None
    spans = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
    if len(spans) != 1:
        return None
    plain = sum(1 for w in _RAW_WORD.findall(spans[0]) if w[0].islower() and w not in STOPWORDS)
    return tuple(words(spans[0])), plain


@lru_cache(maxsize=65536)
def _word_tuple(text: str) -> tuple[str, ...]:
    return tuple(words(text))


def quotes_fragment(a: str, b: str, min_content: int) -> bool:
    """True when the one span ``a`` puts in quotation marks reappears in ``b`` word for word,
    as one run, and holds at least ``min_content`` lower-case content words: one rendering
    quotes a fragment of the other (“textbook definition” / "the textbook definition of a
    racist comment"), which word overlap, diluted by the longer side, misses. Names do not
    count: a quoted "Obama-Clinton" is a label, not a statement."""
    found = _quoted_span(a)
    if found is None or found[1] < min_content:
        return False
    span, wb = found[0], _word_tuple(b)
    n = len(span)
    return any(wb[i : i + n] == span for i in range(len(wb) - n + 1))


@lru_cache(maxsize=65536)
def quoted_trigrams(text: str) -> frozenset[tuple[str, ...]]:
    """Word trigrams inside quotation marks: the words a rendering claims verbatim."""
    grams: set[tuple[str, ...]] = set()
    for match in _QUOTED.finditer(text):
        inner = words(next(g for g in match.groups() if g is not None))
        grams.update(zip(inner, inner[1:], inner[2:], strict=False))
    return frozenset(grams)
