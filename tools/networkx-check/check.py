"""Read actorgraph exports with NetworkX's own readers and describe what it kept.

Usage: python check.py FILE...

GraphML files are read with networkx.read_graphml, GEXF files with
networkx.read_gexf, Cytoscape JSON (.cyjs, .json) with
networkx.cytoscape_graph. For each file one JSON object is printed on a
line of its own: the graph class, node and edge counts, edges per "type"
attribute, and every node and edge with its attributes as NetworkX holds
them (a list stays a JSON array, a string a JSON string), so the caller can
compare them with what was exported.
"""

import collections
import json
import sys

import networkx as nx


def read(path):
    if path.endswith(".graphml"):
        return nx.read_graphml(path)
    if path.endswith(".gexf"):
        return nx.read_gexf(path)
    if path.endswith(".cyjs") or path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            return nx.cytoscape_graph(json.load(f))
    raise SystemExit(f"{path}: not a GraphML, GEXF or Cytoscape JSON file")


def describe(path):
    g = read(path)
    types = collections.Counter(str(d.get("type")) for _, _, d in g.edges(data=True))
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        edges.append({"key": str(k), "source": u, "target": v, "attributes": d})
    return {
        "file": path,
        "class": type(g).__name__,
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "nodeCount": g.number_of_nodes(),
        "edgeCount": g.number_of_edges(),
        "edgeTypes": dict(types),
        "nodes": [{"id": n, "attributes": d} for n, d in g.nodes(data=True)],
        "edges": edges,
        "version": nx.__version__,
    }


def main(paths):
    for path in paths:
        print(json.dumps(describe(path), ensure_ascii=False, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
