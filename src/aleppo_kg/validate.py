"""Stage 4: SHACL validation with pySHACL against ``shapes/``.

A build that does not conform is refused: the caller gets the violations as
short readable lines (focus node, property, message), not pySHACL's report.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, Namespace, URIRef

from .resources import shapes_file

SH = Namespace("http://www.w3.org/ns/shacl#")
# The focus of the shapes' whole-graph checks (akgsh:GraphShape), not a node of the data.
WHOLE_GRAPH = URIRef("https://w3id.org/aleppo-kg/shapes#graph")


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


@cache
def load_shapes() -> Graph:
    """The shapes graph, parsed once per process."""
    return Graph().parse(shapes_file(), format="turtle")


def validate_graph(graph: Graph, focus: list[URIRef] | None = None) -> list[Violation]:
    """Every violation of the shapes in ``graph``, sorted; empty when it conforms.

    ``focus`` limits the check to those resources (the rest of the graph is
    only there to be looked up: the classes and schemes of their values).
    """
    conforms, report, _ = shacl_validate(
        graph,
        shacl_graph=load_shapes(),
        inference="none",
        advanced=False,
        allow_warnings=True,
        focus_nodes=focus,
    )
    if conforms:
        return []
    return sorted(_violations(report, graph), key=str)


def _node_shape(source) -> str:
    """The named node shape a result comes from (a property shape's owner), without namespace."""
    owner = load_shapes().value(predicate=SH.property, object=source) or source
    return str(owner).rsplit("#", 1)[-1]


def _violations(report: Graph, data: Graph) -> list[Violation]:
    def short(node) -> str:
        return "" if node is None else node.n3(data.namespace_manager)

    def focus(result) -> str:
        """The node at fault: a whole-graph check names it as the result's value."""
        node = report.value(result, SH.focusNode)
        return short(report.value(result, SH.value) if node == WHOLE_GRAPH else node)

    return [
        Violation(
            shape=_node_shape(report.value(result, SH.sourceShape)),
            focus=focus(result),
            path=short(report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or "violation"),
        )
        for result in report.subjects(SH.resultSeverity, SH.Violation)
    ]
