"""Commands that look at a built graph: ``validate``, ``stats`` and ``report``."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_kg.build.options import ENGINE_NAMES
from aleppo_kg.cli.common import DEFAULT_OUTPUT, add_input_format, load_graph, print_violations
from aleppo_kg.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

DEFAULT_REPORT = Path("output/report.html")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``validate``, ``stats`` and ``report`` to the command line."""
    validate = commands.add_parser(
        "validate",
        help="check a graph file against the SHACL shapes",
        description="Validate a graph file (any format build writes) against the project's "
        "SHACL shapes and print each violation on one line. Exit 0 when it conforms, 1 when "
        "it does not.",
    )
    validate.add_argument("file", type=Path, metavar="FILE")
    add_input_format(validate)
    validate.add_argument(
        "--shapes",
        type=Path,
        metavar="SHAPES.ttl",
        help="the shapes to check against (default: the dataset description's shapes for a "
        "VoID/DCAT description, the graph's shapes for anything else)",
    )
    validate.add_argument(
        "--engine",
        choices=sorted(ENGINE_NAMES),
        default="pyshacl",
        help="the SHACL engine: pySHACL, the reference (default), or pyshacl-turbo, the "
        "compiled engine the build uses (pySHACL where it cannot be imported)",
    )
    validate.set_defaults(run=_validate)

    stats = commands.add_parser(
        "stats",
        help="count triples and instances per class in a graph file",
        description="Print the number of triples and of instances of each class.",
    )
    stats.add_argument("file", type=Path, metavar="FILE")
    add_input_format(stats)
    stats.set_defaults(run=_stats)

    report = commands.add_parser(
        "report",
        help="write an HTML report of the graph: timeline, map, order of battle, sources",
        description="Read the graph by SPARQL and write one self-contained HTML page (no "
        "network needed to view it): a timeline of the events with the people reported killed "
        "per event and kind of actor, a map of the places with their events, the order of "
        "battle of each side, and a table of the events with the text they were read from.",
    )
    report.add_argument("--data", type=Path, default=DEFAULT_OUTPUT)
    add_input_format(report)
    report.add_argument("-o", "--output", type=Path, default=DEFAULT_REPORT)
    report.add_argument("--title", help="the page title (default: from the conflicts)")
    report.set_defaults(run=_report)


def _validate(args: argparse.Namespace) -> int:
    from aleppo_kg.build.validate import validate_graph

    graph = load_graph(args.file, args.input_format)
    shapes = args.shapes or _shapes_for(graph)
    if not shapes.is_file():
        raise InputError(f"{shapes}: no such shapes file")
    violations = validate_graph(graph, shapes=shapes, engine=args.engine)
    if violations:
        print_violations(violations)
        return 1
    print(f"{args.file}: conforms to {shapes.name} ({len(graph)} triples)")
    return 0


def _shapes_for(graph: Graph) -> Path:
    """The shapes a file the tool wrote is checked against: a dataset description (a
    void:Dataset, and no article text) has its own; everything else is a graph."""
    from aleppo_kg.resources import shapes_file, void_shapes_file
    from aleppo_kg.vocab import NIF, RDF, VOID

    described = (None, RDF.type, VOID.Dataset) in graph
    articles = (None, RDF.type, NIF.Context) in graph
    return void_shapes_file() if described and not articles else shapes_file()


def _stats(args: argparse.Namespace) -> int:
    from aleppo_kg.vocab import RDF

    graph = load_graph(args.file, args.input_format)
    counts = Counter(graph.qname(cls) for cls in graph.objects(None, RDF.type))
    print(f"triples\t{len(graph)}")
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"{name}\t{count}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from aleppo_kg.build.write import write_atomic
    from aleppo_kg.lexicon import load_lexicon
    from aleppo_kg.publish.report.html import render as render_report
    from aleppo_kg.publish.report.read import gather
    from aleppo_kg.publish.sparql import open_store

    content = gather(open_store(args.data, args.input_format), load_lexicon())
    title = args.title or "Report: " + (
        ", ".join(c.label for c in content.conflicts) or str(args.data)
    )
    write_atomic(args.output, render_report(content, title).encode("utf-8"))
    print(
        f"wrote {args.output}: {len(content.events)} events, "
        f"{sum(p.lat is not None for p in content.places)} places on the map"
    )
    return 0
