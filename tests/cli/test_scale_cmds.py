"""The dedupe and clusters commands: what a user sees for a store with syndicated copies."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from eventwire.cli.main import build_parser
from eventwire.cli.scale_cmds import add_engine_options
from eventwire.errors import UsageError
from eventwire.records import Actor, Article, DocumentResult, Event, Span
from eventwire.store import EventStore

STORY = ("Border guards of Aria and Borland exchanged fire across the river crossing on Tuesday night, according to "
         "officials on both sides, who each said the other had opened fire first. No casualties were reported, but "
         "the crossing was closed to traffic on Wednesday and both governments sent extra troops to the area, while "
         "a regional security group called for an investigation and a meeting of the border commission this week.")


def parser() -> argparse.ArgumentParser:
    """The real ``eventwire`` parser, in which these commands are registered."""
    return build_parser()


def run(*argv: str) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "wire.duckdb"
    pairs = []
    for key, publisher, text in (("a", "Wire One", STORY), ("b", "Daily Two", "Read more: our coverage\n" + STORY)):
        art = Article(id=key, text=text, published="2024-02-07", publisher=publisher, content_hash=key * 32)
        ev = Event(id=f"{key}:0:0", sentence_index=0, sentence=STORY[:80], trigger=Span("exchanged fire", 28, 42),
                   source=Actor("Aria", 0, 4, "ARI"), target=Actor("Borland", 9, 16, "BOR"), cameo="190",
                   cameo_label="Use conventional military force", goldstein=-10.0, quad_class=4, plover="ASSAULT",
                   date="2024-02-06")
        pairs.append((art, DocumentResult(doc_id=key, published=art.published, events=(ev,), content_hash=key * 32)))
    with EventStore(path) as store:
        store.write_batch(pairs)
    return path


def test_dedupe_reports_one_story_carried_by_two_publishers(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("dedupe", "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert "articles 2   stories 1   stories with copies 1" in out
    assert "2 articles   2 publishers" in out


def test_clusters_lists_one_event_with_its_counts(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("clusters", "--db", str(db), "--format", "csv") == 0
    lines = capsys.readouterr().out.splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    got = dict(zip(header, row, strict=False))
    assert (got["source"], got["target"], got["mentions"], got["articles"], got["stories"], got["sources"]) == \
           ("ARI", "BOR", "2", "2", "1", "2")


def test_a_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="eventwire ingest"):
        run("clusters", "--db", str(tmp_path / "none.duckdb"))


def test_engine_options_default_to_the_local_engine() -> None:
    p = argparse.ArgumentParser()
    add_engine_options(p)
    assert p.parse_args([]).engine == "local"
    assert p.parse_args(["--engine", "dask", "--scheduler", "tcp://10.0.0.5:8786"]).scheduler == "tcp://10.0.0.5:8786"
