"""The Dask engine: code batches on a Dask cluster, load their Parquet partitions into the store.

    1. read     - the driver reads the inputs into partitions of ``partition_size`` items and
                  drops the articles that the store has, or that this run has already sent
    2. code     - a task per partition codes it with the worker's cached ``Coder`` (the same
                  ``code_batch`` as the local runner) ...
    3. write    - ... and writes its rows (``collect_rows``, the store's column order) as one
                  Parquet file per table into the partition's own directory
    4. load     - the driver loads each finished partition in one transaction
                  (INSERT OR IGNORE on content-hash keys) and removes its files

At most two partitions per worker thread are in flight, so the driver's memory stays bounded
on any corpus, and a killed run keeps every loaded partition (re-running codes the rest).
Workers must see ``parts_dir``: with a remote ``scheduler`` give a directory on a shared
file system (the default is a directory beside the store). Each run writes under its own
sub-directory and removes it at the end; one left behind by a killed run is safe to delete.
"""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import UsageError
from eventwire.ingest.readers import Item, ReadOptions, iter_inputs
from eventwire.pipeline import CodeOptions, Coder
from eventwire.records import Article
from eventwire.runner import batched, new_items
from eventwire.store import EventStore, IngestSummary
from eventwire.store.duck import collect_rows
from eventwire.store.partitions import load_partition, table_columns
from eventwire.store.registry import rebuild_registry, registry_rows, write_overrides
from eventwire.store.rollups import refresh_rollups

logger = logging.getLogger(__name__)

#: Items per task: large enough to amortise task overhead and spaCy batching, small enough
#: that a lost worker or a kill costs little.
PARTITION_SIZE = 64
#: Partitions in flight per worker thread (one coding, one queued).
IN_FLIGHT = 2

Columns = dict[str, list[tuple[str, str]]]
Outcome = list[tuple[tuple[str, ...], int]]  # per item: its errors and its number of events

# One Coder per worker process and options; threads of a worker take turns with it, since a
# spaCy pipeline is not meant to be shared by concurrent threads.
_coders: dict[CodeOptions, Coder] = {}
_coder_lock = threading.Lock()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise UsageError("the Dask engine needs Dask: pip install 'eventwire[dask]' "
                         "(dask[distributed] and pyarrow)") from exc
    return distributed


def _worker_coder(options: CodeOptions) -> Coder:
    coder = _coders.get(options)
    if coder is None:
        _coders.clear()  # a long-lived worker keeps one pipeline: each run's learned actors differ
        coder = _coders[options] = Coder(options)
        coder.warm_up()
    return coder


# ---------------------------------------------------------------------------- worker side

def code_partition(items: list[Item], options: CodeOptions, columns: Columns, directory: str) -> Outcome:
    """Code one partition and write its rows as Parquet files into ``directory`` (runs on a worker)."""
    with _coder_lock:
        results = list(_worker_coder(options).code_batch(items))
    pairs = [(item if isinstance(item, Article) else None, result) for item, result in zip(items, results, strict=True)]
    write_rows(collect_rows(pairs), columns, Path(directory))
    return [(result.errors, len(result.events)) for result in results]


def _arrow_type(duck_type: str) -> Any:
    import pyarrow as pa

    if duck_type.endswith("[]"):
        return pa.list_(_arrow_type(duck_type[:-2]))
    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
             "DATE": pa.date32(), "BOOLEAN": pa.bool_()}
    if duck_type not in types:
        raise TypeError(f"no Parquet type for the store's column type {duck_type}")
    return types[duck_type]


def _column(values: list[Any], duck_type: str) -> Any:
    import pyarrow as pa

    if duck_type == "DATE":  # records carry ISO date strings
        values = [date.fromisoformat(v) if isinstance(v, str) else v for v in values]
    return pa.array(values, type=_arrow_type(duck_type))


