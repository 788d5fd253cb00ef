"""Sources to corpus: orders reading, extraction (in process or in workers) and storing.

The one entry point is :func:`ingest`; ``quotetrail ingest`` is its command line.
"""

from quotetrail.corpus.db import DEFAULT_DB
from quotetrail.ingest.options import IngestOptions
from quotetrail.ingest.run import IngestReport, Outcome, ingest

__all__ = ["DEFAULT_DB", "IngestOptions", "IngestReport", "Outcome", "ingest"]
