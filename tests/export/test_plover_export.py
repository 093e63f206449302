"""The PLOVER JSON Lines export: the PLOVER field names, with eventwire's extras aside."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REQUIRED = {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text", "text",
            "quad_code", "event_scale", "cite_info", "coder", "eventwire"}


@pytest.fixture()
def records(built_store: Any, tmp_path: Path) -> dict[str, dict[str, Any]]:
    from eventwire.export import export_events

    path = tmp_path / "events.jsonl"
    export_events(built_store, "plover", path)
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_every_record_has_the_plover_fields(records: dict[str, dict[str, Any]]) -> None:
    assert len(records) == 8
    for record in records.values():
        assert REQUIRED <= set(record), record["id"]
        assert isinstance(record["event"], list) and isinstance(record["context"], list)


def test_visit_record(records: dict[str, dict[str, Any]]) -> None:
    r = records["april-1:0:0"]
    assert (r["date"], r["event"], r["mode"], r["quad_code"], r["event_scale"]) == (
        "2023-04-16", ["CONSULT"], ["visit"], 1, 1.9)
    actor = r["actor"][0]
    assert (actor["country_code"], actor["country_name"], actor["sector_code"]) == ("CHN", "China", "GOV")
    assert r["recipient"][0]["country_code"] == "RUS"
    assert r["event_loc"]["name"] == "Moscow" and r["event_loc"]["geonameId"] == 524901
    assert r["cite_info"]["url"] == "https://example.org/april-1"
    assert (r["eventwire"]["cameo"], r["eventwire"]["modality"]) == ("042", "asserted")


def test_named_actor_keeps_its_name_and_id(records: dict[str, dict[str, Any]]) -> None:
    actor = records["april-2:0:1"]["actor"][0]
    assert (actor["entity_name"], actor["identifier_id"]) == ("Vladimir Putin", "person:vladimir-putin")


def test_material_cooperation_keeps_its_context(records: dict[str, dict[str, Any]]) -> None:
    assert records["april-1:0:1"]["context"] == ["military"]


def test_neutral_statement_has_no_quad_code_and_no_recipient(records: dict[str, dict[str, Any]]) -> None:
    r = records["august:0:1"]
    assert r["quad_code"] is None and r["recipient"] == []
