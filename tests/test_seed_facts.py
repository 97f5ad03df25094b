"""Every infobox fact of the seed article, asked of the built graph by SPARQL, no inference."""

from __future__ import annotations

from datetime import date

from conftest import ask, rows

CONFLICT = "conflict:2012-aleppo-governorate-clashes"


def test_conflict_label_dates_and_types(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?label ?b ?e ?begin ?end WHERE {{
            {CONFLICT} a sem:Event, akg:Conflict, dbo:MilitaryConflict ; rdfs:label ?label ;
                sem:hasEarliestBeginTimeStamp ?b ; sem:hasLatestEndTimeStamp ?e ;
                sem:hasBeginTimeStamp ?begin ; sem:hasEndTimeStamp ?end .
        }}""",
    )
    assert found == [
        (
            "2012 Aleppo Governorate clashes",
            date(2012, 2, 10),
            date(2012, 7, 19),
            date(2012, 2, 10),
            date(2012, 7, 19),
        )
    ]


def test_conflict_is_part_of_the_early_insurgency_of_the_civil_war(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?phase ?war WHERE {{
            {CONFLICT} sem:subEventOf ?p . ?p rdfs:label ?phase ; sem:subEventOf ?w .
            ?w rdfs:label ?war .
        }}""",
    )
    assert found == [("Early insurgency phase of the Syrian civil war", "Syrian civil war")]


def test_conflict_place_is_the_governorate_in_syria(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?place ?country WHERE {{
            {CONFLICT} sem:hasPlace ?p . ?p rdfs:label ?place ; akg:locatedIn ?c .
            ?c rdfs:label ?country ; akg:placeType place-type:country .
        }}""",
    )
    assert found == [("Aleppo Governorate", "Syria")]


def test_result(seed_graph):
    assert rows(seed_graph, f"SELECT ?r WHERE {{ {CONFLICT} dbo:result ?r }}") == [
        ("Rebel victory",)
    ]


def test_combatants_by_side_and_faction(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?n ?f ?label WHERE {{
            {CONFLICT} akg:hasSide ?side . ?side akg:sideNumber ?n ; akg:hasFaction ?f .
            ?f akg:hasCombatant ?org . ?org rdfs:label ?label ; a org:Organization, sem:Actor .
        }}""",
    )
    by_faction: dict = {}
    for number, faction, label in found:
        by_faction.setdefault((number, str(faction)), set()).add(label)
    assert sorted(by_faction.values(), key=sorted) == sorted(
        [
            {"Free Syrian Army", "Al-Nusra Front"},
            {"People's Protection Units"},
            {"Syrian Government"},
        ],
        key=sorted,
    )
    ypg_side = {n for (n, _), labels in by_faction.items() if "People's Protection Units" in labels}
    fsa_side = {n for (n, _), labels in by_faction.items() if "Free Syrian Army" in labels}
    assert ypg_side == fsa_side == {1}


def test_ypg_is_a_separate_faction_from_the_fsa(seed_graph):
    assert not ask(
        seed_graph,
        """
        ASK { ?f a akg:Faction ; akg:hasCombatant organization:free-syrian-army,
                                  organization:peoples-protection-units . }""",
    )


