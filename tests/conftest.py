"""Shared fixtures: graphs built once per session, and a SPARQL helper with our prefixes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import wikimedia_stub
from rdflib import Graph

from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.lexicon import load_lexicon
from aleppo_kg.resources import default_article
from aleppo_kg.text.dates import DateReader
from aleppo_kg.text.quantities import QuantityReader
from aleppo_kg.vocab import KINDS, PREFIXES

FIXTURES = Path(__file__).parent / "fixtures"
LEXICON = load_lexicon()  # the one lexicon of the process, as the pipeline hands it to stages
DATES = DateReader(LEXICON)
QUANTITIES = QuantityReader(LEXICON)
QUERY_PREFIXES = "\n".join(
    [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()]
    + [f"PREFIX {p}: <{PREFIXES['akr']}{kind}/>" for kind, p in KINDS.items()]
)

# The console script as the tests spawn it: the installed package's entry point, this Python.
CLI = (sys.executable, "-m", "aleppo_kg.cli")


def rows(graph: Graph, query: str) -> list[tuple]:
    """Run a SELECT with the project's prefixes; each row as a tuple of Python values."""
    result = graph.query(QUERY_PREFIXES + "\n" + query)
    return [tuple(None if v is None else v.toPython() for v in row) for row in result]


def ask(graph: Graph, query: str) -> bool:
    """Run an ASK with the project's prefixes."""
    return bool(graph.query(QUERY_PREFIXES + "\n" + query).askAnswer)


@pytest.fixture(scope="session")
def full_graph() -> Graph:
    """Seed and fixtures together: every class the mapper emits, and it conforms."""
    fixtures = ["three_sides", "us_dates", "ongoing_four_sides", "present_dates",
                "sparse_title_year", "damaged", "synthetic/battle-of-sirwah-2016"]  # fmt: skip
    articles = [default_article(), *(FIXTURES / f"{name}.txt" for name in fixtures)]
    result = build_graph(articles)
    assert result.violations == ()
    return result.graph


@pytest.fixture(scope="session")
def seed_graph() -> Graph:
    result = build_graph([default_article()])
    assert not result.violations, result.violations
    return result.graph


def fixture_graph(name: str) -> Graph:
    """The conforming graph of one synthetic article under tests/fixtures/."""
    result = build_graph([FIXTURES / name])
    assert not result.violations, result.violations
    return result.graph


@pytest.fixture(scope="session")
def three_sides_graph() -> Graph:
    return fixture_graph("three_sides.txt")


@pytest.fixture(scope="session")
def us_dates_graph() -> Graph:
    return fixture_graph("us_dates.txt")


@pytest.fixture(scope="session")
def ongoing_graph() -> Graph:
    return fixture_graph("ongoing_four_sides.txt")


@pytest.fixture(scope="session")
def present_graph() -> Graph:
    return fixture_graph("present_dates.txt")


@pytest.fixture(scope="session")
def sparse_graph() -> Graph:
    return fixture_graph("sparse_title_year.txt")


@pytest.fixture(scope="session")
def damaged_graph() -> Graph:
    return fixture_graph("damaged.txt")


@pytest.fixture()
def stub():
    """The stub of Wikipedia's and Wikidata's APIs on 127.0.0.1 (tests/wikimedia_stub.py)."""
    server = wikimedia_stub.start()
    yield server
    server.shutdown()
    server.server_close()
