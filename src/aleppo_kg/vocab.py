"""The vocabulary: namespaces, prefixes, kinds of resource and IRI builders, in one place.

Every module that names an IRI takes it from here: the mapper, the dataset
description, the readers of a built graph (query, endpoint, report) and the
curation tools. Where rdflib ships a vocabulary as a closed ``DefinedNamespace``
it is used (a misspelt term fails at import, not in the output); our own
``Namespace`` is kept only where rdflib has none or has another IRI:
``WGS`` (rdflib's is ``https://www.w3.org/...``, the W3C's is ``http://``) and
``DCAT`` (rdflib's lacks DCAT 3's ``dcat:version``).
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, GEO, ORG, OWL, PROV, SDO, SH, SKOS, VANN, VOID

AKG = Namespace("https://w3id.org/aleppo-kg/ontology#")
AKR = Namespace("https://w3id.org/aleppo-kg/resource/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")
DBO = Namespace("http://dbpedia.org/ontology/")
SCHEMA = SDO
PAV = Namespace("http://purl.org/pav/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
MEDIA_TYPES = Namespace("https://www.iana.org/assignments/media-types/")
GEONAMES = "https://sws.geonames.org/{}/"
WHOLE_GRAPH = URIRef("https://w3id.org/aleppo-kg/shapes#graph")  # focus of graph-wide shapes

__all__ = [
    "AKG", "AKR", "DBO", "DCAT", "DCTERMS", "GEO", "NIF", "ORG", "OWL", "PAV", "PROV", "RDF",
    "RDFS", "SCHEMA", "SEM", "SH", "SKOS", "VANN", "VOID", "WD", "WGS", "XSD",
]  # fmt: skip

# The graph's prefixes, in the order its files declare them.
PREFIXES = {
    "akg": AKG, "akr": AKR, "sem": SEM, "org": ORG, "prov": PROV, "nif": NIF, "wgs": WGS,
    "geo": GEO, "wd": WD, "dbo": DBO, "schema": SCHEMA, "skos": SKOS, "dcterms": DCTERMS,
    "owl": OWL, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "pav": PAV,
}  # fmt: skip

# Every resource IRI is akr:<kind>/<slug>; a prefix per kind keeps the Turtle readable
# (akr:place/azaz is written place:azaz). ORG's own prefix is org:, so ours is organization:.
KINDS = {
    "conflict": "conflict", "event": "event", "side": "side", "faction": "faction",
    "command": "command", "figure": "figure", "field": "field", "org": "organization",
    "person": "person", "place": "place", "source": "source", "text": "text", "rank": "rank",
    "fate": "fate", "quantifier": "quantifier", "outcome": "outcome", "category": "category",
    "place-type": "place-type", "event-type": "event-type", "equipment": "equipment",
    "scheme": "scheme", "group": "group", "date-precision": "date-precision",
    "geometry": "geometry", "graph": "graph",
}  # fmt: skip

# The tool as a PROV agent, the creator of every dataset description.
AGENT = Namespace(AKR["agent/"])
TOOL = AGENT["aleppo-kg"]

# `aleppo-kg serve`'s defaults: the endpoint a dataset description names.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7879
SPARQL_PATH = "/sparql"


def all_prefixes() -> dict[str, str]:
    """Every prefix the output uses: the vocabularies', then one per kind of resource."""
    found = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    found.update({prefix: f"{AKR}{kind}/" for kind, prefix in KINDS.items()})
    return found


def new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in all_prefixes().items():
        graph.bind(prefix, namespace)
    return graph


def resource(key: str) -> URIRef:
    """The IRI of a record key such as ``org/free-syrian-army``."""
    return AKR[key]


def local_name(key: str) -> str:
    """A record key without its kind: ``org/free-syrian-army`` -> ``free-syrian-army``."""
    return key.split("/", 1)[1]


def scoped(kind: str, conflict_key: str, *parts: object) -> URIRef:
    """IRI of a node that exists only within one conflict: ``side/<conflict>-1``."""
    local = "-".join([local_name(conflict_key), *map(str, parts)])
    return AKR[f"{kind}/{local}"]


def article_graph(title_slug: str) -> URIRef:
    """The named graph of one article's facts (TriG, N-Quads, a triple store's graph)."""
    return AKR["graph/" + title_slug]


def text_context(title_slug: str) -> URIRef:
    """The ``nif:Context`` of one article: its whole text."""
    return AKR["text/" + title_slug]


def text_span(title_slug: str, start: int, end: int) -> URIRef:
    """The ``nif:String`` of characters ``[start, end)`` of one article."""
    return AKR[f"text/{title_slug}-{start}-{end}"]


def concept(scheme: str, slug: str) -> URIRef:
    """A concept of one of the project's SKOS schemes: ``akr:event-type/armed-clash``."""
    return AKR[f"{scheme}/{slug}"]


def scheme(name: str) -> URIRef:
    """A SKOS concept scheme: ``akr:scheme/event-type``."""
    return AKR[f"scheme/{name}"]


def geometry(key: str) -> URIRef:
    """The GeoSPARQL geometry of a place: ``akr:geometry/<place>``."""
    return AKR["geometry/" + local_name(key)]


def geonames(identifier: str) -> URIRef:
    """A GeoNames feature's Linked Data IRI."""
    return URIRef(GEONAMES.format(identifier))


def vocabulary_of(term: str) -> tuple[str, str] | None:
    """The prefix and namespace of ours a class or property belongs to; None if none is ours."""
    found = [(prefix, str(ns)) for prefix, ns in PREFIXES.items() if term.startswith(str(ns))]
    return max(found, key=lambda pair: len(pair[1]), default=None)


def dataset_iri(slug: str) -> URIRef:
    """The dataset a build describes: ``akr:dataset/<slug>``, named after the graph's file."""
    return AKR[f"dataset/{slug}"]


def description_prefixes(slug: str) -> dict[str, str]:
    """The description's own prefixes: VoID, DCAT, the tool, the dataset's parts (``dataset:``)."""
    return {"void": str(VOID), "dcat": str(DCAT), "agent": str(AGENT),
            "dataset": f"{dataset_iri(slug)}/"}  # fmt: skip


def sparql_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """The endpoint's URL, as ``serve`` prints it and the dataset description names it."""
    return f"http://{host}:{port}{SPARQL_PATH}"
