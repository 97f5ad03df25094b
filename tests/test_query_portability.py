"""Every competency question gives the same rows however its parameters are bound, on both engines.

A parametrised query (``# Parameters:`` in its header) is run with its documented ``--bind``
example through the project's own ``run`` (Oxigraph's substitutions), then with the header's
example VALUES block appended after the query's last line, as a user of another engine would
write it, on Oxigraph and on rdflib's own engine. A query without parameters is run on both
engines as it is. Rows are compared by value (``sparql_rows``): the same multiset, in the same
ORDER BY order up to ties. tests/test_virtuoso.py runs the same queries on Virtuoso.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from sparql_rows import Answer, answer, from_rdflib, on_oxigraph

from aleppo_kg.publish.sparql import (
    documented_bindings,
    documented_values,
    store_from_ntriples,
    with_values,
)

QUERIES = Path(__file__).resolve().parents[1] / "queries"
TEXTS = {path.name: path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))}
PARAMETRISED = sorted(name for name, text in TEXTS.items() if "# Parameters:" in text)
PLAIN = sorted(set(TEXTS) - set(PARAMETRISED))


@pytest.fixture(scope="module")
def store(seed_graph: Graph) -> ox.Store:
    return store_from_ntriples(seed_graph.serialize(format="nt", encoding="utf-8"))


def on_rdflib(graph: Graph, query: str) -> Answer:
    results = graph.query(query)
    variables = [str(v) for v in results.vars]
    return answer(query, variables, ([from_rdflib(t) for t in row] for row in results))


def test_the_queries_are_split_into_parametrised_and_plain():
    assert len(PARAMETRISED) >= 5 and len(PLAIN) >= 8


@pytest.mark.parametrize("name", PARAMETRISED)
def test_a_parametrised_query_documents_a_values_block_for_its_parameters(name):
    block = documented_values(TEXTS[name])
    assert block, f"{name}: no example VALUES block in the header"
    assert set(re.findall(r"\?(\w+)", block.split("{")[0])) == set(documented_bindings(TEXTS[name]))


@pytest.mark.parametrize("name", PARAMETRISED)
def test_values_block_binds_like_bind_on_oxigraph(store, name):
    bound = on_oxigraph(store, TEXTS[name], documented_bindings(TEXTS[name]))
    assert len(bound) > 0, f"{name} gives no rows with its example binding"
    assert on_oxigraph(store, with_values(TEXTS[name])) == bound


@pytest.mark.parametrize("name", PARAMETRISED)
def test_values_block_binds_like_bind_on_rdflib(store, seed_graph, name):
    bound = on_oxigraph(store, TEXTS[name], documented_bindings(TEXTS[name]))
    assert on_rdflib(seed_graph, with_values(TEXTS[name])) == bound


@pytest.mark.parametrize("name", PLAIN)
def test_plain_query_gives_the_same_rows_on_both_engines(store, seed_graph, name):
    expected = on_oxigraph(store, TEXTS[name])
    assert len(expected) > 0
    assert on_rdflib(seed_graph, TEXTS[name]) == expected


def test_a_radius_outside_the_list_gives_no_rows_either_way(store, seed_graph):
    """12-events-near.rq takes its radius from a list (see its header): 12 km is not in it."""
    name = "12-events-near.rq"
    assert len(on_oxigraph(store, TEXTS[name], {"place": "place:azaz", "km": "12"})) == 0
    block = with_values(TEXTS[name]).replace("(place:azaz 20)", "(place:azaz 12)")
    assert len(on_oxigraph(store, block)) == len(on_rdflib(seed_graph, block)) == 0
