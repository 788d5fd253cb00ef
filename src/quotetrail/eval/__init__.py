"""Scorers against gold attribution corpora (``quotetrail eval``)."""
