"""Analysis and export commands: ``dyad``, ``actors-network``, ``top`` and ``export``.

``register(sub, command)`` adds them to the parser built in ``cli/main.py``; each command
opens the store read-only and calls one library function.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

Command = Callable[[str, Callable[[argparse.Namespace], int], str, str], argparse.ArgumentParser]


def _modalities(args: argparse.Namespace) -> tuple[str, ...] | None:
    return None if args.all_modalities else ("asserted",)


def _open(db: str) -> Any:
    from eventwire.cli.main import _need_db
    from eventwire.store import EventStore

    _need_db(db)
    return EventStore(db, read_only=True)


def cmd_dyad(args: argparse.Namespace) -> int:
    from eventwire.analyze.dyads import ActorSpec, DyadQuery, dyad_report

    query = DyadQuery(ActorSpec.parse(args.a), ActorSpec.parse(args.b), by=args.by, directed=args.directed,
                      since=args.since, until=args.until, include_modalities=_modalities(args))
    with _open(args.db) as store:
        print(dyad_report(store, query, plot_path=args.plot))
    if args.plot:
        print(f"chart written to {args.plot}", file=sys.stderr)
    return 0


def cmd_actors_network(args: argparse.Namespace) -> int:
    from eventwire.analyze.network import export_network

    with _open(args.db) as store:
        written = export_network(store, args.out, fmt=args.format, level=args.level, since=args.since,
                                 until=args.until, include_modalities=_modalities(args))
    print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    return 0


def cmd_top(args: argparse.Namespace) -> int:
    from eventwire.analyze.network import format_top, top

    with _open(args.db) as store:
        print(format_top(top(store, n=args.n, level=args.level, since=args.since, until=args.until,
                             include_modalities=_modalities(args))))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from eventwire.export import export_events

    with _open(args.db) as store:
        count = export_events(store, args.format, args.out, include_modalities=_modalities(args),
                              since=args.since, until=args.until, one_per_cluster=args.one_per_cluster)
    print(f"exported {count} events as {args.format} to {args.out}", file=sys.stderr)
    return 0


def _common(p: argparse.ArgumentParser, *, dates: bool = True) -> None:
    from eventwire.cli.main import DEFAULT_DB, _iso_date

    p.add_argument("--db", default=DEFAULT_DB, help=f"store file (default {DEFAULT_DB})")
    if dates:
        p.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD", help="first event date to include")
        p.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD", help="last event date to include")
    p.add_argument("--all-modalities", action="store_true",
                   help="include intent, hypothetical, negated, denied and historical events (default: asserted only)")


def register(sub: Any, command: Command) -> None:
    """Add the analysis and export commands (``sub`` is the subparsers object, kept for symmetry)."""
    from eventwire.analyze.dyads import PERIODS
    from eventwire.analyze.network import LEVELS, NETWORK_FORMATS
    from eventwire.cli.main import _positive
    from eventwire.export import FORMATS

    p = command("dyad", cmd_dyad,
                "events between two actors per period: QuadClass, PLOVER, Goldstein, net cooperation",
                "eventwire dyad CHN RUS --db events.duckdb --by month --plot chn-rus.png")
    p.add_argument("a", metavar="A", help="country code (CHN), country+sector (CHNMIL) or name (\"Vladimir Putin\")")
    p.add_argument("b", metavar="B", help="the other actor, in the same forms")
    p.add_argument("--by", choices=PERIODS, default="month", help="period length (default month)")
    p.add_argument("--directed", action="store_true", help="only events from A to B (default: both directions)")
    p.add_argument("--plot", metavar="FILE.png", help="also draw a chart (needs pip install 'eventwire[plot]')")
    _common(p)

    p = command("actors-network", cmd_actors_network,
                "write the actors network (edges weighted by events, signed by QuadClass) as GraphML, GEXF or CSV",
                "eventwire actors-network --db events.duckdb --out actors.graphml")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="FILE.graphml, FILE.gexf or FILE.csv (+ FILE.nodes.csv)")
    p.add_argument("--format", choices=NETWORK_FORMATS, help="file format (default: from the suffix of --out)")
    p.add_argument("--level", choices=LEVELS, default="country", help="what a node is (default country)")
    _common(p)

    p = command("top", cmd_top, "the most active actors, dyads and event types in a period",
                "eventwire top --db events.duckdb --since 2023-04-01 --until 2023-04-30")
    p.add_argument("--n", type=_positive, default=10, help="entries per list (default 10)")
    p.add_argument("--level", choices=LEVELS, default="country", help="what an actor is (default country)")
    _common(p)

    p = command("export", cmd_export, "export stored events as GDELT 2.0 rows, PLOVER JSONL, CSV, JSONL or Parquet",
                "eventwire export --db events.duckdb --format gdelt --out events.tsv")
    p.add_argument("--format", choices=FORMATS, required=True, help="gdelt: 61-column tab-separated GDELT 2.0 "
                   "event table; plover: PLOVER JSON Lines; csv, jsonl, parquet: every stored event field")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--one-per-cluster", action="store_true",
                   help="one row per event cluster (its first report), as GDELT has one row per event; "
                        "every row carries its cluster's counts of mentions, articles and sources "
                        "(after `eventwire clusters`)")
    _common(p)
