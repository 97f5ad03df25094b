"""The dataset description (output/void.ttl): its values against the graph it describes.

Every expected value is computed here from the written graph (rdflib) or from
the sidecars the test writes, never read back from the description's own code.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURES, QUERY_PREFIXES
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from aleppo_kg import cli
from aleppo_kg.build import describe, pipeline
from aleppo_kg.build.describe import describe_graph
from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.build.validate import load_shapes, validate_graph
from aleppo_kg.resources import default_article, void_shapes_file
from aleppo_kg.vocab import DUMP_BASE

ROOT = Path(__file__).resolve().parents[1]
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # plain: rdflib's closed ones warn under pytest
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
SH = Namespace("http://www.w3.org/ns/shacl#")
RESOURCE = "https://w3id.org/aleppo-kg/resource/"
NO_CREATED = "no dcterms:created: no article's sidecar says when"
SERIES = sorted((FIXTURES / "series").glob("*.txt"))


def _build(tmp: Path, *articles: Path) -> tuple[Graph, Graph]:
    """Build into ``tmp/out/graph.ttl``: the graph and its description (``graph.void.ttl``)."""
    graph_file = tmp / "out" / "graph.ttl"
    assert cli.main(["build", *map(str, articles), "-o", str(graph_file)]) == 0
    return Graph().parse(graph_file), Graph().parse(tmp / "out" / "graph.void.ttl")


def _dataset(void: Graph) -> URIRef:
    (dataset,) = void.subjects(RDF.type, DCAT.Dataset)
    return dataset


def _value(void: Graph, predicate: URIRef):
    return void.value(_dataset(void), predicate).toPython()


def _copy(article: Path, folder: Path, **sidecar: str) -> Path:
    """A copy of a fixture article in ``folder``, with its own sidecar when given one."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / article.name
    shutil.copyfile(article, copy)
    if sidecar:
        copy.with_suffix(".source.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[Graph, Graph, Path]:
    folder = tmp_path_factory.mktemp("seed")
    graph, void = _build(folder, default_article())
    return graph, void, folder / "out" / "graph.ttl"


def test_triples_entities_subjects_and_objects_are_the_graphs(seed):
    graph, void, _ = seed
    subjects = set(graph.subjects())
    assert _value(void, VOID.triples) == len(graph)
    assert _value(void, VOID.distinctSubjects) == len(subjects)
    assert _value(void, VOID.distinctObjects) == len(set(graph.objects()))
    assert _value(void, VOID.entities) == len({s for s in subjects if s.startswith(RESOURCE)})


def test_class_partitions_count_each_class_instances(seed):
    graph, void, _ = seed
    dataset = _dataset(void)
    found = {
        void.value(part, VOID["class"]): void.value(part, VOID.entities).toPython()
        for part in void.objects(dataset, VOID.classPartition)
    }
    expected = {
        cls: len(set(graph.subjects(RDF.type, cls))) for cls in graph.objects(None, RDF.type)
    }
    assert found == expected
    assert found[URIRef("https://schema.org/Person")] == 4
    assert _value(void, VOID.classes) == len(expected)


def test_property_partitions_count_each_property_triples(seed):
    graph, void, _ = seed
    found = {
        void.value(part, VOID.property): void.value(part, VOID.triples).toPython()
        for part in void.objects(_dataset(void), VOID.propertyPartition)
    }
    assert found == {p: len(list(graph.triples((None, p, None)))) for p in set(graph.predicates())}
    assert _value(void, VOID.properties) == len(found)


def test_partitions_are_iris_under_the_dataset(seed):
    _, void, _ = seed
    dataset = _dataset(void)
    parts = [
        *void.objects(dataset, VOID.classPartition),
        *void.objects(dataset, VOID.propertyPartition),
    ]
    assert parts and all(isinstance(p, URIRef) and p.startswith(f"{dataset}/") for p in parts)


def test_vocabularies_are_the_namespaces_of_the_terms_used(seed):
    graph, void, _ = seed
    vocabularies = {str(v) for v in void.objects(_dataset(void), VOID.vocabulary)}
    terms = {str(t) for t in (*graph.predicates(), *graph.objects(None, RDF.type))}
    assert all(any(term.startswith(v) for v in vocabularies) for term in terms)
    assert all(any(term.startswith(v) for term in terms) for v in vocabularies)
    assert "http://purl.org/pav/" in vocabularies and RESOURCE not in vocabularies


def test_licence_source_and_created_are_the_seeds_sidecar(seed):
    _, void, _ = seed
    sidecar = json.loads(default_article().with_suffix(".source.json").read_text("utf-8"))
    dataset = _dataset(void)
    assert set(void.objects(dataset, DCTERMS.license)) == {URIRef(sidecar["license"])}
    assert set(void.objects(dataset, DCTERMS.source)) == {URIRef(sidecar["source"])}
    created = void.value(dataset, DCTERMS.created)
    assert created.datatype == DATE and created.toPython() == date.fromisoformat(
        sidecar["retrieved"]
    )


def test_dump_is_the_graph_files_name_under_the_projects_dump_iri(seed):
    _, void, graph_file = seed
    text = (graph_file.parent / "graph.void.ttl").read_text(encoding="utf-8")
    assert "@base" not in text and str(graph_file.parent) not in text and "file:" not in text
    dump = URIRef(DUMP_BASE + "graph.ttl")
    dataset = _dataset(void)
    assert void.value(dataset, VOID.dataDump) == dump
    distribution = void.value(dataset, DCAT.distribution)
    assert void.value(distribution, DCAT.downloadURL) == dump
    assert str(void.value(distribution, DCAT.mediaType)).endswith("/text/turtle")


def test_endpoint_is_where_serve_listens_by_default(seed):
    _, void, _ = seed
    serve = cli._parser().parse_args(["serve"])
    expected = URIRef(f"http://{serve.host}:{serve.port}/sparql")
    assert void.value(_dataset(void), VOID.sparqlEndpoint) == expected


def test_temporal_coverage_is_the_conflicts_dates(seed):
    graph, void, _ = seed
    ((begin, end),) = graph.query(
        QUERY_PREFIXES
        + """
        SELECT (MIN(?b) AS ?begin) (MAX(?e) AS ?end) WHERE {
            ?c a akg:Conflict ; sem:hasEarliestBeginTimeStamp ?b ; sem:hasLatestEndTimeStamp ?e }"""
    )
    period = void.value(_dataset(void), DCTERMS.temporal)
    assert void.value(period, DCAT.startDate) == begin
    assert void.value(period, DCAT.endDate) == end


def test_example_resources_are_in_the_graph_and_include_the_conflict(seed):
    graph, void, _ = seed
    examples = set(void.objects(_dataset(void), VOID.exampleResource))
    (article_conflict,) = graph.objects(None, DCTERMS.subject)
    assert article_conflict in examples
    assert len(examples) >= 4 and all((e, None, None) in graph for e in examples)


def test_licence_source_and_date_come_from_the_articles_sidecar(tmp_path):
    article = _copy(
        FIXTURES / "us_dates.txt",
        tmp_path / "in",
        source="https://example.org/wiki/Battle_of_Wadi_Sirin",
        license="https://creativecommons.org/licenses/by/4.0/",
        retrieved="2025-03-01",
    )
    _, void = _build(tmp_path, article)
    dataset = _dataset(void)
    assert set(void.objects(dataset, DCTERMS.source)) == {
        URIRef("https://example.org/wiki/Battle_of_Wadi_Sirin")
    }
    assert set(void.objects(dataset, DCTERMS.license)) == {
        URIRef("https://creativecommons.org/licenses/by/4.0/")
    }
    assert void.value(dataset, DCTERMS.created) == Literal("2025-03-01", datatype=DATE)


def test_two_articles_give_both_sources_and_the_later_retrieval_date(tmp_path):
    first, second = SERIES
    articles = [
        _copy(first, tmp_path / "in", source="https://example.org/a", retrieved="2025-06-30"),
        _copy(second, tmp_path / "in", source="https://example.org/b", retrieved="2024-01-15"),
    ]
    graph, void = _build(tmp_path, *articles)
    dataset = _dataset(void)
    assert set(void.objects(dataset, DCTERMS.source)) == {
        URIRef("https://example.org/a"),
        URIRef("https://example.org/b"),
    }
    assert void.value(dataset, DCTERMS.created) == Literal("2025-06-30", datatype=DATE)
    assert _value(void, VOID.triples) == len(graph)
    title = str(void.value(dataset, DCTERMS.title))
    assert "2 Wikipedia articles" in title and "Tell Hamra" in title and "Kafr Sultan" in title


def test_no_retrieval_date_leaves_created_out_with_a_warning(tmp_path, capsys):
    _, void = _build(tmp_path, FIXTURES / "us_dates.txt")
    assert void.value(_dataset(void), DCTERMS.created) is None
    warnings = [line for line in capsys.readouterr().err.splitlines() if NO_CREATED in line]
    assert warnings == [
        f"aleppo-kg: warning: {tmp_path / 'out' / 'graph.void.ttl'}: {NO_CREATED} its text "
        'was retrieved (add "retrieved": "YYYY-MM-DD" to each ARTICLE.source.json; aleppo-kg '
        "fetch writes it)"
    ]


def test_stdout_names_the_graph_then_the_description(tmp_path, capsys):
    void_file = tmp_path / "meta" / "description.ttl"
    code = cli.main(
        ["build", "-o", str(tmp_path / "g.nt"), "--format", "nt", "--void", str(void_file)]
    )
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"wrote {tmp_path / 'g.nt'}: ")
    assert lines[1:] == [f"wrote {void_file}"]
    void = Graph().parse(void_file)
    distribution = void.value(_dataset(void), DCAT.distribution)
    assert void.value(distribution, DCAT.downloadURL) == URIRef(DUMP_BASE + "g.nt")
    assert str(void.value(distribution, DCAT.mediaType)).endswith("/application/n-triples")


