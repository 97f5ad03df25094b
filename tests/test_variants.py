"""Variants of the article format, each in a synthetic fixture article of our own.

``ongoing_four_sides.txt``: four sides, ranks, KIA, commanded units, nesting marks in units,
strengths and casualties, casualty variants, an "ongoing" end, a result with several outcomes.
``present_dates.txt``: "March 2012 – present", a ``Status`` with ``<br/>``, ``**`` in a
strength. ``sparse_title_year.txt``: no Date, Place, Partof, Result, Commander or Strength
lines. ``damaged.txt``: lines and items the rules cannot read. Expected values come from the
fixtures' text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import DATES, FIXTURES, LEXICON, ask, rows

from aleppo_kg.build.infobox import read_infobox
from aleppo_kg.build.infobox.reader import InfoboxReader
from aleppo_kg.build.parse import parse_article, parse_text
from aleppo_kg.build.reading import read_article
from aleppo_kg.errors import InputError
from aleppo_kg.text.dates import years_in

# --- four sides, commanders, units --------------------------------------------------------


def test_four_combatant_columns_are_four_sides(ongoing_graph):
    found = rows(
        ongoing_graph,
        """
        SELECT ?n ?label WHERE { ?s akg:sideNumber ?n ; akg:hasCombatant/rdfs:label ?label }
        ORDER BY ?n ?label""",
    )
    assert found == [
        (1, "Syrian Government"),
        (2, "Al-Nusra Front"),
        (2, "Free Syrian Army"),
        (3, "Marjan Tribal Guard"),
        (4, "Sons of the Orontes Movement"),
    ]


def test_commanders_with_ranks_fates_and_units_on_each_side(ongoing_graph):
    found = rows(
        ongoing_graph,
        """
        SELECT ?n ?name ?rank ?written ?fate ?unit WHERE {
            ?c akg:commander/rdfs:label ?name ; akg:side/akg:sideNumber ?n .
            OPTIONAL { ?c akg:rank/rdfs:label ?rank ; akg:rankAsWritten ?written }
            OPTIONAL { ?c akg:fate/rdfs:label ?fate }
            OPTIONAL { ?c akg:commandedUnit/rdfs:label ?unit }
        } ORDER BY ?n ?name""",
    )
    assert found == [
        (1, "Anas Baroudi", "Captain", "Capt.", None, "Marjan Garrison Regiment"),
        (1, "Hisham Kurdi", "Brigadier General", "Brig. Gen.", None, None),
        (1, "Walid Saraqibi", "Major General", "Maj. Gen.", "killed in action", None),
        (2, "Tarek Hamawi", "Lieutenant", "Lt.", None, "Eagles of the Plain Brigade"),
        (2, "Yusuf Darwazi", None, None, "killed in action", None),
        (4, "Munir Asfari", "Captain", "Capt.", None, None),
    ]
    assert ask(ongoing_graph, "ASK { ?s akg:sideNumber 3 ; akg:commandersUnknown true }")
    assert not ask(ongoing_graph, "ASK { ?s akg:sideNumber 3 ; akg:hasCommander ?p }")


def test_unit_nesting_marks_with_and_without_spaces(ongoing_graph):
    found = rows(
        ongoing_graph,
        """
        SELECT ?unit ?parent WHERE { ?u org:subOrganizationOf ?p ; rdfs:label ?unit .
                                     ?p rdfs:label ?parent } ORDER BY ?unit""",
    )
    assert found == [
        ("41st Tank Brigade", "9th Armoured Division"),
        ("42nd Tank Brigade", "9th Armoured Division"),
        ("9th Armoured Division", "Syrian Army"),
        ("Eagles of the Plain Brigade", "Marjan Military Council"),
        ("Marjan Garrison Regiment", "Syrian Army"),
        ("Marjan Military Council", "Free Syrian Army"),
        ("Martyrs of Marjan Battalion", "Marjan Military Council"),
        # the top-level Syrian Army has no parent: its side says whose it is
    ]


# --- figures --------------------------------------------------------------------------------

FIGURES = """
    SELECT ?n ?written ?min ?max ?count ?org ?whole WHERE {
        ?f akg:asWritten ?written ; akg:figureFor/akg:sideNumber ?n ; a akg:StrengthFigure .
        OPTIONAL { ?f akg:minCount ?min } OPTIONAL { ?f akg:maxCount ?max }
        OPTIONAL { ?f akg:count ?count } OPTIONAL { ?f akg:ofOrganization/rdfs:label ?org }
        OPTIONAL { ?f akg:subFigureOf/akg:asWritten ?whole }
    } ORDER BY ?n ?written"""


def test_asterisked_strengths_are_parts_of_the_figure_above(ongoing_graph):
    assert rows(ongoing_graph, FIGURES) == [
        (1, "12,000 soldiers", None, None, 12000, None, None),
        (1, "80 tanks", None, None, 80, None, None),
        (2, "150 fighters", None, None, 150, None, "600 FSA fighters"),
        (
            2,
            "2,500 - 3,000 Al-Nusra fighters",
            2500,
            3000,
            None,
            "Al-Nusra Front",
            "25,000 fighters",
        ),
        (2, "25,000 fighters", None, None, 25000, None, None),
        (2, "600 FSA fighters", None, None, 600, "Free Syrian Army", "25,000 fighters"),
        (4, "300+ fighters", 300, None, None, None, None),
    ]


def test_double_asterisk_without_space_in_a_strength(present_graph):
    assert rows(present_graph, FIGURES) == [
        (1, "200 Al-Nusra fighters", None, None, 200, "Al-Nusra Front", "900 fighters"),
        (1, "900 fighters", None, None, 900, None, None),
        (2, "3,000 soldiers", None, None, 3000, None, None),
    ]


def test_sub_figure_span_leaves_out_the_asterisk(ongoing_graph):
    assert rows(
        ongoing_graph,
        """
        SELECT ?anchor WHERE { ?f akg:asWritten "2,500 - 3,000 Al-Nusra fighters" ;
                                  prov:wasDerivedFrom/nif:anchorOf ?anchor }""",
    ) == [("2,500 - 3,000 Al-Nusra fighters",)]


def test_casualties_with_a_source_unknown_sub_figures_and_plain_counts(ongoing_graph):
    found = rows(
        ongoing_graph,
        """
        SELECT ?n ?written ?count ?min ?what ?outcome ?source ?whole WHERE {
            ?f a akg:LossFigure ; akg:asWritten ?written ; akg:figureFor/akg:sideNumber ?n ;
               akg:category/rdfs:label ?what ; akg:outcome/rdfs:label ?outcome .
            OPTIONAL { ?f akg:count ?count } OPTIONAL { ?f akg:minCount ?min }
            OPTIONAL { ?f sem:accordingTo/rdfs:label ?source }
            OPTIONAL { ?f akg:subFigureOf/akg:asWritten ?whole }
        } ORDER BY ?n ?written""",
    )
    soldiers = "846 soldiers killed (opposition claims)"
    assert found == [
        (1, "12 tanks destroyed", 12, None, "tank", "destroyed", None, None),
        (1, "120 officers killed", 120, None, "officer", "killed", None, soldiers),
        (1, soldiers, 846, None, "soldier", "killed", "the opposition", None),
        (3, "at least 70 fighters killed", None, 70, "fighter", "killed", None, None),
        (4, "15 fighters captured", 15, None, "fighter", "captured", None, None),
    ]
    assert not ask(ongoing_graph, "ASK { ?f akg:figureFor/akg:sideNumber 2 ; a akg:LossFigure }")


# --- dates ----------------------------------------------------------------------------------

CONFLICT_DATES = """
    SELECT ?begin ?first ?latest ?last ?edtf ?ongoing WHERE {
        ?c a akg:Conflict ; akg:edtf ?edtf ;
           sem:hasEarliestBeginTimeStamp ?begin ; sem:hasLatestEndTimeStamp ?latest .
        OPTIONAL { ?c sem:hasBeginTimeStamp ?first } OPTIONAL { ?c sem:hasEndTimeStamp ?last }
        OPTIONAL { ?c akg:ongoing ?ongoing }
    }"""


def test_ongoing_end_is_open_and_bounded_by_the_latest_year_mentioned(ongoing_graph):
    """ "15 March 2011 – ongoing"; the prose mentions 2011, 2013 and 2014 at the latest."""
    assert rows(ongoing_graph, CONFLICT_DATES) == [
        (date(2011, 3, 15), date(2011, 3, 15), date(2014, 12, 31), None, "2011-03-15/..", True)
    ]


def test_present_end_after_a_month(present_graph):
    """ "March 2012 – present"; "Fighting continued through 2015" is the latest year."""
    assert rows(present_graph, CONFLICT_DATES) == [
        (date(2012, 3, 1), None, date(2015, 12, 31), None, "2012-03/..", True)
    ]


def test_us_style_day_in_the_prose(present_graph):
    assert ask(
        present_graph,
        """ASK { ?e a akg:Event ; sem:hasTimeStamp "2012-03-05"^^xsd:date ;
                 sem:hasPlace/rdfs:label "Ain Sawda"@en }""",
    )


@pytest.mark.parametrize(
    "text, begin, precision, written",
    [
        ("15 March 2011 – ongoing", date(2011, 3, 15), "day", "ongoing"),
        ("March 2012 – present", date(2012, 3, 1), "month", "present"),
        ("2011 - Present", date(2011, 1, 1), "year", "Present"),
    ],
)
def test_open_end_runs_to_the_horizon(text, begin, precision, written):
    first, last = DATES.read_range(text, "x", horizon=date(2016, 12, 31))
    assert (first.earliest, first.precision) == (begin, precision)
    assert (last.latest, last.day, last.precision, last.written) == (
        date(2016, 12, 31),
        None,
        "open",
        written,
    )
    assert last.edtf == ".."


def test_open_end_without_a_horizon_is_not_a_date():
    with pytest.raises(InputError, match="unknown word 'ongoing'"):
        DATES.read_range("15 March 2011 – ongoing", "x")


def test_years_in_running_text_not_in_counts():
    assert years_in("In June 2013, 2,015 men and 12013 shells; (2012) and 1,990.") == [
        (2013, 8),
        (2012, 43),
    ]


def test_no_date_line_falls_back_to_the_year_in_the_title(sparse_graph):
    assert rows(sparse_graph, CONFLICT_DATES) == [
        (date(2013, 1, 1), None, date(2013, 12, 31), None, "2013", None)
    ]
    assert rows(
        sparse_graph,
        """
        SELECT ?begin ?end WHERE { ?c a akg:Conflict ;
            prov:wasDerivedFrom [ nif:anchorOf "2013" ; nif:beginIndex ?begin ;
                                  nif:endIndex ?end ] }""",
    ) == [(2, 6)]
    warnings = read_article(FIXTURES / "sparse_title_year.txt", LEXICON).warnings
    assert warnings == (
        f"{FIXTURES / 'sparse_title_year.txt'}: the infobox has no Date line: "
        "the conflict's dates are the year in the title, 2013",
    )


def test_no_date_anywhere_is_an_input_error():
    text = (FIXTURES / "us_dates.txt").read_text(encoding="utf-8")
    article = parse_text(
        text.replace("- Date: March 5, 2012 – June 30, 2012\n", ""), Path("x"), LEXICON
    )
    with pytest.raises(InputError, match=r"^x: the infobox has no Date line$"):
        read_infobox(article, LEXICON)


# --- missing fields, results ----------------------------------------------------------------


def test_missing_fields_leave_the_rest_readable(sparse_graph):
    assert rows(
        sparse_graph,
        """
        SELECT ?n ?label WHERE { ?s akg:sideNumber ?n ; akg:hasCombatant/rdfs:label ?label }
        ORDER BY ?n""",
    ) == [(1, "Syrian Government"), (2, "Free Syrian Army")]
    assert rows(sparse_graph, "SELECT ?w WHERE { ?f akg:asWritten ?w }") == [
        ("35 fighters killed",)
    ]
    for absent in (
        "?c a akg:Conflict ; sem:hasPlace ?p",
        "?c a akg:Conflict ; sem:subEventOf ?p",
        "?c a akg:Conflict ; dbo:result ?r",
        "?c a akg:Conflict ; akg:resultItem ?r",
        "?c a akg:Command",
        "?f a akg:StrengthFigure",
    ):
        assert not ask(sparse_graph, f"ASK {{ {absent} }}"), absent


def test_result_with_several_outcomes(ongoing_graph):
    found = rows(
        ongoing_graph,
        """
        SELECT ?result ?item WHERE { ?c a akg:Conflict ; dbo:result ?result ;
                                        akg:resultItem ?item } ORDER BY ?item""",
    )
    whole = "Government victory; rebels withdraw to the hills<br>ceasefire agreed"
    assert found == [
        (whole, "Government victory"),
        (whole, "ceasefire agreed"),
        (whole, "rebels withdraw to the hills"),
    ]
    assert ask(
        ongoing_graph,
        f"""ASK {{ ?c akg:resultItem ?i ; prov:wasDerivedFrom/nif:anchorOf "{whole}" }}""",
    )


def test_status_key_and_self_closing_break(present_graph):
    assert rows(
        present_graph,
        "SELECT ?item WHERE { ?c akg:resultItem ?item } ORDER BY ?item",
    ) == [("Rebels hold the town",), ("government shelling continues",)]


# --- what a damaged article still yields ----------------------------------------------------


def test_damaged_article_keeps_every_readable_fact(damaged_graph):
    assert rows(
        damaged_graph,
        """
        SELECT ?n ?w WHERE { ?f akg:asWritten ?w ; akg:figureFor/akg:sideNumber ?n }
        ORDER BY ?n ?w""",
    ) == [
        (1, "45 fighters killed"),
        (1, "60 pick-up trucks"),
        (2, "2,000 soldiers"),
        (2, "9 tanks destroyed"),
    ]
    assert rows(damaged_graph, CONFLICT_DATES) == [
        (date(2014, 1, 1), None, date(2014, 12, 31), None, "2014", None)
    ]
    assert ask(
        damaged_graph, 'ASK { ?c a akg:Conflict ; sem:hasPlace/rdfs:label "Jisr al-Hawa"@en }'
    )
    assert not ask(damaged_graph, "ASK { ?c dbo:result ?r }")


def test_strict_extraction_stops_at_the_first_unreadable_item():
    path = FIXTURES / "damaged.txt"
    with pytest.raises(InputError, match=r"line 7: cannot read '- Result Stalemate'"):
        parse_article(path, LEXICON, strict=True)
    with pytest.raises(
        InputError,
        match=r"line 5 \(Date\): cannot read '30 February 2014 – 12 May 2014': no such day",
    ):
        read_infobox(parse_article(path, LEXICON), LEXICON, strict=True)


def test_a_field_whose_reader_fails_is_skipped_as_a_whole(monkeypatch):
    """The fallback around each field: one field lost, the others read, strict refuses."""

    def failing(self, conflict, field, number):
        raise InputError(self._where(field), "cannot be read")

    monkeypatch.setattr(InfoboxReader, "_territory", failing)
    path = FIXTURES / "three_sides.txt"
    extraction = read_article(path, LEXICON)
    value = next(f.value for f in extraction.article.fields if f.key == "Territory")
    assert f"{path}: line 8 (Territory): skipped {value!r}: cannot be read" in extraction.warnings
    assert extraction.conflict.control_changes == []
    assert extraction.conflict.result_items == [
        "Government victory",
        "Liwa al-Fajr withdraws to the hills",
    ]
    with pytest.raises(InputError, match=r"^\S+: line 8 \(Territory\): cannot be read$"):
        read_article(path, LEXICON, strict=True)
