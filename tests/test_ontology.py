"""The ontology documents every term the graph uses, and aligns to the standard vocabularies."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from aleppo_kg.resources import ontology_file
from aleppo_kg.vocab import AKG

ONTOLOGY = URIRef("https://w3id.org/aleppo-kg/ontology")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
DBO = Namespace("http://dbpedia.org/ontology/")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def test_header_has_version_licence_creator_description(ontology):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    for predicate in (OWL.versionInfo, DCTERMS.license, DCTERMS.creator, DCTERMS.description):
        assert ontology.value(ONTOLOGY, predicate) is not None, predicate


def test_every_term_has_one_label_and_one_comment(ontology):
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(AKG)}
    assert len(terms) > 30
    for term in terms:
        assert len(list(ontology.objects(term, RDFS.label))) == 1, term
        assert len(list(ontology.objects(term, RDFS.comment))) == 1, term


def test_every_akg_term_the_graph_uses_is_declared(
    ontology, seed_graph, three_sides_graph, ongoing_graph
):
    declared = {s for s in ontology.subjects(RDF.type, None) if s.startswith(AKG)}
    used = set()
    for graph in (seed_graph, three_sides_graph, ongoing_graph):
        used |= {p for p in graph.predicates() if p.startswith(AKG)}
        used |= {o for o in graph.objects(None, RDF.type) if o.startswith(AKG)}
    assert used - declared == set()


def test_alignments_to_sem_dbpedia_and_wikidata(ontology):
    assert (AKG.Conflict, RDFS.subClassOf, SEM.Event) in ontology
    assert (AKG.Conflict, RDFS.subClassOf, DBO.MilitaryConflict) in ontology
    assert (AKG.Event, RDFS.subClassOf, SEM.Event) in ontology
    assert (AKG.eventType, RDFS.subPropertyOf, SEM.eventType) in ontology
    wikidata = {
        str(o)
        for o in ontology.objects(None, SKOS.closeMatch)
        if str(o).startswith("http://www.wikidata.org/entity/")
    }
    assert {
        "http://www.wikidata.org/entity/P580",
        "http://www.wikidata.org/entity/P710",
        "http://www.wikidata.org/entity/P1114",
    } <= wikidata
