"""Wikitext articles built whole: the fixtures of tests/fixtures/wikitext/, by SPARQL.

- ``Battle_of_Qasr_Bayda.wiki`` holds every template the reader knows, references,
  comments, a file, a category, a table and unknown templates;
- ``Siege_of_Kafr_Hamra.wiki`` nests its lists three deep and more;
- ``Battle_of_Tell_Qarmit.wiki`` is written with mistakes, each a warning;
- ``2012_Aleppo_Governorate_clashes.wiki`` is the bundled article as Wikipedia would
  write it: it must give the records its plain-text form gives.

Expected values are read from the fixtures by hand.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import CLI, FIXTURES, LEXICON, ask, rows

from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.build.reading import read_article
from aleppo_kg.curation.evaluate import evaluate, find_gold
from aleppo_kg.model import Extraction, Figure
from aleppo_kg.resources import default_article

WIKITEXT = FIXTURES / "wikitext"
QASR_BAYDA = WIKITEXT / "Battle_of_Qasr_Bayda.wiki"
KAFR_HAMRA = WIKITEXT / "Siege_of_Kafr_Hamra.wiki"
TELL_QARMIT = WIKITEXT / "Battle_of_Tell_Qarmit.wiki"
BUNDLED = WIKITEXT / "2012_Aleppo_Governorate_clashes.wiki"


def _graph(path: Path):
    result = build_graph([path])
    assert result.violations == (), result.violations
    return result


@pytest.fixture(scope="module")
def qasr_bayda():
    return _graph(QASR_BAYDA)


def _local(iri: str) -> str:
    return iri.rsplit("/resource/", 1)[1]


# --- every template --------------------------------------------------------------------


def test_commanders_carry_their_ranks_and_their_fates_from_the_templates(qasr_bayda):
    found = rows(
        qasr_bayda.graph,
        """SELECT ?name ?rank ?fate WHERE { ?c akg:commander/rdfs:label ?name .
            OPTIONAL { ?c akg:rank ?rank } OPTIONAL { ?c akg:fate ?fate } } ORDER BY ?name""",
    )
    assert [(n, r and _local(r), f and _local(f)) for n, r, f in found] == [
        ("Abu Khalid al-Hamawi", None, "fate/captured"),
        ("Fadi Rahhal", "rank/captain", None),
        ("Hassan Darwish", "rank/major-general", "fate/killed-in-action"),
        ("Samir Kanaan", "rank/colonel", "fate/wounded-in-action"),
    ]


def test_factions_of_a_list_template_and_a_rule(qasr_bayda):
    found = rows(
        qasr_bayda.graph,
        """SELECT ?n ?f ?org WHERE { ?side akg:sideNumber ?n ; akg:hasFaction ?f .
            ?f akg:hasCombatant ?org } ORDER BY ?n ?f ?org""",
    )
    assert [(n, _local(f), _local(o)) for n, f, o in found] == [
        (1, "faction/battle-of-qasr-bayda-1-1", "org/syria"),
        (2, "faction/battle-of-qasr-bayda-2-1", "org/free-syrian-army"),
        (2, "faction/battle-of-qasr-bayda-2-1", "org/liwa-suqour-al-ghab"),
        (2, "faction/battle-of-qasr-bayda-2-2", "org/al-nusra-front"),
    ]


def test_dates_places_and_outcomes_from_templates(qasr_bayda):
    found = rows(
        qasr_bayda.graph,
        """SELECT ?b ?e ?where WHERE { conflict:battle-of-qasr-bayda
            sem:hasEarliestBeginTimeStamp ?b ; sem:hasLatestEndTimeStamp ?e ;
            sem:hasPlace ?where }""",
    )
    assert [(str(b), str(e), _local(w)) for b, e, w in found] == [
        ("2013-05-28", "2013-07-19", "place/qasr-bayda")
    ]
    outcomes = rows(
        qasr_bayda.graph,
        "SELECT ?o WHERE { conflict:battle-of-qasr-bayda akg:resultItem ?o } ORDER BY ?o",
    )
    assert outcomes == [("Government victory",), ("Rebels withdraw 12 km north",)]
    assert ask(
        qasr_bayda.graph,
        """ASK { place:qasr-bayda akg:locatedIn place:hama-governorate .
            place:hama-governorate akg:locatedIn place:syria }""",
    )


def test_entities_carry_the_pages_their_links_name(qasr_bayda):
    found = rows(qasr_bayda.graph, "SELECT ?s ?p WHERE { ?s foaf:isPrimaryTopicOf ?p }")
    assert sorted((_local(s), p.rsplit("/wiki/", 1)[1]) for s, p in found) == [
        ("conflict/syrian-civil-war", "Syrian_civil_war"),
        ("org/5th-armoured-division-syria", "5th_Armoured_Division_(Syria)"),
        ("org/al-nusra-front", "Al-Nusra_Front"),
        ("org/free-syrian-army", "Free_Syrian_Army"),
        ("org/liwa-suqour-al-ghab", "Liwa_Suqour_al-Ghab"),
        ("org/syria", "Syria"),  # {{flag|Syria|name=Syrian Government}} links Syria
        ("org/syrian-army", "Syrian_Army"),
        ("person/abu-khalid-al-hamawi", "Abu_Khalid_al-Hamawi"),
        ("person/hassan-darwish", "Hassan_Darwish"),
        ("place/hama-governorate", "Hama_Governorate"),
        ("place/qasr-bayda", "Qasr_Bayda"),
        ("place/syria", "Syria"),
        ("place/tell-zahra-village", "Tell_Zahra_(village)"),
    ]


def test_the_rendered_text_keeps_no_markup_and_drops_what_a_reader_does_not_see(qasr_bayda):
    [(text,)] = rows(qasr_bayda.graph, "SELECT ?t WHERE { ?c a nif:Context ; nif:isString ?t }")
    for markup in ("[[", "]]", "{{", "}}", "<ref", "'''", "Category", "wikitable", "File:"):
        assert markup not in text
    assert "40 soldiers" not in text  # the table
    assert "shelled Qasr Bayda from 5–7 km away." in text
    assert "- Strength1: 4,000 soldiers, 40 tanks\n" in text


def test_unknown_templates_and_the_notes_key_are_the_only_warnings(qasr_bayda):
    assert qasr_bayda.warnings == (
        f"{QASR_BAYDA}: template {{{{lang-ar}}}} not understood: dropped",
        f"{QASR_BAYDA}: template {{{{Qasr Bayda campaign}}}} not understood: dropped",
        f"{QASR_BAYDA} (rendered): line 21 (Notes): unknown infobox key 'Notes': "
        "kept as an unmapped value",
    )


def test_events_of_the_prose_with_linked_places_and_actors(qasr_bayda):
    found = rows(
        qasr_bayda.graph,
        """SELECT ?d ?type ?where WHERE { ?e a akg:Event ; sem:hasTimeStamp ?d ;
            akg:eventType ?type ; sem:hasPlace ?where } ORDER BY ?d""",
    )
    assert [(str(d), _local(t), _local(w)) for d, t, w in found] == [
        ("2013-05-28", "event-type/shelling-artillery-missile-attack", "place/qasr-bayda"),
        ("2013-07-19", "event-type/government-regains-territory", "place/tell-zahra-village"),
    ]
    assert ask(
        qasr_bayda.graph,
        """ASK { ?e sem:hasTimeStamp "2013-05-28"^^xsd:date ; akg:attacker ?army .
            ?army foaf:isPrimaryTopicOf <https://en.wikipedia.org/wiki/Syrian_Army> }""",
    )


