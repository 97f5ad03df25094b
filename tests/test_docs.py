"""``aleppo-kg docs``: every term on the page with its text and alignments, the diagram, freshness.

What the page must show is worked out here from the ontology with rdflib, independently of
the renderer, and looked for in the written page parsed as XML (the page is well-formed).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection

from aleppo_kg import cli
from aleppo_kg.errors import InputError
from aleppo_kg.publish.ontology_docs.diagram import render_svg
from aleppo_kg.resources import ontology_file

ROOT = Path(__file__).resolve().parents[1]
TINY = Path(__file__).parent / "fixtures" / "tiny_ontology.ttl"
VANN = Namespace("http://purl.org/vocab/vann/")
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ALIGNMENTS = (
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.inverseOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.relatedMatch,
)
FILES = ("index.html", "diagram.svg", "diagram.dot")


def render(folder: Path, *args: str) -> Path:
    """``aleppo-kg docs`` into ``folder``; returns the folder."""
    assert cli.main(["docs", "-o", str(folder), *args]) == 0
    return folder


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    """``aleppo-kg docs`` with no arguments, run in an empty folder: the default output."""
    folder = tmp_path_factory.mktemp("docs")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        assert cli.main(["docs"]) == 0
    return folder / "docs" / "ontology"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    return render(tmp_path_factory.mktemp("tiny"), "--ontology", str(TINY))


@pytest.fixture(params=["bundled", "tiny"])
def case(request) -> tuple[Graph, Path]:
    """(the ontology, read by the test itself; the folder its docs were written to)."""
    source = ontology_file() if request.param == "bundled" else TINY
    graph = Graph(bind_namespaces="none").parse(source, format="turtle")
    return graph, request.getfixturevalue(request.param)


def namespace(graph: Graph) -> str:
    return str(graph.value(graph.value(None, RDF.type, OWL.Ontology), VANN.preferredNamespaceUri))


def href(graph: Graph, iri: URIRef) -> str:
    """Where the page must link a term: its anchor for the ontology's own, else its IRI."""
    own = namespace(graph)
    return "#" + iri.removeprefix(own) if iri.startswith(own) else str(iri)


def members(graph: Graph, node) -> list[URIRef]:
    """A named class, or the members of an owl:unionOf."""
    if isinstance(node, BNode):
        return list(Collection(graph, graph.value(node, OWL.unionOf)))
    return [node]


def name(graph: Graph, iri: URIRef) -> str:
    """The prefixed name with the file's own prefixes, or ``<iri>`` when none covers it."""
    try:
        return graph.namespace_manager.curie(iri, generate=False)
    except KeyError:
        return f"<{iri}>"


def page(folder: Path) -> dict[str, ET.Element]:
    """The page's elements by id (asserting that the ids are unique)."""
    elements = [e for e in ET.parse(folder / "index.html").iter() if e.get("id")]
    ids = {e.get("id"): e for e in elements}
    assert len(ids) == len(elements), "an id is used twice"
    return ids


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def hrefs(element: ET.Element) -> set[str]:
    return {a.get("href") for a in element.iter("a")}


def rows(element: ET.Element) -> dict[str, ET.Element]:
    """A term's ``<dl>``: each ``<dt>`` text -> its ``<dd>``."""
    items = list(element.find("dl"))
    return {dt.text: dd for dt, dd in zip(items[::2], items[1::2], strict=True)}


def terms(graph: Graph) -> list[URIRef]:
    """The classes, object and datatype properties of the ontology's own namespace."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    found = {t for k in kinds for t in graph.subjects(RDF.type, k) if isinstance(t, URIRef)}
    return sorted(t for t in found if t.startswith(namespace(graph)))


def test_every_term_has_its_label_comment_alignments_domain_and_range(case):
    graph, folder = case
    ids = page(folder)
    assert len(terms(graph)) >= 6
    for term in terms(graph):
        entry = ids[href(graph, term).removeprefix("#")]
        for predicate in (RDFS.label, RDFS.comment):
            english = [v for v in graph.objects(term, predicate) if v.language == "en"]
            assert " ".join(english[0].split()) in text(entry), (term, predicate)
        targets = [o for p in ALIGNMENTS for o in graph.objects(term, p)]
        for predicate in (RDFS.domain, RDFS.range):
            targets += [m for o in graph.objects(term, predicate) for m in members(graph, o)]
        assert {href(graph, target) for target in targets} <= hrefs(entry), term


def test_external_terms_are_listed_with_their_alignments(case):
    graph, folder = case
    ids = page(folder)
    external = {
        (s, o)
        for p in ALIGNMENTS
        for s, o in graph.subject_objects(p)
        if isinstance(s, URIRef) and not s.startswith(namespace(graph))
    }
    assert external
    for subject, target in external:
        entry = ids[name(graph, subject)]
        assert str(subject) in hrefs(entry)
        assert href(graph, target) in hrefs(entry)


def test_a_union_domain_shows_both_members(bundled, tiny):
    domain = rows(page(bundled)["hasCombatant"])["domain"]
    assert text(domain) == "akg:Side or akg:Faction"
    assert hrefs(domain) == {"#Side", "#Faction"}
    union = rows(page(tiny)["sailsTo"])["range"]
    assert text(union) == "ex:Port or <http://example.net/other#Harbour>"


def test_classes_show_where_they_are_used(bundled):
    side = rows(page(bundled)["Side"])
    assert {"#hasCombatant", "#hasFaction", "#sideNumber"} <= hrefs(side["domain of"])
    assert {"#hasSide", "#figureFor"} <= hrefs(side["range of"])
    figure = rows(page(bundled)["Figure"])
    assert hrefs(figure["superclass of"]) == {
        "#LossFigure",
        "#ParticipantFigure",
        "#StrengthFigure",
    }


def test_characteristics_inverses_and_language(tiny):
    ids = page(tiny)
    assert text(rows(ids["sailsTo"])["characteristics"]) == "functional"
    assert hrefs(rows(ids["hasCrew"])["inverse of"]) == {"#crewOf"}
    assert "Schiff" not in text(ids["Ship"])  # the English label, not the German one


def test_prefixed_names_in_comments_link_only_to_documented_terms(tiny):
    comment = page(tiny)["Ship"].findall("p")[1]
    assert hrefs(comment) == {"#sailsTo", "http://example.com/ext/Vehicle"}
    assert "ex:undeclared" in text(comment)


def test_every_link_on_the_page_leads_to_an_entry(case):
    _, folder = case
    ids = page(folder)
    root = ET.parse(folder / "index.html").getroot()
    local = {a.get("href") for a in root.iter("a")} | {a.get(XLINK_HREF) for a in root.iter()}
    anchors = {h.split("#", 1)[1] for h in local if h and h.startswith(("#", "index.html#"))}
    assert anchors and anchors <= set(ids)


def diagram(svg: ET.Element) -> tuple[set[str], set[tuple[str, str]]]:
    """Graphviz's SVG -> the node titles and the (tail->head, label) of each edge."""
    groups = list(svg.iter(f"{SVG}g"))
    nodes = {g.findtext(f"{SVG}title") for g in groups if g.get("class") == "node"}
    edges = {
        (g.findtext(f"{SVG}title"), "".join(t.text for t in g.iter(f"{SVG}text")))
        for g in groups
        if g.get("class") == "edge"
    }
    return nodes, edges


