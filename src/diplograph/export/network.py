"""The actor network as GEXF or GraphML (readable by Gephi, networkx, igraph).

Nodes are actor codes (states ISO3, organizations ``IGO:X``) with ``n_events``; undirected edges
join the two sides of every dyadic event, with attributes ``cooperation`` (quad classes 1-2),
``conflict`` (3-4), ``n_events``, ``mean_goldstein`` and ``weight`` (= ``n_events``).
"""

from __future__ import annotations

from typing import Any, Literal

import networkx as nx

NetworkFormat = Literal["gexf", "graphml"]


def to_graph(network: dict[str, list[dict[str, Any]]]) -> nx.Graph:
    """A networkx Graph from ``Store.network()``'s nodes and edges."""
    graph = nx.Graph()
    for node in network["nodes"]:
        graph.add_node(node["id"], label=node["id"], n_events=int(node["n_events"]))
    for edge in network["edges"]:
        attrs: dict[str, Any] = {
            "weight": float(edge["n_events"]), "cooperation": int(edge["cooperation"]),
            "conflict": int(edge["conflict"]), "n_events": int(edge["n_events"]),
        }
        if edge.get("mean_goldstein") is not None:  # absent when no event has a Goldstein score
            attrs["mean_goldstein"] = float(edge["mean_goldstein"])
        graph.add_edge(edge["source"], edge["target"], **attrs)
    return graph


def write_network(network: dict[str, list[dict[str, Any]]], out: Any, *, fmt: NetworkFormat) -> int:
    """Write the network to a path or binary stream; returns the number of edges."""
    graph = to_graph(network)
    if fmt == "gexf":
        nx.write_gexf(graph, out)
    else:
        nx.write_graphml(graph, out)
    return graph.number_of_edges()
