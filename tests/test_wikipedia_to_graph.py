"""From a Wikipedia page to a graph and its Wikidata proposals, through the stub APIs.

``fetch`` gets a page's wikitext from the stub MediaWiki, ``build`` reads it, and
``link --online`` asks the stub Wikidata for the items of the pages the article links:
the path a user takes with a real title, offline. The page is the hand-written fixture
with every template (tests/fixtures/wikitext/Battle_of_Qasr_Bayda.wiki).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import wikimedia_stub
from conftest import CLI

WIKITEXT = Path(__file__).parent / "fixtures" / "wikitext" / "Battle_of_Qasr_Bayda.wiki"
PREFIXES = """PREFIX akg: <https://w3id.org/aleppo-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@pytest.fixture()
def stub(stub, monkeypatch):
    """The stub, knowing the battle's page and the item of one group it links."""
    page = (201, 777001, "2024-06-01T00:00:00Z", WIKITEXT.read_text(encoding="utf-8"))
    monkeypatch.setitem(wikimedia_stub.PAGES, "Battle of Qasr Bayda", page)
    monkeypatch.setitem(wikimedia_stub.ENTITIES, "Q1006", ("Al-Nusra Front", ["Q9001"], []))
    return stub


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )


def _select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(PREFIXES + query)]


def test_a_fetched_page_builds_and_its_links_are_proposed(stub, tmp_path):
    fetched = _run(tmp_path, "fetch", "--api", f"{stub.base}/w/api.php", "--interval", "0",
                   "Battle of Qasr Bayda", "-o", "articles")  # fmt: skip
    assert fetched.returncode == 0, fetched.stderr
    wiki = tmp_path / "articles" / "battle-of-qasr-bayda.wiki"
    assert wiki.read_text(encoding="utf-8") == WIKITEXT.read_text(encoding="utf-8")

    built = _run(tmp_path, "build", str(wiki), "-o", "graph.ttl")
    assert built.returncode == 0, built.stderr
    store = ox.Store()
    store.load(path=str(tmp_path / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    # fates from {{KIA}}, {{WIA}}, {{POW}}
    fates = _select(store, "SELECT ?n ?f WHERE { ?c akg:commander/rdfs:label ?n ; akg:fate ?f }")
    assert {(name, fate.rsplit("/", 1)[1]) for name, fate in fates} == {
        ("Hassan Darwish", "killed-in-action"),
        ("Samir Kanaan", "wounded-in-action"),
        ("Abu Khalid al-Hamawi", "captured"),
    }
    # the pages the article links, and the revision the text is
    pages = dict(
        _select(store, "SELECT ?l ?p WHERE { ?r foaf:isPrimaryTopicOf ?p ; rdfs:label ?l }")
    )
    assert pages["Al-Nusra Front"] == "https://en.wikipedia.org/wiki/Al-Nusra_Front"
    (source,) = _select(store, "SELECT ?s WHERE { ?c a nif:Context ; prov:wasDerivedFrom ?s }")
    assert source[0].endswith("title=Battle_of_Qasr_Bayda&oldid=777001")
    # every span slices the rendered text
    spans = _select(
        store,
        """SELECT ?text ?b ?e ?a WHERE { ?s nif:referenceContext ?c ;
        nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a . ?c nif:isString ?text }""",
    )
    assert spans and all(text[int(b) : int(e)] == a for text, b, e, a in spans)

    linked = _run(tmp_path, "link", "--online", "--data", "graph.ttl", "--interval", "0",
                  *stub.link_options(), "--proposals", "proposals.tsv")  # fmt: skip
    assert linked.returncode == 0, linked.stderr
    proposals = (tmp_path / "proposals.tsv").read_text(encoding="utf-8").splitlines()
    nusra = [row.split("\t") for row in proposals if row.startswith("org/al-nusra-front\t")]
    assert [row[1] for row in nusra] == ["Q1006"]
    assert "enwiki sitelink of 'Al-Nusra Front'" in nusra[0][-1]
