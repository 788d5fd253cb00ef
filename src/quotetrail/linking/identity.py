"""Speaker identity under every spelling: which person records are one person.

Ingest keys a speaker record by its exact normalised name, so "Mykhailo Podolyak" and "Mykhailo
Podoliak" are two records. Here two person records are merged when their names agree after
transliteration folding and the context agrees too:

* **surname**: equal after folding ("podolyak"/"podoliak"), or Jaro-Winkler >= ``surname_sim``;
* **given name**: equal after folding ("Oleh"/"Oleg") or a short form of it ("Chuck"/"Charles",
  ``nicknames``) -> a *spelling variant*; else Jaro-Winkler
  >= ``given_sim`` ("Stian"/"Stefan") -> a *misnaming*, which needs stronger context;
* **middle names and suffixes** never conflict: "George W. Bush" and "George H. W. Bush", or
  "Donald Trump" and "Donald Trump Jr.", stay apart; a middle name present on one side only is
  allowed;
* **context**: a misnaming or a surname that is not equal after folding needs a shared role word
  and seen windows (first..last seen) at most ``identity_window_days`` apart. Names equal after
  folding need no more: ingest already gives one record to one exact name.

A merge never joins two records the user split (``splits``), and never makes one group of two
names that conflict with each other ("Hillary Clinton" and "Bill Clinton" reached through a
third record). Candidates come from blocks on the folded surname's deletion neighbours and the
given name's initial, so the cost grows with the records, not their square. The record with the
most quotes keeps the group.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations

from quotetrail.linking.names import NameParts, jaro_winkler, name_parts, transliteration_fold
from quotetrail.linking.nicknames import FORMS, same_given_name
from quotetrail.linking.options import LinkingOptions
from quotetrail.linking.records import LinkSpeaker, SpeakerMerge

__all__ = ["compare_names", "merge_speakers"]

_ROLE_WORD = re.compile(r"[a-z]{3,}")
_LONG_SURNAME = 9  # letters from which two edits still leave Jaro-Winkler >= 0.9
_ROLE_STOP = frozenset(
    {"the", "and", "for", "former", "deputy", "senior", "chief", "head", "official", "new"}
)


def _fold(word: str) -> str:
    return transliteration_fold(word)


def compare_names(a: NameParts, b: NameParts, options: LinkingOptions) -> dict | None:
    """How two parsed names agree (None when they conflict): the measured similarities and
    whether the given name is a spelling variant or a possible misnaming."""
    if a.suffix != b.suffix:
        return None
    if (
        a.middles
        and b.middles
        and [_fold(m)[:1] for m in a.middles] != [_fold(m)[:1] for m in b.middles]
    ):
        return None
    sa, sb = _fold(a.surname), _fold(b.surname)
    surname = 1.0 if sa == sb else jaro_winkler(sa, sb)
    if surname < options.surname_sim:
        return None
    ga, gb = _fold(a.given), _fold(b.given)
    if ga == gb or same_given_name(a.given, b.given):
        given, variant = 1.0, True
    elif len(ga) == 1 or len(gb) == 1:  # an initial: "J. Smith" is not evidence enough
        return None
    else:
        given, variant = jaro_winkler(ga, gb), False
        if given < options.given_sim:
            return None
    return {
        "given": round(given, 3),
        "surname": round(surname, 3),
        "folded_equal": variant and sa == sb,
        "variant": variant,
    }


def _roles(speaker: LinkSpeaker) -> set[str]:
    words = set()
    for role in speaker.roles:
        words.update(w for w in _ROLE_WORD.findall(role.lower()) if w not in _ROLE_STOP)
    return words


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _days_apart(a: LinkSpeaker, b: LinkSpeaker) -> int | None:
    """Days between the two records' seen windows (0 when they overlap; None if undated)."""
    a0, a1, b0, b1 = _day(a.first_seen), _day(a.last_seen), _day(b.first_seen), _day(b.last_seen)
    if None in (a0, a1, b0, b1):
        return None
    assert a0 and a1 and b0 and b1
    return max((b0 - a1).days, (a0 - b1).days, 0)


