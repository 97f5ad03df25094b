"""Every command that reads a graph reads every format `build` writes, by suffix or flag."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aleppo_kg import cli
from aleppo_kg.build.options import FORMATS

ROOT = Path(__file__).resolve().parents[1]
TIMELINE = str(ROOT / "queries" / "01-timeline.rq")


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """The seed built once in every format."""
    folder = tmp_path_factory.mktemp("exports")
    built = {}
    for name, fmt in FORMATS.items():
        path = folder / f"graph{fmt.suffix}"
        void = str(folder / f"void-{name}.ttl")
        assert cli.main(["build", "--format", name, "-o", str(path), "--void", void]) == 0
        built[name] = path
    return built


def _out(capsys, *args: str) -> str:
    capsys.readouterr()
    assert cli.main(list(args)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"turtle"}))
def test_query_stats_and_validate_read_each_format_as_the_turtle(exports, capsys, fmt):
    path, turtle = str(exports[fmt]), str(exports["turtle"])
    query = ["query", TIMELINE, "--format", "csv", "--data"]
    assert _out(capsys, *query, path) == _out(capsys, *query, turtle)
    assert _out(capsys, "stats", path) == _out(capsys, "stats", turtle)
    checked = _out(capsys, "validate", "--engine", "turbo", path)
    assert checked == _out(capsys, "validate", "--engine", "turbo", turtle).replace(turtle, path)


def test_a_file_without_its_formats_suffix_is_read_with_input_format(exports, tmp_path, capsys):
    odd = tmp_path / "graph.data"
    shutil.copyfile(exports["trig"], odd)
    assert cli.main(["stats", str(odd)]) == 2
    assert "--input-format" in capsys.readouterr().err
    assert _out(capsys, "stats", str(odd), "--input-format", "trig") == _out(
        capsys, "stats", str(exports["turtle"])
    )


def test_report_reads_a_trig_export(exports, tmp_path, capsys):
    page = tmp_path / "report.html"
    out = _out(capsys, "report", "--data", str(exports["trig"]), "-o", str(page))
    assert out == _out(capsys, "report", "--data", str(exports["turtle"]), "-o", str(page))


def test_a_missing_query_file_is_one_line_and_exit_2(capsys):
    assert cli.main(["query", "queries/no-such.rq"]) == 2
    assert capsys.readouterr().err == "aleppo-kg: error: queries/no-such.rq: no such query file\n"
    assert cli.main(["query", "no-such.sparql"]) == 2
    assert "no-such.sparql: no such query file" in capsys.readouterr().err


def test_a_sparql_file_is_read_as_a_query_file(exports, tmp_path, capsys):
    query = tmp_path / "timeline.sparql"
    shutil.copyfile(TIMELINE, query)
    data = str(exports["nt"])
    assert _out(capsys, "query", str(query), "--data", data) == _out(
        capsys, "query", TIMELINE, "--data", data
    )


def test_every_file_the_build_writes_validates_with_the_shapes_that_fit_it(exports, capsys):
    """A description is checked against the description's shapes, a graph against the graph's:
    `validate` on any file the tool wrote conforms."""
    for name, path in exports.items():
        description = path.parent / f"void-{name}.ttl"
        for written, shapes in ((path, "aleppo-kg-shapes.ttl"), (description, "void-shapes.ttl")):
            out = _out(capsys, "validate", "--engine", "turbo", str(written))
            assert out.startswith(f"{written}: conforms to {shapes} ("), out


def test_shapes_can_be_named_and_a_description_fails_the_graphs_shapes(exports, capsys):
    description = str(exports["turtle"].parent / "void-turtle.ttl")
    graph_shapes = str(ROOT / "shapes" / "aleppo-kg-shapes.ttl")
    capsys.readouterr()
    assert cli.main(["validate", "--engine", "turbo", description, "--shapes", graph_shapes]) == 1
    assert "needs exactly one rdfs:label" in capsys.readouterr().err


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_shapes_that_are_not_turtle_are_one_line_and_exit_2(exports, tmp_path, capsys, engine):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("sh:NodeShape is what this would be\n", encoding="utf-8")
    capsys.readouterr()
    graph = str(exports["turtle"])
    assert cli.main(["validate", "--engine", engine, graph, "--shapes", str(shapes)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"aleppo-kg: error: {shapes}: not a Turtle shapes file (")
    assert len(err.splitlines()) == 1
