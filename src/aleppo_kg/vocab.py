"""The vocabulary: namespaces, prefixes, kinds of resource and IRI builders, in one place.

Every module that names an IRI takes it from here: the mapper, the dataset
description, the readers of a built graph (query, endpoint, report) and the
curation tools. Where rdflib ships a vocabulary as a closed ``DefinedNamespace``
it is used (a misspelt term fails at import, not in the output); our own
``Namespace`` is kept only where rdflib has none or has another IRI:
``WGS`` (rdflib's is ``https://www.w3.org/...``, the W3C's is ``http://``) and
``DCAT`` (rdflib's lacks DCAT 3's ``dcat:version``).

The namespaces' IRIs are plain strings (:data:`IRIS`), and their rdflib objects
(``AKG``, ``RDF``...) are made on first use: a command that only reads a built graph
(``aleppo-kg query``) takes its prefixes from here without importing rdflib.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

# Every namespace's IRI by its prefix, in the order the graph's files declare them, then the
# ones only the dataset description or the code use.
IRIS = {
    "akg": "https://w3id.org/aleppo-kg/ontology#",
    "akr": "https://w3id.org/aleppo-kg/resource/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wd": "http://www.wikidata.org/entity/",
    "dbo": "http://dbpedia.org/ontology/",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "pav": "http://purl.org/pav/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
    "vann": "http://purl.org/vocab/vann/",
    "media": "https://www.iana.org/assignments/media-types/",
}
# The graph's prefixes, in the order its files declare them.
PREFIXES = {
    prefix: IRIS[prefix]
    for prefix in (
        "akg", "akr", "sem", "org", "prov", "nif", "wgs", "geo", "wd", "dbo", "schema", "foaf",
        "skos", "dcterms", "owl", "rdf", "rdfs", "xsd", "pav",
    )
}  # fmt: skip
GEONAMES = "https://sws.geonames.org/{}/"
# An English Wikipedia article's page, the document a linked resource is the primary topic of.
WIKIPEDIA = "https://en.wikipedia.org/wiki/"
# What MediaWiki leaves unescaped in a page's URL (wfUrlencode): PHP's urlencode escapes all
# but letters, digits and "-_.", and MediaWiki takes these back.
_TITLE_SAFE = ";@$!*(),/~:"

# rdflib's closed namespaces and our own, by the name the code imports them as.
_RDFLIB = ("RDF", "RDFS", "XSD", "DCTERMS", "FOAF", "GEO", "ORG", "OWL", "PROV", "SDO", "SH",
           "SKOS", "VANN", "VOID")  # fmt: skip
_OURS = {"AKG": "akg", "AKR": "akr", "SEM": "sem", "NIF": "nif", "WGS": "wgs", "WD": "wd",
         "DBO": "dbo", "PAV": "pav", "DCAT": "dcat", "MEDIA_TYPES": "media"}  # fmt: skip

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

# `aleppo-kg serve`'s defaults: the endpoint a dataset description names.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7879
SPARQL_PATH = "/sparql"
# Where a dump is published unless `build --base-url` says: a stable IRI in the project's
# namespace, so that a description names its graph's file by the same IRI on every machine.
DUMP_BASE = "https://w3id.org/aleppo-kg/dump/"


def __getattr__(name: str) -> object:
    """The rdflib objects of the vocabulary, made on first use (rdflib imported then)."""
    if name in _RDFLIB:
        from rdflib import namespace

        value: object = _closed_terms_made_once()(getattr(namespace, name))
    elif name == "SCHEMA":
        value = __getattr__("SDO")
    elif name in _OURS:
        value = _terms_made_once()(IRIS[_OURS[name]])
    elif name == "AGENT":  # the tool as a PROV agent, the creator of every dataset description
        value = _terms_made_once()(IRIS["akr"] + "agent/")
    elif name == "TOOL":
        value = _iri(IRIS["akr"] + "agent/aleppo-kg")
    elif name == "WHOLE_GRAPH":  # the focus of the shapes' graph-wide checks
        value = _iri("https://w3id.org/aleppo-kg/shapes#graph")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


@cache
def _terms_made_once() -> type:
    """rdflib's ``Namespace``, keeping each term it makes (``AKG.Conflict``): rdflib's makes a
    new URIRef at every access, and a mapper asks for the same few terms thousands of times
    an article (a quarter of the map stage's time)."""
    from rdflib import Namespace

    class TermsMadeOnce(Namespace):
        def __getattr__(self, name: str) -> URIRef:
            term = self._made(name)
            self.__dict__[name] = term
            return term

        def _made(self, name: str) -> URIRef:
            return super().__getattr__(name)  # dunder names raise AttributeError there

    return TermsMadeOnce


@cache
def _closed_terms_made_once() -> type:
    """One of rdflib's closed vocabularies (a ``DefinedNamespace``: ``RDF.tpye`` fails), each
    term it has kept once asked for. rdflib's makes ``RDF.type`` anew at every use, checking
    its name each time: a tenth of mapping an article."""

    class ClosedTermsMadeOnce(_terms_made_once()):
        def __new__(cls, closed: type) -> ClosedTermsMadeOnce:
            namespace = super().__new__(cls, str(closed))
            namespace.__dict__["_closed"] = closed
            return namespace

        def _made(self, name: str) -> URIRef:
            return getattr(self._closed, name)  # not one of its terms: AttributeError

        def __getitem__(self, name: str) -> URIRef:  # SH["in"]: a term named by a keyword
            return self._closed[name]

    return ClosedTermsMadeOnce


@lru_cache(maxsize=1 << 14)
def _iri(text: str) -> URIRef:
    """The one ``URIRef`` of ``text`` while it is in use: the mapper asks for a resource's IRI
    at each of its facts, and a set finds a term that is the same object at once (rdflib
    compares equal ones in Python). Bounded: a series read in one process names millions."""
    from rdflib import URIRef

    return URIRef(text)


def _resource(path: str) -> URIRef:
    return _iri(IRIS["akr"] + path)


def all_prefixes() -> dict[str, str]:
    """Every prefix the output uses: the vocabularies', then one per kind of resource."""
    found = dict(PREFIXES)
    found.update({prefix: f"{IRIS['akr']}{kind}/" for kind, prefix in KINDS.items()})
    return found


def new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in all_prefixes().items():
        graph.bind(prefix, namespace)
    return graph


def resource(key: str) -> URIRef:
    """The IRI of a record key such as ``org/free-syrian-army``."""
    return _resource(key)


def local_name(key: str) -> str:
    """A record key without its kind: ``org/free-syrian-army`` -> ``free-syrian-army``."""
    return key.split("/", 1)[1]


def scoped(kind: str, conflict_key: str, *parts: object) -> URIRef:
    """IRI of a node that exists only within one conflict: ``side/<conflict>-1``."""
    local = "-".join([local_name(conflict_key), *map(str, parts)])
    return _resource(f"{kind}/{local}")


def article_graph(title_slug: str) -> URIRef:
    """The named graph of one article's facts (TriG, N-Quads, a triple store's graph)."""
    return _resource("graph/" + title_slug)


def text_context(title_slug: str) -> URIRef:
    """The ``nif:Context`` of one article: its whole text."""
    return _resource("text/" + title_slug)


def text_span(title_slug: str, start: int, end: int) -> URIRef:
    """The ``nif:String`` of characters ``[start, end)`` of one article."""
    return _resource(f"text/{title_slug}-{start}-{end}")


def concept(scheme: str, slug: str) -> URIRef:
    """A concept of one of the project's SKOS schemes: ``akr:event-type/armed-clash``."""
    return _resource(f"{scheme}/{slug}")


def scheme(name: str) -> URIRef:
    """A SKOS concept scheme: ``akr:scheme/event-type``."""
    return _resource(f"scheme/{name}")


def geometry(key: str) -> URIRef:
    """The GeoSPARQL geometry of a place: ``akr:geometry/<place>``."""
    return _resource("geometry/" + local_name(key))


def geonames(identifier: str) -> URIRef:
    """A GeoNames feature's Linked Data IRI."""
    return _iri(GEONAMES.format(identifier))


def wikipedia_page(title: str) -> URIRef:
    """The English Wikipedia page of the article ``title``, as an IRI (see
    :func:`wikipedia_url`)."""
    return _iri(wikipedia_url(title))


def wikipedia_url(title: str) -> str:
    """The English Wikipedia page of the article ``title`` (normalised as MediaWiki does:
    spaces, first letter upper-case), its URL written as Wikipedia writes it: spaces as
    underscores, percent-escapes as MediaWiki's (``People%27s_Protection_Units``)."""
    return WIKIPEDIA + wikipedia_title(title)


def wikipedia_title(title: str) -> str:
    """A page title as it stands in Wikipedia's URLs: ``Battle_of_Aleppo_(2012%E2%80%932016)``."""
    from urllib.parse import quote

    return quote(title.replace(" ", "_"), safe=_TITLE_SAFE)


def vocabulary_of(term: str) -> tuple[str, str] | None:
    """The prefix and namespace of ours a class or property belongs to; None if none is ours."""
    found = [(prefix, ns) for prefix, ns in PREFIXES.items() if term.startswith(ns)]
    return max(found, key=lambda pair: len(pair[1]), default=None)


def dataset_iri(slug: str) -> URIRef:
    """The dataset a build describes: ``akr:dataset/<slug>``, named after the graph's file."""
    return _resource(f"dataset/{slug}")


def description_prefixes(slug: str) -> dict[str, str]:
    """The description's own prefixes: VoID, DCAT, the tool, the dataset's parts (``dataset:``)."""
    return {"void": IRIS["void"], "dcat": IRIS["dcat"], "agent": IRIS["akr"] + "agent/",
            "dataset": f"{dataset_iri(slug)}/"}  # fmt: skip


def sparql_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """The endpoint's URL, as ``serve`` prints it and the dataset description names it."""
    return f"http://{host}:{port}{SPARQL_PATH}"
