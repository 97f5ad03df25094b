"""Stage 6: serialise the merged graph, deterministically and atomically.

The file is written to a temporary file beside the target and renamed over it,
so a failed or killed build never leaves a partial or truncated output. Every
format is byte-identical across builds: triples are sorted N-Triples lines
(see :mod:`aleppo_kg.merge`) before Oxigraph's serialisers turn them into
Turtle or TriG with the project's prefixes; rdflib would take minutes for a
series of thousands of articles. JSON-LD goes through rdflib for its context.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .merge import Merger

# --format name -> (file suffix, whether it needs one named graph per article)
FORMATS = {
    "turtle": (".ttl", False),
    "nt": (".nt", False),
    "trig": (".trig", True),
    "nquads": (".nq", True),
    "jsonld": (".jsonld", False),
}


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> tuple[str, ...]:
    """rdflib triples -> N-Triples lines, escaped by Oxigraph (rdflib's own writer is slower)."""
    memo: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def term(node: Node):
        found = memo.get(node)
        if found is None:
            found = memo[node] = _oxigraph_term(node)
        return found

    return tuple(f"{ox.Triple(term(s), term(p), term(o))} .\n" for s, p, o in triples)


def _oxigraph_term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def serialize(
    merged: Merger, fmt: str, prefixes: Mapping[str, str], to_graph: Callable[[], Graph]
) -> bytes:
    """The merged graph in ``fmt``; TriG and N-Quads put each article in its named graph."""
    if fmt == "nt":
        return "".join(merged.lines()).encode("utf-8")
    if fmt == "nquads":
        return "".join(merged.quads()).encode("utf-8")
    if fmt in ("turtle", "trig"):
        lines, syntax, target = (
            (merged.lines(), ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)
            if fmt == "turtle"
            else (merged.quads(), ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
        )
        parsed = ox.parse("".join(lines).encode("utf-8"), format=syntax)
        return ox.serialize(parsed, format=target, prefixes=dict(prefixes))
    text = to_graph().serialize(format="json-ld", context=dict(prefixes), encoding="utf-8")
    data = json.loads(text)
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
