"""Figures: strengths, losses and crowd sizes, with their bounds, category, outcome and source."""

from __future__ import annotations

from rdflib import Literal, URIRef

from aleppo_kg.build.map.entities import organization
from aleppo_kg.build.map.sink import TripleSink
from aleppo_kg.build.map.terms import FIGURE_CLASSES, count, english
from aleppo_kg.model import Figure
from aleppo_kg.text.names import equipment_key
from aleppo_kg.vocab import AKG, SEM, SKOS, resource, scheme


def figure(sink: TripleSink, record: Figure, node: URIRef) -> URIRef:
    """A figure at ``node``: what the text says, exact, bound or range, never a guess."""
    sink.types(node, AKG.Figure, AKG[FIGURE_CLASSES[record.kind]])
    noun = sink.concept("category", record.category)
    sink.add(node, AKG.category, noun)
    sink.label(node, f"{record.kind.capitalize()}: {record.written}")
    sink.add(node, AKG.quantifier, sink.concept("quantifier", record.quantity.quantifier))
    for predicate, value in (
        (AKG["count"], record.quantity.exact),
        (AKG.minCount, record.quantity.minimum),
        (AKG.maxCount, record.quantity.maximum),
    ):
        if value is not None:
            sink.add(node, predicate, count(value))
    if record.outcome:
        sink.add(node, AKG.outcome, sink.concept("outcome", record.outcome))
    if record.equipment:
        sink.add(node, AKG.equipmentModel, _equipment(sink, record.equipment, noun))
    if record.organization:
        sink.add(node, AKG.ofOrganization, organization(sink, record.organization))
    if record.source:
        sink.add(node, SEM.accordingTo, sink.entity(record.source, SEM.Authority))
    if record.part_of:
        sink.add(node, AKG.subFigureOf, sink.figures[record.part_of])
    sink.figures[record] = node
    sink.add(node, AKG.asWritten, Literal(record.written))
    sink.derived(node, record.span)
    return node


def _equipment(sink: TripleSink, model: str, category: URIRef) -> URIRef:
    """A model designation ("Su-22") as a concept narrower than its counted category."""
    node = resource(equipment_key(model))
    equipment = scheme("equipment")
    sink.types(equipment, SKOS.ConceptScheme)
    sink.label(equipment, "Equipment models")
    sink.types(node, SKOS.Concept)
    sink.label(node, model)
    sink.add(node, SKOS.prefLabel, english(model))
    sink.add(node, SKOS.inScheme, equipment)
    sink.add(node, SKOS.broader, category)
    return node
