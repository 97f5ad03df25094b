"""Events read from the prose: dates, places, figures, sources, actors, provenance, scores."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import CLI, FIXTURES, LEXICON, ask, rows

from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.build.reading import read_article
from aleppo_kg.curation.evaluate import default_gold, load_gold, score_events
from aleppo_kg.lexicon import load_lexicon
from aleppo_kg.resources import default_article

CONFLICT = "conflict:2012-aleppo-governorate-clashes"


@pytest.fixture(scope="module")
def idlib_graph():
    result = build_graph([FIXTURES / "prose_idlib.txt"])
    assert result.violations == ()
    return result.graph


def _event_on(graph, day: str, extra: str = "") -> list[tuple]:
    return rows(
        graph,
        f"""
        SELECT ?e ?type WHERE {{
            ?e a akg:Event ; sem:hasTimeStamp "{day}"^^xsd:date ;
               akg:eventType/rdfs:label ?type . {extra} }}""",
    )


def test_every_event_is_typed_bounded_and_traceable(seed_graph):
    events = rows(
        seed_graph,
        f"""
        SELECT ?e ?b ?l WHERE {{
            ?e a akg:Event, sem:Event ; sem:subEventOf {CONFLICT} ;
               akg:eventType/skos:inScheme scheme:event-type ;
               sem:hasEarliestBeginTimeStamp ?b ; sem:hasLatestEndTimeStamp ?l ;
               prov:wasDerivedFrom ?span . ?span a nif:String }}""",
    )
    prose = {e for e, _, _ in events if "/control-" not in str(e)}
    assert len(prose) >= 45  # "roughly fifty" dated occurrences
    assert all(b <= latest for _, b, latest in events)


def test_background_events_of_2011_are_in_the_graph(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?e WHERE {{ ?e a akg:Event ; sem:subEventOf {CONFLICT} ;
                               sem:hasLatestEndTimeStamp ?l FILTER(YEAR(?l) = 2011) }}""",
    )
    assert len(found) >= 6  # 13 April, 30 June, 12 and 17 August, 6 and 27 September...


def test_day_precision_and_timestamps(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?b ?l ?p ?edtf WHERE { ?e sem:hasTimeStamp "2012-04-21"^^xsd:date ;
            sem:hasEarliestBeginTimeStamp ?b ; sem:hasLatestEndTimeStamp ?l ;
            akg:datePrecision/rdfs:label ?p ; akg:edtf ?edtf }""",
    )
    assert found == [(date(2012, 4, 21), date(2012, 4, 21), "day", "2012-04-21")]


def test_late_march_is_the_last_third_of_march_without_a_timestamp(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?e ?edtf WHERE { ?e a akg:Event ; akg:datePrecision date-precision:part-of-month ;
            sem:hasEarliestBeginTimeStamp "2012-03-21"^^xsd:date ;
            sem:hasLatestEndTimeStamp "2012-03-31"^^xsd:date ; akg:edtf ?edtf
            FILTER NOT EXISTS { ?e sem:hasTimeStamp ?t } }""",
    )
    assert [edtf for _, edtf in found] == ["2012-03-21/2012-03-31"]


def test_during_march_is_the_month(seed_graph):
    assert ask(
        seed_graph,
        """ASK { ?e akg:datePrecision date-precision:month ; akg:edtf "2012-03" ;
                                      sem:hasPlace place:azaz }""",
    )


def test_over_the_next_five_months_runs_from_the_bombings(seed_graph):
    assert ask(
        seed_graph,
        """ASK { ?e a akg:Event ;
        sem:hasEarliestBeginTimeStamp "2012-02-10"^^xsd:date ;
        sem:hasLatestEndTimeStamp "2012-07-10"^^xsd:date }""",
    )


def test_on_the_same_day_and_the_looting_after_the_capture(seed_graph):
    types = {t for _, t in _event_on(seed_graph, "2012-04-24")}
    assert {
        "Non-state actor overtakes territory",
        "Looting/property destruction",
        "Air/drone strike",
        "Armed clash",
    } <= types


