"""The competency questions in queries/*.rq, run on a fresh build, give the article's answers.

Each query runs on the embedded Oxigraph store (aleppo_kg.query) loaded from the ``seed_graph``
fixture, a build made for this test session. The expected values are read from the article
(data/articles/2012_Aleppo_Governorate_clashes.txt) and its hand annotation
(data/evaluation/2012_Aleppo_Governorate_clashes.events.jsonl, written before the event reader),
not from the tool's own output.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CLI

from aleppo_kg.publish.sparql import (
    documented_bindings,
    parse_binding,
    run,
    store_from_ntriples,
)
from aleppo_kg.resources import default_article

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
ARTICLE = default_article().read_text(encoding="utf-8")
GOLD = [
    json.loads(line)
    for line in (ROOT / "data/evaluation/2012_Aleppo_Governorate_clashes.events.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]
URL = "https://en.wikipedia.org/wiki/2012_Aleppo_Governorate_clashes"
AKR = "https://w3id.org/aleppo-kg/resource/"
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {f"{XSD}{t}" for t in ("integer", "nonNegativeInteger", "int", "long")}

# Each query file and the bindings its test (and the prefix check below) uses.
EXAMPLE_BINDINGS = {
    "01-timeline.rq": {},
    "02-territory.rq": {},
    "03-order-of-battle.rq": {"unit": "organization:syrian-army"},
    "04-commanders.rq": {},
    "05-killed-by-month.rq": {},
    "06-sources.rq": {},
    "07-place-events.rq": {"place": "place:darat-izza"},
    "08-aircraft-shot-down.rq": {},
    "09-civilian-victims.rq": {},
    "10-fact-source.rq": {"fact": "figure:2012-aleppo-governorate-clashes-side-2-loss-6"},
    "11-place-identifiers.rq": {},
    "12-events-near.rq": {"place": "place:azaz", "km": "20"},
    "13-place-by-name.rq": {"name": "Daret Azzeh"},
}


def infobox(key: str) -> list[str]:
    """The items of one infobox line of the article, as written."""
    line = re.search(rf"^- {key}: (.*)$", ARTICLE, re.MULTILINE).group(1)
    return [item.strip() for item in line.split(",") if item.strip()]


def _python(term):
    """A result term as a plain Python value: IRIs as strings, typed literals converted."""
    if term is None or isinstance(term, ox.NamedNode):
        return None if term is None else term.value
    datatype = term.datatype.value
    if datatype in INTEGERS:
        return int(term.value)
    if datatype == f"{XSD}decimal":
        return Decimal(term.value)
    if datatype == f"{XSD}double":
        return float(term.value)
    if datatype == f"{XSD}boolean":
        return term.value == "true"
    if datatype == f"{XSD}date":
        return date.fromisoformat(term.value)
    return term.value


@pytest.fixture(scope="module")
def store(seed_graph) -> ox.Store:
    """The embedded store loaded with a fresh build of the bundled article."""
    return store_from_ntriples(seed_graph.serialize(format="nt", encoding="utf-8"))


def answer(store: ox.Store, query_file: str, /, **bindings: str) -> list[dict]:
    """Run queries/QUERY_FILE with bindings written as on the command line; rows as dicts."""
    fixed = dict(parse_binding(f"{k}={v}") for k, v in bindings.items())
    results = run(store, (QUERIES / query_file).read_text(encoding="utf-8"), fixed)
    return [dict(zip(results.variables, map(_python, row), strict=True)) for row in results.rows]


def iri(prefixed: str) -> str:
    kind, _, slug = prefixed.partition(":")
    kind = {"organization": "org"}.get(kind, kind)
    return f"{AKR}{kind}/{slug}"


# --- the files themselves ----------------------------------------------------------------------


def test_every_query_file_is_tested_here():
    assert sorted(p.name for p in QUERIES.glob("*.rq")) == sorted(EXAMPLE_BINDINGS)


@pytest.mark.parametrize("name", sorted(EXAMPLE_BINDINGS))
def test_query_file_has_a_question_and_documents_its_parameters(name):
    text = (QUERIES / name).read_text(encoding="utf-8")
    header = text[: text.index("PREFIX")]
    assert re.match(r"# Question: \S", text), "the file must start with '# Question: ...'"
    assert all(line.startswith("#") for line in header.strip().splitlines())
    projected = re.search(r"^SELECT (.*)$", text, re.MULTILINE).group(1)
    for parameter in EXAMPLE_BINDINGS[name]:
        assert f"# Parameters: ?{parameter}" in header or f"#   ?{parameter} " in header
        assert f"--bind {parameter}=" in header or f'--bind "{parameter}=' in header
        assert f"?{parameter}" in projected.split(), "a bound variable must be projected"
    assert documented_bindings(text) == EXAMPLE_BINDINGS[name]


@pytest.mark.parametrize("name", sorted(EXAMPLE_BINDINGS))
def test_query_declares_every_prefix_it_uses(store, name):
    """Run without the project's prefixes, as another engine would: nothing is undeclared."""
    text = (QUERIES / name).read_text(encoding="utf-8")
    fixed = {
        ox.Variable(k): parse_binding(f"{k}={v}")[1] for k, v in EXAMPLE_BINDINGS[name].items()
    }
    solutions = store.query(text, substitutions=fixed)
    assert list(solutions), f"{name} gives no rows with its example bindings"


