"""Provenance benchmark: real articles, made-up copies with known sources, scored pairs.

``build_benchmark`` reads the PolNeAR texts (train and dev only, with publisher and date) and
the English bodies of the html-articles set, then, with a seeded RNG:

* picks family sources and derives 1-3 copies of each with ``transforms.RECIPES`` (exact copy,
  copy with a changed footer, light rewrite, heavy rewrite), published on copy sites whose
  template (a header line, two footer lines) recurs on every article of the site;
* dates copies 1-5 days after their source, except in about 30% of families where the first
  copy has the source's date (tied) or no date (missing): there the answer is "undetermined";
* gives pairs of unrelated originals one long footer (an author bio no pattern knows): a
  template only two articles share, which must not pair them;
* appends a direct quote of one original (PolNeAR gold, fully quoted, 12+ words) to an
  unrelated original: those pairs should come out as "shares_quotes";
* keeps every other original as it is: PolNeAR articles about the same candidate in the same
  month are the same-topic unrelated pairs.

Gold direct quotes of the originals are passed to ``analyse`` as the extractor's quotes would
be. A predicted "shares_quotes" pair of two originals counts as right when their PolNeAR gold
contents share eight consecutive words. ``KNOWN_RELATED`` lists pairs of originals that
really are related (an outlet's print and web versions of one story, AP "The Latest" blogs
sharing items), found with a deliberately loose run and checked by reading; they are not
scored and are never used as family sources.
"""

from __future__ import annotations

import csv
import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from quotetrail.eval.brat import read_ann
from quotetrail.provenance import ProvArticle, ProvenanceOptions, ProvQuote, analyse
from quotetrail.provenance.normalise import fast_words
from quotetrail.provenance.patterns import STOPWORDS
from quotetrail.provenance.records import RELATED
from quotetrail.provenance.transforms import RECIPES, with_footer

KINDS = ("exact", "footer", "light", "heavy")
COPY_SITES = 8
_PAIRS = (
    ("wash-post_2015-12-12_misinformation-enters-mainstream",
     "wash-post_2015-12-13_misinformation-enters-mainstream"),
    ("wash-post_2015-12-22_as-spotlight-shines-on-trump-and",
     "wash-post_2015-12-23_as-spotlight-shines-on-trump-and"),
    ("nyt_2016-03-04_republicans-have-stake-in-a-deal",
     "nyt_2016-03-05_polls-suggest-possibility-of-dea"),
    ("nyt_2015-11-25_golf-courses-forced-to-reach-int",
     "nyt_2015-11-26_with-fewer-golfers-in-u-s-course"),
    ("nyt_2016-03-15_sanders-advances-agenda-via-side",
     "nyt_2016-03-16_via-legislative-side-doors-sande"),
    ("usa-today_2016-04-06_sanders-says-he-s-riding-momentu",
     "usa-today_2016-04-06_sanders-winning-streak-continues"),
    ("breitbart_2016-03-15_the-latest-kasich-scores-all-del",
     "breitbart_2016-03-15_the-latest-sanders-declares-revo"),
    ("huff-post_2015-11-11_a-meaningful-exchange-actually-h",
     "huff-post_2015-11-11_watch-the-best-moments-from-the-"),
)  # fmt: skip
KNOWN_RELATED: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in _PAIRS)
BIO = (
    "{name} is a contributing writer who covers {beat} for several regional publications. "
    "Before turning to journalism, {first} spent a decade working in {field} and teaching "
    "evening classes at a community college. {first} lives with family and two dogs in "
    "{town}, where weekends are spent restoring old furniture and hiking the nearby trails. "
    "Opinions expressed are {first}'s own and do not necessarily reflect those of the editors."
)


@dataclass(frozen=True)
class GoldPair:
    label: str  # duplicate | rewrite | shares_quotes
    kind: str  # exact | footer | light | heavy | sibling | shares_quotes
    source: str | None  # the id that should be named source; None: "undetermined"


@dataclass
class Benchmark:
    articles: list[ProvArticle]
    quotes: list[ProvQuote]
    gold: dict[frozenset[str], GoldPair]
    template_pairs: list[frozenset[str]]  # share only a template: must never be related
    same_topic: list[frozenset[str]]  # unrelated originals: same candidate, same month
    contents: dict[str, list[str]] = field(default_factory=dict)  # gold contents per original


@dataclass(frozen=True)
class _Original:
    article: ProvArticle
    topic: tuple[str, str] | None
    contents: list[tuple[str, int, int]]  # gold attribution contents


