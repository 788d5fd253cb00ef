"""When two documents are one article: the keys that deduplicate, and how a match is judged.

An article is the same as one already stored when its canonical URL, its content hash (the
bytes as read) or its text hash (the text after reading, so a page saved as .html and the same
story in a .jsonl dump meet) matches. Sharing only the id, with a different URL and content, is
not a repeat but a conflict: two documents claim one id (two JSONL dumps numbering from 1).
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass

from quotetrail.read.ids import canonical_url
from quotetrail.records import Article

__all__ = ["ArticleKeys", "Match", "SeenKeys", "text_hash"]


class Match(enum.Enum):
    NEW = "new"
    SAME = "same"  # stored already: same URL, same bytes or same text
    ID_TAKEN = "id-taken"  # the id belongs to a different document


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class ArticleKeys:
    id: str
    url: str | None
    content_hash: str
    text_hash: str

    @classmethod
    def of(cls, article: Article) -> ArticleKeys:
        """The keys of an article; a hand-made Article without a content hash uses its text's."""
        by_text = text_hash(article.text)
        url = canonical_url(article.url) if article.url else None
        return cls(article.id, url, article.content_hash or by_text, by_text)

    def content_keys(self) -> tuple[tuple[str, str], ...]:
        keys = [("content", self.content_hash), ("text", self.text_hash)]
        if self.url:
            keys.append(("url", self.url))
        return tuple(keys)


class SeenKeys:
    """The keys of the articles handled so far in one run, to skip repeats before extraction."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.content: set[tuple[str, str]] = set()

    def match(self, keys: ArticleKeys) -> Match:
        if any(key in self.content for key in keys.content_keys()):
            return Match.SAME
        return Match.ID_TAKEN if keys.id in self.ids else Match.NEW

    def add(self, keys: ArticleKeys) -> None:
        self.ids.add(keys.id)
        self.content.update(keys.content_keys())