# --- 01 the timeline ---------------------------------------------------------------------------


def test_timeline_is_every_prose_event_in_time_order(store):
    found = answer(store, "01-timeline.rq")
    # the hand annotation lists 51 events with their earliest and latest possible days
    assert Counter((r["begin"], r["end"]) for r in found) == Counter(
        (date.fromisoformat(g["earliest"]), date.fromisoformat(g["latest"])) for g in GOLD
    )
    assert [(r["begin"], r["end"]) for r in found] == sorted((r["begin"], r["end"]) for r in found)
    # the infobox's undated territorial changes are not in the timeline
    assert not [r for r in found if r["date"] == "[2012-02-10..2012-07-19]"]
    first = found[0]
    assert (first["date"], first["type"], first["place"], first["killed"]) == (
        "2011-04-13",
        "Peaceful protest",
        "Aleppo",
        None,  # "anti-government protests in Aleppo, reported since 13 April 2011": no toll
    )


def test_timeline_killed_is_the_largest_figure_of_each_event(store):
    found = answer(store, "01-timeline.rq")

    def killed(day: str, type_: str) -> int | None:
        [row] = [r for r in found if r["date"] == day and r["type"] == type_]
        return row["killed"]

    # "twin bomb attacks ... killed 24 members of the security forces"
    assert killed("2012-02-10", "Remote explosive/landmine/IED") == 24
    # "five army soldiers, including two officers, were killed": five, not seven
    assert killed("2012-02-14", "Armed clash") == 5
    # "At least 14 Syrian army soldiers and one opposition officer"
    assert killed("2012-04-21", "Armed clash") == 14
    # "26 members of the pro-government militia ... were killed"
    assert killed("2012-04-22", "Armed clash") == 26
    # "at least 20 people" and, in another report, "31 people": the larger, not 51
    assert killed("2012-08-15", "Air/drone strike") == 31
    # "On 23 July, it was confirmed that the FSA had finally taken control of Azaz": no deaths
    assert killed("2012-07-23", "Non-state actor overtakes territory") is None
    # the hand annotation's largest killed figure per event, over all events
    expected = Counter()
    for g in GOLD:
        numbers = [f.get("exact", f.get("min")) for f in g["figures"] if f["outcome"] == "killed"]
        numbers = [n for n in numbers if n is not None]
        expected[(g["earliest"], g["latest"], max(numbers) if numbers else None)] += 1
    assert (
        Counter((r["begin"].isoformat(), r["end"].isoformat(), r["killed"]) for r in found)
        == expected
    )


def test_timeline_places_are_the_most_specific(store):
    found: dict[tuple, list[str]] = {}
    for row in answer(store, "01-timeline.rq"):
        found.setdefault((row["date"], row["type"]), []).append(row["place"])
    # "Two rebels also died in the attack near Al-Rai village": al-Rai, not the governorate
    assert found[("2012-05-02", "Armed clash")] == ["al-Rai"]
    # "On 16 July, 13 soldiers ... in the area of Tel Selour, outside Aleppo"
    assert found[("2012-07-16", "Armed clash")] == ["Tel Selour"]
    # 21 July: "fighting was still raging in the Salaheddine district. Meanwhile, clashes
    # started in the poorer, tribal district of al-Sakhour."
    assert sorted(found[("2012-07-21", "Armed clash")]) == ["Salaheddine", "al-Sakhour"]
    assert found[("2012-08-15", "Air/drone strike")] == ["Azaz"]


