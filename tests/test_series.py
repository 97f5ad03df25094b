"""Many articles, one graph: merged resources, provenance kept apart, parallel builds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import FIXTURES, LEXICON, rows
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from aleppo_kg import cli
from aleppo_kg.build import options, pipeline, runs
from aleppo_kg.build.link import Link
from aleppo_kg.build.map import map_extractions
from aleppo_kg.build.reading import read_article
from aleppo_kg.build.validate import settled
from aleppo_kg.build.write import write_graph
from aleppo_kg.cli.progress import ProgressBar
from aleppo_kg.errors import InputError
from aleppo_kg.vocab import AKR

SERIES = FIXTURES / "series"
FIRST = SERIES / "2012_tell_hamra_clashes.txt"
SECOND = SERIES / "2013_kafr_sultan_offensive.txt"
PLACE = AKR["place/maarrat-sultan"]


@pytest.fixture(scope="module")
def series() -> pipeline.BuildResult:
    result = pipeline.build_graph([SERIES], pipeline.BuildOptions(named=True))
    assert not result.violations, result.violations
    return result


def _edited(article: Path, target: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of ``article`` at ``target`` with each (old, new) text replaced."""
    text = article.read_text(encoding="utf-8")
    for old, new in replacements:
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


def _contexts_of(graph: Graph, node: URIRef) -> set[str]:
    return {
        str(context)
        for (context,) in rows(
            graph,
            f"SELECT ?c WHERE {{ <{node}> prov:wasDerivedFrom/nif:referenceContext ?c }}",
        )
    }


def test_a_folder_builds_every_article_in_it(series):
    assert series.articles == 2
    titles = rows(series.graph, "SELECT ?t WHERE { ?c a nif:Context ; dcterms:title ?t }")
    assert sorted(t for (t,) in titles) == ["2012 Tell Hamra clashes", "2013 Kafr Sultan offensive"]


def test_a_place_both_articles_name_is_one_resource_with_both_spellings(series):
    graph = series.graph
    assert list(graph.objects(PLACE, RDFS.label)) == [Literal("Ma'arrat Sultan", lang="en")]
    assert list(graph.objects(PLACE, SKOS.altLabel)) == [Literal("Maarrat Sultan", lang="en")]
    assert _contexts_of(graph, PLACE) == {
        str(AKR["text/2012-tell-hamra-clashes"]),
        str(AKR["text/2013-kafr-sultan-offensive"]),
    }


def test_the_first_article_fixes_the_label():
    reversed_order = pipeline.build_graph([SECOND, FIRST]).graph
    assert list(reversed_order.objects(PLACE, RDFS.label)) == [Literal("Maarrat Sultan", lang="en")]


def test_a_person_commanding_in_both_conflicts_is_one_person_with_two_commands(series):
    found = rows(
        series.graph,
        """SELECT ?conflict ?rank WHERE {
            ?command akg:commander person:munir-saadeh ; akg:rank/rdfs:label ?rank ;
                     akg:side/akg:sideOf/rdfs:label ?conflict }""",
    )
    assert sorted(found) == [
        ("2012 Tell Hamra clashes", "Colonel"),
        ("2013 Kafr Sultan offensive", "Brigadier General"),
    ]
    assert len(list(series.graph.objects(AKR["person/munir-saadeh"], RDFS.label))) == 1


def test_the_same_group_is_an_actor_of_both_conflicts(series):
    query = "SELECT ?c WHERE { ?c a akg:Conflict ; sem:hasActor organization:free-syrian-army }"
    found = rows(series.graph, query)
    assert len(found) == 2


def test_each_article_has_its_named_graph_and_their_union_is_the_graph(series, tmp_path):
    out = tmp_path / "series.trig"
    write_graph(series.merged, out, "trig", lambda: series.graph)
    dataset = Dataset()
    dataset.parse(out, format="trig")
    named = {g.identifier: g for g in dataset.graphs() if len(g)}
    first, second = AKR["graph/2012-tell-hamra-clashes"], AKR["graph/2013-kafr-sultan-offensive"]
    assert set(named) == {first, second}
    assert _contexts_of(named[first], PLACE) == {str(AKR["text/2012-tell-hamra-clashes"])}
    union = Graph()
    for graph in named.values():
        union += graph
    assert set(union) == set(series.graph)