def test_commanders_with_expanded_and_written_ranks(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?name ?rank ?written ?n WHERE {{
            ?c a akg:Command ; akg:commander ?p ; akg:rank ?r ; akg:rankAsWritten ?written ;
               akg:side ?side .
            ?side akg:sideOf {CONFLICT} ; akg:sideNumber ?n .
            ?p a schema:Person, sem:Actor ; rdfs:label ?name . ?r rdfs:label ?rank .
        }} ORDER BY ?name""",
    )
    assert found == [
        ("Abdul-Jabar Mohammed Egeydi", "Colonel", "Col.", 1),
        ("Mohammed Hamadeen", "Major", "Maj.", 1),
        ("Obaid Mohammad Obaid", "Colonel", "Col.", 1),
        ("Rifaat Khalil", "First Lieutenant", "1st Lt.", 1),
    ]
    assert len(rows(seed_graph, f"SELECT ?p WHERE {{ {CONFLICT} dbo:commander ?p }}")) == 4


def test_unknown_commanders_are_recorded_not_invented(seed_graph):
    assert ask(seed_graph, "ASK { ?s akg:sideNumber 2 ; akg:commandersUnknown true }")
    assert not ask(seed_graph, "ASK { ?s akg:sideNumber 2 ; akg:hasCommander ?p }")
    assert not ask(
        seed_graph, 'ASK { ?p a schema:Person ; rdfs:label ?l FILTER(STR(?l) = "Unknown") }'
    )


def test_order_of_battle_nests_units(seed_graph):
    under_6th = rows(
        seed_graph,
        """
        SELECT ?label WHERE {
            ?d rdfs:label "6th Division"@en . ?u org:subOrganizationOf ?d ; rdfs:label ?label .
        } ORDER BY ?label""",
    )
    assert under_6th == [
        ("11th Mechanised Brigade",),
        ("12th Armoured Brigade",),
        ("80th Army Brigade",),
    ]
    chain = rows(
        seed_graph,
        """
        SELECT ?label WHERE {
            ?b rdfs:label "12th Armoured Brigade"@en ; org:subOrganizationOf+ ?up .
            ?up rdfs:label ?label .
        } ORDER BY ?label""",
    )
    assert chain == [
        ("6th Division",),
        ("Syrian Armed Forces",),
        ("Syrian Army",),
    ]


def test_top_level_units_belong_to_their_side_and_have_no_parent(seed_graph):
    assert ask(
        seed_graph,
        """ASK {
        ?s akg:sideNumber 2 ; akg:hasUnit ?u .
        ?u rdfs:label "Syrian Armed Forces"@en .
        FILTER NOT EXISTS { ?u org:subOrganizationOf ?any } }""",
    )
    fsa_units = rows(
        seed_graph,
        """
        SELECT (COUNT(?u) AS ?n) WHERE {
            ?u org:subOrganizationOf organization:free-syrian-army }""",
    )
    assert fsa_units == [(10,)]


def test_strength_figures_are_typed(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?n ?cat ?q ?count ?min WHERE {
            ?f a akg:StrengthFigure ; akg:figureFor ?side ; akg:category/rdfs:label ?cat ;
               akg:quantifier/rdfs:label ?q .
            ?side akg:sideNumber ?n .
            OPTIONAL { ?f akg:count ?count } OPTIONAL { ?f akg:minCount ?min }
        } ORDER BY ?n ?cat""",
    )
    assert found == [
        (1, "fighter", "exact", 6000, None),
        (2, "soldier", "exact", 18000, None),
        (2, "tank", "at least", None, 300),
    ]


def test_losses_by_side_kind_and_aircraft_type(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?n ?count ?cat ?outcome ?model WHERE {
            ?f a akg:LossFigure ; akg:figureFor ?side ; akg:count ?count ;
               akg:category/rdfs:label ?cat ; akg:outcome/rdfs:label ?outcome .
            ?side akg:sideNumber ?n .
            OPTIONAL { ?f akg:equipmentModel/rdfs:label ?model }
        } ORDER BY ?n ?count ?cat""",
    )
    assert found == [
        (1, 3, "tank", "lost", None),
        (1, 441, "fighter", "killed", None),
        (2, 1, "jet aircraft", "shot down", "MiG-23"),
        (2, 1, "jet bomber", "shot down", "Su-22"),
        (2, 2, "jet aircraft", "shot down", "L-39"),
        (2, 3, "helicopter", "shot down", "Mi-17"),
        (2, 132, "armoured vehicle", "destroyed", None),
        (2, 1659, "soldier", "killed", None),
    ]


def test_civilian_deaths_keep_their_lower_bound(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?min ?q ?count WHERE {{
            ?f akg:figureFor {CONFLICT} ; akg:category category:civilian ;
               akg:outcome outcome:killed ; akg:minCount ?min ; akg:quantifier/rdfs:label ?q .
            OPTIONAL {{ ?f akg:count ?count }}
        }}""",
    )
    assert found == [(50, "at least", None)]


def test_aircraft_types_are_aircraft(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?model WHERE { ?m skos:broader+ category:aircraft ; skos:inScheme scheme:equipment ;
                              rdfs:label ?model } ORDER BY ?model""",
    )
    assert found == [("L-39",), ("Mi-17",), ("MiG-23",), ("Su-22",)]


def test_territory_changes_by_controller(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?actor ?town ?asof ?type WHERE {{
            ?e a akg:TerritorialChange, sem:Event ; sem:subEventOf {CONFLICT} ;
               akg:newController/rdfs:label ?actor ; sem:hasPlace/rdfs:label ?town ;
               akg:controlAsOf ?asof ; akg:eventType/rdfs:label ?type .
        }} ORDER BY ?actor ?town""",
    )
    rebels = [town for actor, town, _, _ in found if actor == "Rebels"]
    assert rebels == sorted(
        ["Azaz", "al-Bab", "Manbij", "Jarabulus", "Tell Rifaat", "Anadan", "Darat Izza", "Atarib"]
    )
    assert [(a, t) for a, t, _, _ in found if a != "Rebels"] == [
        ("People's Protection Units", "Kobanî")
    ]
    assert {asof for _, _, asof, _ in found} == {date(2012, 7, 19)}
    assert {t for _, _, _, t in found} == {"Non-state actor overtakes territory"}


