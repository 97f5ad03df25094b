"""The prose reader's units on single sentences: the values they return, worked out by hand.

Expected values come from the tables in ``data/lexicon/`` (cues, places, outcomes,
categories, sources, organisations), not from a build.
"""

from __future__ import annotations

from datetime import date

from conftest import LEXICON

from aleppo_kg.build.prose.clauses import Clause, split_clauses, splits
from aleppo_kg.build.prose.dates import DateFinder
from aleppo_kg.build.prose.events import family, keyed, merge, resolve_type, same_day
from aleppo_kg.build.prose.figures import FigureReader, nearest
from aleppo_kg.build.prose.patterns import patterns_for
from aleppo_kg.build.prose.places import PlaceFinder, Whereabouts, is_new_place
from aleppo_kg.build.prose.sources import SourceReader
from aleppo_kg.model import (
    ActorRole,
    DateValue,
    Entity,
    Event,
    Figure,
    Organization,
    Place,
    PlaceMention,
    Quantity,
    Span,
)
from aleppo_kg.text.names import Names

PATTERNS = patterns_for(LEXICON)
DATES = DateFinder(LEXICON, PATTERNS)
FIGURES = FigureReader(LEXICON, PATTERNS)
SOURCES = SourceReader(LEXICON, PATTERNS)
NAMES = Names(LEXICON)
APRIL_6 = DateValue(date(2012, 4, 6), date(2012, 4, 6), "day", "6 April")


def _day(day: date, written: str) -> DateValue:
    return DateValue(day, day, "day", written)


def _place(key: str) -> Place:
    return NAMES.gazetteer_place(key, LEXICON.places[key].label, None)


def _figure(category: str, outcome: str) -> Figure:
    return Figure("loss", Quantity("exact", exact=1), category, outcome, "", Span(0, 1))


# --- patterns --------------------------------------------------------------------------


def test_patterns_are_compiled_once_per_lexicon() -> None:
    assert patterns_for(LEXICON) is PATTERNS


def test_priority_is_the_strongest_cue_of_a_type() -> None:
    # event_cues.tsv: "looted", "looting", "plundered" all say looting at priority 90
    assert PATTERNS.priority("looting-property-destruction") == 90
    assert PATTERNS.priority("no-such-type") == 0


# --- dates ---------------------------------------------------------------------------------


def test_a_date_without_a_year_takes_the_last_year_written() -> None:
    found = DATES.dates("On 6 April, rebels attacked a checkpoint.", 2012, None)
    assert found.values == [APRIL_6]
    assert found.year == 2012


def test_a_year_written_is_remembered() -> None:
    found = DATES.dates("On 6 April 2013, rebels attacked.", 2012, None)
    assert [v.earliest for v in found.values] == [date(2013, 4, 6)]
    assert found.year == 2013


def test_the_next_day_and_two_days_later_count_from_the_last_date() -> None:
    next_day = DATES.dates("The next day, the army shelled Azaz.", 2012, APRIL_6)
    assert next_day.values == [_day(date(2012, 4, 7), "The next day")]
    later = DATES.dates("Two days later, the army shelled Azaz.", 2012, APRIL_6)
    assert later.values == [_day(date(2012, 4, 8), "Two days later")]


def test_relative_dates_need_a_date_before_them() -> None:
    assert DATES.dates("The next day, the army shelled Azaz.", 2012, None).values == []


def test_over_the_next_weeks_is_a_span_from_the_last_date() -> None:
    found = DATES.dates("Over the next two weeks, rebels advanced.", 2012, APRIL_6)
    assert found.values == [
        DateValue(date(2012, 4, 6), date(2012, 4, 20), "within", "Over the next two weeks")
    ]


def test_coordinated_dates_are_all_the_sentences_dates() -> None:
    found = DATES.dates("Clashes on 6 April and 9 April killed two.", 2012, None)
    assert [v.earliest for v in found.values] == [date(2012, 4, 6), date(2012, 4, 9)]
    apart = DATES.dates("On 6 April the army attacked, and rebels on 9 April.", 2012, None)
    assert [v.earliest for v in apart.values] == [date(2012, 4, 6)]


def test_a_date_after_since_dates_only_the_background() -> None:
    found = DATES.dates("Fighting went on since the truce of 12 April ended.", 2012, None)
    assert found.values == []


def test_days_after_is_the_week_before_the_date() -> None:
    found = DATES.dates("On 3 May, days after the truce, rebels attacked.", 2012, None)
    assert found.values == [
        DateValue(date(2012, 4, 26), date(2012, 5, 2), "within", "days before 3 May")
    ]


# --- clauses -------------------------------------------------------------------------------


