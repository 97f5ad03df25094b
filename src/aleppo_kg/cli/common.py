"""What several commands share: the default graph file, reading a graph file, argument types."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_kg.build.options import FORMATS, format_of
from aleppo_kg.errors import InputError
from aleppo_kg.resources import default_article
from aleppo_kg.vocab import new_graph

if TYPE_CHECKING:  # the commands import what they use when they run: `query` needs no rdflib
    from rdflib import Graph

    from aleppo_kg.build.validate import Violation

# Where `build` writes the graph, and where the commands that read it look by default.
DEFAULT_OUTPUT = Path("output/aleppo.ttl")


def articles_or_seed(articles: Sequence[Path]) -> list[Path]:
    """The articles named on the command line, or the bundled seed article when none is."""
    return list(articles) or [default_article()]


def load_graph(path: Path, fmt: str | None = None, graph: Graph | None = None) -> Graph:
    """``path``, in any format ``build`` writes (``fmt``, else by its suffix), parsed into
    ``graph`` (default: one with the project's prefixes); a TriG or N-Quads file's named
    graphs are merged into it, as the graph they were exported from.

    A missing file or bad syntax is an :class:`InputError` naming the file and the
    parser's first line, so the command exits 2 with one line, not a traceback.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    found = FORMATS[format_of(path, fmt)]
    graph = new_graph() if graph is None else graph
    try:
        if found.named:
            from rdflib import Dataset

            dataset = Dataset()
            dataset.parse(path, format=found.rdflib)
            for subject, predicate, obj, _ in dataset.quads():
                graph.add((subject, predicate, obj))
        else:
            graph.parse(path, format=found.rdflib)
    except Exception as err:  # rdflib raises many types for bad syntax
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(f"{path}: not valid {found.label} ({first_line})") from None
    return graph


def add_input_format(parser: argparse.ArgumentParser) -> None:
    """``--input-format``, for a graph file whose suffix does not say its format."""
    suffixes = ", ".join(f"{f.suffix} {name}" for name, f in FORMATS.items())
    parser.add_argument(
        "--input-format",
        choices=sorted(FORMATS),
        help=f"the graph file's format (default: by its suffix: {suffixes})",
    )


def _positive(text: str) -> int:
    """An argparse type for counts of at least 1.

    Its name is part of argparse's message for a non-number ("invalid _positive value").
    """
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def print_violations(violations: Sequence[Violation]) -> None:
    """The SHACL violations on stderr, a count and then one per line."""
    print(f"{len(violations)} SHACL violation(s):", file=sys.stderr)
    for violation in violations:
        print(f"  {violation}", file=sys.stderr)
