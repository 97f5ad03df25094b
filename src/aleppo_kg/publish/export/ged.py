"""UCDP GED-style rows: one per event, the figures with their uncertainty.

UCDP's Georeferenced Event Dataset keeps a best, a low and a high estimate of the dead and
splits the best one between the two sides, civilians and the unknown. Here the low and
high are the lowest and highest readings of the article's figures (conflicting reports
become the spread), and the best is the low one: UCDP picks the most reliable report, and
the graph does not rank its reporters. Columns are GED's names, in GED's order, for those
the graph can fill.
"""

from __future__ import annotations

from aleppo_kg.publish.export.actors import CIVILIANS, PROTESTERS, STATE, Coded, Sides
from aleppo_kg.publish.export.common import Reader, Reading, notes, sources
from aleppo_kg.publish.export.dates import ged_precision
from aleppo_kg.publish.export.where import COUNTRY, POINT, REGION, Location
from aleppo_kg.publish.report.views import UNSPECIFIED

COLUMNS = (
    "id", "year", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
    "source_article", "source_office", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "country", "region", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low",
)  # fmt: skip
ORGANISED = (1, 2, 3, 4, 8)  # ACLED's actor types that are organised armed actors
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
CIVILIAN_SIDE = "Civilians"  # GED's side B of one-sided violence


def rows(reader: Reader) -> list[dict[str, str | int]]:
    """One row per event, in the graph's order of events (by date)."""
    return [row(reader, reading) for reading in reader.readings()]


def row(reader: Reader, reading: Reading) -> dict[str, str | int]:
    """The event's GED row; cells the graph cannot fill are empty strings."""
    event, where = reading.event, reading.location
    side_a, side_b = _sides(reading.sides)
    actor2 = reading.sides.actor2
    one_sided = actor2 is not None and actor2.inter in (CIVILIANS, PROTESTERS)
    if one_sided:
        side_b = []
    deaths = _deaths(reader, reading, side_a, side_b)
    side_a_name = "; ".join(c.name for c in side_a)
    side_b_name = CIVILIAN_SIDE if one_sided else "; ".join(c.name for c in side_b)
    return {
        "id": reading.id,
        "year": event.begin.year,
        "type_of_violence": _violence(side_a, side_b, one_sided),
        "conflict_name": reader.content.conflicts.get(event.conflict or "", ""),
        "dyad_name": f"{side_a_name} - {side_b_name}" if side_a_name and side_b_name else "",
        "side_a": side_a_name,
        "side_b": side_b_name,
        "source_article": _source_article(reader, reading),
        "source_office": sources(event),
        "where_prec": where_precision(where) if where else "",
        "where_coordinates": where.place.label if where else "",
        "where_description": (where.description or where.place.label) if where else "",
        "adm_1": where.region.label if where and where.region else "",
        "adm_2": "",
        "latitude": str(where.lat) if where and where.lat is not None else "",
        "longitude": str(where.long) if where and where.long is not None else "",
        "geom_wkt": f"POINT ({where.long} {where.lat})" if where and where.lat is not None else "",
        "country": where.country.label if where and where.country else "",
        "region": reading.country.region if reading.country else "",
        "date_prec": ged_precision(event),
        "date_start": event.begin.isoformat(),
        "date_end": event.end.isoformat(),
        **deaths,
        "best": reading.toll.low,
        "high": reading.toll.high,
        "low": reading.toll.low,
    }


def where_precision(where: Location) -> int:
    """GED's ``where_prec``: 1 the exact place, 2 within a town whose point is used (a
    district of it), 4 a first-level division, 6 the country."""
    level = where.coordinates_level or where.level
    if level == POINT:
        return 1 if where.own_coordinates or where.coordinates is None else 2
    return {REGION: 4, COUNTRY: 6}[level]


def _sides(sides: Sides) -> tuple[list[Coded], list[Coded]]:
    """GED's side A and side B: the organised armed actors of ACLED's two sides, the side
    with a state force first (GED's side A is the government where one takes part)."""
    first = [c for c in (sides.actor1, *sides.assoc1) if c is not None and c.inter in ORGANISED]
    second = [c for c in (sides.actor2, *sides.assoc2) if c is not None and c.inter in ORGANISED]
    if any(c.inter == STATE for c in second) and not any(c.inter == STATE for c in first):
        return second, first
    return first, second


def _violence(side_a: list[Coded], side_b: list[Coded], one_sided: bool) -> int | str:
    """GED's ``type_of_violence``: 1 state-based, 2 non-state, 3 one-sided (empty: one side)."""
    if one_sided and side_a:
        return ONE_SIDED
    if side_a and side_b:
        return STATE_BASED if any(c.inter == STATE for c in side_a) else NON_STATE
    return ""


def _deaths(
    reader: Reader, reading: Reading, side_a: list[Coded], side_b: list[Coded]
) -> dict[str, int]:
    """The best estimate split by whose dead they were: a kind of actor on side A or B goes
    to that side, else to the column its type has in ``acled_inter.tsv``."""
    deaths = {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": 0}
    on_a, on_b = {c.inter for c in side_a}, {c.inter for c in side_b}
    for kind, count in reading.toll.by_kind.items():
        inter = reader.codebooks.actor_type_codes.get(kind)
        if kind == UNSPECIFIED or inter is None:
            column = "unknown"
        elif inter in on_a:
            column = "a"
        elif inter in on_b:
            column = "b"
        else:
            column = reader.codebooks.actor_types[inter].ged
        deaths[f"deaths_{column}"] += count
    return deaths


def _source_article(reader: Reader, reading: Reading) -> str:
    """The article (its title and the page or revision it was read from) and the sentences."""
    article = reader.content.article(reading.event)
    text = notes(reading.event)
    if article is None:
        return text
    page = article.permalink or article.url or article.iri
    return f"{article.title or page} ({page}): {text}"