def test_a_sentence_splits_at_while() -> None:
    clauses = split_clauses(
        "Rebels attacked the checkpoint, while the army shelled Azaz.", 100, PATTERNS
    )
    assert [(c.text, c.start) for c in clauses] == [
        ("Rebels attacked the checkpoint", 100),
        (", while the army shelled Azaz.", 130),
    ]
    assert [c.best.event_type for c in clauses[1:]] == ["shelling-artillery-missile-attack"]


def test_an_as_opening_is_background() -> None:
    clauses = split_clauses("As the army advanced, rebels looted shops.", 0, PATTERNS)
    assert [(c.text, c.start, c.background) for c in clauses] == [
        ("As the army advanced,", 0, True),
        (" rebels looted shops.", 21, False),
    ]
    assert clauses[1].best.event_type == "looting-property-destruction"
    assert clauses[1].best.standalone


def test_a_cue_in_quotes_says_nothing() -> None:
    (clause,) = split_clauses('He called it "looted" in a speech.', 0, PATTERNS)
    assert clause.cues == []


def test_a_standalone_act_splits_off_but_a_killing_does_not() -> None:
    shelled, looted = split_clauses(
        "The army shelled Azaz, while rebels looted shops.", 0, PATTERNS
    )
    assert splits(looted, shelled, LEXICON)
    assert not splits(shelled, shelled, LEXICON)


# --- places --------------------------------------------------------------------------------


def _places(text: str, where: Whereabouts | None = None) -> list[PlaceMention]:
    finder = PlaceFinder(LEXICON, PATTERNS, _place("aleppo-governorate"))
    return finder.places(Clause(text, 0), where or Whereabouts())


def test_a_place_described_as_part_of_a_region() -> None:
    (mention,) = _places("Clashes broke out in northern Aleppo province.")
    assert mention.place.entity.key == "place/aleppo-governorate"
    assert mention.description == "northern Aleppo province"


def test_a_city_named_as_a_region_is_its_governorate() -> None:
    (mention,) = _places("Clashes broke out in northern Aleppo.")
    assert mention.place.entity.key == "place/aleppo-governorate"
    assert mention.place.entity.span == Span(30, 36)
    assert mention.description == "northern Aleppo"


def test_a_place_named_to_locate_another_is_dropped() -> None:
    (mention,) = _places("Rebels attacked Atareb town in Aleppo province.")
    assert mention.place.entity.key == "place/atarib"
    assert mention.place.entity.written == "Atareb"
    assert mention.description is None


def test_a_name_the_gazetteer_lacks_after_a_place_verb() -> None:
    (mention,) = _places("The army shelled Khirbet Nasma.")
    assert mention.place.entity.key == "place/khirbet-nasma"
    assert mention.place.place_type is None
    assert mention.place.entity.span == Span(17, 30)


def test_a_demonym_is_no_place() -> None:
    assert _places("The army fired near Syrian positions.") == []


def test_the_city_and_the_countryside_are_places_in_mind() -> None:
    aleppo = _place("aleppo")
    (city,) = _places("Clashes erupted in the city.", Whereabouts(city=aleppo))
    assert city.place is aleppo
    (region,) = _places("Clashes erupted in the countryside.")
    assert region.place.entity.key == "place/aleppo-governorate"


def test_a_reader_remembers_the_city_region_and_town() -> None:
    aleppo, azaz = _place("aleppo"), _place("azaz")
    where = Whereabouts().remember([PlaceMention(aleppo), PlaceMention(azaz)], LEXICON.place_scales)
    assert where == Whereabouts(city=aleppo, region=aleppo, town=azaz)
    assert where.context() == PlaceMention(azaz, inherited=True)


def test_a_place_unrelated_to_the_event_is_a_new_incident() -> None:
    event = Event(APRIL_6, "killing", places=[PlaceMention(_place("azaz"))])
    assert is_new_place([PlaceMention(_place("manbij"))], event)
    assert not is_new_place([PlaceMention(_place("aleppo-governorate"))], event)


# --- figures -------------------------------------------------------------------------------


def test_a_figure_before_its_noun_with_the_verb_before_it() -> None:
    text = "Rebels attacked, killing at least 12 soldiers."
    (figure,) = FIGURES.figures(Clause(text, 0), None, [], text)
    assert figure.kind == "loss"
    assert figure.quantity == Quantity("at-least", minimum=12)
    assert figure.category == "soldier"
    assert figure.outcome == "killed"
    assert figure.written == "at least 12 soldiers"
    assert figure.span == Span(25, 45)


def test_a_rebel_or_civilian_is_people() -> None:
    text = "A rebel or civilian was killed."
    (figure,) = FIGURES.figures(Clause(text, 0), None, [], text)
    assert (figure.quantity, figure.category, figure.outcome) == (
        Quantity("exact", exact=1),
        "people",
        "killed",
    )


