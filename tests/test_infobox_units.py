"""The infobox readers as units, on plain values: no article file, no build, no SPARQL.

Expected values are worked out by hand from the input and the tables in data/lexicon/
(ranks.tsv, fates.tsv, organizations.tsv, categories.tsv, outcomes.tsv, sources.tsv,
cues.tsv): offsets are counted character by character in the comments.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import DATES, LEXICON, QUANTITIES

from aleppo_kg.build.infobox.conflict import (
    Sides,
    conflict_dates,
    outcomes,
    parent_conflicts,
    place_chain,
    sequel,
    territory,
    title_year,
)
from aleppo_kg.build.infobox.figures import FigureReader, Reading
from aleppo_kg.build.infobox.items import Item, items, leading_depth, list_items
from aleppo_kg.build.infobox.notes import Notes
from aleppo_kg.build.infobox.reader import field_name
from aleppo_kg.build.infobox.sides import CommanderReader, factions, units
from aleppo_kg.errors import InputError
from aleppo_kg.model import (
    Article,
    Commander,
    DateValue,
    Entity,
    Field,
    Figure,
    Organization,
    Quantity,
    Span,
)
from aleppo_kg.text.names import Names

NAMES = Names(LEXICON)
COMMANDERS = CommanderReader(LEXICON, NAMES)
FIGURES = FigureReader(LEXICON, NAMES, QUANTITIES)
WHERE = "a.txt: line 9 (Casualties1)"


def org(key: str, label: str, written: str, span: Span | None, aliases=(), state=False):
    return Organization(Entity(key, label, written, span), aliases, state)


# --- items ---------------------------------------------------------------------------------


def test_items_split_at_commas_and_line_breaks_with_spans_into_the_article():
    # "A, B<br>C": A at 0, B at 3, C at 8 (after the 4 characters of <br>); the value at 10
    assert list(items("A, B<br>C", 10)) == [
        ("A", Span(10, 11)),
        ("B", Span(13, 14)),
        ("C", Span(18, 19)),
    ]


def test_a_comma_inside_a_number_does_not_split_and_junk_is_stripped():
    # "1,659 fighters" is 14 characters; "20 tanks" starts after ", " at 16
    assert list(items("1,659 fighters, 20 tanks", 0)) == [
        ("1,659 fighters", Span(0, 14)),
        ("20 tanks", Span(16, 24)),
    ]
    # quotes, a bullet and a full stop around "Foo" (at 3) are not part of it
    assert list(items(" '•Foo.' ", 0)) == [("Foo", Span(3, 6))]


def test_nesting_depth_counts_the_asterisks():
    assert leading_depth("** X") == 2
    assert leading_depth("* * X") == 2
    assert leading_depth("X") == 0


def _texts(value: str) -> list[tuple[str, int, tuple[str, ...], bool]]:
    return [
        (i.text, i.depth, tuple(n for n, _ in i.notes), i.supporter)
        for i in list_items(value, 0, LEXICON)
    ]


def test_list_items_attach_notes_given_as_their_own_items_to_the_item_before():
    value = "Capt. Ali Omar, (4th Brigade commander), Sami Haddad (FSA), ()"
    assert _texts(value) == [
        ("Capt. Ali Omar", 0, ("4th Brigade commander",), False),
        ("Sami Haddad", 0, ("FSA",), False),
        ("", 0, (), False),  # an empty item: an entry lost in conversion
    ]


def test_list_items_split_people_run_together_after_a_parenthesis():
    assert _texts("Ali Hassan(FSA) Capt. Yusuf Saleh ()") == [
        ("Ali Hassan", 0, ("FSA",), False),
        ("Capt. Yusuf Saleh", 0, (), False),
    ]


def test_list_items_drop_residue_headings_and_placeholders():
    value = "', 16px Republican Guard, ---- 1st Corps:, See below, Allied militias:, Foo<hr>Bar"
    assert [t for t, *_ in _texts(value)] == ["", "Republican Guard", "1st Corps", "Foo", "Bar"]


def test_items_after_supported_by_are_supporters():
    assert _texts("Army, Supported by:, Coalition, Navy") == [
        ("Army", 0, (), False),
        ("Coalition", 0, (), True),
        ("Navy", 0, (), True),
    ]


def test_a_list_item_keeps_its_span_and_its_written_form_with_notes():
    (item,) = list_items("  * Security Forces (pro-Saleh),", 10, LEXICON)
    assert item == Item(
        "Security Forces",
        Span(14, 41),
        1,
        "Security Forces (pro-Saleh)",
        (("pro-Saleh", Span(31, 40)),),
    )


def test_a_quoted_nickname_is_not_part_of_the_name():
    (item,) = list_items('Sergey "Botsman" Povalyaev', 0, LEXICON)
    assert (item.text, item.written) == ("Sergey Povalyaev", 'Sergey "Botsman" Povalyaev')


# --- sides ---------------------------------------------------------------------------------


def _commanders(value: str) -> list[Commander]:
    text = "- Commander2: " + value  # the value starts at 14
    found, _ = COMMANDERS.read_list(value, 14, text, WHERE, Notes())
    return found


def test_a_commander_with_rank_fate_and_unit():
    (commander,) = _commanders("1st Lt. Rifaat Khalil KIA (Free North Brigade)")
    # "1st Lt." is First Lieutenant (ranks.tsv), KIA killed in action (fates.tsv); the name
    # "Rifaat Khalil" is at 8..21 of the value, the unit (named by its last word, "Brigade",
    # a unit noun of cues.tsv) at 27..45
    assert commander == Commander(
        person=Entity("person/rifaat-khalil", "Rifaat Khalil", "Rifaat Khalil", Span(22, 35)),
        rank="first-lieutenant",
        rank_written="1st Lt.",
        fate="killed-in-action",
        unit=org(
            "org/free-north-brigade", "Free North Brigade", "Free North Brigade", Span(41, 59)
        ),
        span=Span(14, 60),
    )


@pytest.mark.parametrize(
    "value, name, fate",
    [
        ("Capt. Ahmad NasserKIA", "Ahmad Nasser", "killed-in-action"),
        ("Omar HaddadWIA", "Omar Haddad", "wounded-in-action"),
        ('"Abu Omar"POW', "Abu Omar", "captured"),
        ("Brig Gen Saleh Salem SalehKIA ", "Saleh Salem Saleh", "killed-in-action"),
        ("Yusuf Karam (KIA)", "Yusuf Karam", "killed-in-action"),
    ],
)
def test_a_fate_marker_glued_to_the_name_or_in_a_note_is_the_fate(value, name, fate):
    (commander,) = _commanders(value)
    assert (commander.person.label, commander.fate) == (name, fate)


def test_ranks_are_read_without_their_periods_and_notes_name_the_unit_or_the_role():
    first, second = _commanders(
        "Brig Gen Sami Haddad, (Hezbollah commander), Tariq Nasr, (Governor of the province)"
    )
    assert (first.rank, first.rank_written, first.unit.entity.label) == (
        "brigadier-general",
        "Brig Gen",
        "Hezbollah",
    )
    assert (second.unit, second.role) == (None, "Governor of the province")


def test_unknown_commanders_and_a_commander_with_no_name():
    notes = Notes()
    # "Unknown" at 0..7; "KIA" at 9..12 leaves no name once the fate marker is read
    found = COMMANDERS.read_list("Unknown, KIA", 0, "Unknown, KIA", WHERE, notes)
    assert found == ([], True)
    assert notes.warnings == [f"{WHERE}: skipped 'KIA': a commander with no name"]
    with pytest.raises(InputError, match=r"cannot read 'KIA': a commander with no name$"):
        COMMANDERS.read_list("KIA", 0, "KIA", WHERE, Notes(strict=True))


def test_units_nest_by_asterisks_and_top_level_units_have_no_parent():
    # "Free Syrian Army, * 6th Division": the FSA at 0..16, the division at 20..32
    found = units("Free Syrian Army, * 6th Division", 0, NAMES, LEXICON)
    fsa = org("org/free-syrian-army", "Free Syrian Army", "Free Syrian Army", Span(0, 16), ("FSA",))
    # a numbered unit is keyed within the named unit above it
    division = org(
        "org/free-syrian-army-6th-division", "6th Division", "6th Division", Span(20, 32)
    )
    assert [(u.organization, u.parent, u.depth) for u in found] == [
        (fsa, None, 0),
        (division, fsa, 1),
    ]


def test_a_unit_under_an_entry_lost_in_conversion_has_no_parent():
    found = units("A Corps, , * B Brigade, C Corps:, * D Brigade (note)", 0, NAMES, LEXICON)
    assert [(u.organization.entity.label, u.parent and u.parent.entity.label) for u in found] == [
        ("A Corps", None),
        ("B Brigade", None),
        ("C Corps", None),
        ("D Brigade", "C Corps"),
    ]


def test_generic_names_mean_a_known_group_only_in_its_country():
    # "army" is a generic name of the Syrian Army (organizations.tsv, country Syria)
    assert (
        Names(LEXICON, country="Syria").organization("Army", None).entity.key == "org/syrian-army"
    )
    assert Names(LEXICON, country="Iraq").organization("Army", None).entity.key == "org/army"
    assert Names(LEXICON, country="Iraq").organization("Syrian Arab Army", None).entity.key == (
        "org/syrian-army"
    )


def test_factions_are_split_by_rules_and_their_groups_by_commas():
    # "FSA, Al-Nusra<hr>YPG": FSA 0..3, Al-Nusra 5..13, YPG 17..20 (organizations.tsv aliases)
    found, supporters = factions("FSA, Al-Nusra<hr>YPG, Supported by:, X", 0, NAMES, LEXICON)
    assert [[(o.entity.key, o.entity.span) for o in f] for f in found] == [
        [("org/free-syrian-army", Span(0, 3)), ("org/al-nusra-front", Span(5, 13))],
        [("org/peoples-protection-units", Span(17, 20))],
    ]
    assert [o.entity.key for o in supporters] == ["org/x"]


# --- figures -------------------------------------------------------------------------------


def _figures(value: str, kind: str = "loss", notes: Notes | None = None) -> list[Figure]:
    return FIGURES.read_list(value, 0, kind, value, WHERE, notes or Notes())


def test_a_loss_figure_with_equipment_outcome_and_claim_source():
    item = "1 Su-22 jet bomber shot down (opposition claims)"
    notes = Notes()
    (figure,) = _figures(item, notes=notes)
    # "shot down" -> shot-down (outcomes.tsv), "jet bomber" -> jet-bomber (categories.tsv),
    # "opposition claims" (at 30..47) -> the opposition (sources.tsv)
    assert figure == Figure(
        kind="loss",
        quantity=Quantity("exact", exact=1),
        category="jet-bomber",
        outcome="shot-down",
        written=item,
        span=Span(0, 48),
        equipment="Su-22",
        organization=None,
        source=Entity("source/opposition", "the opposition", "opposition claims", Span(30, 47)),
    )
    assert notes.warnings == []


def test_a_figure_without_a_noun_counts_what_the_previous_one_did():
    reading = Reading("loss", "fighter", "", WHERE, Notes())
    # "wounded" is the outcome injured (outcomes.tsv)
    figure = FIGURES.read("80 wounded", Span(0, 10), reading)
    assert (figure.quantity, figure.category, figure.outcome) == (
        Quantity("exact", exact=80),
        "fighter",
        "injured",
    )


def test_an_unknown_counted_noun_is_kept_under_its_own_name_with_a_warning():
    notes = Notes()
    figure = FIGURES.read("3 camels", Span(0, 8), Reading("strength", "people", "", WHERE, notes))
    assert (figure.category, figure.outcome) == ("camels", None)
    assert notes.warnings == [f"{WHERE}: unknown counted noun 'camels': kept under its own name"]


def _summary(figure: Figure) -> tuple:
    q = figure.quantity
    source = figure.source.key if figure.source else None
    return (figure.category, figure.outcome, q.exact, q.minimum, q.maximum, source)


def test_a_claim_given_as_its_own_item_and_claimants_named_otherwise():
    value = (
        "1,120 killed, (opposition claims), 40 killed (rebel claim), "
        "12 killed (Iraqi claim, denied), 7 dead (per Iraq and US)"
    )
    assert [_summary(f) for f in _figures(value)] == [
        ("people", "killed", 1120, None, None, "source/opposition"),
        ("people", "killed", 40, None, None, "source/opposition"),
        ("people", "killed", 12, None, None, "source/iraq"),
        ("people", "killed", 7, None, None, "source/iraq"),
    ]


def test_figures_joined_by_and_broken_down_in_parentheses_and_outcomes_joined_by_or():
    value = "20 soldiers killed, 85 wounded and 24 captured (14 released, 4 executed), "
    value += "14 tanks destroyed or damaged, Civilian casualties: 104+ killed"
    found = [(_summary(f), f.part_of is not None) for f in _figures(value)]
    assert found == [
        (("soldier", "killed", 20, None, None, None), False),
        (("soldier", "injured", 85, None, None, None), False),
        (("soldier", "captured", 24, None, None, None), False),
        (("soldier", "captured", 14, None, None, None), True),
        (("soldier", "killed", 4, None, None, None), True),
        (("tank", "destroyed", 14, None, None, None), False),
        (("civilian", "killed", None, 104, None, None), False),
    ]


def test_the_first_noun_of_a_strength_counts_and_words_are_bounds():
    value = "5,000 soldiers and militia, Thousands of fighters, a dozen tanks"
    assert [_summary(f) for f in _figures(value, "strength")] == [
        ("soldier", None, 5000, None, None, None),
        ("fighter", None, None, 2000, None, None),
        ("tank", None, 12, None, None, None),
    ]


def test_an_asterisked_figure_is_part_of_the_one_above_and_names_its_group():
    value = "25,000 fighters, * 2,500 Al-Nusra fighters, tanks"
    notes = Notes()
    first, second = FIGURES.read_list(value, 0, "strength", value, WHERE, notes)
    # "25,000 fighters" 0..15; "2,500 Al-Nusra fighters" 19..42, Al-Nusra at 25..33
    assert (first.quantity, first.category, first.part_of) == (
        Quantity("exact", exact=25000),
        "fighter",
        None,
    )
    assert second.part_of == first
    assert second.span == Span(19, 42)
    assert second.organization == org(
        "org/al-nusra-front",
        "Al-Nusra Front",
        "Al-Nusra",
        Span(25, 33),
        ("Jabhat al-Nusra", "Nusra Front", "Al-Nusra", "al-Nusra"),
    )
    assert notes.warnings == [f"{WHERE}: skipped 'tanks': no number in it"]


# --- the conflict --------------------------------------------------------------------------


def test_part_of_names_a_chain_of_wider_conflicts():
    text = "the early insurgency phase of the Syrian civil war"  # 50 characters
    (found,) = parent_conflicts(text, Span(100, 150), LEXICON)
    # "the " is not the name: it starts at 104; "phase of the" (cues.tsv) ends at 130
    assert found.entity == Entity(
        "conflict/early-insurgency-phase-of-the-syrian-civil-war",
        "Early insurgency phase of the Syrian civil war",
        text[4:],
        Span(104, 150),
    )
    assert found.parent.entity == Entity(
        "conflict/syrian-civil-war", "Syrian civil war", "Syrian civil war", Span(134, 150)
    )
    assert found.parent.parent is None


def _chains(text: str) -> list[list[str]]:
    """Each parent's chain of labels, from the nearest conflict outwards."""
    chains = []
    for parent in parent_conflicts(text, Span(0, len(text)), LEXICON):
        chain = []
        while parent is not None:
            assert text[parent.entity.span.start : parent.entity.span.end] == parent.entity.written
            chain.append(parent.entity.label)
            parent = parent.parent
        chains.append(chain)
    return chains


