"""Stage 3: records -> rdflib Graph. The only module that knows RDF.

Every IRI is built from the records' keys (slugs), so the same real-world
entity gets the same IRI in every article and every build. Superclass types
the users query by (``sem:Event``, ``sem:Actor``, ``org:Organization``...) are
asserted, not left to inference.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from aleppo_kg.lexicon import Concept, Lexicon
from aleppo_kg.build.link import Link, canonical_keys
from aleppo_kg.model import (
    Article,
    Commander,
    Conflict,
    ControlChange,
    DateValue,
    Entity,
    Event,
    Extraction,
    Figure,
    Organization,
    ParentConflict,
    Place,
    Side,
    Span,
)
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import (
    AKG,
    AKR,
    DBO,
    DCAT,
    DCTERMS,
    GEO,
    MEDIA_TYPES,
    NIF,
    ORG,
    OWL,
    PAV,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    TOOL,
    VOID,
    WD,
    WGS,
    XSD,
    dataset_iri,
    geonames,
    new_graph,
    vocabulary_of,
)

if TYPE_CHECKING:
    from aleppo_kg.build.describe import DatasetDescription

ARTICLES_NAMED = 3  # a series' title names a few of its articles and counts the rest

Triple = tuple[Node, Node, Node]

# Concept schemes built from the lexicon tables: IRI path -> (scheme label, lexicon attribute).
SCHEMES = {
    "rank": ("Military ranks", "rank_concepts"),
    "fate": ("Fates of commanders", "fates_by_slug"),
    "quantifier": ("Quantifiers of figures", "quantifiers"),
    "outcome": ("Outcomes counted by casualty figures", "outcomes"),
    "category": ("Categories of counted people and materiel", "categories"),
    "place-type": ("Types of places", "place_types"),
    "event-type": ("Event types (ACLED event and sub-event types)", "event_types"),
    "date-precision": ("Precisions of event dates", "date_precisions"),
}
# Figure kinds -> their class; roles of actors in events -> their property.
FIGURE_CLASSES = {"strength": "StrengthFigure", "loss": "LossFigure",
                  "participation": "ParticipantFigure"}  # fmt: skip
ROLE_PROPERTIES = {"attacker": "attacker", "target": "target", "victim": "victim"}


def map_extractions(
    extractions: Iterable[Extraction], lexicon: Lexicon, links: dict[str, Link] | None = None
) -> Graph:
    """One graph for all the articles' records, with the verified links of its resources."""
    return graph_of(map_articles(extractions, lexicon, links))


def map_articles(
    extractions: Iterable[Extraction], lexicon: Lexicon, links: dict[str, Link] | None = None
) -> list[set[Triple]]:
    """The triples each article contributes to the graph of them all.

    An article's triples are everything its records asserted, shared resources
    (places, groups, concepts) included, so a named graph per article is complete
    on its own; a label a previous article already fixed comes as skos:altLabel.
    Plain sets, not an rdflib graph: an rdflib store costs tens of microseconds a
    triple, paid only when the triples are to be validated (:func:`graph_of`).
    """
    links = links or {}
    mapper = _Mapper(lexicon, canonical_keys(links))
    contributions: list[set[Triple]] = []
    for extraction in extractions:
        mapper.extraction(extraction)
        mapper.all_event_types()
        for link in links.values():
            mapper.link(link)
        contributions.append(mapper.added)
    return contributions


def graph_of(contributions: Iterable[set[Triple]]) -> Graph:
    """The articles' triples in one rdflib graph with the project's prefixes."""
    graph = new_graph()
    for triple in set().union(*contributions):
        graph.add(triple)
    return graph


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
        (dataset, DCTERMS.title, _en(_dataset_title(description.titles))),
        (dataset, DCTERMS.description, _en(_dataset_text(description))),
        (dataset, DCTERMS.creator, TOOL),
        (TOOL, RDF.type, PROV.SoftwareAgent),
        (TOOL, RDFS.label, _en("aleppo-kg")),
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
        triples.add((dataset, DCTERMS.created, _date(description.created)))
    if description.temporal:
        triples.update(_period(dataset, *description.temporal))
    return triples