def test_base_url_names_where_the_dump_is_published(tmp_path):
    output = tmp_path / "g.ttl"
    assert cli.main(["build", "-o", str(output), "--base-url", "https://example.org/kg"]) == 0
    void = Graph().parse(tmp_path / "g.void.ttl")
    dump = URIRef("https://example.org/kg/g.ttl")
    assert void.value(_dataset(void), VOID.dataDump) == dump


@pytest.mark.parametrize(
    "url", ["file:///tmp/x/", "example.org/kg", "https://a b/", "http://x/<y>"]
)
def test_a_base_url_that_is_not_an_http_url_is_refused(tmp_path, capsys, url):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["build", "-o", str(tmp_path / "g.ttl"), "--base-url", url])
    assert stopped.value.code == 2
    assert "not an http(s) URL" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_rebuilds_are_byte_identical_wherever_they_are_written(tmp_path):
    first, second = tmp_path / "one" / "graph.ttl", tmp_path / "elsewhere" / "x" / "graph.ttl"
    for output in (first, second):
        assert cli.main(["build", "-o", str(output)]) == 0
    description = "graph.void.ttl"
    assert (first.parent / description).read_bytes() == (second.parent / description).read_bytes()


def test_committed_description_equals_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build"]) == 0
    committed = ROOT / "output" / "void.ttl"
    assert committed.read_bytes() == (tmp_path / "output" / "void.ttl").read_bytes(), (
        "output/void.ttl is stale: run `aleppo-kg build` and commit it"
    )


