"""``aleppo-kg docs``: the ontology as one HTML page and a diagram of its classes.

Our own small renderer rather than pyLODE: the page must show the alignment
annotations (``skos:closeMatch wd:P276``) on every term, be one self-contained
file (inline CSS and SVG, no JavaScript, nothing fetched from the network), and
be byte-identical between runs, so that a test can tell when the committed docs
no longer match the ontology.

Two steps, so that each can be read and tested alone: :func:`read.document` reads
the rdflib graph into a small typed model (:class:`model.OntologyDoc`), and the
renderers turn the model into text: :func:`html.render_html` the page,
:func:`diagram.diagram_dot` the Graphviz source, and :func:`diagram.render_svg`
runs Graphviz on it.
"""

from __future__ import annotations

from rdflib import Graph

from aleppo_kg.publish.ontology_docs.diagram import diagram_dot, render_svg
from aleppo_kg.publish.ontology_docs.html import render_html
from aleppo_kg.publish.ontology_docs.model import INDEX
from aleppo_kg.publish.ontology_docs.read import document


def render(graph: Graph, source: str) -> dict[str, str]:
    """Every file of the docs folder by name, all rendered before any is written."""
    doc = document(graph, source)
    dot = diagram_dot(doc)
    svg = render_svg(dot)
    return {INDEX: render_html(doc, svg), "diagram.svg": svg, "diagram.dot": dot}
