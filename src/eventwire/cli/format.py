"""Output formats of ``eventwire code``: json (document results), events (one per line), table."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from eventwire.records import DocumentResult, Event, to_dict


def write_json(results: Iterable[DocumentResult], out: TextIO) -> None:
    for result in results:
        out.write(json.dumps(to_dict(result), ensure_ascii=False) + "\n")
        out.flush()


def write_events(results: Iterable[DocumentResult], out: TextIO) -> None:
    for result in results:
        for event in result.events:
            row = {"doc_id": result.doc_id, "published": result.published, **to_dict(event)}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()


def actor_label(actor: object) -> str:
    if actor is None:
        return "-"
    country = getattr(actor, "country", None) or "---"
    sector = "".join(getattr(actor, "sector", ()) or ())
    name = getattr(actor, "name", None)
    return f"{country}{sector}" + (f" ({name})" if name else "")


def event_line(event: Event) -> str:
    flags = [] if event.modality == "asserted" else [event.modality]
    if event.attributed_to:
        flags.append(f"per {actor_label(event.attributed_to)}")
    place = f" @{event.location.name}" if event.location else ""
    extra = f"  [{'; '.join(flags)}]" if flags else ""
    return (
        f"{event.date or '????-??-??'}  {actor_label(event.source):28s} -> {actor_label(event.target):28s} "
        f"{event.cameo:4s} {event.plover:10s} {event.goldstein:+5.1f}  {event.trigger.text!r}{place}{extra}"
    )


def write_table(results: Iterable[DocumentResult], out: TextIO) -> None:
    for result in results:
        head = f"== {result.doc_id}" + (f"  {result.title}" if result.title else "")
        out.write(head + "\n")
        for error in result.errors:
            out.write(f"   error: {error}\n")
        for event in result.events:
            out.write("   " + event_line(event) + "\n")
        for quote in result.quotes:
            speaker = actor_label(quote.speaker) if quote.speaker else "?"
            text = quote.text if len(quote.text) < 90 else quote.text[:87] + "..."
            out.write(f"   quote ({quote.kind}) {speaker}: \u201c{text}\u201d\n")
        out.flush()


WRITERS = {"json": write_json, "events": write_events, "table": write_table}
