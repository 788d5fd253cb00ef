"""The cue table: how likely a word in a given frame introduces an attributed statement.

Learned from PolNeAR train (``quotetrail train-cues``) and shipped as ``data/cues.tsv``, so the
lexicon is data you can read and review: lemma, frame, times seen as a cue, times seen at all.
Odds for rare (lemma, frame) pairs back off to the lemma, then to the frame.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .lexicons import data_text

DATA_FILE = "cues.tsv"
#: Pseudo-counts pulling a sparse estimate toward its back-off.
SMOOTHING = 2.0


@dataclass
class CueTable:
    pairs: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    lemmas: dict[str, tuple[int, int]] = field(default_factory=dict)
    frames: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def from_counts(cls, counts: dict[tuple[str, str], tuple[int, int]]) -> CueTable:
        lemmas: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        frames: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for (lemma, frame), (pos, total) in counts.items():
            lemmas[lemma][0] += pos
            lemmas[lemma][1] += total
            frames[frame][0] += pos
            frames[frame][1] += total
        return cls(
            pairs=dict(counts),
            lemmas={k: (v[0], v[1]) for k, v in lemmas.items()},
            frames={k: (v[0], v[1]) for k, v in frames.items()},
        )

    def probability(self, lemma: str, frame: str) -> float:
        fpos, ftotal = self.frames.get(frame, (0, 0))
        p_frame = (fpos + 0.01) / (ftotal + 1.0)
        lpos, ltotal = self.lemmas.get(lemma, (0, 0))
        p_lemma = (lpos + SMOOTHING * p_frame * 0.5) / (ltotal + SMOOTHING)
        pos, total = self.pairs.get((lemma, frame), (0, 0))
        return (pos + SMOOTHING * p_lemma) / (total + SMOOTHING)

    def save(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["lemma", "frame", "cue", "seen"])
            for (lemma, frame), (pos, total) in sorted(self.pairs.items()):
                writer.writerow([lemma, frame, pos, total])

    @classmethod
    def load(cls, path: Path | None = None) -> CueTable:
        text = data_text(DATA_FILE, path)
        counts = {}
        for row in csv.DictReader(text.splitlines(), delimiter="\t"):
            counts[(row["lemma"], row["frame"])] = (int(row["cue"]), int(row["seen"]))
        return cls.from_counts(counts)
