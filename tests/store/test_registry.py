"""The learned actor registry: rebuilt from stored mentions, order-independent, used by later runs."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.records import Article, DocumentResult, Mention
from eventwire.store import EventStore
from eventwire.store.registry import rebuild_registry, registry_rows, write_overrides


def stored(store: EventStore, key: str, published: str, *mentions: Mention) -> None:
    article = Article(id=key, text="x", published=published, origin="t", content_hash=key * 8)
    store.write_batch(
        [
            (
                article,
                DocumentResult(doc_id=key, published=published, mentions=mentions, content_hash=article.content_hash),
            )
        ]
    )


def taught(name: str, country: str, via: str = "person:title") -> Mention:
    return Mention(name, 0, len(name), country, ("GOV",), name, None, via)


def test_registry_keeps_the_most_attested_reading_with_provenance(tmp_path: Path) -> None:
    with EventStore(tmp_path / "s.duckdb") as store:
        stored(store, "b", "2024-02-02", taught("Ana Ruiz", "ESP"))
        stored(store, "a", "2024-01-01", taught("Ana Ruiz", "MEX", "person:apposition"))
        stored(store, "c", "2024-03-03", taught("Ana Ruiz", "ESP"), taught("Ana Ruiz", "ESP"))
        stored(store, "d", "2024-03-04", Mention("Li Qiang", 0, 8, "CHN", ("GOV",), "Li Qiang", None, "person:data"))
        assert rebuild_registry(store) == 1
        (row,) = registry_rows(store)
    assert (row["name"], row["country"], row["n_articles"], row["n_mentions"]) == ("Ana Ruiz", "ESP", 3, 4)
    assert str(row["first_seen"]) == "2024-01-01" and str(row["last_seen"]) == "2024-03-03"
    assert row["evidence_doc"] == "a"  # the earliest evidence, whatever the ingest order
    assert row["learned_from"] == ["person:apposition", "person:title"]


def test_registry_does_not_depend_on_ingest_order(tmp_path: Path) -> None:
    lessons = [("a", "2024-01-01", "MEX"), ("b", "2024-01-01", "ESP")]  # a tie: earliest evidence decides
    tables = []
    for name, order in (("one", lessons), ("two", lessons[::-1])):
        with EventStore(tmp_path / f"{name}.duckdb") as store:
            for key, day, country in order:
                stored(store, key, day, taught("Ana Ruiz", country))
            rebuild_registry(store)
            tables.append(registry_rows(store))
    assert tables[0] == tables[1]


def test_exported_registry_is_an_actors_file(tmp_path: Path) -> None:
    path = tmp_path / "learned.tsv"
    write_overrides([{"name": "Ana Ruiz", "country": "ESP", "sector": ["GOV", "MIL"]}], path)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines == [
        "names\tcountry\tsector\tname\tkind\tid",
        "Ana Ruiz\tESP\tGOV MIL\tAna Ruiz\tperson\tperson:ana-ruiz",
    ]


def test_a_later_ingest_resolves_a_bare_name_from_what_an_earlier_one_learned(tmp_path: Path) -> None:
    from eventwire.runner import run_ingest

    db = tmp_path / "s.duckdb"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(
        json.dumps(
            {
                "id": "a",
                "published": "2024-02-01",
                "text": "Defence Minister Tomas Varga of Slovakia met NATO officials in Brussels on Thursday.",
            }
        )
    )
    second.write_text(
        json.dumps(
            {
                "id": "b",
                "published": "2024-03-01",
                "text": "Tomas Varga accused Russia of threatening its neighbours on Monday.",
            }
        )
    )
    assert run_ingest([first], db).learned_actors == 1
    run_ingest([second], db)
    with EventStore(db, read_only=True) as store:
        _, rows = store.query("SELECT source_country, target_country FROM events WHERE doc_id = 'b'")
    assert ("SVK", "RUS") in rows
