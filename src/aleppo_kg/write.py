"""Stage 5: serialise the graph, deterministically and atomically.

The file is written to a temporary file beside the target and renamed over it,
so a failed or killed build never leaves a partial or truncated output. Every
format is byte-identical across builds: Turtle and TriG come sorted from rdflib,
N-Triples lines and JSON-LD nodes are sorted here.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

# --format name -> (file suffix, rdflib format)
FORMATS = {
    "turtle": (".ttl", "turtle"),
    "nt": (".nt", "nt"),
    "trig": (".trig", "trig"),
    "jsonld": (".jsonld", "json-ld"),
}


def serialize(graph: Graph) -> bytes:
    """The graph as Turtle; rdflib sorts subjects and predicates, so builds are byte-identical."""
    return graph.serialize(format="turtle", encoding="utf-8")


def serialize_as(
    graph: Graph, fmt: str, named: Mapping[URIRef, Graph], context: Mapping[str, str]
) -> bytes:
    """The graph in ``fmt``; TriG puts each article's facts in its own named graph."""
    if fmt == "turtle":
        return serialize(graph)
    if fmt == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted({line for line in lines if line.strip()})) + "\n").encode("utf-8")
    if fmt == "trig":
        dataset = Dataset()
        for prefix, namespace in graph.namespaces():
            dataset.bind(prefix, namespace)
        for name, part in sorted(named.items()):
            target = dataset.graph(name)
            for triple in part:
                target.add(triple)
        return dataset.serialize(format="trig", encoding="utf-8")
    data = json.loads(graph.serialize(format="json-ld", context=dict(context), encoding="utf-8"))
    return (json.dumps(_sorted(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _sorted(value):
    """JSON-LD with every node list in a fixed order (rdflib's follows hash order)."""
    if isinstance(value, dict):
        return {key: _sorted(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
