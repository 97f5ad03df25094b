"""The graph in the formats researchers already use: ACLED, UCDP GED, GeoJSON, QuickStatements.

Each format is a small module that lays out what :mod:`.read` reads from the graph by
SPARQL; this module knows the formats, their default file names, and turns a graph (a
store, a graph file, or an rdflib graph) into a file's text or into rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from aleppo_kg.lexicon import load_lexicon
from aleppo_kg.lexicon.codebooks import load_codebooks
from aleppo_kg.publish.export import acled, ged, geojson, quickstatements
from aleppo_kg.publish.export.common import Reader
from aleppo_kg.publish.export.read import gather


@dataclass(frozen=True)
class Output:
    """An export: the file's text, its rows (records, for the Python API), and warnings."""

    text: str
    rows: list[dict]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Format:
    """A format: the suffix of its default file, and how a graph becomes its output."""

    name: str
    suffix: str
    make: Callable[[ox.Store], Output]
    description: str
    columns: tuple[str, ...] | None = None  # a table's columns, in order


def _reader(store: ox.Store) -> Reader:
    return Reader(gather(store), load_lexicon(), load_codebooks())


def _table(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _acled(store: ox.Store) -> Output:
    rows = acled.rows(_reader(store))
    return Output(_table(acled.COLUMNS, rows), rows)


def _ged(store: ox.Store) -> Output:
    rows = ged.rows(_reader(store))
    return Output(_table(ged.COLUMNS, rows), rows)


def _geojson(store: ox.Store) -> Output:
    collection, warnings = geojson.collection(_reader(store))
    text = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    rows = [
        {**f["properties"], "longitude": f["geometry"]["coordinates"][0],
         "latitude": f["geometry"]["coordinates"][1]}
        for f in collection["features"]
    ]  # fmt: skip
    return Output(text, rows, tuple(warnings))


def _quickstatements(store: ox.Store) -> Output:
    text = quickstatements.render(store, load_codebooks())
    lines = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    return Output(text, [quickstatements.parts(cells) for cells in lines])


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("acled", ".acled.csv", _acled, "ACLED-style CSV: one row per event", acled.COLUMNS),
        Format("ged", ".ged.csv", _ged, "UCDP GED-style CSV: best, low and high", ged.COLUMNS),
        Format("geojson", ".geojson", _geojson, "RFC 7946 GeoJSON of events and places"),
        Format(
            "quickstatements",
            ".qs.tsv",
            _quickstatements,
            "QuickStatements V1 for the linked Wikidata items",
        ),
    )
}


def default_file(data: Path, fmt: str) -> Path:
    """Where an export of ``data`` goes by default: beside it, with the format's suffix
    (``output/aleppo.ttl`` -> ``output/aleppo.acled.csv``)."""
    return data.with_name(data.name.split(".", 1)[0] + FORMATS[fmt].suffix)


def export_store(store: ox.Store, fmt: str) -> Output:
    """Export the graph in ``store`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    return FORMATS[fmt].make(store)
