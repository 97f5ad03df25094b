"""What the report shows, read from a built graph by SPARQL into its views.

The report is a reader of the graph, like ``aleppo-kg query``: it works on any
graph the tool built (one article or a series), not on the extraction's model,
so what a user sees is exactly what the graph says. Rendering is in
:mod:`aleppo_kg.publish.report.html`; this module knows the queries and nothing of HTML.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import pyoxigraph as ox

from aleppo_kg.lexicon import Lexicon
from aleppo_kg.publish.report.views import (
    UNSPECIFIED,
    CommanderView,
    ConflictView,
    EventView,
    Killed,
    PlaceView,
    Report,
    SideView,
    SourceSpan,
    UnitView,
)
from aleppo_kg.publish.sparql import run
from aleppo_kg.vocab import AKR

EVENTS = """
SELECT ?event ?label ?date ?begin ?end ?typeLabel ?top ?topLabel ?undated WHERE {
  ?event a akg:Event ; rdfs:label ?label ; akg:edtf ?date ;
         sem:hasEarliestBeginTimeStamp ?begin ; sem:hasLatestEndTimeStamp ?end ;
         akg:eventType ?type .
  ?type rdfs:label ?typeLabel ; skos:broader* ?top .
  ?top rdfs:label ?topLabel .
  FILTER NOT EXISTS { ?top skos:broader ?above }
  BIND(EXISTS { ?event a akg:TerritorialChange } AS ?undated)
}
ORDER BY ?begin ?end ?event ?top
"""

# the event's most specific places: those no other place of the same event lies in
EVENT_PLACES = """
SELECT ?event ?place WHERE {
  ?event a akg:Event ; sem:hasPlace ?place .
  FILTER NOT EXISTS { ?event sem:hasPlace ?inner . ?inner akg:locatedIn+ ?place }
}
ORDER BY ?event ?place
"""

PLACES = """
SELECT ?place ?label ?lat ?long ?type WHERE {
  ?place a sem:Place ; rdfs:label ?label .
  OPTIONAL { ?place wgs:lat ?lat ; wgs:long ?long }
  OPTIONAL { ?place akg:placeType ?type }
}
ORDER BY ?place
"""

# "at least N" counts as N; a figure with both bounds counts its lower one
KILLED = """
SELECT ?event ?figure ?category ?n ?exact WHERE {
  ?event a akg:Event .
  ?figure akg:figureFor ?event ; akg:outcome outcome:killed ; akg:category ?category .
  { ?figure akg:count ?n . BIND(true AS ?exact) }
  UNION
  { ?figure akg:minCount ?n . FILTER NOT EXISTS { ?figure akg:count ?c } BIND(false AS ?exact) }
}
ORDER BY ?event ?figure
"""

BROADER = "SELECT ?narrower ?broader WHERE { ?narrower skos:broader ?broader } ORDER BY ?narrower"

SENTENCES = """
SELECT ?event ?text ?begin ?end ?article WHERE {
  ?event a akg:Event ; prov:wasDerivedFrom ?span .
  ?span nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end ;
        nif:referenceContext ?context .
  OPTIONAL { ?context dcterms:source ?article }
}
ORDER BY ?event ?begin ?end
"""

REPORTED_BY = """
SELECT DISTINCT ?event ?name WHERE {
  ?event a akg:Event .
  { ?event sem:accordingTo ?source }
  UNION { ?figure akg:figureFor ?event ; sem:accordingTo ?source }
  ?source rdfs:label ?name .
}
ORDER BY ?event ?name
"""

CONFLICTS = """
SELECT ?conflict ?label ?date ?article ?license WHERE {
  ?conflict a akg:Conflict ; rdfs:label ?label ; akg:hasSide ?side .
  OPTIONAL { ?conflict akg:edtf ?date }
  OPTIONAL { ?context dcterms:subject ?conflict ; dcterms:source ?article .
             OPTIONAL { ?context dcterms:license ?license } }
}
GROUP BY ?conflict ?label ?date ?article ?license
ORDER BY ?label ?conflict
"""

RESULTS = "SELECT ?conflict ?item WHERE { ?conflict akg:resultItem ?item } ORDER BY ?conflict ?item"

SIDES = """
SELECT ?conflict ?side ?number WHERE {
  ?conflict akg:hasSide ?side . ?side akg:sideNumber ?number .
}
ORDER BY ?conflict ?number
"""

FACTIONS = """
SELECT ?side ?faction ?org WHERE { ?side akg:hasFaction ?faction . ?faction akg:hasCombatant ?org }
ORDER BY ?side ?faction ?org
"""

UNITS = """
SELECT ?side ?unit ?parent WHERE {
  ?side akg:hasUnit ?unit .
  OPTIONAL { ?unit org:subOrganizationOf ?parent }
}
ORDER BY ?side ?unit ?parent
"""

LABELS = """
SELECT ?thing ?label WHERE {
  { ?side akg:hasUnit|akg:hasCombatant ?thing } UNION { ?command akg:commander ?thing }
  ?thing rdfs:label ?label .
}
"""

COMMANDERS = """
SELECT ?side ?name ?rank ?fate ?unit WHERE {
  ?command akg:side ?side ; akg:commander/rdfs:label ?name .
  OPTIONAL { ?command akg:rank/rdfs:label ?rank }
  OPTIONAL { ?command akg:fate/rdfs:label ?fate }
  OPTIONAL { ?command akg:commandedUnit/rdfs:label ?unit }
}
ORDER BY ?side ?name
"""

SIDE_FIGURES = """
SELECT ?side ?kind ?text WHERE {
  ?figure akg:figureFor ?side ; akg:asWritten ?text .
  ?side a akg:Side .
  BIND(IF(EXISTS { ?figure a akg:StrengthFigure }, "strength", "losses") AS ?kind)
}
ORDER BY ?side ?kind ?figure
"""


def gather(store: ox.Store, lexicon: Lexicon) -> Report:
    """Read the report's content from the graph in ``store``."""
    events = _events(store, lexicon.actor_types)
    return Report(_conflicts(store), events, _places(store, events, lexicon.place_extents))


