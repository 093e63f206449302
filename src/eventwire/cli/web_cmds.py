"""``eventwire serve``: the REST API and dashboard over a store (see ``eventwire.web``)."""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.errors import UsageError

logger = logging.getLogger(__name__)

#: The environment variable holding the bearer token that ``--allow-ingest`` requires.
TOKEN_VARIABLE = "EVENTWIRE_TOKEN"
#: Shorter tokens are refused: the token is the only thing between the network and a writable store.
MIN_TOKEN_CHARS = 16


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from eventwire.web import ServeOptions, create_app

    token = os.environ.get(TOKEN_VARIABLE) if args.allow_ingest else None
    if args.allow_ingest and (not token or len(token) < MIN_TOKEN_CHARS):
        raise UsageError(f"--allow-ingest needs a bearer token of at least {MIN_TOKEN_CHARS} characters in "
                         f"${TOKEN_VARIABLE} (e.g. export {TOKEN_VARIABLE}=$(python3 -c "
                         "'import secrets; print(secrets.token_urlsafe(32))'))")
    if not args.allow_ingest and not Path(args.db).exists():
        raise UsageError(f"no store at {args.db!r}: create one with `eventwire ingest PATH --db {args.db}`")
    if args.allow_ingest and args.workers > 1:
        raise UsageError("--allow-ingest serves from one process (only one process may write the store): "
                         "drop --workers")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("serving on %s: anyone who can reach this address can read the store", args.host)
    if args.workers > 1:
        return _serve_workers(args)
    app = create_app(ServeOptions(db=args.db, allow_ingest=args.allow_ingest, token=token,
                                  max_body_bytes=args.max_body))
    print(f"eventwire: serving {args.db} ({'read-write, ingest allowed' if args.allow_ingest else 'read-only'}) "
          f"on http://{args.host}:{args.port}/")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _serve_workers(args: argparse.Namespace) -> int:
    """``--workers N``: N processes, each opening the store read-only (DuckDB lets several processes read).

    Requests then run on every core instead of sharing one interpreter's lock. Each worker gets
    an equal share of the cores for DuckDB's threads (one each on a two-core machine): many small
    concurrent queries gain nothing from fanning out over cores the other workers are using.
    """
    import uvicorn

    from eventwire.web.app import DB_VARIABLE, THREADS_VARIABLE

    os.environ[DB_VARIABLE] = str(Path(args.db).resolve())
    os.environ[THREADS_VARIABLE] = str(max(1, (os.cpu_count() or 1) // args.workers))
    print(f"eventwire: serving {args.db} (read-only) with {args.workers} worker processes "
          f"on http://{args.host}:{args.port}/")
    uvicorn.run("eventwire.web.app:app_from_environment", factory=True, workers=args.workers, host=args.host,
                port=args.port, log_level="warning")
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"needs at least 1, not {value}")
    return value


def register(sub: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add ``serve`` to the ``eventwire`` parser (``command`` is ``build_parser``'s helper)."""
    p = command("serve", cmd_serve, "serve the REST API and web dashboard over a store (read-only by default)",
                "eventwire serve --db events.duckdb --port 8000")
    p.add_argument("--db", required=True, help="store file (opened read-only unless --allow-ingest)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--allow-ingest", action="store_true",
                   help=f"mount POST /api/articles, which codes and stores an article: opens the store read-write "
                        f"and requires 'Authorization: Bearer ${TOKEN_VARIABLE}'")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="serve from N processes (read-only stores only; e.g. one per core; default 1)")
    p.add_argument("--max-body", type=int, default=1_000_000, metavar="BYTES",
                   help="largest accepted POST body; larger ones get 413 (default 1000000)")
