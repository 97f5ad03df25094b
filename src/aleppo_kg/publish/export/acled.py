"""ACLED-style rows: one per event, ACLED's 31 columns in ACLED's order and names.

The columns and their codes follow ACLED's codebook; the README's "Exports" section says
where each column comes from in the graph and what ACLED itself would do differently.
"""

from __future__ import annotations

from aleppo_kg.publish.export.actors import CIVILIANS, Coded
from aleppo_kg.publish.export.common import Reader, Reading, notes, sources
from aleppo_kg.publish.export.dates import acled_date, acled_precision
from aleppo_kg.publish.export.where import POINT, REGION, Location

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
CIVILIANS_TARGETED = "Civilians targeted"
SOURCE_SCALE = "Other"  # the article is an encyclopedia, not a local or national outlet
NO_CROWD_SIZE = "crowd size=no report"


def rows(reader: Reader) -> list[dict[str, str | int]]:
    """One row per event, in the graph's order of events (by date)."""
    return [row(reader, reading) for reading in reader.readings()]


def row(reader: Reader, reading: Reading) -> dict[str, str | int]:
    """The event's ACLED row; cells the graph cannot fill are empty strings."""
    event, where, country, sides = reading.event, reading.location, reading.country, reading.sides
    day = acled_date(event)
    timestamp = reader.timestamp(event)
    return {
        "event_id_cnty": reading.id,
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": acled_precision(event),
        "disorder_type": reading.disorder or "",
        "event_type": event.event_type or "",
        "sub_event_type": event.sub_type or "",
        "actor1": sides.actor1.name if sides.actor1 else "",
        "assoc_actor_1": _associated(sides.actor1, sides.assoc1),
        "inter1": sides.actor1.inter if sides.actor1 else "",
        "actor2": sides.actor2.name if sides.actor2 else "",
        "assoc_actor_2": _associated(sides.actor2, sides.assoc2),
        "inter2": sides.actor2.inter if sides.actor2 else "",
        "interaction": sides.interaction,
        "civilian_targeting": CIVILIANS_TARGETED if _civilians_targeted(reading) else "",
        "iso": country.iso_numeric if country else "",
        "region": country.region if country else "",
        "country": where.country.label if where and where.country else "",
        "admin1": where.region.label if where and where.region else "",
        "admin2": "",
        "admin3": "",
        "location": where.place.label if where else "",
        "latitude": str(where.lat) if where and where.lat is not None else "",
        "longitude": str(where.long) if where and where.long is not None else "",
        "geo_precision": geo_precision(where) if where else "",
        "source": sources(event),
        "source_scale": SOURCE_SCALE,
        "notes": notes(event),
        "fatalities": reading.toll.low,
        "tags": _tags(reading),
        "timestamp": timestamp if timestamp is not None else "",
    }


def geo_precision(where: Location) -> int:
    """ACLED's ``geo_precision`` of the coordinates written: 1 a town (or a part of it),
    2 a part of a region the text describes ("northern Aleppo province"), 3 a region or
    wider. A place without coordinates of its own is coded at its container's level."""
    level = where.coordinates_level or where.level
    if level == POINT:
        return 1
    if level == REGION and where.level == REGION and where.description:
        return 2
    return 3


def _associated(main: Coded | None, associates: tuple[Coded, ...]) -> str:
    """Associated actors: the main actor's own name when ACLED names it generically, then
    the actors on its side."""
    found = [main.detail] if main is not None and main.detail else []
    found += [c.name for c in associates] + [c.detail for c in associates if c.detail]
    return "; ".join(dict.fromkeys(found))


def _civilians_targeted(reading: Reading) -> bool:
    """ACLED flags every violence against civilians, and any event whose actor 2 is civilians."""
    actor2 = reading.sides.actor2
    return reading.event.event_type == VIOLENCE_AGAINST_CIVILIANS or (
        actor2 is not None and actor2.inter == CIVILIANS
    )


def _tags(reading: Reading) -> str:
    """ACLED tags demonstrations with their crowd size, as the text gives it."""
    if reading.disorder is None or "Demonstrations" not in reading.disorder:
        return ""
    if not reading.event.crowds:
        return NO_CROWD_SIZE
    return "; ".join(f"crowd size={crowd}" for crowd in reading.event.crowds)
