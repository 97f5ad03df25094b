"""An article and its conflict: the text as a ``nif:Context``, the conflict's infobox facts."""

from __future__ import annotations

from rdflib import Literal, URIRef

from aleppo_kg.build.map.entities import organization, place
from aleppo_kg.build.map.events import event
from aleppo_kg.build.map.figures import figure
from aleppo_kg.build.map.sides import side
from aleppo_kg.build.map.sink import TripleSink
from aleppo_kg.build.map.terms import count, date_literal, english
from aleppo_kg.model import (
    Article,
    Conflict,
    ControlChange,
    DateValue,
    Entity,
    Extraction,
    ExtraField,
    ParentConflict,
)
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import AKG, DBO, DCTERMS, NIF, PAV, PROV, RDF, SEM, local_name, scoped


def extraction(sink: TripleSink, record: Extraction) -> None:
    """Everything one article says: its text, its conflict, the conflict's events."""
    _context(sink, record.article)
    node = conflict(sink, record.conflict)
    for item in record.events:
        event(sink, node, record.conflict, item)


def _context(sink: TripleSink, article: Article) -> None:
    """The article's text as the ``nif:Context`` every span points into, with its licence."""
    context = sink.context()
    sink.types(context, NIF.Context)
    sink.label(context, f"Wikipedia article “{article.title}”")
    sink.add(context, DCTERMS.title, english(article.title))
    sink.add(context, DCTERMS.source, URIRef(article.source_url))
    sink.add(context, DCTERMS.license, URIRef(article.license_url))
    if article.retrieved:  # when the text was taken in: the dataset's creation date
        sink.add(context, PAV.retrievedOn, date_literal(article.retrieved))
    if article.revision_url:  # the revision the text is (rendered from, for wikitext)
        sink.add(context, PROV.wasDerivedFrom, URIRef(article.revision_url))
    sink.add(context, NIF.isString, Literal(article.text))
    sink.add(context, NIF.beginIndex, count(0))
    sink.add(context, NIF.endIndex, count(len(article.text)))


def conflict(sink: TripleSink, record: Conflict) -> URIRef:
    """The conflict with its dates, places, result, sides, figures and territorial changes."""
    node = sink.entity(record.entity, AKG.Conflict, SEM.Event, DBO.MilitaryConflict)
    sink.add(sink.context(), DCTERMS.subject, node)
    sink.dates(node, record.begin, record.end)
    sink.derived(node, record.date_span, *record.spans)
    for parent in record.parents:
        sink.add(node, SEM.subEventOf, _parent_conflict(sink, parent))
    for named in record.named_places:  # the containers too get their mention's provenance
        place(sink, named)
    for located in record.places:
        sink.add(node, SEM.hasPlace, place(sink, located))
    if record.ongoing:
        sink.add(node, AKG.ongoing, Literal(True))
    if record.result:
        sink.add(node, DBO.result, english(record.result))
        sink.derived(node, record.result_span)
    for outcome in record.result_items:
        sink.add(node, AKG.resultItem, english(outcome))
    for text, span in record.remarks:
        sink.add(node, AKG.remark, english(text))
        sink.derived(node, span)
    for sequel in record.followed_by:
        sink.add(node, AKG.followedBy, _mentioned_conflict(sink, sequel))
    for item in record.sides:
        side(sink, node, record, item)
    for index, item in enumerate(record.figures, start=1):
        fig = figure(sink, item, scoped("figure", record.entity.key, "loss", index))
        sink.add(fig, AKG.figureFor, node)
    for change in record.control_changes:
        _control_change(sink, node, record, change)
    for extra in record.extra_fields:
        _extra_field(sink, node, record, extra)
    return node


def _extra_field(sink: TripleSink, node: URIRef, record: Conflict, extra: ExtraField) -> None:
    """An infobox line with a key the mapper does not know: kept as it was written."""
    field = scoped("field", record.entity.key, slugify(extra.key))
    sink.types(field, AKG.InfoboxField)
    sink.label(field, f"Infobox field “{extra.key}” of the {record.entity.label}")
    sink.add(field, AKG.fieldKey, Literal(extra.key))
    sink.add(field, RDF.value, Literal(extra.value))
    sink.add(field, AKG.fieldOf, node)
    sink.derived(field, extra.span)


def _mentioned_conflict(sink: TripleSink, entity: Entity) -> URIRef:
    """A conflict the article names but does not describe: no dates of its own."""
    node = sink.iri(entity.key)
    sink.types(node, AKG.Conflict, SEM.Event, DBO.MilitaryConflict)
    sink.label(node, entity.label)
    sink.page(node, entity)
    sink.add(node, AKG.mentionedIn, sink.span(entity.span))
    return node


def _parent_conflict(sink: TripleSink, parent: ParentConflict) -> URIRef:
    """A wider conflict the article's conflict is part of."""
    node = _mentioned_conflict(sink, parent.entity)
    if parent.parent:
        sink.add(node, SEM.subEventOf, _parent_conflict(sink, parent.parent))
    return node


def _control_change(sink: TripleSink, conflict_node, record: Conflict, change: ControlChange):
    """A place that came under an actor's control during the conflict, as of its end."""
    actor = organization(sink, change.actor)
    where = place(sink, change.place)
    parts = ("control", local_name(change.place.entity.key), local_name(change.actor.entity.key))
    node = scoped("event", record.entity.key, *parts)
    sink.types(node, AKG.TerritorialChange, AKG.Event, SEM.Event)
    label = f"{change.place.entity.label} under the control of {change.actor.entity.label}"
    sink.label(node, label)
    sink.add(node, SEM.subEventOf, conflict_node)
    window = DateValue(record.begin.earliest, record.end.latest, "within", "")
    sink.dates(node, window, window)
    sink.add(node, AKG.datePrecision, sink.concept("date-precision", "within"))
    sink.add(node, AKG.controlAsOf, date_literal(record.end.latest))
    sink.add(node, SEM.hasPlace, where)
    sink.add(node, SEM.hasActor, actor)
    sink.add(node, AKG.newController, actor)
    sink.add(conflict_node, SEM.hasActor, actor)
    state = change.actor.state_actor
    kind = "government-regains-territory" if state else "non-state-actor-overtakes-territory"
    sink.add(node, AKG.eventType, sink.concept("event-type", kind))
    sink.derived(node, change.span, change.actor.entity.span)
