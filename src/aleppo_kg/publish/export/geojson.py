"""GeoJSON: an RFC 7946 FeatureCollection of the events and places that have coordinates.

One Point feature per event, at its coded location (ACLED's rule: its own coordinates, or
its container's, with ``geo_precision`` saying which), and one per place with coordinates.
Coordinates are ``[longitude, latitude]`` in WGS 84, as RFC 7946 requires. A place without
coordinates cannot be drawn: it is named in a warning instead of being dropped silently.
"""

from __future__ import annotations

from aleppo_kg.publish.export.acled import geo_precision
from aleppo_kg.publish.export.common import Reader, Reading, notes
from aleppo_kg.publish.export.dates import acled_precision
from aleppo_kg.publish.export.read import Place

EVENT, PLACE = "event", "place"


def collection(reader: Reader) -> tuple[dict, list[str]]:
    """The FeatureCollection, and the warnings about what has no coordinates."""
    readings = reader.readings()
    events = [_event(reading) for reading in readings if _placed(reading)]
    count: dict[str, int] = {}
    for reading in readings:
        for iri in reading.event.places:
            count[iri] = count.get(iri, 0) + 1
    places = sorted(reader.content.places.values(), key=lambda p: p.iri)
    located = [_place(place, count.get(place.iri, 0)) for place in places if _has_point(place)]
    missing = [place.label for place in places if not _has_point(place)]
    warnings = []
    if missing:
        warnings.append(
            f"{len(missing)} place(s) have no coordinates and are not on the map: "
            + ", ".join(sorted(missing, key=str.casefold))
        )
    unplaced = [r.event.label for r in readings if not _placed(r)]
    if unplaced:
        warnings.append(
            f"{len(unplaced)} event(s) have no place with coordinates and are not on the map: "
            + "; ".join(unplaced)
        )
    return {"type": "FeatureCollection", "features": events + located}, warnings


def _has_point(place: Place) -> bool:
    return place.lat is not None and place.long is not None


def _placed(reading: Reading) -> bool:
    return reading.location is not None and reading.location.coordinates is not None


def _point(place: Place) -> dict:
    return {"type": "Point", "coordinates": [float(place.long), float(place.lat)]}


def _event(reading: Reading) -> dict:
    event, where, sides = reading.event, reading.location, reading.sides
    return {
        "type": "Feature",
        "id": event.iri,
        "geometry": _point(where.coordinates),
        "properties": {
            "kind": EVENT,
            "id": reading.id,
            "iri": event.iri,
            "label": event.label,
            "date": event.edtf,
            "begin": event.begin.isoformat(),
            "end": event.end.isoformat(),
            "time_precision": acled_precision(event),
            "geo_precision": geo_precision(where),
            "location": where.place.label,
            "event_type": event.event_type,
            "sub_event_type": event.sub_type,
            "fatalities": reading.toll.low,
            "fatalities_high": reading.toll.high,
            "actors": [coded.name for coded in sides.all()],
            "source": notes(event),
        },
    }


def _place(place: Place, events: int) -> dict:
    return {
        "type": "Feature",
        "id": place.iri,
        "geometry": _point(place),
        "properties": {
            "kind": PLACE,
            "iri": place.iri,
            "label": place.label,
            "place_type": place.place_type,
            "wikidata": place.wikidata,
            "events": events,
        },
    }
