"""SPARQL over the built graph on an embedded store (pyoxigraph).

Oxigraph is a compiled SPARQL 1.1 engine: the competency questions run in
milliseconds where rdflib's own engine takes tens to hundreds. Parameters are
bound as RDF terms through the engine's substitutions, never pasted into the
query text; the engine requires a bound variable to be in the SELECT clause.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from aleppo_kg.build.options import FORMATS as FORMATS_WRITTEN
from aleppo_kg.build.options import format_of
from aleppo_kg.errors import InputError
from aleppo_kg.vocab import IRIS, all_prefixes

# The project's prefixes, usable in any query without declaring them.
QUERY_PREFIXES: dict[str, str] = all_prefixes()
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([\w./-]*)$")


@dataclass(frozen=True)
class Results:
    """Variable names and rows of terms (None where unbound)."""

    variables: list[str]
    rows: list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]


def open_store(path: Path, fmt: str | None = None) -> ox.Store:
    """An in-memory store holding the graph file, in any format ``build`` writes (``fmt``, else
    by its suffix); a TriG or N-Quads file keeps its named graphs, which queries see as one
    default graph (:func:`run`)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file (build it first: aleppo-kg build)")
    found = FORMATS_WRITTEN[format_of(path, fmt)]
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.from_media_type(found.media_type))
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(f"{path}: not valid {found.label} ({err})") from None
    return store


@dataclass(frozen=True)
class GraphFile:
    """A graph file and its format (None: by its suffix), as worker processes are handed it."""

    path: Path
    fmt: str | None = None

    def open(self) -> ox.Store:
        return open_store(self.path, self.fmt)


def store_from_ntriples(data: bytes) -> ox.Store:
    """An in-memory store from N-Triples bytes (how the mapper's graph is handed over)."""
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def documented_bindings(text: str) -> dict[str, str]:
    """The example bindings a query file's header shows (``--bind NAME=VALUE``): what its
    tests and benchmark run it with."""
    found = re.findall(r'--bind (?:"(\w+)=([^"]*)"|(\w+)=(\S+))', _header(text))
    return {a or c: (b or d).rstrip(")") for a, b, c, d in found}


def documented_values(text: str) -> str | None:
    """The example trailing VALUES block a query file's header shows, if any."""
    found = re.search(r"^#\s+(VALUES\b.*)$", _header(text), re.MULTILINE)
    return found.group(1) if found else None


def with_values(text: str) -> str:
    """A query file's text with its header's example VALUES block after its last line: the
    query as any engine binds it."""
    return f"{text}\n{documented_values(text)}\n"


def _header(text: str) -> str:
    """A query file's comment block: everything before its first PREFIX."""
    return text[: text.index("PREFIX")]


def parse_binding(text: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """ "place=akr:place/azaz" -> (place, IRI); a number is an integer, anything else a string."""
    name, sep, value = text.partition("=")
    if not sep or not _NAME.match(name):
        raise InputError(f"--bind {text!r}: expected NAME=VALUE")
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError as err:  # Oxigraph checks the IRI: "a b", "x>y" are not IRIs
            raise InputError(f"--bind {text!r}: not an IRI ({err})") from None
    prefixed = _PREFIXED.match(value)
    if prefixed and prefixed.group(1) in QUERY_PREFIXES:
        return name, ox.NamedNode(QUERY_PREFIXES[prefixed.group(1)] + prefixed.group(2))
    if re.fullmatch(r"-?\d+", value):
        return name, ox.Literal(value, datatype=ox.NamedNode(IRIS["xsd"] + "integer"))
    return name, ox.Literal(value)


def run(
    store: ox.Store, query: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None
) -> Results:
    """A SELECT query's results; ``bindings`` fix variables to terms."""
    substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    try:
        solutions = store.query(
            query,
            prefixes=QUERY_PREFIXES,
            substitutions=substitutions,
            use_default_graph_as_union=True,
        )
    except (SyntaxError, ValueError, RuntimeError) as err:
        raise InputError(f"query: {str(err).splitlines()[0]}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise InputError("query: only SELECT queries are supported here")
    variables = [v.value for v in solutions.variables]
    rows = [[solution[v] for v in variables] for solution in solutions]
    return Results(variables, rows)


def render(results: Results, fmt: str) -> str:
    """Results as an aligned table, CSV, TSV or SPARQL 1.1 JSON results."""
    if fmt == "json":
        return json.dumps(json_results(results), ensure_ascii=False, indent=1) + "\n"
    cells = [[_plain(term) for term in row] for row in results.rows]
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(results.variables)
        writer.writerows(cells)
        return out.getvalue()
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(results.variables)]
    lines = [" | ".join(v.ljust(w) for v, w in zip(results.variables, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines) + "\n"


def _plain(term) -> str:
    """A term as a person reads it: the IRI in our prefixes, a literal's text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(QUERY_PREFIXES.items(), key=lambda p: -len(p[1])):
            if term.value.startswith(namespace) and "/" not in term.value[len(namespace) :]:
                return f"{prefix}:{term.value[len(namespace) :]}"
        return term.value
    return term.value


def json_results(results: Results) -> dict:
    """SPARQL 1.1 JSON results (a dict) of a table of terms."""

    def term(value) -> dict:
        if isinstance(value, ox.NamedNode):
            return {"type": "uri", "value": value.value}
        if isinstance(value, ox.BlankNode):
            return {"type": "bnode", "value": value.value}
        out = {"type": "literal", "value": value.value}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype.value != IRIS["xsd"] + "string":
            out["datatype"] = value.datatype.value
        return out

    bindings = [
        {
            var: term(value)
            for var, value in zip(results.variables, row, strict=True)
            if value is not None
        }
        for row in results.rows
    ]
    return {"head": {"vars": results.variables}, "results": {"bindings": bindings}}
