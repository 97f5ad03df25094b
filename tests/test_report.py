"""The report: what it reads from the graph, and a page that shows it safely.

Expected values come from the fixture articles' text ("Six protesters were
killed", "At least 57 fighters"), never from a report of ours.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FIXTURES, LEXICON, rows

from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.cli import main
from aleppo_kg.publish.report.html import map_svg, render, timeline_svg, type_colours
from aleppo_kg.publish.report.read import actor_type, gather
from aleppo_kg.publish.report.views import UNSPECIFIED, Killed, Report
from aleppo_kg.publish.sparql import store_from_ntriples
from aleppo_kg.vocab import AKR

TYPES = LEXICON.actor_types


def _store(*names: str) -> ox.Store:
    result = build_graph([FIXTURES / name for name in names])
    assert not result.violations
    return store_from_ntriples("".join(result.merged.lines()).encode())


@pytest.fixture(scope="module")
def homs() -> Report:
    return gather(_store("prose_homs.txt"), LEXICON)


@pytest.fixture(scope="module")
def three_sides() -> Report:
    return gather(_store("three_sides.txt"), LEXICON)


def _event(report: Report, date: str):
    (found,) = [event for event in report.events if event.date == date]
    return found


def test_killed_are_grouped_by_the_kind_of_actor_the_text_names(homs):
    # "Six protesters were killed" (early March 2012)
    assert _event(homs, "2012-03-01/2012-03-10").killed == (Killed("Protesters", 6, False),)
    # "Three policemen were killed": policeman -> State forces
    assert _event(homs, "2012-08-19").killed == (Killed("State forces", 3, False),)
    # "At least 57 fighters were killed": a lower bound, kept as such
    assert _event(homs, "2013-06-03").killed == (Killed("Rebel groups", 57, True),)
    # "killing twenty-two people": the text does not say who they were
    assert _event(homs, "2012-08-20").killed == (Killed(UNSPECIFIED, 22, False),)


def test_actor_type_walks_up_broader_categories():
    category = f"{AKR}category/"
    broader = {
        ox.NamedNode(category + "colonel"): ox.NamedNode(category + "officer"),
        ox.NamedNode(category + "officer"): ox.NamedNode(category + "people"),
    }
    assert actor_type(ox.NamedNode(category + "colonel"), broader, TYPES) == "State forces"
    assert actor_type(ox.NamedNode(category + "people"), broader, TYPES) == UNSPECIFIED
    assert actor_type(ox.NamedNode(category + "sniper"), {}, TYPES) == UNSPECIFIED


def test_events_keep_their_source_text_offsets_and_reporters(homs):
    article = (FIXTURES / "prose_homs.txt").read_text(encoding="utf-8")
    event = _event(homs, "2013-04-21")
    assert event.reported_by == ("the Syrian government",)
    assert event.sentences
    for span in event.sentences:
        assert article[span.begin : span.end] == span.text
    assert any("Eleven soldiers were killed" in span.text for span in event.sentences)


def test_places_know_their_events_and_coordinates(homs):
    by_label = {place.label: place for place in homs.places}
    assert len(by_label["Qasr Mahmoud"].events) == sum(
        "Qasr Mahmoud" in event.places for event in homs.events
    )
    assert by_label["Homs"].lat is not None
    assert by_label["Homs Governorate"].area and not by_label["Homs"].area


def test_order_of_battle_follows_the_infobox_nesting(three_sides):
    (conflict,) = three_sides.conflicts
    assert [side.number for side in conflict.sides] == [1, 2, 3]
    government = conflict.sides[0]
    (top,) = government.factions[0]
    assert top.label == "Syrian Government"
    # the Units line's top-level unit is the side's, not nested under its combatant
    (army,) = government.other_units
    assert army.label == "Syrian Army" and top.children == ()
    division = next(unit for unit in army.children if unit.label == "5th Armoured Division")
    assert [u.label for u in division.children] == ["33rd Tank Brigade", "34th Tank Brigade"]
    fates = {c.name: c.fate for c in government.commanders}
    assert fates["Hassan Darwish"] == "killed in action"
    assert {c.name: c.unit for c in government.commanders}["Fadi Rahhal"] == (
        "Qarmit Defence Battalion"
    )
    assert government.strength == ("25,000 soldiers", "120 tanks")
    assert conflict.sides[2].commanders == ()


def test_territorial_changes_are_in_the_table_not_on_the_timeline(three_sides):
    undated = [event for event in three_sides.events if event.undated]
    assert len(undated) == 3  # Kafr Tamra, Tell Sawan, Mazraat Hilu
    assert not set(undated) & set(three_sides.timeline)


class _Page(HTMLParser):
    """Collects the page's elements and script blocks, to check what the markup holds."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.scripts += tag == "script"


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_page_has_a_mark_per_event_and_place(homs):
    page = _page(render(homs, "Homs"))
    classes = [attrs.get("class", "") for _, attrs in page.tags]
    assert classes.count("event-mark") == len(homs.timeline)
    assert classes.count("kill-mark") == sum(len(e.killed) for e in homs.timeline)
    located = [p for p in homs.places if p.lat is not None]
    assert sum(c.startswith("place-mark") for c in classes) == len(located)


