"""POST /api/articles: code a submitted article and store it (mounted only with ``--allow-ingest``).

Checks run cheapest first so that a stranger costs us little: the bearer token (compared in
constant time), then the declared and the actual body size (413), then the JSON shape (422);
only then is the article coded, under the store's write lock.
"""

from __future__ import annotations

import hmac
import logging
import threading
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field, ValidationError

from eventwire.records import ArticleError
from eventwire.web.api import as_json

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["ingest"])
_coder_lock = threading.Lock()


class ArticleIn(BaseModel):
    """An article to code: its text and what is known about it."""

    text: str = Field(min_length=1)
    id: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    publisher: str | None = Field(default=None, max_length=300)


_BODY = {"required": True, "content": {"application/json": {"schema": ArticleIn.model_json_schema()}}}


@router.post("/articles", status_code=201, summary="Code an article and store it (needs a bearer token)",
             openapi_extra={"requestBody": _BODY, "security": [{"bearer": []}]},
             responses={401: {"description": "missing or wrong token"}, 413: {"description": "body too large"}})
async def post_article(request: Request) -> Response:
    _check_token(request)
    body = await _read_body(request, request.app.state.options.max_body_bytes)
    try:
        record = ArticleIn.model_validate_json(body)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors())
        raise HTTPException(422, f"bad article: {problems}") from None
    if len(record.text) > request.app.state.options.max_chars:
        raise HTTPException(413, f"text has {len(record.text):,} characters, over the limit of "
                                 f"{request.app.state.options.max_chars:,}")
    return as_json(await run_in_threadpool(_code_and_store, request.app, record), status=201)


def _check_token(request: Request) -> None:
    expected: str = request.app.state.options.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    # compare_digest on bytes: constant time whatever the mismatch, and no error on non-ASCII input.
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required (Authorization: Bearer $EVENTWIRE_TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise HTTPException(413, f"the request body is over the limit of {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():  # a chunked body has no length: count as it arrives
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the request body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _coder(app: Any) -> Any:
    # The coder loads the spaCy pipeline: only on the first submitted article, once.
    with _coder_lock:
        if getattr(app.state, "coder", None) is None:
            if app.state.coder_factory is not None:
                app.state.coder = app.state.coder_factory()
            else:
                from eventwire.pipeline import Coder

                app.state.coder = Coder()
        return app.state.coder


def _code_and_store(app: Any, record: ArticleIn) -> dict[str, Any]:
    from eventwire.ingest.readers import ReadOptions, make_article
    from eventwire.runner import ingest_batch
    from eventwire.store import IngestSummary

    options = app.state.options
    item = make_article(record.model_dump(), "<api>", ReadOptions(max_chars=options.max_chars))
    if isinstance(item, ArticleError):
        raise HTTPException(422, item.reason)
    summary = IngestSummary()
    with app.state.db.writing() as store:
        ingest_batch(_coder(app), store, [item], summary)
    if summary.failed:
        raise HTTPException(422, "; ".join(summary.errors) or "the article could not be coded")
    logger.info("stored article %s via the API (%d events)", item.id, summary.events)
    return {"doc_id": item.id, "content_hash": item.content_hash, "stored": summary.coded == 1,
            "already_stored": summary.skipped_existing == 1, "events": summary.events,
            "article_url": f"/api/articles/{item.content_hash}"}


__all__ = ["router", "ArticleIn"]
