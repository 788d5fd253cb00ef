"""The corpus tables, as data: one tuple of SQL statements per schema version.

Nothing here runs SQL; :mod:`quotetrail.corpus.migrations` applies these in order. A released
version's statements never change: a new column or index is a new version appended below.

Identity is deterministic everywhere (article id from the readers, quote id from the article and
the content offsets, speaker id from the kind and normalised name, outlet id from the name), so
re-ingesting writes the same keys and a unique constraint turns a repeat into a no-op.
"""

from __future__ import annotations

# Version 1: the records. Lists (authors) are JSON text; aliases and roles, which grow one at a
# time, are rows, so adding one is an idempotent INSERT rather than a read-modify-write.
V1_TABLES: tuple[str, ...] = (
    """CREATE TABLE outlets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        domain TEXT
    )""",
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT UNIQUE,
        title TEXT,
        outlet_id TEXT REFERENCES outlets (id),
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        text_hash TEXT NOT NULL UNIQUE,
        ingested_at TEXT NOT NULL,
        seen_date TEXT NOT NULL
    )""",
    "CREATE INDEX articles_seen_date ON articles (seen_date)",
    "CREATE INDEX articles_outlet ON articles (outlet_id)",
    """CREATE TABLE speakers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        n_quotes INTEGER NOT NULL DEFAULT 0,
        UNIQUE (key, kind)
    )""",
    """CREATE TABLE speaker_aliases (
        speaker_id TEXT NOT NULL REFERENCES speakers (id),
        alias TEXT NOT NULL,
        PRIMARY KEY (speaker_id, alias)
    ) WITHOUT ROWID""",
    "CREATE INDEX speaker_aliases_alias ON speaker_aliases (alias COLLATE NOCASE)",
    """CREATE TABLE speaker_roles (
        speaker_id TEXT NOT NULL REFERENCES speakers (id),
        role TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (speaker_id, role)
    ) WITHOUT ROWID""",
    # seq is the rowid made explicit: VACUUM may renumber an implicit rowid, and the full-text
    # index (version 2) refers to quotes by rowid.
    """CREATE TABLE quotes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        article_id TEXT NOT NULL REFERENCES articles (id),
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        content_text TEXT NOT NULL,
        cue_start INTEGER,
        cue_end INTEGER,
        cue_text TEXT,
        cue_lemma TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_text TEXT,
        speaker_name TEXT,
        speaker_kind TEXT,
        speaker_role TEXT,
        via TEXT,
        speaker_id TEXT REFERENCES speakers (id)
    )""",
    "CREATE INDEX quotes_article ON quotes (article_id)",
    "CREATE INDEX quotes_speaker ON quotes (speaker_id)",
    """CREATE TABLE ingest_errors (
        source TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (source, code)
    ) WITHOUT ROWID""",
)

# Version 2: full-text search over quote content. External content (the text lives once, in
# quotes) kept in step by triggers, so every writer, now or later, maintains it in the same
# transaction as the quote. Porter stemming: "repairs" finds "repair".
V2_FULL_TEXT: tuple[str, ...] = (
    """CREATE VIRTUAL TABLE quotes_fts USING fts5 (
        content_text, content = 'quotes', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, content_text) VALUES (new.seq, new.content_text);
    END""",
    """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, content_text)
        VALUES ('delete', old.seq, old.content_text);
    END""",
    """CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content_text ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, content_text)
        VALUES ('delete', old.seq, old.content_text);
        INSERT INTO quotes_fts (rowid, content_text) VALUES (new.seq, new.content_text);
    END""",
    "INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')",  # quotes stored before v2
)

# Version 3: provenance results, recomputed as a whole by `quotetrail provenance` (they depend on
# the whole corpus, so they are replaced, never patched). Passages are JSON lists of
# [source_start, source_end, copy_start, copy_end, verbatim, quoted].
V3_PROVENANCE: tuple[str, ...] = (
    """CREATE TABLE provenance_pairs (
        source_id TEXT NOT NULL REFERENCES articles (id),
        copy_id TEXT NOT NULL REFERENCES articles (id),
        label TEXT NOT NULL,
        source_in_copy REAL NOT NULL,
        copy_in_source REAL NOT NULL,
        direction TEXT NOT NULL,
        verbatim_share REAL NOT NULL,
        reason TEXT NOT NULL,
        passages TEXT NOT NULL,
        PRIMARY KEY (source_id, copy_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX provenance_pairs_copy ON provenance_pairs (copy_id)",
    """CREATE TABLE quote_clusters (
        cluster INTEGER NOT NULL,
        quote_id TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id),
        PRIMARY KEY (cluster, quote_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX quote_clusters_quote ON quote_clusters (quote_id)",
    """CREATE TABLE provenance_runs (
        at TEXT NOT NULL,
        articles INTEGER NOT NULL,
        pairs INTEGER NOT NULL,
        clusters INTEGER NOT NULL,
        seconds REAL NOT NULL
    )""",
)

#: Tables every corpus has; a file with other tables and no version is not ours.
CORE_TABLES = ("articles", "outlets", "quotes", "speakers", "ingest_errors")

# Version 4: how sure the finder was of each statement (Quote.confidence); NULL for quotes
# stored before it, and for quotations given to the speaker in focus.
V4_CONFIDENCE: tuple[str, ...] = ("ALTER TABLE quotes ADD COLUMN confidence REAL",)

# Version 5: unknown dates stay unknown. Before, an article with no published date took the day
# it was ingested as its date (`seen_date`), and so did its speakers' first/last seen; now those
# are NULL, and when it was read is only `ingested_at`. SQLite cannot drop a NOT NULL constraint,
# so each column is renamed, re-added without it, refilled and the old one dropped. The date is
# kept only where `published` is a valid ISO date (what the writer stored from it before).
V5_UNKNOWN_DATES: tuple[str, ...] = (
    "DROP INDEX articles_seen_date",
    "ALTER TABLE articles RENAME COLUMN seen_date TO seen_date_v4",
    "ALTER TABLE articles ADD COLUMN seen_date TEXT",
    """UPDATE articles SET seen_date = seen_date_v4
        WHERE date(substr(trim(published), 1, 10)) = substr(trim(published), 1, 10)""",
    "ALTER TABLE articles DROP COLUMN seen_date_v4",
    "CREATE INDEX articles_seen_date ON articles (seen_date)",
    "ALTER TABLE speakers RENAME COLUMN first_seen TO first_seen_v4",
    "ALTER TABLE speakers RENAME COLUMN last_seen TO last_seen_v4",
    "ALTER TABLE speakers ADD COLUMN first_seen TEXT",
    "ALTER TABLE speakers ADD COLUMN last_seen TEXT",
    """UPDATE speakers SET
        first_seen = (SELECT min(a.seen_date) FROM quotes q JOIN articles a ON a.id = q.article_id
                      WHERE q.speaker_id = speakers.id),
        last_seen = (SELECT max(a.seen_date) FROM quotes q JOIN articles a ON a.id = q.article_id
                     WHERE q.speaker_id = speakers.id)""",
    "ALTER TABLE speakers DROP COLUMN first_seen_v4",
    "ALTER TABLE speakers DROP COLUMN last_seen_v4",
)

# Version 6: which kind of attribution each quote is (Quote.attribution): "communicated" (a
# statement) or "belief" (a belief, plan or stance, stored only by an ingest with --scope all).
# Quotes stored before it were found with the wide notion; they read as "communicated".
V6_ATTRIBUTION: tuple[str, ...] = (
    "ALTER TABLE quotes ADD COLUMN attribution TEXT NOT NULL DEFAULT 'communicated' "
    "CHECK (attribution IN ('communicated', 'belief'))",
)

# Version 7: cross-article links (``quotetrail link``). Merges, clusters and take-backs are
# recomputed as a whole by each run (they depend on the whole corpus); splits are the user's
# word that two records are two people and outlive every run. Evidence is JSON for people.
V7_LINKING: tuple[str, ...] = (
    """CREATE TABLE speaker_merges (
        speaker_id TEXT PRIMARY KEY REFERENCES speakers (id),
        into_id TEXT NOT NULL REFERENCES speakers (id),
        score REAL NOT NULL,
        evidence TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX speaker_merges_into ON speaker_merges (into_id)",
    """CREATE TABLE speaker_splits (
        a_id TEXT NOT NULL,
        b_id TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (a_id, b_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE utterance_clusters (
        id TEXT PRIMARY KEY,
        speaker_id TEXT,
        first_quote_id TEXT NOT NULL,
        first_article_id TEXT NOT NULL,
        first_published TEXT,
        decided INTEGER NOT NULL,
        n_renderings INTEGER NOT NULL,
        n_articles INTEGER NOT NULL,
        outlets TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX utterance_clusters_speaker ON utterance_clusters (speaker_id)",
    """CREATE TABLE utterances (
        quote_id TEXT PRIMARY KEY,
        cluster TEXT NOT NULL,
        article_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        score REAL NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX utterances_cluster ON utterances (cluster, position)",
    "CREATE INDEX utterances_article ON utterances (article_id)",
    """CREATE TABLE takes_back (
        quote_id TEXT PRIMARY KEY,
        cluster TEXT NOT NULL,
        article_id TEXT NOT NULL,
        sense TEXT NOT NULL,
        score REAL NOT NULL,
        evidence TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX takes_back_cluster ON takes_back (cluster)",
    """CREATE TABLE linking_runs (
        at TEXT NOT NULL,
        articles INTEGER NOT NULL,
        quotes INTEGER NOT NULL,
        merges INTEGER NOT NULL,
        clusters INTEGER NOT NULL,
        takes_back INTEGER NOT NULL,
        seconds REAL NOT NULL
    )""",
)

# Version 8: the relaying party of a quote ("told VG", "according to Reuters") as a speaker
# record, so an outlet met in many articles is one record: ``via_id`` (its record; a person who
# relays another keeps their own record) and ``via_kind``. Quotes stored before it are linked
# here: to the record of a party that also speaks in the same article, else to an outlet record
# keyed like every other speaker (quotetrail_name_key / quotetrail_speaker_id are the store's
# own Python functions, registered on the connection by the migration).
V8_VIA: tuple[str, ...] = (
    "ALTER TABLE quotes ADD COLUMN via_kind TEXT",
    "ALTER TABLE quotes ADD COLUMN via_id TEXT REFERENCES speakers (id)",
    "CREATE INDEX quotes_via ON quotes (via_id)",
    """UPDATE quotes SET (via_id, via_kind) = (
        SELECT o.speaker_id, o.speaker_kind FROM quotes o
        WHERE o.article_id = quotes.article_id AND o.speaker_name = quotes.via
            AND o.speaker_id IS NOT NULL ORDER BY o.seq LIMIT 1)
    WHERE via IS NOT NULL""",
    """INSERT INTO speakers (id, name, key, kind, first_seen, last_seen, n_quotes)
    SELECT quotetrail_speaker_id('outlet', quotetrail_name_key(q.via)), min(q.via),
        quotetrail_name_key(q.via), 'outlet', min(a.seen_date), max(a.seen_date), 0
    FROM quotes q JOIN articles a ON a.id = q.article_id
    WHERE q.via IS NOT NULL AND q.via_id IS NULL AND quotetrail_name_key(q.via) <> ''
        AND q.via GLOB '*[A-Z]*'
    GROUP BY quotetrail_name_key(q.via)
    ON CONFLICT (id) DO UPDATE SET
        first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen,
                              excluded.first_seen),
        last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen)""",
    """UPDATE quotes SET via_kind = 'outlet',
        via_id = quotetrail_speaker_id('outlet', quotetrail_name_key(via))
    WHERE via IS NOT NULL AND via_id IS NULL AND quotetrail_name_key(via) <> ''
        AND via GLOB '*[A-Z]*'""",
    """INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias)
    SELECT DISTINCT via_id, via FROM quotes WHERE via_id IS NOT NULL AND via_kind = 'outlet'""",
)

# A person's aliases are ways of naming them: drop those that are not ("Thirty percent", "Trump
# supporters", "aides to Clinton"), as ingest now keeps them out (``identity.is_name_of``).
V9_PERSON_ALIASES: tuple[str, ...] = (
    """DELETE FROM speaker_aliases
    WHERE speaker_id IN (SELECT id FROM speakers WHERE kind = 'person')
        AND NOT quotetrail_is_name_of(
            alias, (SELECT s.key FROM speakers s WHERE s.id = speaker_aliases.speaker_id))""",
)
