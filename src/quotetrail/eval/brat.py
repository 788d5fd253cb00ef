"""Read brat standoff attribution files (PolNeAR's format) into gold attribution records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldSpan:
    fragments: Fragments
    text: str

    @property
    def start(self) -> int:
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)

    def chars(self) -> set[int]:
        return {i for s, e in self.fragments for i in range(s, e)}


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: GoldSpan
    cue: GoldSpan | None
    source: GoldSpan | None
    #: The source's canonical name from an ``AnnotatorNotes`` line on the Source (news-gold
    #: gives one; PolNeAR does not).
    source_name: str | None = None


def _parse_fragments(spec: str) -> Fragments:
    pairs = []
    for part in spec.split(";"):
        start, end = part.split()
        pairs.append((int(start), int(end)))
    return tuple(pairs)


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attributions of one .ann file; events lacking a Content span are skipped."""
    spans: dict[str, tuple[str, GoldSpan]] = {}
    events: list[dict[str, str]] = []
    notes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3 and parts[1].startswith("AnnotatorNotes "):
                notes[parts[1].split(" ", 1)[1].strip()] = parts[2].strip()
        elif line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 3:
                continue
            label, _, spec = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, GoldSpan(_parse_fragments(spec), parts[2]))
            except ValueError:
                continue
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        cue = spans.get(roles.get("Cue", ""))
        source = spans.get(roles.get("Source", ""))
        out.append(
            GoldAttribution(
                content=content[1],
                cue=cue[1] if cue else None,
                source=source[1] if source else None,
                source_name=notes.get(roles.get("Source", "")),
            )
        )
    return out


def has_canonical_names(directory: Path) -> bool:
    """The compartment's sources carry AnnotatorNotes canonical names (news-gold's format)."""
    for ann in sorted((Path(directory) / "attributions").glob("*.ann"))[:5]:
        if "\tAnnotatorNotes " in ann.read_text(encoding="utf-8"):
            return True
    return False


def load_split(directory: Path) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, gold) for every article of a PolNeAR compartment (first annotator file)."""
    directory = Path(directory)
    ann_dir = directory / "attributions"
    out = []
    for text_path in sorted((directory / "text").glob("*.txt")):
        anns = sorted(ann_dir.glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        out.append((text_path.stem, text, read_ann(anns[0])))
    return out
