"""Events as PLOVER JSON Lines records, with the field names of the PLOVER data format.

Core fields: ``id``, ``date``, ``actor`` and ``recipient`` (lists of entity objects with
``raw_text``, ``entity_name``, ``country_name``, ``country_code``, ``sector_code`` and
``other_sector_codes``), ``event``, ``mode``, ``context`` (lists), ``event_loc`` (GeoNames field
names), ``event_text`` (the trigger), ``text`` (the sentence coded), ``quad_code`` (1-4; null for
a neutral statement, which PLOVER has no quad for), ``event_scale`` (Goldstein), ``cite_info``,
``coder``. Everything else eventwire knows is under ``eventwire``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from eventwire import __version__
from eventwire.analyze.network import country_names

CODER = f"eventwire {__version__}"


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def entity(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    """A PLOVER actor/recipient object from one side ("source", "target") of a stored event."""
    country, name, text = row[f"{side}_country"], row[f"{side}_name"], row[f"{side}_text"]
    if not (country or name or text):
        return None
    sectors = list(row[f"{side}_sector"] or [])
    return {"raw_text": text, "entity_name": name, "country_name": country_names().get(country or "", country),
            "country_code": country, "sector_code": sectors[0] if sectors else None,
            "other_sector_codes": sectors[1:], "identifier_id": row[f"{side}_id"]}


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["location_name"] is None:
        return None
    return {"name": row["location_name"], "country": row["location_country"], "lat": row["lat"],
            "lng": row["lon"], "geonameId": row["geonames_id"], "feature": row.get("location_feature")}


def _attributed(row: dict[str, Any]) -> dict[str, Any] | None:
    if not (row["attributed_text"] or row["attributed_name"] or row["attributed_country"]):
        return None
    return {"text": row["attributed_text"], "name": row["attributed_name"], "country": row["attributed_country"],
            "sector": list(row["attributed_sector"] or [])}


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER record of a stored event row (see ``export.rows``)."""
    actor, recipient = entity(row, "source"), entity(row, "target")
    return {
        "id": row["event_id"],
        "date": _iso(row["date"] or row["published"]),
        "actor": [actor] if actor else [],
        "recipient": [recipient] if recipient else [],
        "event": [row["plover"]] if row["plover"] else [],
        "mode": [row["plover_mode"]] if row["plover_mode"] else [],
        "context": list(row["plover_context"] or []),
        "event_loc": _location(row),
        "event_text": [row["trigger_text"]] if row["trigger_text"] else [],
        "text": row["sentence"],
        "quad_code": row["quad_class"] or None,
        "event_scale": row["goldstein"],
        "cite_info": {"doc_id": row["doc_id"], "url": row.get("article_url"), "title": row.get("article_title"),
                      "publisher": row.get("article_publisher"), "published": _iso(row["published"])},
        "coder": CODER,
        "eventwire": {
            "cameo": row["cameo"], "cameo_root": row["cameo_root"], "cameo_label": row["cameo_label"],
            "modality": row["modality"], "attributed_to": _attributed(row),
            "date_granularity": row["date_granularity"], "date_source": row["date_source"],
            "trigger": {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]},
            "sentence_index": row["sentence_index"], "confidence": row["confidence"], "rule": row["rule"],
            "content_hash": row["content_hash"],
        },
    }


def write_plover(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count
