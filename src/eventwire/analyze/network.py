"""The actors network (GraphML, GEXF or CSV) and the ``top`` lists of a store.

Nodes are actors at a chosen level (``country``: CHN; ``sector``: CHNMIL; ``name``: the
canonical name, else the country+sector code). A directed edge source -> target carries the
number of events (``weight``), how many were cooperative (QuadClass 1-2), conflictual (3-4)
or neutral (0), ``net`` = cooperative - conflictual, its ``sign`` (+1, 0, -1) and the Goldstein
sum. The XML is written with the standard library, so no graph package is needed.
"""

from __future__ import annotations

import csv
import logging
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.analyze.dyads import DEFAULT_MODALITIES, filter_clause
from eventwire.data import read_tsv
from eventwire.errors import UsageError
from eventwire.store import EventStore

logger = logging.getLogger(__name__)

LEVELS = ("country", "sector", "name")
NETWORK_FORMATS = ("graphml", "gexf", "csv")


def _key_sql(side: str, level: str) -> str:
    """SQL for an event side's node id at ``level`` (NULL when the side has no actor)."""
    code = f"e.{side}_country || coalesce(array_to_string(e.{side}_sector, ''), '')"
    if level == "country":
        return f"e.{side}_country"
    if level == "sector":
        return code
    if level == "name":
        return f"coalesce(e.{side}_name, {code})"
    raise UsageError(f"E043 unknown actor level {level!r}: use one of {', '.join(LEVELS)}")


def _events_cte(level: str, since: str | None, until: str | None,
                include_modalities: Sequence[str] | None) -> tuple[str, list[Any]]:
    where, params = filter_clause(since=since, until=until, include_modalities=include_modalities)
    sql = (f"WITH ev AS (SELECT {_key_sql('source', level)} AS src, {_key_sql('target', level)} AS tgt, "
           "e.quad_class, e.goldstein, e.cameo, e.cameo_label, e.plover FROM events e"
           + (f" WHERE {where}" if where else "") + ") ")
    return sql, params