def test_part_of_with_two_parents_joined_by_and():
    assert _chains("the Battle of Kafr Nabl and the Idlib insurgency") == [
        ["Battle of Kafr Nabl"],
        ["Idlib insurgency"],
    ]


def test_and_inside_a_name_does_not_split_it():
    assert _chains("the Siege of Nubl and al-Zahraa") == [["Siege of Nubl and al-Zahraa"]]


def test_part_of_with_an_ancestor_in_parentheses():
    text = "the 2013 Hama clashes (Early insurgency phase of the Syrian civil war)"
    assert _chains(text) == [
        ["2013 Hama clashes", "Early insurgency phase of the Syrian civil war", "Syrian civil war"]
    ]


def test_part_of_chained_by_of_the_with_years_kept_as_in_their_articles_titles():
    text = (
        "the 2019 Tigris offensive of the War in Ruritania (2001-2021) "
        "of the Ruritanian conflict (1978-present)"
    )
    assert _chains(text) == [
        [
            "2019 Tigris offensive",
            "War in Ruritania (2001-2021)",
            "Ruritanian conflict (1978-present)",
        ]
    ]


def test_a_remark_that_culminates_in_a_conflict_names_its_sequel():
    text = "Culmination in the battle of Aleppo city"  # 40 characters; the name at 19
    assert sequel(text, Span(0, 40), LEXICON) == Entity(
        "conflict/battle-of-aleppo-city",
        "Battle of Aleppo city",
        "battle of Aleppo city",
        Span(19, 40),
    )
    assert sequel("Government victory", Span(0, 18), LEXICON) is None


