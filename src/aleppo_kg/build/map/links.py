"""Identifiers and coordinates of the resources an article names, from the reviewed table."""

from __future__ import annotations

from rdflib import Literal

from aleppo_kg.build.link import Link
from aleppo_kg.build.map.sink import TripleSink
from aleppo_kg.build.map.terms import canonical_decimal, decimal
from aleppo_kg.vocab import DCTERMS, GEO, OWL, WD, WGS, geometry, geonames


def link(sink: TripleSink, row: Link) -> None:
    """``owl:sameAs`` the verified items, and the point where the place is: nothing invented."""
    node = sink.iri(row.resource)
    if row.wikidata:
        sink.add(node, OWL.sameAs, WD[row.wikidata])
    if row.geonames:
        sink.add(node, OWL.sameAs, geonames(row.geonames))
    point = row.coordinates
    if point is None:
        return
    sink.add(node, WGS.lat, decimal(point.lat))
    sink.add(node, WGS.long, decimal(point.long))
    shape = geometry(row.resource)
    sink.types(shape, GEO.Geometry)
    sink.label(shape, f"Location of {sink.labels[node]}")
    where = f"{canonical_decimal(point.long)} {canonical_decimal(point.lat)}"
    wkt = Literal(f"POINT({where})", datatype=GEO.wktLiteral)
    sink.add(shape, GEO.asWKT, wkt)
    sink.add(shape, DCTERMS.source, Literal(point.source))
    sink.add(node, GEO.hasGeometry, shape)
