"""What the exports need, read from a built graph by SPARQL into plain records.

Every export (ACLED, GED, GeoJSON, QuickStatements) is a reader of the graph, like
``aleppo-kg query`` and the report: it works on any graph the tool built (one article or a
series, in any format), not on the extraction's model, so a row says exactly what the graph
says. This module knows the queries; the exports know their formats and nothing of SPARQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pyoxigraph as ox

from aleppo_kg.publish.report.read import REPORTED_BY  # who reported each event
from aleppo_kg.publish.sparql import run
from aleppo_kg.vocab import IRIS

ACLED_NOTE = "ACLED: "  # how the event-type scheme cites ACLED's name of a type (skos:note)

EVENTS = """
SELECT ?event ?label ?date ?begin ?end ?type ?typeNote ?top ?topNote ?description ?conflict WHERE {
  ?event a akg:Event ; rdfs:label ?label ; akg:edtf ?date ;
         sem:hasEarliestBeginTimeStamp ?begin ; sem:hasLatestEndTimeStamp ?end .
  OPTIONAL { ?event akg:eventType ?type . ?type skos:broader* ?top .
             FILTER NOT EXISTS { ?top skos:broader ?above }
             OPTIONAL { ?type skos:note ?typeNote } OPTIONAL { ?top skos:note ?topNote } }
  OPTIONAL { ?event akg:placeDescription ?description }
  OPTIONAL { ?event sem:subEventOf ?conflict . ?conflict a akg:Conflict }
}
ORDER BY ?begin ?end ?event ?type ?conflict
"""

EVENT_PLACES = (
    "SELECT ?event ?place WHERE { ?event a akg:Event ; sem:hasPlace ?place } ORDER BY ?event ?place"
)

PLACES = """
SELECT ?place ?label ?type ?lat ?long ?parent ?item WHERE {
  ?place a sem:Place ; rdfs:label ?label .
  OPTIONAL { ?place akg:placeType ?type }
  OPTIONAL { ?place wgs:lat ?lat ; wgs:long ?long }
  OPTIONAL { ?place akg:locatedIn ?parent }
  OPTIONAL { ?place owl:sameAs ?item FILTER STRSTARTS(STR(?item), STR(wd:)) }
}
ORDER BY ?place ?parent ?item
"""

ACTORS = """
SELECT ?event ?actor ?label ?organization ?group ?state ?attacker ?target ?victim WHERE {
  ?event a akg:Event ; sem:hasActor ?actor .
  ?actor rdfs:label ?label .
  BIND(EXISTS { ?actor a org:Organization } AS ?organization)
  BIND(EXISTS { ?actor a akg:PeopleGroup } AS ?group)
  BIND(EXISTS { ?actor akg:stateActor true } AS ?state)
  BIND(EXISTS { ?event akg:attacker ?actor } AS ?attacker)
  BIND(EXISTS { ?event akg:target ?actor } AS ?target)
  BIND(EXISTS { ?event akg:victim ?actor } AS ?victim)
}
ORDER BY ?event ?label ?actor
"""

KILLED = """
SELECT ?event ?figure ?category ?count ?min ?max ?written ?reporter WHERE {
  ?figure akg:figureFor ?event ; akg:outcome outcome:killed ; akg:category ?category .
  ?event a akg:Event .
  OPTIONAL { ?figure akg:count ?count }
  OPTIONAL { ?figure akg:minCount ?min }
  OPTIONAL { ?figure akg:maxCount ?max }
  OPTIONAL { ?figure akg:asWritten ?written }
  OPTIONAL { ?figure sem:accordingTo/rdfs:label ?reporter }
}
ORDER BY ?event ?figure ?reporter
"""

CROWDS = """
SELECT ?event ?written WHERE {
  ?figure a akg:ParticipantFigure ; akg:figureFor ?event ; akg:asWritten ?written .
  ?event a akg:Event .
}
ORDER BY ?event ?figure
"""

SPANS = """
SELECT ?event ?text ?begin ?end ?context WHERE {
  ?event a akg:Event ; prov:wasDerivedFrom ?span .
  ?span nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end ;
        nif:referenceContext ?context .
}
ORDER BY ?event ?context ?begin ?end
"""

ARTICLES = """
SELECT ?context ?title ?url ?permalink ?retrieved WHERE {
  ?context a nif:Context .
  OPTIONAL { ?context dcterms:title ?title }
  OPTIONAL { ?context dcterms:source ?url }
  OPTIONAL { ?context prov:wasDerivedFrom ?permalink }
  OPTIONAL { ?context pav:retrievedOn ?retrieved }
}
ORDER BY ?context ?url ?permalink
"""

CONFLICTS = "SELECT ?conflict ?label WHERE { ?conflict a akg:Conflict ; rdfs:label ?label }"

BROADER = "SELECT ?narrower ?broader WHERE { ?narrower skos:broader ?broader } ORDER BY ?narrower"


@dataclass(frozen=True)
class Place:
    """A place with its type (a slug of the place-type scheme), container and coordinates."""

    iri: str
    label: str
    place_type: str | None
    lat: Decimal | None
    long: Decimal | None
    parent: str | None
    wikidata: str | None  # the Q-id of a verified link


@dataclass(frozen=True)
class Actor:
    """An actor of an event, with what the graph says of its kind and role."""

    iri: str
    label: str
    organization: bool
    group: bool  # an akg:PeopleGroup (protesters, civilians, hostages...)
    state: bool  # an organisation the graph marks as a state's own force
    roles: frozenset[str]  # attacker, target, victim


@dataclass(frozen=True)
class Figure:
    """A number of people killed as the text gives it: its lowest and highest reading."""

    iri: str
    category: str
    low: int | None
    high: int | None
    written: str | None
    reporters: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    """A span of article text an event was read from."""

    text: str
    begin: int
    end: int
    context: str


@dataclass(frozen=True)
class Article:
    """An article (nif:Context): its page, the revision it was read from, the retrieval day."""

    iri: str
    title: str | None
    url: str | None
    permalink: str | None
    retrieved: date | None


@dataclass(frozen=True)
class Event:
    """An event with everything the exports write about it."""

    iri: str
    label: str
    edtf: str
    begin: date
    end: date
    sub_type: str | None  # ACLED's name of its (sub-)event type
    event_type: str | None  # ACLED's name of the top-level type above it
    places: tuple[str, ...]
    description: str | None
    conflict: str | None
    actors: tuple[Actor, ...]
    killed: tuple[Figure, ...]
    crowds: tuple[str, ...]
    reporters: tuple[str, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Content:
    """The events of a graph, and the places, articles and category hierarchy they refer to."""

    events: tuple[Event, ...]
    places: dict[str, Place]
    articles: dict[str, Article]
    conflicts: dict[str, str]  # a conflict's IRI -> its label
    broader: dict[str, str]  # a concept's IRI -> its broader concept's IRI

    def chain(self, place: str) -> list[Place]:
        """The place and the places containing it, innermost first."""
        found: list[Place] = []
        current: str | None = place
        while current in self.places and all(p.iri != current for p in found):
            found.append(self.places[current])
            current = self.places[current].parent
        return found

    def innermost(self, event: Event) -> list[Place]:
        """The event's most specific places: those no other place of the event lies in."""
        known = [iri for iri in event.places if iri in self.places]
        outer = {p.iri for iri in known for p in self.chain(iri)[1:]}
        return [self.places[iri] for iri in known if iri not in outer]

    def article(self, event: Event) -> Article | None:
        """The article the event was first read from."""
        for span in event.spans:
            if span.context in self.articles:
                return self.articles[span.context]
        return None