# --- nested lists ----------------------------------------------------------------------


def test_units_nest_as_the_lists_do():
    graph = _graph(KAFR_HAMRA).graph
    found = rows(
        graph,
        """SELECT ?unit ?parent WHERE { ?unit org:subOrganizationOf ?parent } ORDER BY ?unit""",
    )
    assert sorted((_local(u), _local(p)) for u, p in found) == [
        ("org/42nd-brigade-syria", "org/4th-armoured-division-syria"),
        ("org/4th-armoured-division-syria", "org/syrian-army"),
        ("org/ahrar-al-sham", "org/army-of-conquest"),
        ("org/faylaq-al-sham", "org/army-of-conquest"),
        ("org/kafr-hamra-battalion", "org/liwa-al-haqq"),
        ("org/kuweires-airbase-squadron", "org/syrian-air-force"),
        ("org/liwa-al-haqq", "org/ahrar-al-sham"),
        ("org/syrian-air-force", "org/syrian-armed-forces"),
        ("org/syrian-army", "org/syrian-armed-forces"),
        ("org/syrian-army-11th-tank-division", "org/syrian-army"),
    ]
    figures = rows(
        graph,
        """SELECT ?part ?whole WHERE { ?p akg:subFigureOf ?w .
            ?p akg:asWritten ?part . ?w akg:asWritten ?whole } ORDER BY ?part""",
    )
    assert figures == [
        ("1,500 4th Armoured Division soldiers", "4,000 Syrian Army soldiers"),
        ("2,000 Ahrar al-Sham fighters", "6,000 fighters"),
        ("4,000 Syrian Army soldiers", "9,000 soldiers"),
    ]


