"""Calibrated confidence: the finder's raw score mapped to the chance a statement is right.

The cue classifier's probability was fitted to PolNeAR's wide notion of attribution, and the
fixed rules ("according to", lead-ins, sign-offs, floating quotations) have no score of their
own. Isotonic regression on held-out extractions, one step function per (rule, kind,
attribution), turns each into a probability: of the statements given 0.8, about 80% are right.
Most of those extractions are PolNeAR's, whose gold is shaped differently from our definition of
a statement, so a final two-parameter logistic step (the *level*, fitted on news-gold's tune
fold) moves the steps of communicated statements to the precision they have on news-gold while
keeping their order; beliefs (scope "all"), which news-gold does not judge, keep their steps.

The steps ship as ``data/calibration.json``; :func:`fit_examples` fits them from judged
examples, which ``quotetrail train-calibration`` (``quotetrail.eval.calibrate``) collects from
gold data and writes (see benchmarks/RESULTS.md for the command and the held-out data).
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicons import data_text
from .statements import COMMUNICATED

DATA_FILE = "calibration.json"
#: Fewer examples than this in a (rule, kind, attribution) group: use the coarser group.
MIN_GROUP = 25
#: Isotonic blocks smaller than this are merged with a neighbour, so a step rests on evidence.
MIN_BLOCK = 12
#: Pseudo-counts pulling each step toward its group's overall precision.
PRIOR_WEIGHT = 3.0

Example = tuple[str, str, str, float, bool]  # rule, kind, attribution, raw score, correct


def group_keys(rule: str, kind: str, attribution: str) -> tuple[str, ...]:
    """Finest first: the steps of the first key the table has are used; "*" is every rule."""
    return (f"{rule}|{kind}|{attribution}", f"{rule}|{kind}", rule, "*")


@dataclass(frozen=True)
class Calibration:
    """Step functions: for each group, ascending raw-score upper bounds and their precision."""

    steps: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = field(default_factory=dict)
    fitted_on: str = ""
    #: (a, b) of the level step ``p -> sigmoid(a + b * logit(p))``; (0, 1) leaves p as it is.
    level: tuple[float, float] = (0.0, 1.0)

    def __call__(self, rule: str, kind: str, attribution: str, raw: float) -> float:
        for key in group_keys(rule, kind, attribution):
            if key in self.steps:
                bounds, values = self.steps[key]
                p = values[min(bisect_left(bounds, raw), len(values) - 1)]
                return self.leveled(p) if attribution == COMMUNICATED else p
        return raw  # an empty table: the raw score

    def leveled(self, p: float) -> float:
        if self.level == (0.0, 1.0):
            return p
        a, b = self.level
        return round(_sigmoid(a + b * _logit(p)), 3)

    def to_json(self) -> str:
        steps = {k: {"upper": list(b), "p": list(v)} for k, (b, v) in sorted(self.steps.items())}
        data = {"fitted_on": self.fitted_on, "level": list(self.level), "steps": steps}
        return json.dumps(data, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Calibration:
        data = json.loads(text)
        steps = {
            key: (tuple(float(x) for x in v["upper"]), tuple(float(p) for p in v["p"]))
            for key, v in data["steps"].items()
        }
        for key, (bounds, values) in steps.items():
            if not bounds or len(bounds) != len(values) or list(bounds) != sorted(bounds):
                raise ValueError(f"calibration group {key!r}: bounds must ascend, one per value")
        a, b = (float(x) for x in data.get("level", (0.0, 1.0)))
        if not b > 0:
            raise ValueError("calibration level: the slope must be positive (it keeps the order)")
        return cls(steps, data.get("fitted_on", ""), (a, b))


@lru_cache(maxsize=4)
def load_calibration(path: str | None = None) -> Calibration:
    """The packaged (or a given) calibration, loaded once per process."""
    return Calibration.from_json(data_text(DATA_FILE, path))


def isotonic(
    points: Sequence[tuple[float, bool]], prior: float | None = None
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Pool-adjacent-violators over (raw, correct) pairs: non-decreasing precision by raw score,
    small blocks merged, each step shrunk toward ``prior`` (default: the group's precision)."""
    ordered = sorted(points)
    if prior is None:
        prior = sum(y for _, y in ordered) / len(ordered)
    blocks: list[list[float]] = []  # [upper raw, hits, count]
    for raw, correct in ordered:
        if blocks and blocks[-1][0] == raw:
            blocks[-1][1] += correct
            blocks[-1][2] += 1
        else:
            blocks.append([raw, float(correct), 1.0])
        _pool(blocks)
    merged: list[list[float]] = []
    for block in blocks:
        if merged and merged[-1][2] < MIN_BLOCK:
            merged[-1] = [block[0], merged[-1][1] + block[1], merged[-1][2] + block[2]]
        else:
            merged.append(block)
        _pool(merged)
    if len(merged) > 1 and merged[-1][2] < MIN_BLOCK:
        last = merged.pop()
        merged[-1] = [last[0], merged[-1][1] + last[1], merged[-1][2] + last[2]]
        _pool(merged)
    values = [(hits + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT) for _, hits, n in merged]
    for i in range(1, len(values)):  # shrinkage can break monotonicity only by rounding
        values[i] = max(values[i], values[i - 1])
    return tuple(round(b[0], 4) for b in merged), tuple(round(v, 3) for v in values)


