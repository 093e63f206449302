"""The command line: the result contract, the bad-input batch, exit statuses, help texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli.main import build_parser, main

GOOD = [
    "Chinese Foreign Minister Wang Yi met Russian President Vladimir Putin in Moscow on Tuesday. "
    "The two sides agreed to deepen cooperation, Russian state media reported.",
    "Russian troops shelled the Ukrainian city of Kharkiv on Monday, killing two civilians, "
    "the regional governor said. Ukraine accused Moscow of targeting homes.",
    "The European Union imposed new sanctions on Iran on Friday over its supply of drones to Russia, "
    "and the bloc's foreign policy chief condemned the transfers.",
]

EVENT_FIELDS = {
    "id",
    "sentence_index",
    "sentence",
    "trigger",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "cameo_label",
    "goldstein",
    "quad_class",
    "plover",
    "plover_mode",
    "plover_context",
    "modality",
    "attributed_to",
    "date",
    "date_granularity",
    "location",
    "confidence",
    "rule",
}


def mixed_directory(root: Path) -> Path:
    root.mkdir()
    for i, text in enumerate(GOOD[:2]):
        (root / f"good{i}.txt").write_text(text, encoding="utf-8")
    (root / "photo.bin").write_bytes(b"\x00\x01\x02\x03GIF89a\x00\x00")
    (root / "empty.txt").write_text("")
    (root / "latin1.txt").write_bytes("Der Außenminister sagte, die Gespräche".encode("latin-1"))
    (root / "batch.jsonl").write_text(
        json.dumps({"id": "good2", "text": GOOD[2], "published": "2024-03-01"}) + "\n{broken json\n", encoding="utf-8"
    )
    return root


def test_code_prints_one_document_result_per_article_with_every_field(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t}) for i, t in enumerate(GOOD)), encoding="utf-8")
    assert main(["code", str(path), "--format", "json", "--published", "2024-03-01"]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["doc_id"] for r in results] == ["d0", "d1", "d2"]
    for r in results:
        assert {"doc_id", "published", "events", "quotes", "mentions", "places", "errors"} <= set(r)
        assert r["published"] == "2024-03-01"
        for event in r["events"]:
            assert EVENT_FIELDS <= set(event)


def test_ingest_stores_good_articles_records_bad_ones_and_a_rerun_adds_nothing(tmp_path: Path, capsys) -> None:
    from eventwire.store import EventStore

    inputs, db = mixed_directory(tmp_path / "in"), tmp_path / "events.duckdb"
    assert main(["ingest", str(inputs), "--db", str(db), "--quiet"]) == 1
    err = capsys.readouterr().err
    for name in ("photo.bin", "empty.txt", "latin1.txt", "batch.jsonl:2"):
        assert name in err
    with EventStore(db, read_only=True) as store:
        first = store.counts()
        _, reasons = store.query("SELECT reason FROM errors ORDER BY reason")
    assert first["articles"] == 3 and first["errors"] == 4
    assert any("binary file" in r for (r,) in reasons) and any("not valid UTF-8" in r for (r,) in reasons)
    assert main(["ingest", str(inputs), "--db", str(db), "--quiet"]) == 1
    assert "already stored 3" in capsys.readouterr().out
    with EventStore(db, read_only=True) as store:
        assert store.counts() == first


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["code", "x.txt", "--published", "yesterday"])
    assert exc.value.code == 2
    assert main(["events", "--db", str(tmp_path / "none.duckdb")]) == 2


def test_every_command_documents_itself_with_an_example() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        assert "example:" in command.format_help(), name
        assert f"eventwire {name}" in command.format_help(), name