def test_spellings_resolve_to_the_infobox_places(seed_graph):
    capture = _event_on(
        seed_graph,
        "2012-04-24",
        "?e sem:hasPlace place:darat-izza ; "
        "akg:eventType event-type:non-state-actor-overtakes-territory .",
    )
    assert len(capture) == 1
    assert ask(seed_graph, 'ASK { place:darat-izza skos:altLabel "Daret Azzeh"@en }')
    assert ask(seed_graph, "ASK { ?e a akg:Event ; sem:hasPlace place:atarib, ?p }")
    assert ask(
        seed_graph,
        "ASK { place:sakhour akg:locatedIn place:aleppo . "
        "place:salaheddine akg:locatedIn place:aleppo }",
    )


def test_regional_phrases_resolve_to_the_governorate_and_keep_their_words(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?d WHERE { ?e sem:hasPlace place:aleppo-governorate ; akg:placeDescription ?d }""",
    )
    descriptions = {str(d).lower() for (d,) in found}
    assert {"northern aleppo province", "north of aleppo"} <= descriptions


def test_conflicting_reports_stay_side_by_side_with_their_sources(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?n ?source WHERE { ?e sem:hasTimeStamp "2012-07-23"^^xsd:date .
            ?f akg:figureFor ?e ; akg:category category:tank ; akg:outcome outcome:destroyed ;
               akg:count ?n ; sem:accordingTo/rdfs:label ?source } ORDER BY ?n""",
    )
    assert [n for n, _ in found] == [7, 17]
    assert found[0][1] == "a journalist" and found[1][1] != "a journalist"
    tolls = rows(
        seed_graph,
        """
        SELECT ?n ?min WHERE { ?e sem:hasTimeStamp "2012-08-15"^^xsd:date .
            ?f akg:figureFor ?e ; akg:outcome outcome:killed ; akg:category category:people .
            OPTIONAL { ?f akg:count ?n } OPTIONAL { ?f akg:minCount ?min } }""",
    )
    assert sorted(tolls, key=str) == sorted([(None, 20), (31, None)], key=str)


def test_number_words_ranges_and_vague_amounts(seed_graph):
    assert ask(
        seed_graph,
        """ASK { ?f akg:asWritten ?w ; akg:count ?n
                                      FILTER(STRSTARTS(?w, "Sixteen") && ?n = 16) }""",
    )
    assert ask(
        seed_graph,
        """ASK { ?f a akg:ParticipantFigure ; akg:minCount ?a ; akg:maxCount ?b ;
                                      akg:quantifier quantifier:range
                                      FILTER(?a = 20000 && ?b = 40000) }""",
    )
    assert ask(
        seed_graph,
        """ASK { ?f akg:quantifier quantifier:vague ;
                                      akg:category category:artillery-shell ;
                                      akg:outcome outcome:looted }""",
    )
    assert ask(
        seed_graph,
        """ASK { ?f akg:category category:colonel ; akg:count ?n ;
                                      akg:outcome outcome:killed FILTER(?n = 2) }""",
    )


def test_sources_on_events_and_figures(seed_graph):
    for source in ("state-media", "sana", "sohr", "activists", "rebels", "government", "witnesses"):
        assert ask(seed_graph, f"ASK {{ ?e a akg:Event ; sem:accordingTo source:{source} }}"), (
            source
        )
    assert ask(
        seed_graph,
        """ASK { ?f a akg:Figure ; akg:figureFor ?e ; sem:accordingTo source:sana .
                                      ?e a akg:Event }""",
    )


def test_actors_are_the_infobox_resources_with_roles(seed_graph):
    assert ask(
        seed_graph,
        """ASK { ?e sem:hasTimeStamp "2012-07-23"^^xsd:date ;
        akg:attacker organization:free-syrian-army .
        ?s akg:hasCombatant organization:free-syrian-army }""",
    )
    assert ask(
        seed_graph,
        """ASK { ?e akg:victim group:students ; sem:hasActor group:students .
                                      group:students a akg:PeopleGroup, sem:Actor }""",
    )
    assert ask(seed_graph, "ASK { ?e sem:hasActor group:u-n-observers }")
    assert ask(seed_graph, "ASK { ?e akg:victim group:lebanese-hostages }")