def test_a_name_a_link_holds_is_no_place_or_actor_of_its_own():
    events = read_article(KAFR_HAMRA, LEXICON).events
    keys = {m.place.entity.key for e in events for m in e.places}
    actors = {r.actor.entity.key for e in events for r in e.actors}
    assert "place/al-hamra-173830" not in keys  # "Hamra" of [[Kafr Hamra]]
    assert "org/syrian-army" not in actors  # "the Army" of [[Army of Conquest]]


# --- mistakes --------------------------------------------------------------------------


def test_mistakes_are_warnings_and_the_rest_is_read():
    result = _graph(TELL_QARMIT)
    assert result.warnings == (
        f"{TELL_QARMIT}: {{{{end date|2014|13|40}}}} cannot be read: dropped",
        f"{TELL_QARMIT}: infobox parameter 'result': a template or link in it is not closed "
        "and holds the lines of status: they are not read",
        f"{TELL_QARMIT}: {{{{flag}}}} names no country: dropped",
        f"{TELL_QARMIT}: stray ']]' (a template or link not closed?): dropped",
        f"{TELL_QARMIT}: {{{{convert|many|km}}}} cannot be read: dropped",
        f"{TELL_QARMIT}: stray '[[' (a template or link not closed?): dropped",
        f"{TELL_QARMIT}: infobox: unnamed parameter '45 soldiers killed' (a '|' of a link or "
        "template not closed?): dropped",
        f"{TELL_QARMIT}: template {{{{Fake casualty template}}}} not understood: dropped",
        f"{TELL_QARMIT} (rendered): line 14 (Casualties2): skipped 'Syrian Army': no number in it",
    )
    commanders = rows(
        result.graph,
        "SELECT ?n ?f WHERE { ?c akg:commander/rdfs:label ?n ; akg:fate ?f } ORDER BY ?n",
    )
    assert [(n, _local(f)) for n, f in commanders] == [
        ("Ali Hassan", "fate/killed-in-action"),
        ("Karim Saleh", "fate/wounded-in-action"),
    ]
    figures = rows(
        result.graph,
        """SELECT ?w WHERE { ?f akg:asWritten ?w ; akg:figureFor ?x
            FILTER NOT EXISTS { ?x a akg:Event } } ORDER BY ?w""",
    )  # the infobox's: the prose's "Ten soldiers" counts for an event
    assert figures == [("12 civilians killed",), ("200 fighters",), ("30 fighters killed",)]


