"""What the row exports share: the graph's content with the tables that code it.

ACLED, GED and GeoJSON rows are built from the same readings of an event (its location,
its toll of dead, its actors, its text), so they are made once here and each format only
lays them out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from aleppo_kg.lexicon import Lexicon
from aleppo_kg.lexicon.codebooks import Codebooks, Country
from aleppo_kg.publish.export.actors import Coder, Sides
from aleppo_kg.publish.export.fatalities import Kinds, Toll, toll
from aleppo_kg.publish.export.read import Content, Event
from aleppo_kg.publish.export.where import Location, locate

SECONDARY_SOURCE = "Wikipedia"  # every row is read from an article: the source the row cites last
ID_DIGITS = 8  # hexadecimal digits of an event id's hash of its IRI


@dataclass(frozen=True)
class Reading:
    """One event read for the exports."""

    event: Event
    id: str  # stable, in ACLED's style: the country's code, then a hash of the event's IRI
    location: Location | None
    country: Country | None
    toll: Toll
    sides: Sides
    disorder: str | None


class Reader:
    """The graph's content with the lexicon and codebooks, reading events for the exports."""

    def __init__(self, content: Content, lexicon: Lexicon, codebooks: Codebooks) -> None:
        self.content = content
        self.lexicon = lexicon
        self.codebooks = codebooks
        self._kinds = Kinds(content.broader, lexicon.actor_types)
        self._coder = Coder(lexicon, codebooks)

    def readings(self) -> list[Reading]:
        return [self.read(event) for event in self.content.events]

    def read(self, event: Event) -> Reading:
        location = locate(self.content, event, self.lexicon.place_scales)
        country = location.country if location else None
        known = self.codebooks.countries.get(country.label) if country else None
        disorder = self.codebooks.disorder_types.get(event.sub_type or "")
        return Reading(
            event,
            event_id(event, (known or self.codebooks.no_country).iso3),
            location,
            known,
            toll(event.killed, self._kinds),
            self._coder.sides(event, country.label if country else None, disorder),
            disorder,
        )

    def timestamp(self, event: Event) -> int | None:
        """The Unix time of the day the event's article was retrieved (midnight UTC)."""
        article = self.content.article(event)
        if article is None or article.retrieved is None:
            return None
        day = article.retrieved
        return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


def event_id(event: Event, country_code: str) -> str:
    """A stable id in ACLED's style (country code first) from the event's IRI."""
    digest = hashlib.sha1(event.iri.encode("utf-8")).hexdigest()[:ID_DIGITS].upper()
    return f"{country_code}-AKG-{digest}"


def notes(event: Event) -> str:
    """The text the event was read from: its spans in order, "…" where text lies between."""
    parts: list[str] = []
    previous = None
    for span in event.spans:
        if previous is not None:
            adjacent = previous.context == span.context and span.begin - previous.end <= 1
            parts.append(" " if adjacent else " … ")
        parts.append(span.text)
        previous = span
    return "".join(parts)


def sources(event: Event) -> str:
    """Who reported the event (the text's reporters), then the article it was read from."""
    return "; ".join([*event.reporters, SECONDARY_SOURCE])
