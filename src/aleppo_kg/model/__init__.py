"""The typed intermediate model between text and RDF.

``Article`` and its parts come out of :mod:`aleppo_kg.parse`; the records
(``Conflict`` and what hangs from it) come out of :mod:`aleppo_kg.extract`.
Nothing here knows RDF: the mapper is the only stage that does, so the
extraction can be tested on plain Python values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into the article text (code points)."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        """The exact text this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True)
class Field:
    """One ``- Key: Value`` line of the infobox."""

    key: str
    value: str
    line_number: int
    line_span: Span
    value_span: Span


@dataclass(frozen=True)
class Sentence:
    """A sentence of prose with its place in the text."""

    text: str
    span: Span


@dataclass(frozen=True)
class Paragraph:
    """A line of prose: the article format puts one paragraph on a line."""

    span: Span
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Section:
    """A ``== Heading ==`` and the paragraphs under it; the lead has an empty title."""

    title: str
    level: int
    span: Span
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Article:
    """A parsed article: every piece keeps its offsets into ``text``."""

    path: Path
    text: str
    title: str
    title_span: Span
    source_url: str
    license_url: str
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()  # infobox lines skipped because they could not be read
    retrieved: date | None = None  # when the text was taken into the project (sidecar)


# --- records -----------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """A named thing resolved against the lexicons.

    ``key`` is the path of its IRI under the resource namespace
    (``org/free-syrian-army``); ``written`` is how this article spells it.
    """

    key: str
    label: str
    written: str
    span: Span | None  # None when it comes from a lexicon, not from this article's text


@dataclass(frozen=True)
class Place:
    """A place with its type and the place it lies in, when known."""

    entity: Entity
    place_type: str | None
    parent: Place | None
    aliases: tuple[str, ...] = ()


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


@dataclass
class Side:
    """One side of the conflict: the infobox's Combatant1, Commander1, Units1... columns."""

    number: int
    factions: list[tuple[Organization, ...]] = field(default_factory=list)
    commanders: list[Commander] = field(default_factory=list)
    commanders_unknown: bool = False
    units: list[Unit] = field(default_factory=list)
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
    parent: ParentConflict | None = None
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