def test_territory_change_dates_are_bounds_not_timestamps(seed_graph):
    assert not ask(seed_graph, "ASK { ?e a akg:TerritorialChange ; sem:hasTimeStamp ?t }")
    assert not ask(seed_graph, "ASK { ?e a akg:TerritorialChange ; sem:hasBeginTimeStamp ?t }")


def test_towns_lie_in_the_governorate(seed_graph):
    assert ask(
        seed_graph,
        """ASK {
        place:kobani akg:locatedIn+ place:syria ; akg:placeType place-type:town ;
                     skos:altLabel "Kobani"@en . }""",
    )


def test_the_battle_it_culminated_in_is_a_named_conflict(seed_graph):
    found = rows(
        seed_graph,
        f"""
        SELECT ?label WHERE {{ {CONFLICT} akg:followedBy ?b . ?b a akg:Conflict, sem:Event ;
            rdfs:label ?label ; akg:mentionedIn ?span
            FILTER NOT EXISTS {{ ?b sem:hasEarliestBeginTimeStamp ?d }} }}""",
    )
    assert found == [("Battle of Aleppo city",)]


def test_territory_remarks_are_kept(seed_graph):
    remarks = {r for (r,) in rows(seed_graph, f"SELECT ?r WHERE {{ {CONFLICT} akg:remark ?r }}")}
    assert remarks == {
        "other towns north of Aleppo city",
        "Culmination in the battle of Aleppo city",
    }


def test_every_infobox_fact_node_points_to_a_span_of_its_line(seed_graph):
    missing = rows(
        seed_graph,
        """
        SELECT ?x WHERE {
            { ?x a akg:Figure } UNION { ?x a akg:Command } UNION { ?x a akg:Side }
            UNION { ?x a akg:Faction } UNION { ?x a akg:TerritorialChange }
            UNION { ?x a akg:Conflict ; sem:hasEarliestBeginTimeStamp ?b }
            FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?s . ?s a nif:String }
        }""",
    )
    assert missing == []


def test_spans_slice_the_article_to_their_anchor(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?b ?e ?anchor ?text WHERE {
            ?s a nif:String ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor ;
               nif:referenceContext ?c . ?c nif:isString ?text .
        }""",
    )
    assert len(found) > 50
    assert all(text[b:e] == anchor for b, e, anchor, text in found)


def test_infobox_figure_span_holds_its_number(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?written ?anchor WHERE {
            ?f a akg:Figure ; akg:asWritten ?written ; akg:figureFor ?for ;
               prov:wasDerivedFrom/nif:anchorOf ?anchor
            FILTER NOT EXISTS { ?for a akg:Event } }""",
    )
    assert len(found) == 12
    assert all(written in anchor for written, anchor in found)


def test_article_context_has_source_licence_and_retrieval_date(seed_graph):
    found = rows(
        seed_graph,
        """
        SELECT ?src ?lic ?day WHERE {
            ?c a nif:Context ; dcterms:source ?src ; dcterms:license ?lic ; pav:retrievedOn ?day
            FILTER(DATATYPE(?day) = xsd:date) }""",
    )
    assert [(str(s), str(lic), str(day)) for s, lic, day in found] == [
        (
            "https://en.wikipedia.org/wiki/2012_Aleppo_Governorate_clashes",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "2026-11-24",
        )
    ]


def test_every_resource_has_one_english_label(seed_graph):
    bad = rows(
        seed_graph,
        """
        SELECT ?x (COUNT(?l) AS ?n) WHERE {
            ?x a ?t . OPTIONAL { ?x rdfs:label ?l FILTER(LANG(?l) = "en") }
        } GROUP BY ?x HAVING (COUNT(DISTINCT ?l) != 1)""",
    )
    assert bad == []


def test_every_place_of_the_seed_points_to_where_it_is_named(seed_graph):
    """All the seed's places are named in it ("Syria" on the Place line included)."""
    missing = rows(
        seed_graph,
        """
        SELECT ?p WHERE { ?p a sem:Place FILTER NOT EXISTS { ?p prov:wasDerivedFrom ?s } }""",
    )
    assert missing == []
