"""Canonical-name accuracy on news-gold: does each statement carry the name a reader would give?

news-gold's Source spans carry an ``AnnotatorNotes`` line with the speaker's canonical name (the
fullest name the article gives). Predicted statements are matched to gold ones by content
overlap (gold coverage > 0.3, the eval's matcher); on matched statements whose gold name is a
proper name (it starts with a capital once a leading "the" is dropped), the predicted
``speaker_name`` must equal it after folding case, punctuation and a leading "the".

    PYTHONPATH=src python benchmarks/names_eval.py ../shared/data/news-gold [--errors]
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from quotetrail.eval.polnear import ACCURACY_THRESHOLD, match
from quotetrail.extraction import extract_texts

_PUNCT = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class GoldStatement:
    content: frozenset[int]
    source: str | None
    name: str | None


def fold(name: str) -> str:
    """Case, punctuation and a leading "the" do not count: "The U.S. Army" == "US Army"."""
    text = unicodedata.normalize("NFKC", name).replace("’s", "").replace("'s", "")
    text = " ".join(_PUNCT.sub("", text).casefold().split())
    return text.removeprefix("the ")


def is_proper(name: str) -> bool:
    text = name.strip()
    text = text[4:] if text.lower().startswith("the ") else text
    return text[:1].isupper()


def read_gold(path: Path) -> list[GoldStatement]:
    spans: dict[str, tuple[str, frozenset[int], str]] = {}
    notes: dict[str, str] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, spec = parts[1].partition(" ")
            chars = set()
            for piece in spec.split(";"):
                start, end = piece.split()
                chars.update(range(int(start), int(end)))
            spans[parts[0]] = (label, frozenset(chars), parts[2])
        elif line.startswith("#") and len(parts) >= 3:
            target = parts[1].split()[-1]
            notes[target] = parts[2].strip()
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.partition(":")[::2] for arg in parts[1].split()))
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source_id = roles.get("Source", "")
        source = spans.get(source_id)
        out.append(GoldStatement(content[1], source[2] if source else None, notes.get(source_id)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--errors", action="store_true", help="list every wrong name")
    args = parser.parse_args()
    texts, golds, ids = [], [], []
    for text_path in sorted((args.directory / "text").glob("*.txt")):
        ann = next(iter(sorted((args.directory / "attributions").glob(text_path.stem + "_*.ann"))))
        texts.append(text_path.read_text(encoding="utf-8"))
        golds.append(read_gold(ann))
        ids.append(text_path.stem)
    named = right = matched = 0
    errors = []
    for doc_id, gold, result in zip(ids, golds, extract_texts(texts), strict=True):
        pred = result if isinstance(result, list) else []
        pairs = match(
            [g.content for g in gold],
            [set(range(q.content.start, q.content.end)) for q in pred],
            ACCURACY_THRESHOLD,
        )
        matched += len(pairs)
        for gi, pi in pairs.items():
            g, q = gold[gi], pred[pi]
            if g.name is None or not is_proper(g.name):
                continue
            named += 1
            ok = q.speaker_name is not None and fold(q.speaker_name) == fold(g.name)
            right += ok
            if not ok:
                said = q.speaker.text if q.speaker else None
                errors.append((doc_id, g.name, q.speaker_name, said, g.source))
    print(f"data: {args.directory}")
    print(f"matched statements: {matched}; with a proper gold name: {named}")
    print(f"canonical-name accuracy: {right / named:.3f} ({right}/{named})")
    if args.errors:
        print("\narticle            gold name | predicted name | predicted mention | gold mention")
        for doc_id, gold_name, name, said, source in errors:
            print(f"{doc_id}  {gold_name} | {name} | {said} | {source}")


if __name__ == "__main__":
    main()