def evidence_for(a: LinkSpeaker, b: LinkSpeaker, options: LinkingOptions) -> dict | None:
    """Why ``a`` and ``b`` are one person, or None when the evidence does not agree."""
    if a.kind != "person" or b.kind != "person":
        return None
    pa, pb = name_parts(a.name), name_parts(b.name)
    if pa is None or pb is None:
        return None
    names = compare_names(pa, pb, options)
    if names is None:
        return None
    apart = _days_apart(a, b)
    shared = sorted(_roles(a) & _roles(b))
    far = apart is None or apart > options.identity_window_days
    if not names["folded_equal"] and (not shared or far):
        return None  # a misnaming or a different surname needs a shared role, close in time
    rule = "spelling variant" if names["folded_equal"] else "misnaming with the same role"
    score = (names["given"] + names["surname"]) / 2
    return {
        "rule": rule,
        "names": [a.name, b.name],
        **names,
        "days_apart": apart,
        "shared_roles": shared,
        "score": round(score, 3),
    }


def _deletions(word: str, depth: int) -> set[str]:
    """The word and every string ``depth`` or fewer deletions from it: two words one edit
    apart (a letter added, dropped, changed or two swapped) share one of these."""
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _block_keys(speaker: LinkSpeaker) -> set[str]:
    """Deletion neighbours of the folded surname with the given name's initial (of each formal
    name a short form stands for: "Dick" meets "Richard"). A block then holds only names one
    edit apart (two for long surnames, where Jaro-Winkler allows it), so blocks stay the size of
    a family of spellings, not of everyone whose surname starts alike."""
    parts = name_parts(speaker.name) if speaker.kind == "person" else None
    if parts is None:
        return set()
    surname = _fold(parts.surname)
    near = _deletions(surname, 2 if len(surname) >= _LONG_SURNAME else 1)
    givens = {parts.given, *FORMS.get(parts.given, ())}
    return {f"{s}:{_fold(g)[:1]}" for s in near for g in givens}


def merge_speakers(
    speakers: Sequence[LinkSpeaker],
    options: LinkingOptions | None = None,
    splits: Iterable[tuple[str, str]] = (),
) -> list[SpeakerMerge]:
    """Merges of person records that are one person; each names the record kept and why."""
    options = options or LinkingOptions()
    forbidden = {frozenset(p) for p in splits}
    blocks: dict[str, list[int]] = defaultdict(list)
    for n, s in enumerate(speakers):
        for key in _block_keys(s):
            blocks[key].append(n)
    edges = []
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for i, j in combinations(members, 2):
            if (i, j) in seen:
                continue
            seen.add((i, j))
            ev = evidence_for(speakers[i], speakers[j], options)
            if ev is not None:
                edges.append((ev["score"], i, j, ev))
    edges.sort(key=lambda e: (-e[0], speakers[e[1]].id, speakers[e[2]].id))
    group = {n: {n} for blk in blocks.values() for n in blk}
    accepted: dict[int, dict] = {}  # member -> evidence of its strongest accepted edge
    for _score, i, j, ev in edges:
        gi, gj = group[i], group[j]
        if gi is gj or not _compatible(gi, gj, speakers, options, forbidden):
            continue
        joined = gi | gj
        for n in joined:
            group[n] = joined
        accepted.setdefault(i, ev)
        accepted.setdefault(j, ev)
    return _merges(speakers, group, accepted)


def _compatible(gi, gj, speakers, options, forbidden) -> bool:
    """No split between the groups, and every cross pair of names compatible."""
    for x in gi:
        for y in gj:
            if frozenset((speakers[x].id, speakers[y].id)) in forbidden:
                return False
            px, py = name_parts(speakers[x].name), name_parts(speakers[y].name)
            if px is None or py is None or compare_names(px, py, options) is None:
                return False
    return True


def _merges(speakers, group, accepted) -> list[SpeakerMerge]:
    out = []
    seen: set[int] = set()
    for members in group.values():
        if id(members) in seen or len(members) < 2:
            continue
        seen.add(id(members))
        keep = min(
            members,
            key=lambda n: (-speakers[n].n_quotes, speakers[n].first_seen or "~", speakers[n].id),
        )
        for n in sorted(members, key=lambda n: speakers[n].id):
            if n != keep:
                ev = accepted.get(n, {})
                out.append(
                    SpeakerMerge(speakers[n].id, speakers[keep].id, ev.get("score", 0.0), ev)
                )
    return sorted(out, key=lambda m: (m.into_id, m.speaker_id))