def _rows(store: ox.Store, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | None]]:
    results = run(store, query)
    return [dict(zip(results.variables, row, strict=True)) for row in results.rows]


def _text(term: ox.NamedNode | ox.Literal | None) -> str | None:
    return None if term is None else term.value


def _events(store: ox.Store, actor_types: dict[str, str]) -> tuple[EventView, ...]:
    places = _grouped(store, EVENT_PLACES, "event", "place")
    labels = {row["place"]: row["label"].value for row in _rows(store, PLACES)}
    killed = _killed(store, actor_types)
    sentences = defaultdict(list)
    for row in _rows(store, SENTENCES):
        sentences[row["event"]].append(
            SourceSpan(
                row["text"].value,
                int(row["begin"].value),
                int(row["end"].value),
                _text(row["article"]),
            )
        )
    reported = _grouped(store, REPORTED_BY, "event", "name")
    events: dict[ox.NamedNode, EventView] = {}
    for row in _rows(store, EVENTS):
        node = row["event"]
        if node in events:  # an event typed twice keeps its first (most general) type
            continue
        events[node] = EventView(
            iri=node.value,
            label=row["label"].value,
            date=row["date"].value,
            begin=date.fromisoformat(row["begin"].value),
            end=date.fromisoformat(row["end"].value),
            type_label=row["typeLabel"].value,
            top_type=row["top"].value,
            top_label=row["topLabel"].value,
            undated=row["undated"].value == "true",
            places=tuple(labels.get(p, p.value) for p in places.get(node, ())),
            place_iris=tuple(p.value for p in places.get(node, ())),
            killed=killed.get(node, ()),
            sentences=tuple(sentences.get(node, ())),
            reported_by=tuple(name.value for name in reported.get(node, ())),
        )
    return tuple(events.values())


def _grouped(store: ox.Store, query: str, key: str, value: str) -> dict:
    grouped: dict = defaultdict(list)
    for row in _rows(store, query):
        grouped[row[key]].append(row[value])
    return grouped


def _killed(store: ox.Store, actor_types: dict[str, str]) -> dict[ox.NamedNode, tuple[Killed, ...]]:
    """Per event and kind of actor, the largest figure: figures of one event overlap.

    "Five soldiers, including two officers" is five, not seven, and two reports of
    one toll are not added; the same rule as the competency queries (01, 05).
    """
    broader = {row["narrower"]: row["broader"] for row in _rows(store, BROADER)}
    largest: dict[ox.NamedNode, dict[str, Killed]] = defaultdict(dict)
    for row in _rows(store, KILLED):
        kind = actor_type(row["category"], broader, actor_types)
        found = Killed(kind, int(row["n"].value), row["exact"].value != "true")
        current = largest[row["event"]].get(kind)
        if current is None or found.count > current.count:
            largest[row["event"]][kind] = found
    return {
        event: tuple(sorted(by_kind.values(), key=lambda k: k.actor_type))
        for event, by_kind in largest.items()
    }


