"""Commands that put the graph to use elsewhere: ``query``, ``load``, ``serve``, and ``docs``.

``docs`` publishes the ontology the graph is written in, as a page beside the data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aleppo_kg.cli.common import DEFAULT_OUTPUT, _positive, add_input_format, load_graph
from aleppo_kg.errors import InputError
from aleppo_kg.publish.settings import (
    DEFAULT_MAX_ROWS,
    PASSWORD_VARIABLE,
    RESULT_FORMATS,
    USER_VARIABLE,
)
from aleppo_kg.resources import ontology_file
from aleppo_kg.vocab import DEFAULT_HOST, DEFAULT_PORT, sparql_url

DEFAULT_DOCS = Path("docs/ontology")
QUERY_SUFFIXES = (".rq", ".sparql")  # a QUERY argument ending so is a file, never query text


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``query``, ``load``, ``serve`` and ``docs`` to the command line."""
    _add_query(commands)
    _add_load(commands)
    _add_serve(commands)
    _add_docs(commands)


def _add_query(commands: argparse._SubParsersAction) -> None:
    query = commands.add_parser(
        "query",
        help="run a SPARQL SELECT (a .rq file or a query string) on the built graph",
        description="Run a SPARQL SELECT query on an embedded Oxigraph store loaded with the "
        "graph, and print a table (or CSV, TSV, SPARQL JSON). The project's prefixes (akg:, "
        "place:, organization:, sem:, ...) need no declaration. --bind fixes a variable to an "
        "IRI (<...> or prefix:name), an integer or a string, as an RDF term: values are never "
        "pasted into the query text. A bound variable must appear in the SELECT clause.",
    )
    query.add_argument("query", metavar="QUERY", help="a .rq or .sparql file, or the query text")
    query.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"the graph file to query, in any format build writes (default: {DEFAULT_OUTPUT})",
    )
    add_input_format(query)
    query.add_argument("--format", choices=RESULT_FORMATS, default="table")
    query.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE")
    query.set_defaults(run=_query)


def _add_load(commands: argparse._SubParsersAction) -> None:
    load_ = commands.add_parser(
        "load",
        help="load the graph into a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="PUT the file into a triple store's Graph Store Protocol endpoint, "
        "replacing the target graph as a whole (loading twice leaves the same triples). The "
        "Content-Type follows the file's format (its suffix, or --input-format): .ttl, .nt "
        "and .jsonld go into one graph "
        "(--graph, else the default graph); .nq and .trig name their own graphs, so they "
        "replace the whole dataset of a store that takes one at the URL given (Oxigraph's "
        "/store) and are refused with --graph. The first request carries no credentials; "
        "if the store answers 401, the credentials come from "
        f"${USER_VARIABLE} and ${PASSWORD_VARIABLE} (never from the command line), sent "
        "with HTTP Digest (MD5 or SHA-256) when the store offers it, else Basic. Endpoints: "
        "Oxigraph http://HOST:7878/store, Apache Jena Fuseki http://HOST:3030/DATASET/data, "
        "Virtuoso http://HOST:8890/sparql-graph-crud-auth, GraphDB "
        "http://HOST:7200/repositories/REPO/rdf-graphs/service.",
    )
    load_.add_argument("--endpoint", required=True, help="the Graph Store Protocol URL")
    load_.add_argument("--graph", help="the named graph IRI (default: the default graph)")
    load_.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"the file to load: .ttl, .nt, .jsonld, .nq or .trig (default: {DEFAULT_OUTPUT})",
    )
    add_input_format(load_)
    load_.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the store")
    load_.set_defaults(run=_load_store)


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve_ = commands.add_parser(
        "serve",
        help="serve the graph as a local read-only SPARQL endpoint",
        description="Serve the graph at http://HOST:PORT/sparql (SPARQL 1.1 Protocol: GET "
        "and POST; results as SPARQL JSON, XML, CSV or TSV by Accept header or format=). "
        "Updates (LOAD included) and SERVICE are refused; a query past --timeout is stopped "
        f"and a result is cut at --max-rows, with a Warning header. Binds to {DEFAULT_HOST} "
        "unless told otherwise.",
    )
    serve_.add_argument("--data", type=Path, default=DEFAULT_OUTPUT)
    add_input_format(serve_)
    serve_.add_argument("--host", default=DEFAULT_HOST)
    serve_.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve_.add_argument("--timeout", type=float, default=10.0, help="query time limit, seconds")
    serve_.add_argument(
        "--max-rows",
        type=_positive,
        default=DEFAULT_MAX_ROWS,
        help=f"rows (or triples) a result is cut at, with a Warning header "
        f"(default {DEFAULT_MAX_ROWS})",
    )
    serve_.set_defaults(run=_serve)


def _add_docs(commands: argparse._SubParsersAction) -> None:
    documentation = commands.add_parser(
        "docs",
        help="render the ontology as an HTML page with a diagram of its classes",
        description="Render the ontology as one self-contained HTML page (index.html: every "
        "term with its label, comment, alignments, domain, range and uses) with a diagram of "
        "the classes and object properties drawn by Graphviz (diagram.svg, from diagram.dot). "
        "Needs Graphviz's dot on PATH; without it, or with an unreadable ontology, nothing is "
        "written (exit 2).",
    )
    documentation.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_DOCS,
        help=f"folder to write into (default: {DEFAULT_DOCS})",
    )
    documentation.add_argument(
        "--ontology",
        type=Path,
        help="the Turtle file to document (default: the bundled ontology/aleppo-kg.ttl)",
    )
    documentation.set_defaults(run=_docs)


def _query(args: argparse.Namespace) -> int:
    from aleppo_kg.publish.sparql import open_store, parse_binding, render, run

    text = _query_text(args.query)
    bindings = dict(parse_binding(b) for b in args.bind)
    results = run(open_store(args.data, args.input_format), text, bindings)
    sys.stdout.write(render(results, args.format))
    return 0


def _query_text(given: str) -> str:
    """The query: the file's text when ``given`` names a query file (by its suffix), else
    ``given`` itself."""
    source = Path(given)
    if source.suffix.lower() not in QUERY_SUFFIXES:
        return given
    try:
        return source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{source}: no such query file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{source}: cannot be read ({err})") from None


def _load_store(args: argparse.Namespace) -> int:
    from aleppo_kg.publish.store import load

    status, goal = load(args.data, args.endpoint, args.graph, args.timeout, args.input_format)
    print(f"loaded {args.data} into {goal.description} at {args.endpoint} (HTTP {status})")
    return 0


def _serve(args: argparse.Namespace) -> int:
    def ready(port: int) -> None:
        print(f"serving {args.data} at {sparql_url(args.host, port)} (read-only)", flush=True)

    from aleppo_kg.publish.endpoint import serve

    serve(args.data, args.host, args.port, args.timeout, ready, args.max_rows, args.input_format)
    return 0


def _docs(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from aleppo_kg.build.write import write_atomic
    from aleppo_kg.publish import ontology_docs as docs

    source = args.ontology or ontology_file()
    # Only the file's own prefixes, so the page names terms as the file does.
    graph = load_graph(source, graph=Graph(bind_namespaces="none"))
    files = docs.render(graph, source.name)
    for name, text in files.items():
        write_atomic(args.output / name, text.encode("utf-8"))
    print("wrote " + ", ".join(str(args.output / name) for name in files))
    return 0
