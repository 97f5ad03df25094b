"""Time each competency question (queries/*.rq) on the embedded Oxigraph store and on rdflib.

Usage: python benchmarks/queries.py [--runs N] [--limit-ms MS]

The graph is built in-process from the bundled article (aleppo_kg.pipeline.build_graph), handed
to Oxigraph as N-Triples (as the tests do) and queried by rdflib as is. A parametrised query is
run with the example bindings its header shows: by ``--bind`` on Oxigraph, by its trailing
``VALUES`` block on rdflib (whose initBindings a GROUP BY can overwrite). Each query runs once to
warm up, then N times per engine; the table gives the median of those N runs. The query text
is parsed on every run, as on the command line. Rows are compared between the engines by count
(GROUP_CONCAT order and decimal spellings may differ).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pyoxigraph as ox
import rdflib
from timing import machine, median_ms

from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.publish.sparql import (
    documented_bindings,
    parse_binding,
    run,
    store_from_ntriples,
    with_values,
)
from aleppo_kg.resources import default_article

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query and engine")
    parser.add_argument(
        "--limit-ms", type=float, default=10.0, help="the Oxigraph budget per query"
    )
    args = parser.parse_args()

    result = build_graph([default_article()])
    graph = result.graph
    store = store_from_ntriples(graph.serialize(format="nt", encoding="utf-8"))

    print(machine())
    print(
        f"pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}; graph: {len(graph)} triples "
        f"from {default_article().name}; median of {args.runs} runs after one warm-up\n"
    )
    header = f"{'query':<26} {'oxigraph ms':>11} {'rdflib ms':>10} {'ratio':>7} {'rows':>5}"
    print(header)
    print("-" * len(header))
    slowest = 0.0
    mismatches = []
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        bindings = dict(parse_binding(f"{k}={v}") for k, v in documented_bindings(text).items())
        bound = with_values(text) if bindings else text
        ox_ms, ox_result = median_ms(args.runs, lambda t=text, b=bindings: run(store, t, b))
        rd_ms, rd_rows = median_ms(args.runs, lambda t=bound: list(graph.query(t)))
        rows = len(ox_result.rows)
        if len(rd_rows) != rows:
            mismatches.append(f"{path.name}: Oxigraph {rows} rows, rdflib {len(rd_rows)}")
        slowest = max(slowest, ox_ms)
        print(f"{path.name:<26} {ox_ms:>11.2f} {rd_ms:>10.1f} {rd_ms / ox_ms:>6.0f}x {rows:>5}")
    print()
    verdict = "yes" if slowest < args.limit_ms else "NO"
    print(
        f"every query under {args.limit_ms:g} ms on Oxigraph: {verdict} "
        f"(slowest median {slowest:.2f} ms)"
    )
    print("rows equal on both engines: " + ("yes" if not mismatches else "NO"))
    for line in mismatches:
        print(f"  {line}")


if __name__ == "__main__":
    main()