Row = dict[str, ox.NamedNode | ox.Literal | ox.BlankNode | None]


def rows(store: ox.Store, query: str) -> list[Row]:
    """A query's solutions as dicts by variable name."""
    results = run(store, query)
    return [dict(zip(results.variables, row, strict=True)) for row in results.rows]


def text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    """A term's lexical value (an IRI's IRI), None when unbound."""
    return None if term is None else term.value


def flag(term: ox.Literal | None) -> bool:
    """A boolean the query bound."""
    return term is not None and term.value == "true"


def gather(store: ox.Store) -> Content:
    """Read the events, places and articles of the graph in ``store``."""
    return Content(
        events=_events(store),
        places=_places(store),
        articles={a.iri: a for a in _articles(store)},
        conflicts={row["conflict"].value: row["label"].value for row in rows(store, CONFLICTS)},
        broader={row["narrower"].value: row["broader"].value for row in rows(store, BROADER)},
    )


def _grouped(store: ox.Store, query: str, key: str, make) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows(store, query):
        grouped[row[key].value].append(make(row))
    return grouped


def _events(store: ox.Store) -> tuple[Event, ...]:
    places = _grouped(store, EVENT_PLACES, "event", lambda r: r["place"].value)
    actors = _grouped(store, ACTORS, "event", _actor)
    killed = _killed(store)
    crowds = _grouped(store, CROWDS, "event", lambda r: r["written"].value)
    reporters = _grouped(store, REPORTED_BY, "event", lambda r: r["name"].value)
    spans = _grouped(store, SPANS, "event", _span)
    events: dict[str, Event] = {}
    for row in rows(store, EVENTS):
        iri = row["event"].value
        if iri in events:  # a second type or conflict: the first (in IRI order) is kept
            continue
        events[iri] = Event(
            iri=iri,
            label=row["label"].value,
            edtf=row["date"].value,
            begin=date.fromisoformat(row["begin"].value),
            end=date.fromisoformat(row["end"].value),
            sub_type=_acled_name(row["typeNote"]) if row["type"] != row["top"] else None,
            event_type=_acled_name(row["topNote"]),
            places=tuple(places.get(iri, ())),
            description=text(row["description"]),
            conflict=text(row["conflict"]),
            actors=tuple(actors.get(iri, ())),
            killed=tuple(killed.get(iri, ())),
            crowds=tuple(crowds.get(iri, ())),
            reporters=tuple(reporters.get(iri, ())),
            spans=tuple(sorted(spans.get(iri, ()), key=lambda s: (s.context, s.begin, s.end))),
        )
    return tuple(events.values())


