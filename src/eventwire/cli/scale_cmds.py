"""Commands over many articles: ``dedupe`` (story groups), ``clusters`` (event clusters), and the
options of the Dask engine for ``ingest``.

``register(sub, command)`` adds the commands to the parser of ``cli/main.py``; each parses its
arguments, builds options and calls one library function.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.errors import UsageError

Command = Callable[[str, Callable[[argparse.Namespace], int], str, str], argparse.ArgumentParser]


def _need_db(path: str) -> None:
    if not Path(path).exists():
        raise UsageError(f"no store at {path!r}: create one with `eventwire ingest PATH --db {path}`")


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a similarity between 0 and 1")
    return number


def _print_rows(names: list[str], rows: list[tuple[Any, ...]], fmt: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(dict(zip(names, row, strict=True)), default=str, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(rows)


# ---------------------------------------------------------------------------- commands

def cmd_dedupe(args: argparse.Namespace) -> int:
    from eventwire.analyze.duplicates import DedupeOptions
    from eventwire.store import EventStore
    from eventwire.store.groups import list_story_groups, update_story_groups

    _need_db(args.db)
    with EventStore(args.db) as store:
        options = DedupeOptions(threshold=args.threshold) if args.threshold else None  # None: as last built
        done = update_story_groups(store, options, full=args.full)
        names, rows = list_story_groups(store, min_articles=2, limit=args.top)
    print(f"articles {done.articles}   stories {done.groups}   stories with copies {done.shared}   "
          f"(newly signed {done.signed}) -> {args.db}")
    for group_id, articles, publishers, first, title in rows:
        print(f"  {articles:4d} articles {publishers:3d} publishers  {first or '?'}  {group_id[:12]}  {title[:70]}")
    return 0


def cmd_clusters(args: argparse.Namespace) -> int:
    from eventwire.analyze.clusters import ClusterOptions
    from eventwire.store import EventStore
    from eventwire.store.groups import list_clusters, update_event_clusters, update_story_groups

    _need_db(args.db)
    options = ClusterOptions(window_days=args.window, directed=args.directed, match=args.match)
    with EventStore(args.db) as store:
        update_story_groups(store)  # stories count syndicated copies once (with the options of the last dedupe)
        done = update_event_clusters(store, options, full=args.full)
        names, rows = list_clusters(store, min_articles=args.min_articles, since=args.since, until=args.until,
                                    limit=args.limit)
    if args.format != "table":
        _print_rows(names, rows, args.format)
        return 0
    print(f"events {done.events}   clusters {done.clusters}   clusters in more than one article {done.shared}   "
          f"(newly clustered {done.reclustered})")
    print(f"{'first':10}  {'dyad':11} {'kind':12} mentions articles stories sources  sentence")
    for r in (dict(zip(names, row, strict=True)) for row in rows):
        dyad = f"{r['source'] or '---'}-{r['target'] or '---'}"
        kind = f"{r['cameo_root']} {r['plover'] or ''}"
        sentence = " ".join((r["sentence"] or "").split())[:60]
        print(f"{r['first_day'] or '?'!s:10}  {dyad:11} {kind:12} {r['mentions']:8d} {r['articles']:8d} "
              f"{r['stories']:7d} {r['sources']:7d}  {sentence}")
    return 0


# ---------------------------------------------------------------------------- ingest engines

def add_engine_options(p: argparse.ArgumentParser) -> None:
    """``--engine``, ``--scheduler``, ``--workers`` for ``eventwire ingest``."""
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: this machine's processes; dask: a Dask cluster (needs the 'dask' extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); default: a local cluster")
    p.add_argument("--workers", type=int, default=2, help="workers of the local Dask cluster (default 2)")


def ingest_with_dask(args: argparse.Namespace, read: Any, code: Any, progress: Callable[[int], None] | None) -> Any:
    """Run ``eventwire ingest --engine dask`` with the ReadOptions and CodeOptions of the command."""
    from eventwire.engines.dask import PARTITION_SIZE, ingest

    return ingest(args.paths, args.db, scheduler=args.scheduler, read=read, code=code, workers=args.workers,
                  partition_size=getattr(args, "batch_size", None) or PARTITION_SIZE,
                  learn=not getattr(args, "no_learn", False), progress=progress)


# ---------------------------------------------------------------------------- parser

def register(sub: argparse._SubParsersAction, command: Command) -> None:  # type: ignore[type-arg]
    """Add ``dedupe`` and ``clusters`` to the ``eventwire`` parser."""
    from eventwire.cli.main import DEFAULT_DB, _iso_date, _positive

    p = command("dedupe", cmd_dedupe, "group near-duplicate articles (syndicated copies) into stories",
                "eventwire dedupe --db events.duckdb --threshold 0.8")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--threshold", type=_threshold,
                   help="estimated Jaccard of 5-word shingles to be one story (default: as last time, first 0.5; "
                        "0.8 = near-verbatim copies only)")
    p.add_argument("--full", action="store_true", help="recompute every group instead of adding new articles")
    p.add_argument("--top", type=_positive, default=10, help="list this many of the largest stories")

    p = command("clusters", cmd_clusters, "cluster events that report the same real-world event, and list them",
                "eventwire clusters --db events.duckdb --min-articles 2 --since 2024-01-01")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--window", type=int, default=2, help="days from a cluster's first report (default 2)")
    p.add_argument("--directed", action="store_true", help="A->B and B->A are different events")
    p.add_argument("--match", choices=["cameo", "plover"], default="cameo", help="same CAMEO root or PLOVER type")
    p.add_argument("--min-articles", type=_positive, default=1, help="only clusters reported by this many articles")
    p.add_argument("--since", type=_iso_date)
    p.add_argument("--until", type=_iso_date)
    p.add_argument("--limit", type=_positive, default=20)
    p.add_argument("--full", action="store_true", help="recluster every event")
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")


__all__ = ["add_engine_options", "cmd_clusters", "cmd_dedupe", "ingest_with_dask", "register"]