def actor_type(
    category: ox.NamedNode,
    broader: dict[ox.NamedNode, ox.NamedNode],
    types: dict[str, str],
) -> str:
    """The kind of actor a counted category belongs to, through its broader categories.

    ``types`` maps a category's slug to its ACLED actor type (the lexicon's ``actor_types.tsv``).
    """
    seen: set[ox.NamedNode] = set()
    node: ox.NamedNode | None = category
    while node is not None and node not in seen:
        seen.add(node)
        found = types.get(_slug(node))
        if found and node.value.startswith(f"{AKR}category/"):
            return found
        node = broader.get(node)
    return UNSPECIFIED


def _slug(term: ox.NamedNode | None) -> str | None:
    return None if term is None else term.value.rsplit("/", 1)[-1]


def _places(
    store: ox.Store, events: Iterable[EventView], extents: dict[str, str]
) -> tuple[PlaceView, ...]:
    at: dict[str, list[str]] = defaultdict(list)
    for event in events:
        for place in event.place_iris:
            at[place].append(event.iri)
    places = []
    for row in _rows(store, PLACES):
        lat, long = row["lat"], row["long"]
        places.append(
            PlaceView(
                row["place"].value,
                row["label"].value,
                float(lat.value) if lat else None,
                float(long.value) if long else None,
                tuple(at.get(row["place"].value, ())),
                extents.get(_slug(row["type"])) == "area",
            )
        )
    return tuple(places)


def _conflicts(store: ox.Store) -> tuple[ConflictView, ...]:
    results = _grouped(store, RESULTS, "conflict", "item")
    sides = _sides(store)
    conflicts: dict[ox.NamedNode, ConflictView] = {}
    for row in _rows(store, CONFLICTS):
        node = row["conflict"]
        if node in conflicts:
            continue
        conflicts[node] = ConflictView(
            node.value,
            row["label"].value,
            _text(row["date"]),
            _text(row["article"]),
            _text(row["license"]),
            tuple(item.value for item in results.get(node, ())),
            tuple(sides.get(node, ())),
        )
    return tuple(conflicts.values())


def _sides(store: ox.Store) -> dict[ox.NamedNode, list[SideView]]:
    labels = {row["thing"]: row["label"].value for row in _rows(store, LABELS)}
    factions = _factions(store)
    units = _units(store)
    commanders = _commanders(store)
    figures: dict[tuple, list[str]] = defaultdict(list)
    for row in _rows(store, SIDE_FIGURES):
        figures[row["side"], row["kind"].value].append(row["text"].value)
    sides: dict[ox.NamedNode, list[SideView]] = defaultdict(list)
    for row in _rows(store, SIDES):
        side = row["side"]
        combatants = factions.get(side, {})
        parents = units.get(side, {})
        trees = [
            tuple(_tree(org, parents, labels) for org in members) for members in combatants.values()
        ]
        placed = {org for members in combatants.values() for org in members}
        known = placed | set(parents)
        others = tuple(
            _tree(unit, parents, labels)
            for unit, parent in parents.items()
            if unit not in placed and parent not in known
        )
        sides[row["conflict"]].append(
            SideView(
                int(row["number"].value),
                tuple(trees),
                tuple(sorted(others, key=lambda u: u.label.casefold())),
                tuple(commanders.get(side, ())),
                tuple(figures.get((side, "strength"), ())),
                tuple(figures.get((side, "losses"), ())),
            )
        )
    return sides


def _factions(store: ox.Store) -> dict[ox.NamedNode, dict[ox.NamedNode, list[ox.NamedNode]]]:
    found: dict = defaultdict(lambda: defaultdict(list))
    for row in _rows(store, FACTIONS):
        found[row["side"]][row["faction"]].append(row["org"])
    return found


def _units(store: ox.Store) -> dict[ox.NamedNode, dict[ox.NamedNode, ox.NamedNode | None]]:
    """Per side, each unit and the organisation it reports to (None when at the top)."""
    found: dict = defaultdict(dict)
    for row in _rows(store, UNITS):
        found[row["side"]].setdefault(row["unit"], row["parent"])
    return found


def _tree(
    org: ox.NamedNode, parents: dict[ox.NamedNode, ox.NamedNode | None], labels: dict
) -> UnitView:
    children = sorted(
        (unit for unit, parent in parents.items() if parent == org and unit != org),
        key=lambda unit: labels.get(unit, unit.value).casefold(),
    )
    return UnitView(
        labels.get(org, org.value), tuple(_tree(child, parents, labels) for child in children)
    )


def _commanders(store: ox.Store) -> dict[ox.NamedNode, list[CommanderView]]:
    found: dict = defaultdict(list)
    for row in _rows(store, COMMANDERS):
        found[row["side"]].append(
            CommanderView(
                row["name"].value, _text(row["rank"]), _text(row["fate"]), _text(row["unit"])
            )
        )
    return found