# --- 02 territory ------------------------------------------------------------------------------


def test_towns_that_changed_hands_in_the_infobox(store):
    found = [r for r in answer(store, "02-territory.rq") if r["readFrom"] == "infobox"]
    territory = infobox("Territory")
    # "Rebels takes control of Azaz, al-Bab, ..., Atarib and other towns north of Aleppo city"
    rebel_towns = [territory[0].removeprefix("Rebels takes control of "), *territory[1:8]]
    rebel_towns[-1] = rebel_towns[-1].removesuffix(" and other towns north of Aleppo city")
    assert rebel_towns == [
        "Azaz", "al-Bab", "Manbij", "Jarabulus", "Tell Rifaat", "Anadan", "Darat Izza", "Atarib"
    ]  # fmt: skip
    expected = {(town, "Rebels") for town in rebel_towns}
    expected.add(("Kobanî", "People's Protection Units"))  # "YPG takes control of Kobanî"
    assert {(r["place"], r["controller"]) for r in found} == expected
    assert len(found) == 9
    for row in found:
        assert row["type"] == "Non-state actor overtakes territory"
        assert row["controlAsOf"] == date(2012, 7, 19)  # the infobox gives no date of change
        assert row["date"] == "[2012-02-10..2012-07-19]"


def test_towns_that_changed_hands_in_the_prose(store):
    found = {
        (r["place"], r["date"]): r for r in answer(store, "02-territory.rq")
        if r["readFrom"] == "prose"
    }  # fmt: skip
    # "On 23 July, it was confirmed that the FSA had finally taken control of Azaz."
    assert found[("Azaz", "2012-07-23")]["controller"] == "Free Syrian Army"
    # "the FSA rapidly gained ground in late July ... the last army base ..., on the outskirts
    # of Al-Bab, was taken by the opposition"
    assert "Free Syrian Army" in found[("al-Bab", "2012-07-21/2012-07-31")]["controller"]
    # "rebels reported that they captured a military base near ... Daret Azzeh" (24 April)
    assert found[("Darat Izza", "2012-04-24")]["controller"] == "Rebels"
    assert all(r["controlAsOf"] is None for r in found.values())


# --- 03 order of battle ------------------------------------------------------------------------


def _units(side: str) -> list[str]:
    return [item.lstrip("* ") for item in infobox(side)]


def test_order_of_battle_under_the_syrian_army(store):
    found = answer(store, "03-order-of-battle.rq", unit="organization:syrian-army")
    units2 = _units("Units2")
    # everything between "Syrian Army" and "Syrian Air Force" in Units2 is in the army
    below_army = units2[units2.index("Syrian Army") + 1 : units2.index("Syrian Air Force")]
    assert sorted(r["name"] for r in found) == sorted(below_army)
    assert len(found) == 11
    by_name = {r["name"]: r for r in found}
    # "**6th Division, ***12th Armoured Brigade": a division of the army, a brigade under it
    assert (by_name["6th Division"]["depth"], by_name["6th Division"]["reportsTo"]) == (
        1,
        "Syrian Army",
    )
    brigade = by_name["12th Armoured Brigade"]
    assert (brigade["depth"], brigade["reportsTo"]) == (2, "6th Division")
    assert by_name["99th Army Regiment"]["reportsTo"] == "Infantry Border Guard Brigade"
    assert by_name["111th Army Regiment"]["reportsTo"] == "Infantry Border Guard Brigade"
    assert by_name["46th Army Regiment"]["reportsTo"] == "15th Division"
    assert by_name["2nd Reserve Division"]["depth"] == 1
    assert {r["side"] for r in found} == {2}
    assert {r["unit"] for r in found} == {iri("organization:syrian-army")}


