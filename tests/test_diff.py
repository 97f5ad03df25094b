"""aleppo-kg diff: the change log between two builds, by their stable IRIs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aleppo_kg import cli
from aleppo_kg.resources import default_article

AZAZ_20 = "figure:2012-aleppo-governorate-clashes-2012-08-15-air-drone-strike-azaz-1"


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "aleppo.ttl"
    assert cli.main(["build", "-o", str(out)]) == 0
    return out


def diff(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["diff", *args])
    return code, capsys.readouterr().out


def test_two_builds_of_one_article_say_the_same(tmp_path, seed, capsys):
    again = tmp_path / "again.nt"
    assert cli.main(["build", "--format", "nt", "-o", str(again)]) == 0
    capsys.readouterr()
    code, out = diff(capsys, str(seed), str(again))
    assert (code, out) == (0, "no changes\n")


def test_an_edited_figure_is_the_only_change(tmp_path, seed, capsys):
    """Edit one figure of the article ("at least 20 people" -> "at least 25 people"), rebuild:
    the diff names that figure and what changed in it, and nothing else (offsets shift)."""
    text = default_article().read_text(encoding="utf-8")
    assert text.count("killing at least 20 people") == 1
    edited = tmp_path / "2012_Aleppo_Governorate_clashes.txt"
    edited.write_text(text.replace("killing at least 20 people", "killing at least 25 people"))
    new = tmp_path / "edited.ttl"
    assert cli.main(["build", str(edited), "-o", str(new)]) == 0
    capsys.readouterr()
    code, out = diff(capsys, str(seed), str(new), "--json")
    assert code == 1
    changes = json.loads(out)["changes"]
    assert {c["resource"] for c in changes} == {AZAZ_20}
    by_property = {c["property"]: (c["old"], c["new"]) for c in changes}
    assert by_property == {
        "akg:minCount": (['"20"'], ['"25"']),
        "akg:asWritten": (['"at least 20 people"'], ['"at least 25 people"']),
        "rdfs:label": (['"Loss: at least 20 people"'], ['"Loss: at least 25 people"']),
    }


def test_added_removed_and_linked(tmp_path, seed, capsys):
    text = seed.read_text(encoding="utf-8")
    assert text.count("owl:sameAs wd:Q214064") == 1
    edited = text.replace("owl:sameAs wd:Q214064", "owl:sameAs wd:Q1")
    # a place removed: Tel Selour's own triples dropped (its event still names it)
    start = edited.index("place:tel-selour a sem:Place")
    end = edited.index(" .\n", start) + 3
    new = tmp_path / "new.ttl"
    new.write_text(edited[:start] + edited[end:], encoding="utf-8")
    code, out = diff(capsys, str(seed), str(new))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split() == ["kind", "change", "resource", "property", "old", "->", "new"]
    assert any(line.split()[:3] == ["place", "removed", "place:tel-selour"] for line in lines)
    link = next(line for line in lines if line.startswith("link"))
    assert link.split() == [
        "link", "changed", "place:aleppo-governorate", "owl:sameAs", "wd:Q214064", "->", "wd:Q1"
    ]  # fmt: skip


def test_provenance_is_compared_by_the_spans_text(tmp_path, seed, capsys):
    code, out = diff(capsys, str(seed), str(seed), "--provenance", "--json")
    assert (code, json.loads(out)) == (0, {"same": True, "changes": []})


@pytest.mark.parametrize("content", [b"", b"not turtle <<<", b"\xff\xfe"])
def test_an_unreadable_graph_is_exit_2(tmp_path, seed, capsys, content):
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(content)
    if not content:  # an empty file is a graph with no triples: everything was removed
        assert cli.main(["diff", str(seed), str(bad)]) == 1
        return
    assert cli.main(["diff", str(seed), str(bad)]) == 2
    assert capsys.readouterr().err.startswith("aleppo-kg: error: ")


def test_a_missing_graph_is_exit_2(tmp_path, seed, capsys):
    assert cli.main(["diff", str(seed), str(tmp_path / "none.ttl")]) == 2
    assert "no such file" in capsys.readouterr().err
