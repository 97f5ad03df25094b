"""The command line: build, validate, stats; determinism; bad input never leaves output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLI
from rdflib import RDF, RDFS, Graph

from aleppo_kg import cli
from aleppo_kg.build import pipeline
from aleppo_kg.resources import default_article
from aleppo_kg.vocab import AKR

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the installed console script's module, as a user would."""
    return subprocess.run(
        [*CLI, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def default_build(tmp_path_factory) -> Path:
    """``aleppo-kg build`` with no arguments, run in an empty folder."""
    folder = tmp_path_factory.mktemp("build")
    done = run("build", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "output" / "aleppo.ttl"


def test_build_without_arguments_writes_the_default_output(default_build):
    assert default_build.is_file()
    assert b"@prefix akg: <https://w3id.org/aleppo-kg/ontology#>" in default_build.read_bytes()


def test_two_builds_are_byte_identical(default_build, tmp_path):
    second = tmp_path / "again.ttl"
    assert cli.main(["build", "-o", str(second)]) == 0
    assert second.read_bytes() == default_build.read_bytes()


def test_committed_output_equals_a_fresh_build(default_build):
    committed = ROOT / "output" / "aleppo.ttl"
    assert committed.read_bytes() == default_build.read_bytes(), (
        "output/aleppo.ttl is stale: run `aleppo-kg build` and commit it"
    )


def test_build_several_articles_into_one_file(tmp_path):
    out = tmp_path / "series.ttl"
    fixtures = Path(__file__).parent / "fixtures"
    code = cli.main(
        ["build", str(default_article()), str(fixtures / "us_dates.txt"), "-o", str(out)]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "conflict:2012-aleppo-governorate-clashes" in text
    assert "conflict:battle-of-wadi-sirin" in text


def test_the_summary_counts_what_the_written_graph_labels(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    assert cli.main(["build", "-o", str(out), str(default_article())]) == 0
    graph = Graph().parse(out)
    labelled = {str(s) for s in graph.subjects(RDFS.label, None)}

    def count(kind: str) -> int:
        return len({s for s in labelled if s.startswith(f"{AKR}{kind}/")})

    summary = capsys.readouterr().err.splitlines()[-1]
    assert (
        f"{count('place')} places, {count('org')} organisations, {count('person')} people, "
        f"{len(graph)} triples" in summary
    ), summary


def test_validate_accepts_the_build_and_rejects_a_broken_file(default_build, tmp_path, capsys):
    assert cli.main(["validate", str(default_build)]) == 0
    broken = tmp_path / "broken.ttl"
    text = default_build.read_text(encoding="utf-8")
    broken.write_text(text.replace('rdfs:label "Azaz"@en ;', ""), encoding="utf-8")
    assert cli.main(["validate", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "place:azaz" in err and "LabelShape" in err


def test_stats_counts_triples_and_instances(default_build, capsys):
    assert cli.main(["stats", str(default_build)]) == 0
    lines = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert int(lines["triples"]) > 1000
    assert int(lines["schema:Person"]) == 4
    assert int(lines["akg:Side"]) == 2
    assert int(lines["akg:TerritorialChange"]) == 9


@pytest.mark.parametrize("command", [[], ["build"], ["validate"], ["stats"]])
def test_help_describes_each_command(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: aleppo-kg" in capsys.readouterr().out


def test_build_refuses_a_non_conforming_graph(monkeypatch, tmp_path, capsys):
    """A mapper bug that breaks the shapes must not reach the output file."""
    real = pipeline.map_articles

    def broken_mapper(linked, lexicon):
        from rdflib import URIRef

        # nothing typed (every shape target vanishes) but one place, which has no label
        contributions = [
            {t for t in triples if t[1] != RDF.type} for triples in real(linked, lexicon)
        ]
        place = URIRef("https://w3id.org/aleppo-kg/resource/place/x")
        contributions[0].add(
            (place, RDF.type, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Place"))
        )
        return contributions

    monkeypatch.setattr(pipeline, "map_articles", broken_mapper)
    out = tmp_path / "out.ttl"
    out.write_text("previous", encoding="utf-8")
    assert cli.main(["build", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "previous"
    assert "LabelShape" in capsys.readouterr().err
    # written while the graph was being validated, then removed: no description, no leftovers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]


# --- bad input ---------------------------------------------------------------------


def test_an_unreadable_date_falls_back_with_a_warning_naming_the_field(tmp_path):
    """Lenient: the title has no year, so the dates are the years the article writes."""
    article = _case(tmp_path, "bad date")
    out = tmp_path / "out" / "graph.ttl"
    done = run("build", str(article), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "line 6 (Date): skipped 'February 30, 2012 – June 30, 2012'" in done.stderr
    assert "the conflict's dates are the years the article writes, 2012–2012" in done.stderr
    assert out.is_file()


def test_keep_going_skips_an_unreadable_article_and_exits_3(tmp_path):
    good = tmp_path / "series" / "good.txt"
    good.parent.mkdir()
    good.write_text(GOOD, encoding="utf-8")
    (tmp_path / "series" / "bad.txt").write_text("= Bad =\n\nno infobox\n", encoding="utf-8")
    out = tmp_path / "out" / "graph.ttl"
    stopped = run("build", str(good.parent), "-o", str(out), cwd=tmp_path)
    assert stopped.returncode == 2 and not out.exists()
    done = run("build", str(good.parent), "-o", str(out), "--keep-going", cwd=tmp_path)
    assert done.returncode == 3
    errors = [line for line in done.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "bad.txt" in errors[0] and "(article skipped)" in errors[0]
    assert "from 1 article(s)" in done.stdout and out.is_file()


GOOD = (Path(__file__).parent / "fixtures" / "us_dates.txt").read_text(encoding="utf-8")


def _case(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "article.txt"
    if name == "missing":
        return tmp_path / "nowhere.txt"
    if name == "directory":
        return tmp_path
    content: bytes = {
        "empty": b"",
        "not utf-8": GOOD.encode("utf-8").replace(b"Wadi", b"W\xe4di", 1),
        "no infobox": GOOD.replace("Infobox\n", "").encode("utf-8"),
        "line without colon": GOOD.replace("- Result: Stalemate", "- Result Stalemate").encode(),
        "count not a number": GOOD.replace("4,000 soldiers", "4,0x0 soldiers").encode(),
        "bad date": GOOD.replace("March 5, 2012", "February 30, 2012").encode(),
        "no title": GOOD.split("\n", 1)[1].encode(),
    }[name]
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "name, flags, expected",
    [
        ("missing", [], "no such file"),
        ("directory", [], "a folder with no .txt or .wiki articles"),
        ("empty", [], "empty file"),
        ("not utf-8", [], "not UTF-8"),
        ("no infobox", [], "no 'Infobox' block"),
        ("no title", [], "expected a '= Title =' line first"),
        ("bad date", ["--strict"], "no such day: 'February 30, 2012'"),
        (
            "line without colon",
            ["--strict"],
            "line 8: cannot read '- Result Stalemate': infobox line is not '- Key: Value'",
        ),
        (
            "count not a number",
            ["--strict"],
            "line 15 (Strength2): cannot read '4,0x0 soldiers': '4,0x0' is not a number",
        ),
    ],
)
def test_bad_input_one_line_error_exit_2_no_output(tmp_path, name, flags, expected):
    """File-level problems always; an unreadable item or date with --strict."""
    article = _case(tmp_path, name)
    out = tmp_path / "out" / "graph.ttl"
    done = run("build", str(article), "-o", str(out), *flags, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith("aleppo-kg: error: ") and expected in lines[0]
    assert str(article) in lines[0]
    assert not out.exists()


@pytest.mark.parametrize(
    "name, warning, kept, lost",
    [
        (
            "count not a number",
            "line 15 (Strength2): skipped '4,0x0 soldiers': '4,0x0' is not a number",
            'akg:asWritten "112 soldiers killed"',
            'akg:asWritten "4,0x0 soldiers"',
        ),
        (
            "line without colon",
            "line 8: skipped '- Result Stalemate': infobox line is not '- Key: Value'",
            'akg:asWritten "4,000 soldiers"',
            "dbo:result",
        ),
    ],
)
def test_unreadable_item_is_skipped_with_a_warning_by_default(tmp_path, name, warning, kept, lost):
    """Lenient by default: the warning names the line and the item; the rest is written."""
    article = _case(tmp_path, name)
    out = tmp_path / "graph.ttl"
    done = run("build", str(article), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"aleppo-kg: warning: {article}: {warning}" in done.stderr.splitlines()
    text = out.read_text(encoding="utf-8")
    assert kept in text and "conflict:battle-of-wadi-sirin" in text
    assert lost not in text


def test_damaged_article_yields_what_it_can_and_strict_refuses_it(tmp_path):
    article = Path(__file__).parent / "fixtures" / "damaged.txt"
    out = tmp_path / "graph.ttl"
    done = run("build", str(article), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    warnings = [
        w.removeprefix(f"aleppo-kg: warning: {article}: ")
        for w in done.stderr.splitlines()
        if w.startswith("aleppo-kg: warning: ")
    ]
    assert warnings == [
        "line 7: skipped '- Result Stalemate': infobox line is not '- Key: Value'",
        "line 5 (Date): skipped '30 February 2014 – 12 May 2014': no such day: '30 February 2014'",
        "line 5 (Date): the conflict's dates are the year in the title, 2014",
        "line 10 (Strength1): skipped '4,0x0 fighters': '4,0x0' is not a number",
        "line 12 (Casualties1): skipped 'heavy losses': no number in it",
        "line 13 (Casualties2): skipped '3,000 - 2,000 soldiers killed': "
        "range '3,000 - 2,000' runs backwards",
        # not the article's: the dataset description has no creation date without a sidecar
        f"aleppo-kg: warning: {tmp_path / 'graph.void.ttl'}: no dcterms:created: no article's "
        'sidecar says when its text was retrieved (add "retrieved": "YYYY-MM-DD" to each '
        "ARTICLE.source.json; aleppo-kg fetch writes it)",
    ]
    # every warning printed is counted, the description's included
    assert f"{len(warnings)} warning(s)" in done.stderr.splitlines()[-1]
    assert out.is_file()
    strict = run("build", str(article), "-o", str(tmp_path / "s.ttl"), "--strict", cwd=tmp_path)
    assert strict.returncode == 2 and not (tmp_path / "s.ttl").exists()
    assert strict.stderr.strip().splitlines() == [
        f"aleppo-kg: error: {article}: line 7: cannot read '- Result Stalemate': "
        "infobox line is not '- Key: Value'"
    ]


def test_bad_input_keeps_the_previous_output_intact(tmp_path):
    out = tmp_path / "graph.ttl"
    out.write_text("previous build", encoding="utf-8")
    assert cli.main(["build", str(_case(tmp_path, "empty")), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "previous build"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_unknown_key_is_a_warning_and_kept_and_strict_makes_it_an_error(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        GOOD.replace("- Result: Stalemate", "- Result: Stalemate\n- Mood: grim"), encoding="utf-8"
    )
    out = tmp_path / "graph.ttl"
    done = run("build", str(article), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0
    assert "warning" in done.stderr and "unknown infobox key 'Mood'" in done.stderr
    assert '"grim"' in out.read_text(encoding="utf-8")
    strict = run(
        "build", str(article), "-o", str(tmp_path / "strict.ttl"), "--strict", cwd=tmp_path
    )
    assert strict.returncode == 2 and not (tmp_path / "strict.ttl").exists()


def test_validate_and_stats_reject_a_file_that_is_not_turtle(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle {", encoding="utf-8")
    for command in ("validate", "stats"):
        done = run(command, str(bad), cwd=tmp_path)
        assert done.returncode == 2 and "not valid Turtle" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_console_script_is_installed():
    assert os.path.basename(sys.executable)  # the interpreter the tests run under
    done = subprocess.run(
        [str(Path(sys.executable).parent / "aleppo-kg"), "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("aleppo-kg ")


def _piped(*args: str, cwd: Path, data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=cwd, input=data, capture_output=True)


def test_build_dash_reads_the_article_from_standard_input(tmp_path):
    article = tmp_path / "article.txt"  # no sidecar, as piped text has none
    source = ROOT / "tests" / "fixtures" / "synthetic" / "battle-of-sirwah-2016.txt"
    article.write_bytes(source.read_bytes())
    done = _piped("build", "-", "-o", "piped.ttl", cwd=tmp_path, data=article.read_bytes())
    assert done.returncode == 0, done.stderr
    from_file = run("build", str(article), "-o", "file.ttl", cwd=tmp_path)
    assert from_file.returncode == 0
    assert (tmp_path / "piped.ttl").read_bytes() == (tmp_path / "file.ttl").read_bytes()


def test_piped_text_without_dash_is_named_not_silently_ignored(tmp_path):
    done = _piped("build", "-o", "g.ttl", cwd=tmp_path, data=b"= Some Title =\n")
    assert done.returncode == 0
    assert b"building the bundled article, not standard input (give '-'" in done.stderr


def test_standard_input_that_is_not_utf8_is_one_line_and_nothing_written(tmp_path):
    done = _piped("build", "-", "-o", "g.ttl", cwd=tmp_path, data=b"\xff\xfe= T =\n")
    assert done.returncode == 2
    assert done.stderr == b"aleppo-kg: error: standard input: not UTF-8 text (invalid start byte)\n"
    assert not (tmp_path / "g.ttl").exists()


def test_the_quick_exit_keeps_the_code_the_output_and_no_temporary_folder(tmp_path):
    """The console script skips the interpreter's teardown: what it printed to a pipe still
    arrives, its exit code is kept, and its temporary folders (standard input's copy, the
    merge's runs) are removed all the same."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    source = ROOT / "tests" / "fixtures" / "synthetic" / "battle-of-sirwah-2016.txt"
    two = ["-", str(default_article())]  # standard input, copied to a temporary file, and a file
    done = subprocess.run(
        [*CLI, "build", *two, "-o", "g.ttl"],
        cwd=tmp_path,
        input=source.read_bytes(),
        capture_output=True,
        env={**_buffered(), "TMPDIR": str(temporary)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().endswith("wrote g.void.ttl\n")
    assert done.stderr.decode().startswith("summary: 2 article(s)")
    assert list(temporary.iterdir()) == []
    refused = subprocess.run(
        [*CLI, "query", "no-such.rq"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and refused.stderr.startswith("aleppo-kg: error: ")


def _buffered() -> dict[str, str]:
    """The environment without PYTHONUNBUFFERED, so that output to a pipe waits in a buffer."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def test_articles_without_o_never_overwrite_the_bundled_graph(tmp_path):
    """One article goes to output/<its title's slug>.ttl, several to output/series.ttl, each
    with its own description beside it; only the bare build writes output/aleppo.ttl."""
    synthetic = ROOT / "tests" / "fixtures" / "synthetic"
    assert run("build", str(synthetic / "battle-of-sirwah-2016.txt"), cwd=tmp_path).returncode == 0
    assert run("build", str(synthetic), cwd=tmp_path).returncode == 0
    written = sorted(p.name for p in (tmp_path / "output").iterdir())
    slug = "battle-of-sirwah-2016"  # its title, "Battle of Sirwah (2016)", as a slug
    assert written == sorted([f"{slug}.ttl", f"{slug}.void.ttl", "series.ttl", "series.void.ttl"])
