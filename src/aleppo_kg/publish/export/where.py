"""Where an event is, as the event datasets code it: a location, its coordinates, its levels.

An event names places at several levels (Aleppo Governorate and al-Bab, Aleppo and its
Salaheddine district). The datasets code one location per event: the most specific place,
the finest level first. Its coordinates are its own, or, when the graph has none (a city
district, a village no gazetteer lists), those of the nearest place containing it, and the
precision codes say which.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aleppo_kg.publish.export.read import Content, Event, Place

POINT, REGION, COUNTRY = "point", "region", "country"
_ORDER = {POINT: 0, REGION: 1, COUNTRY: 2}


@dataclass(frozen=True)
class Location:
    """An event's coded location."""

    place: Place
    level: str  # point (a town or finer), region (first-level division) or country
    coordinates: Place | None  # the place whose coordinates are used (itself or a container)
    coordinates_level: str | None
    region: Place | None  # the first-level division it lies in (ACLED's admin1)
    country: Place | None
    description: str | None  # the text's finer words for a region ("northern Aleppo province")

    @property
    def lat(self) -> Decimal | None:
        return self.coordinates.lat if self.coordinates else None

    @property
    def long(self) -> Decimal | None:
        return self.coordinates.long if self.coordinates else None

    @property
    def own_coordinates(self) -> bool:
        return self.coordinates is not None and self.coordinates.iri == self.place.iri


def level(place: Place, scales: dict[str, str]) -> str:
    """A place's level, from the scale its type has in ``place_types.tsv``."""
    scale = scales.get(place.place_type or "")
    return {"country": COUNTRY, "region": REGION}.get(scale or "", POINT)


def locate(content: Content, event: Event, scales: dict[str, str]) -> Location | None:
    """The event's location, or None when it names no place."""
    places = content.innermost(event)
    if not places:
        return None
    place = min(places, key=lambda p: (_ORDER[level(p, scales)], p.iri))
    chain = content.chain(place.iri)
    located = next((p for p in chain if p.lat is not None and p.long is not None), None)
    return Location(
        place=place,
        level=level(place, scales),
        coordinates=located,
        coordinates_level=level(located, scales) if located else None,
        region=next((p for p in chain if level(p, scales) == REGION), None),
        country=next((p for p in chain if level(p, scales) == COUNTRY), None),
        description=event.description,
    )
