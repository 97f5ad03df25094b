"""The whole pipeline in one place: parse -> extract -> map -> validate -> write."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .extract import extract
from .link import load_links
from .map import PREFIXES, article_graph, map_extractions
from .model import Extraction
from .parse import parse_article
from .validate import Violation, validate_graph
from .write import serialize_as, write_atomic


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the graph, its warnings and violations, and what it came from."""

    graph: Graph
    warnings: tuple[str, ...]
    violations: tuple[Violation, ...]
    extractions: tuple[Extraction, ...] = ()


def build_graph(
    articles: Sequence[Path], validate: bool = True, strict: bool = False
) -> BuildResult:
    """Parse, extract, map and (optionally) validate; nothing is written.

    Infobox items that cannot be read are skipped with warnings, unless ``strict``
    makes them errors.
    """
    extractions = [extract(parse_article(path, strict), strict) for path in articles]
    graph = map_extractions(extractions, load_links())
    warnings = tuple(w for e in extractions for w in e.warnings)
    violations = tuple(validate_graph(graph)) if validate else ()
    return BuildResult(graph, warnings, violations, tuple(extractions))


def write_graph(result: BuildResult, output: Path, fmt: str = "turtle") -> None:
    """Write the graph atomically; for TriG, each article's facts go in a graph of their own."""
    named = {}
    if fmt == "trig":
        links = load_links()
        named = {article_graph(e): map_extractions([e], links) for e in result.extractions}
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    write_atomic(output, serialize_as(result.graph, fmt, named, context))