def test_diagram_has_every_class_and_an_edge_per_object_property(case):
    graph, folder = case
    nodes, edges = diagram(ET.parse(folder / "diagram.svg").getroot())
    own = namespace(graph)
    classes = [t for t in graph.subjects(RDF.type, OWL.Class) if t.startswith(own)]
    assert {name(graph, c) for c in classes} <= nodes
    expected = {
        (f"{name(graph, tail)}->{name(graph, head)}", name(graph, prop))
        for prop in graph.subjects(RDF.type, OWL.ObjectProperty)
        if prop.startswith(own)
        for tail in members(graph, graph.value(prop, RDFS.domain, default=OWL.Thing))
        for head in members(graph, graph.value(prop, RDFS.range, default=OWL.Thing))
    }
    expected |= {
        (f"{name(graph, c)}->{name(graph, superclass)}", "")
        for c in classes
        for superclass in graph.objects(c, RDFS.subClassOf)
    }
    assert edges == expected
    inline = ET.parse(folder / "index.html").getroot().find(f".//{SVG}svg")
    assert diagram(inline) == (nodes, edges)


def without_svg(html: str) -> str:
    """The page without the Graphviz drawing, which may differ between Graphviz versions."""
    return re.sub(r"<svg.*</svg>", "<svg/>", html, flags=re.DOTALL)


def test_committed_docs_equal_a_fresh_render(bundled):
    committed = ROOT / "docs" / "ontology"
    stale = "docs/ontology is stale: run `aleppo-kg docs` and commit it"
    assert (committed / "diagram.dot").read_text() == (bundled / "diagram.dot").read_text(), stale
    fresh_page = (bundled / "index.html").read_text(encoding="utf-8")
    assert without_svg((committed / "index.html").read_text(encoding="utf-8")) == without_svg(
        fresh_page
    ), stale
    committed_svg = ET.parse(committed / "diagram.svg").getroot()
    assert diagram(committed_svg) == diagram(ET.parse(bundled / "diagram.svg").getroot()), stale


def test_two_renders_are_identical(tiny, tmp_path):
    again = render(tmp_path, "--ontology", str(TINY))
    for file in FILES:
        assert (again / file).read_bytes() == (tiny / file).read_bytes(), file


def tiny_with(old: str, new: str) -> str:
    """The tiny ontology's text with one edit (which must apply)."""
    text = TINY.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


CREW_DOMAIN = "rdfs:domain ex:Crew ;"
# (file text, what the one-line error must say)
BROKEN = {
    "not Turtle": ("this is not Turtle", "not valid Turtle"),
    "no ontology": ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .", "owl:Ontology"),
    "no namespace": (
        tiny_with("vann:preferredNamespaceUri", "rdfs:seeAlso"),
        "vann:preferredNamespaceUri",
    ),
    "a restriction as domain": (
        tiny_with(CREW_DOMAIN, "rdfs:domain [ a owl:Restriction ; owl:onProperty ex:crewOf ] ;"),
        "ex:crewOf: an anonymous class",
    ),
    "two domains": (
        tiny_with(CREW_DOMAIN, "rdfs:domain ex:Crew , ex:Port ;"),
        "ex:crewOf: 2 values of rdfs:domain",
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_ontology_exits_2_and_writes_nothing(name, tmp_path, capsys):
    turtle, message = BROKEN[name]
    source = tmp_path / "broken.ttl"
    source.write_text(turtle, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["docs", "-o", str(out), "--ontology", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aleppo-kg: error: ") and err.count("\n") == 1, err
    assert message in err and "broken.ttl" in err, err
    assert not out.exists()


def test_a_missing_ontology_exits_2(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["docs", "-o", str(out), "--ontology", str(tmp_path / "none.ttl")]) == 2
    assert "none.ttl: no such file" in capsys.readouterr().err
    assert not out.exists()


def test_without_graphviz_exits_2_with_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "out"
    assert cli.main(["docs", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Graphviz" in err and "apt-get install graphviz" in err, err
    assert not out.exists()


def test_graphviz_failing_is_an_input_error():
    with pytest.raises(InputError, match="Graphviz could not draw the diagram"):
        render_svg("digraph {")
