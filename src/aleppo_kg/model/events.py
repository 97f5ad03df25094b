"""The prose's records: events with their places, actors and roles; an article's extraction."""

from __future__ import annotations

from dataclasses import dataclass, field

from aleppo_kg.model.article import Article, Span
from aleppo_kg.model.records import Conflict, DateValue, Entity, Figure, Organization, Place


@dataclass(frozen=True)
class PlaceMention:
    """A place an event happened in, and the words that located it ("northern Aleppo province")."""

    place: Place
    description: str | None = None
    inherited: bool = False  # not named in the event's sentences: taken from the context


@dataclass(frozen=True)
class ActorRole:
    """An actor of an event and its role there: attacker, target, victim or participant."""

    actor: Organization
    role: str
    group: bool = False  # a collective of people (protesters), not an organisation


@dataclass
class Event:
    """One occurrence read from the prose, with everything the text says about it."""

    date: DateValue
    event_type: str  # slug of an event-type concept ("killing" until resolved)
    spans: list[Span] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorRole] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    sources: list[Entity] = field(default_factory=list)
    key: str = ""


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one article, with the warnings it raised."""

    article: Article
    conflict: Conflict
    warnings: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
