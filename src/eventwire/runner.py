"""Batch runner: read inputs, skip what the store has, code the rest, write per batch.

This is the one per-batch function that the local command and (later) the Dask engine
share, so that every engine gives the same store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from eventwire.ingest.readers import Item, ReadOptions, iter_inputs
from eventwire.pipeline import Coder, CodeOptions, error_result
from eventwire.records import Article, ArticleError
from eventwire.store import EventStore, IngestSummary

logger = logging.getLogger(__name__)

#: Articles per store transaction: small enough that a kill loses little, large enough
#: that DuckDB's per-transaction cost is amortised.
BATCH_SIZE = 64


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_batch(coder: Coder, store: EventStore, batch: list[Item], summary: IngestSummary) -> None:
    """Code the new articles of one batch and store them with the batch's errors, in one transaction."""
    known = store.known_hashes([i.content_hash for i in batch if isinstance(i, Article)])
    todo: list[Article | ArticleError] = []
    seen: set[str] = set()
    for item in batch:
        if isinstance(item, Article) and (item.content_hash in known or item.content_hash in seen):
            summary.skipped_existing += 1
            continue
        if isinstance(item, Article):
            seen.add(item.content_hash)
        todo.append(item)
    results = list(coder.code_batch(todo))
    pairs = []
    for item, result in zip(todo, results):
        article = item if isinstance(item, Article) else None
        if result.errors:
            summary.failed += 1
            summary.errors.extend(result.errors)
        else:
            summary.coded += 1
            summary.events += len(result.events)
        pairs.append((article, result))
    store.write_batch(pairs)


def run_ingest(paths: Iterable[str | Path], db: str | Path, *, read: ReadOptions = ReadOptions(),
               code: CodeOptions = CodeOptions(), coder: Coder | None = None,
               progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Code every input under ``paths`` into the store ``db``; returns what was done."""
    summary = IngestSummary()
    coder = coder or Coder(code)
    with EventStore(db) as store:
        for batch in batched(iter_inputs(paths, read), BATCH_SIZE):
            summary.read += len(batch)
            ingest_batch(coder, store, batch, summary)
            if progress:
                progress(len(batch))
    return summary


__all__ = ["BATCH_SIZE", "batched", "error_result", "ingest_batch", "run_ingest"]
