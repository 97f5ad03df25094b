"""The report's views of the graph: plain records of what the page shows, one per part of it.

They are read from a built graph by :mod:`aleppo_kg.publish.report.read` and drawn by
:mod:`aleppo_kg.publish.report.html`; named as views so that they are never taken for the
extraction's records of :mod:`aleppo_kg.model`, which they resemble.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The kind of actor of a figure whose category maps to no ACLED actor type.
UNSPECIFIED = "Unspecified"


@dataclass(frozen=True)
class Killed:
    """People reported killed in one event, of one kind of actor (the largest figure)."""

    actor_type: str
    count: int
    at_least: bool


@dataclass(frozen=True)
class SourceSpan:
    """A piece of article text an event was read from, with its offsets in the article."""

    text: str
    begin: int
    end: int
    article: str | None


@dataclass(frozen=True)
class EventView:
    """An event as the report shows it: when, what, where, who died, and the text it came from."""

    iri: str
    label: str
    date: str
    begin: date
    end: date
    type_label: str
    top_type: str
    top_label: str
    undated: bool
    places: tuple[str, ...]
    place_iris: tuple[str, ...]
    killed: tuple[Killed, ...]
    sentences: tuple[SourceSpan, ...]
    reported_by: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The HTML id of the event's row: its IRI's path, which is already a safe slug."""
        return "ev-" + self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class PlaceView:
    """A place of the graph, its coordinates when known, and the events located at it."""

    iri: str
    label: str
    lat: float | None
    long: float | None
    events: tuple[str, ...]
    area: bool = False


@dataclass(frozen=True)
class UnitView:
    """An organisation on a side, with the units under it."""

    label: str
    children: tuple[UnitView, ...]


@dataclass(frozen=True)
class CommanderView:
    """A commander of a side as the order of battle lists them: rank, name, unit, fate."""

    name: str
    rank: str | None
    fate: str | None
    unit: str | None


@dataclass(frozen=True)
class SideView:
    """One infobox column: its factions (each a tree of units), commanders and figures."""

    number: int
    factions: tuple[tuple[UnitView, ...], ...]
    other_units: tuple[UnitView, ...]
    commanders: tuple[CommanderView, ...]
    strength: tuple[str, ...]
    losses: tuple[str, ...]


@dataclass(frozen=True)
class ConflictView:
    """A conflict an article is about (one with sides), with where its text comes from."""

    iri: str
    label: str
    date: str | None
    article: str | None
    license: str | None
    results: tuple[str, ...]
    sides: tuple[SideView, ...]


@dataclass(frozen=True)
class Report:
    """Everything the report page shows."""

    conflicts: tuple[ConflictView, ...]
    events: tuple[EventView, ...]
    places: tuple[PlaceView, ...]

    @property
    def timeline(self) -> tuple[EventView, ...]:
        """The dated events: the infobox's territorial changes carry only the conflict's span."""
        return tuple(event for event in self.events if not event.undated)
