"""The job's inputs: which files a run covers, and each file's Articles and Failures.

A run is given a glob, a folder or a manifest (one path or URI per line, as Common Crawl
publishes ``warc.paths``); each resulting file is one unit of work, read whole by one task.
Local files are read in place by the project's readers, so sources are named exactly as
``quotetrail extract PATH`` names them. A URI (``s3://``, ``gs://``, ``hdfs://``, ``file://``
through pyarrow's filesystems; ``http(s)://`` by download) is copied to a local temporary file
first, as cc-pyspark does, and its records are named after the URI, not the copy.
Parquet files (columns ``id``, ``text`` and optionally ``url``, ``title``, ``outlet``,
``published``, ``authors``) follow the JSON Lines rules, one row per record.
Hadoop's ``s3a://`` names are accepted for ``s3://``, so one manifest serves Spark and the tasks.
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import json
import os
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from quotetrail.errors import MalformedRecord, NoInputs, UnreadableSource
from quotetrail.read import ReadOptions, check_text, read_sources
from quotetrail.read.failure import attempt
from quotetrail.records import Article, Failure

__all__ = ["INPUT_SUFFIXES", "read_input", "read_parquet", "resolve_inputs"]

INPUT_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".parquet")
DOWNLOAD_TIMEOUT = 60.0
PARQUET_BATCH_ROWS = 256
OPTIONAL_FIELDS = ("url", "title", "outlet", "published")
HADOOP_SCHEMES = {"s3a": "s3", "s3n": "s3"}


def resolve_inputs(spec: str) -> list[str]:
    """The input files of ``spec``, in a stable order, each once.

    A spec with glob characters is a glob; an existing folder means its input files; a file or
    URI that is not itself an input (by suffix) is a manifest, whose relative entries are
    relative to the manifest's folder; anything else is one input path or URI.
    """
    if glob.has_magic(spec):
        found = sorted(p for p in glob.glob(spec, recursive=True) if os.path.isfile(p))
    elif os.path.isdir(spec):
        found = sorted(str(p) for p in Path(spec).rglob("*") if p.is_file() and _is_input(p.name))
    elif os.path.isfile(spec) and not _is_input(spec):
        found = _manifest(Path(spec).read_text(encoding="utf-8"), str(Path(spec).parent))
    elif _is_uri(spec) and not _is_input(spec):  # a manifest in the cloud: read it from a copy
        with tempfile.TemporaryDirectory(prefix="quotetrail-") as folder:
            _download(spec, os.path.join(folder, "manifest"))
            text = Path(folder, "manifest").read_text(encoding="utf-8")
        found = _manifest(text, spec.rsplit("/", 1)[0])
    else:
        found = [spec] if _is_uri(spec) or os.path.isfile(spec) else []
    if not found:
        raise NoInputs(spec)
    return list(dict.fromkeys(found))


def _is_input(name: str) -> bool:
    return name.lower().endswith(INPUT_SUFFIXES)


def _is_uri(path: str) -> bool:
    return "://" in path


def _manifest(text: str, base: str) -> list[str]:
    """Entries of a manifest; a relative one is relative to the manifest's folder (``base``)."""
    lines = (line.strip() for line in text.splitlines())
    entries = [line for line in lines if line and not line.startswith("#")]
    return [e if _is_uri(e) or os.path.isabs(e) else f"{base}/{e}" for e in entries]


def read_input(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Every Article and Failure of one input; a URI is read from a local copy."""
    if not _is_uri(path):
        yield from _read_local(path, options)
        return
    suffix = next((s for s in INPUT_SUFFIXES if path.lower().endswith(s)), "")
    with tempfile.TemporaryDirectory(prefix="quotetrail-") as folder:
        local = os.path.join(folder, "input" + suffix)
        try:
            _download(path, local)
        except (OSError, ValueError) as err:
            yield Failure.from_error(path, UnreadableSource(path, str(err)))
            return
        for item in _read_local(local, options):
            yield _renamed(item, local, path)


def _read_local(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    if path.lower().endswith(".parquet"):
        yield from read_parquet(path, options)
    else:
        yield from read_sources([path], options=options)


def _download(uri: str, target: str) -> None:
    if uri.lower().startswith(("http://", "https://")):
        request = urllib.request.Request(uri, headers={"User-Agent": ReadOptions().user_agent})
        source = urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT)
    else:
        import pyarrow.fs as pafs

        scheme, rest = uri.split("://", 1)
        scheme = HADOOP_SCHEMES.get(scheme.lower(), scheme)  # s3a:// is Hadoop's name for s3://
        filesystem, where = pafs.FileSystem.from_uri(f"{scheme}://{rest}")
        source = filesystem.open_input_stream(where)
    with source, open(target, "wb") as out:
        shutil.copyfileobj(source, out, length=1 << 20)


def _renamed(item: Article | Failure, local: str, uri: str) -> Article | Failure:
    """Name records after the URI they came from, not the temporary copy."""
    source = uri + item.source.removeprefix(local)
    if isinstance(item, Failure):
        return dataclasses.replace(item, source=source, message=item.message.replace(local, uri))
    return dataclasses.replace(item, source=source)


def read_parquet(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Rows of a Parquet file as Articles (``path#row-N``, N from 1); a bad row is a Failure."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
        present = set(file.schema_arrow.names)
        if missing := {"id", "text"} - present:
            raise MalformedRecord(path, f"no {' or '.join(sorted(missing))} column")
        wanted = [c for c in ("id", "text", *OPTIONAL_FIELDS, "authors") if c in present]
        batches = file.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted)
    except (OSError, pa.ArrowException) as err:
        yield Failure.from_error(path, UnreadableSource(path, str(err)))
        return
    except MalformedRecord as err:
        yield Failure.from_error(path, err)
        return
    number = 0
    for batch in batches:
        for row in batch.to_pylist():
            number += 1
            source = f"{path}#row-{number}"
            yield attempt(source, lambda row=row, source=source: _article(row, source, options))


def _article(row: dict[str, Any], source: str, options: ReadOptions) -> Article:
    record_id, text = row.get("id"), row.get("text")
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        record_id = str(record_id)
    if not isinstance(record_id, str) or not record_id:
        raise MalformedRecord(source, '"id" must be a non-empty string or an integer')
    if not isinstance(text, str):
        raise MalformedRecord(source, '"text" must be a string')
    fields = {name: _optional(row.get(name), name, source) for name in OPTIONAL_FIELDS}
    authors = row.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not all(isinstance(name, str) for name in authors):
        raise MalformedRecord(source, '"authors" must be a list of strings, a string or null')
    canonical = json.dumps(row, sort_keys=True, default=str).encode("utf-8", "surrogatepass")
    return Article(
        id=record_id,
        text=check_text(text, source, max_chars=options.max_chars),
        source=source,
        authors=tuple(name for name in authors if name.strip()),
        content_hash=hashlib.sha256(canonical).hexdigest(),
        **fields,
    )


def _optional(value: object, name: str, source: str) -> str | None:
    if isinstance(value, date):  # a date or timestamp column: its ISO form
        return value.isoformat()
    if value is not None and not isinstance(value, str):
        raise MalformedRecord(source, f'"{name}" must be a string, a date or null')
    return value or None
