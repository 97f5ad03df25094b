"""The prose reader's rules for issue 14, on made-up sentences and a made-up article.

Cues on word forms, ranges of dates, summaries of the lead, undated sentences of another
act, the cut-off end of a text, and what the reader says it could not place. Expected values
are worked out by hand from the tables in ``data/lexicon/``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import LEXICON

from aleppo_kg.build.prose.clauses import split_clauses
from aleppo_kg.build.prose.dates import DateFinder
from aleppo_kg.build.prose.patterns import cue_regex, inflections, patterns_for
from aleppo_kg.build.reading import read_article

PATTERNS = patterns_for(LEXICON)
DATES = DateFinder(LEXICON, PATTERNS)


def _type(sentence: str) -> str | None:
    clauses = split_clauses(sentence, 0, PATTERNS)
    best = max((c.best for c in clauses if c.best), key=lambda c: c.priority, default=None)
    return best.event_type if best else None


def test_regular_verbs_inflect_by_rule_and_irregular_ones_by_the_table() -> None:
    assert inflections("capture", LEXICON.verb_forms) == ("captures", "captured", "capturing")
    assert inflections("ambush", LEXICON.verb_forms) == ("ambushes", "ambushed", "ambushing")
    assert inflections("occupy", LEXICON.verb_forms) == ("occupies", "occupied", "occupying")
    assert "retook" in inflections("retake", LEXICON.verb_forms)  # verb_forms.tsv


def test_a_verb_in_a_cue_is_every_form_but_the_bare_one() -> None:
    regex = cue_regex("<retake>", LEXICON)
    assert "retaken" in regex and "retook" in regex
    assert "retake|" not in regex and "retake)" not in regex  # "an attempt to retake": intent


def test_cues_beyond_one_articles_verbs() -> None:
    overtakes = "non-state-actor-overtakes-territory"
    assert _type("By noon the militia had retaken the hill.") == overtakes
    assert _type("Tribesmen retook the bridge.") == overtakes
    assert _type("The depot fell under militia control.") == overtakes
    assert _type("The guards pushed the raiders out of the harbour.") == overtakes
    assert _type("A drone was shot down over the port.") == "armed-clash"
    assert _type("Militiamen assaulted the depot.") == "armed-clash"
    assert _type("The militia began a siege of the port.") == "armed-clash"
    assert _type("Jets strafed the convoy.") == "air-drone-strike"


def test_an_infinitive_of_intent_is_no_capture() -> None:
    assert _type("They planned to capture the harbour.") is None


def test_a_cue_inside_a_conflicts_name_is_none() -> None:
    assert _type("It happened during the Harbour Province clashes.") is None


def test_a_noun_after_those_refers_back_and_a_verb_after_the_army_does_not() -> None:
    [told] = split_clauses("He blamed the militia for those attacks.", 0, PATTERNS)
    assert told.cues and told.new_act is None
    [new] = split_clauses("Later, the army shelled the port.", 0, PATTERNS)
    assert new.new_act is not None and new.new_act.event_type == "shelling-artillery-missile-attack"


def test_between_two_days_is_one_stretch() -> None:
    found = DATES.dates("Between 3 and 5 April 2013, rebels attacked.", 2012, None)
    assert [(v.earliest, v.latest) for v in found.values] == [(date(2013, 4, 3), date(2013, 4, 5))]


@pytest.mark.parametrize(
    ("sentence", "year", "begin", "end"),
    [
        # the year written at the end is the stretch's
        ("Troops attacked from 2 August until 9 August 2016.", 2015, (2016, 8, 2), (2016, 8, 9)),
        # across New Year the start is the year before the one written
        ("From early December until January 28, 2013, jets shelled it.", 2012, (2012, 12, 1),
         (2013, 1, 28)),
        # a leap day the written year lacks keeps the year it was read in
        ("From 29 February until 3 March 2013, rebels attacked.", 2012, (2012, 2, 29),
         (2013, 3, 3)),
        # "ending on" closes the stretch it began
        ("An assault began on 11 October, ending on 20 October.", 2016, (2016, 10, 11),
         (2016, 10, 20)),
    ],
)  # fmt: skip
def test_a_stretch_of_two_dates_is_one_event_date(sentence, year, begin, end) -> None:
    found = DATES.dates(sentence, year, None)
    assert [(v.earliest, v.latest) for v in found.values] == [(date(*begin), date(*end))]


def test_a_date_in_parentheses_is_an_aside() -> None:
    found = DATES.dates("It was part of the uprising (June 2012–April 2013).", 2012, None)
    assert found.values == [] and found.year == 2012


ARTICLE = """= Battle of Testville (2014) =

