"""The web application: a REST API under ``/api`` and server-rendered dashboard pages.

Safe by default: the store is opened read-only, and the one writing endpoint (POST
``/api/articles``) is only mounted when ingest is allowed, which also opens the store
read-write and requires a bearer token.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

import eventwire
from eventwire.errors import UsageError
from eventwire.web.db import Database

logger = logging.getLogger(__name__)

#: The default largest request body of the ingest endpoint: a long article with its metadata.
MAX_BODY_BYTES = 1_000_000


@dataclass(frozen=True)
class ServeOptions:
    """How the application runs (``eventwire serve`` builds this from its flags)."""

    db: str | Path
    allow_ingest: bool = False
    token: str | None = None  # required when allow_ingest (from EVENTWIRE_TOKEN)
    max_body_bytes: int = MAX_BODY_BYTES
    max_chars: int = 200_000  # longest article text accepted (as `eventwire ingest --max-chars`)
    #: DuckDB threads per process (None: DuckDB's default, one per core). With several worker
    #: processes serving many small concurrent queries, 1 avoids every query fanning out over
    #: every core and fighting the other processes for them.
    threads: int | None = None


#: The store and DuckDB threads of a server run as several worker processes (see ``app_from_environment``).
DB_VARIABLE = "EVENTWIRE_SERVE_DB"
THREADS_VARIABLE = "EVENTWIRE_SERVE_THREADS"


def app_from_environment() -> FastAPI:
    """A read-only application over the store named in ``$EVENTWIRE_SERVE_DB``.

    For ``uvicorn.run("eventwire.web.app:app_from_environment", factory=True, workers=N)``:
    each worker process imports this and opens its own read-only connection (DuckDB lets
    several processes read one file), so requests run on every core without sharing the GIL.
    """
    import os

    db = os.environ.get(DB_VARIABLE)
    if not db:
        raise UsageError(f"set {DB_VARIABLE} to the store file the workers serve")
    threads = os.environ.get(THREADS_VARIABLE)
    return create_app(ServeOptions(db=db, threads=int(threads) if threads else None))


def create_app(options: ServeOptions, *, coder_factory: Callable[[], Any] | None = None) -> FastAPI:
    """The application over the store ``options.db``; ``coder_factory`` replaces the real coder in tests."""
    if options.allow_ingest and not options.token:
        raise ValueError("ingest needs a token: set EVENTWIRE_TOKEN to a long random string")
    db = Database(options.db, writable=options.allow_ingest, threads=options.threads)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db.warm()
        yield
        db.close()

    app = FastAPI(title="eventwire", version=eventwire.__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # their pages load scripts from a CDN: the API page is ours
                  description="Political event data: events, articles, dyads, actors, network, downloads.")
    app.state.db = db
    app.state.options = options
    app.state.coder_factory = coder_factory

    from eventwire.web import api, ingest, pages

    app.include_router(api.router)
    if options.allow_ingest:
        app.include_router(ingest.router)
    app.include_router(pages.router)
    static = resources.files("eventwire.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _add_error_handlers(app)
    _add_security_headers(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path.endswith(".json")


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                    for e in exc.errors()]
        message = "bad parameters: " + "; ".join(problems)
        if _wants_json(request):
            return JSONResponse({"error": message, "status": 422,
                                 "detail": [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
                                            for e in exc.errors()]}, status_code=422)
        return _html_error(request, 422, message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": str(exc.detail), "status": exc.status_code},
                                status_code=exc.status_code, headers=exc.headers)
        return _html_error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(UsageError)
    async def bad_request(request: Request, exc: UsageError) -> Response:
        # The analysis functions validate their own arguments (an empty actor, an unknown period).
        return await http_error(request, HTTPException(422, str(exc)))

    from starlette.exceptions import HTTPException as StarletteHTTPException

    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]


def _html_error(request: Request, status: int, message: str) -> Response:
    from eventwire.web.pages import templates

    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


#: Pages use only our own script and style files (no inline script), so a strict policy costs nothing.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def _add_security_headers(app: FastAPI) -> None:
    # A plain ASGI wrapper rather than @app.middleware: that one costs a task per request under load.
    app.add_middleware(SecurityHeaders)
    app.add_middleware(DropEmptyPageParams)


class SecurityHeaders:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class DropEmptyPageParams:
    """Pages: a form's empty fields (``cameo=``) mean "any", not a malformed value; the API stays strict."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/api") and scope.get("query_string"):
            pairs = [p for p in scope["query_string"].split(b"&") if p and not p.endswith(b"=")]
            scope = {**scope, "query_string": b"&".join(pairs)}
        await self.app(scope, receive, send)