def test_the_place_line_is_a_chain_each_in_the_next():
    # "Kafr Foo, Syria": Kafr Foo (unknown to the gazetteer) at 0..8, Syria at 10..15
    places = place_chain("Kafr Foo, Syria", 0, NAMES)
    assert [(p.entity.key, p.entity.span) for p in places] == [
        ("place/kafr-foo", Span(0, 8)),
        ("place/syria", Span(10, 15)),
    ]
    assert places[0].parent == places[1]


def test_the_result_names_each_outcome():
    assert outcomes("Government victory; ceasefire<br/>Rebels withdraw", 0) == [
        "Government victory",
        "ceasefire",
        "Rebels withdraw",
    ]


NO_SIDES = Sides(None, lambda actor: None)


def _changes(value: str, sides: Sides = NO_SIDES) -> list[tuple[str, str]]:
    found = territory(value, 0, LEXICON, NAMES, sides)
    return [(c.actor.entity.label, c.place.entity.label) for c in found.changes]


def test_territory_is_one_control_change_a_place_and_remarks_for_the_rest():
    value = "Rebels take control of Azaz and Marea, stalemate elsewhere"
    found = territory(value, 0, LEXICON, NAMES, NO_SIDES)
    # "Rebels" 0..6; "Azaz" 23..27; "Marea" 32..37; "stalemate elsewhere" 39..58
    assert [(c.actor.entity.key, c.place.entity.written, c.span) for c in found.changes] == [
        ("org/rebels", "Azaz", Span(23, 27)),
        ("org/rebels", "Marea", Span(32, 37)),
    ]
    assert found.remarks == [("stalemate elsewhere", Span(39, 58))]
    assert territory("Stalemate", 0, LEXICON, NAMES, NO_SIDES).changes == []


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Guards retakes Kafr Qasim", [("Guards", "Kafr Qasim")]),
        ("Militia regains control of Tell Hamra", [("Militia", "Tell Hamra")]),
        ("Kafr Qasim fell to the Brigade", [("Brigade", "Kafr Qasim")]),
        (
            "Guards & Militia recapture the Lebanese town of Deir Mimas from rebel forces",
            [("Guards", "Deir Mimas"), ("Militia", "Deir Mimas")],
        ),
        ("Guards captures Qarya city on 28 August", [("Guards", "Qarya")]),
        (
            "Stalemate; Guards seized Base 80 and Al-Hamra border",
            [("Guards", "Base 80"), ("Guards", "Al-Hamra border")],
        ),
    ],
)
def test_control_changes_phrased_otherwise(value, expected):
    assert _changes(value) == expected


