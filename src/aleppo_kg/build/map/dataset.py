"""The dataset description as VoID, DCAT and DCTERMS: the dataset, its partitions, its file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from urllib.parse import quote

from rdflib import Literal, URIRef

from aleppo_kg.build.map.terms import Triple, date_literal, english, integer
from aleppo_kg.model import DatasetDescription
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import (
    AKR,
    DCAT,
    DCTERMS,
    MEDIA_TYPES,
    PROV,
    RDF,
    RDFS,
    TOOL,
    VOID,
    dataset_iri,
    vocabulary_of,
)

ARTICLES_NAMED = 3  # a series' title names a few of its articles and counts the rest


def map_dataset(description: DatasetDescription) -> set[Triple]:
    """The dataset description as VoID, DCAT and DCTERMS: the dataset, its partitions, its file.

    Partitions, the distribution and the period are IRIs under the dataset's
    (``<dataset>/class-akg-Conflict``), not blank nodes, so the description
    serialises the same way every time.
    """
    dataset = dataset_iri(description.slug)
    triples = {
        (dataset, RDF.type, VOID.Dataset),
        (dataset, RDF.type, DCAT.Dataset),
        (dataset, DCTERMS.title, english(_dataset_title(description.titles))),
        (dataset, DCTERMS.description, english(_dataset_text(description))),
        (dataset, DCTERMS.creator, TOOL),
        (TOOL, RDF.type, PROV.SoftwareAgent),
        (TOOL, RDFS.label, english("aleppo-kg")),
        (dataset, DCAT.version, Literal(description.version)),
        (dataset, VOID.sparqlEndpoint, URIRef(description.endpoint)),
        (dataset, VOID.uriSpace, Literal(str(AKR))),
        *_each(dataset, DCTERMS.license, description.licenses),
        *_each(dataset, DCTERMS.source, description.sources),
        *_each(dataset, VOID.vocabulary, description.vocabularies),
        *_each(dataset, VOID.exampleResource, description.examples),
        *_statistics(dataset, description),
        *_partitions(dataset, "class", VOID["class"], VOID.entities, description.classes),
        *_partitions(dataset, "property", VOID.property, VOID.triples, description.properties),
        *_distribution(dataset, description),
    }
    if description.created:
        triples.add((dataset, DCTERMS.created, date_literal(description.created)))
    if description.temporal:
        triples.update(_period(dataset, *description.temporal))
    return triples


def _each(node: URIRef, predicate: URIRef, iris: Iterable[str]) -> Iterator[Triple]:
    return ((node, predicate, URIRef(iri)) for iri in iris)


def _dataset_title(titles: tuple[str, ...]) -> str:
    """The article's title, or the count of articles and the first few titles."""
    named = [f"“{title}”" for title in titles[:ARTICLES_NAMED]]
    if len(titles) == 1:
        return f"Knowledge graph of the Wikipedia article {named[0]}"
    if len(titles) > len(named):
        named.append(f"{len(titles) - len(named)} more")
    listed = f"{', '.join(named[:-1])} and {named[-1]}"
    return f"Knowledge graph of {len(titles)} Wikipedia articles: {listed}"


def _dataset_text(description: DatasetDescription) -> str:
    which = "the article" if len(description.titles) == 1 else "the articles"
    return (
        f"Conflicts, their sides, commanders, units and figures, territorial changes and the "
        f"events of the prose, read from {which} by aleppo-kg {description.version}: RDF "
        "aligned to SEM, W3C ORG, PROV-O and NIF and validated with SHACL, every fact "
        "pointing (prov:wasDerivedFrom) to the span of article text it was read from."
    )


def _statistics(dataset: URIRef, description: DatasetDescription) -> Iterator[Triple]:
    for predicate, value in (
        (VOID.triples, description.triples),
        (VOID.entities, description.entities),
        (VOID.distinctSubjects, description.distinct_subjects),
        (VOID.distinctObjects, description.distinct_objects),
        (VOID.classes, len(description.classes)),
        (VOID.properties, len(description.properties)),
    ):
        yield dataset, predicate, integer(value)


def _partitions(
    dataset: URIRef, kind: str, term: URIRef, count: URIRef, counts: Iterable[tuple[str, int]]
) -> Iterator[Triple]:
    """A class or property partition per class or property: ``<dataset>/class-akg-Conflict``."""
    for iri, number in counts:
        node = URIRef(f"{dataset}/{kind}-{_segment(iri)}")
        yield dataset, VOID[f"{kind}Partition"], node
        yield node, RDF.type, VOID.Dataset
        yield node, term, URIRef(iri)
        yield node, count, integer(number)


def _segment(term: str) -> str:
    """A class or property as an IRI path segment: ``akg-Conflict``, else its slug."""
    known = vocabulary_of(term)
    if known is None:
        return slugify(term)
    prefix, namespace = known
    return f"{prefix}-{quote(term[len(namespace) :], safe='')}"


def _distribution(dataset: URIRef, description: DatasetDescription) -> Iterator[Triple]:
    """The graph's file: the VoID dump and the DCAT distribution, under the same licences."""
    dump = URIRef(description.dump)
    node = URIRef(f"{dataset}/distribution")
    yield dataset, VOID.dataDump, dump
    yield dataset, DCAT.distribution, node
    yield node, RDF.type, DCAT.Distribution
    yield node, DCAT.downloadURL, dump
    yield node, DCAT.mediaType, MEDIA_TYPES[description.media_type]
    yield from _each(node, DCTERMS.license, description.licenses)


def _period(dataset: URIRef, begin: date, end: date) -> set[Triple]:
    node = URIRef(f"{dataset}/period")
    return {
        (dataset, DCTERMS.temporal, node),
        (node, RDF.type, DCTERMS.PeriodOfTime),
        (node, DCAT.startDate, date_literal(begin)),
        (node, DCAT.endDate, date_literal(end)),
    }
