"""Boilerplate: lines a site or plugin stamps on many articles, removed before comparison.

A shared template (a "Source link" footer, a share bar, a newsletter blurb) must never make two
articles look alike. Two rules find it, both on whole lines (paragraphs, in news text):

* a built-in pattern list (``patterns.TEMPLATE_LINES``) for what syndication plugins print
  everywhere, so even two articles sharing one footer are caught;
* document frequency: a line is a template when at least ``outlet_min_articles`` different
  articles of one outlet (outlet name, else the URL's host), or ``corpus_min_articles`` across
  the corpus, carry it. "Different" is what keeps copied news out: each article counts under a
  context, the smallest hash of its *other* long lines (a one-row MinHash of its lines), which
  copies of one story share and unrelated articles do not. A paragraph repeated by ten wire
  copies is one context; a footer under ten different stories is ten.

A template that only two articles share and no pattern knows is left to the verdict (a pair
whose only overlap closes both texts is not related).
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np

from quotetrail.provenance.normalise import line_key, line_words
from quotetrail.provenance.options import ProvenanceOptions
from quotetrail.provenance.patterns import SHORT_LINE_WORDS, SHORT_TEMPLATE_RE, TEMPLATE_RE
from quotetrail.provenance.records import ProvArticle

CONTEXT_MIN_WORDS = 8  # lines this long stand for an article's content in its context hash
Line = tuple[int, int, list[str]]  # original (start, end) and normalised words


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding whitespace."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def key_hash(key: str) -> int:
    """A stable 63-bit hash of a line key (stable across runs, unlike ``hash``)."""
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def matches_pattern(folded: str, n_words: int, options: ProvenanceOptions) -> bool:
    """True for a (folded) line that a built-in template pattern matches (see ``patterns``)."""
    if n_words <= SHORT_LINE_WORDS and SHORT_TEMPLATE_RE.match(folded):
        return True
    return n_words <= options.pattern_max_words and TEMPLATE_RE.match(folded) is not None


def group_of(article: ProvArticle) -> str:
    """The site an article belongs to for template counting: outlet, else URL host."""
    if article.outlet:
        return article.outlet.strip().casefold()
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.")
    return ""


def _lines(text: str) -> Iterable[tuple[int, int, str, list[str]]]:
    for start, end in split_lines(text):
        folded, words = line_words(text[start:end])
        if words:
            yield start, end, folded, words


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Which lines are templates: the fitted line hashes plus the built-in patterns."""

    template_keys: frozenset[int]
    options: ProvenanceOptions

    def content(self, text: str) -> list[Line]:
        """The lines that are content, in order, with their normalised words."""
        kept = []
        for start, end, folded, words in _lines(text):
            if matches_pattern(folded, len(words), self.options):
                continue
            if self.template_keys and key_hash(line_key(words)) in self.template_keys:
                continue
            kept.append((start, end, words))
        return kept


def fit_boilerplate(
    articles: Iterable[ProvArticle], options: ProvenanceOptions | None = None
) -> Boilerplate:
    """Count every line's distinct article contexts per outlet and corpus-wide; keep templates."""
    options = options or ProvenanceOptions()
    keys, contexts, groups = array("q"), array("q"), array("q")  # 8 bytes a line, not ~100
    group_ids: dict[str, int] = {}
    for article in articles:
        hashes, long_ = [], []
        for _, _, _, words in _lines(article.text):
            h = key_hash(line_key(words))
            hashes.append(h)
            if len(words) >= CONTEXT_MIN_WORDS:
                long_.append(h)
        if not hashes:
            continue
        own = key_hash("\0" + article.id)  # an article with under two long lines is its own context
        two = [*sorted(set(long_))[:2], own, own]
        gid = group_ids.setdefault(group_of(article), len(group_ids))
        for h in dict.fromkeys(hashes):
            keys.append(h)
            contexts.append(two[1] if h == two[0] else two[0])
            groups.append(gid)
    if not keys:
        return Boilerplate(frozenset(), options)
    k, c, g = (np.frombuffer(x, dtype=np.int64) for x in (keys, contexts, groups))
    templates = _frequent(k, c, options.corpus_min_articles)
    known = g != group_ids.get("", -1)
    templates |= _frequent(k[known], c[known], options.outlet_min_articles, g[known])
    return Boilerplate(frozenset(templates), options)


def _frequent(
    keys: np.ndarray, contexts: np.ndarray, minimum: int, groups: np.ndarray | None = None
) -> set[int]:
    """Keys seen under at least ``minimum`` distinct contexts (within one group, if given)."""
    if keys.size == 0:
        return set()
    if groups is None:
        groups = np.zeros_like(keys)
    order = np.lexsort((contexts, keys, groups))
    g, k, c = groups[order], keys[order], contexts[order]
    owner_starts = np.concatenate(([True], (g[1:] != g[:-1]) | (k[1:] != k[:-1])))
    new_context = owner_starts | np.concatenate(([True], c[1:] != c[:-1]))
    counts = np.bincount(np.cumsum(owner_starts) - 1, weights=new_context)
    return {int(x) for x in k[owner_starts][counts >= minimum]}
