"""The store: content-hash keys make re-inserting a no-op; a batch is one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.records import Actor, Article, DocumentResult, Event, Mention, Span
from eventwire.store import EventStore


def article(text: str, key: str) -> Article:
    return Article(id=key[:8], text=text, published="2024-05-13", origin="t", content_hash=key)


def result(art: Article, n_events: int = 1) -> DocumentResult:
    src = Actor("Russia", 0, 6, "RUS", ("GOV",))
    tgt = Actor("Ukraine", 20, 27, "UKR")
    events = tuple(
        Event(
            id=f"{art.id}:0:{i}",
            sentence_index=0,
            sentence=art.text,
            trigger=Span("shelled", 7, 14),
            source=src,
            target=tgt,
            cameo="194",
            cameo_label="Fight with artillery and tanks",
            goldstein=-10.0,
            quad_class=4,
            plover="ASSAULT",
            plover_mode="firearms",
            date="2024-05-12",
        )
        for i in range(n_events)
    )
    mentions = (Mention("Russia", 0, 6, "RUS", ("GOV",), sentence_index=0),)
    return DocumentResult(
        doc_id=art.id, published=art.published, events=events, mentions=mentions, content_hash=art.content_hash
    )


def test_writing_the_same_articles_twice_adds_nothing(tmp_path: Path) -> None:
    a, b = article("Russia shelled Ukraine.", "a" * 32), article("Russia shelled Ukraine again.", "b" * 32)
    with EventStore(tmp_path / "e.duckdb") as store:
        store.write_batch([(a, result(a, 2)), (b, result(b))])
        first = store.counts()
        store.write_batch([(a, result(a, 2)), (b, result(b))])
        assert store.counts() == first
        assert first["articles"] == 2 and first["events"] == 3 and first["mentions"] == 2
        assert store.known_hashes(["a" * 32, "c" * 32]) == {"a" * 32}


def test_errors_are_stored_once_with_their_reason(tmp_path: Path) -> None:
    bad = DocumentResult(doc_id="x.bin", published=None, errors=("x.bin: binary file",))
    with EventStore(tmp_path / "e.duckdb") as store:
        store.write_batch([(None, bad)])
        store.write_batch([(None, bad)])
        _, rows = store.query("SELECT doc_id, reason FROM errors")
    assert rows == [("x.bin", "x.bin: binary file")]


def test_events_filter_by_actor_and_date(tmp_path: Path) -> None:
    a = article("Russia shelled Ukraine.", "a" * 32)
    with EventStore(tmp_path / "e.duckdb") as store:
        store.write_batch([(a, result(a))])
        assert len(store.events(actor="UKR")[1]) == 1
        assert len(store.events(actor="CHN")[1]) == 0
        assert len(store.events(since="2024-05-13")[1]) == 0
        assert len(store.events(until="2024-05-12")[1]) == 1


def test_a_read_only_store_refuses_to_open_a_missing_file(tmp_path: Path) -> None:
    from eventwire.errors import StoreError

    with pytest.raises(StoreError, match="cannot open the store"):
        EventStore(tmp_path / "missing.duckdb", read_only=True)
