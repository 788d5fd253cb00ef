"""Alignment of a candidate pair: matched sentences, merged into passages, and containment.

Sentences, not shingles, are the unit, because rewrites move sentences and swap words but
rarely cut across them. Two sentences match when their word-trigram Dice (exact wording) or
content-word Dice (wording with synonyms swapped) is high enough; matching is greedy one to
one by score, so a summary paragraph that paraphrases the article ("In conclusion, ...") loses
to the sentence it paraphrases and stays unmatched. Matched sentences adjacent in both texts
merge into one passage. Containment is the share of an article's content words that lie in
its matched sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from quotetrail.provenance.normalise import tokens
from quotetrail.provenance.options import ProvenanceOptions
from quotetrail.provenance.patterns import STOPWORDS
from quotetrail.provenance.records import Passage
from quotetrail.provenance.sentences import quoted_regions, split_sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    words: tuple[str, ...]
    trigrams: frozenset[int]
    quoted: frozenset[int]  # trigrams whose three words are all quoted speech
    content: frozenset[str]


@dataclass(frozen=True, slots=True)
class View:
    """One article prepared for alignment (content lines only)."""

    sentences: tuple[Sentence, ...]
    total_words: int
    by_trigram: dict[int, list[int]]
    by_word: dict[str, list[int]]


@dataclass(frozen=True, slots=True)
class Alignment:
    passages: tuple[Passage, ...]  # "source" = first article given, "copy" = second
    containment: tuple[float, float]  # (first in second, second in first)
    matches: int
    verbatim_share: float
    quoted_share: float  # of aligned words, the share in quoted-speech matches
    edge_only: bool  # everything matched closes (or opens) both texts, after half unmatched


def prepare(
    text: str, lines: Sequence[tuple[int, int, object]], quote_spans: Sequence[tuple[int, int]] = ()
) -> View:
    """Split content lines into sentences with their words, trigrams and quoted trigrams.

    ``lines`` are (start, end, ...) spans of the content lines (``Boilerplate.content``);
    ``quote_spans`` are extra quoted regions (quote contents found by the extractor).
    """
    sentences = []
    for start, end, *_ in lines:
        regions = quoted_regions(text, start, end)
        regions += [q for q in quote_spans if q[0] < end and q[1] > start]
        words = [(w, a + start, b + start) for w, a, b in tokens(text[start:end])]
        wi = 0
        for s_start, s_end in split_sentences(text, start, end):
            sent = []
            while wi < len(words) and words[wi][1] < s_end:
                if words[wi][1] >= s_start:
                    sent.append(words[wi])
                wi += 1
            sentence = _sentence(s_start, s_end, sent, regions) if sent else None
            if sentence and sentence.content:  # "He said." carries nothing to compare
                sentences.append(sentence)
    by_tri: dict[int, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        for t in s.trigrams:
            by_tri[t].append(i)
        for w in s.content:
            by_word[w].append(i)
    total = sum(len(s.words) for s in sentences)
    return View(tuple(sentences), total, dict(by_tri), dict(by_word))


def _sentence(start: int, end: int, words: list, regions: list[tuple[int, int]]) -> Sentence:
    local = [r for r in regions if r[0] < end and r[1] > start]
    toks = tuple(w for w, _, _ in words)
    if local:
        flags = [any(a <= s < b for a, b in local) for _, s, _ in words]
    tris, quoted = set(), set()
    for i in range(max(1, len(toks) - 2)):
        t = hash(toks[i : i + 3])
        tris.add(t)
        if local and all(flags[i : i + 3]):
            quoted.add(t)
    content = frozenset(
        w.removesuffix("'s") for w in toks if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    )
    return Sentence(start, end, toks, frozenset(tris), frozenset(quoted), content)


def align(a: View, b: View, options: ProvenanceOptions) -> Alignment:
    """Match sentences of ``a`` and ``b`` one to one and merge neighbours into passages."""
    scored = []
    short = options.min_sentence_words
    common = max(3, len(b.sentences) // 4)  # words in more sentences than this find no pairs
    for i, sa in enumerate(a.sentences):
        found: set[int] = set()
        for t in sa.trigrams:
            found.update(b.by_trigram.get(t, ()))
        for w in sa.content:
            posting = b.by_word.get(w, ())
            if len(posting) <= common:
                found.update(posting)
        for j in found:
            sb = b.sentences[j]
            if len(sa.words) < short or len(sb.words) < short:
                if sa.words == sb.words:
                    scored.append((1.0, 1.0, i, j))
                continue
            tri = 2 * len(sa.trigrams & sb.trigrams) / (len(sa.trigrams) + len(sb.trigrams))
            shared_w = len(sa.content & sb.content)
            word = 2 * shared_w / (len(sa.content) + len(sb.content))
            if tri >= options.sentence_trigram_dice or (
                word >= options.sentence_word_dice and shared_w >= 4
            ):
                scored.append((max(tri, word), tri, i, j))
    scored.sort(reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for _, _, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return _summarise(a, b, sorted(pairs), options)


def _summarise(a: View, b: View, pairs: list[tuple[int, int]], options) -> Alignment:
    if not pairs:
        return Alignment((), (0.0, 0.0), 0, 0.0, 0.0, False)
    verb, quoted, aligned = 0, 0, 0
    runs: list[list[tuple[int, int, bool, bool]]] = []
    for i, j in pairs:
        sa, sb = a.sentences[i], b.sentences[j]
        shared = sa.trigrams & sb.trigrams
        in_quotes = len(shared & sa.quoted & sb.quoted)
        is_quoted = bool(shared) and in_quotes >= options.quoted_share * len(shared)
        is_verbatim = sa.words == sb.words
        n = len(sa.words)
        aligned += n
        verb += n if is_verbatim else 0
        quoted += n if is_quoted else 0
        if runs and runs[-1][-1][0] == i - 1 and runs[-1][-1][1] == j - 1:
            runs[-1].append((i, j, is_verbatim, is_quoted))
        else:
            runs.append([(i, j, is_verbatim, is_quoted)])
    passages = tuple(
        Passage(
            (a.sentences[r[0][0]].start, a.sentences[r[-1][0]].end),
            (b.sentences[r[0][1]].start, b.sentences[r[-1][1]].end),
            verbatim=all(x[2] for x in r),
            quoted=all(x[3] for x in r),
        )
        for r in runs
    )
    cov_a = sum(len(a.sentences[i].words) for i, _ in pairs) / max(1, a.total_words)
    cov_b = sum(len(b.sentences[j].words) for _, j in pairs) / max(1, b.total_words)
    side = _edge(a, [i for i, _ in pairs])
    edge = side is not None and side == _edge(b, [j for _, j in pairs])
    return Alignment(passages, (cov_a, cov_b), len(pairs), verb / aligned, quoted / aligned, edge)


def _edge(view: View, matched: list[int]) -> str | None:
    """The shape of a shared footer ("tail") or header ("head"), or None.

    "tail": at least half of the words come before the first matched sentence (so none of
    them matched); "head": at least half come after the last one.
    """
    lengths = [len(s.words) for s in view.sentences]
    half = view.total_words / 2
    if sum(lengths[: min(matched)]) >= half:
        return "tail"
    if sum(lengths[max(matched) + 1 :]) >= half:
        return "head"
    return None
