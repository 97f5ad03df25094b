"""The dataset description of a build (what ``void.ttl`` says), as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DatasetDescription:
    """What ``void.ttl`` says about a graph; IRIs as plain strings, counts as ints."""

    slug: str  # the dataset's IRI is akr:dataset/<slug>
    titles: tuple[str, ...]  # of the articles (their nif:Context), sorted
    sources: tuple[str, ...]  # the articles' URLs
    licenses: tuple[str, ...]  # the articles' licences, which the dataset inherits
    created: date | None  # the latest day an article's text was retrieved, if recorded
    version: str  # of aleppo-kg, which built the graph
    triples: int
    entities: int  # distinct resources (IRI subjects under akr:)
    distinct_subjects: int
    distinct_objects: int
    classes: tuple[tuple[str, int], ...]  # class -> instances, by class IRI
    properties: tuple[tuple[str, int], ...]  # property -> triples, by property IRI
    vocabularies: tuple[str, ...]  # namespaces of the classes and properties used
    examples: tuple[str, ...]
    endpoint: str  # ``aleppo-kg serve`` at its defaults
    dump: str  # the graph file's IRI
    media_type: str  # the graph file's, such as ``text/turtle``
    temporal: tuple[date, date] | None  # the conflicts' earliest begin and latest end
