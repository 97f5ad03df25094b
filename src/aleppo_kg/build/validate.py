"""Stage 4: SHACL validation with pySHACL against ``shapes/``.

A build that does not conform is refused: the caller gets the violations as
short readable lines (focus node, property, message), not pySHACL's report.
The graph's shapes are the default; the dataset description has its own file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef

from aleppo_kg.resources import shapes_file
from aleppo_kg.vocab import SH, WHOLE_GRAPH

# The focus of the shapes' whole-graph checks (akgsh:GraphShape), not a node of the data.


@dataclass(frozen=True)
class Violation:
    """One SHACL result, readable on its own."""

    shape: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message} [{self.shape}]"


def load_shapes(path: Path | None = None) -> Graph:
    """A shapes graph, by default the graph's (``shapes/aleppo-kg-shapes.ttl``)."""
    return _parsed(path or shapes_file())


@cache
def _parsed(path: Path) -> Graph:
    """Each shapes file parsed once per process."""
    return Graph().parse(path, format="turtle")


def validate_graph(
    graph: Graph, focus: list[URIRef] | None = None, shapes: Path | None = None
) -> list[Violation]:
    """Every violation of the shapes in ``graph``, sorted; empty when it conforms.

    ``focus`` limits the check to those resources (the rest of the graph is
    only there to be looked up: the classes and schemes of their values).
    ``shapes`` is another shapes file than the graph's.
    """
    shapes_graph = load_shapes(shapes)
    conforms, report, _ = shacl_validate(
        graph,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=False,
        allow_warnings=True,
        focus_nodes=focus,
    )
    if conforms:
        return []
    return sorted(_violations(report, graph, shapes_graph), key=str)


def _node_shape(source, shapes: Graph) -> str:
    """The named node shape a result comes from (a property shape's owner), without namespace."""
    owner = shapes.value(predicate=SH.property, object=source) or source
    return str(owner).rsplit("#", 1)[-1]


def _violations(report: Graph, data: Graph, shapes: Graph) -> list[Violation]:
    def short(node) -> str:
        return "" if node is None else node.n3(data.namespace_manager)

    def focus(result) -> str:
        """The node at fault: a whole-graph check names it as the result's value."""
        node = report.value(result, SH.focusNode)
        return short(report.value(result, SH.value) if node == WHOLE_GRAPH else node)

    return [
        Violation(
            shape=_node_shape(report.value(result, SH.sourceShape), shapes),
            focus=focus(result),
            path=short(report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or "violation"),
        )
        for result in report.subjects(SH.resultSeverity, SH.Violation)
    ]