def _pool(blocks: list[list[float]]) -> None:
    while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
        last = blocks.pop()
        blocks[-1] = [last[0], blocks[-1][1] + last[1], blocks[-1][2] + last[2]]


def fit_examples(examples: Iterable[Example], *, fitted_on: str = "") -> Calibration:
    """One step function per group with enough examples, at every level of group_keys."""
    groups: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    hits = total = 0
    for rule, kind, attribution, raw, correct in examples:
        hits, total = hits + correct, total + 1
        for key in group_keys(rule, kind, attribution):
            groups[key].append((raw, correct))
    overall = hits / max(total, 1)
    steps = {
        # a rare rule ("-- Name" sign-offs) leans on the precision of everything
        key: isotonic(points, None if len(points) >= MIN_GROUP else overall)
        for key, points in groups.items()
        if key != "*" and (len(points) >= MIN_GROUP or "|" not in key)
    }
    steps["*"] = ((1.0,), (round(overall, 3),))  # a rule never seen: the overall precision
    return Calibration(steps, fitted_on)


def _logit(p: float) -> float:
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def fit_level(points: Sequence[tuple[float, bool]], *, ridge: float = 1.0) -> tuple[float, float]:
    """Platt scaling of already calibrated probabilities toward the data in ``points``: a
    logistic regression on logit(p), pulled toward the identity (a=0, b=1) by ``ridge`` so a
    few hundred examples move the level more than the shape, and separable data stays finite.
    Damped Newton steps; the slope stays positive, so the order of the steps is kept."""
    xs = [_logit(p) for p, _ in points]
    ys = [float(y) for _, y in points]
    a, b = 0.0, 1.0
    for _ in range(100):
        ga, gb = ridge * a, ridge * (b - 1.0)
        haa, hab, hbb = ridge, 0.0, ridge
        for x, y in zip(xs, ys, strict=True):
            p = _sigmoid(a + b * x)
            r, w = p - y, p * (1 - p)
            ga, gb = ga + r, gb + r * x
            haa, hab, hbb = haa + w, hab + w * x, hbb + w * x * x
        det = haa * hbb - hab * hab
        step_a, step_b = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        scale = min(1.0, 1.0 / max(abs(step_a), abs(step_b), 1e-12))  # at most 1 per step
        a, b = a - scale * step_a, max(b - scale * step_b, 0.05)
        if abs(step_a) + abs(step_b) < 1e-9:
            break
    return round(a, 4), round(b, 4)


def tune_fold(article_id: str) -> bool:
    """news-gold's folds: sha256(article id) even -> tune (fit on it), odd -> report (never
    fitted or tuned on; the reliability table is read there)."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 2 == 0
