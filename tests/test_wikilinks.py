"""Wikilinks are identity: the article a link names is its mention's, whatever its words.

Units on plain values (which mention a link names, the key the resolvers give a
linked name, the page's IRI), then a graph: every linked entity's
foaf:isPrimaryTopicOf, and mentions linking one article as one resource.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LEXICON, rows

from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.model import Entity, Span, WikiLink
from aleppo_kg.text.names import Names
from aleppo_kg.text.pages import Pages, plain_name
from aleppo_kg.vocab import wikipedia_page

TEXT = "The Free Syrian Army and FSA fighters took Kafr Hamra, then the Army of Conquest left."


def _link(label: str, target: str, occurrence: int = 0) -> WikiLink:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(label, start + 1)
    return WikiLink(Span(start, start + len(label)), target)


def _at(words: str, occurrence: int = 0) -> Span:
    return _link(words, "", occurrence).span


PAGES = Pages(
    TEXT,
    [
        _link("The Free Syrian Army", "Free Syrian Army"),
        _link("FSA", "Free Syrian Army"),
        _link("Kafr Hamra", "Kafr Hamra"),
        _link("Army of Conquest", "Army of Conquest"),
    ],
    LEXICON,
)


# --- which mention a link names ------------------------------------------------------------


def test_a_mention_that_is_the_whole_label_names_the_links_article():
    assert PAGES.page("FSA", _at("FSA")) == "Free Syrian Army"
    assert PAGES.page("Free Syrian Army", _at("Free Syrian Army")) == "Free Syrian Army"  # "the"


def test_a_part_of_a_label_is_not_the_links_topic():
    assert PAGES.page("Hamra", _at("Hamra")) is None
    assert PAGES.page("Army", _at("Army", 1)) is None


def test_words_linked_once_name_the_same_article_elsewhere_in_the_article():
    assert PAGES.page("fsa", None) == "Free Syrian Army"  # case and spacing aside
    assert PAGES.page("Kafr Hamra", Span(0, 3)) == "Kafr Hamra"
    assert PAGES.page("Tell Rifaat", None) is None


def test_words_linked_to_two_articles_name_neither_elsewhere():
    text = "Aleppo and Aleppo."
    pages = Pages(
        text, [WikiLink(Span(0, 6), "Aleppo"), WikiLink(Span(11, 17), "Aleppo Governorate")]
    )
    assert pages.page("Aleppo", Span(11, 17)) == "Aleppo Governorate"
    assert pages.page("Aleppo", None) is None


def test_mentions_that_cut_a_linked_name():
    assert PAGES.cuts(_at("Hamra"))  # a part a capitalised word of the label continues
    assert PAGES.cuts(_at("the Army"))  # crosses the label's edge
    assert not PAGES.cuts(_at("Kafr Hamra"))
    assert not PAGES.cuts(_at("fighters"))  # in no link
    assert not Pages("bombings in Damascus", [WikiLink(Span(0, 20), "X")]).cuts(Span(12, 20))


def test_a_plain_text_article_has_no_pages():
    assert Pages().page("Free Syrian Army", Span(0, 16)) is None
    assert not Pages().cuts(Span(0, 3))


# --- the keys the resolvers give linked names ------------------------------------------


NAMED = "FSA, Free Syrian Army, Tawhid Brigade, Anadan, 6th Division, Kaka, Sohr, Aleppo battle."
TARGETS = {
    "FSA": "Free Syrian Army",
    "Free Syrian Army": "Free Syrian Army",
    "Tawhid Brigade": "Liwa al-Tawhid",
    "Anadan": "Anadan, Syria",
    "6th Division": "6th Armoured Division (Syria)",
    "Kaka": "Kaká (general)",
    "Sohr": "Syrian Observatory for Human Rights",
    "Aleppo battle": "Battle of Aleppo (2012–2016)",
}


def _span(words: str) -> Span:
    start = NAMED.index(words)
    return Span(start, start + len(words))


@pytest.fixture
def names() -> Names:
    links = [WikiLink(_span(words), target) for words, target in TARGETS.items()]
    resolver = Names(LEXICON, country="Syria", pages=Pages(NAMED, links, LEXICON))
    resolver.place("Syria", None)  # the article's country: its towns are looked up
    return resolver


def test_two_mentions_linking_one_article_are_one_organisation(names):
    short = names.organization("FSA", _span("FSA"))
    full = names.organization("Free Syrian Army", _span("Free Syrian Army"))
    assert short.entity.key == full.entity.key == "org/free-syrian-army"
    assert (short.entity.page, short.entity.written) == ("Free Syrian Army", "FSA")


def test_a_linked_name_the_tables_lack_is_keyed_by_its_title(names):
    org = names.organization("Tawhid Brigade", _span("Tawhid Brigade"))
    assert (org.entity.key, org.entity.label) == ("org/liwa-al-tawhid", "Liwa al-Tawhid")
    unit = names.organization("6th Division", _span("6th Division"), "org/syrian-army")
    assert unit.entity.key == "org/6th-armoured-division-syria"  # unique: no qualifier
    assert unit.entity.label == "6th Armoured Division"


def test_a_linked_place_is_the_gazetteers_place_its_title_names(names):
    place = names.place("Anadan", _span("Anadan"))
    assert (place.entity.key, place.place_type) == ("place/anadan", "town")
    assert place.entity.page == "Anadan, Syria"


def test_people_conflicts_and_sources_by_their_titles(names):
    person = names.person("Kaka", "Kaka", _span("Kaka"))
    assert (person.key, person.label, person.page) == (
        "person/kaka-general", "Kaká", "Kaká (general)"
    )  # fmt: skip
    unlinked = names.person("Ali Saleh", "Ali Saleh", None)
    assert (unlinked.key, unlinked.page) == ("person/ali-saleh", None)
    war = names.conflict(Entity("conflict/aleppo-battle", "Aleppo battle", "Aleppo battle",
                                _span("Aleppo battle")))  # fmt: skip
    assert (war.key, war.label) == (
        "conflict/battle-of-aleppo-2012-2016", "Battle of Aleppo (2012–2016)"
    )  # fmt: skip
    source = names.source(Entity("source/sohr-x", "Sohr", "Sohr", _span("Sohr")))
    assert (source.key, source.label) == ("source/sohr", "Syrian Observatory for Human Rights")


def test_names_of_titles():
    assert plain_name("6th Armoured Division (Syria)") == "6th Armoured Division"
    assert plain_name("Anadan, Syria") == "Anadan, Syria"
    assert plain_name("Anadan, Syria", comma=True) == "Anadan"
    assert plain_name("(2012)") == "(2012)"


# --- the page's IRI --------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, iri",
    [
        ("Free Syrian Army", "https://en.wikipedia.org/wiki/Free_Syrian_Army"),
        ("People's Protection Units", "https://en.wikipedia.org/wiki/People%27s_Protection_Units"),
        (
            "Battle of Aleppo (2012–2016)",
            "https://en.wikipedia.org/wiki/Battle_of_Aleppo_(2012%E2%80%932016)",
        ),
        ("Kobanî", "https://en.wikipedia.org/wiki/Koban%C3%AE"),
        ("AT&T", "https://en.wikipedia.org/wiki/AT%26T"),
        ("What?", "https://en.wikipedia.org/wiki/What%3F"),
        ("Anadan, Syria", "https://en.wikipedia.org/wiki/Anadan,_Syria"),
        ("Syria: A History", "https://en.wikipedia.org/wiki/Syria:_A_History"),
    ],
)
def test_a_pages_iri_is_written_as_wikipedia_writes_it(title, iri):
    assert str(wikipedia_page(title)) == iri


# --- in the graph ----------------------------------------------------------------------

ARTICLE = """{{Infobox military conflict
| conflict = Battle of Tell Sawan
| date = 3 March 2015
| place = [[Tell Sawan]], [[Syria]]
| combatant1 = [[Free Syrian Army|FSA]]
| combatant2 = [[Syrian Army]]
| commander1 = [[Colonel|Col.]] [[Yusuf Haddad (officer)|Yusuf Haddad]]
}}
On 3 March 2015, the [[Free Syrian Army]] attacked the [[Syrian Army|army]] in Tell Sawan.
"""


@pytest.fixture(scope="module")
def linked_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("links") / "Battle_of_Tell_Sawan.wiki"
    path.write_text(ARTICLE, encoding="utf-8")
    result = build_graph([path])
    assert result.violations == ()
    return result.graph


def test_every_linked_entity_is_the_primary_topic_of_its_page(linked_graph):
    found = rows(
        linked_graph,
        "SELECT ?s ?page WHERE { ?s foaf:isPrimaryTopicOf ?page } ORDER BY ?s",
    )
    assert [(s.rsplit("/resource/", 1)[1], page) for s, page in found] == [
        ("org/free-syrian-army", "https://en.wikipedia.org/wiki/Free_Syrian_Army"),
        ("org/syrian-army", "https://en.wikipedia.org/wiki/Syrian_Army"),
        ("person/yusuf-haddad-officer", "https://en.wikipedia.org/wiki/Yusuf_Haddad_(officer)"),
        ("place/syria", "https://en.wikipedia.org/wiki/Syria"),
        ("place/tell-sawan", "https://en.wikipedia.org/wiki/Tell_Sawan"),
    ]


def test_mentions_linking_one_article_are_one_resource_with_both_spellings(linked_graph):
    found = rows(
        linked_graph,
        """SELECT ?label ?alt WHERE {
            organization:free-syrian-army rdfs:label ?label ; skos:altLabel ?alt }""",
    )
    assert found == [("Free Syrian Army", "FSA")]
    spans = rows(
        linked_graph,
        "SELECT ?a WHERE { organization:free-syrian-army prov:wasDerivedFrom/nif:anchorOf ?a }",
    )
    assert sorted(a for (a,) in spans) == ["FSA", "Free Syrian Army"]


def test_an_unlinked_mention_of_a_plain_text_article_has_no_page(seed_graph):
    assert rows(seed_graph, "SELECT ?s WHERE { ?s foaf:isPrimaryTopicOf ?p }") == []


def test_without_a_sidecar_the_title_is_the_files_name(tmp_path):
    path = tmp_path / "other-name.wiki"
    path.write_text(ARTICLE, encoding="utf-8")
    graph = build_graph([Path(path)]).graph
    assert rows(graph, "SELECT ?t WHERE { ?c a nif:Context ; dcterms:title ?t }") == [
        ("other-name",)
    ]
    assert len(rows(graph, "SELECT ?s WHERE { ?s foaf:isPrimaryTopicOf ?p }")) == 5
