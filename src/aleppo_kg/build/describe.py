"""The dataset description (VoID, DCAT) of a build, computed from its merged graph.

What the description says comes from the data, never from the clock, so two
builds of the same articles describe them byte for byte alike: the creation
date is the latest day an article's text was taken into the project
(``pav:retrievedOn``, from the sidecars), and the counts are the graph's own.

The counts take one pass over the merged N-Triples lines, not SPARQL over a
store: loading a series of a thousand articles into a store would cost more
than the pass. The few literal values read (titles, dates) come from the
handful of lines that carry them, parsed by Oxigraph. Nothing here writes RDF:
:func:`aleppo_kg.build.map.map_dataset` turns the description into triples.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from aleppo_kg import __version__
from aleppo_kg.build.map import map_dataset
from aleppo_kg.build.merge import MergedLines, split
from aleppo_kg.build.options import BUILD_ENGINE
from aleppo_kg.build.validate import Violation, validate_graph
from aleppo_kg.build.write import FORMATS, ntriples
from aleppo_kg.model import DatasetDescription
from aleppo_kg.resources import void_shapes_file
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import (
    AKG,
    AKR,
    DCTERMS,
    DUMP_BASE,
    NIF,
    ORG,
    PAV,
    RDF,
    SCHEMA,
    SEM,
    sparql_url,
    vocabulary_of,
)

EXAMPLE_CONFLICTS = 3  # a series has one conflict per article: a few are examples enough
# After the conflicts, the first resource (by IRI) of each of these classes is an example.
EXAMPLE_CLASSES = (AKG.Event, SEM.Place, SCHEMA.Person, ORG.Organization)
# The lines whose values the description reads, by predicate.
READ = (DCTERMS.title, DCTERMS.source, DCTERMS.license, DCTERMS.subject, PAV.retrievedOn,
        SEM.hasEarliestBeginTimeStamp, SEM.hasLatestEndTimeStamp)  # fmt: skip


def _nt(iri: str) -> str:
    return f"<{iri}>"


TYPE = _nt(RDF.type)
CONTEXT = f"{_nt(NIF.Context)} .\n"  # the rest of a line typing an article's nif:Context
EXAMPLES = {f"{_nt(cls)} .\n": str(cls) for cls in EXAMPLE_CLASSES}
READ_LINES = frozenset(map(_nt, READ))
RESOURCE = _nt(AKR)[:-1]  # the start of every resource IRI in N-Triples


@dataclass
class _Tally:
    """What one pass over the lines collects."""

    subjects: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)
    properties: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    contexts: set[str] = field(default_factory=set)
    first: dict[str, str] = field(default_factory=dict)  # example class -> first instance
    read: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        subject, predicate, rest = split(line)
        self.subjects.add(subject)
        self.objects.add(rest)  # the object with the line's end: as distinct as the object
        self.properties[predicate] += 1
        if predicate == TYPE:
            self.typed(subject[1:-1], rest)
        elif predicate in READ_LINES:
            self.read.append(line)

    def typed(self, subject: str, rest: str) -> None:
        self.classes[rest] += 1  # a line is unique in the union: one instance each
        if rest == CONTEXT:
            self.contexts.add(subject)
        cls = EXAMPLES.get(rest)
        if cls and (cls not in self.first or subject < self.first[cls]):
            self.first[cls] = subject


@dataclass(frozen=True)
class Description:
    """A build's dataset description, mapped to sorted N-Triples lines and validated."""

    facts: DatasetDescription
    lines: tuple[str, ...]
    violations: tuple[Violation, ...]


def describe_graph(
    lines: MergedLines | Collection[str],
    output: Path,
    fmt: str = "turtle",
    base_url: str = DUMP_BASE,
) -> Description:
    """The description of the merged graph's ``lines`` written to ``output``, named for its file.

    The file is named by an absolute IRI, ``base_url`` and its name: a relative
    reference or a ``file:`` IRI would mean another thing on every machine that reads it.
    """
    dump = base_url + output.name
    facts = describe(lines, slugify(output.stem), dump, FORMATS[fmt].media_type)
    triples = map_dataset(facts)
    lines = tuple(sorted(ntriples(triples)))
    violations = validate_graph("".join(lines), shapes=void_shapes_file(), engine=BUILD_ENGINE)
    return Description(facts, lines, tuple(violations))


def describe(
    lines: MergedLines | Collection[str], slug: str, dump: str, media_type: str
) -> DatasetDescription:
    """The description of the graph of ``lines`` (merged N-Triples), to be written as ``slug``.

    ``dump`` is the IRI of the graph's file and ``media_type`` its format's.
    """
    tally = _Tally()
    for line in lines:
        tally.add(line)
    values = _values(tally.read)
    contexts = [values[context] for context in sorted(tally.contexts)]
    conflicts = sorted({str(c) for context in contexts for c in context[str(DCTERMS.subject)]})
    classes = {rest[1:-4]: count for rest, count in tally.classes.items()}
    properties = {predicate[1:-1]: count for predicate, count in tally.properties.items()}
    return DatasetDescription(
        slug=slug,
        titles=_all(contexts, DCTERMS.title),
        sources=_all(contexts, DCTERMS.source),
        licenses=_all(contexts, DCTERMS.license),
        created=max(map(date.fromisoformat, _all(contexts, PAV.retrievedOn)), default=None),
        version=__version__,
        triples=len(lines),
        entities=sum(subject.startswith(RESOURCE) for subject in tally.subjects),
        distinct_subjects=len(tally.subjects),
        distinct_objects=len(tally.objects),
        classes=tuple(sorted(classes.items())),
        properties=tuple(sorted(properties.items())),
        vocabularies=_vocabularies([*classes, *properties]),
        examples=_examples(conflicts, tally.first),
        endpoint=sparql_url(),
        dump=dump,
        media_type=media_type,
        temporal=_temporal([values[conflict] for conflict in conflicts]),
    )


def _values(lines: list[str]) -> defaultdict[str, defaultdict[str, list[str]]]:
    """Subject -> predicate -> the objects' values, of the lines the description reads."""
    values: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for quad in ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES):
        values[quad.subject.value][quad.predicate.value].append(quad.object.value)
    return values


def _all(nodes: Iterable[dict[str, list[str]]], predicate: str) -> tuple[str, ...]:
    """The distinct values of ``predicate`` on the nodes, sorted."""
    return tuple(sorted({value for node in nodes for value in node[str(predicate)]}))


def _vocabularies(terms: Iterable[str]) -> tuple[str, ...]:
    """The known vocabularies the terms come from; a term of an unknown namespace adds none."""
    found = {vocabulary_of(term) for term in terms}
    return tuple(sorted(known[1] for known in found if known))


def _examples(conflicts: list[str], first: dict[str, str]) -> tuple[str, ...]:
    """The articles' first conflicts, then the first resource of each example class."""
    classes = [str(cls) for cls in EXAMPLE_CLASSES]
    chosen = [*conflicts[:EXAMPLE_CONFLICTS], *(first[cls] for cls in classes if cls in first)]
    return tuple(dict.fromkeys(chosen))


def _temporal(conflicts: list[dict[str, list[str]]]) -> tuple[date, date] | None:
    """The conflicts' earliest begin and latest end, when they have dates."""
    begins = _all(conflicts, SEM.hasEarliestBeginTimeStamp)
    ends = _all(conflicts, SEM.hasLatestEndTimeStamp)
    if not begins or not ends:
        return None
    return date.fromisoformat(begins[0]), date.fromisoformat(ends[-1])
