"""Each SHACL shape rejects a graph broken in the way it guards against.

The graph under test is the seed plus the synthetic fixtures (so that every
class the mapper can emit is present); each case breaks one thing with a
SPARQL update and expects a violation reported by that shape.
"""

from __future__ import annotations

import pytest
from conftest import QUERY_PREFIXES
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from aleppo_kg.build.validate import load_shapes, validate_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
AKGSH = "https://w3id.org/aleppo-kg/shapes#"
SEED_CONFLICT = "conflict:2012-aleppo-governorate-clashes"

BREAKS = {
    "LabelShape": "DELETE WHERE { place:azaz rdfs:label ?l }",
    "ProvenanceShape": "INSERT DATA { place:azaz prov:wasDerivedFrom place:syria }",
    "EventShape": f"DELETE WHERE {{ {SEED_CONFLICT} sem:hasEarliestBeginTimeStamp ?d }}",
    "ConflictShape": f"DELETE DATA {{ {SEED_CONFLICT} a dbo:MilitaryConflict }}",
    "ArticleEventShape": """DELETE { ?e akg:eventType ?t } WHERE {
        ?e a akg:TerritorialChange ; akg:eventType ?t ; sem:hasPlace place:azaz }""",
    "TerritorialChangeShape": """DELETE { ?e akg:controlAsOf ?d } WHERE {
        ?e a akg:TerritorialChange ; akg:controlAsOf ?d ; sem:hasPlace place:azaz }""",
    "SideShape": f"""DELETE {{ ?s akg:sideOf {SEED_CONFLICT} }} WHERE {{
        ?s akg:sideOf {SEED_CONFLICT} ; akg:sideNumber 2 }}""",
    "FactionShape": "DELETE { ?f akg:factionOf ?s } WHERE { ?f a akg:Faction ; akg:factionOf ?s }",
    "ActorShape": "INSERT DATA { person:rifaat-khalil a org:Organization }",
    "OrganizationShape": "DELETE DATA { organization:shabiha a sem:Actor }",
    "PersonShape": "DELETE DATA { person:rifaat-khalil a sem:Actor }",
    "CommandShape": """INSERT { ?c akg:rank rank:major } WHERE {
        ?c akg:commander person:rifaat-khalil }""",
    "AuthorityShape": "DELETE WHERE { source:opposition prov:wasDerivedFrom ?s }",
    "FigureShape": """INSERT { ?f akg:category category:civilian } WHERE {
        ?f a akg:StrengthFigure ; akg:asWritten "6,000 fighters" }""",
    "GraphShape": """DELETE { ?f akg:count ?n } WHERE {
        ?f a akg:StrengthFigure ; akg:count ?n ; akg:asWritten "6,000 fighters" }""",
    "StrengthFigureShape": """INSERT { ?f akg:outcome outcome:killed } WHERE {
        ?f a akg:StrengthFigure ; akg:asWritten "6,000 fighters" }""",
    "LossFigureShape": """DELETE { ?f akg:outcome ?o } WHERE {
        ?f a akg:LossFigure ; akg:outcome ?o ; akg:asWritten "441 fighters killed" }""",
    "PlaceShape": "INSERT DATA { place:azaz akg:locatedIn place:syria }",
    "ConceptShape": "DELETE WHERE { rank:colonel skos:inScheme ?s }",
    "ConceptSchemeShape": "INSERT DATA { scheme:rank skos:hasTopConcept place:azaz }",
    "ContextShape": """DELETE { ?c dcterms:source ?s } WHERE {
        ?c a nif:Context ; dcterms:source ?s }""",
    "StringShape": """DELETE { ?s nif:beginIndex ?b } INSERT { ?s nif:beginIndex 99999 } WHERE {
        ?s nif:anchorOf ?a ; nif:beginIndex ?b FILTER(STR(?a) = "Azaz") }""",
    "PeopleGroupShape": "DELETE DATA { group:students a sem:Actor }",
    "ParticipantFigureShape": """DELETE { ?f akg:outcome ?o }
        INSERT { ?f akg:outcome outcome:killed }
        WHERE { ?f a akg:ParticipantFigure ; akg:outcome ?o }""",
    "SameAsShape": "INSERT DATA { place:azaz owl:sameAs <https://www.wikidata.org/wiki/Q1> }",
    "GeometryShape": """INSERT DATA { geometry:azaz a geo:Geometry ; rdfs:label "Location"@en ;
        dcterms:source "a table" ; geo:asWKT "POINT(37 36.5"^^geo:wktLiteral }""",
    "InfoboxFieldShape": """DELETE { ?f akg:fieldKey ?k } WHERE {
        ?f a akg:InfoboxField ; akg:fieldKey ?k }""",
    "PrimaryTopicShape": """INSERT DATA { place:azaz foaf:isPrimaryTopicOf
        <https://en.wikipedia.org/w/index.php?title=Azaz> }""",
}
REVISION = "https://en.wikipedia.org/w/index.php?title=2012_Aleppo_Governorate_clashes&oldid="


