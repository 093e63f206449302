"""Typed records that cross stage boundaries.

Every record is a frozen dataclass with character offsets into the original
article text. Records import nothing from the rest of the project, so any stage
(and any user script) can depend on them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

#: Modalities of an event (see SCHEMA.md).
MODALITIES = ("asserted", "intent", "hypothetical", "negated", "denied", "historical")


@dataclass(frozen=True)
class Article:
    """One input article. ``id`` is the caller's id, else a content hash."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    publisher: str | None = None
    origin: str = ""  # where it was read from: "path" or "path:line"
    content_hash: str = ""  # sha256 of the normalised text (set by the reader)


@dataclass(frozen=True)
class ArticleError:
    """An input that could not be read or coded, and why."""

    doc_id: str
    origin: str
    reason: str


@dataclass(frozen=True)
class Actor:
    """A resolved actor mention: country + sectors (+ canonical name)."""

    text: str
    start: int
    end: int
    country: str | None = None
    sector: tuple[str, ...] = ()
    name: str | None = None
    id: str | None = None
    via: str = ""  # which rule resolved it, e.g. "gazetteer:country", "person:dated-role"


@dataclass(frozen=True)
class Mention(Actor):
    """Every actor mention found in a document, with its sentence."""

    sentence_index: int = -1


@dataclass(frozen=True)
class Place:
    """A place name resolved to a gazetteer record."""

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str = ""  # "country", "admin1", "city", "region", ...
    sentence_index: int = -1
    as_actor: bool = False  # metonymy: the place stands for its government ("Moscow said")


@dataclass(frozen=True)
class DateRef:
    """A date expression resolved against the publication date."""

    text: str
    start: int
    end: int
    value: str  # ISO date: YYYY-MM-DD (the first day of a month/year for coarser granularity)
    granularity: str  # "day", "week", "month", "year"
    sentence_index: int = -1


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    kind: str  # "direct", "partial", "indirect"
    speaker: Actor | None = None
    addressee: Actor | None = None
    reported_by: Actor | None = None
    cue: Span | None = None  # the speech verb or cue phrase
    sentence_index: int = -1


@dataclass(frozen=True)
class Event:
    """One coded event (see SCHEMA.md)."""

    id: str
    sentence_index: int
    sentence: str
    trigger: Span
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_label: str
    goldstein: float
    quad_class: int
    plover: str
    plover_mode: str | None = None
    plover_context: tuple[str, ...] = ()
    modality: str = "asserted"
    attributed_to: Actor | None = None
    date: str | None = None
    date_granularity: str | None = None
    date_source: str = "published"  # "text" when a date expression in the clause gave it
    location: Place | None = None
    confidence: float = 0.5
    rule: str = ""

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True)
class DocumentResult:
    doc_id: str
    published: str | None
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    errors: tuple[str, ...] = ()
    title: str | None = None
    url: str | None = None
    content_hash: str = ""


def to_dict(record: Any) -> Any:
    """A JSON-ready dict of a record (tuples become lists; events gain ``cameo_root``)."""
    if record is None or isinstance(record, (str, int, float, bool)):
        return record
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    if dataclasses.is_dataclass(record):
        out = {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
        if isinstance(record, Event):
            out["cameo_root"] = record.cameo_root
        return out
    raise TypeError(f"cannot serialise {type(record).__name__}")


__all__ = [
    "MODALITIES",
    "Article",
    "ArticleError",
    "Actor",
    "Mention",
    "Place",
    "DateRef",
    "Span",
    "Quote",
    "Event",
    "DocumentResult",
    "to_dict",
    "field",
]