def _acled_name(note: ox.Literal | None) -> str | None:
    if note is None:
        return None
    return note.value.removeprefix(ACLED_NOTE)


def _actor(row: Row) -> Actor:
    roles = frozenset(role for role in ("attacker", "target", "victim") if flag(row[role]))
    return Actor(
        row["actor"].value,
        row["label"].value,
        flag(row["organization"]),
        flag(row["group"]),
        flag(row["state"]),
        roles,
    )


def _span(row: Row) -> Span:
    return Span(
        row["text"].value, int(row["begin"].value), int(row["end"].value), row["context"].value
    )


def _killed(store: ox.Store) -> dict[str, list[Figure]]:
    """Per event, its figures of people killed, each with every reporter of it."""
    found: dict[str, dict[str, Figure]] = defaultdict(dict)
    for row in rows(store, KILLED):
        event, iri = row["event"].value, row["figure"].value
        known = found[event].get(iri)
        reporter = text(row["reporter"])
        if known is not None:
            if reporter is not None:
                found[event][iri] = replace(known, reporters=(*known.reporters, reporter))
            continue
        count, low, high = (int(row[v].value) if row[v] else None for v in ("count", "min", "max"))
        found[event][iri] = Figure(
            iri,
            row["category"].value,
            count if count is not None else (low if low is not None else high),
            count if count is not None else (high if high is not None else low),
            text(row["written"]),
            (reporter,) if reporter is not None else (),
        )
    return {event: list(figures.values()) for event, figures in found.items()}


def _places(store: ox.Store) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for row in rows(store, PLACES):
        iri = row["place"].value
        if iri in places:
            continue
        item = text(row["item"])
        places[iri] = Place(
            iri,
            row["label"].value,
            _slug(text(row["type"])),
            Decimal(row["lat"].value) if row["lat"] else None,
            Decimal(row["long"].value) if row["long"] else None,
            text(row["parent"]),
            item.removeprefix(IRIS["wd"]) if item else None,
        )
    return places


def _articles(store: ox.Store) -> list[Article]:
    articles: dict[str, Article] = {}
    for row in rows(store, ARTICLES):
        iri = row["context"].value
        if iri not in articles:
            retrieved = text(row["retrieved"])
            articles[iri] = Article(
                iri,
                text(row["title"]),
                text(row["url"]),
                text(row["permalink"]),
                date.fromisoformat(retrieved) if retrieved else None,
            )
    return list(articles.values())


def _slug(iri: str | None) -> str | None:
    """The last path segment of an IRI (a concept's slug)."""
    return None if iri is None else iri.rsplit("/", 1)[-1]
