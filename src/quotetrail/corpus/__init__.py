"""The corpus: a SQLite store of articles, quotes and speakers, and the queries over it.

Writes go through one :class:`Store` (the single writer, batched transactions); everything else
reads through read-only connections (:func:`connect_readonly`, :mod:`quotetrail.corpus.queries`).
Ingesting sources into a store is :func:`quotetrail.ingest.ingest` (package ``quotetrail.ingest``).
"""

from __future__ import annotations

from quotetrail.corpus.db import connect_readonly
from quotetrail.corpus.identity import SpeakerLink, link_speakers, normalise_name
from quotetrail.corpus.keys import ArticleKeys, Match
from quotetrail.corpus.migrations import LATEST, MIGRATIONS, migrate, schema_version
from quotetrail.corpus.store import Store, StoreOptions

__all__ = [
    "LATEST",
    "MIGRATIONS",
    "ArticleKeys",
    "Match",
    "SpeakerLink",
    "Store",
    "StoreOptions",
    "connect_readonly",
    "link_speakers",
    "migrate",
    "normalise_name",
    "schema_version",
]
