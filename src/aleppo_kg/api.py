"""The Python API for notebooks: build articles in memory, and export a graph as rows.

    >>> from aleppo_kg import build, export
    >>> result = build()                    # the bundled article; nothing is written
    >>> rows = export(result, "acled")      # a pandas DataFrame, or a list of dicts

``build`` returns the pipeline's result: ``.graph`` (an rdflib graph), ``.warnings``,
``.violations`` and counts. ``export`` takes that result, an rdflib graph, a pyoxigraph
store or a graph file, and gives the export's rows: the CSV formats' rows in their
columns, GeoJSON's features with their properties and coordinates, QuickStatements'
statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph as ox

    from aleppo_kg.build.pipeline import BuildResult


def build(
    articles: Iterable[str | Path] = (),
    *,
    strict: bool = False,
    validate: bool = True,
    keep_going: bool = False,
) -> BuildResult:
    """Build the articles (default: the bundled one) into one merged graph; nothing is
    written. Bad input raises :class:`aleppo_kg.errors.InputError`."""
    from aleppo_kg.build.pipeline import BuildOptions, build_graph
    from aleppo_kg.resources import default_article

    paths = [Path(article) for article in articles] or [default_article()]
    options = BuildOptions(validate=validate, strict=strict, keep_going=keep_going)
    return build_graph(paths, options)


def export(graph: Any, fmt: str = "acled") -> Any:
    """The graph's rows in format ``fmt`` (acled, ged, geojson, quickstatements): a pandas
    DataFrame when pandas is installed, else a list of dicts."""
    from aleppo_kg.publish.export import FORMATS, export_store

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    rows = export_store(_store(graph), fmt).rows
    try:
        import pandas
    except ImportError:
        return rows
    return pandas.DataFrame(rows, columns=FORMATS[fmt].columns)


def _store(graph: Any) -> ox.Store:
    """A store holding ``graph``: a build's result, an rdflib graph, a store or a file."""
    import pyoxigraph as ox

    from aleppo_kg.publish.sparql import open_store, store_from_ntriples

    if isinstance(graph, ox.Store):
        return graph
    if isinstance(graph, str | Path):
        return open_store(Path(graph))
    merged = getattr(graph, "merged", None)
    if merged is not None:
        return store_from_ntriples("".join(merged.lines()).encode("utf-8"))
    return store_from_ntriples(graph.serialize(format="nt", encoding="utf-8"))