def test_order_of_battle_of_the_armed_forces(store):
    found = answer(store, "03-order-of-battle.rq", unit="organization:syrian-armed-forces")
    # every unit between "Syrian Armed Forces" and the next top-level unit of Units2 (a
    # top-level unit has no parent: the side, not its combatant, is whose it is)
    units2 = _units("Units2")
    below = units2[units2.index("Syrian Armed Forces") + 1 : units2.index("Shabiha")]
    assert sorted(r["name"] for r in found) == sorted(below)
    by_name = {r["name"]: r for r in found}
    assert by_name["Syrian Army"]["depth"] == 1
    # "* Syrian Air Force, **4th Flying Training Squadron"
    assert by_name["4th Flying Training Squadron"]["depth"] == 2
    assert by_name["4th Flying Training Squadron"]["reportsTo"] == "Syrian Air Force"


def test_order_of_battle_of_the_free_syrian_army(store):
    found = answer(store, "03-order-of-battle.rq", unit="organization:free-syrian-army")
    assert sorted(r["name"] for r in found) == sorted(_units("Units1")[1:])
    assert {(r["depth"], r["reportsTo"], r["side"]) for r in found} == {(1, "Free Syrian Army", 1)}


# --- 04 commanders -----------------------------------------------------------------------------


def test_commanders_with_rank_side_and_fate(store):
    found = answer(store, "04-commanders.rq")
    # "Commander1: Col. Obaid Mohammad Obaid, , Maj. Mohammed Hamadeen, , Col. Abdul-Jabar
    # Mohammed Egeydi, , 1st Lt. Rifaat Khalil,"  --  "Commander2: Unknown"
    assert infobox("Commander2") == ["Unknown"]
    assert [
        (r["side"], r["commander"], r["rank"], r["rankAsWritten"], r["fate"], r["unit"])
        for r in found
        if not r["commandersUnknown"]
    ] == [
        (1, "Abdul-Jabar Mohammed Egeydi", "Colonel", "Col.", None, None),
        (1, "Mohammed Hamadeen", "Major", "Maj.", None, None),
        (1, "Obaid Mohammad Obaid", "Colonel", "Col.", None, None),
        (1, "Rifaat Khalil", "First Lieutenant", "1st Lt.", None, None),
    ]
    unknown = [r for r in found if r["commandersUnknown"]]
    assert [(r["side"], r["commander"], r["rank"]) for r in unknown] == [(2, None, None)]
    assert {r["conflict"] for r in found} == {"2012 Aleppo Governorate clashes"}


def test_commanders_fate_and_unit_on_an_article_that_has_them(three_sides_graph):
    """The seed has no KIA/† or unit; tests/fixtures/three_sides.txt has both."""
    fixture = store_from_ntriples(three_sides_graph.serialize(format="nt", encoding="utf-8"))
    found = {r["commander"]: r for r in answer(fixture, "04-commanders.rq")}
    # "Maj. Gen. Hassan Darwish KIA"
    assert found["Hassan Darwish"]["fate"] == "killed in action"
    assert found["Hassan Darwish"]["rank"] == "Major General"
    # "Lt. Col. Yasser Haddad †"
    assert (found["Yasser Haddad"]["side"], found["Yasser Haddad"]["fate"]) == (
        2,
        "killed in action",
    )
    # "Capt. Fadi Rahhal (Qarmit Defence Battalion)"
    assert found["Fadi Rahhal"]["unit"] == "Qarmit Defence Battalion"
    assert found["Samir Kanaan"]["fate"] is None
    # "Commander3: Unknown"
    assert found[None]["side"] == 3 and found[None]["commandersUnknown"] is True


# --- 05 killed per month and side --------------------------------------------------------------


def test_killed_per_side_in_the_infobox(store):
    found = [r for r in answer(store, "05-killed-by-month.rq") if r["readFrom"] == "infobox"]
    assert {(r["side"], r["infoboxSide"], r["killed"], r["atLeast"]) for r in found} == {
        ("opposition", 1, 441, False),  # "Casualties1: 441 fighters killed"
        ("government forces", 2, 1659, False),  # "Casualties2: 1,659 soldiers killed"
        ("civilians and others", None, 50, True),  # "Casualties3: at least 50 civilians killed"
    }
    assert all(r["month"] is None and r["events"] is None for r in found)


