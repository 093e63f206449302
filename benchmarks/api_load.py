"""Load test of the REST API: a store of synthetic events, a real server, concurrent clients.

    python benchmarks/api_load.py [--events 1000000] [--clients 50] [--duration 60] [--db PATH]
                                  [--workers 2] [--threads 1] [--no-rollups]

Builds (or reuses) a store of ``--events`` synthetic events with DuckDB SQL and its rollup
tables (``store/rollups.py``, as an ingest leaves them), starts ``uvicorn`` with ``--workers``
processes on a free loopback port, and runs ``--clients`` asyncio HTTP/1.1 keep-alive clients (closed
loop: each sends its next request when the last one is answered) for ``--duration`` seconds
against filtered event lists and dyad series. Prints requests/s, p50/p99 latency and the
error count. Goal: 0 errors, p99 < 200 ms. ``--no-rollups`` drops the rollup tables from the
store first, to measure the fallback queries.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

COUNTRIES = ["CHN", "RUS", "USA", "UKR", "GBR", "FRA", "DEU", "IND", "PAK", "IRN", "ISR", "TUR", "SYR", "IRQ",
             "SAU", "EGY", "JPN", "KOR", "PRK", "BRA", "MEX", "NGA", "ZAF", "ETH", "AFG", "VEN", "CUB", "POL",
             "BLR", "KAZ"]
#: (CAMEO code, label, Goldstein, QuadClass, PLOVER): a spread over the four classes.
CODES = [("010", "Make statement", 0.0, 0, "OTHER"), ("036", "Express intent to meet or negotiate", 4.0, 1, "AGREE"),
         ("042", "Make a visit", 1.9, 1, "CONSULT"), ("051", "Praise or endorse", 3.4, 1, "SUPPORT"),
         ("061", "Cooperate economically", 6.4, 2, "COOPERATE"), ("070", "Provide aid", 7.0, 2, "AID"),
         ("112", "Accuse", -2.0, 3, "ACCUSE"), ("130", "Threaten", -4.4, 3, "THREATEN"),
         ("163", "Impose embargo, boycott, or sanctions", -8.0, 4, "SANCTION"),
         ("190", "Use conventional military force", -10.0, 4, "ASSAULT")]
MODALITIES = ["asserted"] * 6 + ["intent", "hypothetical", "negated", "historical"]
SECTORS = ["GOV", "MIL", "BUS", "MED", "CVL"]
PLACES = [("Moscow", "RUS", 55.75, 37.62), ("Beijing", "CHN", 39.91, 116.40), ("Kyiv", "UKR", 50.45, 30.52),
          ("Washington", "USA", 38.90, -77.04), ("Tehran", "IRN", 35.69, 51.39)]
#: Lookups by id that the API makes; DuckDB scans are fast enough for every filtered list, but a
#: point lookup by event id or article id wants an index on a large store.
INDEXES = ["CREATE INDEX IF NOT EXISTS events_event_id ON events (event_id)",
           "CREATE INDEX IF NOT EXISTS articles_doc_id ON articles (doc_id)"]


def _sql_list(values: Sequence[object]) -> str:
    """A SQL list literal of our own constants (never user input)."""
    items = ("'" + v.replace("'", "''") + "'" if isinstance(v, str) else repr(v) for v in values)
    return "[" + ", ".join(items) + "]"


def build_store(path: Path, n_events: int) -> None:
    """Synthetic articles (one per 10 events) and events, generated inside DuckDB in seconds."""
    from eventwire.store import EventStore

    n_articles = max(1, n_events // 10)
    n = len(COUNTRIES)
    pick = "list_extract({values}, CAST(hash(i, {salt}) % {n} AS INTEGER) + 1)"
    # Source and target from one hash so that every ordered pair of different countries occurs.
    source_at = f"CAST(hash(i, 2) % {n} AS INTEGER)"
    target_at = f"CAST(({source_at} + 1 + (hash(i, 2) // {n}) % {n - 1}) % {n} AS INTEGER)"
    country = lambda at: f"list_extract({_sql_list(COUNTRIES)}, {at} + 1)"  # noqa: E731
    src, tgt = country(source_at), country(target_at)
    sector = pick.format(values=_sql_list(SECTORS), salt=4, n=len(SECTORS))
    # Articles arrive in time order, as an ingest of a news feed does: ten years, oldest first.
    day = f"DATE '2015-01-01' + CAST((i // 10) * 3650 // {n_articles} AS INTEGER)"
    code = f"CAST(hash(i, 7) % {len(CODES)} AS INTEGER) + 1"
    place = f"CAST(hash(i, 11) % {len(PLACES) * 3} AS INTEGER) + 1"  # two thirds of events have no place
    with EventStore(path) as store:
        con = store.con
        con.execute(f"""
            INSERT INTO articles SELECT md5(CAST(i AS VARCHAR)), 'a' || i, 'Synthetic article ' || i, NULL,
                DATE '2015-01-01' + CAST(i * 3650 // {n_articles} AS INTEGER), 'bench', 'synthetic',
                'Synthetic text of article ' || i || '.', 10
            FROM range({n_articles}) t(i)""")
        con.execute(f"""
            INSERT INTO events SELECT
                md5(CAST(i // 10 AS VARCHAR)), CAST(i % 10 AS INTEGER), 'a' || (i // 10) || ':0:' || (i % 10),
                'a' || (i // 10), {day},
                0, 'Synthetic sentence ' || i || ' about ' || {src} || ' and ' || {tgt} || '.',
                'met', 0, 3,
                {src}, NULL, {src}, [{sector}], NULL,
                {tgt}, NULL, {tgt}, [], NULL,
                list_extract({_sql_list([c[0] for c in CODES])}, {code}),
                substr(list_extract({_sql_list([c[0] for c in CODES])}, {code}), 1, 2),
                list_extract({_sql_list([c[1] for c in CODES])}, {code}),
                list_extract({_sql_list([c[2] for c in CODES])}, {code}),
                list_extract({_sql_list([c[3] for c in CODES])}, {code}),
                list_extract({_sql_list([c[4] for c in CODES])}, {code}), NULL, [],
                {pick.format(values=_sql_list(MODALITIES), salt=5, n=len(MODALITIES))},
                NULL, NULL, NULL, NULL,
                {day} - CAST(hash(i, 6) % 3 AS INTEGER),
                'day', 'text',
                list_extract({_sql_list([p[0] for p in PLACES])}, {place}),
                list_extract({_sql_list([p[1] for p in PLACES])}, {place}),
                list_extract({_sql_list([p[2] for p in PLACES])}, {place}),
                list_extract({_sql_list([p[3] for p in PLACES])}, {place}), NULL,
                0.5 + (hash(i, 8) % 50) / 100.0, 'synthetic'
            FROM range({n_events}) t(i)""")
        for statement in INDEXES:
            con.execute(statement)
        con.execute("CHECKPOINT")


def prepare_rollups(path: Path, wanted: bool) -> None:
    """Build the rollup tables unless they are current, or drop them (``--no-rollups``)."""
    from eventwire.store import EventStore
    from eventwire.store.rollups import TABLES, refresh_rollups, rollups_current

    with EventStore(path) as store:
        if not wanted:
            store.con.execute("; ".join(f"DROP TABLE IF EXISTS {table}" for table in TABLES))
        elif not rollups_current(store):
            started = time.perf_counter()
            refresh_rollups(store.con)
            print(f"built the rollups in {time.perf_counter() - started:.1f} s")
        store.con.execute("CHECKPOINT")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: str, port: int, workers: int, threads: int) -> None:
    """The child process: ``workers`` processes serving the application over ``db`` on loopback."""
    import uvicorn

    from eventwire.web.app import DB_VARIABLE, THREADS_VARIABLE

    os.environ[DB_VARIABLE] = db
    if threads:
        os.environ[THREADS_VARIABLE] = str(threads)
    uvicorn.run("eventwire.web.app:app_from_environment", factory=True, workers=workers, host="127.0.0.1",
                port=port, log_level="warning", access_log=False)


def random_request(rng: random.Random) -> str:
    """A filtered event list (varied filters, sorts, pages) or a dyad series."""
    a, b = rng.sample(COUNTRIES, 2)
    year = rng.randint(2015, 2024)
    if rng.random() < 0.3:
        interval = rng.choice(["month", "year", "week"])
        return f"/api/dyads/series?a={a}&b={b}&interval={interval}"
    params = [rng.choice([f"actor={a}", f"dyad={a},{b}", f"source={a}&target={b}", f"source={a}"])]
    if rng.random() < 0.5:
        params.append(f"since={year}-01-01&until={year}-12-31")
    if rng.random() < 0.3:
        params.append(f"cameo_root={rng.choice(CODES)[0][:2]}")
    if rng.random() < 0.3:
        params.append(f"quad_class={rng.randint(1, 4)}")
    if rng.random() < 0.2:
        params.append("modality=asserted")
    params.append(f"sort={rng.choice(['date', 'goldstein', 'cameo'])}&order={rng.choice(['asc', 'desc'])}")
    params.append(f"limit=50&offset={rng.choice([0, 0, 0, 50, 100])}")
    return "/api/events?" + "&".join(params)


class HttpError(Exception):
    """A malformed or cut-off response."""


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, url: str) -> int:
    """One GET on a kept-alive connection: the status code (the body is read and dropped).

    A bare HTTP/1.1 client, as wrk or ab are: the point is to measure the server, and httpx
    spent about as much CPU per request as the server did (on the same two cores).
    """
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode("ascii"))
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise HttpError(f"bad status line {lines[0]!r}")
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise HttpError("no Content-Length (this client reads no chunked bodies)")
    await reader.readexactly(length)
    return int(parts[1])


#: Clients connect one after another over this many seconds (a ramp-up, as load tools have), not
#: all in the same millisecond: a burst of connections lands on whichever server process wakes
#: first (33 of 50 on one of two processes in a run), and each then keeps its connection.
RAMP_UP = 1.0


async def client(host: str, port: int, deadline: float, seed: int, latencies: list[tuple[str, float]],
                 errors: list[str], delay: float = 0.0) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(delay)
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            url = random_request(rng)
            start = time.perf_counter()
            try:
                status = await fetch(reader, writer, f"{host}:{port}", url)
                if status != 200:
                    errors.append(f"{status} {url}")
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, HttpError) as exc:
                errors.append(f"{type(exc).__name__} {url}")
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
            latencies.append((url.split("?")[0], time.perf_counter() - start))
    finally:
        writer.close()


async def load(port: int, clients: int, duration: float) -> tuple[list[tuple[str, float]], list[str], float]:
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    start = time.perf_counter()
    await asyncio.gather(*(client("127.0.0.1", port, start + duration, i, latencies, errors, i * RAMP_UP / clients)
                           for i in range(clients)))
    return latencies, errors, time.perf_counter() - start


def run_load(port: int, clients: int, duration: float) -> tuple[list[tuple[str, float]], list[str], float]:
    """The clients' event loop: uvloop when installed (as the server's), else asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(load(port, clients, duration))
    return uvloop.run(load(port, clients, duration))


def wait_until_up(base: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("api_load: the server exited before it was ready")
        try:
            if httpx.get(f"{base}/api/summary", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("api_load: the server did not come up")


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of a process and its descendants so far (Linux ``/proc``; 0 elsewhere)."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid], ticks[pid] = int(fields[1]), int(fields[11]) + int(fields[12])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(ticks.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--db", help="store to build (or reuse when it exists); default: a temp file")
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2: one per core)")
    parser.add_argument("--threads", type=int, default=1, help="DuckDB threads per process (0: DuckDB's default)")
    parser.add_argument("--no-rollups", action="store_true", help="drop the rollup tables: measure the fallback")
    parser.add_argument("--serve", nargs=4, metavar=("DB", "PORT", "WORKERS", "THREADS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), int(args.serve[2]), int(args.serve[3]))
        return 0
    db = Path(args.db or Path(tempfile.mkdtemp(prefix="eventwire-load-")) / "load.duckdb")
    if not db.exists():
        started = time.perf_counter()
        build_store(db, args.events)
        print(f"built {args.events:,} synthetic events in {time.perf_counter() - started:.1f} s -> {db}")
    prepare_rollups(db, not args.no_rollups)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(db), str(port), str(args.workers),
                               str(args.threads)], env=os.environ.copy())
    try:
        wait_until_up(base, server)
        server_cpu, client_cpu = tree_cpu_seconds(server.pid), time.process_time()
        timed, errors, elapsed = run_load(port, args.clients, args.duration)
        server_cpu, client_cpu = tree_cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
    finally:
        server.terminate()
        server.wait(10)
    latencies = [t for _, t in timed]
    print(f"{len(latencies):,} requests in {elapsed:.1f} s with {args.clients} clients, {args.workers} workers, "
          f"threads {args.threads or 'default'}, rollups {'off' if args.no_rollups else 'on'}: "
          f"{len(latencies) / elapsed:.1f} requests/s")
    print(f"latency p50 {percentile(latencies, 0.50) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
          f"max {max(latencies, default=0) * 1000:.1f} ms; errors {len(errors)}")
    if latencies:
        print(f"CPU per request: server {server_cpu / len(latencies) * 1000:.2f} ms, "
              f"load generator {client_cpu / len(latencies) * 1000:.2f} ms")
    for path in sorted({p for p, _ in timed}):
        some = [t for p, t in timed if p == path]
        print(f"  {path}: {len(some):,} requests, p50 {percentile(some, 0.50) * 1000:.1f} ms, "
              f"p99 {percentile(some, 0.99) * 1000:.1f} ms")
    for error in errors[:5]:
        print(f"  error: {error}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
