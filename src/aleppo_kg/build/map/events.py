"""Events of the prose: type, date bounds and precision, places, actors with roles, figures."""

from __future__ import annotations

from rdflib import URIRef

from aleppo_kg.build.map.entities import actor, place
from aleppo_kg.build.map.figures import figure
from aleppo_kg.build.map.sink import TripleSink
from aleppo_kg.build.map.terms import ROLE_PROPERTIES, english
from aleppo_kg.model import Conflict, Event
from aleppo_kg.vocab import AKG, SEM, local_name, scoped


def event(sink: TripleSink, conflict_node: URIRef, conflict: Conflict, record: Event) -> None:
    """One event, a sub-event of the conflict, with every span it was read from."""
    node = sink.iri(record.key)
    sink.types(node, AKG.Event, SEM.Event)
    kind = sink.concept("event-type", record.event_type)
    where = ", ".join(m.place.entity.label for m in record.places) or "unknown place"
    sink.label(node, f"{sink.labels[kind]} in {where}, {record.date.edtf}")
    sink.add(node, AKG.eventType, kind)
    sink.add(node, SEM.subEventOf, conflict_node)
    sink.dates(node, record.date, record.date)
    sink.add(node, AKG.datePrecision, sink.concept("date-precision", record.date.precision))
    sink.derived(node, *record.spans)
    for mention in record.places:
        sink.add(node, SEM.hasPlace, place(sink, mention.place))
        if mention.description:
            sink.add(node, AKG.placeDescription, english(mention.description))
    for role in record.actors:
        node_of_actor = actor(sink, role.actor, role.group)
        sink.add(node, SEM.hasActor, node_of_actor)
        if role.role in ROLE_PROPERTIES:
            sink.add(node, AKG[ROLE_PROPERTIES[role.role]], node_of_actor)
    for source in record.sources:
        sink.add(node, SEM.accordingTo, sink.entity(source, SEM.Authority))
    for index, item in enumerate(record.figures, start=1):
        fig = figure(
            sink, item, scoped("figure", conflict.entity.key, local_name(record.key), index)
        )
        sink.add(fig, AKG.figureFor, node)