def test_page_needs_no_network(homs):
    page = _page(render(homs, "Homs"))
    fetched = [
        attrs
        for tag, attrs in page.tags
        if (tag in ("img", "script", "iframe") and "src" in attrs)
        or (tag == "link" and attrs.get("rel") == "stylesheet")
    ]
    assert fetched == []


HOSTILE = """
@prefix akg: <https://w3id.org/aleppo-kg/ontology#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix r: <https://w3id.org/aleppo-kg/resource/> .
r:event\\/x a akg:Event ; rdfs:label "<script>alert(1)</script> \\"quoted\\" ' & more" ;
  akg:edtf "2012-01-01" ; akg:eventType r:event-type\\/t ;
  sem:hasEarliestBeginTimeStamp "2012-01-01"^^xsd:date ;
  sem:hasLatestEndTimeStamp "2012-01-01"^^xsd:date ; sem:hasPlace r:place\\/p .
r:event-type\\/t rdfs:label "<b>type</b>" .
r:place\\/p a sem:Place ; rdfs:label "حلب <img src=x onerror=alert(1)>" ;
  wgs:lat "36.2"^^xsd:decimal ; wgs:long "37.1"^^xsd:decimal .
"""


def test_values_from_the_graph_are_escaped():
    store = ox.Store()
    store.load(HOSTILE.encode(), format=ox.RdfFormat.TURTLE)
    report = gather(store, LEXICON)
    html = render(report, "<title> & co")
    page = _page(html)
    assert page.scripts == 1  # the page's own filter script, nothing injected
    assert not any(tag == "img" or "onerror" in attrs for tag, attrs in page.tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "حلب &lt;img" in html


def test_cli_writes_the_page(tmp_path: Path, capsys):
    data = tmp_path / "homs.ttl"
    assert main(["build", str(FIXTURES / "prose_homs.txt"), "-o", str(data)]) == 0
    out = tmp_path / "report.html"
    assert main(["report", "--data", str(data), "-o", str(out), "--title", "Homs"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>Homs</title>" in html
    assert "Eleven soldiers were killed" in html
    assert f"wrote {out}" in capsys.readouterr().out


@pytest.mark.parametrize("content", [None, "not turtle at all {"])
def test_cli_refuses_a_missing_or_broken_graph(tmp_path: Path, capsys, content):
    data = tmp_path / "graph.ttl"
    if content is not None:
        data.write_text(content, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", "--data", str(data), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aleppo-kg: error:") and err.count("\n") == 1
    assert not out.exists()


def test_the_seed_report_counts_every_event(seed_graph):
    report = gather(store_from_ntriples(seed_graph.serialize(format="nt").encode()), LEXICON)
    (events,) = rows(seed_graph, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a akg:Event }")
    assert len(report.events) == events[0]


def test_the_map_draws_the_borders_of_the_countries_it_shows(homs):
    svg = map_svg(homs.places)
    borders = re.search(r"<g class='borders'>(.*?)</g>", svg).group(1)
    names = re.findall(r"<title>([^<]*)</title>", borders)
    assert "Syria" in names  # Homs lies in Syria
    assert "Ukraine" not in names and "Mali" not in names


def test_in_a_busy_week_no_number_of_killed_covers_another_or_a_bar(homs):
    """Ten events on one day, each with state forces killed: the largest numbers are written,
    the others left to their bars' tooltips, and no written number overlaps."""
    event = next(e for e in homs.timeline if e.killed)
    busy = [
        replace(event, iri=f"{event.iri}-{n}", killed=(Killed("State forces", n * 7, False),))
        for n in range(1, 11)
    ]
    svg = timeline_svg(busy, type_colours(busy))
    bars = [tuple(map(float, b)) for b in re.findall(
        r"<rect x='([\d.]+)' y='([\d.]+)' width='6' height='([\d.]+)'", svg)]  # fmt: skip
    bars = [(x, y, x + 6, y + h) for x, y, h in bars]
    numbers = [(float(x), float(y), text) for x, y, text in re.findall(
        r"<text x='([\d.]+)' y='([\d.]+)'>(\d+)</text></a>", svg)]  # fmt: skip
    boxes = [(x, y - 9, x + 6.2 * len(text), y) for x, y, text in numbers]
    assert "70" in [text for _, _, text in numbers]  # the largest is always written
    assert 0 < len(numbers) < len(busy)
    for index, box in enumerate(boxes):
        others = boxes[:index] + boxes[index + 1 :] + bars
        assert not any(
            box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in others
        )
