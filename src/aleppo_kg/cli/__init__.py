"""The ``aleppo-kg`` command: build, validate, stats.

Exit codes: 0 success; 1 the graph does not conform to the shapes; 2 bad input
(one line on stderr naming the file and the problem, no traceback, no output).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rdflib import RDF, RDFS, Graph

from aleppo_kg import __version__
from aleppo_kg.build.link import load_links
from aleppo_kg.build.pipeline import (
    BuildOptions,
    build_graph,
    read_article,
    write_build,
)
from aleppo_kg.build.validate import Violation, validate_graph
from aleppo_kg.build.write import FORMATS as WRITE_FORMATS
from aleppo_kg.build.write import write_atomic
from aleppo_kg.cli.progress import ProgressBar, summary
from aleppo_kg.curation import wikidata
from aleppo_kg.curation.evaluate import default_gold, evaluate, format_scores, load_gold
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import load_lexicon
from aleppo_kg.publish import ontology_docs as docs
from aleppo_kg.publish.endpoint import DEFAULT_MAX_ROWS, serve
from aleppo_kg.publish.report.html import render as render_report
from aleppo_kg.publish.report.read import gather
from aleppo_kg.publish.sparql import FORMATS, open_store, parse_binding, render, run
from aleppo_kg.publish.store import PASSWORD_VARIABLE, USER_VARIABLE, load
from aleppo_kg.resources import default_article, ontology_file
from aleppo_kg.vocab import AKR, DEFAULT_HOST, DEFAULT_PORT, new_graph, sparql_url

DEFAULT_OUTPUT = Path("output/aleppo.ttl")
DEFAULT_REPORT = Path("output/report.html")
DEFAULT_DOCS = Path("docs/ontology")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as err:
        print(f"aleppo-kg: error: {err}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aleppo-kg",
        description="Turn Wikipedia articles about armed conflicts into a validated RDF graph.",
    )
    parser.add_argument("--version", action="version", version=f"aleppo-kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="build the graph from articles and write it as Turtle",
        description="Parse the articles, extract their infobox and prose facts, map them to "
        "RDF, validate with SHACL, merge them into one graph (one resource per place, group "
        "or person, every fact with its own article's provenance) and write Turtle, with "
        "its dataset description (VoID and DCAT: counts, sources, licences) beside it. With "
        "several articles or a folder, a progress bar (on a terminal) and a summary line go "
        "to stderr; --jobs builds batches in parallel. With no ARTICLE, builds the bundled "
        "'2012 Aleppo Governorate clashes' article. When the graph or its description "
        "violates its shapes, neither is written (exit 1); an unreadable file exits 2. An "
        "infobox line or item that cannot be read is skipped with a warning naming the line "
        "(an error, exit 2, with --strict).",
    )
    build.add_argument(
        "articles",
        nargs="*",
        type=Path,
        metavar="ARTICLE",
        help="article text files or folders of them (*.txt; default: the bundled seed article)",
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=1,
        help="worker processes building batches of articles in parallel (default 1)",
    )
    build.add_argument(
        "--no-progress", action="store_true", help="no progress bar (it is off when not a terminal)"
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        help=f"where to write (default: {DEFAULT_OUTPUT}, with the format's suffix)",
    )
    build.add_argument(
        "--void",
        type=Path,
        metavar="PATH",
        help="where to write the dataset description (VoID and DCAT, Turtle; default: "
        "void.ttl beside the graph)",
    )
    build.add_argument(
        "--format",
        choices=sorted(WRITE_FORMATS),
        default="turtle",
        help="turtle (default), nt (N-Triples, sorted), trig or nquads (one named graph per "
        "article), or jsonld (JSON-LD with the project's context)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (skipped infobox lines and items, unknown infobox keys, "
        "unknown nouns) as errors",
    )
    build.set_defaults(run=_build)

    validate = commands.add_parser(
        "validate",
        help="check a Turtle file against the SHACL shapes",
        description="Validate a Turtle file against the project's SHACL shapes and print "
        "each violation on one line. Exit 0 when it conforms, 1 when it does not.",
    )
    validate.add_argument("file", type=Path, metavar="FILE.ttl")
    validate.set_defaults(run=_validate)

    stats = commands.add_parser(
        "stats",
        help="count triples and instances per class in a Turtle file",
        description="Print the number of triples and of instances of each class.",
    )
    stats.add_argument("file", type=Path, metavar="FILE.ttl")
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
    report.add_argument("-o", "--output", type=Path, default=DEFAULT_REPORT)
    report.add_argument("--title", help="the page title (default: from the conflicts)")
    report.set_defaults(run=_report)

    evaluate = commands.add_parser(
        "evaluate",
        help="precision and recall of the prose events against a hand annotation",
        description="Compare the events read from each article's prose with its hand "
        "annotation (<article>.events.jsonl beside it, or data/evaluation/ for the bundled "
        "article) and print precision, recall and F1 of events, types, dates, places, "
        "figures and sources. See docs/annotation.md for the annotation format.",
    )
    evaluate.add_argument(
        "articles",
        nargs="*",
        type=Path,
        metavar="ARTICLE",
        help="article text files (default: the bundled seed article)",
    )
    evaluate.add_argument("--gold", type=Path, help="annotation file (only with one ARTICLE)")
    evaluate.set_defaults(run=_evaluate)

    link = commands.add_parser(
        "link",
        help="report which resources are linked to Wikidata; propose candidates with --online",
        description="Build the articles' graph in memory and report, per kind, the resources "
        "linked to Wikidata (data/links.tsv) and the unlinked ones with the reason. With "
        "--online, ask Wikidata (wbsearchentities and the SPARQL endpoint, rate-limited, "
        "retried, cached on disk) for candidates for the unlinked ones and write them, ranked, "
        "to a proposals file for a person to confirm. Nothing is ever applied automatically.",
    )
    link.add_argument("articles", nargs="*", type=Path, metavar="ARTICLE")
    link.add_argument("--online", action="store_true", help="ask Wikidata for candidates")
    link.add_argument(
        "--proposals",
        type=Path,
        default=Path("output/link-proposals.tsv"),
        help="where --online writes its candidates",
    )
    link.add_argument(
        "--cache",
        type=Path,
        default=Path(".cache/wikidata"),
        help="folder of cached Wikidata answers",
    )
    link.add_argument("--api-url", default=wikidata.API_URL, help=argparse.SUPPRESS)
    link.add_argument("--sparql-url", default=wikidata.SPARQL_URL, help=argparse.SUPPRESS)
    link.add_argument(
        "--interval", type=float, default=1.0, help="seconds between requests (default 1)"
    )
    link.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    link.set_defaults(run=_link)

    query = commands.add_parser(
        "query",
        help="run a SPARQL SELECT (a .rq file or a query string) on the built graph",
        description="Run a SPARQL SELECT query on an embedded Oxigraph store loaded with the "
        "graph, and print a table (or CSV, TSV, SPARQL JSON). The project's prefixes (akg:, "
        "place:, organization:, sem:, ...) need no declaration. --bind fixes a variable to an "
        "IRI (<...> or prefix:name), an integer or a string, as an RDF term: values are never "
        "pasted into the query text. A bound variable must appear in the SELECT clause.",
    )
    query.add_argument("query", metavar="QUERY", help="a .rq file or the query text")
    query.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"the Turtle file to query (default: {DEFAULT_OUTPUT})",
    )
    query.add_argument("--format", choices=FORMATS, default="table")
    query.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE")
    query.set_defaults(run=_query)

    load = commands.add_parser(
        "load",
        help="load the graph into a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="PUT the Turtle file into a triple store's Graph Store Protocol endpoint, "
        "replacing the target graph as a whole (loading twice leaves the same triples). "
        f"Credentials, if the store needs them, come from ${USER_VARIABLE} and "
        f"${PASSWORD_VARIABLE} (HTTP Basic), never from the command line. Endpoints: "
        "Oxigraph http://HOST:7878/store, Apache Jena Fuseki http://HOST:3030/DATASET/data, "
        "Virtuoso http://HOST:8890/sparql-graph-crud-auth, GraphDB "
        "http://HOST:7200/repositories/REPO/rdf-graphs/service.",
    )
    load.add_argument("--endpoint", required=True, help="the Graph Store Protocol URL")
    load.add_argument("--graph", help="the named graph IRI (default: the default graph)")
    load.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"the Turtle file to load (default: {DEFAULT_OUTPUT})",
    )
    load.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the store")
    load.set_defaults(run=_load_store)

    serve = commands.add_parser(
        "serve",
        help="serve the graph as a local read-only SPARQL endpoint",
        description="Serve the graph at http://HOST:PORT/sparql (SPARQL 1.1 Protocol: GET "
        "and POST; results as SPARQL JSON, XML, CSV or TSV by Accept header or format=). "
        "Updates (LOAD included) and SERVICE are refused; a query past --timeout is stopped "
        f"and a result is cut at --max-rows, with a Warning header. Binds to {DEFAULT_HOST} "
        "unless told otherwise.",
    )
    serve.add_argument("--data", type=Path, default=DEFAULT_OUTPUT)
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--timeout", type=float, default=10.0, help="query time limit, seconds")
    serve.add_argument(
        "--max-rows",
        type=_positive,
        default=DEFAULT_MAX_ROWS,
        help=f"rows (or triples) a result is cut at, with a Warning header "
        f"(default {DEFAULT_MAX_ROWS})",
    )
    serve.set_defaults(run=_serve)

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
    return parser


def _build(args: argparse.Namespace) -> int:
    articles = args.articles or [default_article()]
    bar = None if args.no_progress or not sys.stderr.isatty() else ProgressBar(sys.stderr)
    options = BuildOptions(
        strict=args.strict, jobs=args.jobs, named=WRITE_FORMATS[args.format].named
    )
    result = build_graph(articles, options, progress=bar)
    if bar:
        bar.finish()
    for warning in result.warnings:
        print(f"aleppo-kg: warning: {warning}", file=sys.stderr)
    if args.strict and result.warnings:
        raise InputError(f"{len(result.warnings)} warning(s) and --strict is set")
    output = args.output or DEFAULT_OUTPUT.with_suffix(WRITE_FORMATS[args.format][0])
    void = args.void or output.parent / "void.ttl"
    written = write_build(result, output, void, args.format)
    if written.refused:
        return _not_written(written.refused, written.why, output, void)
    print(f"wrote {output}: {result.triples} triples from {result.articles} article(s)")
    print(f"wrote {void}")
    if written.description.facts.created is None:
        print(
            f"aleppo-kg: warning: {void}: no dcterms:created: no article's sidecar "
            "(.source.json) records the day its text was retrieved",
            file=sys.stderr,
        )
    print(summary(result), file=sys.stderr)
    return 0


def _not_written(violations: Sequence[Violation], why: str, output: Path, void: Path) -> int:
    """Neither the graph nor its description is written when either violates its shapes."""
    _print_violations(violations)
    print(f"aleppo-kg: not written: {why}; {output} and {void} are unchanged", file=sys.stderr)
    return 1


def _validate(args: argparse.Namespace) -> int:
    graph = _load(args.file)
    violations = validate_graph(graph)
    if violations:
        _print_violations(violations)
        return 1
    print(f"{args.file}: conforms ({len(graph)} triples)")
    return 0


def _stats(args: argparse.Namespace) -> int:
    graph = _load(args.file)
    counts = Counter(graph.qname(cls) for cls in graph.objects(None, RDF.type))
    print(f"triples\t{len(graph)}")
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"{name}\t{count}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    articles = args.articles or [default_article()]
    if args.gold and len(articles) > 1:
        raise InputError("--gold takes one ARTICLE")
    for article in articles:
        gold = load_gold(args.gold or default_gold(article))
        scores = evaluate(read_article(article, load_lexicon()), gold)
        print(format_scores(f"{article.name} ({len(gold)} annotated events)", scores))
        print()
    return 0


def _link(args: argparse.Namespace) -> int:
    articles = args.articles or [default_article()]
    graph = build_graph(articles, BuildOptions(validate=False)).graph
    links = load_links()
    rows = graph.query(LINKABLE)
    unlinked: list[tuple[str, str]] = []
    counts: Counter = Counter()
    for resource, label, qid in rows:
        key = str(resource).removeprefix(str(AKR))
        kind = key.split("/", 1)[0]
        counts[(kind, qid is not None)] += 1
        if qid is None:
            row = links.get(key)
            reason = row.evidence if row and row.evidence else "no row in data/links.tsv"
            print(f"unlinked\t{key}\t{label}\t{reason}")
            unlinked.append((key, str(label)))
    for kind in sorted({k for k, _ in counts}):
        print(f"{kind}: {counts[(kind, True)]} linked, {counts[(kind, False)]} unlinked")
    if args.online:
        client = wikidata.Client(
            args.cache, args.api_url, args.sparql_url, args.interval, args.timeout
        )
        country = graph.value(AKR["place/syria"], RDFS.label)
        kinds = load_lexicon().wikidata_kinds
        proposals = wikidata.propose(unlinked, client, str(country) if country else None, kinds)
        write_atomic(args.proposals, wikidata.proposals_tsv(proposals))
        print(
            f"wrote {args.proposals}: {len(proposals)} candidates for {len(unlinked)} "
            "unlinked resources (review them; nothing was applied)"
        )
    return 0


# Resources a Wikidata item can stand for: places, groups, people, conflicts, sources, models.
LINKABLE = """
SELECT ?r ?label ?qid WHERE {
    ?r <http://www.w3.org/2000/01/rdf-schema#label> ?label .
    FILTER(REGEX(STR(?r), "/resource/(place|org|person|conflict|source|equipment)/"))
    OPTIONAL { ?r <http://www.w3.org/2002/07/owl#sameAs> ?qid
               FILTER(STRSTARTS(STR(?qid), "http://www.wikidata.org/entity/")) }
} ORDER BY ?r
"""


def _report(args: argparse.Namespace) -> int:
    content = gather(open_store(args.data), load_lexicon())
    title = args.title or "Report: " + (
        ", ".join(c.label for c in content.conflicts) or str(args.data)
    )
    write_atomic(args.output, render_report(content, title).encode("utf-8"))
    print(
        f"wrote {args.output}: {len(content.events)} events, "
        f"{sum(p.lat is not None for p in content.places)} places on the map"
    )
    return 0


def _query(args: argparse.Namespace) -> int:
    source = Path(args.query)
    text = source.read_text(encoding="utf-8") if source.suffix == ".rq" else args.query
    if source.suffix == ".rq" and not source.is_file():
        raise InputError(f"{source}: no such query file")
    bindings = dict(parse_binding(b) for b in args.bind)
    results = run(open_store(args.data), text, bindings)
    sys.stdout.write(render(results, args.format))
    return 0


def _load_store(args: argparse.Namespace) -> int:
    status = load(args.data, args.endpoint, args.graph, args.timeout)
    target = f"graph <{args.graph}>" if args.graph else "the default graph"
    print(f"loaded {args.data} into {target} at {args.endpoint} (HTTP {status})")
    return 0


def _serve(args: argparse.Namespace) -> int:
    def ready(port: int) -> None:
        print(f"serving {args.data} at {sparql_url(args.host, port)} (read-only)", flush=True)

    serve(args.data, args.host, args.port, args.timeout, ready, args.max_rows)
    return 0


def _docs(args: argparse.Namespace) -> int:
    source = args.ontology or ontology_file()
    # Only the file's own prefixes, so the page names terms as the file does.
    graph = _load(source, Graph(bind_namespaces="none"))
    files = docs.render(graph, source.name)
    for name, text in files.items():
        write_atomic(args.output / name, text.encode("utf-8"))
    print("wrote " + ", ".join(str(args.output / name) for name in files))
    return 0


def _load(path: Path, graph: Graph | None = None) -> Graph:
    """``path`` parsed into ``graph`` (default: one with the project's prefixes)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    graph = new_graph() if graph is None else graph
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib raises many types for bad syntax
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(f"{path}: not valid Turtle ({first_line})") from None
    return graph


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _print_violations(violations) -> None:
    print(f"{len(violations)} SHACL violation(s):", file=sys.stderr)
    for violation in violations:
        print(f"  {violation}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
