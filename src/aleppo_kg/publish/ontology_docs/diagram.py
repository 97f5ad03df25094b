"""The diagram: Graphviz source of the classes and object properties, and its SVG."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from aleppo_kg.errors import InputError
from aleppo_kg.publish.ontology_docs.model import (
    CLASSES,
    INDEX,
    OBJECT_PROPERTIES,
    OntologyDoc,
    Ref,
)
from aleppo_kg.vocab import OWL, RDFS

GRAPHVIZ_MISSING = (
    "Graphviz is needed to draw the ontology diagram and `dot` is not on PATH "
    "(install it: apt-get install graphviz, or bash .ci/system-packages)"
)

THING = Ref("owl:Thing", str(OWL.Thing))


@dataclass(frozen=True)
class _Edge:
    """An object property from a domain class to a range class, or (no property) subClassOf."""

    tail: Ref
    head: Ref
    via: Ref | None

    def key(self) -> tuple[str, str, str]:
        return (self.tail.name, self.head.name, self.via.name if self.via else "")


def diagram_dot(doc: OntologyDoc) -> str:
    """Graphviz source of the core diagram, nodes and edges sorted so the text is stable.

    Boxes are the ontology's classes and the external classes they connect to; an
    object property is an arrow per domain and range member (a property without a
    domain or range starts or ends at owl:Thing); subClassOf is a dashed, hollow arrow.
    """
    edges = sorted(_property_edges(doc) | _subclass_edges(doc), key=_Edge.key)
    nodes = {t.ref for t in doc.terms if t.kind == CLASSES}
    nodes |= {end for edge in edges for end in (edge.tail, edge.head)}
    lines = [
        "digraph ontology {",
        '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.25, ranksep=0.7];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, '
        'color="#3d5a80", fillcolor="#dbe6f4"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#555555", fontcolor="#333333"];',
    ]
    for node in sorted(nodes):
        external = "" if node.internal else ', style="rounded,dashed", fillcolor="white"'
        lines.append(f"  {_dot(node.name)} [href={_dot(_href(node))}{external}];")
    for edge in edges:
        attributes = (
            f"label={_dot(edge.via.name)}, href={_dot(_href(edge.via))}"
            if edge.via
            else 'style=dashed, arrowhead=onormal, tooltip="rdfs:subClassOf"'
        )
        lines.append(f"  {_dot(edge.tail.name)} -> {_dot(edge.head.name)} [{attributes}];")
    return "\n".join([*lines, "}", ""])


def _property_edges(doc: OntologyDoc) -> set[_Edge]:
    return {
        _Edge(tail, head, term.ref)
        for term in doc.terms
        if term.kind == OBJECT_PROPERTIES
        for tail in term.domain or (THING,)
        for head in term.range or (THING,)
    }


def _subclass_edges(doc: OntologyDoc) -> set[_Edge]:
    return {
        _Edge(term.ref, superclass, None)
        for term in doc.terms
        if term.kind == CLASSES
        for relation in term.alignments
        if relation.predicate == str(RDFS.subClassOf)
        for superclass in relation.targets
    }


def _href(ref: Ref) -> str:
    return INDEX + ref.href if ref.internal else ref.href


def _dot(text: str) -> str:
    """A DOT double-quoted string (labels read ``\\`` as an escape, so it is doubled)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}"'


def render_svg(dot: str) -> str:
    """Graphviz's SVG of ``dot``; no Graphviz, or Graphviz failing, is an :class:`InputError`."""
    if shutil.which("dot") is None:
        raise InputError(GRAPHVIZ_MISSING)
    done = subprocess.run(
        ["dot", "-Tsvg"], input=dot, capture_output=True, encoding="utf-8", check=False
    )
    if done.returncode != 0:
        problem = done.stderr.strip().splitlines()[0] if done.stderr.strip() else "no message"
        raise InputError(f"Graphviz could not draw the diagram: {problem}")
    return done.stdout
