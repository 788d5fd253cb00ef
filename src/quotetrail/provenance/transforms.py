"""The rewriting transformations of the provenance benchmark, documented and seeded.

Copy sites and content farms turn one outlet's story into "their" article with a few cheap
moves; the benchmark (``quotetrail.eval.provenance``) applies the same moves to real
articles so each made-up copy has a known source:

* ``substitute``: swap words for synonyms from ``synonyms.SYNONYMS`` (a built-in table of
  283 news words, about 15% of the words of PolNeAR) at a rate, keeping capitalisation;
* ``drop_modifiers``: delete optional adverbs ("also", "very", "just", ...) at a rate;
* ``reorder``: swap neighbouring sentences within paragraphs at a rate, and optionally
  shuffle the paragraphs after the first;
* ``drop_paragraphs``: remove a share of the paragraphs after the first;
* ``add_summary``: append an "In conclusion, ..." paragraph paraphrasing the opening;
* ``with_footer``: append a footer ("Source link", a newsletter blurb, a share bar).

``RECIPES`` combines them into exact copies, copies with a changed footer, light rewrites and
heavy rewrites; the parameters are there to read.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from quotetrail.provenance.sentences import split_sentences
from quotetrail.provenance.synonyms import SYNONYMS

MODIFIERS = frozenset(
    ["also", "very", "just", "really", "still", "even", "already", "actually", "quite", "simply"]
)
SUMMARY_OPENERS = ("In conclusion,", "In summary,", "Overall,", "To sum up,", "All in all,")
FOOTERS = (
    "Source link",
    "Sign up for our newsletter to get the latest political news delivered to your inbox "
    "every morning. We respect your privacy and you can unsubscribe at any time.",
    "Share this:\nFacebook\nTwitter\nEmail",
    "Follow us on Twitter and Facebook for more updates.",
    "This article originally appeared on a partner site and is republished here.",
    "Read more: the full story and related coverage on our website.",
)
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    return [paragraph[a:b] for a, b in split_sentences(paragraph, 0, len(paragraph))]


def _recase(word: str, new: str) -> str:
    if word.isupper() and len(word) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if word[:1].isupper() else new


def substitute(text: str, rng: random.Random, rate: float) -> str:
    """Replace table words by a synonym with probability ``rate``."""

    def swap(m: re.Match[str]) -> str:
        w = m.group()
        options = SYNONYMS.get(w.lower())
        if not options or rng.random() >= rate:
            return w
        return _recase(w, rng.choice(options))

    return _WORD.sub(swap, text)


def drop_modifiers(text: str, rng: random.Random, rate: float) -> str:
    """Delete optional adverbs (``MODIFIERS``) with probability ``rate``."""
    pattern = re.compile(r"\b(" + "|".join(MODIFIERS) + r") ", re.IGNORECASE)
    return pattern.sub(lambda m: "" if rng.random() < rate else m.group(), text)


def reorder(text: str, rng: random.Random, swap_rate: float, shuffle_paragraphs: bool) -> str:
    """Swap neighbouring sentences inside paragraphs; optionally shuffle paragraphs 2..n."""
    out = []
    for para in paragraphs(text):
        sents = sentences(para)
        i = 0
        while i + 1 < len(sents):
            if rng.random() < swap_rate:
                sents[i], sents[i + 1] = sents[i + 1], sents[i]
                i += 2
            else:
                i += 1
        out.append(" ".join(sents))
    if shuffle_paragraphs and len(out) > 2:
        rest = out[1:]
        rng.shuffle(rest)
        out = [out[0], *rest]
    return "\n\n".join(out)


def drop_paragraphs(text: str, rng: random.Random, share: float) -> str:
    """Remove about ``share`` of the paragraphs after the first."""
    paras = paragraphs(text)
    kept = paras[:1] + [p for p in paras[1:] if rng.random() >= share]
    return "\n\n".join(kept)


def add_summary(text: str, rng: random.Random) -> str:
    """Append "In conclusion, ..." restating the first two sentences with synonyms."""
    opening = sentences(paragraphs(text)[0])[:2] if text.strip() else []
    if not opening:
        return text
    body = substitute(" ".join(opening), rng, 0.9)
    body = body[:1].lower() + body[1:]
    return f"{text}\n\n{rng.choice(SUMMARY_OPENERS)} {body}"


def with_footer(text: str, footer: str) -> str:
    return f"{text.rstrip()}\n\n{footer}"


@dataclass(frozen=True)
class Recipe:
    """One kind of derived article; ``label`` is what a detector should call (source, copy)."""

    name: str
    label: str  # "duplicate" | "rewrite"
    synonym_rate: float = 0.0
    modifier_rate: float = 0.0
    swap_rate: float = 0.0
    shuffle_paragraphs: bool = False
    drop_share: float = 0.0
    summary: float = 0.0  # probability of an added summary paragraph
    footer: bool = False

    def apply(self, text: str, rng: random.Random) -> str:
        if self.drop_share:
            text = drop_paragraphs(text, rng, self.drop_share)
        if self.swap_rate or self.shuffle_paragraphs:
            text = reorder(text, rng, self.swap_rate, self.shuffle_paragraphs)
        if self.modifier_rate:
            text = drop_modifiers(text, rng, self.modifier_rate)
        if self.synonym_rate:
            text = substitute(text, rng, self.synonym_rate)
        if rng.random() < self.summary:
            text = add_summary(text, rng)
        if self.footer:
            text = with_footer(text, rng.choice(FOOTERS))
        return text


RECIPES: dict[str, Recipe] = {
    "exact": Recipe("exact", "duplicate"),
    "footer": Recipe("footer", "duplicate", footer=True),
    "light": Recipe(
        "light",
        "rewrite",
        synonym_rate=0.3,
        modifier_rate=0.3,
        swap_rate=0.2,
        summary=0.5,
        footer=True,
    ),
    "heavy": Recipe(
        "heavy",
        "rewrite",
        synonym_rate=0.9,
        modifier_rate=0.9,
        swap_rate=0.6,
        shuffle_paragraphs=True,
        drop_share=0.3,
        summary=1.0,
        footer=True,
    ),
}
