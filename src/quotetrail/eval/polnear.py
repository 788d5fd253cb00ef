"""Score predicted quotes against PolNeAR gold attributions.

Quotes are matched to gold Content spans by how much of the gold span a prediction covers
(recall-oriented, so a prediction that keeps or drops the quote marks still matches), greedily
one to one. Speaker and cue are judged on the quotes matched at the lenient threshold, and every
quote-level number is also broken down by gold quote kind and by the surface form of the gold
source, since those are where extraction and speaker resolution fail differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from quotetrail.eval.brat import GoldAttribution, GoldSpan, has_canonical_names, load_split
from quotetrail.records import CueSpan, Quote, Span

THRESHOLDS = (0.3, 0.8)
ACCURACY_THRESHOLD = 0.3
KINDS = ("direct", "mixed", "indirect")
SPEAKER_FORMS = ("name", "pronoun", "role_noun", "none")
ROLES = ("source", "cue", "content")
#: Bands of Quote.confidence (lower bounds), for the precision each band earns: a calibrated
#: confidence puts each band's precision near its midpoint (the reliability table).
CONFIDENCE_BANDS = (
    (0.8, "0.8-1.0"),
    (0.6, "0.6-0.8"),
    (0.4, "0.4-0.6"),
    (0.2, "0.2-0.4"),
    (0.0, "0.0-0.2"),
)
BAND_MIDPOINTS = {label: round(low + 0.1, 1) for low, label in CONFIDENCE_BANDS}
UNSCORED = "unscored"

QUOTE_MARKS = "\"'`“”‘’«»„"
DOUBLE_MARKS = ('"', "“", "”", "''", "``", "«", "»", "„")
TRAILING_PUNCT = ".,;:!?…"
TRAILING_STRIP = QUOTE_MARKS + TRAILING_PUNCT


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


PRONOUNS = _words(
    "he she they it we i you him her hers them us his their theirs its our ours my mine your "
    "yours this that these those who whom whose which one someone somebody everyone everybody "
    "anyone anybody nobody some many others both all few several most none each either neither "
    "himself herself itself themselves myself ourselves yourself"
)
# Capitalised only because they open a sentence; they do not make a phrase a name.
DETERMINERS = _words(
    "the a an this that these those his her their its our my your some many several other "
    "others one both all each every most few no such another any former"
)
# A name after these is a modifier ("a spokesman for Clinton"), not the phrase's head.
HEAD_BREAKS = _words(
    "for of at with from in on to by across among about around inside within near including "
    "who whose that which"
)

Chars = set[int]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None and r is None:
        return None
    p, r = p or 0.0, r or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    p, r = _ratio(tp_pred, n_pred), _ratio(tp_gold, n_gold)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def gold_kind(text: str) -> str:
    """direct if the content is wholly quoted, mixed if it holds a double quote, else indirect."""
    t = text.strip()
    body = t.rstrip(TRAILING_PUNCT)
    if len(body) > 1 and body[0] in QUOTE_MARKS and body[-1] in QUOTE_MARKS:
        return "direct"
    return "mixed" if any(m in t for m in DOUBLE_MARKS) else "indirect"


def speaker_form(text: str | None) -> str:
    """Surface form of a source phrase: name, pronoun, role_noun or none.

    A phrase is a name when a token before its first preposition/relative word starts with a
    capital, ignoring a capitalised leading determiner ("The New York Post" is a name, "His
    campaign" and "a spokesman for Clinton" are role nouns).
    """
    if text is None or not text.strip():
        return "none"
    t = text.strip()
    if t.lower() in PRONOUNS:
        return "pronoun"
    tokens = [tok.strip(QUOTE_MARKS + TRAILING_PUNCT + "()") for tok in t.split()]
    tokens = [tok for tok in tokens if tok]
    if tokens and tokens[0].lower() in DETERMINERS:
        tokens = tokens[1:]
    for tok in tokens:
        if tok.lower() in HEAD_BREAKS:
            break
        if tok[0].isupper():
            return "name"
    return "role_noun"


def _pred_chars(span: Span | CueSpan | None) -> Chars:
    return set() if span is None else set(range(span.start, span.end))


def _gold_chars(span: GoldSpan | None) -> Chars:
    return set() if span is None else span.chars()


def match(gold: Sequence[Chars], pred: Sequence[Chars], threshold: float) -> dict[int, int]:
    """Greedy one-to-one gold->pred matching on coverage of the gold span, best pairs first.

    Ties in coverage go to the tighter prediction, so a long prediction that also covers a
    nested gold quote does not take it from the prediction made for exactly that quote.
    """
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = len(g & p)
            cover = _ratio(shared, len(g)) or 0.0
            if cover > threshold:
                pairs.append((-cover, -shared / len(p), gi, pi))
    out: dict[int, int] = {}
    used: set[int] = set()
    for *_, gi, pi in sorted(pairs):
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def _extent(span: GoldSpan) -> tuple[int, int]:
    """First to last character; brat fragments are not always in text order."""
    return min(s for s, _ in span.fragments), max(e for _, e in span.fragments)


def _overlaps(gold: GoldSpan | None, pred: Span | CueSpan | None) -> bool:
    """Attribution check: both absent, or sharing at least one character."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return bool(_gold_chars(gold) & _pred_chars(pred))


def normalise(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets without surrounding whitespace/quote marks and trailing punctuation."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_STRIP):
        end -= 1
    return (start, end) if end > start else None


def _role_spans(gold: list[GoldAttribution], pred: list[Quote], role: str) -> tuple[list, list]:
    if role == "content":
        return [a.content for a in gold], [q.content for q in pred]
    if role == "cue":
        return [a.cue for a in gold if a.cue], [q.cue for q in pred if q.cue]
    return [a.source for a in gold if a.source], [q.speaker for q in pred if q.speaker]


def _new_tally() -> dict:
    return {
        "n_gold": 0,
        "n_pred": 0,
        "matched_gold": dict.fromkeys(THRESHOLDS, 0),
        "matched_pred": dict.fromkeys(THRESHOLDS, 0),
        "speaker_ok": 0,
        "cue_ok": 0,
        "named": 0,
        "named_ok": 0,
        "canonical": 0,
        "canonical_ok": 0,
    }


def _quote_prf(t: dict, th: float) -> dict:
    hits_pred, hits_gold = t["matched_pred"][th], t["matched_gold"][th]
    return {
        "n_matched": hits_gold,
        "n_pred_matched": hits_pred,
        **_prf(hits_pred, t["n_pred"], hits_gold, t["n_gold"]),
    }


def _summary(t: dict) -> dict:
    n_acc = t["matched_gold"][ACCURACY_THRESHOLD]
    return {
        "n_gold": t["n_gold"],
        "n_pred": t["n_pred"],
        "n_matched": n_acc,
        "quotes": {str(th): _quote_prf(t, th) for th in THRESHOLDS},
        "speaker_accuracy": _ratio(t["speaker_ok"], n_acc),
        "cue_accuracy": _ratio(t["cue_ok"], n_acc),
        "n_speaker_correct": t["speaker_ok"],
        "n_cue_correct": t["cue_ok"],
        "name_accuracy": _ratio(t["named_ok"], t["named"]),
        "n_named": t["named"],
        "canonical_accuracy": _ratio(t["canonical_ok"], t["canonical"]),
        "n_canonical": t["canonical"],
    }


def _name_check(source: GoldSpan | None, name: str | None) -> bool | None:
    """For a gold source written as a name: does the resolved name share its surname?

    PolNeAR marks surface spans, not canonical names, so this is the closest check it allows:
    "Mr. Trump" and "Donald Trump" agree, "Mr. Trump" and "Hillary Clinton" do not.
    """
    if source is None or speaker_form(source.text) != "name":
        return None
    if not name:
        return False
    surname = name.split()[-1].lower().strip(".,’'")
    return surname in {w.lower().strip(".,’'") for w in source.text.replace("’s", " ").split()}


_NOT_WORD = re.compile(r"[^\w\s]")


def fold_name(name: str) -> str:
    """A name compared after case, punctuation and a leading "the" are folded away."""
    words = _NOT_WORD.sub("", name.replace("’s", "").replace("'s", "")).lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _canonical_check(gold: GoldAttribution, name: str | None) -> bool | None:
    """For a gold canonical name that is a proper name (news-gold's AnnotatorNotes): is the
    resolved name exactly it, after folding? None when there is nothing to compare."""
    if gold.source_name is None or speaker_form(gold.source_name) != "name":
        return None
    return bool(name) and fold_name(name or "") == fold_name(gold.source_name)


def score(
    articles: Sequence[tuple[str, str, list[GoldAttribution]]],
    predictions: Sequence[list[Quote]],
) -> dict:
    """Corpus-level scores of predictions[i] against the gold of articles[i].

    Span "char-overlap" scores are micro-averaged over non-whitespace characters of the union of
    each role's spans per document; "exact" compares normalised (start, end) sets per document,
    a discontinuous gold span counting by its full extent. In the by_kind/by_speaker_form
    breakdowns recall and accuracy group gold quotes by their gold attribute, while precision
    groups predicted quotes by their own attribute (Quote.kind, the form of Quote.speaker.text).
    """
    if len(articles) != len(predictions):
        raise ValueError(f"{len(articles)} articles but {len(predictions)} prediction lists")
    total = _new_tally()
    by_kind = {k: _new_tally() for k in KINDS}
    by_form = {f: _new_tally() for f in SPEAKER_FORMS}
    spans = {r: {"ov": [0, 0, 0], "ex": [0, 0, 0]} for r in ROLES}  # [tp, n_pred, n_gold]
    bands = {label: [0, 0, 0.0] for label in (*(b for _, b in CONFIDENCE_BANDS), UNSCORED)}

    def tallies(kind: str, source: Span | GoldSpan | None) -> list[dict]:
        """The tallies a quote counts in: overall, its kind (if known) and its speaker form."""
        form = speaker_form(source.text if source else None)
        return [t for t in (total, by_kind.get(kind), by_form[form]) if t is not None]

    for (_, text, gold), pred in zip(articles, predictions, strict=True):
        gold_t = [tallies(gold_kind(a.content.text), a.source) for a in gold]
        pred_t = [tallies(q.kind, q.speaker) for q in pred]
        for group, key in [*((g, "n_gold") for g in gold_t), *((p, "n_pred") for p in pred_t)]:
            for t in group:
                t[key] += 1
        gold_chars = [a.content.chars() for a in gold]
        pred_chars = [_pred_chars(q.content) for q in pred]
        matched_at = {th: match(gold_chars, pred_chars, th) for th in THRESHOLDS}
        hits = set(matched_at[ACCURACY_THRESHOLD].values())
        for pi, quote in enumerate(pred):
            band = bands[confidence_band(quote.confidence)]
            band[0] += 1
            band[1] += pi in hits
            band[2] += quote.confidence or 0.0
        for th in THRESHOLDS:
            for gi, pi in matched_at[th].items():
                for t in gold_t[gi]:
                    t["matched_gold"][th] += 1
                    if th == ACCURACY_THRESHOLD:
                        t["speaker_ok"] += _overlaps(gold[gi].source, pred[pi].speaker)
                        t["cue_ok"] += _overlaps(gold[gi].cue, pred[pi].cue)
                        named = _name_check(gold[gi].source, pred[pi].speaker_name)
                        if named is not None:
                            t["named"] += 1
                            t["named_ok"] += named
                        canonical = _canonical_check(gold[gi], pred[pi].speaker_name)
                        if canonical is not None:
                            t["canonical"] += 1
                            t["canonical_ok"] += canonical
                for t in pred_t[pi]:
                    t["matched_pred"][th] += 1
        solid = {i for i, c in enumerate(text) if not c.isspace()}
        for role in ROLES:
            g_spans, p_spans = _role_spans(gold, pred, role)
            g = set().union(*map(_gold_chars, g_spans)) & solid
            p = set().union(*map(_pred_chars, p_spans)) & solid
            _add(spans[role]["ov"], len(g & p), len(p), len(g))
            g_ex = {normalise(text, *_extent(s)) for s in g_spans} - {None}
            p_ex = {normalise(text, s.start, s.end) for s in p_spans} - {None}
            _add(spans[role]["ex"], len(g_ex & p_ex), len(p_ex), len(g_ex))

    return {
        **_summary(total),
        "spans": {
            role: {name: _span_scores(*c) for name, c in (("overlap", v["ov"]), ("exact", v["ex"]))}
            for role, v in spans.items()
        },
        "by_kind": {k: _summary(t) for k, t in by_kind.items()},
        "by_confidence": {
            label: {
                "n_pred": n,
                "n_pred_matched": hit,
                "precision": _ratio(hit, n),
                "mean_confidence": round(total / n, 3) if n and label != UNSCORED else None,
            }
            for label, (n, hit, total) in bands.items()
        },
        "by_speaker_form": {f: _summary(t) for f, t in by_form.items()},
    }


def confidence_band(confidence: float | None) -> str:
    if confidence is None:
        return UNSCORED
    return next(label for low, label in CONFIDENCE_BANDS if confidence >= low)


def _span_scores(tp: int, n_pred: int, n_gold: int) -> dict:
    return {"n_gold": n_gold, "n_pred": n_pred, "n_correct": tp, **_prf(tp, n_pred, tp, n_gold)}


def _add(acc: list[int], *counts: int) -> None:
    for i, c in enumerate(counts):
        acc[i] += c


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """Indented rows, first column left-aligned and the rest right-aligned."""
    cells = [list(header), *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    cells.insert(1, ["-" * w for w in widths])
    return [
        "  "
        + "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in cells
    ]


def _prf_cells(d: dict) -> list[str]:
    return [_num(d["precision"]), _num(d["recall"]), _num(d["f1"])]


def _span_row(role: str, v: dict) -> list[object]:
    head = [role, v["exact"]["n_gold"], v["exact"]["n_pred"]]
    return head + _prf_cells(v["overlap"]) + _prf_cells(v["exact"])


def _group_row(group: str, g: dict) -> list[object]:
    cells = [c for q in g["quotes"].values() for c in _prf_cells(q)]
    accuracy = [_num(g["speaker_accuracy"]), _num(g["cue_accuracy"])]
    return [group, g["n_gold"], g["n_pred"], *cells, *accuracy]


SPAN_HEADER = ["role", "gold spans", "pred spans", "overlap P", "R", "F1", "exact P", "R", "F1"]
GROUP_HEADER = ["gold", "pred", *(f"{m}@{th}" for th in THRESHOLDS for m in ("P", "R", "F1"))]


def format_report(report: dict, *, title: str) -> str:
    """Plain-text tables of a score()/evaluate() report for the terminal."""
    out = [title, "=" * len(title)]
    if "data" in report:
        out.append(f"data: {report['data']}  articles: {report.get('articles', '?')}")
    if "scope" in report:
        fold = f"  fold: {report['fold']}" if report.get("fold") else ""
        out.append(f"scope: {report['scope']}{fold}")
    out += ["", "Quotes (gold content coverage > threshold, greedy one-to-one)"]
    quote_rows = [
        [th, report["n_gold"], report["n_pred"], q["n_matched"], *_prf_cells(q)]
        for th, q in report["quotes"].items()
    ]
    out += _table(["threshold", "gold", "pred", "matched", "P", "R", "F1"], quote_rows)
    out += [
        "",
        f"On quotes matched at {ACCURACY_THRESHOLD} (n={report['n_matched']}):",
        f"  speaker accuracy  {_num(report['speaker_accuracy'])}",
        f"  name accuracy     {_num(report['name_accuracy'])}"
        f"  (resolved name shares the surname of a gold name source; n={report['n_named']})",
        f"  canonical name accuracy {_num(report['canonical_accuracy'])}"
        f"  (resolved name equals the gold AnnotatorNotes name after case, punctuation and "
        f'leading-"the" folding, where that is a proper name; n={report["n_canonical"]})',
        f"  cue accuracy      {_num(report['cue_accuracy'])}",
        "",
        "Spans (char-overlap on non-whitespace characters; exact on trimmed offsets)",
    ]
    out += _table(SPAN_HEADER, [_span_row(r, v) for r, v in report["spans"].items()])
    for key, label in (("by_kind", "kind"), ("by_speaker_form", "speaker form")):
        out += ["", f"By gold {label} (precision: predicted quotes by their own {label})"]
        rows = [_group_row(group, g) for group, g in report[key].items()]
        out += _table([label, *GROUP_HEADER, "speaker", "cue"], rows)
    if "by_confidence" in report:
        out += [
            "",
            f"Reliability (precision of predicted quotes at {ACCURACY_THRESHOLD} by confidence "
            "band; calibrated when P is near the band's midpoint)",
        ]
        rows = [
            [
                band,
                c["n_pred"],
                c["n_pred_matched"],
                _num(c["precision"]),
                _num(c.get("mean_confidence")),
                _num(BAND_MIDPOINTS.get(band)),
                _gap(c["precision"], BAND_MIDPOINTS.get(band)),
            ]
            for band, c in report["by_confidence"].items()
        ]
        out += _table(
            ["confidence", "pred", "matched", "P", "mean conf", "midpoint", "P-mid"], rows
        )
    return "\n".join(out)


def _gap(precision: float | None, midpoint: float | None) -> str:
    if precision is None or midpoint is None:
        return "-"
    return f"{precision - midpoint:+.3f}"


def default_scope(directory: Path) -> str:
    """news-gold (sources with AnnotatorNotes canonical names) is annotated for statements;
    PolNeAR for its wider notion of attribution."""
    return "statements" if has_canonical_names(Path(directory)) else "all"


def evaluate(
    directory: Path,
    *,
    model: str | None = None,
    limit: int | None = None,
    scope: str | None = None,
    fold: str | None = None,
) -> dict:
    """Extract quotes from a PolNeAR compartment and score them against its gold; ``scope``
    defaults to :func:`default_scope`; ``fold`` ("tune" or "report") keeps one half of the
    articles, split by the hash of their id (news-gold's folds, see extraction/calibration.py)."""
    from quotetrail.extraction import FindOptions, extract_texts  # lazy: loads spaCy
    from quotetrail.extraction.calibration import tune_fold

    scope = scope or default_scope(Path(directory))
    articles = load_split(Path(directory))
    if fold is not None:
        articles = [a for a in articles if tune_fold(a[0]) == (fold == "tune")]
    articles = articles[:limit]
    predictions: list[list[Quote]] = []
    failed = 0
    options = FindOptions(scope=scope)
    texts = (text for _, text, _ in articles)
    for result in extract_texts(texts, model=model, options=options):
        if isinstance(result, list):
            predictions.append(result)
        else:  # counted, and scored as predicting nothing
            predictions.append([])
            failed += 1
    report = score(articles, predictions)
    return {
        "data": str(directory),
        "articles": len(articles),
        "scope": scope,
        "fold": fold,
        "failed": failed,
        **report,
    }
