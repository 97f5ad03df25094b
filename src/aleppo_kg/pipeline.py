"""The whole pipeline in one place: parse -> extract -> map -> validate -> write."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .extract import extract
from .link import load_links
from .map import map_extractions
from .parse import parse_article
from .validate import Violation, validate_graph
from .write import serialize, write_atomic


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the graph, its warnings and its violations."""

    graph: Graph
    warnings: tuple[str, ...]
    violations: tuple[Violation, ...]


def build_graph(articles: Sequence[Path], validate: bool = True) -> BuildResult:
    """Parse, extract, map and (optionally) validate; nothing is written."""
    extractions = [extract(parse_article(path)) for path in articles]
    graph = map_extractions(extractions, load_links())
    warnings = tuple(w for e in extractions for w in e.warnings)
    violations = tuple(validate_graph(graph)) if validate else ()
    return BuildResult(graph, warnings, violations)


def write_graph(graph: Graph, output: Path) -> None:
    """Write the graph as Turtle, atomically."""
    write_atomic(output, serialize(graph))