def _each(node: URIRef, predicate: URIRef, iris: Iterable[str]) -> Iterator[Triple]:
    return ((node, predicate, URIRef(iri)) for iri in iris)


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


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
        yield dataset, predicate, _integer(value)


def _partitions(
    dataset: URIRef, kind: str, term: URIRef, count: URIRef, counts: Iterable[tuple[str, int]]
) -> Iterator[Triple]:
    """A class or property partition per class or property: ``<dataset>/class-akg-Conflict``."""
    for iri, number in counts:
        node = URIRef(f"{dataset}/{kind}-{_segment(iri)}")
        yield dataset, VOID[f"{kind}Partition"], node
        yield node, RDF.type, VOID.Dataset
        yield node, term, URIRef(iri)
        yield node, count, _integer(number)


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
        (node, DCAT.startDate, _date(begin)),
        (node, DCAT.endDate, _date(end)),
    }


def scoped(kind: str, conflict: Conflict, *parts: object) -> URIRef:
    """IRI of a node that exists only within one conflict: ``side/<conflict>-1``."""
    local = "-".join([conflict.entity.key.split("/", 1)[1], *map(str, parts)])
    return AKR[f"{kind}/{local}"]


def _local(entity: Entity) -> str:
    return _local_key(entity.key)


def _local_key(key: str) -> str:
    return key.split("/", 1)[1]


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


