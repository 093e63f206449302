"""Exports carry the counts of each event's cluster; one row per cluster on request (GDELT-style)."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import UsageError
from eventwire.export import GDELT_COLUMNS, export_events
from eventwire.store.groups import update_event_clusters, update_story_groups

_GROUPS = Path(__file__).parents[1] / "store" / "test_groups.py"
_spec = importlib.util.spec_from_file_location("eventwire_test_groups", _GROUPS)
assert _spec is not None and _spec.loader is not None
groups = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(groups)


@pytest.fixture
def reports(tmp_path: Path) -> Any:
    """One shelling reported by three outlets (two carry one wire story), a fourth outlet's own two events."""
    a, b = groups.article("a", groups.STORY, "Wire One"), groups.article("b", groups.COPY, "Daily Two")
    c = groups.article("c", groups.STORY + " More.", None)
    d = groups.article("d", groups.PROTEST, "Gazette Four", "2024-06-03")
    shelled = [(x, (groups.event(x, 0, groups.SHELLING, "shelled", "194", "2024-06-02"),)) for x in (a, b, c)]
    own = (groups.event(d, 0, groups.PROTEST, "summoned", "111", "2024-06-03", source="BOR", target="ARI"),)
    store = groups.store_with(tmp_path, [*shelled, (d, own)])
    yield store
    store.close()


def gdelt(store: Any, tmp_path: Path, **options: Any) -> list[dict[str, str]]:
    out = tmp_path / "events.tsv"
    export_events(store, "gdelt", out, **options)
    with out.open(encoding="utf-8") as handle:
        return [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in csv.reader(handle, delimiter="\t")]


def counts(row: dict[str, str]) -> tuple[str, str, str, str]:
    return row["EventCode"], row["NumMentions"], row["NumArticles"], row["NumSources"]


def test_without_clusters_every_event_counts_once(reports: Any, tmp_path: Path) -> None:
    once = [("111", "1", "1", "1")] + [("194", "1", "1", "1")] * 3
    assert sorted(counts(r) for r in gdelt(reports, tmp_path)) == once
    with pytest.raises(UsageError, match="eventwire clusters"):
        gdelt(reports, tmp_path, one_per_cluster=True)


def test_rows_carry_their_clusters_counts_and_one_row_per_cluster_on_request(reports: Any, tmp_path: Path) -> None:
    update_story_groups(reports)
    update_event_clusters(reports)
    # The shelling: 3 mentions in 3 articles from 3 sources (2 publishers, and the copy without one
    # counting as its story's source, as `eventwire clusters` counts them).
    every = sorted(counts(r) for r in gdelt(reports, tmp_path))
    assert every == [("111", "1", "1", "1")] + [("194", "3", "3", "3")] * 3
    one = sorted(counts(r) for r in gdelt(reports, tmp_path, one_per_cluster=True))
    assert one == [("111", "1", "1", "1"), ("194", "3", "3", "3")]
    csv_rows = tmp_path / "events.csv"
    assert export_events(reports, "csv", csv_rows, one_per_cluster=True) == 2
    assert "num_mentions" in csv_rows.read_text().splitlines()[0]