def test_killed_per_month_and_side_in_the_prose(store):
    found = {
        (r["side"], r["month"], r["withinConflict"]): (r["killed"], r["events"])
        for r in answer(store, "05-killed-by-month.rq")
        if r["readFrom"] == "prose"
    }
    government = "government forces"
    # 10 Feb: "killed 24 members of the security forces"; 14 Feb: "five army soldiers,
    # including two officers" (five, not seven)
    assert found[(government, "2012-02", True)] == (29, 2)
    # During March: "three soldiers being killed on 23 March" (Azaz); late March: "two
    # colonels"; undated, before 6 April: "A general", "three soldiers including an officer"
    assert found[(government, "2012-03", True)] == (9, 4)
    # April: 4 (6 Apr) + 2 (12 Apr) + at least 14 (21 Apr) + 26 militiamen (22 Apr) + at least
    # one officer (23 Apr) + 16 and "Sixteen" (24 Apr, two events) + 3 (28 Apr) + 4 (29 Apr)
    assert found[(government, "2012-04", True)] == (86, 9)
    # May: 15 incl. two colonels (2 May) + Eighteen (Atareb) + Two (3 May) + an army officer
    assert found[(government, "2012-05", True)] == (36, 4)
    # July within the conflict: 2 (IED) + 4 (Azaz) on 9 July, 3 on 12 July, 13 on 16 July
    assert found[(government, "2012-07", True)] == (22, 4)
    # late July, after the battle for Aleppo began: "30 soldiers had been killed in Al-Bab"
    assert found[(government, "2012-07", False)] == (30, 1)
    # "Two rebels also died" (2 May); "eight rebels" (SANA, 5 July) and "12 rebels" (Atareb)
    assert found[("opposition", "2012-05", True)] == (2, 1)
    assert found[("opposition", "2012-07", True)] == (20, 2)
    # 6 April: "seven civilians"; "four university students were killed"
    assert found[("civilians and others", "2012-04", True)] == (11, 2)
    # 15 August, after the conflict: 31 people (the larger of "at least 20" and "31")
    assert found[("civilians and others", "2012-08", False)] == (31, 1)
    # background: "killing four people" (12 Aug 2011), "a student" (21 Dec 2011)
    assert found[("civilians and others", "2011-08", False)] == (4, 1)
    assert found[("civilians and others", "2011-12", False)] == (1, 1)


# --- 06 sources --------------------------------------------------------------------------------


def test_events_and_figures_attributed_to_each_source(store):
    found = answer(store, "06-sources.rq")

    def of(source: str) -> dict[str, set[str]]:
        return {
            r["date"]: set((r["figures"] or "").split("; ")) - {""}
            for r in found
            if r["source"] == iri(source)
        }

    # SOHR: "said the S.O.H.R group" (2 May), "according to the Syrian Observatory for human
    # rights" (Atareb), "SOHR quoting anti-government activists" (3 May)
    assert of("source:sohr") == {
        "2012-05-02": {"Two rebels"},
        "[2012-05-03..2012-05-17]": {"Eighteen soldiers"},
        "2012-05-03": {"a man"},
    }
    # "SANA, claimed that eight rebels were killed and 6 of their armed pick up trucks destroyed"
    assert of("source:sana") == {"2012-07-05": {"eight rebels", "6 of their armed pick up trucks"}}
    # "According to state media, two colonels were killed"; "killing at least one officer
    # according to state media"; "The State-controlled media agency, SANA"
    assert of("source:state-media") == {
        "2012-03-21/2012-03-31": {"two colonels"},
        "2012-04-23": {"at least one officer"},
        "2012-07-05": set(),
    }
    # 23 July: "They [the FSA] said that 17 government tanks had been destroyed", "a journalist
    # in the area counted 7 destroyed tanks": two sources of one event, kept apart
    assert "17 government tanks" in of("source:free-syrian-army")["2012-07-23"]
    assert of("source:journalist") == {"2012-07-23": {"7 destroyed tanks"}}
    # "video footage ... was posted online by the rebel Free Syrian army" (22 April)
    assert of("source:free-syrian-army")["2012-04-22"] == {
        "26 members of the pro-government militia"
    }
    # "Captured soldiers said that 30 soldiers had been killed in Al-Bab"
    assert of("source:captured-soldiers") == {"2012-07-21/2012-07-31": {"30 soldiers"}}
    assert all(r["onEvent"] in (True, False) for r in found)


# --- 07 and 13 places under any spelling -------------------------------------------------------


