"""The sides of a conflict: factions, commanders with their commands, units, figures."""

from __future__ import annotations

from rdflib import Literal, URIRef

from aleppo_kg.build.map.entities import organization
from aleppo_kg.build.map.figures import figure
from aleppo_kg.build.map.sink import TripleSink
from aleppo_kg.model import Commander, Conflict, Side
from aleppo_kg.vocab import AKG, DBO, ORG, SCHEMA, SEM, local_name, scoped


def side(sink: TripleSink, conflict_node: URIRef, conflict: Conflict, record: Side) -> None:
    """A side: its factions, commanders, order of battle and figures."""
    node = scoped("side", conflict.entity.key, record.number)
    names = ", ".join(o.entity.label for o in record.combatants) or "combatants not named"
    sink.types(node, AKG.Side)
    sink.label(node, f"Side {record.number} of the {conflict.entity.label}: {names}")
    sink.add(node, AKG.sideNumber, Literal(record.number))  # xsd:integer: `akg:sideNumber 1`
    sink.add(node, AKG.sideOf, conflict_node)
    sink.add(conflict_node, AKG.hasSide, node)
    sink.derived(node, *record.spans)
    for index, members in enumerate(record.factions, start=1):
        faction = scoped("faction", conflict.entity.key, record.number, index)
        _faction(sink, node, faction, record, members, conflict_node)
    for org in record.supporters:
        supporter = organization(sink, org)
        sink.add(node, AKG.hasSupporter, supporter)
        sink.add(conflict_node, SEM.hasActor, supporter)
    if record.commanders_unknown:
        sink.add(node, AKG.commandersUnknown, Literal(True))
    for commander in record.commanders:
        _command(sink, conflict_node, conflict, node, commander)
    for unit in record.units:
        unit_node = organization(sink, unit.organization)
        sink.add(node, AKG.hasUnit, unit_node)
        sink.add(conflict_node, SEM.hasActor, unit_node)
        if unit.parent:
            sink.add(unit_node, ORG.subOrganizationOf, organization(sink, unit.parent))
    counters = {"strength": 0, "loss": 0}
    for item in record.figures:
        counters[item.kind] += 1
        parts = ("side", record.number, item.kind, counters[item.kind])
        fig = figure(sink, item, scoped("figure", conflict.entity.key, *parts))
        sink.add(fig, AKG.figureFor, node)


def _faction(sink, side_node, node: URIRef, record: Side, members, conflict_node) -> None:
    sink.types(node, AKG.Faction)
    names = ", ".join(o.entity.label for o in members)
    sink.label(node, f"Faction of side {record.number}: {names}")
    sink.add(node, AKG.factionOf, side_node)
    sink.add(side_node, AKG.hasFaction, node)
    for org in members:
        org_node = organization(sink, org)
        sink.add(node, AKG.hasCombatant, org_node)
        sink.add(side_node, AKG.hasCombatant, org_node)
        sink.add(conflict_node, SEM.hasActor, org_node)
        sink.derived(node, org.entity.span)


def _command(sink, conflict_node, conflict: Conflict, side_node, commander: Commander) -> None:
    """A commander's command in this conflict: the person, rank, fate and unit."""
    person = sink.entity(commander.person, SEM.Actor, SCHEMA.Person)
    node = scoped("command", conflict.entity.key, local_name(commander.person.key))
    sink.types(node, AKG.Command)
    rank = sink.lexicon.ranks.get(commander.rank_written or "", "")
    title = f"{rank} {commander.person.label}".strip()
    sink.label(node, f"{title}, commander in the {conflict.entity.label}")
    sink.add(node, AKG.commander, person)
    sink.add(node, AKG.side, side_node)
    sink.add(side_node, AKG.hasCommander, person)
    sink.add(conflict_node, DBO.commander, person)
    sink.add(conflict_node, SEM.hasActor, person)
    sink.derived(node, commander.span)
    if commander.rank:
        sink.add(node, AKG.rank, sink.concept("rank", commander.rank))
        sink.add(node, AKG.rankAsWritten, Literal(commander.rank_written))
    if commander.fate:
        sink.add(node, AKG.fate, sink.concept("fate", commander.fate))
    if commander.unit:
        sink.add(node, AKG.commandedUnit, organization(sink, commander.unit))
    if commander.role:
        sink.add(node, AKG.roleAsWritten, Literal(commander.role))