def broken(graph: Graph, update: str) -> Graph:
    """A copy of ``graph`` changed by the SPARQL ``update`` (which must change something)."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    copy.update(QUERY_PREFIXES + "\n" + update)
    assert set(copy) != set(graph), "the break changed nothing"
    return copy


@pytest.mark.parametrize("shape", sorted(BREAKS))
def test_shape_rejects_its_broken_graph(full_graph, shape):
    violations = validate_graph(broken(full_graph, BREAKS[shape]))
    assert shape in {v.shape for v in violations}, violations


def test_every_node_shape_with_a_target_has_a_breaking_case():
    shapes = load_shapes()
    targeted = {
        str(s).removeprefix(AKGSH)
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if any(
            (s, p, None) in shapes
            for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
        )
    }
    assert targeted == set(BREAKS)


def test_every_class_the_output_uses_has_a_shape(full_graph):
    shapes = load_shapes()
    shaped = set(shapes.objects(None, SH.targetClass))
    used = set(full_graph.objects(None, RDF.type))
    assert used - shaped == set()
    assert URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Authority") in used


ONGOING = "conflict:siege-of-tell-marjan"
NOT_ITS_SLICE = """
    DELETE { ?s nif:anchorOf ?a } INSERT { ?s nif:anchorOf "Damascus" } WHERE {
        ?s nif:anchorOf ?a FILTER(STR(?a) = "Azaz") }"""


# Open ends, outcomes, sub-figures and retrieval dates: constraints beyond one per shape.
VARIANTS = [
    (
        "ConflictShape",
        f'INSERT DATA {{ {ONGOING} sem:hasEndTimeStamp "2014-01-01"^^xsd:date }}',
    ),
    ("ConflictShape", f"INSERT DATA {{ {SEED_CONFLICT} akg:ongoing false }}"),
    ("ConflictShape", f'INSERT DATA {{ {ONGOING} akg:resultItem "ceasefire" }}'),
    (
        "SideShape",
        "INSERT { ?s akg:hasSupporter place:azaz } WHERE { ?s a akg:Side }",
    ),
    (
        "CommandShape",
        'INSERT { ?c akg:roleAsWritten "a", "b" } WHERE { ?c a akg:Command }',
    ),
    (
        "FigureShape",
        """INSERT { ?f a akg:LossFigure } WHERE {
        ?f a akg:StrengthFigure ; akg:asWritten "6,000 fighters" }""",
    ),
    (
        "GraphShape",
        """DELETE { ?f akg:figureFor ?s } INSERT { ?f akg:figureFor place:azaz } WHERE {
        ?f akg:figureFor ?s ; akg:asWritten "6,000 fighters" }""",
    ),
    (
        "FigureShape",
        """INSERT { ?f akg:subFigureOf place:azaz } WHERE {
        ?f akg:asWritten "2,500 - 3,000 Al-Nusra fighters" }""",
    ),
    (
        "ContextShape",
        """INSERT { ?c pav:retrievedOn "2026-11-25"^^xsd:date } WHERE {
        ?c a nif:Context ; pav:retrievedOn ?d }""",
    ),
    (
        "ContextShape",
        """DELETE { ?c pav:retrievedOn ?d } INSERT { ?c pav:retrievedOn "24 November 2026" }
        WHERE { ?c a nif:Context ; pav:retrievedOn ?d }""",
    ),
    # an article is one revision; what derives from a revision, and not from a span, is one
    (
        "ContextShape",
        f"""INSERT {{ ?c prov:wasDerivedFrom <{REVISION}1>, <{REVISION}2> }}
        WHERE {{ ?c a nif:Context ; dcterms:title "2012 Aleppo Governorate clashes"@en }}""",
    ),
    (
        "ContextShape",
        """INSERT { ?c prov:wasDerivedFrom "revision 1" } WHERE { ?c a nif:Context ;
        dcterms:title "2012 Aleppo Governorate clashes"@en }""",
    ),
    ("ProvenanceShape", f"INSERT DATA {{ place:azaz prov:wasDerivedFrom <{REVISION}1> }}"),
    # a linked resource's page is an English Wikipedia article: no literal, no other wiki,
    # no section
    ("PrimaryTopicShape", 'INSERT DATA { place:azaz foaf:isPrimaryTopicOf "Azaz" }'),
    (
        "PrimaryTopicShape",
        "INSERT DATA { place:azaz foaf:isPrimaryTopicOf <https://fr.wikipedia.org/wiki/Azaz> }",
    ),
    (
        "PrimaryTopicShape",
        """INSERT DATA { place:azaz foaf:isPrimaryTopicOf
        <https://en.wikipedia.org/wiki/Azaz#History> }""",
    ),
]


@pytest.mark.parametrize("shape, update", VARIANTS)
def test_shapes_reject_broken_variants(full_graph, shape, update):
    """Open ends, outcomes, sub-figures and retrieval dates: constraints beyond one per shape."""
    violations = validate_graph(broken(full_graph, update))
    assert shape in {v.shape for v in violations}, violations


def test_a_context_may_derive_from_the_revision_it_is(full_graph):
    revised = broken(
        full_graph,
        f"""INSERT {{ ?c prov:wasDerivedFrom <{REVISION}1> }} WHERE {{ ?c a nif:Context ;
        dcterms:title "2012 Aleppo Governorate clashes"@en }}""",
    )
    assert validate_graph(revised) == []


def test_graph_shape_rejects_an_anchor_that_is_not_its_slice(full_graph):
    found = [
        v for v in validate_graph(broken(full_graph, NOT_ITS_SLICE)) if v.shape == "GraphShape"
    ]
    assert found and all("anchorOf is not the text" in v.message for v in found)
    assert all("/resource/text/" in v.focus for v in found)  # the spans, not the check's node
    assert any("/text/2012-aleppo-governorate-clashes-" in v.focus for v in found)