class _Mapper:
    """Adds records to one graph; remembers labels so each resource keeps exactly one."""

    def __init__(self, lexicon: Lexicon, canonical: dict[str, str] | None = None) -> None:
        self.canonical = canonical or {}
        self.added: set[Triple] = set()  # this article's triples
        self.typed: set[URIRef] = set()  # this article's typed resources
        self.concepts: set[URIRef] = set()  # this article's concepts, added in full once
        self.lexicon = lexicon
        self.labels: dict[URIRef, str] = {}
        self.spellings: dict[URIRef, set[str]] = {}
        self.article: Article | None = None
        self.figures: dict[Figure, URIRef] = {}  # this article's figures, for sub-figures

    # --- helpers ---------------------------------------------------------------

    def add(self, subject, predicate, obj) -> None:
        self.added.add((subject, predicate, obj))

    def iri(self, key: str) -> URIRef:
        """The IRI of a record key such as ``org/free-syrian-army``: one per Wikidata item."""
        return AKR[self.canonical.get(key, key)]

    def label(self, node: URIRef, text: str) -> None:
        """The first label a resource gets is its label; other spellings become altLabels."""
        known = self.labels.setdefault(node, text)
        self.add(node, RDFS.label, _en(known)) if known == text else self.alt(node, text)

    def alt(self, node: URIRef, text: str | None) -> None:
        """Another spelling; one differing only in case from a known one adds nothing."""
        seen = self.spellings.setdefault(node, {self.labels.get(node, "").casefold()})
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            self.add(node, SKOS.altLabel, _en(text))

    def types(self, node: URIRef, *classes: URIRef) -> None:
        self.typed.add(node)
        for cls in classes:
            self.add(node, RDF.type, cls)

    def context(self) -> URIRef:
        return AKR["text/" + slugify(self.article.title)]

    def span(self, span: Span | None) -> URIRef | None:
        """The ``nif:String`` node of a span of the current article."""
        if span is None:
            return None
        node = AKR[f"text/{slugify(self.article.title)}-{span.start}-{span.end}"]
        if (node, RDF.type, NIF.String) not in self.added:
            self.types(node, NIF.String)
            self.label(node, f"{self.article.title}, characters {span.start}–{span.end}")
            self.add(node, NIF.beginIndex, _count(span.start))
            self.add(node, NIF.endIndex, _count(span.end))
            self.add(node, NIF.anchorOf, Literal(span.slice(self.article.text)))
            self.add(node, NIF.referenceContext, self.context())
        return node

    def derived(self, node: URIRef, *spans: Span | None) -> None:
        for span in spans:
            if span is not None:
                self.add(node, PROV.wasDerivedFrom, self.span(span))

    def entity(self, entity: Entity, *classes: URIRef) -> URIRef:
        node = self.iri(entity.key)
        self.types(node, *classes)
        self.label(node, entity.label)
        if entity.span is not None:
            self.alt(node, entity.written)
            self.derived(node, entity.span)
        return node

    def concept(self, scheme: str, slug: str) -> URIRef:
        """A concept of one of the lexicon's schemes (and its broader concepts)."""
        node = AKR[f"{scheme}/{slug}"]
        if node in self.concepts:
            return node
        self.concepts.add(node)
        label, attribute = SCHEMES[scheme]
        table: dict[str, Concept] = getattr(self, attribute, None) or getattr(
            self.lexicon, attribute
        )
        found = table.get(slug) or Concept(slug, slug.replace("-", " "))
        scheme_node = AKR[f"scheme/{scheme}"]
        self.types(scheme_node, SKOS.ConceptScheme)
        self.label(scheme_node, label)
        self.types(node, SKOS.Concept)
        self.label(node, found.label)
        self.add(node, SKOS.prefLabel, _en(found.label))
        self.add(node, SKOS.inScheme, scheme_node)
        if found.comment:
            self.add(node, RDFS.comment, _en(found.comment))
        if found.acled:
            self.add(node, SKOS.note, _en(f"ACLED: {found.acled}"))
        if found.wikidata_property:
            self.add(node, SKOS.closeMatch, WD[found.wikidata_property])
        if found.broader:
            self.add(node, SKOS.broader, self.concept(scheme, found.broader))
        else:
            self.add(scheme_node, SKOS.hasTopConcept, node)
        return node

    @property
    def rank_concepts(self) -> dict[str, Concept]:
        ranks = self.lexicon.ranks
        return {slugify(label): Concept(slugify(label), label) for label in ranks.values()}

    @property
    def fates_by_slug(self) -> dict[str, Concept]:
        return {c.slug: c for c in self.lexicon.fates.values()}

    def dates(self, node: URIRef, begin: DateValue, end: DateValue) -> None:
        """SEM's bounds always; exact timestamps only for days the text names."""
        self.add(node, SEM.hasEarliestBeginTimeStamp, _date(begin.earliest))
        self.add(node, SEM.hasLatestEndTimeStamp, _date(end.latest))
        if begin == end and begin.day:
            self.add(node, SEM.hasTimeStamp, _date(begin.day))
        else:
            if begin.day:
                self.add(node, SEM.hasBeginTimeStamp, _date(begin.day))
            if end.day:
                self.add(node, SEM.hasEndTimeStamp, _date(end.day))
        edtf = begin.edtf if begin == end else f"{begin.edtf}/{end.edtf}"
        self.add(node, AKG.edtf, Literal(edtf))

    # --- records ---------------------------------------------------------------

    def extraction(self, extraction: Extraction) -> None:
        self.article = extraction.article
        self.figures = {}
        self.added, self.typed, self.concepts = set(), set(), set()
        context = self.context()
        self.types(context, NIF.Context)
        self.label(context, f"Wikipedia article “{self.article.title}”")
        self.add(context, DCTERMS.title, _en(self.article.title))
        self.add(context, DCTERMS.source, URIRef(self.article.source_url))
        self.add(context, DCTERMS.license, URIRef(self.article.license_url))
        if self.article.retrieved:  # when the text was taken in: the dataset's creation date
            self.add(context, PAV.retrievedOn, _date(self.article.retrieved))
        self.add(context, NIF.isString, Literal(self.article.text))
        self.add(context, NIF.beginIndex, _count(0))
        self.add(context, NIF.endIndex, _count(len(self.article.text)))
        node = self.conflict(extraction.conflict)
        for event in extraction.events:
            self.event(node, extraction.conflict, event)

    def conflict(self, conflict: Conflict) -> URIRef:
        node = self.entity(conflict.entity, AKG.Conflict, SEM.Event, DBO.MilitaryConflict)
        self.add(self.context(), DCTERMS.subject, node)
        self.dates(node, conflict.begin, conflict.end)
        self.derived(node, conflict.date_span, *conflict.spans)
        if conflict.parent:
            self.add(node, SEM.subEventOf, self.parent_conflict(conflict.parent))
        for place in conflict.named_places:  # the containers too get their mention's provenance
            self.place(place)
        for place in conflict.places:
            self.add(node, SEM.hasPlace, self.place(place))
        if conflict.ongoing:
            self.add(node, AKG.ongoing, Literal(True))
        if conflict.result:
            self.add(node, DBO.result, _en(conflict.result))
            self.derived(node, conflict.result_span)
        for outcome in conflict.result_items:
            self.add(node, AKG.resultItem, _en(outcome))
        for text, span in conflict.remarks:
            self.add(node, AKG.remark, _en(text))
            self.derived(node, span)
        for sequel in conflict.followed_by:
            self.add(node, AKG.followedBy, self.mentioned_conflict(sequel))
        for side in conflict.sides:
            self.side(node, conflict, side)
        for index, figure in enumerate(conflict.figures, start=1):
            fig = self.figure(figure, scoped("figure", conflict, "loss", index))
            self.add(fig, AKG.figureFor, node)
        for change in conflict.control_changes:
            self.control_change(node, conflict, change)
        for extra in conflict.extra_fields:
            field = scoped("field", conflict, slugify(extra.key))
            self.types(field, AKG.InfoboxField)
            self.label(field, f"Infobox field “{extra.key}” of the {conflict.entity.label}")
            self.add(field, AKG.fieldKey, Literal(extra.key))
            self.add(field, RDF.value, Literal(extra.value))
            self.add(field, AKG.fieldOf, node)
            self.derived(field, extra.span)
        return node

    def mentioned_conflict(self, entity: Entity) -> URIRef:
        """A conflict the article names but does not describe: no dates of its own."""
        node = self.iri(entity.key)
        self.types(node, AKG.Conflict, SEM.Event, DBO.MilitaryConflict)
        self.label(node, entity.label)
        self.add(node, AKG.mentionedIn, self.span(entity.span))
        return node

    def parent_conflict(self, parent: ParentConflict) -> URIRef:
        """A wider conflict the article's conflict is part of."""
        node = self.mentioned_conflict(parent.entity)
        if parent.parent:
            self.add(node, SEM.subEventOf, self.parent_conflict(parent.parent))
        return node

    def place(self, place: Place) -> URIRef:
        node = self.entity(place.entity, SEM.Place)
        for alias in place.aliases:
            self.alt(node, alias)
        if place.place_type:
            self.add(node, AKG.placeType, self.concept("place-type", place.place_type))
        if place.parent:
            self.add(node, AKG.locatedIn, self.place(place.parent))
        return node

    def organization(self, org: Organization) -> URIRef:
        node = self.entity(org.entity, SEM.Actor, ORG.Organization)
        if org.state_actor:
            self.add(node, AKG.stateActor, Literal(True))
        return node

    def side(self, conflict_node: URIRef, conflict: Conflict, side: Side) -> None:
        node = scoped("side", conflict, side.number)
        names = ", ".join(o.entity.label for o in side.combatants) or "combatants not named"
        self.types(node, AKG.Side)
        self.label(node, f"Side {side.number} of the {conflict.entity.label}: {names}")
        self.add(
            node, AKG.sideNumber, Literal(side.number)
        )  # xsd:integer: matches `akg:sideNumber 1`
        self.add(node, AKG.sideOf, conflict_node)
        self.add(conflict_node, AKG.hasSide, node)
        self.derived(node, *side.spans)
        for index, faction in enumerate(side.factions, start=1):
            self.faction(
                node, scoped("faction", conflict, side.number, index), side, faction, conflict_node
            )
        if side.commanders_unknown:
            self.add(node, AKG.commandersUnknown, Literal(True))
        for commander in side.commanders:
            self.command(conflict_node, conflict, node, commander)
        for unit in side.units:
            unit_node = self.organization(unit.organization)
            self.add(node, AKG.hasUnit, unit_node)
            self.add(conflict_node, SEM.hasActor, unit_node)
            if unit.parent:
                self.add(unit_node, ORG.subOrganizationOf, self.organization(unit.parent))
        counters = {"strength": 0, "loss": 0}
        for figure in side.figures:
            counters[figure.kind] += 1
            number = counters[figure.kind]
            fig = self.figure(
                figure, scoped("figure", conflict, "side", side.number, figure.kind, number)
            )
            self.add(fig, AKG.figureFor, node)

    def faction(self, side_node, node: URIRef, side: Side, members, conflict_node) -> None:
        self.types(node, AKG.Faction)
        names = ", ".join(o.entity.label for o in members)
        self.label(node, f"Faction of side {side.number}: {names}")
        self.add(node, AKG.factionOf, side_node)
        self.add(side_node, AKG.hasFaction, node)
        for org in members:
            org_node = self.organization(org)
            self.add(node, AKG.hasCombatant, org_node)
            self.add(side_node, AKG.hasCombatant, org_node)
            self.add(conflict_node, SEM.hasActor, org_node)
            self.derived(node, org.entity.span)

    def command(self, conflict_node, conflict: Conflict, side_node, commander: Commander) -> None:
        person = self.entity(commander.person, SEM.Actor, SCHEMA.Person)
        node = scoped("command", conflict, _local(commander.person))
        self.types(node, AKG.Command)
        rank = self.lexicon.ranks.get(commander.rank_written or "", "")
        title = f"{rank} {commander.person.label}".strip()
        self.label(node, f"{title}, commander in the {conflict.entity.label}")
        self.add(node, AKG.commander, person)
        self.add(node, AKG.side, side_node)
        self.add(side_node, AKG.hasCommander, person)
        self.add(conflict_node, DBO.commander, person)
        self.add(conflict_node, SEM.hasActor, person)
        self.derived(node, commander.span)
        if commander.rank:
            self.add(node, AKG.rank, self.concept("rank", commander.rank))
            self.add(node, AKG.rankAsWritten, Literal(commander.rank_written))
        if commander.fate:
            self.add(node, AKG.fate, self.concept("fate", commander.fate))
        if commander.unit:
            self.add(node, AKG.commandedUnit, self.organization(commander.unit))

    def figure(self, figure: Figure, node: URIRef) -> URIRef:
        self.types(node, AKG.Figure, AKG[FIGURE_CLASSES[figure.kind]])
        noun = self.concept("category", figure.category)
        self.add(node, AKG.category, noun)
        self.label(node, f"{figure.kind.capitalize()}: {figure.written}")
        self.add(node, AKG.quantifier, self.concept("quantifier", figure.quantity.quantifier))
        for predicate, value in (
            (AKG["count"], figure.quantity.exact),
            (AKG.minCount, figure.quantity.minimum),
            (AKG.maxCount, figure.quantity.maximum),
        ):
            if value is not None:
                self.add(node, predicate, _count(value))
        if figure.outcome:
            self.add(node, AKG.outcome, self.concept("outcome", figure.outcome))
        if figure.equipment:
            self.add(node, AKG.equipmentModel, self.equipment(figure.equipment, noun))
        if figure.organization:
            self.add(node, AKG.ofOrganization, self.organization(figure.organization))
        if figure.source:
            source = self.entity(figure.source, SEM.Authority)
            self.add(node, SEM.accordingTo, source)
        if figure.part_of:
            self.add(node, AKG.subFigureOf, self.figures[figure.part_of])
        self.figures[figure] = node
        self.add(node, AKG.asWritten, Literal(figure.written))
        self.derived(node, figure.span)
        return node

    def equipment(self, model: str, category: URIRef) -> URIRef:
        node = AKR["equipment/" + slugify(model)]
        scheme = AKR["scheme/equipment"]
        self.types(scheme, SKOS.ConceptScheme)
        self.label(scheme, "Equipment models")
        self.types(node, SKOS.Concept)
        self.label(node, model)
        self.add(node, SKOS.prefLabel, _en(model))
        self.add(node, SKOS.inScheme, scheme)
        self.add(node, SKOS.broader, category)
        return node

    def control_change(self, conflict_node, conflict: Conflict, change: ControlChange) -> None:
        """A place that came under an actor's control during the conflict, as of its end."""
        actor = self.organization(change.actor)
        place = self.place(change.place)
        node = scoped(
            "event", conflict, "control", _local(change.place.entity), _local(change.actor.entity)
        )
        self.types(node, AKG.TerritorialChange, AKG.Event, SEM.Event)
        self.label(
            node, f"{change.place.entity.label} under the control of {change.actor.entity.label}"
        )
        self.add(node, SEM.subEventOf, conflict_node)
        window = DateValue(conflict.begin.earliest, conflict.end.latest, "within", "")
        self.dates(node, window, window)
        self.add(node, AKG.datePrecision, self.concept("date-precision", "within"))
        self.add(node, AKG.controlAsOf, _date(conflict.end.latest))
        self.add(node, SEM.hasPlace, place)
        self.add(node, SEM.hasActor, actor)
        self.add(node, AKG.newController, actor)
        self.add(conflict_node, SEM.hasActor, actor)
        kind = (
            "government-regains-territory"
            if change.actor.state_actor
            else ("non-state-actor-overtakes-territory")
        )
        self.add(node, AKG.eventType, self.concept("event-type", kind))
        self.derived(node, change.span, change.actor.entity.span)

    def event(self, conflict_node: URIRef, conflict: Conflict, event: Event) -> None:
        """An event of the prose: type, date bounds and precision, places, actors, figures."""
        node = self.iri(event.key)
        self.types(node, AKG.Event, SEM.Event)
        kind = self.concept("event-type", event.event_type)
        where = ", ".join(m.place.entity.label for m in event.places) or "unknown place"
        self.label(node, f"{self.labels[kind]} in {where}, {event.date.edtf}")
        self.add(node, AKG.eventType, kind)
        self.add(node, SEM.subEventOf, conflict_node)
        self.dates(node, event.date, event.date)
        self.add(node, AKG.datePrecision, self.concept("date-precision", event.date.precision))
        self.derived(node, *event.spans)
        for mention in event.places:
            self.add(node, SEM.hasPlace, self.place(mention.place))
            if mention.description:
                self.add(node, AKG.placeDescription, _en(mention.description))
        for role in event.actors:
            actor = self.actor(role.actor, role.group)
            self.add(node, SEM.hasActor, actor)
            if role.role in ROLE_PROPERTIES:
                self.add(node, AKG[ROLE_PROPERTIES[role.role]], actor)
        for source in event.sources:
            self.add(node, SEM.accordingTo, self.entity(source, SEM.Authority))
        for index, figure in enumerate(event.figures, start=1):
            fig = self.figure(figure, scoped("figure", conflict, _local_key(event.key), index))
            self.add(fig, AKG.figureFor, node)

    def actor(self, actor: Organization, group: bool) -> URIRef:
        """An organisation, or a collective of people (protesters, students) that is none."""
        if group:
            return self.entity(actor.entity, SEM.Actor, AKG.PeopleGroup)
        return self.organization(actor)

    def link(self, link: Link) -> None:
        """Identifiers and coordinates of a resource the graph has; others are not invented."""
        node = self.iri(link.resource)
        if node not in self.typed:  # not a resource of this article
            return
        if link.wikidata:
            self.add(node, OWL.sameAs, WD[link.wikidata])
        if link.geonames:
            self.add(node, OWL.sameAs, geonames(link.geonames))
        point = link.coordinates
        if point is None:
            return
        self.add(node, WGS.lat, Literal(point.lat, datatype=XSD.decimal))
        self.add(node, WGS.long, Literal(point.long, datatype=XSD.decimal))
        geometry = AKR["geometry/" + link.resource.split("/", 1)[1]]
        self.types(geometry, GEO.Geometry)
        self.label(geometry, f"Location of {self.labels[node]}")
        self.add(
            geometry,
            GEO.asWKT,
            Literal(f"POINT({point.long} {point.lat})", datatype=GEO.wktLiteral),
        )
        self.add(geometry, DCTERMS.source, Literal(point.source))
        self.add(node, GEO.hasGeometry, geometry)

    def all_event_types(self) -> None:
        """The whole ACLED scheme, so users can browse types no event has yet."""
        for slug in self.lexicon.event_types:
            self.concept("event-type", slug)