def test_everything_that_happened_in_darat_izza_under_both_spellings(store):
    found = answer(store, "07-place-events.rq", place="place:darat-izza")
    assert {r["place"] for r in found} == {iri("place:darat-izza")}
    # the infobox spells it "Darat Izza", the 24 April paragraph "Daret Azzeh"
    spelled = {(r["date"], r["type"]): r["asWritten"] for r in found}
    assert spelled[("[2012-02-10..2012-07-19]", "Non-state actor overtakes territory")] == (
        "Darat Izza"
    )
    assert spelled[("2012-04-24", "Non-state actor overtakes territory")] == "Daret Azzeh"
    # "rebels looted large amounts of ammunition"; "The Army retaliated by intense strikes from
    # military gunships on the local area": the same day, the same place, no name in the text
    assert {r["type"] for r in found if r["date"] == "2012-04-24"} == {
        "Non-state actor overtakes territory",
        "Looting/property destruction",
        "Air/drone strike",
    }
    names = set(found[0]["alsoKnownAs"].split(", "))
    assert {"Darat Izza", "Daret Azzeh"} <= names


def test_everything_that_happened_in_aleppo_includes_its_districts(store):
    found = answer(store, "07-place-events.rq", place="place:aleppo")
    where = {(r["date"], r["where"], r["asWritten"]) for r in found}
    # "fired at protesters in the Sakhur neighborhood" (12 August 2011)
    assert ("2011-08-12", "al-Sakhour", "Sakhur") in where
    # "On 21 July, fighting was still raging in the Salaheddine district"
    assert ("2012-07-21", "Salaheddine", "Salaheddine") in where
    # "twin bomb attacks targeted the military intelligence building in Aleppo"
    assert "2012-02-10" in {r["date"] for r in found}
    # Azaz is not in Aleppo city
    assert not [r for r in found if "Azaz" in r["where"]]


def test_everything_that_happened_in_azaz(store):
    found = answer(store, "07-place-events.rq", place="place:azaz")
    assert {(r["date"], r["type"]) for r in found} == {
        ("[2012-02-10..2012-07-19]", "Non-state actor overtakes territory"),  # infobox
        ("2012-03", "Armed clash"),  # "During March, the northern city of Azaz ..."
        ("2012-07-09", "Armed clash"),  # "trying to enter the opposition controlled town"
        ("2012-07-23", "Non-state actor overtakes territory"),  # "taken control of Azaz"
        ("2012-08-15", "Air/drone strike"),  # "bombing runs on the rebel-held town of Azaz"
    }


@pytest.mark.parametrize(
    "name, place, matched",
    [
        ("Daret Azzeh", "place:darat-izza", "skos:altLabel"),  # the prose's spelling
        ("darat izza", "place:darat-izza", "rdfs:label"),  # the infobox's, in lower case
        ("Atareb", "place:atarib", "skos:altLabel"),  # "near Atareb town"
        ("Sakhur", "place:sakhour", "skos:altLabel"),  # "the Sakhur neighborhood"
    ],
)
def test_a_spelling_names_one_place(store, name, place, matched):
    found = answer(store, "13-place-by-name.rq", name=name)
    assert [(r["name"], r["place"], r["matched"]) for r in found] == [(name, iri(place), matched)]


@pytest.mark.parametrize("name", ["Homs", "DARET AZZEH"])
def test_an_unknown_name_names_no_place(store, name):
    # "Homs" is no place of the graph; a name matches as written or all in lower case only
    assert answer(store, "13-place-by-name.rq", name=name) == []


# --- 08 aircraft -------------------------------------------------------------------------------


def test_aircraft_shot_down_by_type(store):
    found = answer(store, "08-aircraft-shot-down.rq")
    # "1 Su-22 jet bomber shot down, 1 MiG-23 jet shot down, 2 L-39 jet shot down,
    # 3 Mi-17 helicopters shot down."
    assert {(r["kind"], r["model"], r["shotDown"], r["lostBy"]) for r in found} == {
        ("jet bomber", "Su-22", 1, 2),
        ("jet aircraft", "MiG-23", 1, 2),
        ("jet aircraft", "L-39", 2, 2),
        ("helicopter", "Mi-17", 3, 2),
    }
    assert sum(r["shotDown"] for r in found) == 7
    assert [r["asWritten"] for r in found if r["model"] == "Mi-17"] == [
        "3 Mi-17 helicopters shot down"
    ]