def test_a_withdrawal_leaves_the_places_to_the_other_side_and_the_town_is_the_conflicts():
    home = NAMES.place("Qarya", Span(0, 5))
    militia = NAMES.organization("Militia", None)
    sides = Sides(home, lambda actor: militia if actor.entity.label == "Guards" else None)
    assert _changes("Guards withdrew from Tell Hamra", sides) == [("Militia", "Tell Hamra")]
    assert _changes("Militia captures the town after a siege", sides) == [("Militia", "Qarya")]


def _article(title: str) -> Article:
    text = f"= {title} =\n"
    return Article(
        Path("a.txt"), text, title, Span(2, 2 + len(title)), "", "", fields=(), sections=()
    )


def test_with_no_date_line_the_dates_are_the_year_in_the_title():
    article = _article("The 2013 Foo offensive")  # the title at 2; its year at 4..8 of it
    notes = Notes()
    begin, end, span = conflict_dates(None, article, DATES, notes)
    year = DateValue(date(2013, 1, 1), date(2013, 12, 31), "year", "2013")
    assert (begin, end, span) == (year, year, Span(6, 10))
    assert notes.warnings == [
        "a.txt: the infobox has no Date line: the conflict's dates are the year in the title, 2013"
    ]
    assert title_year("Foo offensive", Span(0, 13)) is None
    with pytest.raises(InputError, match=r"^a.txt: the infobox has no Date line$"):
        conflict_dates(None, _article("Foo offensive"), DATES, Notes())


