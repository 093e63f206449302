"""The ``eventwire`` command: a thin skin over the library.

Each command parses its arguments, builds options and calls one library function.
Exit status: 0 every input coded, 1 some inputs failed (all others done), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from eventwire.errors import EventwireError, UsageError

logger = logging.getLogger("eventwire")

DEFAULT_DB = "eventwire.duckdb"


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD") from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


# ---------------------------------------------------------------------------- commands


def cmd_code(args: argparse.Namespace) -> int:
    from eventwire.cli.format import WRITERS
    from eventwire.ingest import ReadOptions, iter_inputs
    from eventwire.pipeline import CodeOptions
    from eventwire.runner import code_items

    read = ReadOptions(published=args.published, max_chars=args.max_chars, check_language=not args.any_language)
    failed = 0

    def results():  # type: ignore[no-untyped-def]
        nonlocal failed
        options = CodeOptions(n_process=args.processes, actor_files=tuple(args.actors))
        for result in code_items(iter_inputs(args.paths, read), code=options):
            if result.errors:
                failed += 1
                for error in result.errors:
                    print(f"eventwire: {error}", file=sys.stderr)
            yield result

    WRITERS[args.format](results(), sys.stdout)
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from eventwire.ingest import ReadOptions
    from eventwire.runner import run_ingest

    read = ReadOptions(published=args.published, max_chars=args.max_chars, check_language=not args.any_language)
    progress = _progress_bar() if sys.stderr.isatty() and not args.quiet else None
    from eventwire.pipeline import CodeOptions

    options = CodeOptions(n_process=args.processes, actor_files=tuple(args.actors))
    if args.engine == "dask":
        from eventwire.cli import scale_cmds

        summary = scale_cmds.ingest_with_dask(args, read, options, progress)
    else:
        summary = run_ingest(
            args.paths,
            args.db,
            read=read,
            code=options,
            batch_size=args.batch_size,
            learn=not args.no_learn,
            progress=progress,
        )
    if progress:
        sys.stderr.write("\n")
    for error in summary.errors:
        print(f"eventwire: {error}", file=sys.stderr)
    print(
        f"read {summary.read}, coded {summary.coded}, already stored {summary.skipped_existing}, "
        f"failed {summary.failed}; events {summary.events}; learned actors {summary.learned_actors} -> {args.db}"
    )
    return 1 if summary.failed else 0


def cmd_events(args: argparse.Namespace) -> int:
    from eventwire.store import EventStore

    _need_db(args.db)
    with EventStore(args.db, read_only=True) as store:
        names, rows = store.events(
            actor=args.actor,
            since=args.since,
            until=args.until,
            include_all_modalities=not args.asserted,
            limit=args.limit,
        )
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(dict(zip(names, row, strict=False)), default=str, ensure_ascii=False))
    elif args.format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(rows)
    else:
        for r in rows:
            record = dict(zip(names, r, strict=False))
            src = f"{record['source_country'] or '---'}{''.join(record['source_sector'] or [])}"
            tgt = f"{record['target_country'] or '---'}{''.join(record['target_sector'] or [])}"
            print(
                f"{str(record['date'] or '?'):10}  {src:10s} -> {tgt:10s} "
                f"{record['cameo']:4s} {record['plover'] or '':10s} "
                f"{record['goldstein']:+5.1f} {record['modality']:12s} {record['cameo_label']}"
            )
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from eventwire.analyze.summary import format_summary, summarize
    from eventwire.store import EventStore

    _need_db(args.db)
    with EventStore(args.db, read_only=True) as store:
        print(format_summary(summarize(store, top=args.top, asserted_only=not args.all_modalities)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from eventwire.analyze.summary import format_summary, summarize
    from eventwire.data import data_path
    from eventwire.runner import run_ingest
    from eventwire.store import EventStore

    corpus = data_path("demo/articles.jsonl")
    summary = run_ingest([corpus], args.db)
    print(
        f"demo corpus: read {summary.read}, coded {summary.coded}, already stored {summary.skipped_existing}, "
        f"failed {summary.failed} -> {args.db}\n"
    )
    with EventStore(args.db, read_only=True) as store:
        print(format_summary(summarize(store)))
    return 1 if summary.failed else 0


def cmd_eval(args: argparse.Namespace) -> int:
    import eventwire
    from eventwire.evaluate import evaluate

    report = evaluate(args.kind, args.gold, lambda records: eventwire.code_articles(records))
    for label, (right, total) in report.per_label.items():
        print(f"  {label:12s} {right:4d}/{total:4d}")
    print(report.headline)
    floor = args.min
    if floor is not None:
        value = next(iter(report.figures.values())) if args.kind != "cameo" else report.figures["f1"]
        if args.kind == "geo":
            value = report.figures["within_161km"]
        return 0 if value >= floor else 1
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    from eventwire.store import EventStore
    from eventwire.store.registry import rebuild_registry, registry_rows, write_overrides

    _need_db(args.db)
    with EventStore(args.db, read_only=not args.rebuild) as store:
        if args.rebuild:
            rebuild_registry(store)
        rows = registry_rows(store, min_articles=args.min_articles)
    if args.export:
        write_overrides(rows, args.export)
        print(f"wrote {len(rows)} learned actors to {args.export} (load it with --actors {args.export})")
        return 0
    if not rows:
        print("the registry is empty: `eventwire ingest` learns actors from appositions and titles")
    for row in rows:
        print(
            f"{row['name']:32s} {row['country'] or '---':4s} {' '.join(row['sector'] or []):12s} "
            f"articles {row['n_articles']:4d}  {row['first_seen'] or '?'}..{row['last_seen'] or '?'}  "
            f"e.g. {row['evidence']!r} ({row['evidence_doc']})"
        )
    return 0


def _need_db(path: str) -> None:
    if not Path(path).exists():
        raise UsageError(f"no store at {path!r}: create one with `eventwire ingest PATH --db {path}`")


def _progress_bar() -> Callable[[int], None]:
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        sys.stderr.write(f"\r  {done} inputs read")
        sys.stderr.flush()

    return tick


# ---------------------------------------------------------------------------- parser


def _read_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt, .html, .jsonl, .csv (optionally .gz), a directory, or - for standard input",
    )
    p.add_argument(
        "--published",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="publication date for inputs that carry none (anchors relative dates)",
    )
    p.add_argument("--max-chars", type=_positive, default=200_000, help="reject longer texts (default 200000)")
    p.add_argument("--any-language", action="store_true", help="do not reject texts that do not look English")
    p.add_argument(
        "--processes", type=_positive, default=1, help="worker processes, each loading the pipeline once (default 1)"
    )
    p.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="FILE",
        help="an actors file (the overrides format) that takes precedence over the shipped data",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and decisions")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, func: Callable[[argparse.Namespace], int], help: str, example: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help,
            description=f"{help}\n\nexample:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        return p

    p = command(
        "code",
        cmd_code,
        "code articles and print the results",
        "eventwire code article.txt --published 2023-04-17 --format table",
    )
    _read_args(p)
    p.add_argument(
        "--format",
        choices=["json", "events", "table"],
        default="table",
        help="json: one document result per line; events: one event per line; table: for people",
    )

    p = command(
        "ingest",
        cmd_ingest,
        "code articles into the DuckDB store (re-runs add nothing new)",
        "eventwire ingest news/ --db events.duckdb",
    )
    _read_args(p)
    p.add_argument("--db", default=DEFAULT_DB, help=f"store file (default {DEFAULT_DB})")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    from eventwire.cli.scale_cmds import add_engine_options

    add_engine_options(p)
    p.add_argument("--no-learn", action="store_true", help="neither use nor update the store's learned actor registry")
    p.add_argument(
        "--batch-size",
        type=_positive,
        default=64,
        help="inputs per store transaction (a kill loses at most one batch; default 64)",
    )

    p = command(
        "events", cmd_events, "list stored events", "eventwire events --db events.duckdb --actor CHN --since 2023-01-01"
    )
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--actor", help="country code (CHN) or canonical name (Vladimir Putin)")
    p.add_argument("--since", type=_iso_date)
    p.add_argument("--until", type=_iso_date)
    p.add_argument("--asserted", action="store_true", help="only asserted events (no intent, hypothetical, ...)")
    p.add_argument("--limit", type=_positive)
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")

    p = command(
        "summary",
        cmd_summary,
        "summarise a store: articles, events by QuadClass, top dyads",
        "eventwire summary --db events.duckdb",
    )
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--top", type=_positive, default=10)
    p.add_argument("--all-modalities", action="store_true", help="count intent, hypothetical, ... events too")

    p = command("demo", cmd_demo, "ingest the bundled demo corpus and print a summary", "eventwire demo")
    p.add_argument("--db", default=DEFAULT_DB)

    p = command(
        "actors",
        cmd_actors,
        "list or export the actors the store learned from appositions and titles",
        "eventwire actors --db events.duckdb --export learned.tsv",
    )
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--min-articles", type=_positive, default=1, help="only names seen in this many articles")
    p.add_argument("--export", metavar="FILE.tsv", help="write the registry as an actors file you can edit")
    p.add_argument("--rebuild", action="store_true", help="rebuild the registry from the stored mentions first")

    p = command(
        "eval",
        cmd_eval,
        "score eventwire on a gold file (plover, labels, cameo or geo measures)",
        "eventwire eval plover ../shared/gold/plover_gsr.jsonl --min 0.65",
    )
    p.add_argument(
        "kind",
        choices=["plover", "labels", "cameo", "geo"],
        help="plover: top-event PLOVER type; labels: PLOVER root labels; cameo: dyad+root F1; "
        "geo: toponyms within 161 km",
    )
    p.add_argument("gold", help="gold JSON Lines file")
    p.add_argument("--min", type=float, help="exit 1 when the headline figure is below this")

    # Commands of the later stages register themselves the same way.
    from eventwire.cli import analysis_cmds, scale_cmds, web_cmds

    for module in (analysis_cmds, scale_cmds, web_cmds):
        module.register(sub, command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 2
    except EventwireError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
