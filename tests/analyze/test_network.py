"""The actors network and the top lists over the hand-built store (see conftest.py)."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from eventwire.analyze.network import actors_network, format_top, nodes_path, top, write_network
from eventwire.errors import UsageError

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


def edges(built_store: Any, **options: Any) -> dict[tuple[str, str], Any]:
    return {(e.source, e.target): e for e in actors_network(built_store, **options).edges}


def test_edges_are_weighted_by_events_and_signed_by_quad_class(built_store: Any) -> None:
    got = edges(built_store)
    assert set(got) == {("CHN", "RUS"), ("RUS", "CHN"), ("RUS", "UKR"), ("USA", "CHN")}
    chn_rus, rus_chn = got[("CHN", "RUS")], got[("RUS", "CHN")]
    assert (chn_rus.weight, chn_rus.cooperative, chn_rus.conflictual, chn_rus.sign) == (2, 1, 1, 0)
    assert chn_rus.goldstein_sum == pytest.approx(1.9 - 10.0)
    assert (rus_chn.weight, rus_chn.net, rus_chn.sign) == (3, 1, 1)
    assert got[("RUS", "UKR")].sign == -1


def test_nodes_count_the_events_they_take_part_in(built_store: Any) -> None:
    nodes = {n.id: n for n in actors_network(built_store).nodes}
    assert (nodes["CHN"].events, nodes["CHN"].as_source, nodes["CHN"].as_target) == (6, 2, 4)
    assert nodes["RUS"].label == "Russia"


def test_all_modalities_adds_the_intent_event_to_its_edge(built_store: Any) -> None:
    assert edges(built_store, include_modalities=None)[("CHN", "RUS")].weight == 3


@pytest.mark.parametrize(("level", "edge"), [
    ("sector", ("RUSMIL", "CHNMIL")),
    ("name", ("Vladimir Putin", "Xi Jinping")),
])
def test_actor_level_sets_the_node_ids(built_store: Any, level: str, edge: tuple[str, str]) -> None:
    assert edge in edges(built_store, level=level)


def test_graphml_file_has_nodes_edges_and_weights(built_store: Any, tmp_path: Path) -> None:
    path = tmp_path / "net.graphml"
    write_network(actors_network(built_store), path)
    root = ET.parse(path).getroot()
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None and graph.get("edgedefault") == "directed"
    assert {n.get("id") for n in graph.iter(f"{GRAPHML}node")} == {"CHN", "RUS", "UKR", "USA"}
    weight = {(e.get("source"), e.get("target")): e.find(f"{GRAPHML}data[@key='edge_weight']").text
              for e in graph.iter(f"{GRAPHML}edge")}
    assert weight[("RUS", "CHN")] == "3"


def test_gexf_file_has_weighted_edges(built_store: Any, tmp_path: Path) -> None:
    path = tmp_path / "net.gexf"
    write_network(actors_network(built_store), path)
    root = ET.parse(path).getroot()
    found = {(e.get("source"), e.get("target")): e.get("weight") for e in root.iter(f"{GEXF}edge")}
    assert found[("CHN", "RUS")] == "2"
    assert [n.get("label") for n in root.iter(f"{GEXF}node") if n.get("id") == "UKR"] == ["Ukraine"]


def test_csv_writes_an_edge_table_and_a_node_table(built_store: Any, tmp_path: Path) -> None:
    path = tmp_path / "net.csv"
    written = write_network(actors_network(built_store), path)
    assert written == [path, nodes_path(path)]
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    assert {"source", "target", "weight", "sign", "net"} <= set(rows[0])
    assert len(rows) == 4
    assert len(list(csv.DictReader(open(nodes_path(path), encoding="utf-8")))) == 4


def test_unknown_network_format_names_the_choices(built_store: Any, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="graphml"):
        write_network(actors_network(built_store), tmp_path / "net.txt")


def test_top_lists_actors_dyads_and_event_types(built_store: Any) -> None:
    lists = top(built_store, n=3)
    assert lists.actors[:2] == [("CHN", "China", 7), ("RUS", "Russia", 6)]
    assert lists.dyads[0] == ("CHN", "RUS", 5, 3, 2)
    assert lists.event_types[0][0] == "190" and lists.event_types[0][3] == 2
    assert "most active dyads" in format_top(lists)


def test_top_in_a_period(built_store: Any) -> None:
    lists = top(built_store, since="2023-06-01", until="2023-06-30")
    assert [a[0] for a in lists.actors] == ["RUS", "CHN", "UKR"]
