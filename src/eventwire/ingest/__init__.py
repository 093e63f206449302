"""Ingest: turn files, rows and records into ``Article`` records (or ``ArticleError``)."""

from eventwire.ingest.readers import ReadOptions, iter_inputs, make_article

__all__ = ["ReadOptions", "iter_inputs", "make_article"]