def test_mistakes_build_and_strict_refuses_them(tmp_path):
    out = tmp_path / "out.ttl"

    def build(*flags: str) -> subprocess.CompletedProcess:
        command = [*CLI, "build", str(TELL_QARMIT), "-o"]
        return subprocess.run([*command, str(out), *flags], capture_output=True, text=True)

    done = build()
    assert done.returncode == 0 and out.is_file(), done.stderr
    assert "not understood: dropped" in done.stderr
    out.unlink()
    strict = build("--strict")
    assert strict.returncode == 2 and not out.exists()
    assert strict.stderr.strip() == (
        f"aleppo-kg: error: {TELL_QARMIT} (rendered): line 14 (Casualties2): cannot read "
        "'Syrian Army': no number in it"
    )


# --- the bundled article as wikitext ---------------------------------------------------


def _records(extraction: Extraction) -> dict[str, list]:
    """What both forms must agree on, by what the text writes (not by IRI: a link may key an
    entity by its article's title)."""

    def figure(f: Figure) -> tuple:
        source = f.source.label if f.source else None
        return f.kind, f.quantity, f.category, f.outcome, f.written, f.equipment, source

    conflict = extraction.conflict
    sides = conflict.sides
    return {
        "dates": [conflict.begin, conflict.end],
        "commanders": [
            (s.number, c.rank, c.person.written, c.fate, c.unit and c.unit.entity.written)
            for s in sides
            for c in s.commanders
        ],
        "units": [
            (s.number, u.organization.entity.written, u.parent and u.parent.entity.written, u.depth)
            for s in sides
            for u in s.units
        ],
        "figures": [(s.number, figure(f)) for s in sides for f in s.figures]
        + [(0, figure(f)) for f in conflict.figures],
        "combatants": [
            (s.number, [o.entity.written for o in f]) for s in sides for f in s.factions
        ],
        "events": [
            (
                e.date,
                e.event_type,
                [m.place.entity.key for m in e.places],
                sorted((r.actor.entity.key, r.role) for r in e.actors),
                [figure(f) for f in e.figures],
                [s.key for s in e.sources],
            )
            for e in extraction.events
        ],
    }


def test_the_bundled_article_as_wikitext_gives_the_records_of_its_plain_text():
    plain = _records(read_article(default_article(), LEXICON))
    wiki = _records(read_article(BUNDLED, LEXICON))
    for aspect in plain:
        assert wiki[aspect] == plain[aspect], aspect
    assert (len(plain["commanders"]), len(plain["units"]), len(plain["events"])) == (4, 29, 51)


def test_the_bundled_article_as_wikitext_scores_as_its_plain_text_on_its_annotation():
    gold = find_gold(default_article())  # anchored on the plain text's sentences
    plain = evaluate(read_article(default_article(), LEXICON), gold)
    wiki = evaluate(read_article(BUNDLED, LEXICON), gold)
    assert wiki == plain
    assert {s.name: s.f1 for s in wiki}["events"] == 1.0


def test_the_bundled_wikitext_keys_linked_names_by_their_articles():
    result = _graph(BUNDLED)
    found = rows(
        result.graph,
        """SELECT ?s ?label WHERE { ?s foaf:isPrimaryTopicOf ?p ; rdfs:label ?label .
            FILTER(?s IN (person:abdul-jabbar-al-okaidi, place:anadan,
                          organization:15th-special-forces-division-syria,
                          conflict:battle-of-aleppo-2012-2016, organization:syrian-government))
        } ORDER BY ?s""",
    )
    assert [(_local(s), label) for s, label in found] == [
        ("conflict/battle-of-aleppo-2012-2016", "Battle of Aleppo (2012–2016)"),
        ("org/15th-special-forces-division-syria", "15th Special Forces Division"),
        ("org/syrian-government", "Syrian Government"),
        ("person/abdul-jabbar-al-okaidi", "Abdul Jabbar al-Okaidi"),
        ("place/anadan", "Anadan"),
    ]
    assert result.warnings == (
        f"{BUNDLED}: template {{{{transl}}}} not understood: dropped",
        f"{BUNDLED}: template {{{{Syrian civil war}}}} not understood: dropped",
    )