def test_a_crowd_with_no_verb_is_its_size() -> None:
    text = "Some 5,000 protesters marched."
    (figure,) = FIGURES.figures(Clause(text, 0), None, [], text)
    assert figure.kind == "participation"
    assert figure.category == "protester"
    assert figure.outcome == "participated"


def test_a_bare_number_counts_the_category_before() -> None:
    text = "and five injured"
    assert FIGURES.counted(text, 4, 8, "civilian") == ("civilian", 8, "injured")


def test_the_nearest_reporter_is_the_one_before() -> None:
    first = Entity("source/sohr", "SOHR", "SOHR", Span(0, 4))
    second = Entity("source/sana", "SANA", "SANA", Span(50, 54))
    assert nearest([(0, first), (50, second)], 30) is first
    assert nearest([(50, second)], 30) is second
    assert nearest([], 30) is None


# --- sources and actors --------------------------------------------------------------------


def test_a_reporter_after_according_to() -> None:
    text = "According to the SOHR, 12 soldiers were killed."
    event = Event(APRIL_6, "killing")
    assert SOURCES.reporters(text, 1000, event) == [
        (
            1017,
            Entity("source/sohr", "Syrian Observatory for Human Rights", "SOHR", Span(1017, 1021)),
        )
    ]


def test_a_counted_noun_as_subject_reports() -> None:
    text = "Soldiers said five rebels died."
    assert SOURCES.reporters(text, 0, Event(APRIL_6, "killing")) == [
        (0, Entity("source/soldiers", "soldiers", "Soldiers", Span(0, 8)))
    ]


def test_actors_by_their_place_in_the_clause() -> None:
    text = "The FSA attacked a checkpoint of the army."
    roles = SOURCES.actors([Clause(text, 0)], Event(APRIL_6, "killing"))
    assert [(r.actor.entity.label, r.role) for r in roles] == [
        ("Free Syrian Army", "attacker"),
        ("Syrian Army", "participant"),
    ]
    against = SOURCES.actors([Clause("Rebels fought against the army.", 0)], Event(APRIL_6, "x"))
    assert [(r.actor.entity.label, r.role) for r in against] == [
        ("Rebels", "participant"),
        ("Syrian Army", "target"),
    ]


def test_a_group_of_people_killed_is_a_victim() -> None:
    event = Event(APRIL_6, "killing", figures=[_figure("protester", "killed")])
    (role,) = SOURCES.actors([Clause("Troops fired on protesters.", 0)], event)
    assert role == ActorRole(
        Organization(Entity("group/protesters", "Protesters", "protesters", Span(16, 26))),
        "victim",
        group=True,
    )


# --- events after reading ------------------------------------------------------------------


def test_a_killing_of_only_civilians_is_an_attack() -> None:
    civilians = Event(APRIL_6, "killing", figures=[_figure("civilian", "killed")])
    assert resolve_type(civilians, LEXICON) == "attack"
    both = Event(
        APRIL_6, "killing", figures=[_figure("civilian", "killed"), _figure("soldier", "killed")]
    )
    assert resolve_type(both, LEXICON) == "armed-clash"
    assert resolve_type(Event(APRIL_6, "killing"), LEXICON) == "armed-clash"


def test_protesters_killed_is_excessive_force() -> None:
    event = Event(APRIL_6, "peaceful-protest", figures=[_figure("protester", "killed")])
    assert resolve_type(event, LEXICON) == "excessive-force-against-protesters"


def test_a_killing_has_no_family_yet() -> None:
    assert family("killing", LEXICON) is None
    assert family("no-such-type", LEXICON) == "no-such-type"


def test_same_day_needs_two_days() -> None:
    april = DateValue(date(2012, 4, 1), date(2012, 4, 30), "month", "April")
    assert same_day(APRIL_6, _day(date(2012, 4, 6), "April 6"))
    assert not same_day(april, april)


def test_an_event_told_twice_is_merged() -> None:
    azaz = PlaceMention(_place("azaz"))
    lead = Event(APRIL_6, "killing", spans=[Span(0, 10)], places=[azaz])
    body = Event(APRIL_6, "looting-property-destruction", spans=[Span(50, 60)], places=[azaz])
    (merged,) = merge([lead, body], PATTERNS, LEXICON)
    assert merged is lead
    assert merged.spans == [Span(0, 10), Span(50, 60)]
    assert merged.event_type == "looting-property-destruction"


def test_keys_count_repeats() -> None:
    azaz = PlaceMention(_place("azaz"))
    events = keyed([Event(APRIL_6, "attack", places=[azaz]) for _ in range(2)])
    assert [e.key for e in events] == [
        "event/2012-04-06-attack-azaz",
        "event/2012-04-06-attack-azaz-2",
    ]