def write_rows(rows: dict[str, list[list[Any]]], columns: Columns, directory: Path) -> None:
    """One Parquet file per non-empty table; each is written under a temporary name, then renamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        cols = columns[table]
        arrays = [_column([row[i] for row in table_rows], kind) for i, (_, kind) in enumerate(cols)]
        partial = directory / f".{table}.parquet.partial"
        pq.write_table(pa.Table.from_arrays(arrays, names=[name for name, _ in cols]), partial)
        partial.rename(directory / f"{table}.parquet")


# ---------------------------------------------------------------------------- driver side

@contextmanager
def _client(scheduler: str | None, workers: int, processes: bool) -> Iterator[Any]:
    distributed = _distributed()
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


def _unseen(items: list[Item], seen: set[str], summary: IngestSummary) -> list[Item]:
    """Drop articles already sent in this run (their partition may not be loaded yet)."""
    out = []
    for item in items:
        if isinstance(item, Article):
            if item.content_hash in seen:
                summary.skipped_existing += 1
                continue
            seen.add(item.content_hash)
        out.append(item)
    return out


def _count(outcome: Outcome, summary: IngestSummary) -> None:
    for errors, events in outcome:
        if errors:
            summary.failed += 1
            summary.errors.extend(errors)
        else:
            summary.coded += 1
            summary.events += events


class _Partitions:
    """The driver's side of one run: submits partitions, loads each as it finishes."""

    def __init__(self, client: Any, store: EventStore, code: CodeOptions, run: Path, summary: IngestSummary) -> None:
        self.client, self.store, self.code, self.run, self.summary = client, store, code, run, summary
        self.columns = table_columns(store)
        self.pending = _distributed().as_completed()
        self.limit = IN_FLIGHT * max(1, sum(client.nthreads().values()))
        self.directories: dict[str, Path] = {}

    def submit(self, number: int, items: list[Item]) -> None:
        """Send a partition to the cluster; load finished ones while too many are in flight."""
        directory = self.run / f"part-{number:06d}"
        future = self.client.submit(code_partition, items, self.code, self.columns, str(directory),
                                    key=f"eventwire-code-{self.run.name}-{number}", pure=False)
        self.directories[future.key] = directory
        self.pending.add(future)
        while self.pending.count() >= self.limit:
            self._load(next(self.pending))

    def drain(self) -> None:
        for future in self.pending:
            self._load(future)

    def _load(self, future: Any) -> None:
        directory = self.directories.pop(future.key)
        _count(future.result(), self.summary)
        load_partition(self.store, {p.stem: p for p in sorted(directory.glob("*.parquet"))})
        shutil.rmtree(directory, ignore_errors=True)
        logger.info("loaded partition %s", directory.name)


def ingest(paths: Iterable[str | Path], db: str | Path, *, scheduler: str | None = None,
           read: ReadOptions = ReadOptions(), code: CodeOptions = CodeOptions(),
           partition_size: int = PARTITION_SIZE, workers: int = 2, processes: bool = True,
           parts_dir: str | Path | None = None, learn: bool = True,
           progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Code every input under ``paths`` into the store ``db`` on a Dask cluster; returns what was done.

    ``scheduler`` is the address of a running Dask scheduler; without it a LocalCluster of
    ``workers`` workers (processes, or threads with ``processes=False``) is started. ``learn``
    uses and rebuilds the store's learned actors as the local runner does.
    """
    summary = IngestSummary()
    root = Path(parts_dir) if parts_dir else Path(f"{db}.parts")
    run = root / uuid.uuid4().hex[:12]
    seen: set[str] = set()
    with EventStore(db) as store, _client(scheduler, workers, processes) as client:
        try:
            if learn and (rows := registry_rows(store)):  # as run_ingest: user files stay last, so they win
                run.mkdir(parents=True, exist_ok=True)
                write_overrides(rows, run / "learned_actors.tsv")
                code = replace(code, actor_files=(str(run / "learned_actors.tsv"), *code.actor_files))
            partitions = _Partitions(client, store, code, run, summary)
            # 1. read, dropping what the store or this run already has; 2-4. code, write, load
            for number, batch in enumerate(batched(iter_inputs(paths, read), partition_size)):
                summary.read += len(batch)
                if todo := _unseen(new_items(store, batch, summary), seen, summary):
                    partitions.submit(number, todo)
                if progress:
                    progress(len(batch))
            partitions.drain()
            if learn:
                summary.learned_actors = rebuild_registry(store)
            refresh_rollups(store.con)
        finally:
            shutil.rmtree(run, ignore_errors=True)
            if root.exists() and not any(root.iterdir()):
                root.rmdir()
    return summary


__all__ = ["PARTITION_SIZE", "code_partition", "ingest", "write_rows"]