def _english(text: str) -> bool:
    words = text.lower().split()
    return len(words) >= 150 and sum(w in STOPWORDS for w in words) / len(words) >= 0.3


def load_originals(polnear: Path, html: Path | None) -> list[_Original]:
    """PolNeAR train and dev articles (never test) and the English html-articles bodies.

    ``polnear`` may also be a plain folder of ``.txt`` files: then there are no dates (the
    benchmark draws them), outlets, gold quotes or topics.
    """
    out = []
    if not (polnear / "metadata.tsv").exists():
        for path in sorted(polnear.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            out.append(_Original(ProvArticle(path.stem, text), None, []))
        rows = []
    else:
        with (polnear / "metadata.tsv").open(encoding="utf-8") as meta:
            rows = list(csv.DictReader(meta, delimiter="\t"))
    for row in rows:
        if row["compartment"] not in ("train", "dev"):
            continue
        split, name = polnear / row["compartment"], row["filename"]
        text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        anns = sorted((split / "attributions").glob(f"{name}_*.ann"))
        contents = [
            (g.content.text, g.content.start, g.content.end)
            for g in (read_ann(anns[0]) if anns else [])
        ]
        who = "trump" if int(row["trump_count"]) >= int(row["clinton_count"]) else "clinton"
        article = ProvArticle(name, text, row["publication_date"], row["publisher"])
        out.append(_Original(article, (who, row["publication_date"][:7]), contents))
    if html is not None:
        truth = json.loads((html / "ground-truth.json").read_text(encoding="utf-8"))
        for key, page in sorted(truth.items()):
            if _english(page["articleBody"]):
                article = ProvArticle(f"html-{key[:12]}", page["articleBody"], url=page["url"])
                out.append(_Original(article, None, []))
    return out


def _direct(text: str) -> bool:
    t = text.strip()
    return len(t.split()) >= 12 and t[:1] in '"“' and t.rstrip(".,")[-1:] in '"”'


@dataclass(frozen=True)
class _Site:
    index: int
    name: str

    def dress(self, text: str, rng: random.Random) -> str:
        header = f"Posted by admin on {self.name} | {rng.randint(1, 28)} March 2016"
        footer = (
            f"{self.name} brings you the stories that matter from around the web, curated "
            "daily by our editors.\nAll rights reserved. Reproduction without permission is "
            "prohibited."
        )
        return f"{header}\n\n{text.strip()}\n\n{footer}"


def build_benchmark(
    polnear: Path, html: Path | None, seed: int = 13, families: int = 300
) -> Benchmark:
    """The labelled corpus described in the module docstring."""
    rng = random.Random(seed)
    originals = load_originals(polnear, html)
    excluded = {i for pair in KNOWN_RELATED for i in pair}
    base = date(2016, 1, 1)
    arts = {
        o.article.id: o.article
        if o.article.published
        else replace(o.article, published=str(base + timedelta(rng.randrange(900))))
        for o in originals
    }
    pool = [o.article.id for o in originals if o.article.id not in excluded]
    pool = [i for i in pool if len(arts[i].text.split()) >= 150]
    rng.shuffle(pool)
    gold: dict[frozenset[str], GoldPair] = {}
    sites = [_Site(k, f"copysite{k}.example") for k in range(COPY_SITES)]
    for n, sid in enumerate(pool[:families]):
        _family(arts[sid], n, sites, arts, gold, rng)
    rest = pool[families:]
    third = min(120, len(rest) // 3)
    template_pairs = _share_footers(rest[: min(80, third)], arts, rng)
    contents = {o.article.id: o.contents for o in originals}
    inserted = _share_quotes(rest[third : 2 * third], arts, contents, gold, rng)
    for site in sites:  # each copy site also publishes a few articles of its own
        for own in rest[2 * third :][site.index :: COPY_SITES][:4]:
            arts[own] = replace(arts[own], text=site.dress(arts[own].text, rng), outlet=site.name)
    quotes = _gold_quotes(arts, contents) + inserted
    topic = {o.article.id: o.topic for o in originals if o.topic}
    used = {i for pair in gold for i in pair} | excluded
    groups = defaultdict(list)
    for aid, key in topic.items():
        if aid not in used:
            groups[key].append(aid)
    same_topic = [
        frozenset(p) for ids in groups.values() for k, a in enumerate(ids) for p in
        ((a, b) for b in ids[k + 1 :])
    ]  # fmt: skip
    words = {k: [" ".join(fast_words(t)) for t, _, _ in v] for k, v in contents.items() if v}
    return Benchmark(list(arts.values()), quotes, gold, template_pairs, same_topic, words)


def _family(source: ProvArticle, n: int, sites, arts, gold, rng: random.Random) -> None:
    """1-3 copies of ``source`` by different recipes, with their gold pairs."""
    kinds = rng.sample(KINDS, rng.choice((1, 2, 2, 3)))
    timing = rng.choices(("dated", "tied", "missing"), (0.7, 0.15, 0.15))[0]
    copies = []
    for m, kind in enumerate(kinds):
        site = sites[(n + m) % COPY_SITES]
        text = site.dress(RECIPES[kind].apply(source.text, rng), rng)
        day = date.fromisoformat(source.published or "") + timedelta(rng.randint(1, 5))
        published: str | None = str(day)
        if m == 0 and timing != "dated":
            published = source.published if timing == "tied" else None
        cid = f"{source.id}~{kind}"
        arts[cid] = ProvArticle(cid, text, published, site.name, f"https://{site.name}/{cid}")
        decided = published not in (None, source.published)
        label = RECIPES[kind].label
        gold[frozenset((source.id, cid))] = GoldPair(label, kind, source.id if decided else None)
        copies.append((cid, kind))
    for k, (a, ka) in enumerate(copies):
        for b, kb in copies[k + 1 :]:
            label = "duplicate" if {ka, kb} <= {"exact", "footer"} else "rewrite"
            gold[frozenset((a, b))] = GoldPair(label, "sibling", None)


def _share_footers(pool: list[str], arts, rng: random.Random) -> list[frozenset[str]]:
    """Pairs of unrelated originals given one long footer (a bio) that only they carry."""
    names = ("Alex Morgan", "Jamie Rivera", "Casey Brooks", "Robin Patel", "Taylor Nguyen")
    pairs = []
    for k in range(0, len(pool) - 1, 2):
        name = f"{rng.choice(names)} {k}"
        bio = BIO.format(
            name=name,
            first=name.split()[0],
            beat=rng.choice(("politics", "trade", "the courts")),
            field=rng.choice(("insurance", "logistics", "nursing")),
            town=f"Springfield {k}",
        )
        for aid in pool[k : k + 2]:
            arts[aid] = replace(arts[aid], text=with_footer(arts[aid].text, bio))
        pairs.append(frozenset(pool[k : k + 2]))
    return pairs


def _share_quotes(pool, arts, contents, gold, rng: random.Random) -> list[ProvQuote]:
    """Append one original's direct quote to an unrelated original; return the new quotes."""
    direct = {a: [t for t, _, _ in contents.get(a, ()) if _direct(t) and t in arts[a].text]
              for a in pool}  # fmt: skip
    givers = [a for a in pool if direct[a]]
    takers = [a for a in pool if a not in givers]
    quotes = []
    for giver, taker in list(zip(givers, takers, strict=False))[:40]:
        quote = rng.choice(direct[giver]).strip()
        text = arts[taker].text.rstrip() + "\n\nAs was said earlier this year, "
        start = len(text)
        arts[taker] = replace(arts[taker], text=f"{text}{quote}")
        quotes.append(ProvQuote(taker, "inserted", quote, None, start, start + len(quote)))
        gold[frozenset((giver, taker))] = GoldPair("shares_quotes", "shares_quotes", None)
    return quotes


def _gold_quotes(arts: dict[str, ProvArticle], contents) -> list[ProvQuote]:
    """PolNeAR's direct quotes where they stand in each (possibly dressed) original."""
    out = []
    for aid, items in contents.items():
        text = arts[aid].text
        for n, (quote, _, _) in enumerate(items):
            at = text.find(quote)
            if _direct(quote) and at >= 0:
                out.append(ProvQuote(aid, f"gold{n}", quote, None, at, at + len(quote)))
    return out


def _natural_quote(key: frozenset[str], bench: Benchmark) -> bool:
    """Do two originals' gold attribution contents share eight consecutive words?"""
    a, b = sorted(key)
    grams = [
        {" ".join(w[i : i + 8]) for c in bench.contents.get(x, ()) for w in [c.split()]
         for i in range(len(w) - 7)}
        for x in (a, b)
    ]  # fmt: skip
    return bool(grams[0] & grams[1])


def evaluate_provenance(bench: Benchmark, options: ProvenanceOptions | None = None) -> dict:
    """Pair precision/recall per label and kind, direction accuracy, template and topic checks."""
    result = analyse(bench.articles, bench.quotes, options=options)
    predicted = {frozenset((p.source_id, p.copy_id)): p for p in result.pairs}
    by_label: dict[str, Counter] = defaultdict(Counter)
    for key, pair in predicted.items():
        if key in KNOWN_RELATED:
            continue
        g = bench.gold.get(key)
        ok = (
            g.label == pair.label
            if g
            else pair.label == "shares_quotes" and _natural_quote(key, bench)
        )
        by_label[pair.label]["tp" if ok else "fp"] += 1
    kinds: dict[str, Counter] = defaultdict(Counter)
    direction: Counter = Counter()
    for key, g in bench.gold.items():
        pair = predicted.get(key)
        kinds[g.kind]["gold"] += 1
        kinds[g.kind]["found"] += bool(pair and pair.label == g.label)
        if pair and g.kind != "sibling" and g.label in RELATED and pair.label in RELATED:
            want = ("dated", g.source) if g.source else ("undetermined", None)
            got = (pair.direction, pair.source_id if pair.direction == "dated" else None)
            direction["dated" if g.source else "undetermined"] += 1
            direction["correct_dated" if g.source else "correct_undetermined"] += want == got
    related = {k for k, p in predicted.items() if p.label in RELATED}
    mixed = sum(1 for s in result.stories if _wrong_members(s.members, bench))
    return {
        "articles": len(bench.articles),
        "quotes": len(bench.quotes),
        "labels": {k: dict(v) for k, v in by_label.items()},
        "kinds": {k: dict(v) for k, v in kinds.items()},
        "direction": dict(direction),
        "template_pairs": len(bench.template_pairs),
        "template_pairs_related": sum(1 for k in bench.template_pairs if k in related),
        "same_site_related": sum(
            1 for k in related if k not in bench.gold and all("~" in x for x in k)
        ),
        "same_topic_pairs": len(bench.same_topic),
        "same_topic_related": sum(1 for k in bench.same_topic if k in related),
        "stories": len(result.stories),
        "stories_with_unrelated_members": mixed,
        "known_related_found": sum(1 for k in KNOWN_RELATED if k in related),
        "stats": result.stats,
    }


def _wrong_members(members: tuple[str, ...], bench: Benchmark) -> bool:
    """Does a story hold two articles that are neither gold-related nor known to be?"""
    return any(
        frozenset((a, b)) not in bench.gold and frozenset((a, b)) not in KNOWN_RELATED
        for k, a in enumerate(members)
        for b in members[k + 1 :]
        if a.split("~")[0] != b.split("~")[0]
    )


def format_report(s: dict) -> str:
    """The scores as the lines RESULTS.md quotes."""
    out = [f"articles: {s['articles']}, quotes given: {s['quotes']}", "precision by label:"]
    for label, c in sorted(s["labels"].items()):
        n = c.get("tp", 0) + c.get("fp", 0)
        out.append(f"  {label:14} {c.get('tp', 0) / n if n else 0:.3f}  ({c.get('tp', 0)}/{n})")
    out.append("recall by gold kind (pair found with the right label):")
    for kind in (*KINDS, "sibling", "shares_quotes"):
        c = s["kinds"].get(kind, {})
        if c.get("gold"):
            out.append(f"  {kind:14} {c['found'] / c['gold']:.3f}  ({c['found']}/{c['gold']})")
    d = s["direction"]
    for k in ("dated", "undetermined"):
        if d.get(k):
            good = d[f"correct_{k}"]
            out.append(f"direction {k:13} {good / d[k]:.3f}  ({good}/{d[k]})")
    out += [
        f"template-only pairs reported related: {s['template_pairs_related']} of "
        f"{s['template_pairs']}; copy-site pairs of different families: {s['same_site_related']}",
        f"same-topic unrelated pairs reported related: {s['same_topic_related']} of "
        f"{s['same_topic_pairs']}",
        f"stories: {s['stories']}, with unrelated members: "
        f"{s['stories_with_unrelated_members']}; known related originals found: "
        f"{s['known_related_found']} of {len(KNOWN_RELATED)}",
        "seconds: "
        + ", ".join(f"{k[8:]} {v}" for k, v in s["stats"].items() if k.startswith("seconds")),
    ]
    return "\n".join(out)
