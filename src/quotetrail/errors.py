"""Every error quotetrail raises on bad input, with one code and one message each.

Batch drivers catch :class:`InputError`, record ``code`` and ``str(err)`` and move on, so a
single bad document never stops a run.
"""

from __future__ import annotations


class QuotetrailError(Exception):
    """Base class: ``code`` is stable and machine-readable, the message is for people."""

    code = "E000"


class InputError(QuotetrailError):
    """A document that cannot be processed; the batch records it and continues."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"

    def __init__(self, source: str = "<text>") -> None:
        super().__init__(f"{source}: the document is empty (no text after reading)")


class BinaryInput(InputError):
    code = "E102"

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: looks binary, not text ({detail})")


class EncodingFailure(InputError):
    code = "E103"

    def __init__(self, source: str, position: int, encoding: str) -> None:
        super().__init__(
            f"{source}: not valid {encoding} at byte {position}; "
            "re-encode the file as UTF-8 or pass --encoding"
        )


class TooLarge(InputError):
    code = "E104"

    def __init__(self, source: str, size: int, limit: int) -> None:
        super().__init__(
            f"{source}: {size:,} characters is over the limit of {limit:,} "
            "(raise it with --max-chars)"
        )


class NotEnglish(InputError):
    code = "E105"

    def __init__(self, source: str, ratio: float) -> None:
        super().__init__(
            f"{source}: does not look like English (only {ratio:.0%} of words are common "
            "English words); quotetrail extracts from English news"
        )


class MalformedRecord(InputError):
    code = "E106"

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: malformed record ({detail})")


class ExtractionTimeout(InputError):
    code = "E107"

    def __init__(self, source: str, seconds: float) -> None:
        super().__init__(f"{source}: HTML extraction took longer than {seconds:g} s")


class NoBody(InputError):
    code = "E108"

    def __init__(self, source: str) -> None:
        super().__init__(f"{source}: no article body could be extracted from the page")


class TooLargeBytes(TooLarge):
    """Refused from the byte count alone, before decoding: those bytes cannot fit the limit."""

    def __init__(self, source: str, size: int | None, limit: int) -> None:
        amount = f" {size:,} bytes is" if size is not None else ""  # None: not read to its end
        InputError.__init__(
            self,
            f"{source}:{amount} over the read limit of {limit:,} bytes "
            "that --max-chars sets (raise it with --max-chars)",
        )


class UnreadableSource(InputError):
    code = "E109"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: cannot be read ({reason})")


class ExtractionFailed(InputError):
    """An unexpected error inside extraction for one document; the batch goes on without it."""

    code = "E110"

    def __init__(self, detail: str) -> None:
        super().__init__(f"extraction failed on this document ({detail}); please report it")


class InvalidUnicode(InputError):
    """A lone surrogate (``"\\ud800"`` in JSON): no encoder, SQLite or spaCy accepts it."""

    code = "E114"

    def __init__(self, source: str, field: str, position: int, char: str) -> None:
        super().__init__(
            f"{source}: {field} is not valid Unicode (lone surrogate U+{ord(char):04X} at "
            f"character {position}); fix the text's encoding"
        )


class NotAFile(InputError):
    """A FIFO, device or socket met as a source: reading it could block or never end."""

    code = "E115"

    def __init__(self, source: str, kind: str) -> None:
        super().__init__(f"{source}: not a regular file ({kind}); only regular files are read")


class LinkOutside(InputError):
    """A symbolic link inside a folder that points out of it (to ``/etc/passwd``, say)."""

    code = "E116"

    def __init__(self, source: str, root: str) -> None:
        super().__init__(
            f"{source}: a symbolic link that leads out of the folder {root}; not followed"
        )


class TooCostly(InputError):
    """A document whose parsing would take far too long (a pathological run of marks), or that
    ran over the per-document time budget."""

    code = "E117"

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: refused, too costly to parse ({detail})")


class PipelineNotFound(QuotetrailError):
    code = "E200"

    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; run `make demo` (installs the default) "
            "or install an official English pipeline and pass its name with --model"
        )


class HttpStatusError(InputError):
    """A URL answered with an HTTP error status; ``status`` carries it for callers that retry."""

    code = "E111"

    def __init__(self, source: str, status: int, reason: str) -> None:
        self.status = status
        super().__init__(f"{source}: the server answered HTTP {status} {reason}".rstrip())


class NotAPage(InputError):
    code = "E112"

    def __init__(self, source: str, media_type: str, wanted: str = "an HTML page") -> None:
        super().__init__(
            f"{source}: the response is {media_type or 'of no declared type'}, not {wanted}"
        )


class FetchFailed(InputError):
    """The request itself failed (DNS, refused connection, time limit, broken compression)."""

    code = "E113"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: could not be fetched ({reason})")


class Skipped(InputError):
    """Not an error: a source deliberately left unread, recorded as a skip (codes ``S1xx``)."""

    code = "S100"


class Unchanged(Skipped):
    code = "S101"

    def __init__(self, source: str) -> None:
        super().__init__(f"{source}: unchanged since it was last read (HTTP 304), skipped")


class NotAnArticleRecord(Skipped):
    """A WARC response that is not a page to read: an image, a redirect, a 404 capture."""

    code = "S102"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: skipped, {reason}")


# -- corpus (the SQLite store): E3xx ----------------------------------------------------------
class CorpusError(QuotetrailError):
    """A corpus database that cannot be used as asked; the command stops (exit status 2)."""

    code = "E300"


class CorpusNotFound(CorpusError):
    code = "E301"

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: no corpus database here; create one with `quotetrail ingest`")


class NotACorpus(CorpusError):
    code = "E302"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: not a quotetrail corpus database ({detail})")


class SchemaTooNew(CorpusError):
    code = "E303"

    def __init__(self, path: str, found: int, supported: int) -> None:
        super().__init__(
            f"{path}: schema version {found} is newer than this quotetrail understands "
            f"({supported}); upgrade quotetrail"
        )


class SchemaOutdated(CorpusError):
    code = "E304"

    def __init__(self, path: str, found: int, latest: int) -> None:
        super().__init__(
            f"{path}: schema version {found} is older than {latest} and a read-only connection "
            "cannot migrate it; run `quotetrail ingest` on it once (it migrates on open)"
        )


class CorpusUnavailable(CorpusError):
    """SQLite could not open or migrate the file: locked past the timeout, read-only, full."""

    code = "E305"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: the corpus database cannot be used ({detail})")


class ArticleIdTaken(InputError):
    """Two different documents claim one id (say, two JSONL dumps that both number from 1)."""

    code = "E310"

    def __init__(self, source: str, article_id: str) -> None:
        super().__init__(
            f"{source}: article id {article_id!r} is already stored for a different document "
            "(different URL and content); give the record a unique id"
        )


class WorkerCrashed(QuotetrailError):
    """An extraction worker process died (out of memory, killed); committed work is kept."""

    code = "E320"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"an extraction worker process died ({detail}); everything committed so far is "
            "kept: run the same command again to finish"
        )
