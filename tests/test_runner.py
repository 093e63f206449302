"""The runner: resumable after a real kill, the same store with any number of processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventwire.data import data_path
from eventwire.store import EventStore
from eventwire.store.duck import TABLES


def corpus(tmp_path: Path, copies: int = 3) -> Path:
    """The demo articles, each also lightly rewritten, so there are several batches of distinct texts."""
    rows = [json.loads(line) for line in data_path("demo/articles.jsonl").open(encoding="utf-8")]
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            for row in rows:
                text = row["text"] if n == 0 else row["text"] + f"\nThis report was updated {n} times."
                out.write(json.dumps({**row, "id": f"{row['id']}-{n}", "text": text}) + "\n")
    return path


def tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with EventStore(db, read_only=True) as store:
        return {name: sorted(store.query(f"SELECT * FROM {name}")[1], key=repr) for name in TABLES}


def ingest_command(inputs: Path, db: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "eventwire",
        "-v",
        "ingest",
        str(inputs),
        "--db",
        str(db),
        "--quiet",
        "--batch-size",
        "4",
        *extra,
    ]


def test_a_killed_ingest_resumes_to_the_same_store(tmp_path: Path) -> None:
    inputs = corpus(tmp_path)
    reference, resumed = tmp_path / "reference.duckdb", tmp_path / "resumed.duckdb"
    subprocess.run(ingest_command(inputs, reference), check=True, capture_output=True, timeout=600)

    proc = subprocess.Popen(ingest_command(inputs, resumed), stderr=subprocess.PIPE, text=True)
    committed = 0
    deadline = time.monotonic() + 300
    assert proc.stderr is not None
    while committed < 2 and time.monotonic() < deadline:  # kill after the second committed batch
        line = proc.stderr.readline()
        committed += "committed batch" in line
        if not line and proc.poll() is not None:
            break
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = tables(resumed)
    assert 0 < len(partial["articles"]) < len(tables(reference)["articles"])

    subprocess.run(ingest_command(inputs, resumed), check=True, capture_output=True, timeout=600)
    assert tables(resumed) == tables(reference)


def test_two_processes_give_the_same_store_as_one(tmp_path: Path) -> None:
    inputs = corpus(tmp_path, copies=1)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    subprocess.run(ingest_command(inputs, one), check=True, capture_output=True, timeout=600)
    subprocess.run(ingest_command(inputs, two, "--processes", "2"), check=True, capture_output=True, timeout=600)
    assert tables(one) == tables(two)


def test_the_rollups_are_rebuilt_only_when_an_ingest_added_events(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from eventwire import runner
    from eventwire.pipeline import Coder
    from eventwire.store.rollups import rollups_current

    built: list[int] = []
    real = runner.refresh_rollups
    monkeypatch.setattr(runner, "refresh_rollups", lambda con: built.append(1) or real(con))
    inputs, db = corpus(tmp_path, copies=1), tmp_path / "events.duckdb"
    coder = Coder()
    runner.run_ingest([inputs], db, coder=coder)
    runner.run_ingest([inputs], db, coder=coder)  # nothing new: the rollups are current
    assert built == [1]
    with EventStore(db, read_only=True) as store:
        assert rollups_current(store)
