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

    def __init__(self, source: str, size: int, limit: int) -> None:
        InputError.__init__(
            self,
            f"{source}: {size:,} bytes is over the read limit of {limit:,} bytes "
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


class PipelineNotFound(QuotetrailError):
    code = "E200"

    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; run `make demo` (installs the default) "
            "or install an official English pipeline and pass its name with --model"
        )