#: CAMEO's non-state "country" codes, which name a kind of actor rather than a place.
NON_STATE_NAMES = {"IGO": "Inter-governmental organisations", "NGO": "Non-governmental organisations",
                   "IMG": "International militarised groups", "MNC": "Multinational corporations"}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country and bloc code -> readable name, for node labels."""
    names = {row["code"]: row["name"] for row in read_tsv("actors/countries.tsv")}
    names.update(NON_STATE_NAMES)
    for row in read_tsv("actors/blocs.tsv"):
        if row.get("kind") == "region":
            names.setdefault(row["country"], row["names"].split("|")[0])
    return names


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    weight: int
    cooperative: int
    conflictual: int
    neutral: int
    goldstein_sum: float

    @property
    def net(self) -> int:
        return self.cooperative - self.conflictual

    @property
    def sign(self) -> int:
        return (self.net > 0) - (self.net < 0)


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    events: int  # events the actor takes part in (as source or target)
    as_source: int
    as_target: int


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]


def actors_network(store: EventStore, *, level: str = "country", since: str | None = None,
                   until: str | None = None,
                   include_modalities: Sequence[str] | None = DEFAULT_MODALITIES) -> Network:
    """Actors and the events between them (only events with both a source and a target)."""
    cte, params = _events_cte(level, since, until, include_modalities)
    _, rows = store.query(
        cte + "SELECT src, tgt, count(*), count(*) FILTER (quad_class IN (1, 2)), "
        "count(*) FILTER (quad_class IN (3, 4)), count(*) FILTER (quad_class = 0), coalesce(sum(goldstein), 0) "
        "FROM ev WHERE src IS NOT NULL AND tgt IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2", params)
    edges = [Edge(s, t, int(n), int(c), int(k), int(z), round(float(g), 3)) for s, t, n, c, k, z, g in rows]
    out_deg: dict[str, int] = {}
    in_deg: dict[str, int] = {}
    total: dict[str, int] = {}
    for e in edges:
        out_deg[e.source] = out_deg.get(e.source, 0) + e.weight
        in_deg[e.target] = in_deg.get(e.target, 0) + e.weight
        total[e.source] = total.get(e.source, 0) + e.weight
        if e.target != e.source:  # a domestic event (CHN -> CHN) counts once for its actor
            total[e.target] = total.get(e.target, 0) + e.weight
    names = country_names() if level == "country" else {}
    nodes = [Node(key, names.get(key, key), total[key], out_deg.get(key, 0), in_deg.get(key, 0))
             for key in sorted(total)]
    return Network(nodes, edges)


# ---------------------------------------------------------------------------- writers

NODE_ATTRS = (("label", "string"), ("events", "int"), ("as_source", "int"), ("as_target", "int"))
EDGE_ATTRS = (("weight", "double"), ("cooperative", "int"), ("conflictual", "int"), ("neutral", "int"),
              ("net", "int"), ("sign", "int"), ("goldstein_sum", "double"))


def _edge_values(e: Edge) -> dict[str, Any]:
    return {"weight": e.weight, "cooperative": e.cooperative, "conflictual": e.conflictual, "neutral": e.neutral,
            "net": e.net, "sign": e.sign, "goldstein_sum": e.goldstein_sum}


def _node_values(n: Node) -> dict[str, Any]:
    return {"label": n.label, "events": n.events, "as_source": n.as_source, "as_target": n.as_target}


def to_graphml(network: Network) -> ET.ElementTree:
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for kind, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        for name, typ in attrs:
            ET.SubElement(root, "key", {"id": f"{kind}_{name}", "for": kind, "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, "graph", id="eventwire", edgedefault="directed")
    for n in network.nodes:
        node = ET.SubElement(graph, "node", id=n.id)
        for name, value in _node_values(n).items():
            ET.SubElement(node, "data", key=f"node_{name}").text = str(value)
    for i, e in enumerate(network.edges):
        edge = ET.SubElement(graph, "edge", id=f"e{i}", source=e.source, target=e.target)
        for name, value in _edge_values(e).items():
            ET.SubElement(edge, "data", key=f"edge_{name}").text = str(value)
    return ET.ElementTree(root)


_GEXF_TYPES = {"int": "integer", "double": "double", "string": "string"}


def to_gexf(network: Network) -> ET.ElementTree:
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "eventwire"
    ET.SubElement(meta, "description").text = "actors network: edges weighted by events, signed by QuadClass"
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    for kind, attrs in (("node", NODE_ATTRS[1:]), ("edge", EDGE_ATTRS[1:])):
        block = ET.SubElement(graph, "attributes", {"class": kind})
        for name, typ in attrs:
            ET.SubElement(block, "attribute", id=name, title=name, type=_GEXF_TYPES[typ])
    nodes = ET.SubElement(graph, "nodes")
    for n in network.nodes:
        node = ET.SubElement(nodes, "node", id=n.id, label=n.label)
        values = ET.SubElement(node, "attvalues")
        for name, value in list(_node_values(n).items())[1:]:
            ET.SubElement(values, "attvalue", {"for": name, "value": str(value)})
    edges = ET.SubElement(graph, "edges")
    for i, e in enumerate(network.edges):
        edge = ET.SubElement(edges, "edge", id=str(i), source=e.source, target=e.target, weight=str(e.weight))
        values = ET.SubElement(edge, "attvalues")
        for name, value in list(_edge_values(e).items())[1:]:
            ET.SubElement(values, "attvalue", {"for": name, "value": str(value)})
    return ET.ElementTree(root)


def nodes_path(edges_path: Path) -> Path:
    """Where the CSV writer puts the node table beside the edge table (``x.csv`` -> ``x.nodes.csv``)."""
    return edges_path.with_name(f"{edges_path.stem}.nodes.csv")


def write_network(network: Network, path: str | Path, fmt: str | None = None) -> list[Path]:
    """Write the network as GraphML, GEXF or CSV (format from ``fmt`` or the suffix); the files written."""
    out = Path(path)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt in ("graphml", "gexf"):
        tree = to_graphml(network) if fmt == "graphml" else to_gexf(network)
        ET.indent(tree)
        tree.write(out, encoding="utf-8", xml_declaration=True)
        return [out]
    if fmt == "csv":
        with open(out, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["source", "target", *(name for name, _ in EDGE_ATTRS)])
            writer.writerows([e.source, e.target, *_edge_values(e).values()] for e in network.edges)
        with open(nodes_path(out), "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", *(name for name, _ in NODE_ATTRS)])
            writer.writerows([n.id, *_node_values(n).values()] for n in network.nodes)
        return [out, nodes_path(out)]
    raise UsageError(f"E044 unknown network format {fmt!r} for {str(out)!r}: use .graphml, .gexf or .csv")


# ---------------------------------------------------------------------------- top lists

@dataclass(frozen=True)
class TopLists:
    """The most active actors, dyads (either direction) and event types of a period."""

    actors: list[tuple[str, str, int]]  # id, label, events
    dyads: list[tuple[str, str, int, int, int]]  # a, b, events, cooperative, conflictual
    event_types: list[tuple[str, str, str, int]]  # cameo, label, plover, events


def top(store: EventStore, *, n: int = 10, level: str = "country", since: str | None = None,
        until: str | None = None, include_modalities: Sequence[str] | None = DEFAULT_MODALITIES) -> TopLists:
    """The ``n`` most active actors, dyads and event types (ties broken alphabetically)."""
    cte, params = _events_cte(level, since, until, include_modalities)
    _, actor_rows = store.query(
        cte + "SELECT k, count(*) FROM (SELECT src AS k FROM ev WHERE src IS NOT NULL UNION ALL "
        "SELECT tgt FROM ev WHERE tgt IS NOT NULL AND tgt IS DISTINCT FROM src) GROUP BY 1 "
        "ORDER BY 2 DESC, 1 LIMIT ?", [*params, n])
    _, dyad_rows = store.query(
        cte + "SELECT least(src, tgt), greatest(src, tgt), count(*), count(*) FILTER (quad_class IN (1, 2)), "
        "count(*) FILTER (quad_class IN (3, 4)) FROM ev WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt "
        "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?", [*params, n])
    _, type_rows = store.query(
        cte + "SELECT cameo, any_value(cameo_label), coalesce(any_value(plover), ''), count(*) FROM ev "
        "GROUP BY 1 ORDER BY 4 DESC, 1 LIMIT ?", [*params, n])
    names = country_names() if level == "country" else {}
    return TopLists(
        actors=[(k, names.get(k, k), int(c)) for k, c in actor_rows],
        dyads=[(a, b, int(c), int(co), int(cf)) for a, b, c, co, cf in dyad_rows],
        event_types=[(code, label or "", plover, int(c)) for code, label, plover, c in type_rows],
    )


def format_top(lists: TopLists) -> str:
    lines = ["most active actors:"]
    lines += [f"  {key:12s} {label:30s} {count:6d}" for key, label, count in lists.actors]
    lines.append("most active dyads (either direction; coop = QuadClass 1-2, confl = 3-4):")
    lines += [f"  {a:12s} {b:12s} {c:6d} coop {co:4d} confl {cf:4d}" for a, b, c, co, cf in lists.dyads]
    lines.append("most frequent event types:")
    lines += [f"  {code:5s} {plover:12s} {c:6d}  {label}" for code, label, plover, c in lists.event_types]
    return "\n".join(lines)


def export_network(store: EventStore, path: str | Path, *, fmt: str | None = None, level: str = "country",
                   since: str | None = None, until: str | None = None,
                   include_modalities: Sequence[str] | None = DEFAULT_MODALITIES) -> list[Path]:
    """Build the actors network of a store and write it; the files written."""
    network = actors_network(store, level=level, since=since, until=until, include_modalities=include_modalities)
    return write_network(network, path, fmt)