# --- 09 civilian victims -----------------------------------------------------------------------


def test_events_with_civilian_victims(store):
    found = answer(store, "09-civilian-victims.rq")
    figures = {
        (r["date"], r["who"], r["outcome"], r["count"], r["atLeast"])
        for r in found
        if r["victimGroup"] is None
    }
    assert {
        ("2011-08-12", "people", "killed", 4, None),  # "killing four people"
        ("2011-12-21", "student", "killed", 1, None),  # "a student ... was reportedly killed"
        ("2012-04-06", "civilian", "killed", 7, None),  # "seven civilians and four soldiers"
        ("[2012-04-26..2012-05-02]", "student", "killed", 4, None),  # "four university students"
        ("2012-05-17", "protester", "killed", None, 1),  # "At least one protester died"
        ("2012-08-15", "people", "killed", None, 20),  # "killing at least 20 people"
        ("2012-08-15", "people", "killed", 31, None),  # "the death toll at 31 people"
        ("2012-08-15", "hostage", "killed", 4, None),  # "Four Lebanese hostages"
    } <= figures
    groups = {(r["date"], r["victimGroup"]) for r in found if r["victimGroup"]}
    assert ("2012-08-15", "Lebanese hostages") in groups
    assert ("2012-04-06", "Civilians") in groups
    # soldiers only: not civilian victims
    dates = {r["date"] for r in found}
    assert "2012-02-14" not in dates and "2012-07-16" not in dates
    assert {r["place"] for r in found if r["date"] == "2012-08-15"} == {"Azaz"}


# --- 10 the source of a fact -------------------------------------------------------------------


@pytest.mark.parametrize(
    "fact, texts",
    [
        (
            "figure:2012-aleppo-governorate-clashes-side-2-loss-6",
            ["3 Mi-17 helicopters shot down"],
        ),
        (
            "command:2012-aleppo-governorate-clashes-rifaat-khalil",
            ["1st Lt. Rifaat Khalil"],
        ),
        ("place:darat-izza", ["Darat Izza", "Daret Azzeh"]),
    ],
)
def test_source_text_of_a_fact(store, fact, texts):
    found = answer(store, "10-fact-source.rq", fact=fact)
    assert [r["text"] for r in found] == texts
    for row in found:
        assert ARTICLE[row["begin"] : row["end"]] == row["text"]
        assert (row["article"], row["relation"], row["fact"]) == (URL, "derived from", iri(fact))


def test_source_sentences_of_an_event(store):
    found = answer(store, "10-fact-source.rq", fact="event:2012-08-15-air-drone-strike-azaz")
    texts = [r["text"] for r in found]
    assert texts[0].startswith("On 15 August, Syrian fighter jets conducted two devastating")
    assert "Four Lebanese hostages were reportedly killed." in texts
    assert texts[-1] == "Another report put the death toll at 31 people."
    assert all(ARTICLE[r["begin"] : r["end"]] == r["text"] for r in found)


def test_a_conflict_only_named_is_mentioned_not_derived(store):
    found = answer(store, "10-fact-source.rq", fact="conflict:syrian-civil-war")
    # "the early insurgency phase of the Syrian civil war": the name without its article
    assert [(r["relation"], r["text"]) for r in found] == [("mentioned", "Syrian civil war")]


# --- 11 identifiers ----------------------------------------------------------------------------


