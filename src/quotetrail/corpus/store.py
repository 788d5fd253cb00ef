"""The corpus store: one writer that commits in batches, and read-only opens for everyone else.

Transactions are held only while writing: the ingester commits before it reads a source or
waits for extraction (``commit``), so a second ingest into the same corpus waits at most a
batch's writes for the lock (``BUSY_TIMEOUT``), and reports ``E305`` rather than a traceback
should the lock be held longer.

Consistency under ``kill -9``: an article, its quotes and its speaker updates are written under
one savepoint inside the batch transaction, so a transaction only ever holds whole articles,
and SQLite's journal discards an uncommitted batch on the next open. A re-run skips what was
committed (deterministic keys) and writes the rest: no duplicates, nothing half-stored.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

from quotetrail.corpus.db import BUSY_TIMEOUT, JOURNAL_MODES, connect_readonly, connect_writer
from quotetrail.corpus.identity import (
    SpeakerLink,
    link_speakers,
    link_vias,
    normalise_name,
    variant_key,
)
from quotetrail.corpus.keys import ArticleKeys, Match
from quotetrail.corpus.rows import (
    ARTICLE_COLUMNS,
    QUOTE_COLUMNS,
    article_row,
    now_utc,
    outlet_row,
    quote_id,
    quote_row,
)
from quotetrail.errors import CorpusUnavailable, InvalidOption
from quotetrail.read import canonical_url
from quotetrail.records import Article, Failure, Quote

__all__ = ["Store", "StoreOptions"]


@dataclass(frozen=True, slots=True)
class StoreOptions:
    """How the writer journals and how often it commits (whichever limit comes first)."""

    journal_mode: str = "wal"
    commit_every: int = 50  # articles (or failures) per transaction
    commit_seconds: float = 2.0  # longest a batch stays open, so a crash loses little

    def __post_init__(self) -> None:
        if self.journal_mode not in JOURNAL_MODES:
            raise InvalidOption(
                "journal_mode", self.journal_mode, f"must be one of {', '.join(JOURNAL_MODES)}"
            )
        if self.commit_every < 1:
            raise InvalidOption("commit_every", self.commit_every, "must be at least 1")
        if not self.commit_seconds > 0:
            raise InvalidOption("commit_seconds", self.commit_seconds, "must be positive")


def _insert(table: str, columns: Sequence[str], tail: str = "") -> str:
    names = ", ".join(columns)
    marks = ", ".join(f":{name}" for name in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) {tail}"


INSERT_OUTLET = _insert(
    "outlets",
    ("id", "name", "domain"),
    "ON CONFLICT (id) DO UPDATE SET domain = coalesce(outlets.domain, excluded.domain)",
)
INSERT_ARTICLE = _insert("articles", ARTICLE_COLUMNS, "ON CONFLICT DO NOTHING")
INSERT_QUOTE = _insert("quotes", QUOTE_COLUMNS)
UPSERT_SPEAKER = (
    "INSERT INTO speakers (id, name, key, kind, first_seen, last_seen, n_quotes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET n_quotes = n_quotes + excluded.n_quotes, "
    # min()/max() of a NULL is NULL in SQLite: an undated article must not erase a known date
    "first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen), "
    "last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen)"
)
INSERT_ALIAS = "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)"
INSERT_ROLE = "INSERT OR IGNORE INTO speaker_roles (speaker_id, role) VALUES (?, ?)"
UPSERT_ERROR = _insert(
    "ingest_errors",
    ("source", "code", "message", "at"),
    "ON CONFLICT (source, code) DO UPDATE SET message = excluded.message, at = excluded.at",
)
FIND_ARTICLE = (
    "SELECT id, url, content_hash, text_hash FROM articles "
    "WHERE id = ? OR content_hash = ? OR text_hash = ? OR url = ?"
)


class Store:
    """A corpus database. Writable stores are the single writer; see :class:`StoreOptions`."""

    def __init__(self, conn: sqlite3.Connection, path: str, options: StoreOptions) -> None:
        self.connection = conn
        self.path = path
        self.options = options
        self.pending = 0
        self.batch_started = 0.0

    @classmethod
    def open(
        cls, path: str | Path, *, readonly: bool = False, options: StoreOptions | None = None
    ) -> Store:
        """Open (creating and migrating when writable) the corpus at ``path``."""
        options = options or StoreOptions()
        if readonly:
            return cls(connect_readonly(path), str(path), options)
        return cls(connect_writer(path, journal_mode=options.journal_mode), str(path), options)

    # -- reads the writer needs ---------------------------------------------------------------
    def match(self, keys: ArticleKeys) -> Match:
        """Is this article new, stored already, or is its id taken by a different document?"""
        rows = self.connection.execute(
            FIND_ARTICLE, (keys.id, keys.content_hash, keys.text_hash, keys.url)
        ).fetchall()
        same = {keys.content_hash, keys.text_hash, keys.url} - {None}
        if any({url, content, text} & same for _, url, content, text in rows):
            return Match.SAME
        return Match.ID_TAKEN if rows else Match.NEW

    def has_url(self, url: str) -> bool:
        found = self.connection.execute(
            "SELECT 1 FROM articles WHERE url = ?", (canonical_url(url),)
        ).fetchone()
        return found is not None

    # -- writes ------------------------------------------------------------------------------
    def add(self, article: Article, quotes: Sequence[Quote]) -> Match:
        """Store an article with its quotes and speaker links, atomically; ``NEW`` when stored,
        otherwise what it matched (nothing is written then)."""
        keys = ArticleKeys.of(article)
        with self._document():
            outlet = outlet_row(article)
            if outlet is not None:
                self.connection.execute(INSERT_OUTLET, outlet)
            row = article_row(article, keys, outlet and outlet["id"], now_utc())
            if self.connection.execute(INSERT_ARTICLE, row).rowcount == 0:
                return self.match(keys)
            unique = list({quote_id(article.id, q): q for q in quotes}.values())
            links = self._add_speakers(link_speakers(unique), row["seen_date"])
            vias = self._add_relayers(link_vias(unique, links), row["seen_date"])
            self.connection.executemany(
                INSERT_QUOTE,
                [
                    quote_row(article.id, quote, link.id if link else None, via.id if via else None)
                    for quote, link, via in zip(unique, links, vias, strict=True)
                ],
            )
            self.connection.execute("DELETE FROM ingest_errors WHERE source = ?", (article.source,))
        return Match.NEW

    def _add_speakers(
        self, links: Sequence[SpeakerLink | None], seen: str | None
    ) -> list[SpeakerLink | None]:
        """Upsert each speaker once per article: quote count, dates, aliases and roles; a
        person named with or without middle names joins the stored record (identity.py rule
        4). Returns the links as stored."""
        links = [self._stored_variant(link) if link else None for link in links]
        first: dict[str, SpeakerLink] = {}
        counts: dict[str, int] = {}
        aliases: set[tuple[str, str]] = set()
        roles: set[tuple[str, str]] = set()
        for link in links:
            if link is None:
                continue
            first.setdefault(link.id, link)
            counts[link.id] = counts.get(link.id, 0) + 1
            aliases.update((link.id, alias) for alias in (link.name, link.alias) if alias)
            if link.role:
                roles.add((link.id, link.role))
        self.connection.executemany(
            UPSERT_SPEAKER,
            [(s.id, s.name, s.key, s.kind, seen, seen, counts[s.id]) for s in first.values()],
        )
        self.connection.executemany(INSERT_ALIAS, sorted(aliases))
        self.connection.executemany(INSERT_ROLE, sorted(self._new_roles(roles)))
        return links

    def _add_relayers(
        self, links: Sequence[SpeakerLink | None], seen: str | None
    ) -> list[SpeakerLink | None]:
        """Upsert the records of relaying parties: dates and the name as written, but no
        statement (a relay is counted by ``quotes.via_id``, not in ``n_quotes``)."""
        links = [self._stored_variant(link) if link else None for link in links]
        first = {link.id: link for link in reversed(links) if link is not None}
        self.connection.executemany(
            UPSERT_SPEAKER, [(s.id, s.name, s.key, s.kind, seen, seen, 0) for s in first.values()]
        )
        self.connection.executemany(INSERT_ALIAS, sorted({(s.id, s.name) for s in first.values()}))
        return links

    def _stored_variant(self, link: SpeakerLink) -> SpeakerLink:
        """The link re-pointed at a stored record of the same person under a name variant."""
        if link.kind != "person" or " " not in link.key:
            return link
        first_word = link.key.split()[0]
        known = [
            key
            for (key,) in self.connection.execute(
                # a range on the (key, kind) index: keys that begin with the word and a space
                "SELECT key FROM speakers WHERE key >= ? AND key < ? AND kind = 'person'",
                (f"{first_word} ", f"{first_word}!"),
            )
        ]
        target = variant_key(link.key, link.kind, known)
        if target is None:
            return link
        stored_id, stored_name = self.connection.execute(
            "SELECT id, name FROM speakers WHERE key = ? AND kind = 'person'", (target,)
        ).fetchone()
        if len(link.name.split()) > len(stored_name.split()):  # the record takes the fuller name
            self.connection.execute(
                "UPDATE speakers SET name = ? WHERE id = ?", (link.name, stored_id)
            )
        return replace(link, id=stored_id, key=target)

    def _new_roles(self, roles: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Roles not already stored under another spelling ("U.S. envoy" / "US envoy")."""
        out = set()
        for speaker, role in roles:
            stored = {
                normalise_name(r)
                for (r,) in self.connection.execute(
                    "SELECT role FROM speaker_roles WHERE speaker_id = ?", (speaker,)
                )
            }
            if normalise_name(role) not in stored and not any(
                s == speaker and normalise_name(r) == normalise_name(role) for s, r in out
            ):
                out.add((speaker, role))
        return out

    def add_failure(self, failure: Failure) -> None:
        """Record why a document was not stored; a re-run replaces, never repeats, the row."""
        with self._document():
            self.connection.execute(UPSERT_ERROR, {**failure.to_dict(), "at": now_utc()})

    @contextmanager
    def _document(self) -> Iterator[None]:
        """One document's writes: all or nothing, inside the current batch transaction."""
        if not self.connection.in_transaction:
            self._begin()
        self.connection.execute("SAVEPOINT document")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK TO document")
            self.connection.execute("RELEASE document")
            raise
        self.connection.execute("RELEASE document")
        self.pending += 1
        if (
            self.pending >= self.options.commit_every
            or time.monotonic() - self.batch_started >= self.options.commit_seconds
        ):
            self.commit()

    def _begin(self) -> None:
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:  # another writer held the lock past the timeout
            raise CorpusUnavailable(
                self.path, f"{err}; another process kept it locked for over {BUSY_TIMEOUT:g} s"
            ) from None
        self.batch_started = time.monotonic()

    def commit(self) -> None:
        """End the open batch, if any: cheap to call whenever the writer is about to wait."""
        if self.connection.in_transaction:
            try:
                self.connection.execute("COMMIT")
            except sqlite3.OperationalError as err:  # a reader's lock past the timeout, disk full
                raise CorpusUnavailable(self.path, str(err)) from None
        self.pending = 0

    def close(self) -> None:
        """Commit the open batch (it holds only whole documents) and close."""
        try:
            self.commit()
        finally:
            self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
