"""The file ``spark-submit`` runs: ``spark-submit .../quotetrail/spark/submit.py --input ...``.

spark-submit runs a file rather than the ``quotetrail`` script; this one hands its arguments to
the same ``extract`` command line (:func:`quotetrail.spark.cli.submit_main`).
"""

from __future__ import annotations

import sys

from quotetrail.spark.cli import submit_main

if __name__ == "__main__":
    raise SystemExit(submit_main(sys.argv[1:]))
