"""``quotetrail load DIR``: the Spark job's Parquet tables into the corpus store.

Rows go through :meth:`quotetrail.corpus.store.Store.add`, the ingester's own write path, so the
same rules hold: an article already stored (same URL, content hash or text) is stored once, an
id claimed by a different document is an error, quotes are keyed by their deterministic id and
speakers are linked as at ingest. Loading twice therefore changes nothing the second time.

Memory stays bounded by one partition: articles and quotes are read a ``(date, input)``
directory at a time (a quote sits in its article's partition), in sorted order, so the same
tables always load the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotetrail.corpus.keys import Match
from quotetrail.corpus.store import Store, StoreOptions
from quotetrail.errors import ArticleIdTaken, NotJobOutput
from quotetrail.records import Article, CueSpan, Failure, Quote, Span
from quotetrail.spark.schema import Table, arrow_schema

__all__ = ["LoadReport", "load"]

BATCH_ROWS = 1_000
HIDDEN = (".", "_")


@dataclass(slots=True)
class LoadReport:
    """``stored``: new articles; ``duplicates``: articles the store had (or a repeat within the
    tables); ``failed``: error rows plus id conflicts, each now in ``ingest_errors``."""

    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    quotes: int = 0

    def summary(self) -> str:
        return (
            f"stored {self.stored:,} articles ({self.quotes:,} quotes), duplicates "
            f"{self.duplicates:,}, failed {self.failed:,}"
        )


def load(
    directory: str | Path, db_path: str | Path, options: StoreOptions | None = None
) -> LoadReport:
    """Load ``directory/{articles,quotes,errors}`` into the corpus at ``db_path``."""
    root = Path(directory)
    if not (root / "articles").is_dir():
        raise NotJobOutput(str(directory))
    quote_files = _partitions(root, "quotes")
    report = LoadReport()
    with Store.open(db_path, options=options) as store:
        for part, files in sorted(_partitions(root, "articles").items()):
            quotes = _quotes_by_article(quote_files.get(part, []))
            for row in _rows("articles", files):
                article = _article(row)
                found = [_quote(q, article.text) for q in quotes.get(article.id, [])]
                match = store.add(article, found)
                if match is Match.NEW:
                    report.stored += 1
                    report.quotes += len(found)
                elif match is Match.SAME:
                    report.duplicates += 1
                else:
                    taken = ArticleIdTaken(article.source, article.id)
                    store.add_failure(Failure.from_error(article.source, taken))
                    report.failed += 1
        for _, files in sorted(_partitions(root, "errors").items()):
            for row in _rows("errors", files):
                store.add_failure(Failure(row["source"], row["code"], row["message"]))
                report.failed += 1
    return report


def _partitions(root: Path, table: Table) -> dict[tuple[str, ...], list[str]]:
    """A table's data files by partition directory (``date=.../input=...``), each sorted.

    Hidden and ``_`` names (Spark's ``_SUCCESS``, ``.crc`` files, staging folders) are not data.
    """
    folder = root / table
    files: dict[tuple[str, ...], list[str]] = defaultdict(list)
    if not folder.is_dir():
        return {}
    for path in folder.rglob("*.parquet"):
        parts = path.relative_to(folder).parts
        if any(part.startswith(HIDDEN) for part in parts):
            continue
        files[parts[:-1]].append(str(path))
    return {part: sorted(paths) for part, paths in files.items()}


def _rows(table: Table, files: list[str]) -> Iterator[dict[str, Any]]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(files, schema=arrow_schema(table, partitions=False), format="parquet")
    for batch in dataset.to_batches(batch_size=BATCH_ROWS):
        yield from batch.to_pylist()


def _quotes_by_article(files: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows("quotes", files) if files else ():
        found[row["article_id"]].append(row)
    return found


def _article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        outlet=row["outlet"],
        authors=tuple(row["authors"] or ()),
        published=row["published"],
        content_hash=row["content_hash"],
    )


def _quote(row: dict[str, Any], text: str) -> Quote:
    """A Quote again; the cue and speaker texts are the article's text at their offsets."""
    cue_start, cue_end = row["cue_start"], row["cue_end"]
    speaker_start, speaker_end = row["speaker_start"], row["speaker_end"]
    cue = None
    if cue_start is not None and cue_end is not None:
        cue = CueSpan(cue_start, cue_end, text[cue_start:cue_end], row["cue_lemma"] or "")
    speaker = None
    if speaker_start is not None and speaker_end is not None:
        speaker = Span(speaker_start, speaker_end, text[speaker_start:speaker_end])
    return Quote(
        kind=row["kind"],
        content=Span(row["content_start"], row["content_end"], row["content_text"]),
        cue=cue,
        speaker=speaker,
        speaker_name=row["speaker_name"],
        speaker_kind=row["speaker_kind"],
        speaker_role=row["speaker_role"],
        via=row["via"],
        via_kind=row.get("via_kind"),
        confidence=row.get("confidence"),
        attribution=row.get("attribution") or "communicated",
    )