def test_an_unreadable_date_line_falls_back_to_the_title_year_unless_strict():
    article = _article("2014 Bar clashes")
    field = Field("Date", "30 February 2014", 5, Span(20, 40), Span(26, 42))
    notes = Notes()
    begin, end, span = conflict_dates(field, article, DATES, notes)
    assert (begin.earliest, end.latest, span) == (date(2014, 1, 1), date(2014, 12, 31), Span(2, 6))
    where = "a.txt: line 5 (Date)"
    assert notes.warnings[0].startswith(f"{where}: skipped '30 February 2014': no such day")
    assert notes.warnings[1] == f"{where}: the conflict's dates are the year in the title, 2014"
    with pytest.raises(InputError, match=r"line 5 \(Date\): cannot read '30 February 2014'"):
        conflict_dates(field, article, DATES, Notes(strict=True))


@pytest.mark.parametrize(
    "value, first, last",
    [
        # two periods, each with its own note: the first begin and the last end
        (
            "8–30 September 2011, () (First phase), 9–17 October 2011, () (Second phase)",
            date(2011, 9, 8),
            date(2011, 10, 17),
        ),
        # a separator lost between two dates: "2011" and "8 June" run together
        ("6 May 20118 June 2013", date(2011, 5, 6), date(2013, 6, 8)),
    ],
)
def test_a_date_line_of_several_periods_or_run_together_dates_reads_with_a_warning(
    value, first, last
):
    field = Field("Date", value, 5, Span(20, 20 + len(value)), Span(26, 26 + len(value)))
    notes = Notes()
    begin, end, span = conflict_dates(field, _article("Baz clashes"), DATES, notes)
    assert (begin.earliest, end.latest, span) == (first, last, field.value_span)
    assert len(notes.warnings) == 1 and notes.warnings[0].startswith(
        f"a.txt: line 5 (Date): read {value!r} as "
    )


def test_a_date_line_with_one_impossible_date_is_not_read_as_the_other():
    with pytest.raises(InputError, match="cannot read the date"):
        DATES.read_periods("30 February 2014 – 12 May 2014", "x")


def test_field_names_and_side_numbers_come_from_the_keys_table():
    assert field_name("Combatant2", LEXICON) == ("combatant", 2)
    assert field_name("Combatant", LEXICON) == ("combatant", 1)
    assert field_name("Date", LEXICON) == ("date", None)
    assert field_name("Notes", LEXICON) == (None, None)
    assert field_name("Combatant0", LEXICON) == (None, None)  # sides are counted from 1
