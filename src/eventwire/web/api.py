"""The REST API: thin handlers that validate parameters and call one query each.

Listed in the OpenAPI document at ``/openapi.json``; errors are JSON ``{"error", "status"}``
with 400 (contradictory parameters), 404 (unknown id) or 422 (malformed parameters).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse

from eventwire.analyze.dyads import DEFAULT_MODALITIES
from eventwire.web import queries
from eventwire.web.db import Database
from eventwire.web.filters import EventFilter, Modality, Order, Sort, event_filter

router = APIRouter(prefix="/api", tags=["api"])

Filter = Annotated[EventFilter, Depends(event_filter)]
ActorPath = Annotated[str, Path(min_length=1, max_length=120, description="country code (CHN) or canonical name")]
ActorQuery = Annotated[str, Query(min_length=1, max_length=120, description="country code (CHN) or canonical name")]
Limit = Annotated[int, Query(ge=1, le=500)]
#: Deep offsets make DuckDB sort everything before them; past this, narrow the filter instead.
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


def _db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def found_or_404(found: Any, message: str) -> Any:
    if found is None:
        raise HTTPException(404, message)
    return found


def as_json(payload: Any, status: int = 200, *, raw: dict[str, str] | None = None) -> Response:
    """JSON without FastAPI's per-field encoder walk (lists of rows are flat dicts of plain values).

    ``raw``: more members of the (non-empty) payload object whose values are JSON text already
    (written by DuckDB), added after the encoded payload's own.
    """
    body = json.dumps(payload, default=_default, ensure_ascii=False, allow_nan=False)
    if raw:
        body = body[:-1] + "".join(f", {json.dumps(key)}: {text}" for key, text in raw.items()) + "}"
    return Response(body, status_code=status, media_type="application/json")


# The two endpoints a dashboard calls most are async: an answer the rollups hold takes a few
# milliseconds and is given on the event loop, in arrival order (a thread per request made the
# slowest 1% several times slower under load, and the hop itself cost more than some answers);
# anything that scans ``events`` goes to the thread pool, so that it does not hold up the loop.


@router.get("/events", summary="Filtered, sorted, paginated events")
async def events(request: Request, f: Filter, sort: Sort = Sort.date, order: Order = Order.desc,
                 limit: Limit = 50, offset: Offset = 0) -> Response:
    db = _db(request)
    ready = queries.list_events_json(db, f, sort=sort.value, order=order.value, limit=limit, offset=offset)
    if ready is not None:
        return Response(ready, media_type="application/json")
    return await run_in_threadpool(lambda: as_json(queries.list_events(db, f, sort=sort.value, order=order.value,
                                                                       limit=limit, offset=offset)))


@router.get("/events/download", summary="A filtered event list as a CSV or JSON file")
def download(request: Request, f: Filter, format: Annotated[str, Query(pattern="^(csv|json|jsonl)$")] = "csv",
             sort: Sort = Sort.date, order: Order = Order.desc) -> Response:
    names, rows = queries.download_rows(_db(request), f, sort=sort.value, order=order.value)
    body = _csv(names, rows) if format == "csv" else _jsonl(names, rows, array=format == "json")
    media = {"csv": "text/csv; charset=utf-8", "json": "application/json", "jsonl": "application/x-ndjson"}[format]
    return StreamingResponse(body, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="events.{format}"'})


def _csv(names: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    for row in rows:
        # Lists (sectors) become ';'-joined cells so the file stays one value per cell.
        writer.writerow([";".join(v) if isinstance(v, list) else v for v in row])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl(names: list[str], rows: Iterator[tuple[Any, ...]], *, array: bool) -> Iterator[str]:
    sep = ",\n" if array else "\n"
    yield "[\n" if array else ""
    first = True
    for row in rows:
        text = json.dumps(dict(zip(names, row, strict=True)), default=_default, ensure_ascii=False)
        yield (text if first else sep + text) if array else text + "\n"
        first = False
    yield "\n]\n" if array else ""


@router.get("/events/{event_id}", summary="One event with its provenance")
def event(request: Request, event_id: Annotated[str, Path(min_length=1, max_length=300)]) -> Response:
    return as_json(found_or_404(queries.get_event(_db(request), event_id), f"no event {event_id!r}"))


@router.get("/articles/{key}", summary="One article (doc id or content hash) with all its annotations")
def article(request: Request, key: Annotated[str, Path(min_length=1, max_length=300)]) -> Response:
    return as_json(found_or_404(queries.get_article(_db(request), key), f"no article {key!r}"))


ModalityList = Annotated[list[Modality], Query(description="modalities counted (default: asserted only)")]  # type: ignore[valid-type]
AllModalities = Annotated[bool, Query(description="count every modality (intent, hypothetical, ...)")]
Day = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]


def modalities(modality: list[Any], all_modalities: bool) -> tuple[str, ...] | None:
    """The modalities an analysis counts: as asked, else asserted only (as the command line does)."""
    if all_modalities:
        return None
    return tuple(m.value for m in modality) or DEFAULT_MODALITIES


@router.get("/dyads/series", summary="Events between two actors per period, with the top event types")
async def dyad_series(request: Request, a: ActorQuery, b: ActorQuery,
                interval: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
                directed: Annotated[bool, Query(description="only a -> b (default: both directions)")] = False,
                since: Day = None, until: Day = None, modality: ModalityList = [],  # noqa: B006
                all_modalities: AllModalities = False,
                top_types: Annotated[bool, Query(description="add the dyad's most frequent event types")] = True,
                ) -> Response:
    db = _db(request)
    counted = modalities(modality, all_modalities)
    _check_range(since, until)
    head = {"a": a, "b": b, "interval": interval, "directed": directed,
            "modalities": list(counted) if counted else "all"}
    pair = queries.ready_pair(db, a, b, directed=directed, since=since, until=until, modalities=counted)
    ready = queries.ready_series_json(db, pair, interval) if pair else None
    if pair and ready is not None:
        # The rollups hold this series ready-made, with the periods already as JSON text.
        return as_json(head, raw={"periods": ready,
                                  "top_types": queries.ready_top_types_json(db, pair) if top_types else "null"})

    def aggregated() -> Response:
        periods = queries.dyad_series(db, a, b, interval=interval, directed=directed, since=_iso(since),
                                      until=_iso(until), modalities=counted)
        f = EventFilter(since=since, until=until, modality=list(counted or []))
        return as_json({**head, "periods": periods,
                        "top_types": queries.top_types(db, queries.dyad_filter(f, a, b, directed=directed))
                        if top_types else None})

    return await run_in_threadpool(aggregated)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise HTTPException(400, f"since ({since}) is after until ({until})")


@router.get("/actors", summary="Actors seen in the articles (from mentions)")
def actors(request: Request, q: Annotated[str | None, Query(min_length=1, max_length=120)] = None,
           limit: Limit = 50) -> Response:
    return as_json({"items": queries.actors(_db(request), q=q, limit=limit)})


@router.get("/actors/{actor}", summary="One actor: country, sectors, event counts, top partners")
def actor(request: Request, actor: ActorPath, top: Annotated[int, Query(ge=1, le=100)] = 10) -> Response:
    found = queries.actor_detail(_db(request), actor, top=top)
    return as_json(found_or_404(found, f"no actor {actor!r} in this store"))


@router.get("/network", summary="Country-to-country event network (asserted events unless told otherwise)")
def network(request: Request, since: Day = None, until: Day = None, modality: ModalityList = [],  # noqa: B006
            all_modalities: AllModalities = False, min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
            limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> Response:
    _check_range(since, until)
    return as_json(queries.network(_db(request), since=_iso(since), until=_iso(until),
                                   modalities=modalities(modality, all_modalities), min_events=min_events,
                                   limit=limit))


@router.get("/summary", summary="Counts, QuadClass and modality totals, top dyads")
def summary(request: Request, top: Annotated[int, Query(ge=1, le=100)] = 10) -> Response:
    return as_json(queries.summary(_db(request), top=top))


@router.get("/map", summary="Event locations with event counts")
def map_points(request: Request, f: Filter, limit: Annotated[int, Query(ge=1, le=10_000)] = 2000) -> Response:
    return as_json({"items": queries.map_points(_db(request), f, limit=limit)})
