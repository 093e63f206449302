"""Batch runner: read inputs, skip what the store has, code the rest, write per batch.

``code_items`` is the one coding function that the local command (one or several
processes) and the Dask engine share, so that every engine gives the same store.
"""

from __future__ import annotations

import logging
import multiprocessing
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path

from eventwire.ingest.readers import Item, ReadOptions, iter_inputs
from eventwire.pipeline import CodeOptions, Coder
from eventwire.records import Article, DocumentResult
from eventwire.store import EventStore, IngestSummary
from eventwire.store.registry import rebuild_registry, registry_rows, write_overrides
from eventwire.store.rollups import refresh_rollups, rollups_current

logger = logging.getLogger(__name__)

#: Articles per store transaction: small enough that a kill loses little, large enough
#: that DuckDB's per-transaction cost is amortised.
BATCH_SIZE = 64

_worker_coder: Coder | None = None


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _init_worker(options: CodeOptions) -> None:
    global _worker_coder
    _worker_coder = Coder(options)
    _worker_coder.warm_up()


def _code_in_worker(items: list[Item]) -> list[DocumentResult]:
    assert _worker_coder is not None, "worker used before its initializer ran"
    return list(_worker_coder.code_batch(items))


class CodingPool:
    """Codes lists of items in this process or in worker processes, each with its own Coder.

    Workers load the spaCy pipeline once each (in their initializer) and return plain
    records, so results are the same whatever the number of processes.
    """

    def __init__(self, options: CodeOptions = CodeOptions(), coder: Coder | None = None) -> None:
        self.options = options
        self._pool = None
        self._coder = coder
        if options.n_process > 1:
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(options.n_process, initializer=_init_worker, initargs=(options,))
        elif coder is None:
            self._coder = Coder(options)

    def code(self, items: list[Item]) -> list[DocumentResult]:
        """One result per item, in order."""
        if not items:
            return []
        if self._pool is None:
            assert self._coder is not None
            return list(self._coder.code_batch(items))
        size = max(1, -(-len(items) // (self.options.n_process * 2)))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        return [result for chunk in self._pool.map(_code_in_worker, chunks) for result in chunk]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()

    def __enter__(self) -> CodingPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None and exc[0] is not None:
            self._pool.terminate()
        self.close()


def new_items(store: EventStore, batch: list[Item], summary: IngestSummary) -> list[Item]:
    """The items of ``batch`` that still need coding (articles not stored yet, and errors)."""
    known = store.known_hashes([i.content_hash for i in batch if isinstance(i, Article)])
    todo: list[Item] = []
    seen: set[str] = set()
    for item in batch:
        if isinstance(item, Article):
            if item.content_hash in known or item.content_hash in seen:
                summary.skipped_existing += 1
                continue
            seen.add(item.content_hash)
        todo.append(item)
    return todo


def record_results(store: EventStore, items: list[Item], results: list[DocumentResult], summary: IngestSummary) -> None:
    """Write coded items to the store in one transaction and count them."""
    pairs = []
    for item, result in zip(items, results, strict=True):
        if result.errors:
            summary.failed += 1
            summary.errors.extend(result.errors)
        else:
            summary.coded += 1
            summary.events += len(result.events)
        pairs.append((item if isinstance(item, Article) else None, result))
    store.write_batch(pairs)


def ingest_batch(coder: Coder | CodingPool, store: EventStore, batch: list[Item], summary: IngestSummary) -> None:
    """Code the new articles of one batch and store them with the batch's errors, in one transaction."""
    todo = new_items(store, batch, summary)
    results = coder.code(todo) if isinstance(coder, CodingPool) else list(coder.code_batch(todo))
    record_results(store, todo, results, summary)


def run_ingest(
    paths: Iterable[str | Path],
    db: str | Path,
    *,
    read: ReadOptions = ReadOptions(),
    code: CodeOptions = CodeOptions(),
    coder: Coder | None = None,
    batch_size: int = BATCH_SIZE,
    learn: bool = True,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Code every input under ``paths`` into the store ``db``; returns what was done.

    With ``learn``, the actors the store has learned from earlier runs' appositions and
    titles (see ``store/registry.py``) resolve names in this run, and the registry is
    rebuilt at the end. The registry is read once per run, so a killed run resumes with
    the same knowledge it started with.
    """
    summary = IngestSummary()
    with tempfile.TemporaryDirectory(prefix="eventwire-") as tmp, EventStore(db) as store:
        if learn and coder is None and (rows := registry_rows(store)):
            learned = Path(tmp) / "learned_actors.tsv"
            write_overrides(rows, learned)
            # user files stay last, so that they win over what was learned
            code = replace(code, actor_files=(str(learned), *code.actor_files))
        with CodingPool(code, coder) as pool:
            for number, batch in enumerate(batched(iter_inputs(paths, read), batch_size), start=1):
                summary.read += len(batch)
                ingest_batch(pool, store, batch, summary)
                logger.info("committed batch %d (%d inputs read)", number, summary.read)
                if progress:
                    progress(len(batch))
        if learn:
            summary.learned_actors = rebuild_registry(store)
        # The dashboard's pre-aggregated tables (without them it answers from `events`, slower),
        # rebuilt only when events were added: on a large store the rebuild takes a while.
        if not rollups_current(store):
            refresh_rollups(store.con)
    return summary


def code_items(
    items: Iterable[Item], *, code: CodeOptions = CodeOptions(), coder: Coder | None = None, batch_size: int = 32
) -> Iterator[DocumentResult]:
    """Document results for a stream of items, in input order."""
    with CodingPool(code, coder) as pool:
        for batch in batched(items, batch_size * max(1, code.n_process)):
            yield from pool.code(batch)


__all__ = [
    "BATCH_SIZE",
    "CodingPool",
    "batched",
    "code_items",
    "ingest_batch",
    "new_items",
    "record_results",
    "run_ingest",
]
