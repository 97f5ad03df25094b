"""Stage 6: serialise the merged graph, deterministically and atomically.

The file is written to a temporary file beside the target and renamed over it,
so a failed or killed build never leaves a partial or truncated output. Every
format is byte-identical across builds: triples are sorted N-Triples lines
(see :mod:`aleppo_kg.merge`) before Oxigraph's serialisers turn them into
Turtle or TriG with the project's prefixes; rdflib would take minutes for a
series of thousands of articles. JSON-LD goes through rdflib for its context.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from aleppo_kg.build.merge import Merger
from aleppo_kg.build.options import FORMATS
from aleppo_kg.vocab import all_prefixes, description_prefixes

_IRI = re.compile(r"<([^>]*)>")  # the IRIs of an N-Triples line
# A local name Turtle writes without escapes (a conservative subset of PN_LOCAL).
_LOCAL_NAME = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> tuple[str, ...]:
    """rdflib triples -> N-Triples lines, each term checked and escaped by Oxigraph once
    (rdflib's own writer is slower; a term recurs in many triples)."""
    memo: dict[Node, str] = {}

    def term(node: Node) -> str:
        found = memo.get(node)
        if found is None:
            found = memo[node] = str(_oxigraph_term(node))
        return found

    return tuple(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)


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
    merged: Merger,
    fmt: str,
    prefixes: Mapping[str, str],
    to_graph: Callable[[], Graph],
    out: BinaryIO,
) -> None:
    """Write the merged graph in ``fmt`` to ``out``; TriG and N-Quads have a graph per article.

    Line by line, never the whole serialisation in memory: a series of a thousand
    articles is a quarter of a gigabyte of text. Turtle and TriG stream the sorted
    lines through a temporary file into Oxigraph's serialiser.
    """
    if fmt == "jsonld":
        out.write(_jsonld(to_graph(), prefixes))
        return
    lines = merged.quads() if FORMATS[fmt][1] else merged.lines()
    if fmt in ("nt", "nquads"):
        _write_lines(lines, out)
        return
    syntax, target = (
        (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)
        if fmt == "turtle"
        else (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
    )
    _oxigraph(lines, syntax, target, prefixes, out)


def plain_prefixes(prefixes: Mapping[str, str], lines: Iterable[str]) -> dict[str, str]:
    """The prefixes under which every IRI of ``lines`` is a plain prefixed name.

    Oxigraph shortens an IRI by its longest matching namespace, escaping what a
    local name may not hold (``akr:dataset\\/aleppo``): valid Turtle that some
    stores (Virtuoso) read as another IRI. A prefix that would need an escape is
    not declared, and the IRI is written in full (or under a shorter prefix that
    needs none); prefixes no IRI uses are not declared either.
    """
    iris = {iri for line in lines for iri in _IRI.findall(line)}
    kept = dict(prefixes)
    while True:
        used, unusable = set(), set()
        for iri in iris:
            prefix = _longest(kept, iri)
            if prefix is not None:
                plain = _LOCAL_NAME.fullmatch(iri[len(kept[prefix]) :])
                (used if plain else unusable).add(prefix)
        if not unusable:
            return {prefix: namespace for prefix, namespace in kept.items() if prefix in used}
        kept = {prefix: ns for prefix, ns in kept.items() if prefix not in unusable}


def _longest(prefixes: Mapping[str, str], iri: str) -> str | None:
    found = [(len(ns), prefix) for prefix, ns in prefixes.items() if iri.startswith(ns)]
    return max(found)[1] if found else None


def _oxigraph(
    lines: Iterable[str],
    syntax: ox.RdfFormat,
    target: ox.RdfFormat,
    prefixes: Mapping[str, str],
    out: BinaryIO,
) -> None:
    """N-Triples or N-Quads lines -> ``target`` by Oxigraph, through a temporary file."""
    with tempfile.TemporaryFile() as plain:
        _write_lines(lines, plain)
        plain.seek(0)
        parsed = ox.parse(plain, format=syntax)
        ox.serialize(parsed, out, target, prefixes=dict(prefixes))


def _write_lines(lines: Iterable[str], out: BinaryIO) -> None:
    for line in lines:
        out.write(line.encode("utf-8"))


def _jsonld(graph: Graph, prefixes: Mapping[str, str]) -> bytes:
    text = graph.serialize(format="json-ld", context=dict(prefixes), encoding="utf-8")
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
    with atomic_file(path) as out:
        out.write(data)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write ``path`` through: renamed over it only when the writing succeeded."""
    with atomic_files(path) as (out,):
        yield out


@contextmanager
def atomic_files(
    *paths: Path, keep: Callable[[], bool] = lambda: True
) -> Iterator[tuple[BinaryIO, ...]]:
    """Files to write ``paths`` through, each a temporary file beside its target.

    When the block ends, each is renamed over its target if ``keep()`` says so, asked only
    then (a verdict still being found is awaited at the last moment), and removed otherwise;
    all are removed if the block raises, and the targets keep what they had.
    """
    temporaries: list[str] = []
    try:
        with ExitStack() as stack:
            files = []
            for path in paths:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(
                    dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
                )
                temporaries.append(temporary)
                os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 hides it from others
                files.append(stack.enter_context(os.fdopen(handle, "wb")))
            yield tuple(files)
            for out in files:
                out.flush()
                os.fsync(out.fileno())
        if keep():
            for temporary, path in zip(temporaries, paths, strict=True):
                os.replace(temporary, path)
    finally:
        for temporary in temporaries:  # whatever was not renamed
            Path(temporary).unlink(missing_ok=True)


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_graph(merged: Merger, output: Path, fmt: str, graph: Callable[[], Graph]) -> None:
    """Write the merged graph atomically in ``fmt`` (see :data:`FORMATS`); ``graph`` gives it as
    an rdflib graph, built only for the format that needs one (JSON-LD)."""
    with atomic_file(output) as out:
        graph_to(out, merged, fmt, graph)


def graph_to(out: BinaryIO, merged: Merger, fmt: str, graph: Callable[[], Graph]) -> None:
    """The merged graph in ``fmt``, written to ``out``."""
    if FORMATS[fmt].named and not merged.keep_named:
        raise ValueError(f"{fmt} needs a build with named=True")
    serialize(merged, fmt, all_prefixes(), graph, out)


def description_turtle(lines: tuple[str, ...], slug: str) -> bytes:
    """A dataset description as Turtle, with the prefixes it uses (the graph's are many) as
    long as none needs an escaped local name."""
    prefixes = plain_prefixes({**all_prefixes(), **description_prefixes(slug)}, lines)
    out = io.BytesIO()
    _oxigraph(lines, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, prefixes, out)
    return out.getvalue()
