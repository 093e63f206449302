"""Event filters from query parameters, turned into a parameterised WHERE clause.

Every user value travels as a bound parameter; the only SQL text chosen from user input is a
sort column, and that comes from the ``SORTS`` whitelist.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any

from fastapi import Query

from eventwire.records import MODALITIES

#: The effective day of an event: its own date, else the article's publication date.
DAY = "coalesce(date, published)"

#: A country or bloc code (CHN, RUS, IGO, UNO): matched on the code columns only, which is also
#: much cheaper than the case-insensitive name comparison.
CODE = re.compile(r"[A-Za-z]{3}")

Modality = Enum("Modality", {m.upper(): m for m in MODALITIES}, type=str)  # type: ignore[misc]


class Sort(str, Enum):  # noqa: UP042 - FastAPI renders str enums as string choices
    """Sortable columns; ``SORTS`` maps each to its SQL, and nothing else may reach ORDER BY."""

    date = "date"
    published = "published"
    cameo = "cameo"
    goldstein = "goldstein"
    quad_class = "quad_class"
    confidence = "confidence"
    source = "source"
    target = "target"
    plover = "plover"
    modality = "modality"


SORTS = {Sort.date: DAY, Sort.published: "published", Sort.cameo: "cameo", Sort.goldstein: "goldstein",
         Sort.quad_class: "quad_class", Sort.confidence: "confidence", Sort.source: "source_country",
         Sort.target: "target_country", Sort.plover: "plover", Sort.modality: "modality"}


class Order(str, Enum):  # noqa: UP042 - FastAPI renders str enums as string choices
    asc = "asc"
    desc = "desc"


@dataclass
class EventFilter:
    """What a user asked for; ``where()`` gives the SQL condition and its parameters."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    plover: str | None = None
    quad_class: list[int] = field(default_factory=list)
    modality: list[str] = field(default_factory=list)
    attributed: bool | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    q: str | None = None
    doc_id: str | None = None
    min_confidence: float | None = None

    def where(self) -> tuple[str, list[Any]]:
        parts, params = self._actor_parts()
        more, more_params = self._other_parts("attributed_text IS NOT NULL")
        return (" AND ".join(parts + more) or "TRUE"), params + more_params

    def sides_where(self) -> tuple[str, list[Any]] | None:
        """The same condition over the rollup table ``event_sides`` (see ``store/rollups.py``), if it has one.

        It has one when the actors are country codes in one of the shapes the table is keyed
        for (an actor, a source, a target, source and target, or a dyad of two countries) and
        every other condition reads a column the table has (not ``place``, ``q`` or ``doc_id``).
        Each event has a row per side, so the conditions pick the rows that hold each event once.
        """
        if self.place or self.q or self.doc_id:
            return None
        anchor = self._sides_anchor()
        if anchor is None:
            return None
        more, more_params = self._other_parts("attributed")
        return " AND ".join([anchor[0], *more]), [*anchor[1], *more_params]

    def sides_span(self) -> tuple[str, str | None]:
        """The country and partner (None: every partner) whose ``event_sides`` rows hold the matches.

        Only for a filter with ``sides_where()``: the actor, the source, the target, the source and
        the target, or the two countries of a dyad.
        """
        if self.dyad:
            return self.dyad[0].upper(), self.dyad[1].upper()
        if self.source and self.target:
            return self.source.upper(), self.target.upper()
        actor = self.actor or self.source or self.target
        if actor is None:
            raise ValueError("this filter has no country to read event_sides by")
        return actor.upper(), None

    def _sides_anchor(self) -> tuple[str, list[Any]] | None:
        given = {k for k, v in (("actor", self.actor), ("source", self.source), ("target", self.target),
                                ("dyad", self.dyad)) if v}
        codes: list[str] = list(self.dyad) if self.dyad else [v for v in (self.actor, self.source, self.target) if v]
        if not given or not all(CODE.fullmatch(c) for c in codes):
            return None
        up = [c.upper() for c in codes]
        if given == {"dyad"} and up[0] != up[1]:
            return "side_actor = ? AND side_partner = ?", up
        if given == {"source", "target"}:
            return "side_actor = ? AND side_partner = ? AND side_role = 's'", up  # codes: source, target
        if given == {"source"}:
            return "side_actor = ? AND side_role = 's'", up
        if given == {"target"}:
            return "side_actor = ? AND side_role = 't'", up
        if given == {"actor"}:
            # An event of the actor with itself has two rows here: ``own`` keeps its source side only.
            return "side_actor = ? AND own", up
        return None

    def _actor_parts(self) -> tuple[list[str], list[Any]]:
        parts: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            parts.append(sql)
            params.extend(values)

        if self.actor:
            add(f"({_side('source', self.actor)} OR {_side('target', self.actor)})",
                *_value(self.actor), *_value(self.actor))
        if self.source:
            add(_side("source", self.source), *_value(self.source))
        if self.target:
            add(_side("target", self.target), *_value(self.target))
        if self.dyad and all(CODE.fullmatch(x) for x in self.dyad) and self.dyad[0].upper() != self.dyad[1].upper():
            # Two codes: "both ends among {a, b}, and different" is the same set of events as
            # "a->b or b->a", and unlike the OR it is pushed into the scan as two IN filters.
            pair = [self.dyad[0].upper(), self.dyad[1].upper()]
            add("source_country IN (?, ?) AND target_country IN (?, ?) AND source_country <> target_country",
                *pair, *pair)
        elif self.dyad:
            a, b = self.dyad
            add(f"(({_side('source', a)} AND {_side('target', b)}) OR ({_side('source', b)} AND {_side('target', a)}))",
                *_value(a), *_value(b), *_value(b), *_value(a))
        return parts, params

    def _other_parts(self, attributed: str) -> tuple[list[str], list[Any]]:
        """Conditions on the event itself; ``attributed`` is the SQL that is true for an attributed event."""
        parts: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            parts.append(sql)
            params.extend(values)

        if self.cameo:
            add("starts_with(cameo, ?)", self.cameo)
        if self.cameo_root:
            add("cameo_root = ?", self.cameo_root)
        if self.plover:
            add("plover = ?", self.plover.upper())
        # IN with one placeholder per value (not a subquery over a list): a plain IN is pushed
        # into the scan as a filter, a subquery becomes a join and costs ~10x on a large store.
        if self.quad_class:
            add(f"quad_class IN ({_marks(self.quad_class)})", *self.quad_class)
        if self.modality:
            add(f"modality IN ({_marks(self.modality)})", *self.modality)
        if self.attributed is not None:
            add(attributed if self.attributed else f"NOT ({attributed})")
        if self.since:
            add(f"{DAY} >= ?", self.since)
        if self.until:
            add(f"{DAY} <= ?", self.until)
        if self.place:
            add("(lower(location_name) = ? OR location_country = ?)", self.place.lower(), self.place.upper())
        if self.q:
            add("contains(lower(sentence), ?)", self.q.lower())
        if self.doc_id:
            add("doc_id = ?", self.doc_id)
        if self.min_confidence is not None:
            add("confidence >= ?", self.min_confidence)
        return parts, params

    def query_string(self) -> list[tuple[str, str]]:
        """The filter as query parameters again (for links to downloads and next pages)."""
        pairs: list[tuple[str, str]] = []
        for name in ("actor", "source", "target", "cameo", "cameo_root", "plover", "place", "q", "doc_id"):
            value = getattr(self, name)
            if value:
                pairs.append((name, value))
        if self.dyad:
            pairs.append(("dyad", ",".join(self.dyad)))
        pairs += [("quad_class", str(q)) for q in self.quad_class]
        pairs += [("modality", m) for m in self.modality]
        if self.attributed is not None:
            pairs.append(("attributed", "true" if self.attributed else "false"))
        for name in ("since", "until"):
            if getattr(self, name):
                pairs.append((name, getattr(self, name).isoformat()))
        if self.min_confidence is not None:
            pairs.append(("min_confidence", str(self.min_confidence)))
        return pairs


