"""A logistic-regression cue classifier trained on PolNeAR train (``quotetrail train-cues``).

The cue table knows a word and its frame; PolNeAR also counts beliefs, plans and stances
("wants", "backed", "is skeptical about"), whose odds depend on who the subject is and what
the verb governs. This model weighs those signals. Weights ship as ``data/cue_model.json``:
sparse, readable, a few hundred kilobytes.
"""

from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from .attribution import QuoteIndex
from .lexicons import data_text
from .mentions import subject_of

DATA_FILE = "cue_model.json"


def subject_class(token: Token) -> str:
    subject = subject_of(token)
    if subject is None:
        return "none"
    if subject.pos_ == "PRON":
        lower = subject.lower_
        if lower in ("he", "she"):
            return "pron-person"
        if lower in ("i", "we", "you"):
            return "pron-self"
        return "pron-other"
    if subject.ent_type_:
        return "ent-" + subject.ent_type_
    return subject.pos_.lower()


def _headline(token: Token, text: str) -> bool:
    """The cue's line has no closing punctuation: a headline or a caption, not a sentence."""
    end = text.find("\n", token.idx)
    line = text[text.rfind("\n", 0, token.idx) + 1 : end if end >= 0 else len(text)].rstrip()
    return bool(line) and line[-1] not in ".!?\"”’:;)'"


def features(token: Token, frame: str, quotes: QuoteIndex) -> list[str]:
    """Sparse binary features of one candidate cue."""
    lemma = token.lemma_.lower()
    subject = subject_class(token)
    feats = [
        "bias",
        f"l={lemma}",
        f"f={frame}",
        f"lf={lemma}|{frame}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"s={subject}",
        f"ls={lemma}|{subject}",
        f"fs={frame}|{subject}",
        f"hd={token.head.pos_}|{token.dep_}" if token.head is not token else "root",
    ]
    for child in token.children:
        feats.append(f"c={child.dep_}")
        if child.dep_ == "prep":
            feats.append(f"lp={lemma}|{child.lower_}")
        elif child.dep_ == "neg":
            feats.append("neg")
        elif child.dep_ in ("dobj", "dative"):
            feats.append(f"obj={child.ent_type_ or child.pos_}")
            feats.append(f"lo={lemma}|{child.ent_type_ or child.pos_}")
        elif child.dep_ == "xcomp":
            feats.append(f"x={child.lemma_.lower()}")
        elif child.dep_ == "aux" and child.tag_ == "MD":
            feats.append("modal")
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.text in (",", ":"):
        feats.append(f"next={nxt.text}")
        if quotes.containing(nxt.idx + 2) or quotes.containing(nxt.idx + 1):
            feats.append("introduces-quote")
    if token.i == token.sent.start:
        feats.append("sent-initial")
    if _headline(token, quotes.text):
        feats.append("headline")
    return feats


@dataclass
class CueModel:
    weights: dict[str, float] = field(default_factory=dict)

    def probability(self, feats: Sequence[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    @classmethod
    def fit(
        cls,
        examples: Sequence[tuple[list[str], bool]],
        *,
        epochs: int = 2,
        rate: float = 0.2,
        l2: float = 1e-6,
        seed: int = 0,
    ) -> CueModel:
        """AdaGrad SGD on the log loss; deterministic for a given seed."""
        weights: dict[str, float] = defaultdict(float)
        grads: dict[str, float] = defaultdict(lambda: 1e-8)
        order = list(range(len(examples)))
        rng = random.Random(seed)
        for _ in range(epochs):
            rng.shuffle(order)
            for index in order:
                feats, label = examples[index]
                z = sum(weights[f] for f in feats)
                p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
                g = p - (1.0 if label else 0.0)
                for f in feats:
                    grad = g + l2 * weights[f]
                    grads[f] += grad * grad
                    weights[f] -= rate * grad / math.sqrt(grads[f])
        return cls({k: round(v, 4) for k, v in weights.items() if abs(v) >= 1e-3})

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.weights, sort_keys=True, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, path: Path | None = None) -> CueModel:
        text = data_text(DATA_FILE, path)
        return cls(json.loads(text))