def test_nquads_hold_the_same_quads_as_trig(series, tmp_path):
    write_graph(series.merged, tmp_path / "s.nq", "nquads", lambda: series.graph)
    write_graph(series.merged, tmp_path / "s.trig", "trig", lambda: series.graph)
    quads = Dataset().parse(tmp_path / "s.nq", format="nquads")
    trig = Dataset().parse(tmp_path / "s.trig", format="trig")
    assert set(quads.quads()) == set(trig.quads())


def test_records_naming_one_wikidata_item_are_one_resource(tmp_path):
    other = _edited(
        SECOND,
        tmp_path / "2014_maarat_al_sultan_siege.txt",
        ("2013 Kafr Sultan offensive", "2014 Maarat al-Sultan siege"),
        ("Maarrat Sultan", "Maarat al-Sultan"),
    )
    sandbox = "Q4115189"  # Wikidata's sandbox item: a test value, never real data
    links = {
        key: Link(key, sandbox, None, None, "test")
        for key in ("place/maarrat-sultan", "place/maarat-al-sultan")
    }
    extractions = [read_article(p, LEXICON) for p in (FIRST, other)]
    graph = map_extractions(extractions, LEXICON, links)
    assert (AKR["place/maarat-al-sultan"], None, None) in graph
    assert (AKR["place/maarrat-sultan"], None, None) not in graph
    merged = AKR["place/maarat-al-sultan"]  # the alphabetically first key: order-independent
    assert list(graph.objects(merged, RDFS.label)) == [Literal("Ma'arrat Sultan", lang="en")]
    assert Literal("Maarat al-Sultan", lang="en") in set(graph.objects(merged, SKOS.altLabel))


