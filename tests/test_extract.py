"""Extraction rules on the synthetic fixtures and on small values: other shapes than the seed's."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import DATES, FIXTURES, LEXICON, QUANTITIES, ask, rows

from aleppo_kg.build.reading import read_article
from aleppo_kg.errors import InputError
from aleppo_kg.model import Quantity
from aleppo_kg.text.slugs import slugify


@pytest.mark.parametrize(
    "text, begin, end, precisions",
    [
        ("10 February – 19 July 2012, ()", date(2012, 2, 10), date(2012, 7, 19), ("day", "day")),
        (
            "8 September 2011 – 27 March 2012 (6 months)",
            date(2011, 9, 8),
            date(2012, 3, 27),
            ("day", "day"),
        ),
        ("March 5, 2012 – June 30, 2012", date(2012, 3, 5), date(2012, 6, 30), ("day", "day")),
        ("10–19 July 2012", date(2012, 7, 10), date(2012, 7, 19), ("day", "day")),
        ("February – July 2012", date(2012, 2, 1), date(2012, 7, 31), ("month", "month")),
        ("15 December – 28 January 2013", date(2012, 12, 15), date(2013, 1, 28), ("day", "day")),
        ("November – February 2014", date(2013, 11, 1), date(2014, 2, 28), ("month", "month")),
        ("2011", date(2011, 1, 1), date(2011, 12, 31), ("year", "year")),
    ],
)
def test_date_ranges(text, begin, end, precisions):
    first, last = DATES.read_range(text, "x")
    assert (first.earliest, last.latest) == (begin, end)
    assert (first.precision, last.precision) == precisions


def test_part_of_month_bounds_and_edtf():
    late = DATES.read_date("late March", "x", year=2012)
    assert (late.earliest, late.latest, late.precision) == (
        date(2012, 3, 21),
        date(2012, 3, 31),
        "part-of-month",
    )
    assert late.edtf == "2012-03-21/2012-03-31"
    assert DATES.read_date("early July 2012", "x").latest == date(2012, 7, 10)
    assert DATES.read_date("February 2012", "x").latest == date(2012, 2, 29)


@pytest.mark.parametrize("text", ["31 February 2012", "Someday 2012", "10 February"])
def test_unreadable_dates_are_input_errors(text):
    with pytest.raises(InputError):
        DATES.read_range(text, "x")


@pytest.mark.parametrize(
    "text, quantity, rest",
    [
        ("6,000 fighters", Quantity("exact", exact=6000), "fighters"),
        ("300+ tanks", Quantity("at-least", minimum=300), "tanks"),
        ("at least 50 civilians killed", Quantity("at-least", minimum=50), "civilians killed"),
        ("over 10,000 protesters", Quantity("more-than", minimum=10000), "protesters"),
        ("2,500 - 3,000 fighters", Quantity("range", minimum=2500, maximum=3000), "fighters"),
        ("20,000–40,000", Quantity("range", minimum=20000, maximum=40000), ""),
        ("up to 30 tanks", Quantity("at-most", maximum=30), "tanks"),
        ("about 1,200 fighters", Quantity("approximately", exact=1200), "fighters"),
        ("Sixteen government soldiers", Quantity("exact", exact=16), "government soldiers"),
        ("twenty-five rebels", Quantity("exact", exact=25), "rebels"),
        ("two hundred soldiers", Quantity("exact", exact=200), "soldiers"),
        # words are bounds from vague_quantities.tsv, never an invented exact number
        ("dozens of people", Quantity("vague", minimum=24), "of people"),
        ("A few hundred fighters", Quantity("vague", minimum=200), "fighters"),
        ("Thousands", Quantity("vague", minimum=2000), ""),
        ("many", Quantity("vague"), ""),
        ("a dozen soldiers", Quantity("approximately", exact=12), "soldiers"),
        ("≈2,500", Quantity("approximately", exact=2500), ""),
        ("2 000 soldiers", Quantity("exact", exact=2000), "soldiers"),
        ("36+ killed", Quantity("at-least", minimum=36), "killed"),
        ("1,800–2,000+", Quantity("at-least", minimum=1800), ""),
    ],
)
def test_quantities_keep_what_the_text_says(text, quantity, rest):
    assert QUANTITIES.read(text, "x") == (quantity, rest)


@pytest.mark.parametrize("text", ["6,0x0 fighters", "12.5.3 soldiers", "3,000 - 2,000 fighters"])
def test_malformed_numbers_are_input_errors(text):
    with pytest.raises(InputError):
        QUANTITIES.read(text, "x")


@pytest.mark.parametrize(
    "text",
    ["1023 to 1000000000000000000000000000000 fighters", "9223372036854775808 soldiers"],
)
def test_counts_beyond_a_64_bit_integer_are_input_errors(text):
    """No count of people is that large, and SPARQL engines could not compare it (Oxigraph's
    integers are 64-bit): a range of it would fail the shapes."""
    with pytest.raises(InputError, match="is too large to be a count"):
        QUANTITIES.read(text, "x")
    assert QUANTITIES.read("9223372036854775807 soldiers", "x")[0].exact == 2**63 - 1


def test_no_number_is_none():
    assert QUANTITIES.read("Unknown", "x") is None


@pytest.mark.parametrize(
    "text",
    [
        "at least 50",
        "c. 400 fighters",
        "Dozens of people",
        "A few hundred",
        "Twenty-five rebels",
        "no one",
        "some 5,000",
        "AN estimated 300",
        "moſt",  # not ASCII after the letters: left to read()
    ],
)
def test_a_word_that_opens_a_quantity_may_start_one(text):
    assert QUANTITIES.may_start(text, 0)


@pytest.mark.parametrize("text", ["the army", "rebels killed", "Aleppo 2012", "atleast 50"])
def test_a_word_that_opens_no_quantity_is_passed_over(text):
    """The test by word says what read() says of it: nothing is read there."""
    assert not QUANTITIES.may_start(text, 0)
    assert QUANTITIES.read(text, "x") is None


def test_slugs_are_ascii_and_stable():
    assert slugify("People's Protection Units") == "peoples-protection-units"
    assert slugify("Kobanî") == "kobani"
    assert slugify("حلب").startswith("x-") and slugify("حلب") == slugify("حلب")


# --- the three-sided fixture -----------------------------------------------------------


def test_third_combatant_is_a_third_side(three_sides_graph):
    found = rows(
        three_sides_graph,
        """
        SELECT ?n ?label WHERE { ?s akg:sideNumber ?n ; akg:hasCombatant/rdfs:label ?label }
        ORDER BY ?n ?label""",
    )
    assert found == [
        (1, "Syrian Government"),
        (2, "Katibat al-Nour"),
        (2, "Liwa al-Fajr"),
        (3, "Al-Nusra Front"),
    ]


def test_ranks_fates_and_commanded_units(three_sides_graph):
    found = rows(
        three_sides_graph,
        """
        SELECT ?name ?rank ?written ?fate ?unit WHERE {
            ?c akg:commander/rdfs:label ?name ; akg:rank/rdfs:label ?rank ;
               akg:rankAsWritten ?written .
            OPTIONAL { ?c akg:fate/rdfs:label ?fate }
            OPTIONAL { ?c akg:commandedUnit/rdfs:label ?unit }
        } ORDER BY ?name""",
    )
    assert found == [
        ("Fadi Rahhal", "Captain", "Capt.", None, "Qarmit Defence Battalion"),
        ("Hassan Darwish", "Major General", "Maj. Gen.", "killed in action", None),
        ("Nabil Aswad", "Sergeant", "Sgt.", None, None),
        ("Samir Kanaan", "Brigadier General", "Brig. Gen.", None, None),
        ("Yasser Haddad", "Lieutenant Colonel", "Lt. Col.", "killed in action", None),
    ]
    assert ask(three_sides_graph, "ASK { ?s akg:sideNumber 3 ; akg:commandersUnknown true }")


def test_nesting_marks_with_and_without_spaces(three_sides_graph):
    found = rows(
        three_sides_graph,
        """
        SELECT ?unit ?parent WHERE { ?u org:subOrganizationOf ?p ; rdfs:label ?unit .
                                     ?p rdfs:label ?parent } ORDER BY ?unit""",
    )
    assert found == [
        ("33rd Tank Brigade", "5th Armoured Division"),
        ("34th Tank Brigade", "5th Armoured Division"),
        ("5th Armoured Division", "Syrian Army"),
        ("Northern Storm Brigade", "Liwa al-Fajr"),
        ("Qarmit Defence Battalion", "Syrian Army"),
        # a top-level unit (Syrian Army) has no parent: its side says whose it is
    ]


def test_ranges_bounds_sources_and_qualified_groups(three_sides_graph):
    found = rows(
        three_sides_graph,
        """
        SELECT ?written ?q ?min ?max ?count ?source ?org WHERE {
            ?f akg:asWritten ?written ; akg:quantifier/rdfs:label ?q .
            OPTIONAL { ?f akg:minCount ?min } OPTIONAL { ?f akg:maxCount ?max }
            OPTIONAL { ?f akg:count ?count } OPTIONAL { ?f sem:accordingTo/rdfs:label ?source }
            OPTIONAL { ?f akg:ofOrganization/rdfs:label ?org }
        } ORDER BY ?written""",
    )
    as_dict = {row[0]: row[1:] for row in found}
    assert as_dict["2,500 - 3,000 fighters"] == ("range", 2500, 3000, None, None, None)
    assert as_dict["400+ Al-Nusra fighters"] == (
        "at least",
        400,
        None,
        None,
        None,
        "Al-Nusra Front",
    )
    assert as_dict["846 soldiers killed (opposition claims)"] == (
        "exact",
        None,
        None,
        846,
        "the opposition",
        None,
    )
    assert as_dict["over 300 fighters killed"] == ("more than", 300, None, None, None, None)
    assert as_dict["20–30 civilians killed"] == ("range", 20, 30, None, None, None)


def test_casualties_beyond_the_sides_belong_to_the_conflict(three_sides_graph):
    assert rows(
        three_sides_graph,
        """
        SELECT ?w WHERE { ?f akg:figureFor ?c ; akg:asWritten ?w . ?c a akg:Conflict }""",
    ) == [("20–30 civilians killed",)]


def test_government_capture_is_government_regains_territory(three_sides_graph):
    found = rows(
        three_sides_graph,
        """
        SELECT ?town ?type WHERE { ?e a akg:TerritorialChange ; sem:hasPlace/rdfs:label ?town ;
                                      akg:eventType/rdfs:label ?type } ORDER BY ?town""",
    )
    assert found == [
        ("Kafr Tamra", "Government regains territory"),
        ("Mazraat Hilu", "Non-state actor overtakes territory"),
        ("Tell Sawan", "Government regains territory"),
    ]


def test_place_chain_from_the_place_line(three_sides_graph):
    assert ask(
        three_sides_graph,
        """ASK {
        ?c a akg:Conflict ; sem:hasPlace ?v . ?v rdfs:label "Qarmit Valley"@en ;
        akg:locatedIn/rdfs:label "Idlib Governorate"@en ; akg:locatedIn+ place:syria }""",
    )


def test_unknown_key_is_kept_as_an_infobox_field():
    extraction = read_article(FIXTURES / "three_sides.txt", LEXICON)
    assert [(f.key, f.value) for f in extraction.conflict.extra_fields] == [
        ("Notes", "the valley was depopulated")
    ]
    assert any("unknown infobox key 'Notes'" in w for w in extraction.warnings)


# --- the US-date fixture ----------------------------------------------------------------


def test_us_dates_other_keys_and_hr_without_spaces(us_dates_graph):
    found = rows(
        us_dates_graph,
        """
        SELECT ?b ?e ?place ?part WHERE {
            ?c a akg:Conflict ; sem:hasEarliestBeginTimeStamp ?b ; sem:hasLatestEndTimeStamp ?e ;
               sem:hasPlace/rdfs:label ?place ; sem:subEventOf/rdfs:label ?part }""",
    )
    assert found == [
        (
            date(2012, 3, 5),
            date(2012, 6, 30),
            "Wadi Sirin",
            "Northern phase of the Sirin insurgency",
        )
    ]
    factions = rows(
        us_dates_graph,
        """
        SELECT (COUNT(?f) AS ?n) WHERE { ?s akg:sideNumber 1 ; akg:hasFaction ?f }""",
    )
    assert factions == [(2,)]


def test_place_alias_resolves_to_the_gazetteer_place(us_dates_graph):
    assert ask(
        us_dates_graph,
        """ASK {
        place:wadi-sirin akg:locatedIn place:aleppo-governorate .
        place:aleppo-governorate skos:altLabel "Aleppo province"@en }""",
    )


def test_noun_inherited_from_the_previous_item(us_dates_graph):
    found = rows(
        us_dates_graph,
        """
        SELECT ?cat ?outcome WHERE { ?f akg:asWritten "80 wounded" ;
            akg:category/rdfs:label ?cat ; akg:outcome/rdfs:label ?outcome }""",
    )
    assert found == [("rebel", "injured")]


def test_full_rank_words_and_wounded_marker(us_dates_graph):
    found = rows(
        us_dates_graph,
        """
        SELECT ?name ?rank ?fate WHERE { ?c akg:commander/rdfs:label ?name ;
            akg:rank/rdfs:label ?rank . OPTIONAL { ?c akg:fate/rdfs:label ?fate }
        } ORDER BY ?name""",
    )
    assert found == [
        ("Adel Mansour", "General", None),
        ("Karim Sabbagh", "Colonel", None),
        ("Rami Aziz", "Second Lieutenant", "wounded in action"),
    ]


def test_alias_of_a_known_army_resolves_to_its_canonical_name(us_dates_graph):
    assert ask(
        us_dates_graph,
        """ASK { organization:syrian-army rdfs:label "Syrian Army"@en ;
                                        skos:altLabel "Syrian Arab Army"@en }""",
    )
    assert ask(
        us_dates_graph,
        """ASK { organization:syrian-army-93rd-brigade
            org:subOrganizationOf organization:syrian-army-17th-reserve-division }""",
    )
