"""pyshacl-turbo, the build's SHACL engine, against pySHACL, the reference: the same faults.

Every graph the shape tests break (``tests/test_shapes.py``: each shape's break, the
variants and the anchor that is not its slice), the graph of every input that once
failed the fuzzer (``fuzz/regressions/``) and of every article of the test corpus
(``data/articles``, ``data/corpus``, ``tests/fixtures``, plain text and wikitext, one by
one and all together) goes
through both engines as the build hands it over, N-Triples text. They must agree on
whether it conforms and on the set of (focus node, shape) of its violations, and
print the same violation lines.
"""

from __future__ import annotations

import io
import sys
import threading
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from conftest import FIXTURES
from rdflib import Graph
from test_shapes import BREAKS, NOT_ITS_SLICE, VARIANTS, broken

from aleppo_kg.build import validate
from aleppo_kg.build.pipeline import BuildOptions, build_graph
from aleppo_kg.build.validate import (
    ENGINES,
    Violation,
    settled,
    usable,
    validate_graph,
    validate_later,
)
from aleppo_kg.build.write import ntriples
from aleppo_kg.cli import main
from aleppo_kg.errors import InputError
from aleppo_kg.resources import data_path, default_article

ROOT = Path(__file__).resolve().parents[1]
REGRESSIONS = sorted((ROOT / "fuzz" / "regressions").glob("*.txt"))
CORPUS = sorted(
    [
        *data_path("articles").glob("*.txt"),
        *data_path("corpus").glob("*.txt"),
        *FIXTURES.rglob("*.txt"),
        *FIXTURES.rglob("*.wiki"),
    ]
)
UPDATES = {
    **{f"break-{shape}": update for shape, update in BREAKS.items()},
    **{f"variant-{n}-{shape}": update for n, (shape, update) in enumerate(VARIANTS)},
    "not-its-slice": NOT_ITS_SLICE,
}


def _faults(violations: list[Violation]) -> set[tuple[str, str]]:
    return {(v.focus, v.shape) for v in violations}


def _same_on_both(graph: Graph) -> list[Violation]:
    """Both engines on ``graph``'s N-Triples: one verdict, one set of (focus, shape)."""
    text = "".join(ntriples(graph))
    reference = validate_graph(text, engine="pyshacl")
    compiled = validate_graph(text, engine="turbo")
    assert bool(compiled) == bool(reference)
    assert _faults(compiled) == _faults(reference)
    assert compiled == reference  # messages and paths too: the same lines whatever the engine
    return reference


def _unvalidated(paths: list[Path]) -> Graph:
    return build_graph(paths, BuildOptions(validate=False)).graph


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_engines_agree_on_each_broken_graph(full_graph, name):
    assert _same_on_both(broken(full_graph, UPDATES[name]))  # and it is broken


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_engines_agree_on_inputs_that_once_failed_the_fuzzer(path):
    try:
        graph = _unvalidated([path])
    except InputError:  # refused before any graph: nothing to validate
        pytest.skip("not an article")
    _same_on_both(graph)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_engines_agree_on_each_article_of_the_corpus(path):
    assert not _same_on_both(_unvalidated([path]))


def test_engines_agree_on_the_corpus_as_one_graph():
    # the bundled article's wikitext is that article again: one graph refuses a title twice
    once = [p for p in CORPUS if p.suffix == ".txt" or p.stem != default_article().stem]
    assert not _same_on_both(_unvalidated(once))


def test_validate_command_prints_the_same_with_either_engine(tmp_path, full_graph):
    """The command reads a Turtle file into an rdflib graph: the other way into the engines."""
    data = tmp_path / "broken.ttl"
    broken(full_graph, BREAKS["FigureShape"]).serialize(data, format="turtle")
    printed = {}
    for engine in ENGINES:
        out = io.StringIO()
        with redirect_stderr(out):
            assert main(["validate", str(data), "--engine", engine]) == 1
        printed[engine] = out.getvalue()
    assert printed["turbo"] == printed["pyshacl"]
    assert "[FigureShape]" in printed["turbo"]


def test_without_pyshacl_turbo_the_build_falls_back_with_one_notice(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyshacl_turbo", None)  # `import` now raises ImportError
    usable.cache_clear()
    monkeypatch.setattr(validate, "_compiled", lambda shapes: pytest.fail("turbo was used"))
    try:
        result = build_graph([FIXTURES / "three_sides.txt"])
        assert validate_graph(result.graph, engine="turbo") == []
    finally:
        usable.cache_clear()
    notice = capsys.readouterr().err.splitlines()
    assert len(notice) == 1 and "pyshacl-turbo cannot be imported" in notice[0], notice
    assert result.violations == ()


def test_a_turbo_without_its_text_input_reads_the_text_as_a_graph(monkeypatch, full_graph):
    """Should a pyshacl-turbo release drop ``Input`` (undocumented), the text goes the public
    way, as an rdflib graph, and the verdict is the same."""
    import pyshacl_turbo

    text = ntriples(broken(full_graph, BREAKS["FigureShape"]))
    direct = validate_graph("".join(text), engine="turbo")
    monkeypatch.delattr(pyshacl_turbo, "Input")
    assert validate_graph("".join(text), engine="turbo") == direct != []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_verdict_from_the_validating_thread_is_the_one_found_at_once(full_graph, engine):
    """validate_later: the build's thread gives each text's own violations, in order."""
    graphs = [broken(full_graph, BREAKS[shape]) for shape in sorted(BREAKS)[:2]] + [full_graph]
    texts = ["".join(ntriples(graph)) for graph in graphs]
    pending = [validate_later(text, engine) for text in texts]
    expected = [tuple(validate_graph(text, engine=engine)) for text in texts]
    assert [settled(verdict) for verdict in pending] == expected
    assert all(expected[:2]) and expected[-1] == ()


def test_turbo_validations_side_by_side_find_what_they_find_one_by_one(full_graph):
    """The build validates a graph and its description at once (pyshacl-turbo is not locked):
    three threads on broken and whole graphs get each graph's own violations."""
    graphs = [broken(full_graph, BREAKS[shape]) for shape in sorted(BREAKS)[:2]] + [full_graph]
    texts = ["".join(ntriples(graph)) for graph in graphs]
    expected = [validate_graph(text, engine="turbo") for text in texts]
    found: list[bool] = []

    def validate_each() -> None:
        for _ in range(3):
            for text, faults in zip(texts, expected, strict=True):
                found.append(validate_graph(text, engine="turbo") == faults)

    threads = [threading.Thread(target=validate_each) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [True] * 27 and all(expected[:2])