def test_parallel_build_writes_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(options, "BATCH_SIZE", 1)
    articles = [str(SERIES), str(FIXTURES / "three_sides.txt")]
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.ttl"
        assert cli.main(["build", *articles, "--jobs", jobs, "-o", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    ("dates", "clash"),
    [
        ("5 April – 28 May 2012", ("sem:hasBeginTimeStamp", "violates sh:maxCount 1")),
        ("3 April 2012 – ongoing", ("", "an ongoing conflict has no end day")),  # under sh:or
    ],
)
def test_a_clash_between_batches_is_caught_against_the_merged_graph(
    tmp_path, monkeypatch, dates, clash
):
    """Each batch conforms alone; together they give one conflict two start dates, or an end
    day and 'ongoing'."""
    monkeypatch.setattr(options, "BATCH_SIZE", 1)
    twin = _edited(
        FIRST,
        tmp_path / "twin.txt",
        ("= 2012 Tell Hamra clashes =", "= Tell Hamra fighting ="),
        ("3 April – 28 May 2012", dates),
    )
    result = pipeline.build_graph([FIRST, twin, SECOND])
    clashes = {(v.path, v.message[: len(clash[1])]) for v in result.violations}
    assert clash in clashes
    assert {v.focus for v in result.violations} == {"conflict:2012-tell-hamra-clashes"}


def test_each_batch_validated_beside_the_next_keeps_its_own_verdict(monkeypatch):
    """In one process a batch is validated in a thread while the next is read: the fault of
    the middle batch (a conflict without its label) is reported, and only it."""
    monkeypatch.setattr(options, "BATCH_SIZE", 1)
    real = pipeline.map_articles

    def unlabelled_in_second(linked, lexicon):
        linked = list(linked)
        contributions = real(linked, lexicon)
        if linked[0].extraction.article.path == SECOND:
            contributions = [{t for t in c if t[1] != RDFS.label} for c in contributions]
        return contributions

    monkeypatch.setattr(pipeline, "map_articles", unlabelled_in_second)
    result = pipeline.build_graph([FIRST, SECOND, FIXTURES / "three_sides.txt"])
    faults = [settled(verdict) for verdict in result.verdicts]  # three batches', the cross check
    assert len(faults) == 4
    assert faults[0] == faults[2] == faults[3] == () and faults[1]
    assert result.violations == faults[1]
    assert {v.shape for v in result.violations} == {"LabelShape"}


def test_a_merge_spread_over_many_runs_writes_the_same_bytes(tmp_path, monkeypatch):
    """Memory stays flat because lines go to sorted runs on disk; how many does not matter."""
    articles = [str(SERIES), str(FIXTURES / "three_sides.txt")]
    outputs = []
    for lines in (runs.RUN_LINES, 7):
        monkeypatch.setattr(runs, "RUN_LINES", lines)
        for fmt in ("nt", "trig"):
            out = tmp_path / f"{lines}.{fmt}"
            assert cli.main(["build", *articles, "--format", fmt, "-o", str(out)]) == 0
            outputs.append(out.read_bytes())
    assert outputs[:2] == outputs[2:]


def test_two_articles_with_one_title_are_refused(tmp_path):
    copy = _edited(FIRST, tmp_path / "copy.txt")
    with pytest.raises(InputError, match="same title"):
        pipeline.build_graph([FIRST, copy])


def test_summary_goes_to_stderr_and_no_bar_off_a_terminal(tmp_path, capsys):
    assert cli.main(["build", str(SERIES), "-o", str(tmp_path / "s.ttl")]) == 0
    err = capsys.readouterr().err
    assert "summary: 2 article(s), " in err and " events, " in err and "\r" not in err


def test_progress_bar_counts_articles():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(5, 10)
    bar.finish()
    assert stream.getvalue().startswith("\r[" + "#" * 15 + "." * 15 + "] 5/10 articles")


def test_jobs_must_be_positive(capsys):
    with pytest.raises(SystemExit):
        cli.main(["build", "--jobs", "0"])
    assert "not a positive number" in capsys.readouterr().err


def test_build_path_may_mix_files_and_folders(tmp_path: Path):
    assert options.article_files([SERIES, FIRST]) == [FIRST, SECOND, FIRST]


def test_one_event_two_articles_report_keeps_each_articles_figures(tmp_path):
    """Same day, type and place in two articles: one event, two conflicts, two sets of figures."""
    retold = _edited(
        FIRST,
        tmp_path / "retold.txt",
        ("2012 Tell Hamra clashes", "2012 Idlib countryside clashes"),
        ("killing four civilians", "killing five civilians"),
    )
    result = pipeline.build_graph([FIRST, retold])
    assert not result.violations, result.violations
    found = rows(
        result.graph,
        """SELECT ?event ?conflict ?n WHERE {
            ?event akg:eventType event-type:air-drone-strike ; sem:subEventOf ?conflict .
            ?figure akg:figureFor ?event ; akg:count ?n ;
                    prov:wasDerivedFrom/nif:referenceContext/dcterms:subject ?conflict }""",
    )
    assert len({event for event, _, _ in found}) == 1
    assert {(str(c).rsplit("/", 1)[-1], n) for _, c, n in found} == {
        ("2012-tell-hamra-clashes", 4),
        ("2012-idlib-countryside-clashes", 5),
    }


def test_a_bad_article_in_a_worker_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    """An unreadable article stops a parallel build the same way as a serial one."""
    monkeypatch.setattr(options, "BATCH_SIZE", 1)
    _edited(FIRST, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text("= No infobox =\n\nJust prose.\n", encoding="utf-8")
    out = tmp_path / "out" / "series.ttl"
    assert cli.main(["build", str(tmp_path), "--jobs", "2", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"aleppo-kg: error: {tmp_path / 'b.txt'}: no 'Infobox' block"]
    assert not out.exists()


def test_a_battle_sits_under_the_conflict_its_partof_names_the_same_resource(tmp_path):
    """Partof "the 2012 Tell Hamra clashes (Early insurgency ...)" names the other
    article's own conflict: one resource, with that article's dates."""
    parent = _edited(
        SERIES / "2012_tell_hamra_clashes.txt",
        tmp_path / "parent.txt",
        ("- Conflict: 2012 Tell Hamra clashes", "- Conflict: Tell Hamra clashes (2012)"),
    )
    child = _edited(
        SERIES / "2013_kafr_sultan_offensive.txt",
        tmp_path / "child.txt",
        (
            "- Partof: the Syrian civil war",
            "- Partof: the Tell Hamra clashes (2012) and the Syrian civil war",
        ),
    )
    graph = pipeline.build_graph([parent, child]).graph
    found = rows(
        graph,
        """SELECT ?label ?begin WHERE {
            conflict:2013-kafr-sultan-offensive sem:subEventOf ?p . ?p rdfs:label ?label .
            OPTIONAL { ?p sem:hasEarliestBeginTimeStamp ?begin } } ORDER BY ?label""",
    )
    assert [(label, begin is not None) for label, begin in found] == [
        ("Syrian civil war", False),
        ("Tell Hamra clashes (2012)", True),
    ]
