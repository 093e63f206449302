"""The dashboard: server-rendered pages (Jinja2) over the same queries as the API.

Everything works without script; ``static/app.js`` only adds hover highlighting in the article
view, drops empty form fields from queries and scrolls to the selected sentence.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from eventwire.analyze.summary import QUAD_NAMES
from eventwire.records import MODALITIES
from eventwire.web import charts, queries
from eventwire.web.api import Filter, Limit, Offset, found_or_404, modalities
from eventwire.web.db import Database
from eventwire.web.filters import SORTS, EventFilter, Order, Sort
from eventwire.web.highlight import Mark, segments

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("eventwire.web").joinpath("templates")))
templates.env.globals.update(quad_names=QUAD_NAMES, urlencode=urlencode, modalities=MODALITIES,
                             sorts=[s.value for s in SORTS])

Actor = Annotated[str | None, Query(max_length=120)]


def _db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    return _page(request, "index.html", summary=queries.summary(_db(request)))


@router.get("/relations", response_class=HTMLResponse)
def relations(request: Request, a: Actor = None, b: Actor = None,
              interval: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
              period: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
              all_modalities: bool = False) -> HTMLResponse:
    db = _db(request)
    context: dict[str, Any] = {"a": a or "", "b": b or "", "interval": interval, "period": period,
                               "all_modalities": all_modalities, "actors": queries.actors(db, limit=200)}
    if a and b:
        counted = modalities([], all_modalities)
        periods = queries.dyad_series(db, a, b, interval=interval, modalities=counted)
        bars, axis = charts.bars(periods)
        chosen = next((p for p in periods if p["start"] == period), None)
        # The events behind the bars: the same dyad, the same modalities, the chosen period.
        narrowed = queries.dyad_filter(EventFilter(modality=list(counted or [])), a, b)
        if chosen:
            narrowed.since, narrowed.until = date.fromisoformat(chosen["start"]), date.fromisoformat(chosen["end"])
        context.update(periods=periods, bars=bars, axis=axis, chosen=chosen, width=charts.CHART_WIDTH,
                       height=charts.CHART_HEIGHT, top_types=queries.top_types(db, narrowed),
                       events=queries.list_events(db, narrowed, order="asc", limit=200) if chosen else None)
    return _page(request, "relations.html", **context)


@router.get("/events", response_class=HTMLResponse)
def explorer(request: Request, f: Filter,
             sort: Sort = Sort.date, order: Order = Order.desc,
             limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    result = queries.list_events(_db(request), f, sort=sort.value, order=order.value, limit=limit, offset=offset)
    base = f.query_string() + [("sort", sort.value), ("order", order.value)]
    return _page(request, "events.html", f=f, result=result, sort=sort.value, order=order.value, base=base,
                 limit=limit, offset=offset)


@router.get("/articles/{key}", response_class=HTMLResponse)
def article(request: Request, key: Annotated[str, Path(max_length=300)],
            event: Annotated[str | None, Query(max_length=300)] = None) -> HTMLResponse:
    found = found_or_404(queries.get_article(_db(request), key), f"no article {key!r}")
    selected = next((e for e in found["events"] if e["event_id"] == event), None)
    if event and selected is None:
        raise HTTPException(404, f"article {key!r} has no event {event!r}")
    return _page(request, "article.html", article=found, selected=selected,
                 pieces=segments(found["text"], _marks(found, selected)))


def _marks(article: dict[str, Any], selected: dict[str, Any] | None) -> list[Mark]:
    marks = [Mark(m["start"], m["end"], "mention", _actor_title(m["name"], m["country"], m["sector"]))
             for m in article["mentions"]]
    marks += [Mark(p["start"], p["end"], "place", f"place: {p['name']} ({p['country'] or '?'})")
              for p in article["places"]]
    for q in article["quotes"]:
        speaker = q["speaker_name"] or q["speaker_text"] or "unknown speaker"
        marks.append(Mark(q["start"], q["end"], "quote", f"{q['kind']} quote, speaker: {speaker}",
                          anchor=f"quote-{q['quote_index']}"))
    for e in article["events"]:
        if e["sentence_start"] is not None:
            marks.append(Mark(e["sentence_start"], e["sentence_end"], "sentence", events=(e["event_index"],)))
        if e["trigger_start"] is not None:
            marks.append(Mark(e["trigger_start"], e["trigger_end"], "trigger",
                              f"{e['cameo']} {e['cameo_label']} ({e['modality']})", anchor=f"ev-{e['event_index']}",
                              events=(e["event_index"],)))
    if selected and selected["sentence_start"] is not None:
        marks.append(Mark(selected["sentence_start"], selected["sentence_end"], "selected-sentence",
                          anchor="selected"))
        marks.append(Mark(selected["trigger_start"], selected["trigger_end"], "selected-trigger"))
    return marks


def _actor_title(name: str | None, country: str | None, sector: list[str] | None) -> str:
    return f"actor: {name or ''} {country or '?'} {' '.join(sector or [])}".replace("  ", " ")


@router.get("/actors", response_class=HTMLResponse)
def actor_list(request: Request, q: Annotated[str | None, Query(max_length=120)] = None) -> HTMLResponse:
    return _page(request, "actors.html", q=q or "", items=queries.actors(_db(request), q=q or None, limit=200))


@router.get("/actors/{actor}", response_class=HTMLResponse)
def actor(request: Request, actor: Annotated[str, Path(min_length=1, max_length=120)]) -> HTMLResponse:
    found = found_or_404(queries.actor_detail(_db(request), actor), f"no actor {actor!r} in this store")
    recent = queries.list_events(_db(request), EventFilter(actor=actor), limit=20)
    return _page(request, "actor.html", actor=found, recent=recent)


@router.get("/map", response_class=HTMLResponse)
def event_map(request: Request, f: Filter) -> HTMLResponse:
    marks = charts.map_marks(queries.map_points(_db(request), f))
    return _page(request, "map.html", marks=marks, lines=charts.graticule(), width=charts.MAP_WIDTH,
                 height=charts.MAP_HEIGHT, f=f)


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return _page(request, "api.html", paths=spec["paths"])


__all__ = ["router", "templates"]
