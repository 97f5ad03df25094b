"""Commands that hand the graph to other tools: ``export`` (ACLED, GED, GeoJSON,
QuickStatements) and ``diff`` (what changed between two builds)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aleppo_kg.cli.common import DEFAULT_OUTPUT, add_input_format
from aleppo_kg.errors import InputError

FORMAT_NAMES = ("acled", "ged", "geojson", "quickstatements")  # publish.export.FORMATS' keys


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``export`` and ``diff`` to the command line."""
    _add_export(commands)
    _add_diff(commands)


def _add_export(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="write the graph as ACLED-style or UCDP GED-style CSV, GeoJSON or QuickStatements",
        description="Read the graph by SPARQL and write it in a format researchers already "
        "use: acled (one row per event, ACLED's 31 columns and codes), ged (UCDP GED-style "
        "rows with best, low and high estimates), geojson (an RFC 7946 FeatureCollection of "
        "the events and places with coordinates), quickstatements (QuickStatements V1 for "
        "the linked Wikidata items). The file is written whole or not at all.",
    )
    export.add_argument("--format", choices=FORMAT_NAMES, required=True)
    export.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"the graph file, in any format build writes (default: {DEFAULT_OUTPUT})",
    )
    add_input_format(export)
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the file to write (default: beside the graph, aleppo.ttl -> aleppo.acled.csv, "
        "aleppo.ged.csv, aleppo.geojson, aleppo.qs.tsv); - for standard output",
    )
    export.set_defaults(run=_export)


def _add_diff(commands: argparse._SubParsersAction) -> None:
    diff = commands.add_parser(
        "diff",
        help="list the events, figures, places and links that differ between two builds",
        description="Compare two graphs by their stable IRIs: the events, figures and places "
        "added, removed or changed (which property, old -> new), and the links to Wikidata "
        "and Wikipedia added or removed. Exit 0 when they say the same, 1 when they differ, "
        "2 when a graph cannot be read.",
    )
    diff.add_argument("old", type=Path, metavar="OLD")
    diff.add_argument("new", type=Path, metavar="NEW")
    add_input_format(diff)
    diff.add_argument("--json", action="store_true", help="the changes as JSON")
    diff.add_argument(
        "--provenance",
        action="store_true",
        help="also compare where the facts were read (the source spans, by their text)",
    )
    diff.set_defaults(run=_diff)


def _export(args: argparse.Namespace) -> int:
    from aleppo_kg.build.write import write_atomic
    from aleppo_kg.publish.export import default_file, export_store
    from aleppo_kg.publish.sparql import open_store

    output = export_store(open_store(args.data, args.input_format), args.format)
    for warning in output.warnings:
        print(f"aleppo-kg: warning: {warning}", file=sys.stderr)
    target = args.output or default_file(args.data, args.format)
    if str(target) == "-":
        sys.stdout.write(output.text)
        return 0
    if target.is_dir():
        raise InputError(f"{target}: is a directory")
    try:
        write_atomic(target, output.text.encode("utf-8"))
    except OSError as err:
        raise InputError(f"{target}: cannot be written ({err.strerror or err})") from None
    print(f"wrote {target}: {len(output.rows)} {_unit(args.format)}")
    return 0


def _unit(fmt: str) -> str:
    return {"geojson": "features", "quickstatements": "statements"}.get(fmt, "rows")


def _diff(args: argparse.Namespace) -> int:
    from aleppo_kg.publish.diff import compare, table
    from aleppo_kg.publish.sparql import open_store

    old = open_store(args.old, args.input_format)
    new = open_store(args.new, args.input_format)
    changes = compare(old, new, provenance=args.provenance)
    if args.json:
        body = {"same": not changes, "changes": [c.as_dict() for c in changes]}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(table(changes))
    return 1 if changes else 0
