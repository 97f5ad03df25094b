"""The map stage: records and their links -> RDF triples. The only stage that knows RDF terms.

Every IRI is built from the records' keys (slugs) by :mod:`aleppo_kg.vocab`, so the
same real-world entity gets the same IRI in every article and every build.
Superclass types the users query by (``sem:Event``, ``sem:Actor``,
``org:Organization``...) are asserted, not left to inference.

``sink`` holds the triples and the labels; one module per kind of record:
``conflict`` (the article's text and its conflict), ``sides``, ``figures``,
``events``, ``entities`` (places, organisations, groups), ``links``
(identifiers and coordinates) and ``dataset`` (the build's description).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph

from aleppo_kg.build.link import Link, Linked, link_records
from aleppo_kg.build.map.conflict import extraction
from aleppo_kg.build.map.dataset import map_dataset
from aleppo_kg.build.map.links import link
from aleppo_kg.build.map.sink import TripleSink
from aleppo_kg.build.map.terms import Triple
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Extraction
from aleppo_kg.vocab import new_graph

__all__ = ["Triple", "graph_of", "map_articles", "map_dataset", "map_extractions"]


def map_articles(articles: Iterable[Linked], lexicon: Lexicon) -> list[set[Triple]]:
    """The triples each article contributes to the graph of them all.

    An article's triples are everything its records asserted, shared resources
    (places, groups, concepts) included, so a named graph per article is complete
    on its own; a label a previous article already fixed comes as skos:altLabel.
    Plain sets, not an rdflib graph: an rdflib store costs tens of microseconds a
    triple, paid only when the triples are to be validated (:func:`graph_of`).
    """
    sink = TripleSink(lexicon)
    contributions: list[set[Triple]] = []
    for linked in articles:
        sink.start(linked.extraction.article, linked.canonical)
        extraction(sink, linked.extraction)
        for slug in lexicon.event_types:  # the whole ACLED scheme, types no event has too
            sink.concept("event-type", slug)
        for row in linked.links:
            link(sink, row)
        contributions.append(sink.added)
    return contributions


def map_extractions(
    extractions: Iterable[Extraction], lexicon: Lexicon, links: dict[str, Link] | None = None
) -> Graph:
    """One graph for the articles' records linked with ``links``: the stages link and map."""
    return graph_of(map_articles(link_records(extractions, links or {}), lexicon))


def graph_of(contributions: Iterable[set[Triple]]) -> Graph:
    """The articles' triples in one rdflib graph with the project's prefixes."""
    graph = new_graph()
    for triple in set().union(*contributions):
        graph.add(triple)
    return graph