def test_a_graph_with_violations_writes_no_description(monkeypatch, tmp_path, capsys):
    real = pipeline.map_articles
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")

    def unlabelled(linked, lexicon):
        return [{t for t in triples if t[1] != label} for triples in real(linked, lexicon)]

    monkeypatch.setattr(pipeline, "map_articles", unlabelled)
    assert cli.main(["build", "-o", str(tmp_path / "graph.ttl")]) == 1
    assert list(tmp_path.iterdir()) == []
    assert f"{tmp_path / 'graph.void.ttl'} are unchanged" in capsys.readouterr().err


def test_a_description_with_violations_writes_neither_file(monkeypatch, tmp_path, capsys):
    real = describe.map_dataset

    def untitled(description):
        return {t for t in real(description) if t[1] != DCTERMS.title}

    monkeypatch.setattr(describe, "map_dataset", untitled)
    assert cli.main(["build", "-o", str(tmp_path / "graph.ttl")]) == 1
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err
    assert "DatasetShape" in err and "the dataset description violates its shapes" in err


# --- the description's shapes -------------------------------------------------------

VOIDSH = "https://w3id.org/aleppo-kg/shapes/void#"
PREFIXES = (
    QUERY_PREFIXES
    + """
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
"""
)

BREAKS = {
    "DatasetShape": """DELETE { ?d dcterms:license ?l } WHERE {
        ?d a dcat:Dataset ; dcterms:license ?l }""",
    "ClassPartitionShape": """DELETE { ?p void:entities ?n } WHERE {
        ?d void:classPartition ?p . ?p void:entities ?n }""",
    "PropertyPartitionShape": """DELETE { ?p void:property ?q } WHERE {
        ?d void:propertyPartition ?p . ?p void:property ?q }""",
    "DistributionShape": """DELETE { ?x dcat:mediaType ?m }
        INSERT { ?x dcat:mediaType <https://example.org/turtle> }
        WHERE { ?x dcat:mediaType ?m }""",
    "AgentShape": "DELETE { ?a rdfs:label ?l } WHERE { ?a a prov:SoftwareAgent ; rdfs:label ?l }",
    "PeriodShape": """DELETE { ?p dcat:startDate ?s }
        INSERT { ?p dcat:startDate "2099-01-01"^^xsd:date }
        WHERE { ?p dcat:startDate ?s }""",
}


