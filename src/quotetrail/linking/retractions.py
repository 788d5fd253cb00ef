"""Retractions and clarifications: statements that take back an earlier utterance.

A statement is a *take-back* when its words or its cue say so (the patterns below are data:
"it was a mistake", "I shouldn't have said it that way", "misspoke", "apologised", "clarified",
"walked back", "called the statement a mistake"). It is then linked to the utterance it takes
back, chosen among the utterances of the same speaker, or of a person whose role names the
speaker's organisation ("NATO" for "NATO's chief of staff"), published up to
``retraction_window_days`` before it. The evidence that decides, strongest first: the utterance
is reported in the same article as the take-back (reports of a retraction recall what was
said); their words overlap; it was reported widely; it is recent. A take-back that no
utterance fits stays unlinked rather than guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from quotetrail.linking.names import fold_name
from quotetrail.linking.options import LinkingOptions
from quotetrail.linking.records import LinkQuote, TakeBack
from quotetrail.linking.similarity import Idf, features, overlap

__all__ = ["SENSES", "link_takebacks", "takeback_sense"]

_WHAT = (
    r"(?:statement|statements|remark|remarks|comment|comments|words|wording|formulation|tweet"
    r"|tweets|answer|claim|phrase|quote)"
)
_SAY = r"(?:said|say|saying|put|phrased?|worded|used|called|suggest(?:ed)?|tweet(?:ed)?|described)"
_OWN = r"(?:my|his|her|their|our|the|those|these|that|this)"
_MISTAKE = r"(?:a\s+|an\s+)?(?:big\s+|serious\s+|clear\s+)?(?:mistake|error)\b"
_APOLOGY_OBJECT = rf"(?:{_SAY}\b|making\b|{_OWN}\s+(?:\w+\s+)?{_WHAT})"
#: (sense, pattern over the content), checked in order; the first that matches names the sense.
#: Each pattern is about *words said*: an apology for an action or a conceded race is not a
#: take-back of a statement. {WHAT}, {SAY} and {OWN} stand for the word classes above.
PATTERN_TABLE: tuple[tuple[str, str], ...] = (
    # "It was a mistake." / "said it was a mistake to say so" (not "a mistake to invade")
    (
        "retraction",
        rf"(?:^|[.!?\"“‘']\s*|\b(?:said|says|that)\s+)(?:it|that|this|{_OWN} {_WHAT})"
        rf"\s+(?:was|were|is)\s+{_MISTAKE}(?!\s+to\s+(?!{_SAY}\b))",
    ),
    # "the statement was a mistake" / "called the statement a mistake" / "described his
    # earlier comments as a mistake"
    ("retraction", rf"\b{_OWN}\s+(?:\w+\s+)?{_WHAT}\s+(?:(?:was|were|is|as)\s+)?{_MISTAKE}"),
    (
        "retraction",
        rf"\b(?:should\s*n[o'’]?t|should\s+not|should\s+never)\s+have\s+"
        rf"(?:{_SAY}|made|written)\b",
    ),
    ("retraction", rf"\b(?:take|took|taking)\s+(?:it|that|those words|{_OWN} {_WHAT})\s+back\b"),
    (
        "retraction",
        rf"\b(?:retract(?:s|ed|ing)?|withdr[ae]w[sn]?|walk(?:s|ed|ing)?\s+back)\s+"
        rf"{_OWN}\s+(?:\w+\s+)?{_WHAT}",
    ),
    (
        "apology",
        rf"\bapologi[sz](?:e|es|ed|ing)\s+for\s+{_APOLOGY_OBJECT}"
        rf"|\bregret(?:s|ted)?\s+{_APOLOGY_OBJECT}",
    ),
    (
        "correction",
        r"\bmisspo(?:ke|ken)\b|\bmisquoted\b|\btaken out of context\b"
        r"|\b(?:I|he|she|we)\s+(?:did\s*n[o'’]?t|did not|never)\s+mean\s+(?:to\s+say|that|it)\b",
    ),
    (
        "clarification",
        rf"\bclarif(?:y|ies|ied|ying)\s+{_OWN}\s+(?:\w+\s+)?{_WHAT}"
        r"|\bwhat (?:I|he|she|we) meant\b|\bmeant to say\b",
    ),
)
CONTENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (sense, re.compile(pattern, re.IGNORECASE)) for sense, pattern in PATTERN_TABLE
)
#: A statement none of whose words is one of these cannot match any pattern: the cheap test
#: that spares the patterns most statements.
_TRIGGER = re.compile(
    r"mistake|error|should|back|retract|withdr|walk|apolog|regret|misspo|misquot|context|mean"
    r"|clarif",
    re.IGNORECASE,
)
#: Cue lemmas that make a statement a take-back when its content is about words said
#: ("apologised for his remarks") or refers back to them ("clarified that ...").
CUE_SENSES: Mapping[str, str] = {
    "apologize": "apology",
    "apologise": "apology",
    "retract": "retraction",
    "backtrack": "retraction",
    "clarify": "clarification",
    "revise": "correction",
    "correct": "correction",
}
_ABOUT_WORDS = re.compile(rf"\b{_WHAT}\b|\b{_SAY}\b", re.IGNORECASE)
_BARE_WORDS = 2
_REPORTED_TAKEBACK = re.compile(r"apologi|regret|misspo|retract|clarif", re.IGNORECASE)
SENSES = ("retraction", "apology", "correction", "clarification")


def takeback_sense(quote: LinkQuote) -> str | None:
    """The kind of take-back a statement is ("retraction", "apology", "correction",
    "clarification"), or None when it is not one."""
    if _TRIGGER.search(quote.content_text):
        for sense, pattern in CONTENT_PATTERNS:
            if pattern.search(quote.content_text):
                return sense
    sense = CUE_SENSES.get((quote.cue_lemma or "").lower())
    return sense if sense and _ABOUT_WORDS.search(quote.content_text) else None


_TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today"}
    | {"yesterday", "week"}
)


def _own_words(quote: LinkQuote) -> frozenset[str]:
    """A take-back's content words less its speaker's name and the day it was said: what is
    left says whether it carries words of its own or only refers back ("it was a mistake")."""
    name = features(quote.speaker_name or "")
    return frozenset(f for f in features(quote.content_text) if f not in name | _TIME_WORDS)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def link_takebacks(
    quotes: Sequence[LinkQuote],
    cluster_of: Mapping[str, str],
    cluster_size: Mapping[str, int],
    options: LinkingOptions | None = None,
    names: Mapping[str, str] | None = None,
    idf: Idf | None = None,
    bags: Sequence[frozenset[str]] | None = None,
) -> list[TakeBack]:
    """One link per take-back that an earlier utterance fits.

    ``cluster_of`` maps a quote id to its utterance cluster (a quote seen once may map to a
    cluster of its own), ``cluster_size`` a cluster to its number of articles, ``names`` a
    speaker key to its name (to find a person whose role names an organisation), ``bags``
    the quotes' content words when already computed.
    """
    options = options or LinkingOptions()
    names = names or {}
    senses = {n: s for n, q in enumerate(quotes) if (s := takeback_sense(q))}
    if not senses:
        return []
    # only the speakers and articles of take-backs are indexed; each speaker's quotes sorted by
    # date, so a take-back reads the window before it, not all a prolific speaker ever said
    wanted = {quotes[n].speaker for n in senses} - {None}
    their_articles = {quotes[n].article_id for n in senses}
    by_speaker: dict[str, list[tuple[int, int]]] = defaultdict(list)
    undated: dict[str, list[int]] = defaultdict(list)
    by_article: dict[str, list[int]] = defaultdict(list)
    for n, q in enumerate(quotes):
        if q.speaker in wanted and n not in senses:
            d = _day(q.published)
            if d is None:
                undated[q.speaker].append(n)
            else:
                by_speaker[q.speaker].append((d.toordinal(), n))
        if q.article_id in their_articles:
            by_article[q.article_id].append(n)
    for dated in by_speaker.values():
        dated.sort()
    own = {n: _own_words(quotes[n]) for n in senses}
    if bags is None:
        bags = [features(q.content_text) for q in quotes]
    idf = idf or Idf(bags)
    out = []
    for n, sense in senses.items():
        r = quotes[n]
        if r.speaker is None:
            continue
        org = fold_name(names.get(r.speaker, "")) if r.speaker_kind != "person" else ""
        pool = set(undated.get(r.speaker, ()))
        dated = by_speaker.get(r.speaker, [])
        day = _day(r.published)
        if day is None:
            pool.update(m for _, m in dated)
        else:
            lo = bisect_left(dated, (day.toordinal() - options.retraction_window_days, -1))
            hi = bisect_right(dated, (day.toordinal(), len(quotes)))
            pool.update(m for _, m in dated[lo:hi])
        if org:  # the organisation takes back what one of its people said
            pool.update(
                m
                for m in by_article[r.article_id]
                if m not in senses
                and quotes[m].speaker is not None
                and re.search(rf"\b{re.escape(org)}\b", fold_name(quotes[m].speaker_role or ""))
            )
        # a target in another article must share words with the take-back: the others are
        # skipped before scoring, however many quotes the speaker has in the window
        bag = own[n]
        pool = {m for m in pool if quotes[m].article_id == r.article_id or bag & bags[m]}
        best = _best(r, bag, sorted(pool), quotes, bags, cluster_of, cluster_size, idf, options)
        if best is not None:
            score, m, evidence = best
            out.append(TakeBack(r.quote_id, cluster_of[quotes[m].quote_id], sense, score, evidence))
    return out


def _best(r, bag, pool, quotes, bags, cluster_of, cluster_size, idf, options):
    day = _day(r.published)
    bare = len(bag) <= _BARE_WORDS  # "it was a mistake": the target is what the article recalls
    found = None
    for m in pool:
        q = quotes[m]
        cluster = cluster_of.get(q.quote_id)
        if cluster is None or q.quote_id == r.quote_id or cluster == cluster_of.get(r.quote_id):
            continue
        qday = _day(q.published)
        apart = (day - qday).days if day and qday else None
        if apart is not None and not 0 <= apart <= options.retraction_window_days:
            continue
        same_article = q.article_id == r.article_id
        words, _ = overlap(bag, bags[m], idf)
        if words < (0.0 if same_article and bare else 0.35 if same_article else 0.4):
            continue  # a take-back with content of its own must share words with its target
        if _REPORTED_TAKEBACK.search(q.content_text):
            continue  # "a statement apologizing to ...": a report of a take-back, not its target
        if words >= 0.9 and len(bag) > 3:
            continue  # the same words again: a repeat or a correction of someone else
        size = cluster_size.get(cluster, 1)
        score = 2.0 * same_article + words + min(size, 10) / 10 - (apart or 0) / 30
        if found is None or score > found[0]:
            evidence = {
                "same_article": same_article,
                "word_overlap": round(words, 3),
                "articles": size,
                "days_before": apart,
            }
            found = (round(score, 3), m, evidence)
    return found