def _marks(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def _side(side: str, actor: str) -> str:
    if CODE.fullmatch(actor):
        return f"{side}_country = ?"
    return f"lower({side}_name) = ?"


def _value(actor: str) -> tuple[str]:
    return (actor.upper(),) if CODE.fullmatch(actor) else (actor.lower(),)


# ------------------------------------------------------------------ the FastAPI dependency

ActorParam = Annotated[str | None, Query(min_length=1, max_length=120,
                                         description="country or bloc code (CHN) or a canonical name")]


async def event_filter(
    actor: ActorParam = None,
    source: ActorParam = None,
    target: ActorParam = None,
    dyad: Annotated[str | None, Query(pattern=r"^[^,]{1,120},[^,]{1,120}$",
                                      description="two actors, either direction: CHN,RUS")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code or prefix")] = None,
    cameo_root: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{2,32}$")] = None,
    quad_class: Annotated[list[int], Query(description="0 neutral .. 4 material conflict")] = [],  # noqa: B006
    modality: Annotated[list[Modality], Query()] = [],  # type: ignore[valid-type]  # noqa: B006
    attributed: Annotated[bool | None, Query(description="only attributed (true) or unattributed (false)")] = None,
    since: Annotated[dt.date | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[dt.date | None, Query(description="last day, YYYY-MM-DD")] = None,
    place: Annotated[str | None, Query(min_length=1, max_length=120, description="place name or country")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="words in the sentence")] = None,
    doc_id: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
) -> EventFilter:
    """The filter of a request (async: pure checks, not worth a thread of the pool)."""
    from fastapi import HTTPException

    bad = [q_ for q_ in quad_class if not 0 <= q_ <= 4]
    if bad:
        raise HTTPException(422, f"quad_class must be 0..4, not {bad[0]}")
    if since and until and since > until:
        raise HTTPException(400, f"since ({since}) is after until ({until})")
    pair = tuple(part.strip() for part in dyad.split(",")) if dyad else None
    if pair and not all(pair):
        raise HTTPException(422, "dyad needs two actors: CHN,RUS")
    return EventFilter(actor=actor, source=source, target=target, dyad=pair,  # type: ignore[arg-type]
                       cameo=cameo, cameo_root=cameo_root, plover=plover, quad_class=list(quad_class),
                       modality=[m.value for m in modality], attributed=attributed, since=since, until=until,
                       place=place, q=q, doc_id=doc_id, min_confidence=min_confidence)
