"""Named resources the records share: places, organisations, collectives of people."""

from __future__ import annotations

from rdflib import Literal, URIRef

from aleppo_kg.build.map.sink import TripleSink
from aleppo_kg.model import Organization, Place
from aleppo_kg.vocab import AKG, ORG, SEM


def place(sink: TripleSink, record: Place) -> URIRef:
    """A place with its type and the places it lies in."""
    node = sink.entity(record.entity, SEM.Place)
    for alias in record.aliases:
        sink.alt(node, alias)
    if record.place_type:
        sink.add(node, AKG.placeType, sink.concept("place-type", record.place_type))
    if record.parent:
        sink.add(node, AKG.locatedIn, place(sink, record.parent))
    return node


def organization(sink: TripleSink, org: Organization) -> URIRef:
    """An armed group, government or unit."""
    node = sink.entity(org.entity, SEM.Actor, ORG.Organization)
    if org.state_actor:
        sink.add(node, AKG.stateActor, Literal(True))
    return node


def actor(sink: TripleSink, record: Organization, group: bool) -> URIRef:
    """An organisation, or a collective of people (protesters, students) that is none."""
    if group:
        return sink.entity(record.entity, SEM.Actor, AKG.PeopleGroup)
    return organization(sink, record)
