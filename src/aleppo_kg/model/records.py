"""The infobox's records: the conflict, its sides, commanders, units, figures, places, dates.

What :mod:`aleppo_kg.build.infobox` returns, and the building blocks the prose
reader's events share (entities, places, organisations, dates, figures).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from aleppo_kg.model.article import Span


@dataclass(frozen=True)
class Entity:
    """A named thing resolved against the lexicons.

    ``key`` is the path of its IRI under the resource namespace
    (``org/free-syrian-army``); ``written`` is how this article spells it; ``page`` the
    title of the Wikipedia article a wikilink of this mention names (its identity).
    """

    key: str
    label: str
    written: str
    span: Span | None  # None when it comes from a lexicon, not from this article's text
    page: str | None = None


@dataclass(frozen=True)
class Place:
    """A place with its type and the place it lies in, when known."""

    entity: Entity
    place_type: str | None
    parent: Place | None
    aliases: tuple[str, ...] = ()
    geonames: str | None = None  # its GeoNames id, when the gazetteer found it there


@dataclass(frozen=True)
class Organization:
    """An armed group, government or unit."""

    entity: Entity
    aliases: tuple[str, ...] = ()
    state_actor: bool = False


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text gives it: the earliest and latest day it can mean."""

    earliest: date
    latest: date
    # "day", "month", "part-of-month", "year", "within" (a day between bounds) or "open"
    # (an end that had not come when the text was written: "ongoing", "present")
    precision: str
    written: str

    @property
    def day(self) -> date | None:
        """The day, when the text names one."""
        return self.earliest if self.precision == "day" else None

    @property
    def edtf(self) -> str:
        """The Extended Date/Time Format string (ISO 8601-2) for this date."""
        if self.precision == "day":
            return self.earliest.isoformat()
        if self.precision == "month":
            return self.earliest.isoformat()[:7]
        if self.precision == "year":
            return str(self.earliest.year)
        if self.precision == "within":
            return f"[{self.earliest.isoformat()}..{self.latest.isoformat()}]"
        if self.precision == "open":
            return ".."
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"


@dataclass(frozen=True)
class Quantity:
    """A count as the text states it: exact, a bound, or a range."""

    quantifier: str  # slug of a quantifier concept: exact, at-least, more-than, range...
    exact: int | None = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Figure:
    """A strength, loss or participation figure: how many of what, and what happened to them."""

    kind: str  # "strength", "loss" or "participation" (crowd sizes)
    quantity: Quantity
    category: str  # slug of a counted-category concept (fighter, tank...)
    outcome: str | None  # slug of an outcome concept (killed, destroyed...); None for strength
    written: str
    span: Span
    equipment: str | None = None  # model designation as written, e.g. "Su-22"
    organization: Organization | None = None
    source: Entity | None = None
    part_of: Figure | None = None  # the larger figure an asterisked item breaks down


@dataclass(frozen=True)
class Unit:
    """A unit of a side's order of battle; ``parent`` is the unit it is nested in."""

    organization: Organization
    parent: Organization | None
    depth: int


@dataclass(frozen=True)
class Commander:
    """A commander as the infobox lists them."""

    person: Entity
    rank: str | None  # slug of a rank concept
    rank_written: str | None
    fate: str | None  # slug of a fate concept (killed-in-action...)
    unit: Organization | None
    span: Span
    role: str | None = None  # a note on the commander as written ("Hezbollah commander")


@dataclass
class Side:
    """One side of the conflict: the infobox's Combatant1, Commander1, Units1... columns."""

    number: int
    factions: list[tuple[Organization, ...]] = field(default_factory=list)
    commanders: list[Commander] = field(default_factory=list)
    commanders_unknown: bool = False
    units: list[Unit] = field(default_factory=list)
    supporters: list[Organization] = field(default_factory=list)  # combatants "Supported by:"
    figures: list[Figure] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    @property
    def combatants(self) -> tuple[Organization, ...]:
        """Every combatant of every faction, in order."""
        return tuple(org for faction in self.factions for org in faction)


@dataclass(frozen=True)
class ControlChange:
    """A place that came under an actor's control during the conflict."""

    actor: Organization
    place: Place
    span: Span


@dataclass(frozen=True)
class ParentConflict:
    """A wider conflict the article's conflict is part of, as the infobox names it."""

    entity: Entity
    parent: ParentConflict | None


@dataclass(frozen=True)
class ExtraField:
    """An infobox line with a key the mapper does not know: kept, not dropped."""

    key: str
    value: str
    span: Span


@dataclass
class Conflict:
    """Everything the infobox says about the conflict."""

    entity: Entity
    begin: DateValue
    end: DateValue
    date_span: Span
    parents: list[ParentConflict] = field(default_factory=list)  # what the Partof line names
    places: list[Place] = field(default_factory=list)
    named_places: list[Place] = field(default_factory=list)  # every place the Place line names
    result: str | None = None
    result_span: Span | None = None
    result_items: list[str] = field(default_factory=list)  # each outcome the result names
    sides: list[Side] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    control_changes: list[ControlChange] = field(default_factory=list)
    remarks: list[tuple[str, Span]] = field(default_factory=list)
    followed_by: list[Entity] = field(default_factory=list)
    extra_fields: list[ExtraField] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    @property
    def ongoing(self) -> bool:
        """True when the text gives the end as "ongoing" or "present"."""
        return self.end.precision == "open"