def test_wikidata_geonames_and_coordinates_of_every_place(store):
    found = {r["name"]: r for r in answer(store, "11-place-identifiers.rq")}
    assert len(found) == len(answer(store, "11-place-identifiers.rq"))  # one row per place
    wd = "http://www.wikidata.org/entity/"
    assert found["Aleppo"]["wikidata"] == f"{wd}Q41183"
    assert found["Syria"]["wikidata"] == f"{wd}Q858"
    assert found["Damascus"]["wikidata"] == f"{wd}Q3766"  # "bombings in Damascus"
    assert found["Aleppo Governorate"]["wikidata"] == f"{wd}Q214064"
    assert found["Aleppo"]["geonames"] == "https://sws.geonames.org/170063/"
    # Aleppo lies at about 36.20 N 37.16 E, Azaz some 45 km north of it at 36.59 N 37.05 E
    assert abs(found["Aleppo"]["lat"] - Decimal("36.20")) < Decimal("0.05")
    assert abs(found["Aleppo"]["long"] - Decimal("37.16")) < Decimal("0.05")
    assert abs(found["Azaz"]["lat"] - Decimal("36.59")) < Decimal("0.05")
    assert abs(found["Azaz"]["long"] - Decimal("37.05")) < Decimal("0.05")
    # every town of the infobox's Territory line is a place, linked or not
    for town in ["Azaz", "al-Bab", "Manbij", "Jarabulus", "Tell Rifaat", "Anadan"]:
        assert town in found
    assert {"Darat Izza", "Atarib", "Kobanî"} <= set(found)
    # unlinked places are listed with empty columns: "the area of Tel Selour, outside Aleppo"
    tel_selour = found["Tel Selour"]
    assert (tel_selour["wikidata"], tel_selour["geonames"], tel_selour["lat"]) == (None,) * 3
    assert found["Salaheddine"]["placeType"] == "city district"


# --- 12 events near a place --------------------------------------------------------------------


def test_events_within_10_km_of_azaz_are_those_in_azaz(store):
    found = answer(store, "12-events-near.rq", place="place:azaz", km="10")
    assert {r["distanceKm"] for r in found} == {0}
    assert {r["near"] for r in found} == {"Azaz"}
    # the 15 August air strike on "the rebel-held town of Azaz" among them
    assert ("2012-08-15", "Air/drone strike") in {(r["date"], r["type"]) for r in found}
    assert len(found) == 5


def test_events_within_20_km_of_azaz_reach_tell_rifaat(store):
    found = answer(store, "12-events-near.rq", place="place:azaz", km="20")
    # Tell Rifaat lies some 13 km south of Azaz; its capture (infobox) comes within 20 km
    [tell_rifaat] = [r for r in found if r["near"] == "Tell Rifaat"]
    assert Decimal(12) < tell_rifaat["distanceKm"] < Decimal(15)
    assert [r["distanceKm"] for r in found] == sorted(r["distanceKm"] for r in found)
    assert {(r["place"], r["km"]) for r in found} == {(iri("place:azaz"), 20)}


def test_events_within_40_km_of_aleppo(store):
    found = answer(store, "12-events-near.rq", place="place:aleppo", km="40")
    near = {r["near"] for r in found}
    # al-Bab is about 38 km north-east of Aleppo, Manbij about 80 km, Jarabulus over 100 km
    assert "al-Bab" in near
    assert not near & {"Manbij", "Jarabulus", "Kobanî", "Azaz"}
    # the districts take the city's coordinates: "the Salaheddine district" is at distance 0
    assert {r["distanceKm"] for r in found if r["near"] == "Salaheddine"} == {0}
    # events placed only in the governorate ("northern Aleppo province") are not located
    assert "Aleppo Governorate" not in near


# --- the command line --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_turtle(tmp_path_factory) -> Path:
    """``aleppo-kg build -o FILE`` in a fresh process."""
    output = tmp_path_factory.mktemp("query-cli") / "aleppo.ttl"
    done = subprocess.run(
        [*CLI, "build", "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return output


def _cli_query(name: str, data: Path, *binds: str) -> list[dict]:
    done = subprocess.run(
        [
            *CLI, "query", f"queries/{name}", "--data",
            str(data), *[arg for bind in binds for arg in ("--bind", bind)], "--format", "csv",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_command_line_runs_a_parametrised_query_as_csv(built_turtle):
    found = _cli_query("07-place-events.rq", built_turtle, "place=place:azaz")
    assert list(found[0]) == ["place", "date", "type", "where", "asWritten", "alsoKnownAs", "event"]
    assert {r["place"] for r in found} == {"place:azaz"}
    assert ("2012-08-15", "Air/drone strike", "Azaz") in {
        (r["date"], r["type"], r["where"]) for r in found
    }
    assert len(found) == 5


def test_command_line_binds_a_place_and_a_number(built_turtle):
    found = _cli_query("12-events-near.rq", built_turtle, "place=place:azaz", "km=20")
    assert {(r["place"], r["km"]) for r in found} == {("place:azaz", "20")}
    assert "Tell Rifaat" in {r["near"] for r in found}