# --- text, spans, sources --------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(WIKITEXT.glob("*.wiki")), ids=lambda p: p.stem)
def test_every_span_and_every_link_slices_the_rendered_text(path):
    article = read_article(path, LEXICON).article
    assert article.links
    for link in article.links:
        label = link.span.slice(article.text)
        assert label == label.strip() and "\n" not in label and label
    result = _graph(path)
    spans = rows(
        result.graph,
        """SELECT ?b ?e ?a ?t WHERE { ?s nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a ;
            nif:referenceContext/nif:isString ?t }""",
    )
    assert spans and all(text[b:e] == anchor for b, e, anchor, text in spans)
    assert {text for *_, text in spans} == {article.text}


def test_the_context_derives_from_the_revision_its_sidecar_names(tmp_path):
    article = tmp_path / "Battle_of_Qasr_Bayda.wiki"
    article.write_bytes(QASR_BAYDA.read_bytes())
    permalink = "https://en.wikipedia.org/w/index.php?title=Battle_of_Qasr_Bayda&oldid=123"
    sidecar = {
        "title": "Battle of Qasr Bayda",
        "source": "https://en.wikipedia.org/wiki/Battle_of_Qasr_Bayda",
        "permalink": permalink,
        "revision": 123,
        "revision_timestamp": "2024-05-01T12:00:00Z",
        "retrieved": "2024-05-02",
        "license": "https://creativecommons.org/licenses/by-sa/4.0/",
    }
    article.with_suffix(".source.json").write_text(json.dumps(sidecar), encoding="utf-8")
    found = rows(
        _graph(article).graph,
        """SELECT ?rev ?day WHERE { ?c a nif:Context ; prov:wasDerivedFrom ?rev ;
            pav:retrievedOn ?day }""",
    )
    assert [(rev, str(day)) for rev, day in found] == [(permalink, "2024-05-02")]


def test_a_permalink_that_is_no_url_is_one_line_and_nothing_written(tmp_path):
    article = tmp_path / "x.wiki"
    article.write_bytes(QASR_BAYDA.read_bytes())
    article.with_suffix(".source.json").write_text('{"permalink": "oldid 123"}', encoding="utf-8")
    out = tmp_path / "out.ttl"
    done = subprocess.run(
        [*CLI, "build", str(article), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and not out.exists()
    assert done.stderr.strip() == (
        f"aleppo-kg: error: {tmp_path / 'x.source.json'}: 'permalink' is not an http(s) URL "
        "without spaces: 'oldid 123'"
    )


def test_a_folder_stands_for_its_wikitext_articles_too(tmp_path):
    folder = tmp_path / "series"
    folder.mkdir()
    for path in (QASR_BAYDA, KAFR_HAMRA):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "three_sides.txt").write_bytes((FIXTURES / "three_sides.txt").read_bytes())
    result = build_graph([folder])
    titles = rows(
        result.graph, "SELECT ?t WHERE { ?c a nif:Context ; dcterms:title ?t } ORDER BY ?t"
    )
    assert titles == [
        ("2013 Qarmit Valley offensive",),
        ("Battle of Qasr Bayda",),
        ("Siege of Kafr Hamra",),
    ]


def test_two_builds_of_wikitext_are_byte_identical(tmp_path):
    outputs = []
    for name in ("a.ttl", "b.ttl"):
        out = tmp_path / name
        command = [*CLI, "build", str(BUNDLED), "-o", str(out)]
        assert subprocess.run(command, capture_output=True).returncode == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