def test_every_event_figure_is_grounded_in_its_span(seed_graph):
    """The number, or its number word, appears in the span the figure was read from; a vague
    amount's bound is the one the lexicon gives its words ("dozens": at least 24)."""
    lexicon = load_lexicon()
    words = lexicon.number_words
    found = rows(
        seed_graph,
        """
        SELECT ?anchor ?n ?min ?max ?q WHERE {
            ?f a akg:Figure ; akg:figureFor ?e ; prov:wasDerivedFrom/nif:anchorOf ?anchor ;
               akg:quantifier ?q . ?e a akg:Event .
            OPTIONAL { ?f akg:count ?n } OPTIONAL { ?f akg:minCount ?min }
            OPTIONAL { ?f akg:maxCount ?max } }""",
    )
    assert len(found) > 50
    for anchor, *numbers, quantifier in found:
        if str(quantifier).endswith("/vague"):
            said = anchor.casefold()
            bounds = {v for phrase, (_, v) in lexicon.vague_quantities.items() if phrase in said}
            assert {v for v in numbers if v is not None} <= bounds, anchor
            continue
        for value in (v for v in numbers if v is not None):
            spelled = {w for w, v in words.items() if v == value}
            assert re.search(rf"{value:,}|{value}", anchor) or any(
                re.search(rf"\b{w}\b", anchor, re.IGNORECASE) for w in spelled
            ), anchor
        assert any(v is not None for v in numbers), anchor


def test_every_event_place_is_named_in_its_spans_or_before(seed_graph):
    """A place is named in the event's sentences, or earlier in the text (inherited context)."""
    found = rows(
        seed_graph,
        """
        SELECT ?e ?p (GROUP_CONCAT(DISTINCT ?name; separator="|") AS ?names)
               (MAX(?end) AS ?last) ?text WHERE {
            ?e a akg:Event ; sem:hasPlace ?p ; prov:wasDerivedFrom ?s .
            ?s nif:endIndex ?end ; nif:referenceContext/nif:isString ?text .
            { ?p rdfs:label ?name } UNION { ?p skos:altLabel ?name }
            UNION { ?p ^akg:locatedIn/(rdfs:label|skos:altLabel) ?name }
        } GROUP BY ?e ?p ?text""",
    )
    assert found
    for event, place, names, last, text in found:
        before = text[:last].casefold()
        assert any(n.casefold() in before for n in names.split("|")), (event, place)


# --- evaluation -----------------------------------------------------------------------


def _scores(article: Path) -> dict[str, tuple[float, float]]:
    scores = score_events(read_article(article, LEXICON), load_gold(default_gold(article)))
    return {s.name: (s.precision, s.recall) for s in scores}


def test_seed_scores_reach_the_target():
    scores = _scores(default_article())
    for aspect in ("events", "event-dates", "event-places", "event-figures"):
        precision, recall = scores[aspect]
        assert precision >= 0.95 and recall >= 0.95, (aspect, precision, recall)


@pytest.mark.parametrize("name", ["prose_idlib.txt", "prose_homs.txt"])
def test_synthetic_articles_keep_the_rules_general(name):
    scores = _scores(FIXTURES / name)
    for aspect in ("events", "event-dates", "event-places", "event-figures"):
        precision, recall = scores[aspect]
        assert precision >= 0.85 and recall >= 0.85, (aspect, precision, recall)


def test_relative_dates_in_another_article(idlib_graph):
    assert _event_on(idlib_graph, "2012-04-03", "?e akg:eventType event-type:air-drone-strike .")
    assert _event_on(idlib_graph, "2012-09-04", "?e sem:hasPlace place:khirbet-nasma .")


def test_evaluate_command_prints_a_table_and_rejects_a_bad_annotation(tmp_path):
    done = subprocess.run(
        [*CLI, "evaluate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert re.search(r"^events\s+\d\.\d{3}\s+\d\.\d{3}", done.stdout, re.MULTILINE), done.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    failed = subprocess.run(
        [*CLI, "evaluate", "--gold", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2 and "line 1: not JSON" in failed.stderr