Infobox
- Conflict: Battle of Testville
- Date: 1 March – 30 April 2014
- Place: Syria
- Result: Rebel victory
- Combatant1: Free Syrian Army
- Combatant2: Syrian Army

The Battle of Testville was a military confrontation between rebels and the army. \
More than 300 people were detained during the battle.

== Battle ==
On 3 March, rebels attacked a checkpoint near Testville. Two soldiers were killed. \
Activists posted a video of warplanes bombing the town.
Later, the army shelled the village of Oldtown.
The region was an important route for rebels fighting the army.
On 6 March, the town council met.
Between 7 and 9 March, rebels besieged the garrison.
In May, the army recaptured the town. Rebels then attacked the next vil"""


def _events(tmp_path: Path) -> tuple[list[tuple[str, date, date, list[str]]], tuple[str, ...]]:
    path = tmp_path / "battle-of-testville.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    extraction = read_article(path, LEXICON)
    text = extraction.article.text
    events = [
        (e.event_type, e.date.earliest, e.date.latest, [text[s.start : s.end] for s in e.spans])
        for e in extraction.events
    ]
    return events, extraction.warnings


def test_the_made_up_article_reads_into_its_acts(tmp_path: Path) -> None:
    events, _ = _events(tmp_path)
    firsts = [(kind, begin, end, spans[0][:24]) for kind, begin, end, spans in events]
    assert firsts == [
        ("armed-clash", date(2014, 3, 3), date(2014, 3, 3), "On 3 March, rebels attac"),
        ("air-drone-strike", date(2014, 3, 3), date(2014, 3, 3), "Activists posted a video"),
        (
            "shelling-artillery-missile-attack",
            date(2014, 3, 3),
            date(2014, 3, 9),
            "Later, the army shelled ",
        ),
        ("armed-clash", date(2014, 3, 7), date(2014, 3, 9), "Between 7 and 9 March, r"),
        (
            "government-regains-territory",
            date(2014, 5, 1),
            date(2014, 5, 31),
            "In May, the army recaptu",
        ),
    ]
    # the casualties stay with the act they count
    assert events[0][3] == [
        "On 3 March, rebels attacked a checkpoint near Testville.",
        "Two soldiers were killed.",
    ]


def test_the_lead_summary_descriptions_and_the_cut_off_end_are_no_events(tmp_path: Path) -> None:
    events, _ = _events(tmp_path)
    spans = {s for *_, sentences in events for s in sentences}
    assert not any("Battle of Testville" in s or "detained" in s for s in spans)
    assert not any("important route" in s or "next vil" in s for s in spans)


def test_what_the_reader_cannot_place_is_said(tmp_path: Path) -> None:
    _, warnings = _events(tmp_path)
    prose = [w for w in warnings if "(prose)" in w]
    assert any("no known act" in w and "town council met" in w for w in prose)
    assert any("'In May' has no year" in w for w in prose)


def test_dates_after_the_end_are_expected_in_an_aftermath_section(tmp_path: Path) -> None:
    path = tmp_path / "battle-of-testville.txt"
    path.write_text(ARTICLE.replace("In May,", "== Aftermath ==\nIn May,"), encoding="utf-8")
    warnings = read_article(path, LEXICON).warnings
    assert not any("has no year" in w for w in warnings)


def test_the_weeks_leading_up_to_a_date_reach_a_month_back() -> None:
    found = DATES.dates("In the weeks leading up to early June 2021, raids went on.", 2021, None)
    (value,) = found.values
    assert (value.earliest, value.latest) == (date(2021, 5, 1), date(2021, 6, 10))


OFFENSIVE = """= Testville offensive (March–April 2014) =

Infobox
- Conflict: Testville offensive
- Date: 1 March – 30 April 2014
- Place: Syria
- Combatant1: Free Syrian Army
- Combatant2: Syrian Army

The March–April 2014 Testville offensive was a campaign of the army. \
The offensive began when the army attacked the town of Oldtown.
On the first day of the offensive 12 soldiers were killed.
"""


def test_the_conflicts_name_start_and_days_date_the_lead(tmp_path: Path) -> None:
    """The date in the name is no event date; "The offensive began when" is the first day,
    and a count "on the first day of the offensive" belongs to the act of that day."""
    path = tmp_path / "testville-offensive.txt"
    path.write_text(OFFENSIVE, encoding="utf-8")
    extraction = read_article(path, LEXICON)
    (event,) = extraction.events
    assert (event.date.earliest, event.date.latest) == (date(2014, 3, 1), date(2014, 3, 1))
    assert [(f.category, f.quantity.exact) for f in event.figures] == [("soldier", 12)]
