"""Reading an ontology's rdflib graph into the documentation's model."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from aleppo_kg.errors import InputError
from aleppo_kg.publish.ontology_docs.model import (
    EXTERNAL,
    KINDS,
    Metadata,
    Names,
    OntologyDoc,
    Ref,
    Relation,
    Term,
    Text,
)
from aleppo_kg.vocab import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

# Statements that relate a term to another vocabulary or to a more general term.
ALIGNMENTS = (
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    OWL.inverseOf,
    OWL.sameAs,
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
)
# The same statements read backwards, to show on their object where it is used.
USAGES = (
    (RDFS.domain, "domain of"),
    (RDFS.range, "range of"),
    (RDFS.subClassOf, "superclass of"),
    (RDFS.subPropertyOf, "superproperty of"),
    (OWL.inverseOf, "inverse of"),
)
CHARACTERISTICS = (
    (OWL.FunctionalProperty, "functional"),
    (OWL.InverseFunctionalProperty, "inverse functional"),
    (OWL.TransitiveProperty, "transitive"),
    (OWL.SymmetricProperty, "symmetric"),
    (OWL.AsymmetricProperty, "asymmetric"),
    (OWL.ReflexiveProperty, "reflexive"),
    (OWL.IrreflexiveProperty, "irreflexive"),
)


def document(graph: Graph, source: str) -> OntologyDoc:
    """The model of the ontology in ``graph``, read from the file named ``source``.

    What the page cannot show faithfully (no owl:Ontology, no namespace to tell the
    ontology's terms from others, an anonymous class where a name or a union is
    expected) is an :class:`InputError`, not a page that silently leaves it out.
    """
    ontology = _ontology(graph, source)
    namespace = _value(graph, ontology, VANN.preferredNamespaceUri)
    if not namespace:
        raise InputError(source, "the ontology states no vann:preferredNamespaceUri")
    bound = sorted(((p, str(ns)) for p, ns in graph.namespaces()), key=lambda b: -len(b[1]))
    names = Names(namespace, tuple(bound))
    kinds = _kinds(graph, names)
    reader = _Reader(graph, names, source, frozenset(kinds))
    terms = sorted(
        (reader.term(iri, kind) for iri, kind in kinds.items()),
        key=lambda t: ((t.label or t.anchor).casefold(), t.iri),
    )
    return OntologyDoc(source, _metadata(graph, ontology, namespace), tuple(terms))


def _ontology(graph: Graph, source: str) -> URIRef:
    found = [s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)]
    if len(found) != 1:
        raise InputError(source, f"expected one owl:Ontology, found {len(found)}")
    return found[0]


def _value(graph: Graph, subject: Node, predicate: URIRef) -> str:
    """The one value to show: English first, then no language, then the rest, in a fixed order."""

    def rank(value: Node) -> tuple[int, str]:
        language = value.language if isinstance(value, Literal) else None
        return (0 if language == "en" else 1 if language is None else 2, str(value))

    values = sorted(graph.objects(subject, predicate), key=rank)
    return str(values[0]) if values else ""


def _kinds(graph: Graph, names: Names) -> dict[URIRef, str]:
    """The terms to document, each with its section."""
    kinds: dict[URIRef, str] = {}
    for rdf_type, section, _ in KINDS:
        for term in graph.subjects(RDF.type, rdf_type):
            if isinstance(term, URIRef) and names.internal(term):
                kinds.setdefault(term, section)
    for predicate in ALIGNMENTS:
        for term in graph.subjects(predicate, None):
            if isinstance(term, URIRef) and not names.internal(term):
                kinds.setdefault(term, EXTERNAL[0])
    return kinds


@dataclass(frozen=True)
class _Reader:
    """Reads the entry of one term; holds what every entry needs to know about the file."""

    graph: Graph
    names: Names
    source: str
    documented: frozenset[URIRef]

    def term(self, iri: URIRef, kind: str) -> Term:
        where = f"{self.source}: {self.names.name(iri)}"
        ref = self.names.ref(iri)
        usage = (
            Relation(str(predicate), name, tuple(sorted(self.uses.get((predicate, ref), ()))))
            for predicate, name in USAGES
        )
        return Term(
            iri=str(iri),
            ref=ref,
            anchor=self.names.anchor(iri),
            kind=kind,
            label=_value(self.graph, iri, RDFS.label),
            comment=self.mentions(_value(self.graph, iri, RDFS.comment)),
            alignments=tuple(self.alignments(iri, where)),
            domain=self.members(self.single(iri, RDFS.domain, where), where),
            range=self.members(self.single(iri, RDFS.range, where), where),
            characteristics=tuple(
                name for t, name in CHARACTERISTICS if (iri, RDF.type, t) in self.graph
            ),
            usage=tuple(relation for relation in usage if relation.targets),
        )

    @cached_property
    def uses(self) -> dict[tuple[URIRef, Ref], set[Ref]]:
        """(predicate, term) -> the terms with that term, or a union holding it, as object."""
        uses: dict[tuple[URIRef, Ref], set[Ref]] = defaultdict(set)
        for predicate, _ in USAGES:
            for subject, value in self.graph.subject_objects(predicate):
                if isinstance(subject, URIRef):
                    where = f"{self.source}: {self.names.name(subject)}"
                    for member in self.members(value, where):
                        uses[(predicate, member)].add(self.names.ref(subject))
        return uses

    def alignments(self, iri: URIRef, where: str) -> Iterable[Relation]:
        for predicate in ALIGNMENTS:
            targets = []
            for value in self.graph.objects(iri, predicate):
                if not isinstance(value, URIRef):
                    raise InputError(where, f"{self.names.name(predicate)} {value!r} is not an IRI")
                targets.append(self.names.ref(value))
            if targets:
                yield Relation(str(predicate), self.names.name(predicate), tuple(sorted(targets)))

    def single(self, iri: URIRef, predicate: URIRef, where: str) -> Node | None:
        """The one object of ``predicate``: several domains would mean their intersection."""
        values = list(self.graph.objects(iri, predicate))
        if len(values) > 1:
            name = self.names.name(predicate)
            raise InputError(where, f"{len(values)} values of {name}; state one (or a union)")
        return values[0] if values else None

    def members(self, value: Node | None, where: str) -> tuple[Ref, ...]:
        """A class, or the members of an owl:unionOf in the file's order; nothing for ``None``."""
        if value is None:
            return ()
        if isinstance(value, URIRef):
            return (self.names.ref(value),)
        union = self.graph.value(value, OWL.unionOf) if isinstance(value, BNode) else None
        members = list(Collection(self.graph, union)) if union is not None else []
        if not members or not all(isinstance(m, URIRef) for m in members):
            raise InputError(where, "an anonymous class other than a union of named classes")
        return tuple(self.names.ref(m) for m in members)

    def mentions(self, text: str) -> Text:
        """``text`` with the prefixed names it writes linked (this ontology's if documented)."""
        parts: list[str | Ref] = []
        end = 0
        for match in self.names.mention.finditer(text):
            iri = dict(self.names.prefixes)[match.group(1)] + match.group(2)
            if self.names.internal(iri) and URIRef(iri) not in self.documented:
                continue
            parts += [text[end : match.start()], Ref(match.group(0), self.names.ref(iri).href)]
            end = match.end()
        parts.append(text[end:])
        return tuple(part for part in parts if part)


def _metadata(graph: Graph, ontology: URIRef, namespace: str) -> Metadata:
    return Metadata(
        iri=str(ontology),
        title=_value(graph, ontology, DCTERMS.title) or str(ontology),
        description=_value(graph, ontology, DCTERMS.description),
        version=_value(graph, ontology, OWL.versionInfo),
        version_iri=_value(graph, ontology, OWL.versionIRI),
        license=_value(graph, ontology, DCTERMS.license),
        creator=_value(graph, ontology, DCTERMS.creator),
        created=_value(graph, ontology, DCTERMS.created),
        prefix=_value(graph, ontology, VANN.preferredNamespacePrefix),
        namespace=namespace,
    )