@pytest.fixture(scope="module")
def description() -> Graph:
    """The seed's description as the build validates it, before it is written."""
    result = build_graph([default_article()])
    built = describe_graph(result.merged.union, Path("aleppo.ttl"))
    assert built.violations == ()
    return Graph().parse(data="".join(built.lines), format="nt")


def _broken(graph: Graph, update: str) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    copy.update(PREFIXES + update)
    assert set(copy) != set(graph), "the break changed nothing"
    return copy


def _shapes_violated(graph: Graph) -> set[str]:
    return {v.shape for v in validate_graph(graph, shapes=void_shapes_file())}


@pytest.mark.parametrize("shape", sorted(BREAKS))
def test_description_shape_rejects_its_broken_description(description, shape):
    assert shape in _shapes_violated(_broken(description, BREAKS[shape]))


def test_every_description_shape_has_a_breaking_case():
    shapes = load_shapes(void_shapes_file())
    targeted = {
        str(s).removeprefix(VOIDSH)
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if any((s, p, None) in shapes for p in (SH.targetClass, SH.targetObjectsOf))
    }
    assert targeted == set(BREAKS)


@pytest.mark.parametrize(
    "update, message",
    [
        ("DELETE { ?d void:triples ?n } WHERE { ?d a dcat:Dataset ; void:triples ?n }", None),
        (
            """DELETE { ?d void:triples ?n } INSERT { ?d void:triples -1 }
            WHERE { ?d a dcat:Dataset ; void:triples ?n }""",
            None,
        ),
        (
            """DELETE { ?d void:triples ?n } INSERT { ?d void:triples ?m }
            WHERE { ?d a dcat:Dataset ; void:triples ?n BIND(?n + 1 AS ?m) }""",
            "sum of",
        ),
        (
            """DELETE { ?d void:classes ?n } INSERT { ?d void:classes ?m }
            WHERE { ?d a dcat:Dataset ; void:classes ?n BIND(?n - 1 AS ?m) }""",
            "class partitions",
        ),
        (
            """DELETE { ?d void:properties ?n } INSERT { ?d void:properties ?m }
            WHERE { ?d a dcat:Dataset ; void:properties ?n BIND(?n + 2 AS ?m) }""",
            "property partitions",
        ),
        ("DELETE { ?d void:vocabulary ?v } WHERE { ?d void:vocabulary ?v }", None),
        ("DELETE { ?d dcterms:source ?s } WHERE { ?d a dcat:Dataset ; dcterms:source ?s }", None),
        (
            """DELETE { ?d void:sparqlEndpoint ?e } INSERT { ?d void:sparqlEndpoint "127.0.0.1" }
            WHERE { ?d void:sparqlEndpoint ?e }""",
            None,
        ),
        (
            """DELETE { ?d void:classPartition ?p } INSERT { ?d void:classPartition _:p }
            WHERE { ?d void:classPartition ?p FILTER(STRENDS(STR(?p), "akg-Side")) }""",
            None,
        ),
        (
            """INSERT { ?d dcterms:created "24 November 2026" }
            WHERE { ?d a dcat:Dataset }""",
            None,
        ),
    ],
)
def test_dataset_shape_rejects_broken_statistics_and_links(description, update, message):
    broken = _broken(description, update)
    found = [
        v for v in validate_graph(broken, shapes=void_shapes_file()) if v.shape == "DatasetShape"
    ]
    assert found, validate_graph(broken, shapes=void_shapes_file())
    if message:
        assert any(message in v.message for v in found), found
