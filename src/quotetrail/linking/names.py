"""Names compared across spellings: transliteration folding and Jaro-Winkler similarity.

Transliterations of one name differ in a few regular ways ("Podolyak"/"Podoliak",
"Mykhailo"/"Mikhaylo", "Oleh"/"Oleg", "Jenssen"/"Jensen"); folding maps each such family to one
form, and Jaro-Winkler then measures what is left (a typo, a misnaming). Everything here is a
pure function of strings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["NameParts", "fold_name", "jaro_winkler", "name_parts", "transliteration_fold"]

#: Generational suffixes are part of who someone is: "Donald Trump Jr." is not his father.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Titles that a name mention may still carry.
TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "sir", "dame", "gen", "sen", "rep", "gov", "prof", "president"}
)
# Ordered rewrites, applied to a lower-case ASCII name: digraphs first, then letters.
_FOLDS = (
    ("kh", "h"),
    ("zh", "j"),
    ("ph", "f"),
    ("ck", "k"),
    ("ie", "i"),
    ("iy", "i"),
    ("yi", "i"),
    ("ii", "i"),
    ("y", "i"),
    ("w", "v"),
    ("h", "g"),  # Ukrainian h is Russian g: Oleh/Oleg, Serhiy/Sergei, Olha/Olga
    ("ae", "e"),
    ("ks", "x"),
)
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z ]+")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name as (given, middles, surname, suffix), each folded to ASCII lower case."""

    given: str
    middles: tuple[str, ...]
    surname: str
    suffix: str


_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]")


def _unmangled(name: str) -> str:
    """UTF-8 read as Latin-1 upstream, once or twice ("FranÃ§ois", "FranÃ\x83Â§ois"), read
    back as UTF-8 ("François"); anything else unchanged."""
    text = unicodedata.normalize("NFC", name)  # a store may keep "Ã" as "A" + a combining tilde
    for _ in range(3):
        if not _MOJIBAKE.search(text):
            break
        for codec in ("latin-1", "cp1252"):
            try:
                text = text.encode(codec).decode("utf-8")
                break
            except UnicodeError:
                continue
        else:
            break
    return text


@lru_cache(maxsize=262_144)
def fold_name(name: str) -> str:
    """Lower-case ASCII words, accents and punctuation dropped: "Müller-Lüdenscheidt's" ->
    "muller ludenscheidt"; a name mangled by a wrong encoding ("FranÃ§ois") is read back."""
    text = unicodedata.normalize("NFKD", _unmangled(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['\u2019]s\b", "", text).replace("-", " ").replace(".", " ")
    return " ".join(_NOT_LETTER.sub(" ", text).split())


@lru_cache(maxsize=262_144)
def transliteration_fold(word: str) -> str:
    """One form per family of spellings of a folded word: "podolyak" and "podoliak" ->
    "podoliak"; "jenssen" and "jensen" -> "jensen"."""
    out = _DOUBLE.sub(r"\1", word)
    for old, new in _FOLDS:
        out = out.replace(old, new)
    return _DOUBLE.sub(r"\1", out)


@lru_cache(maxsize=262_144)
def name_parts(name: str) -> NameParts | None:
    """The parts of a person's full name, or None for a one-word name (no surname to trust)."""
    words = [w for w in fold_name(name).split() if w not in TITLES]
    suffix = ""
    while len(words) > 2 and words[-1] in SUFFIXES:
        suffix = words.pop()
    if len(words) >= 2 and words[-1] in SUFFIXES:
        suffix = words.pop()
    if len(words) < 2:
        return None
    return NameParts(words[0], tuple(words[1:-1]), words[-1], suffix)


def jaro_winkler(a: str, b: str, prefix_scale: float = 0.1) -> float:
    """Jaro-Winkler similarity in [0, 1]: 1 for equal strings, high for typos near the end."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    used = [False] * len(b)
    matched_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not used[j] and b[j] == ch:
                used[j] = True
                matched_a.append(ch)
                break
    m = len(matched_a)
    if m == 0:
        return 0.0
    matched_b = [b[j] for j in range(len(b)) if used[j]]
    transpositions = sum(x != y for x, y in zip(matched_a, matched_b, strict=True)) / 2
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)
